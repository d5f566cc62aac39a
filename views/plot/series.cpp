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
    // w^k reaches denormals after a few thousand points, where arithmetic is a hundred times slower; it is
    // 0 to double precision long before that.
    decay = decay < 1e-18 ? 0.0 : decay * weight;
    out[i] = weight == 0 ? v : m / (1 - decay);
  }
}

void ColumnDecimator::flush() {
  if (!m_open) return;
  // First, the extremes in the order they happened, last: the outline within the column is kept.
  const Kept& a = m_lo.index < m_hi.index ? m_lo : m_hi;
  const Kept& b = m_lo.index < m_hi.index ? m_hi : m_lo;
  long prev = -1;
  const Kept* order[4] = {&m_first, &a, &b, &m_last};
  for (const Kept* k : order) {
    if (k->index == prev) continue;
    m_out.push_back(k->p);
    prev = k->index;
  }
  m_open = false;
}

void decimate_polyline(const ImVec2* in, int n, std::vector<ImVec2>& out) {
  out.clear();
  ColumnDecimator d(out);
  for (int i = 0; i < n; ++i) d.add(in[i]);
  d.flush();
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

namespace {
template <class T>
Range typed_range(const T* p, int n, int stride, bool positive_only) {
  Range r{1, 0};
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < n; ++i) {
    const double a = p[static_cast<long>(i) * stride];
    if (!std::isfinite(a) || (positive_only && !(a > 0))) continue;
    lo = std::min(lo, a);
    hi = std::max(hi, a);
  }
  if (hi >= lo) r = {lo, hi};
  return r;
}
}  // namespace

Range finite_range(const Values& v, bool positive_only) {
  if (v.empty()) return Range{1, 0};
  // One loop per element type: the per-element type test of Values[] costs more than the comparison.
  return v.f64 ? typed_range(static_cast<const double*>(v.data), v.count, v.stride, positive_only)
               : typed_range(static_cast<const float*>(v.data), v.count, v.stride, positive_only);
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
