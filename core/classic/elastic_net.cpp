#include "core/classic/elastic_net.h"

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <string>

namespace attend::classic {
namespace {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Problem {
  Eigen::MatrixXd X;  // centred, column-major: coordinate descent reads one column at a time
  Eigen::VectorXd y;  // centred
  Eigen::VectorXd x_mean;
  double y_mean = 0;
};

Problem make_problem(const Matrix& X, const std::vector<double>& y, bool fit_intercept) {
  Problem p;
  p.X = Eigen::Map<const RowMat>(X.data.data(), X.rows, X.cols);
  p.y = Eigen::Map<const Eigen::VectorXd>(y.data(), X.rows);
  p.x_mean = Eigen::VectorXd::Zero(X.cols);
  if (fit_intercept) {
    p.x_mean = p.X.colwise().mean().transpose();
    p.y_mean = p.y.mean();
    p.X.rowwise() -= p.x_mean.transpose();
    p.y.array() -= p.y_mean;
  }
  return p;
}

Status check_input(const Matrix& X, const std::vector<double>& y, const char* who) {
  Status s = check_xy(X, y.size(), who);
  if (!s) return s;
  return check_finite(y, who, "y");
}

// sklearn's enet_coordinate_descent (cd_fast.pyx) with positive=False, random=False. `alpha`, `beta` are
// the L1 and L2 weights already multiplied by n. Returns sweeps done; w is updated in place.
ElasticNetFit coordinate_descent(const Problem& p, Eigen::VectorXd& w, double alpha, double beta, int max_iter,
                                 double tol) {
  const Eigen::Index n = p.X.rows(), d = p.X.cols();
  const Eigen::VectorXd norm_cols = p.X.colwise().squaredNorm().transpose();
  Eigen::VectorXd R = p.y - p.X * w;
  const double d_w_tol = tol;
  tol *= p.y.squaredNorm();
  ElasticNetFit fit;
  double gap = tol + 1.0;
  int n_iter = 0;
  for (; n_iter < max_iter; ++n_iter) {
    double w_max = 0, d_w_max = 0;
    for (Eigen::Index ii = 0; ii < d; ++ii) {
      if (norm_cols(ii) == 0.0) continue;
      const double w_ii = w(ii);
      const auto col = p.X.col(ii);
      if (w_ii != 0.0) R.noalias() += w_ii * col;
      const double tmp = col.dot(R);
      const double shrunk = std::max(std::abs(tmp) - alpha, 0.0);
      w(ii) = (tmp > 0 ? shrunk : tmp < 0 ? -shrunk : 0.0) / (norm_cols(ii) + beta);
      if (w(ii) != 0.0) R.noalias() -= w(ii) * col;
      d_w_max = std::max(d_w_max, std::abs(w(ii) - w_ii));
      w_max = std::max(w_max, std::abs(w(ii)));
    }
    const double r2 = R.squaredNorm();
    fit.objective.push_back((0.5 * r2 + alpha * w.lpNorm<1>() + 0.5 * beta * w.squaredNorm()) / n);
    if (w_max == 0.0 || d_w_max / w_max < d_w_tol || n_iter == max_iter - 1) {
      // Duality gap, exactly as cd_fast computes it.
      const Eigen::VectorXd XtA = p.X.transpose() * R - beta * w;
      const double dual_norm = XtA.cwiseAbs().maxCoeff();
      double cst, a_norm2;
      if (dual_norm > alpha) {
        cst = alpha / dual_norm;
        a_norm2 = r2 * cst * cst;
        gap = 0.5 * (r2 + a_norm2);
      } else {
        cst = 1.0;
        gap = r2;
      }
      gap += alpha * w.lpNorm<1>() - cst * R.dot(p.y) + 0.5 * beta * (1 + cst * cst) * w.squaredNorm();
      if (gap < tol) {
        ++n_iter;
        fit.converged = true;
        break;
      }
    }
  }
  fit.n_iter = std::min(n_iter, max_iter);
  fit.dual_gap = gap;
  return fit;
}

}  // namespace

Result<ElasticNetFit> fit_elastic_net(const Matrix& X, const std::vector<double>& y, const ElasticNetOptions& o,
                                      const std::vector<double>* warm_start) {
  Status s = check_input(X, y, "elastic net");
  if (!s) return s.error();
  if (!(o.alpha >= 0) || !std::isfinite(o.alpha)) return make_error("elastic net: alpha must be a finite number ≥ 0");
  if (!(o.l1_ratio >= 0 && o.l1_ratio <= 1)) return make_error("elastic net: l1_ratio must lie in [0, 1]");
  if (o.max_iter < 1) return make_error("elastic net: max_iter must be ≥ 1");
  if (!(o.tol >= 0)) return make_error("elastic net: tol must be ≥ 0");
  if (warm_start && warm_start->size() != static_cast<size_t>(X.cols))
    return make_error("elastic net: the warm start has " + std::to_string(warm_start->size()) +
                      " coefficients but X has " + std::to_string(X.cols) + " features");
  const Problem p = make_problem(X, y, o.fit_intercept);
  Eigen::VectorXd w = Eigen::VectorXd::Zero(X.cols);
  if (warm_start) w = Eigen::Map<const Eigen::VectorXd>(warm_start->data(), X.cols);
  const double n = X.rows;
  ElasticNetFit fit = coordinate_descent(p, w, o.alpha * o.l1_ratio * n, o.alpha * (1.0 - o.l1_ratio) * n,
                                         o.max_iter, o.tol);
  fit.model.coef.assign(w.data(), w.data() + w.size());
  fit.model.intercept = o.fit_intercept ? p.y_mean - p.x_mean.dot(w) : 0.0;
  return fit;
}

Result<ElasticNetFit> fit_lasso(const Matrix& X, const std::vector<double>& y, double alpha) {
  ElasticNetOptions o;
  o.alpha = alpha;
  o.l1_ratio = 1.0;
  return fit_elastic_net(X, y, o);
}

double alpha_max(const Matrix& X, const std::vector<double>& y, double l1_ratio, bool fit_intercept) {
  ATTEND_ASSERT(y.size() == static_cast<size_t>(X.rows), "alpha_max: X rows and y length differ");
  ATTEND_ASSERT(l1_ratio > 0, "alpha_max: l1_ratio must be > 0 (ridge never zeroes every coefficient)");
  const Problem p = make_problem(X, y, fit_intercept);
  return (p.X.transpose() * p.y).cwiseAbs().maxCoeff() / (X.rows * l1_ratio);
}

std::vector<double> log_alphas(double hi, double lo, int count) {
  ATTEND_ASSERT(count >= 2 && hi > lo && lo > 0, "log_alphas: need count ≥ 2 and hi > lo > 0");
  std::vector<double> a(static_cast<size_t>(count));
  const double l0 = std::log10(hi), l1 = std::log10(lo);
  for (int k = 0; k < count; ++k) a[k] = std::pow(10.0, l0 + (l1 - l0) * k / (count - 1));
  return a;
}

namespace {
void add_point(CoefPath& path, double alpha, const Eigen::VectorXd& w, double intercept) {
  path.alphas.push_back(alpha);
  path.coefs.emplace_back(w.data(), w.data() + w.size());
  path.intercepts.push_back(intercept);
  path.nonzero.push_back(static_cast<int>((w.array() != 0.0).count()));
  path.l1_norm.push_back(w.lpNorm<1>());
  path.l2_norm.push_back(w.norm());
}
}  // namespace

Result<CoefPath> lasso_path(const Matrix& X, const std::vector<double>& y, const std::vector<double>& alphas,
                            double l1_ratio, bool fit_intercept) {
  Status s = check_input(X, y, "lasso path");
  if (!s) return s.error();
  if (!(l1_ratio > 0 && l1_ratio <= 1)) return make_error("lasso path: l1_ratio must lie in (0, 1]");
  for (double a : alphas)
    if (!(a >= 0) || !std::isfinite(a)) return make_error("lasso path: every alpha must be a finite number ≥ 0");
  const Problem p = make_problem(X, y, fit_intercept);
  Eigen::VectorXd w = Eigen::VectorXd::Zero(X.cols);
  CoefPath path;
  const double n = X.rows;
  for (double a : alphas) {
    coordinate_descent(p, w, a * l1_ratio * n, a * (1 - l1_ratio) * n, 1000, 1e-4);
    add_point(path, a, w, fit_intercept ? p.y_mean - p.x_mean.dot(w) : 0.0);
  }
  return path;
}

Result<CoefPath> ridge_path(const Matrix& X, const std::vector<double>& y, const std::vector<double>& alphas,
                            bool fit_intercept) {
  Status s = check_input(X, y, "ridge path");
  if (!s) return s.error();
  for (double a : alphas)
    if (!(a >= 0) || !std::isfinite(a)) return make_error("ridge path: every alpha must be a finite number ≥ 0");
  const Problem p = make_problem(X, y, fit_intercept);
  // XcᵀXc = V Λ Vᵀ, so w(α) = V (Λ + α)⁻¹ Vᵀ Xcᵀ yc for every α at the cost of one decomposition.
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(p.X.transpose() * p.X);
  const Eigen::VectorXd proj = eig.eigenvectors().transpose() * (p.X.transpose() * p.y);
  const double tiny = 1e-12 * std::max(1.0, eig.eigenvalues().maxCoeff());
  CoefPath path;
  for (double a : alphas) {
    Eigen::VectorXd z(proj.size());
    for (Eigen::Index k = 0; k < proj.size(); ++k) {
      const double den = eig.eigenvalues()(k) + a;
      z(k) = den > tiny ? proj(k) / den : 0.0;  // α = 0 on a null direction: the minimum-norm solution
    }
    const Eigen::VectorXd w = eig.eigenvectors() * z;
    add_point(path, a, w, fit_intercept ? p.y_mean - p.x_mean.dot(w) : 0.0);
  }
  return path;
}

}  // namespace attend::classic
