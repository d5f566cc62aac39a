// Polynomial regression and the bias–variance trade-off (topic 17). Data: x ~ Uniform[−1, 1],
// y = f(x) + N(0, σ²) for a known f, so every error can be split exactly into its parts:
//   - degree_sweep: train and test error as the degree grows (train falls, test turns back up);
//   - bias_variance: fit the same degree on K resampled training sets; the K fitted curves, their mean,
//     and the decomposition E[(f̂(x) − y)²] = bias² + variance + σ², each averaged over x, next to the
//     measured test error it must add up to;
//   - quadratic_vs_linear: on data that really is linear, a quadratic fits the training set at least as
//     well, yet its test error is higher on average — its extra coefficient only adds variance (Occam).
// Polynomials are fitted by least squares on the monomials with a complete orthogonal decomposition, so a
// degree ≥ n interpolates (minimum-norm) instead of failing.
#pragma once

#include <cstdint>
#include <vector>

#include "core/util/result.h"

namespace attend::experiments {

enum class TrueFunction { Linear, Quadratic, Sine };
double true_function(TrueFunction f, double x);  // 0.5 + 1.5x; 1 − 2x²; sin(πx)

struct PolySetup {
  TrueFunction f = TrueFunction::Sine;
  double noise = 0.3;  // σ
  int n_train = 20;
  int n_test = 500;
};

struct Poly {
  std::vector<double> coef;  // ascending powers: coef[k]·x^k
  double operator()(double x) const;
};
// Least squares (plus ridge·‖coef[1:]‖² when ridge > 0). Errors: empty data, mismatched sizes, degree < 0.
Result<Poly> fit_polynomial(const std::vector<double>& x, const std::vector<double>& y, int degree,
                            double ridge = 0);

struct PolyData {
  std::vector<double> x, y;
};
PolyData draw_poly_data(const PolySetup& s, int n, uint64_t seed);

struct DegreeSweep {
  std::vector<int> degree;
  std::vector<double> train_mse, test_mse;  // of the first training set (one curve a learner can follow)
  std::vector<double> median_train_mse, median_test_mse;  // over `repeats` training sets: the trend
  PolyData train, test;                     // the first training set and the shared test set
  std::vector<Poly> fits;                   // one per degree on the first training set, for drawing
};
// Degrees 0..max_degree on `repeats` training sets of n_train points, all scored on one test set.
DegreeSweep degree_sweep(const PolySetup& s, int max_degree, uint64_t seed, int repeats = 1);

struct BiasVariance {
  int degree = 0;
  std::vector<double> grid_x, truth, mean_fit;  // on an even grid over [−1, 1]
  std::vector<std::vector<double>> fits;        // K curves on the grid
  double bias2 = 0, variance = 0, noise = 0;    // averaged over the grid
  double measured = 0;                          // mean over resamples and grid of (f̂(x) − fresh y)²
};
BiasVariance bias_variance(const PolySetup& s, int degree, int resamples, int grid_points, uint64_t seed);

struct BiasVarianceSweep {
  std::vector<int> degree;
  std::vector<double> bias2, variance, noise, total, measured;
};
BiasVarianceSweep bias_variance_sweep(const PolySetup& s, int max_degree, int resamples, uint64_t seed);

struct NestedComparison {
  double train_mse_linear = 0, train_mse_quadratic = 0;  // averaged over resamples
  double test_mse_linear = 0, test_mse_quadratic = 0;
  double variance_linear = 0, variance_quadratic = 0;    // of the fitted curves, averaged over x
  std::vector<double> quadratic_coef;                    // the x² coefficient of each resample (centred on 0)
  int quadratic_wins_train = 0, quadratic_wins_test = 0; // resamples where the quadratic had the lower error
  int resamples = 0;
};
// Uses s with f forced to Linear.
NestedComparison quadratic_vs_linear(PolySetup s, int resamples, uint64_t seed);

}  // namespace attend::experiments
