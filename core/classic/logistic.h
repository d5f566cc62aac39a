// Logistic regression (topic 14): a linear score through the sigmoid (softmax for more than two classes),
// fitted by minimising cross-entropy plus an L2 penalty. Two ways to fit it, so a lesson can compare them:
//   - fit_logistic: sklearn's objective Σ cross-entropy + ‖W‖²/(2C), minimised either by L-BFGS following
//     scipy's path (so LogisticRegression(lbfgs, C=1) and this stop at the same point, to 6 decimals), or by
//     Newton's method to the exact optimum (binary only; a few iterations, the reference the tests trust).
//   - fit_logistic_sgd: mini-batch stochastic gradient descent on the mean cross-entropy, with the loss after
//     every epoch, seeded shuffling, so the same seed gives the same curve.
//
//   Result<LogisticFit> f = fit_logistic(X, y);        // y: class indices 0..K-1
//   Matrix P = predict_proba(f->model, X);             // P(i, k) = P(class k | row i)
#pragma once

#include <cstdint>
#include <vector>

#include "core/classic/matrix.h"

namespace attend::classic {

// Binary: one row of coefficients, P(y=1|x) = σ(x·w + b). K > 2 classes: K rows, P(y=k|x) = softmax_k.
struct LogisticModel {
  int n_classes = 2;
  Matrix coef;                    // (K == 2 ? 1 : K) × d
  std::vector<double> intercept;  // one per row of coef
};

enum class LogisticSolver {
  Lbfgs,   // sklearn's default; stops when the gradient is below tol or f barely moves (see lbfgs.h)
  Newton,  // exact Hessian steps with backtracking, binary only; converges to machine precision
};

struct LogisticOptions {
  double C = 1.0;            // inverse regularisation strength: the penalty is ‖W‖²/(2C); the intercept is free
  bool fit_intercept = true;
  LogisticSolver solver = LogisticSolver::Lbfgs;
  int max_iter = 100;        // sklearn's default
  double tol = 1e-4;         // L-BFGS's gradient tolerance (Newton always runs to machine precision)
};

struct LogisticFit {
  LogisticModel model;
  int n_iter = 0;
  bool converged = false;
  std::vector<double> objective;  // Σ cross-entropy + ‖W‖²/(2C) at the start and after every iteration
};

Result<LogisticFit> fit_logistic(const Matrix& X, const std::vector<int>& y, const LogisticOptions& o = {});

// Scores x·w + b: n × 1 for binary (the logit of class 1), n × K otherwise.
Matrix decision_function(const LogisticModel& m, const Matrix& X);
// n × K probabilities (rows sum to 1).
Matrix predict_proba(const LogisticModel& m, const Matrix& X);
std::vector<int> predict(const LogisticModel& m, const Matrix& X);

// sklearn's objective Σ_i −log p(y_i|x_i) + ‖W‖²/(2C) (C = +inf: no penalty), and its gradient with the
// same shape as the model. The tests check the gradient against finite differences.
double logistic_objective(const Matrix& X, const std::vector<int>& y, const LogisticModel& m, double C,
                          LogisticModel* grad = nullptr);

struct SgdOptions {
  double learning_rate = 0.1;
  double decay = 0.0;        // learning rate at epoch e: learning_rate / (1 + decay·e)
  int epochs = 50;
  int batch_size = 1;        // 1: plain SGD; n: full-batch gradient descent
  double l2 = 0.0;           // loss = mean cross-entropy + (l2/2)·‖W‖²
  bool fit_intercept = true;
  uint64_t seed = 0;         // the shuffling order of every epoch
};

struct SgdFit {
  LogisticModel model;
  std::vector<double> epoch_loss;  // mean cross-entropy on the training set before training and after each epoch
  std::vector<double> epoch_accuracy;
  int steps = 0;
  bool diverged = false;           // the loss became non-finite (the run stops there)
};

// Starts from zero weights. Works for two or more classes.
Result<SgdFit> fit_logistic_sgd(const Matrix& X, const std::vector<int>& y, const SgdOptions& o = {});

// The same training one epoch at a time, for a session that publishes after every epoch:
//   SgdRun run = sgd_start(X, y, o).value();
//   while (...) { double loss = sgd_epoch(run, X, y); publish(loss, run.model); }
// X and y must be the ones given to sgd_start. sgd_epoch returns the mean cross-entropy after the epoch.
struct SgdRun {
  LogisticModel model;
  SgdOptions options;
  uint64_t rng_state = 0;  // SplitMix64 state: the shuffles continue where they left off
  std::vector<int> order;
  int epoch = 0, steps = 0;
  double loss = 0;
  bool diverged = false;
};
Result<SgdRun> sgd_start(const Matrix& X, const std::vector<int>& y, const SgdOptions& o = {});
double sgd_epoch(SgdRun& run, const Matrix& X, const std::vector<int>& y);

// The mean cross-entropy of a model on (X, y), the number every loss curve above plots.
double mean_cross_entropy(const LogisticModel& m, const Matrix& X, const std::vector<int>& y);

}  // namespace attend::classic
