// Linear regression and ridge (topics 14, 29): closed forms (the normal equation, QR least squares, ridge by
// Cholesky) and gradient descent with a per-iteration loss, with and without feature scaling, so a lesson can
// show the same minimum reached in one solve or in many steps, and scaling turning a long narrow valley into
// a round bowl.
//
//   Result<LinearModel> m = fit_ridge(X, y, 1.0);          // sklearn Ridge(alpha=1): same coefficients
//   GdOptions o;  o.scale_features = true;
//   Result<GdFit> gd = fit_linear_gd(X, y, o);
//   plot(gd->loss);                                         // (1/2n)·Σ residual², one value per step
#pragma once

#include <vector>

#include "core/classic/matrix.h"

namespace attend::classic {

// y ≈ X·coef + intercept.
struct LinearModel {
  std::vector<double> coef;
  double intercept = 0;
};

std::vector<double> predict(const LinearModel& m, const Matrix& X);

enum class LeastSquaresSolver {
  NormalEquation,  // solve (XᵀX) w = Xᵀy by Cholesky: fast, squares the condition number, fails if singular
  QR,              // complete orthogonal decomposition: the minimum-norm solution even when X is rank deficient
};

// Ordinary least squares. With fit_intercept the columns and y are centred first (the intercept is then
// ȳ − x̄·coef), as sklearn's LinearRegression does.
Result<LinearModel> fit_linear_regression(const Matrix& X, const std::vector<double>& y,
                                          LeastSquaresSolver solver = LeastSquaresSolver::QR,
                                          bool fit_intercept = true);

// Ridge: minimises ‖y − Xw − b‖² + alpha·‖w‖² (the intercept is not penalised), solved by Cholesky of
// XcᵀXc + alpha·I on centred data: sklearn's Ridge(solver='cholesky').
Result<LinearModel> fit_ridge(const Matrix& X, const std::vector<double>& y, double alpha, bool fit_intercept = true);

// The loss gradient descent minimises, J = (1/2n)·Σ (x_i·w + b − y_i)², and its gradient (for the
// finite-difference test and for views that draw the gradient arrow).
double squared_loss(const Matrix& X, const std::vector<double>& y, const LinearModel& m,
                    std::vector<double>* grad_coef = nullptr, double* grad_intercept = nullptr);

struct GdOptions {
  int iterations = 500;
  double learning_rate = 0;     // 0: 1/L, L the largest eigenvalue of the loss's Hessian (the largest safe step)
  bool scale_features = false;  // standardise X first (the fitted model is mapped back to raw units)
  double tolerance = 0;         // stop when the loss improves by less than this (relative); 0: run all steps
};

struct GdFit {
  LinearModel model;             // in raw feature units, whether or not GD ran on scaled features
  std::vector<double> loss;      // J before step 1 and after each step: iterations + 1 values (fewer if stopped)
  double learning_rate = 0;      // the step actually used
  double condition_number = 0;   // λmax/λmin of the Hessian GD saw: the narrowness of the valley
  double optimum_loss = 0;       // J at the exact least-squares solution, so a view can draw loss − optimum
  bool diverged = false;         // the loss became non-finite or grew past 1e12 × its start (the run stops)
};

// Full-batch gradient descent on J from w = 0, b = 0.
Result<GdFit> fit_linear_gd(const Matrix& X, const std::vector<double>& y, const GdOptions& options = {});

// The same descent one step at a time, for a training session that publishes every step:
//   GdRun run = gd_start(X, y, o).value();
//   while (...) { double loss = gd_step(run, X, y); publish(loss, gd_model(run)); }
// X and y must be the ones given to gd_start.
struct GdRun {
  ColumnStats stats;              // what GD divides the features by (mean 0, scale 1 when not scaling)
  std::vector<double> theta;      // d weights in the scaled space, then the intercept
  std::vector<double> residual;   // X·θ − y at the current θ
  double learning_rate = 0, condition_number = 0, optimum_loss = 0;
  double loss = 0, start_loss = 0;
  int step = 0;
  bool diverged = false;
};
Result<GdRun> gd_start(const Matrix& X, const std::vector<double>& y, const GdOptions& options = {});
double gd_step(GdRun& run, const Matrix& X, const std::vector<double>& y);  // returns the loss after the step
LinearModel gd_model(const GdRun& run);                                     // in raw feature units

}  // namespace attend::classic
