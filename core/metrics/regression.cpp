#include "core/metrics/regression.h"

#include <cmath>

#include "core/util/assert.h"

namespace attend::metrics {
namespace {
void check(const std::vector<double>& a, const std::vector<double>& b, const char* who) {
  ATTEND_ASSERT(a.size() == b.size(), who);
  ATTEND_ASSERT(!a.empty(), "regression metric: y_true is empty");
}
double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}
}  // namespace

double mean_squared_error(const std::vector<double>& y, const std::vector<double>& p) {
  check(y, p, "mean_squared_error: y_true and y_pred have different lengths");
  double s = 0;
  for (size_t i = 0; i < y.size(); ++i) s += (y[i] - p[i]) * (y[i] - p[i]);
  return s / static_cast<double>(y.size());
}

double root_mean_squared_error(const std::vector<double>& y, const std::vector<double>& p) {
  return std::sqrt(mean_squared_error(y, p));
}

double mean_absolute_error(const std::vector<double>& y, const std::vector<double>& p) {
  check(y, p, "mean_absolute_error: y_true and y_pred have different lengths");
  double s = 0;
  for (size_t i = 0; i < y.size(); ++i) s += std::abs(y[i] - p[i]);
  return s / static_cast<double>(y.size());
}

double r2_score(const std::vector<double>& y, const std::vector<double>& p) {
  check(y, p, "r2_score: y_true and y_pred have different lengths");
  const double m = mean(y);
  double ss_res = 0, ss_tot = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    ss_res += (y[i] - p[i]) * (y[i] - p[i]);
    ss_tot += (y[i] - m) * (y[i] - m);
  }
  if (ss_tot == 0) return ss_res == 0 ? 1.0 : 0.0;
  return 1.0 - ss_res / ss_tot;
}

double explained_variance(const std::vector<double>& y, const std::vector<double>& p) {
  check(y, p, "explained_variance: y_true and y_pred have different lengths");
  std::vector<double> r(y.size());
  for (size_t i = 0; i < y.size(); ++i) r[i] = y[i] - p[i];
  const double mr = mean(r), my = mean(y);
  double vr = 0, vy = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    vr += (r[i] - mr) * (r[i] - mr);
    vy += (y[i] - my) * (y[i] - my);
  }
  if (vy == 0) return vr == 0 ? 1.0 : 0.0;
  return 1.0 - vr / vy;
}

}  // namespace attend::metrics
