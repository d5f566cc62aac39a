#include "core/classic/linear.h"

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <cmath>
#include <string>

namespace attend::classic {
namespace {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMap = Eigen::Map<const RowMat>;
using VecMap = Eigen::Map<const Eigen::VectorXd>;

ConstMap as_eigen(const Matrix& X) { return ConstMap(X.data.data(), X.rows, X.cols); }

// X and y centred on their means (or copied when there is no intercept): the problem without intercept.
struct Centred {
  Eigen::MatrixXd X;  // column-major: the solvers work on columns
  Eigen::VectorXd y;
  Eigen::VectorXd x_mean;
  double y_mean = 0;
};

Centred centre(const Matrix& X, const std::vector<double>& y, bool fit_intercept) {
  Centred c;
  c.X = as_eigen(X);
  c.y = VecMap(y.data(), static_cast<Eigen::Index>(y.size()));
  c.x_mean = Eigen::VectorXd::Zero(X.cols);
  if (fit_intercept) {
    c.x_mean = c.X.colwise().mean().transpose();
    c.y_mean = c.y.mean();
    c.X.rowwise() -= c.x_mean.transpose();
    c.y.array() -= c.y_mean;
  }
  return c;
}

LinearModel finish(const Centred& c, const Eigen::VectorXd& w, bool fit_intercept) {
  LinearModel m;
  m.coef.assign(w.data(), w.data() + w.size());
  m.intercept = fit_intercept ? c.y_mean - c.x_mean.dot(w) : 0.0;
  return m;
}

Status check_regression(const Matrix& X, const std::vector<double>& y, const char* who) {
  Status s = check_xy(X, y.size(), who);
  if (!s) return s;
  return check_finite(y, who, "y");
}

}  // namespace

std::vector<double> predict(const LinearModel& m, const Matrix& X) {
  ATTEND_ASSERT(m.coef.size() == static_cast<size_t>(X.cols), "predict: X has a different number of features "
                                                               "than the model was fitted on");
  std::vector<double> out(static_cast<size_t>(X.rows));
  Eigen::Map<Eigen::VectorXd>(out.data(), X.rows) =
      (as_eigen(X) * VecMap(m.coef.data(), X.cols)).array() + m.intercept;
  return out;
}

Result<LinearModel> fit_linear_regression(const Matrix& X, const std::vector<double>& y, LeastSquaresSolver solver,
                                          bool fit_intercept) {
  Status s = check_regression(X, y, "linear regression");
  if (!s) return s.error();
  const Centred c = centre(X, y, fit_intercept);
  Eigen::VectorXd w;
  if (solver == LeastSquaresSolver::NormalEquation) {
    const Eigen::MatrixXd G = c.X.transpose() * c.X;
    Eigen::LLT<Eigen::MatrixXd> llt(G);
    // A Cholesky that "succeeds" on a numerically singular XᵀX gives garbage, so check the pivots too.
    const double scale = G.diagonal().maxCoeff();
    const double min_pivot = llt.info() == Eigen::Success ? llt.matrixLLT().diagonal().minCoeff() : 0.0;
    if (llt.info() != Eigen::Success || !(min_pivot * min_pivot > 1e-13 * scale))
      return make_error("linear regression: XᵀX is singular (features are collinear or there are fewer samples "
                        "than features); use the QR solver or ridge");
    w = llt.solve(c.X.transpose() * c.y);
  } else {
    Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(c.X);
    w = cod.solve(c.y);
  }
  return finish(c, w, fit_intercept);
}

Result<LinearModel> fit_ridge(const Matrix& X, const std::vector<double>& y, double alpha, bool fit_intercept) {
  Status s = check_regression(X, y, "ridge");
  if (!s) return s.error();
  if (!(alpha >= 0) || !std::isfinite(alpha))
    return make_error("ridge: alpha must be a finite number ≥ 0 (got " + std::to_string(alpha) + ")");
  const Centred c = centre(X, y, fit_intercept);
  Eigen::MatrixXd A = c.X.transpose() * c.X;
  A.diagonal().array() += alpha;
  Eigen::LLT<Eigen::MatrixXd> llt(A);
  Eigen::VectorXd w;
  if (llt.info() == Eigen::Success) {
    w = llt.solve(c.X.transpose() * c.y);
  } else {  // alpha = 0 on singular data: fall back to least squares, as sklearn does
    w = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(c.X).solve(c.y);
  }
  return finish(c, w, fit_intercept);
}

double squared_loss(const Matrix& X, const std::vector<double>& y, const LinearModel& m,
                    std::vector<double>* grad_coef, double* grad_intercept) {
  ATTEND_ASSERT(y.size() == static_cast<size_t>(X.rows), "squared_loss: X rows and y length differ");
  ATTEND_ASSERT(m.coef.size() == static_cast<size_t>(X.cols), "squared_loss: model width differs from X");
  const auto Xe = as_eigen(X);
  const Eigen::VectorXd r = (Xe * VecMap(m.coef.data(), X.cols)).array() + m.intercept -
                            VecMap(y.data(), X.rows).array();
  const double n = X.rows;
  if (grad_coef) {
    grad_coef->resize(static_cast<size_t>(X.cols));
    Eigen::Map<Eigen::VectorXd>(grad_coef->data(), X.cols) = Xe.transpose() * r / n;
  }
  if (grad_intercept) *grad_intercept = r.sum() / n;
  return 0.5 * r.squaredNorm() / n;
}

Result<GdRun> gd_start(const Matrix& X, const std::vector<double>& y, const GdOptions& o) {
  Status s = check_regression(X, y, "gradient descent");
  if (!s) return s.error();
  if (o.iterations < 0) return make_error("gradient descent: iterations must be ≥ 0");
  if (o.learning_rate < 0 || !std::isfinite(o.learning_rate))
    return make_error("gradient descent: the learning rate must be a finite number > 0 (or 0 for automatic)");
  const int n = X.rows, d = X.cols;
  GdRun run;
  run.stats.mean.assign(d, 0.0);
  run.stats.scale.assign(d, 1.0);
  if (o.scale_features) run.stats = column_stats(X);
  // Design matrix GD works on: [ (X − μ)/σ  1 ] or [ X  1 ].
  Eigen::MatrixXd A(n, d + 1);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) A(i, j) = (X(i, j) - run.stats.mean[j]) / run.stats.scale[j];
    A(i, d) = 1.0;
  }
  const Eigen::VectorXd yv = VecMap(y.data(), n);
  const Eigen::MatrixXd H = A.transpose() * A / n;  // Hessian of J
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(H, Eigen::EigenvaluesOnly);
  const double lmax = eig.eigenvalues().maxCoeff(), lmin = eig.eigenvalues().minCoeff();
  run.condition_number = lmin > 0 ? lmax / lmin : INFINITY;
  run.learning_rate = o.learning_rate > 0 ? o.learning_rate : 1.0 / lmax;
  const Eigen::VectorXd best = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(A).solve(yv);
  run.optimum_loss = 0.5 * (A * best - yv).squaredNorm() / n;
  run.theta.assign(static_cast<size_t>(d) + 1, 0.0);
  run.residual.resize(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) run.residual[i] = -y[i];
  run.loss = run.start_loss = 0.5 * VecMap(run.residual.data(), n).squaredNorm() / n;
  return run;
}

double gd_step(GdRun& run, const Matrix& X, const std::vector<double>& y) {
  const int n = X.rows, d = X.cols;
  ATTEND_ASSERT(run.theta.size() == static_cast<size_t>(d) + 1 && run.residual.size() == static_cast<size_t>(n),
                "gd_step: X is not the matrix gd_start was given");
  if (run.diverged) return run.loss;
  // Gradient (1/n)·Aᵀr with A's scaled rows formed on the fly, then θ ← θ − η·g, then the new residuals.
  // Residuals, not ½θᵀHθ − θᵀAᵀy/n + c: the loss stays accurate near the optimum, where a view plots
  // loss − optimum on a log axis.
  std::vector<double> g(static_cast<size_t>(d) + 1, 0.0);
  for (int i = 0; i < n; ++i) {
    const double r = run.residual[i];
    for (int j = 0; j < d; ++j) g[j] += r * (X(i, j) - run.stats.mean[j]) / run.stats.scale[j];
    g[d] += r;
  }
  for (int j = 0; j <= d; ++j) run.theta[j] -= run.learning_rate * g[j] / n;
  double ss = 0;
  for (int i = 0; i < n; ++i) {
    double p = run.theta[d];
    for (int j = 0; j < d; ++j) p += run.theta[j] * (X(i, j) - run.stats.mean[j]) / run.stats.scale[j];
    run.residual[i] = p - y[i];
    ss += run.residual[i] * run.residual[i];
  }
  run.loss = 0.5 * ss / n;
  ++run.step;
  if (!std::isfinite(run.loss) || run.loss > 1e12 * std::max(run.start_loss, 1e-300)) run.diverged = true;
  return run.loss;
}

LinearModel gd_model(const GdRun& run) {
  // Back to raw units: w_raw = w/σ, b_raw = b − Σ w_j μ_j/σ_j.
  const size_t d = run.theta.size() - 1;
  LinearModel m;
  m.coef.resize(d);
  double b = run.theta[d];
  for (size_t j = 0; j < d; ++j) {
    m.coef[j] = run.theta[j] / run.stats.scale[j];
    b -= m.coef[j] * run.stats.mean[j];
  }
  m.intercept = b;
  return m;
}

Result<GdFit> fit_linear_gd(const Matrix& X, const std::vector<double>& y, const GdOptions& o) {
  Result<GdRun> started = gd_start(X, y, o);
  if (!started) return started.error();
  GdRun& run = *started;
  GdFit fit;
  fit.learning_rate = run.learning_rate;
  fit.condition_number = run.condition_number;
  fit.optimum_loss = run.optimum_loss;
  fit.loss.reserve(static_cast<size_t>(o.iterations) + 1);
  fit.loss.push_back(run.loss);
  for (int it = 0; it < o.iterations; ++it) {
    const double prev = run.loss;
    const double J = gd_step(run, X, y);
    fit.loss.push_back(J);
    if (run.diverged) break;
    if (o.tolerance > 0 && prev - J <= o.tolerance * std::max(prev, 1e-300)) break;
  }
  fit.diverged = run.diverged;
  fit.model = gd_model(run);
  return fit;
}

}  // namespace attend::classic
