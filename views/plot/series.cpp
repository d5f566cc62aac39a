#include "views/plot/series.h"

#include <algorithm>
#include <cmath>

namespace attend::views::plot {

void ema_smooth(const Values& y, double weight, std::vector<double>& out) {
  out.resize(static_cast<size_t>(std::max(0, y.count)));
  weight = std::clamp(weight, 0.0, 0.999999);
  double m = 0, decay = 1;  // decay = w^k
  for (int i = 0; i < y.count; ++i) {
    const double v = y[i];
    if (!std::isfinite(v)) {
      out[i] = v;
      continue;
    }
    m = m * weight + (1 - weight) * v;
    decay *= weight;
    out[i] = weight == 0 ? v : m / (1 - decay);
  }
}

void decimate_polyline(const ImVec2* in, int n, std::vector<ImVec2>& out) {
  out.clear();
  if (n <= 0) return;
  const float span = in[n - 1].x - in[0].x;
  if (n <= 4 || n <= 2 * (span + 1)) {
    out.assign(in, in + n);
    return;
  }
  int i = 0;
  while (i < n) {
    const float column = std::floor(in[i].x);
    int j = i, lo = i, hi = i;
    while (j < n && std::floor(in[j].x) == column) {
      if (in[j].y < in[lo].y) lo = j;
      if (in[j].y > in[hi].y) hi = j;
      ++j;
    }
    // First, the extremes in the order they happened, last: the outline within the column is kept.
    int keep[4] = {i, std::min(lo, hi), std::max(lo, hi), j - 1};
    int prev = -1;
    for (int k : keep) {
      if (k == prev) continue;
      out.push_back(in[k]);
      prev = k;
    }
    i = j;
  }
}

int nearest_sorted(const Values& x, double target) {
  if (x.empty()) return -1;
  int lo = 0, hi = x.count - 1;
  if (target <= x[lo]) return lo;
  if (target >= x[hi]) return hi;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    if (x[mid] <= target)
      lo = mid;
    else
      hi = mid;
  }
  return (target - x[lo] <= x[hi] - target) ? lo : hi;
}

Range finite_range(const Values& v, bool positive_only) {
  Range r{1, 0};
  bool any = false;
  for (int i = 0; i < v.count; ++i) {
    const double a = v[i];
    if (!std::isfinite(a) || (positive_only && !(a > 0))) continue;
    if (!any) {
      r = {a, a};
      any = true;
    } else {
      r.lo = std::min(r.lo, a);
      r.hi = std::max(r.hi, a);
    }
  }
  return r;
}

void extend(Range& r, const Range& other) {
  if (!other.valid()) return;
  if (!r.valid()) {
    r = other;
    return;
  }
  r.lo = std::min(r.lo, other.lo);
  r.hi = std::max(r.hi, other.hi);
}

}  // namespace attend::views::plot
