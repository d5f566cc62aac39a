#include "core/experiments/regression_family.h"

#include <Eigen/Dense>
#include <cmath>

#include "core/classic/elastic_net.h"
#include "core/classic/linear.h"
#include "core/util/rng.h"

namespace attend::experiments {
namespace {

struct Sample {
  classic::Matrix X;
  std::vector<double> y;
};

Sample draw(const CollinearitySetup& s, double rho, int n, SplitMix64& g) {
  Sample d;
  d.X = classic::Matrix(n, 2);
  const double c = std::sqrt(std::max(0.0, 1 - rho * rho));
  for (int i = 0; i < n; ++i) {
    const double x1 = g.normal(), x2 = rho * x1 + c * g.normal();
    d.X(i, 0) = x1;
    d.X(i, 1) = x2;
    d.y.push_back(s.b1 * x1 + s.b2 * x2 + s.noise * g.normal());
  }
  return d;
}

double test_mse(const classic::LinearModel& m, const Sample& t) {
  const std::vector<double> p = classic::predict(m, t.X);
  double e = 0;
  for (size_t i = 0; i < p.size(); ++i) e += (p[i] - t.y[i]) * (p[i] - t.y[i]);
  return e / static_cast<double>(p.size());
}

}  // namespace

std::vector<CollinearityPoint> collinearity_sweep(const CollinearitySetup& s, const std::vector<double>& rhos,
                                                  uint64_t seed) {
  ATTEND_ASSERT(s.n >= 4 && s.repeats >= 2, "collinearity_sweep: need n ≥ 4 and repeats ≥ 2");
  std::vector<CollinearityPoint> out;
  for (double rho : rhos) {
    ATTEND_ASSERT(rho > -1 && rho < 1, "collinearity_sweep: ρ must lie strictly between −1 and 1");
    SplitMix64 g(seed);  // the same noise draws for every ρ, so only the correlation changes
    CollinearityPoint p;
    p.rho = rho;
    std::vector<double> rb1;
    for (int r = 0; r < s.repeats; ++r) {
      const Sample d = draw(s, rho, s.n, g);
      const Sample t = draw(s, rho, 200, g);
      const classic::LinearModel ols =
          classic::fit_linear_regression(d.X, d.y, classic::LeastSquaresSolver::QR).value();
      const classic::LinearModel ridge = classic::fit_ridge(d.X, d.y, s.ridge_alpha).value();
      p.b1.push_back(ols.coef[0]);
      p.b2.push_back(ols.coef[1]);
      rb1.push_back(ridge.coef[0]);
      p.ols_test_mse += test_mse(ols, t) / s.repeats;
      p.ridge_test_mse += test_mse(ridge, t) / s.repeats;
      // σ²·[(XcᵀXc)⁻¹]₁₁ for this design.
      Eigen::Matrix2d G = Eigen::Matrix2d::Zero();
      double m0 = 0, m1 = 0;
      for (int i = 0; i < s.n; ++i) m0 += d.X(i, 0) / s.n, m1 += d.X(i, 1) / s.n;
      for (int i = 0; i < s.n; ++i) {
        const Eigen::Vector2d v(d.X(i, 0) - m0, d.X(i, 1) - m1);
        G += v * v.transpose();
      }
      p.var_b1_theory += s.noise * s.noise * G.inverse()(0, 0) / s.repeats;
    }
    auto mean = [](const std::vector<double>& v) {
      double m = 0;
      for (double x : v) m += x;
      return m / static_cast<double>(v.size());
    };
    p.mean_b1 = mean(p.b1);
    p.mean_b2 = mean(p.b2);
    const double mr = mean(rb1);
    double cov = 0;
    for (int r = 0; r < s.repeats; ++r) {
      p.var_b1 += (p.b1[r] - p.mean_b1) * (p.b1[r] - p.mean_b1) / (s.repeats - 1);
      p.var_b2 += (p.b2[r] - p.mean_b2) * (p.b2[r] - p.mean_b2) / (s.repeats - 1);
      cov += (p.b1[r] - p.mean_b1) * (p.b2[r] - p.mean_b2) / (s.repeats - 1);
      p.ridge_var_b1 += (rb1[r] - mr) * (rb1[r] - mr) / (s.repeats - 1);
    }
    p.corr_b1_b2 = cov / std::sqrt(p.var_b1 * p.var_b2);
    out.push_back(std::move(p));
  }
  return out;
}

Result<ShrinkagePaths> shrinkage_paths(const ShrinkageSetup& s, uint64_t seed) {
  const int d = static_cast<int>(s.beta.size());
  if (d < 1 || s.n < 4 || s.alphas < 2) return make_error("shrinkage paths: need features, n ≥ 4 and ≥ 2 alphas");
  if (!(std::abs(s.feature_correlation) < 1)) return make_error("shrinkage paths: the correlation must lie in (−1, 1)");
  SplitMix64 g(seed);
  classic::Matrix X(s.n, d);
  std::vector<double> y;
  const double c = std::sqrt(1 - s.feature_correlation * s.feature_correlation);
  for (int i = 0; i < s.n; ++i) {
    double prev = g.normal(), t = 0;
    for (int j = 0; j < d; ++j) {  // an AR(1) chain: neighbouring features correlated
      const double x = j == 0 ? prev : s.feature_correlation * prev + c * g.normal();
      X(i, j) = prev = x;
      t += s.beta[j] * x;
    }
    y.push_back(t + s.noise * g.normal());
  }
  ShrinkagePaths out;
  out.beta = s.beta;
  // Just above alpha_max: at alpha_max itself rounding can leave one coefficient at ±1e-15.
  const double amax = classic::alpha_max(X, y) * (1 + 1e-9);
  Result<classic::CoefPath> lasso = classic::lasso_path(X, y, classic::log_alphas(amax, amax * 1e-3, s.alphas));
  if (!lasso) return lasso.error();
  // Ridge's alpha multiplies ‖w‖² against the unscaled sum of squares (n times the lasso's 1/2n scaling):
  // span the same range in those units so both paths start near zero and end near least squares.
  Result<classic::CoefPath> ridge =
      classic::ridge_path(X, y, classic::log_alphas(amax * s.n * 100, amax * s.n * 1e-4, s.alphas));
  if (!ridge) return ridge.error();
  out.lasso = {lasso->alphas, lasso->coefs, lasso->nonzero};
  out.ridge = {ridge->alphas, ridge->coefs, ridge->nonzero};
  return out;
}

Result<ScalingRace> scaling_race(const ScalingSetup& s, uint64_t seed) {
  if (s.scales.empty() || s.scales.size() != s.offsets.size())
    return make_error("scaling race: give one scale and one offset per feature");
  if (s.n < 2 || s.iterations < 1) return make_error("scaling race: need n ≥ 2 and iterations ≥ 1");
  const int d = static_cast<int>(s.scales.size());
  SplitMix64 g(seed);
  classic::Matrix X(s.n, d);
  std::vector<double> y(static_cast<size_t>(s.n));
  for (int i = 0; i < s.n; ++i) {
    double t = 1.0;
    for (int j = 0; j < d; ++j) {
      const double z = g.normal();
      X(i, j) = z * s.scales[j] + s.offsets[j];
      t += (j % 2 ? -1.0 : 1.0) * z;  // every feature matters equally in standard units
    }
    y[i] = t + s.noise * g.normal();
  }
  classic::GdOptions o;
  o.iterations = s.iterations;
  Result<classic::GdFit> raw = classic::fit_linear_gd(X, y, o);
  if (!raw) return raw.error();
  o.scale_features = true;
  Result<classic::GdFit> scaled = classic::fit_linear_gd(X, y, o);
  if (!scaled) return scaled.error();
  ScalingRace r;
  r.loss_raw = raw->loss;
  r.loss_scaled = scaled->loss;
  r.optimum = raw->optimum_loss;
  r.condition_raw = raw->condition_number;
  r.condition_scaled = scaled->condition_number;
  r.lr_raw = raw->learning_rate;
  r.lr_scaled = scaled->learning_rate;
  auto first_within = [&](const std::vector<double>& L) {
    for (size_t k = 0; k < L.size(); ++k)
      if (L[k] - r.optimum <= s.tolerance * std::max(r.optimum, 1e-12)) return static_cast<int>(k);
    return -1;
  };
  r.steps_raw = first_within(r.loss_raw);
  r.steps_scaled = first_within(r.loss_scaled);
  return r;
}

}  // namespace attend::experiments
