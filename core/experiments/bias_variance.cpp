#include "core/experiments/bias_variance.h"

#include <Eigen/Dense>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <string>

#include "core/util/rng.h"

namespace attend::experiments {

double true_function(TrueFunction f, double x) {
  switch (f) {
    case TrueFunction::Linear: return 0.5 + 1.5 * x;
    case TrueFunction::Quadratic: return 1.0 - 2.0 * x * x;
    case TrueFunction::Sine: return std::sin(3.141592653589793 * x);
  }
  return 0;
}

double Poly::operator()(double x) const {
  double v = 0;
  for (size_t k = coef.size(); k-- > 0;) v = v * x + coef[k];  // Horner
  return v;
}

Result<Poly> fit_polynomial(const std::vector<double>& x, const std::vector<double>& y, int degree, double ridge) {
  if (x.size() != y.size()) return make_error("polynomial fit: x and y have different lengths");
  if (x.empty()) return make_error("polynomial fit: no data points");
  if (degree < 0) return make_error("polynomial fit: the degree must be ≥ 0");
  if (!(ridge >= 0)) return make_error("polynomial fit: ridge must be ≥ 0");
  const Eigen::Index n = static_cast<Eigen::Index>(x.size()), p = degree + 1;
  Eigen::MatrixXd V(n + (ridge > 0 ? degree : 0), p);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(V.rows());
  for (Eigen::Index i = 0; i < n; ++i) {
    double v = 1;
    for (Eigen::Index k = 0; k < p; ++k, v *= x[i]) V(i, k) = v;
    b(i) = y[i];
  }
  if (ridge > 0) {  // augment with √ridge·I on the non-constant coefficients
    V.bottomRows(degree).setZero();
    for (int k = 1; k <= degree; ++k) V(n + k - 1, k) = std::sqrt(ridge);
  }
  const Eigen::VectorXd c = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(V).solve(b);
  Poly out;
  out.coef.assign(c.data(), c.data() + c.size());
  return out;
}

PolyData draw_poly_data(const PolySetup& s, int n, uint64_t seed) {
  SplitMix64 g(seed);
  PolyData d;
  for (int i = 0; i < n; ++i) {
    const double x = g.uniform(-1.0, 1.0);
    d.x.push_back(x);
    d.y.push_back(true_function(s.f, x) + s.noise * g.normal());
  }
  return d;
}

namespace {
double mse(const Poly& p, const PolyData& d) {
  double s = 0;
  for (size_t i = 0; i < d.x.size(); ++i) s += (p(d.x[i]) - d.y[i]) * (p(d.x[i]) - d.y[i]);
  return d.x.empty() ? 0.0 : s / static_cast<double>(d.x.size());
}
std::vector<double> even_grid(int n) {
  std::vector<double> g(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) g[i] = n == 1 ? 0.0 : -1.0 + 2.0 * i / (n - 1);
  return g;
}
}  // namespace

DegreeSweep degree_sweep(const PolySetup& s, int max_degree, uint64_t seed, int repeats) {
  ATTEND_ASSERT(max_degree >= 0 && repeats >= 1, "degree_sweep: need max_degree ≥ 0 and repeats ≥ 1");
  SplitMix64 seeds(seed);
  DegreeSweep out;
  out.test = draw_poly_data(s, s.n_test, seeds.next());
  std::vector<std::vector<double>> tr(static_cast<size_t>(max_degree) + 1), te(static_cast<size_t>(max_degree) + 1);
  for (int r = 0; r < repeats; ++r) {
    const PolyData train = draw_poly_data(s, s.n_train, seeds.next());
    if (r == 0) out.train = train;
    for (int d = 0; d <= max_degree; ++d) {
      const Poly p = fit_polynomial(train.x, train.y, d).value();
      tr[d].push_back(mse(p, train));
      te[d].push_back(mse(p, out.test));
      if (r == 0) out.fits.push_back(p);
    }
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
  };
  for (int d = 0; d <= max_degree; ++d) {
    out.degree.push_back(d);
    out.train_mse.push_back(tr[d][0]);
    out.test_mse.push_back(te[d][0]);
    out.median_train_mse.push_back(median(tr[d]));
    out.median_test_mse.push_back(median(te[d]));
  }
  return out;
}

BiasVariance bias_variance(const PolySetup& s, int degree, int resamples, int grid_points, uint64_t seed) {
  ATTEND_ASSERT(resamples >= 2 && grid_points >= 2, "bias_variance: need ≥ 2 resamples and ≥ 2 grid points");
  SplitMix64 seeds(seed);
  BiasVariance bv;
  bv.degree = degree;
  bv.grid_x = even_grid(grid_points);
  for (double x : bv.grid_x) bv.truth.push_back(true_function(s.f, x));
  bv.mean_fit.assign(bv.grid_x.size(), 0.0);
  SplitMix64 fresh(seeds.next());
  double measured = 0;
  for (int r = 0; r < resamples; ++r) {
    const PolyData d = draw_poly_data(s, s.n_train, seeds.next());
    const Poly p = fit_polynomial(d.x, d.y, degree).value();
    std::vector<double> curve;
    for (size_t i = 0; i < bv.grid_x.size(); ++i) {
      const double v = p(bv.grid_x[i]);
      curve.push_back(v);
      bv.mean_fit[i] += v / resamples;
      const double y_new = bv.truth[i] + s.noise * fresh.normal();
      measured += (v - y_new) * (v - y_new);
    }
    bv.fits.push_back(std::move(curve));
  }
  const double G = static_cast<double>(bv.grid_x.size());
  for (size_t i = 0; i < bv.grid_x.size(); ++i) {
    bv.bias2 += (bv.mean_fit[i] - bv.truth[i]) * (bv.mean_fit[i] - bv.truth[i]) / G;
    double var = 0;
    for (const auto& c : bv.fits) var += (c[i] - bv.mean_fit[i]) * (c[i] - bv.mean_fit[i]);
    bv.variance += var / resamples / G;
  }
  bv.noise = s.noise * s.noise;
  bv.measured = measured / (resamples * G);
  return bv;
}

BiasVarianceSweep bias_variance_sweep(const PolySetup& s, int max_degree, int resamples, uint64_t seed) {
  BiasVarianceSweep out;
  for (int d = 0; d <= max_degree; ++d) {
    const BiasVariance bv = bias_variance(s, d, resamples, 101, seed);  // same resamples for every degree
    out.degree.push_back(d);
    out.bias2.push_back(bv.bias2);
    out.variance.push_back(bv.variance);
    out.noise.push_back(bv.noise);
    out.total.push_back(bv.bias2 + bv.variance + bv.noise);
    out.measured.push_back(bv.measured);
  }
  return out;
}

NestedComparison quadratic_vs_linear(PolySetup s, int resamples, uint64_t seed) {
  ATTEND_ASSERT(resamples >= 2, "quadratic_vs_linear: need ≥ 2 resamples");
  s.f = TrueFunction::Linear;
  SplitMix64 seeds(seed);
  const PolyData test = draw_poly_data(s, s.n_test, seeds.next());
  const std::vector<double> grid = even_grid(101);
  std::vector<std::vector<double>> curves1, curves2;
  NestedComparison c;
  c.resamples = resamples;
  for (int r = 0; r < resamples; ++r) {
    const PolyData d = draw_poly_data(s, s.n_train, seeds.next());
    const Poly p1 = fit_polynomial(d.x, d.y, 1).value();
    const Poly p2 = fit_polynomial(d.x, d.y, 2).value();
    const double tr1 = mse(p1, d), tr2 = mse(p2, d), te1 = mse(p1, test), te2 = mse(p2, test);
    c.train_mse_linear += tr1 / resamples;
    c.train_mse_quadratic += tr2 / resamples;
    c.test_mse_linear += te1 / resamples;
    c.test_mse_quadratic += te2 / resamples;
    c.quadratic_wins_train += tr2 < tr1;
    c.quadratic_wins_test += te2 < te1;
    c.quadratic_coef.push_back(p2.coef[2]);
    std::vector<double> a, b;
    for (double x : grid) a.push_back(p1(x)), b.push_back(p2(x));
    curves1.push_back(std::move(a));
    curves2.push_back(std::move(b));
  }
  auto variance = [&](const std::vector<std::vector<double>>& curves) {
    double v = 0;
    for (size_t i = 0; i < grid.size(); ++i) {
      double m = 0, s2 = 0;
      for (const auto& cv : curves) m += cv[i] / resamples;
      for (const auto& cv : curves) s2 += (cv[i] - m) * (cv[i] - m) / resamples;
      v += s2 / static_cast<double>(grid.size());
    }
    return v;
  };
  c.variance_linear = variance(curves1);
  c.variance_quadratic = variance(curves2);
  return c;
}

}  // namespace attend::experiments
