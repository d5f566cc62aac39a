#include "core/classic/logistic.h"

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/classic/lbfgs.h"
#include "core/util/rng.h"

namespace attend::classic {
namespace {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMap = Eigen::Map<const RowMat>;

ConstMap as_eigen(const Matrix& X) { return ConstMap(X.data.data(), X.rows, X.cols); }

double sigmoid(double t) {
  if (t >= 0) return 1.0 / (1.0 + std::exp(-t));
  const double e = std::exp(t);
  return e / (1.0 + e);
}

int rows_for(int n_classes) { return n_classes == 2 ? 1 : n_classes; }

// Parameters as one vector θ = [W row-major (R×d), b (R)] for the optimisers.
struct Layout {
  int R = 1, d = 0;
  Eigen::Index size() const { return static_cast<Eigen::Index>(R) * d + R; }
};

// Cross-entropy summed over samples (no penalty) and dL/dz (n × R) for scores Z (n × R).
double loss_and_dz(const Eigen::MatrixXd& Z, const std::vector<int>& y, Eigen::MatrixXd* dz) {
  const Eigen::Index n = Z.rows(), R = Z.cols();
  double loss = 0;
  if (dz) dz->resize(n, R);
  if (R == 1) {
    // Vectorised: one exp and one log per sample (log(1+e) rather than log1p, which Eigen does not vectorise;
    // where they differ, e < 1e-8, the absolute error is below 1e-16). With e = exp(−|z|), the loss of label y is
    // max(±z, 0) + log1p(e) and σ(z) is 1/(1+e) or e/(1+e) by the sign of z.
    const auto z = Z.col(0).array();
    Eigen::ArrayXd yv(n);
    for (Eigen::Index i = 0; i < n; ++i) yv(i) = y[i] == 1 ? 1.0 : 0.0;
    const Eigen::ArrayXd e = (-z.abs()).exp();
    const Eigen::ArrayXd signed_z = z * (1.0 - 2.0 * yv);  // −z for y = 1, z for y = 0
    loss = (signed_z.max(0.0) + (1.0 + e).log()).sum();
    if (dz) {
      const Eigen::ArrayXd inv = 1.0 / (1.0 + e);
      dz->col(0) = ((z >= 0.0).select(inv, e * inv) - yv).matrix();
    }
    return loss;
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    const double zmax = Z.row(i).maxCoeff();
    double s = 0;
    for (Eigen::Index k = 0; k < R; ++k) s += std::exp(Z(i, k) - zmax);
    const double lse = zmax + std::log(s);
    loss += lse - Z(i, y[i]);
    if (dz) {
      for (Eigen::Index k = 0; k < R; ++k) (*dz)(i, k) = std::exp(Z(i, k) - lse);
      (*dz)(i, y[i]) -= 1.0;
    }
  }
  return loss;
}

// Objective Σ CE + ‖W‖²/(2C) and its gradient in θ layout.
// X is column-major: the products below are then long axpys and dots, twice as fast as on short rows.
double objective(const Eigen::MatrixXd& X, const std::vector<int>& y, const Layout& L, const Eigen::VectorXd& theta,
                 double C, bool fit_intercept, Eigen::VectorXd* grad) {
  const Eigen::Map<const RowMat> W(theta.data(), L.R, L.d);
  const Eigen::VectorXd b = fit_intercept ? Eigen::VectorXd(theta.tail(L.R)) : Eigen::VectorXd::Zero(L.R);
  Eigen::MatrixXd Z = X * W.transpose();
  Z.rowwise() += b.transpose();
  Eigen::MatrixXd dz;
  double f = loss_and_dz(Z, y, grad ? &dz : nullptr);
  const double penalty = std::isinf(C) ? 0.0 : 1.0 / C;
  f += 0.5 * penalty * W.squaredNorm();
  if (grad) {
    grad->resize(L.size());
    Eigen::Map<RowMat> gW(grad->data(), L.R, L.d);
    gW = dz.transpose() * X + penalty * W;
    if (fit_intercept) grad->tail(L.R) = dz.colwise().sum().transpose();
    else grad->tail(L.R).setZero();
  }
  return f;
}

LogisticModel to_model(const Layout& L, int n_classes, const Eigen::VectorXd& theta) {
  LogisticModel m;
  m.n_classes = n_classes;
  m.coef = Matrix(L.R, L.d);
  std::copy(theta.data(), theta.data() + static_cast<Eigen::Index>(L.R) * L.d, m.coef.data.begin());
  m.intercept.assign(theta.data() + static_cast<Eigen::Index>(L.R) * L.d, theta.data() + theta.size());
  return m;
}

Status check_classifier_input(const Matrix& X, const std::vector<int>& y, const char* who, int* n_classes) {
  Status s = check_xy(X, y.size(), who);
  if (!s) return s;
  Result<int> k = check_labels(y, who);
  if (!k) return k.error();
  *n_classes = *k;
  return Ok{};
}

// Newton's method for the binary case: (d+1)² Hessian, quadratic convergence, a handful of iterations.
void newton_binary(const Eigen::MatrixXd& X, const std::vector<int>& y, const LogisticOptions& o, Eigen::VectorXd& theta,
                   LogisticFit& fit) {
  const Eigen::Index n = X.rows(), d = X.cols();
  const Layout L{1, static_cast<int>(d)};
  const double penalty = std::isinf(o.C) ? 0.0 : 1.0 / o.C;
  Eigen::MatrixXd A(n, d + 1);  // [X 1]
  A.leftCols(d) = X;
  A.col(d).setConstant(o.fit_intercept ? 1.0 : 0.0);
  Eigen::VectorXd g;
  double f = objective(X, y, L, theta, o.C, o.fit_intercept, &g);
  fit.objective.push_back(f);
  for (int it = 0; it < o.max_iter; ++it) {
    if (g.cwiseAbs().maxCoeff() <= 1e-10 * std::max<double>(1.0, static_cast<double>(n))) {
      fit.converged = true;
      break;
    }
    const Eigen::VectorXd z = A * theta;
    Eigen::VectorXd s(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double p = sigmoid(z(i));
      s(i) = std::sqrt(std::max(p * (1 - p), 1e-300));
    }
    const Eigen::MatrixXd As = A.array().colwise() * s.array();
    Eigen::MatrixXd H = Eigen::MatrixXd::Zero(d + 1, d + 1);
    H.selfadjointView<Eigen::Lower>().rankUpdate(As.transpose());
    H = H.selfadjointView<Eigen::Lower>();
    H.diagonal().head(d).array() += penalty;
    if (!o.fit_intercept) H(d, d) = 1.0;
    H.diagonal().array() += 1e-12 * std::max(1.0, H.diagonal().maxCoeff());  // separable data, C = inf
    const Eigen::VectorXd step = H.ldlt().solve(g);
    // Backtracking keeps the objective decreasing far from the optimum (Newton alone can overshoot there).
    double t = 1.0, f_new = f;
    Eigen::VectorXd cand;
    for (int ls = 0; ls < 40; ++ls) {
      cand = theta - t * step;
      f_new = objective(X, y, L, cand, o.C, o.fit_intercept, nullptr);
      if (f_new <= f - 1e-4 * t * g.dot(step) || f_new <= f) break;
      t *= 0.5;
    }
    ++fit.n_iter;
    if (!(f_new <= f)) break;  // no further decrease possible in double precision
    const bool tiny_change = f - f_new <= 1e-15 * std::abs(f);
    theta = cand;
    f = objective(X, y, L, theta, o.C, o.fit_intercept, &g);
    fit.objective.push_back(f);
    if (tiny_change && g.cwiseAbs().maxCoeff() <= 1e-6 * static_cast<double>(n)) {
      fit.converged = true;
      break;
    }
  }
}

}  // namespace

Result<LogisticFit> fit_logistic(const Matrix& X, const std::vector<int>& y, const LogisticOptions& o) {
  int K = 0;
  Status s = check_classifier_input(X, y, "logistic regression", &K);
  if (!s) return s.error();
  if (!(o.C > 0)) return make_error("logistic regression: C must be > 0 (it is the inverse penalty strength)");
  if (o.max_iter < 1) return make_error("logistic regression: max_iter must be ≥ 1");
  const Eigen::MatrixXd Xe = as_eigen(X);
  const Layout L{rows_for(K), X.cols};
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(L.size());
  LogisticFit fit;
  if (o.solver == LogisticSolver::Newton) {
    if (K != 2) return make_error("logistic regression: the Newton solver handles two classes; use L-BFGS for " +
                                  std::to_string(K));
    newton_binary(Xe, y, o, theta, fit);
  } else {
    std::vector<double> x(theta.data(), theta.data() + theta.size());
    Eigen::VectorXd tv(L.size()), gv(L.size());
    auto fg = [&](const double* t, double* g) {
      tv = Eigen::Map<const Eigen::VectorXd>(t, L.size());
      const double f = objective(Xe, y, L, tv, o.C, o.fit_intercept, &gv);
      std::copy(gv.data(), gv.data() + gv.size(), g);
      return f;
    };
    LbfgsOptions lo;
    lo.pgtol = o.tol;
    lo.max_iter = o.max_iter;
    const LbfgsResult r = minimize_lbfgs(static_cast<int>(L.size()), fg, x, lo);
    theta = Eigen::Map<const Eigen::VectorXd>(x.data(), L.size());
    fit.n_iter = r.n_iter;
    fit.converged = r.converged;
    fit.objective = r.history;
  }
  fit.model = to_model(L, K, theta);
  return fit;
}

Matrix decision_function(const LogisticModel& m, const Matrix& X) {
  ATTEND_ASSERT(m.coef.cols == X.cols, "decision_function: X has a different number of features than the model");
  Matrix out(X.rows, m.coef.rows);
  Eigen::Map<RowMat> Z(out.data.data(), X.rows, m.coef.rows);
  Z = as_eigen(X) * as_eigen(m.coef).transpose();
  Z.rowwise() += Eigen::Map<const Eigen::RowVectorXd>(m.intercept.data(), m.coef.rows);
  return out;
}

Matrix predict_proba(const LogisticModel& m, const Matrix& X) {
  const Matrix Z = decision_function(m, X);
  Matrix P(X.rows, m.n_classes);
  for (int i = 0; i < X.rows; ++i) {
    if (m.n_classes == 2) {
      P(i, 1) = sigmoid(Z(i, 0));
      P(i, 0) = 1.0 - P(i, 1);
      continue;
    }
    double zmax = -INFINITY, s = 0;
    for (int k = 0; k < m.n_classes; ++k) zmax = std::max(zmax, Z(i, k));
    for (int k = 0; k < m.n_classes; ++k) s += (P(i, k) = std::exp(Z(i, k) - zmax));
    for (int k = 0; k < m.n_classes; ++k) P(i, k) /= s;
  }
  return P;
}

std::vector<int> predict(const LogisticModel& m, const Matrix& X) {
  const Matrix Z = decision_function(m, X);
  std::vector<int> out(static_cast<size_t>(X.rows));
  for (int i = 0; i < X.rows; ++i) {
    if (m.n_classes == 2) {
      out[i] = Z(i, 0) > 0 ? 1 : 0;
      continue;
    }
    out[i] = static_cast<int>(std::max_element(Z.row(i), Z.row(i) + Z.cols) - Z.row(i));
  }
  return out;
}

double logistic_objective(const Matrix& X, const std::vector<int>& y, const LogisticModel& m, double C,
                          LogisticModel* grad) {
  ATTEND_ASSERT(y.size() == static_cast<size_t>(X.rows), "logistic_objective: X rows and y length differ");
  ATTEND_ASSERT(m.coef.cols == X.cols && m.coef.rows == rows_for(m.n_classes),
                "logistic_objective: model shape does not fit X");
  const Layout L{m.coef.rows, m.coef.cols};
  Eigen::VectorXd theta(L.size());
  std::copy(m.coef.data.begin(), m.coef.data.end(), theta.data());
  std::copy(m.intercept.begin(), m.intercept.end(), theta.data() + static_cast<Eigen::Index>(L.R) * L.d);
  Eigen::VectorXd g;
  const double f = objective(Eigen::MatrixXd(as_eigen(X)), y, L, theta, C, true, grad ? &g : nullptr);
  if (grad) *grad = to_model(L, m.n_classes, g);
  return f;
}

double mean_cross_entropy(const LogisticModel& m, const Matrix& X, const std::vector<int>& y) {
  ATTEND_ASSERT(y.size() == static_cast<size_t>(X.rows), "mean_cross_entropy: X rows and y length differ");
  const Matrix Z = decision_function(m, X);
  const Eigen::MatrixXd Ze = Eigen::Map<const RowMat>(Z.data.data(), Z.rows, Z.cols);
  return X.rows ? loss_and_dz(Ze, y, nullptr) / X.rows : 0.0;
}

Result<SgdRun> sgd_start(const Matrix& X, const std::vector<int>& y, const SgdOptions& o) {
  int K = 0;
  Status s = check_classifier_input(X, y, "logistic SGD", &K);
  if (!s) return s.error();
  if (!(o.learning_rate > 0) || !std::isfinite(o.learning_rate))
    return make_error("logistic SGD: the learning rate must be a finite number > 0");
  if (o.epochs < 0) return make_error("logistic SGD: epochs must be ≥ 0");
  if (o.batch_size < 1) return make_error("logistic SGD: the batch size must be ≥ 1");
  if (!(o.l2 >= 0) || !(o.decay >= 0)) return make_error("logistic SGD: l2 and decay must be ≥ 0");
  SgdRun run;
  run.options = o;
  run.rng_state = o.seed;
  run.model.n_classes = K;
  run.model.coef = Matrix(rows_for(K), X.cols);
  run.model.intercept.assign(static_cast<size_t>(rows_for(K)), 0.0);
  run.order.resize(static_cast<size_t>(X.rows));
  std::iota(run.order.begin(), run.order.end(), 0);
  run.loss = mean_cross_entropy(run.model, X, y);
  return run;
}

double sgd_epoch(SgdRun& run, const Matrix& X, const std::vector<int>& y) {
  ATTEND_ASSERT(run.order.size() == static_cast<size_t>(X.rows) && run.model.coef.cols == X.cols,
                "sgd_epoch: X is not the matrix sgd_start was given");
  if (run.diverged) return run.loss;
  const SgdOptions& o = run.options;
  const int n = X.rows, d = X.cols, R = run.model.coef.rows;
  SplitMix64 rng(run.rng_state);
  for (int i = n - 1; i > 0; --i) std::swap(run.order[i], run.order[rng.below(static_cast<uint64_t>(i) + 1)]);
  run.rng_state = rng.state;
  const double lr = o.learning_rate / (1.0 + o.decay * run.epoch);
  std::vector<double> z(R), dz(R);
  Eigen::Map<RowMat> W(run.model.coef.data.data(), R, d);
  RowMat gW(R, d);
  Eigen::VectorXd gb(R);
  for (int start = 0; start < n; start += o.batch_size) {
    const int end = std::min(n, start + o.batch_size);
    gW.setZero();
    gb.setZero();
    for (int t = start; t < end; ++t) {
      const int i = run.order[t];
      const double* x = X.row(i);
      for (int k = 0; k < R; ++k) {
        z[k] = run.model.intercept[k];
        for (int j = 0; j < d; ++j) z[k] += W(k, j) * x[j];
      }
      if (R == 1) {
        dz[0] = sigmoid(z[0]) - (y[i] == 1 ? 1.0 : 0.0);
      } else {
        const double zmax = *std::max_element(z.begin(), z.end());
        double sum = 0;
        for (int k = 0; k < R; ++k) sum += (dz[k] = std::exp(z[k] - zmax));
        for (int k = 0; k < R; ++k) dz[k] /= sum;
        dz[y[i]] -= 1.0;
      }
      for (int k = 0; k < R; ++k) {
        for (int j = 0; j < d; ++j) gW(k, j) += dz[k] * x[j];
        gb(k) += dz[k];
      }
    }
    const double inv = 1.0 / (end - start);
    W -= lr * (gW * inv + o.l2 * RowMat(W));
    if (o.fit_intercept)
      for (int k = 0; k < R; ++k) run.model.intercept[k] -= lr * gb(k) * inv;
    ++run.steps;
  }
  ++run.epoch;
  run.loss = mean_cross_entropy(run.model, X, y);
  if (!std::isfinite(run.loss)) run.diverged = true;
  return run.loss;
}

Result<SgdFit> fit_logistic_sgd(const Matrix& X, const std::vector<int>& y, const SgdOptions& o) {
  Result<SgdRun> started = sgd_start(X, y, o);
  if (!started) return started.error();
  SgdRun& run = *started;
  SgdFit fit;
  auto record = [&] {
    fit.epoch_loss.push_back(run.loss);
    const std::vector<int> pred = predict(run.model, X);
    int correct = 0;
    for (int i = 0; i < X.rows; ++i) correct += pred[i] == y[i];
    fit.epoch_accuracy.push_back(static_cast<double>(correct) / X.rows);
  };
  record();
  for (int e = 0; e < o.epochs && !run.diverged; ++e) {
    sgd_epoch(run, X, y);
    record();
  }
  fit.model = run.model;
  fit.steps = run.steps;
  fit.diverged = run.diverged;
  return fit;
}

}  // namespace attend::classic
