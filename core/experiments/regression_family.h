// Two experiments of topic 29 (the regression family):
//   - collinearity_sweep: y = b1·x1 + b2·x2 + σε with corr(x1, x2) = ρ. As ρ → 1 the least-squares
//     coefficients swing wildly from one sample to the next (their variance grows like 1/(1 − ρ²)) while
//     the predictions hardly suffer; ridge keeps the coefficients steady. Each ρ is refitted on `repeats`
//     fresh samples and the spread is measured, next to the variance theory predicts for those designs,
//     σ²·[(XcᵀXc)⁻¹]₁₁ averaged over the samples.
//   - shrinkage_paths (topic 17): on data where only a few features matter, the lasso path zeroes the
//     irrelevant coefficients one after another as the penalty grows while the ridge path only shrinks
//     every coefficient towards zero, never reaching it.
//   - scaling_race: gradient descent on the same least-squares problem with raw features on very
//     different scales and with standardised features, each with its largest stable step, reporting the
//     per-step loss and the steps each needs to get within a tolerance of the optimum.
#pragma once

#include <cstdint>
#include <vector>

#include "core/util/result.h"

namespace attend::experiments {

// A coefficient path as plain numbers (mirrors classic::CoefPath, which this header does not include).
struct CoefPathData {
  std::vector<double> alphas;
  std::vector<std::vector<double>> coefs;  // coefs[k][j]: feature j at alphas[k]
  std::vector<int> nonzero;
};

struct CollinearitySetup {
  int n = 50;
  double noise = 1.0;           // σ
  double b1 = 1.0, b2 = 1.0;    // true coefficients
  int repeats = 200;
  double ridge_alpha = 10.0;    // sklearn Ridge alpha for the comparison
};

struct CollinearityPoint {
  double rho = 0;
  double mean_b1 = 0, mean_b2 = 0;
  double var_b1 = 0, var_b2 = 0;      // across repeats (OLS)
  double var_b1_theory = 0;           // mean over repeats of σ²·[(XcᵀXc)⁻¹]₁₁
  double corr_b1_b2 = 0;              // the estimates move against each other as ρ → 1
  double ridge_var_b1 = 0;
  double ols_test_mse = 0, ridge_test_mse = 0;  // on fresh data: prediction barely suffers
  std::vector<double> b1, b2;         // every OLS estimate, for a scatter plot
};
std::vector<CollinearityPoint> collinearity_sweep(const CollinearitySetup& s, const std::vector<double>& rhos,
                                                  uint64_t seed);

struct ShrinkageSetup {
  int n = 100;
  std::vector<double> beta = {3, -2, 1.5, 0, 0, 0.5, 0, 0};  // the true coefficients (zeros are irrelevant)
  double noise = 1.0;
  double feature_correlation = 0.3;  // between neighbouring features
  int alphas = 40;
};

struct ShrinkagePaths {
  std::vector<double> beta;  // the truth, for reference lines
  CoefPathData lasso, ridge;
};
Result<ShrinkagePaths> shrinkage_paths(const ShrinkageSetup& s, uint64_t seed);

struct ScalingSetup {
  int n = 200;
  std::vector<double> scales = {1.0, 100.0};  // feature j is N(0, 1)·scales[j] + offsets[j]
  std::vector<double> offsets = {0.0, 500.0};
  double noise = 0.5;
  int iterations = 500;
  double tolerance = 1e-6;  // relative excess loss counted as "converged"
};

struct ScalingRace {
  std::vector<double> loss_raw, loss_scaled;          // (1/2n)·Σ residual², per step
  double optimum = 0;                                 // the least-squares loss
  double condition_raw = 0, condition_scaled = 0;     // of the Hessian each run saw
  double lr_raw = 0, lr_scaled = 0;
  int steps_raw = -1, steps_scaled = -1;              // first step within tolerance (−1: not within the budget)
};
Result<ScalingRace> scaling_race(const ScalingSetup& s, uint64_t seed);

}  // namespace attend::experiments
