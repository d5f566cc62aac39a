#include "core/train/curves.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/util/files.h"

namespace attend::train {

std::vector<double> smooth_ema(const std::vector<double>& values, double weight) {
  std::vector<double> out(values.size());
  double last = 0;
  int finite_seen = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (!std::isfinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    ++finite_seen;
    const double debias = weight == 0 ? 1.0 : 1.0 - std::pow(weight, finite_seen);
    out[i] = last / debias;
  }
  return out;
}

std::map<std::string, std::pair<double, double>> hyper_diff(const Run& a, const Run& b) {
  std::map<std::string, std::pair<double, double>> d;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& [k, v] : a.hyper) {
    auto it = b.hyper.find(k);
    if (it == b.hyper.end() || it->second != v) d[k] = {v, it == b.hyper.end() ? nan : it->second};
  }
  for (const auto& [k, v] : b.hyper)
    if (!a.hyper.count(k)) d[k] = {nan, v};
  return d;
}

namespace {

// Linear interpolation of (xs, ys) at x; NaN outside the series' range.
double interpolate(const std::vector<double>& xs, const std::vector<double>& ys, double x) {
  if (xs.empty() || x < xs.front() || x > xs.back()) return std::numeric_limits<double>::quiet_NaN();
  auto it = std::lower_bound(xs.begin(), xs.end(), x);
  const size_t j = static_cast<size_t>(it - xs.begin());
  if (xs[j] == x || j == 0) return ys[j];
  const double t = (x - xs[j - 1]) / (xs[j] - xs[j - 1]);
  return ys[j - 1] + t * (ys[j] - ys[j - 1]);
}

}  // namespace

Band aggregate(const std::vector<const Series*>& series, int points) {
  Band b;
  double lo = std::numeric_limits<double>::max(), hi = -lo;
  for (const Series* s : series) {
    if (!s || s->step.empty()) continue;
    lo = std::min(lo, s->step.front());
    hi = std::max(hi, s->step.back());
    ++b.runs;
  }
  if (b.runs == 0 || points < 2) return b;
  for (int i = 0; i < points; ++i) {
    const double x = lo + (hi - lo) * i / (points - 1);
    double sum = 0, sum2 = 0, mn = std::numeric_limits<double>::max(), mx = -mn;
    int n = 0;
    for (const Series* s : series) {
      if (!s || s->step.empty()) continue;
      const double y = interpolate(s->step, s->value, x);
      if (!std::isfinite(y)) continue;
      sum += y;
      sum2 += y * y;
      mn = std::min(mn, y);
      mx = std::max(mx, y);
      ++n;
    }
    if (n == 0) continue;
    const double mean = sum / n;
    const double sd = std::sqrt(std::max(0.0, sum2 / n - mean * mean));
    b.x.push_back(x);
    b.mean.push_back(mean);
    b.lower.push_back(mean - sd);
    b.upper.push_back(mean + sd);
    b.min.push_back(mn);
    b.max.push_back(mx);
  }
  return b;
}

std::pair<double, double> robust_range(const std::vector<const Series*>& series, double ignore_fraction) {
  std::vector<double> v;
  for (const Series* s : series)
    if (s)
      for (double y : s->value)
        if (std::isfinite(y)) v.push_back(y);
  if (v.empty()) return {0.0, 1.0};
  std::sort(v.begin(), v.end());
  const double f = std::clamp(ignore_fraction, 0.0, 0.49);
  const size_t lo = static_cast<size_t>(std::floor(f * (v.size() - 1)));
  const size_t hi = static_cast<size_t>(std::ceil((1 - f) * (v.size() - 1)));
  return {v[lo], v[hi]};
}

std::string runs_to_csv(const std::vector<Run>& runs) {
  std::ostringstream out;
  out.precision(9);
  out << "run,series,step,wall_seconds,value\n";
  auto quoted = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (const Run& r : runs) {
    if (!r.history) continue;
    for (const Series& s : r.history->series)
      for (size_t i = 0; i < s.step.size(); ++i)
        out << quoted(r.name) << ',' << quoted(s.name) << ',' << s.step[i] << ',' << s.wall[i] << ',' << s.value[i]
            << '\n';
  }
  return out.str();
}

Status export_runs_csv(const std::vector<Run>& runs, const std::string& path) {
  return write_file_atomic(path, runs_to_csv(runs));
}

}  // namespace attend::train
