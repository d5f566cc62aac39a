#include "core/classic/lda.h"

#include <Eigen/Dense>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <string>

namespace attend::classic {
namespace {
using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
Eigen::Map<const RowMat> as_eigen(const Matrix& X) { return Eigen::Map<const RowMat>(X.data.data(), X.rows, X.cols); }
Matrix from_eigen(const Eigen::MatrixXd& A) {
  Matrix M(static_cast<int>(A.rows()), static_cast<int>(A.cols()));
  Eigen::Map<RowMat>(M.data.data(), A.rows(), A.cols()) = A;
  return M;
}
}  // namespace

Result<Lda> fit_lda(const Matrix& X, const std::vector<int>& y, double tol) {
  Status s = check_xy(X, y.size(), "LDA");
  if (!s) return s.error();
  Result<int> k = check_labels(y, "LDA");
  if (!k) return k.error();
  const int K = *k, n = X.rows, d = X.cols;
  if (n <= K) return make_error("LDA: needs more samples (" + std::to_string(n) + ") than classes (" +
                                std::to_string(K) + ") to estimate the shared covariance");
  const auto Xe = as_eigen(X);
  Eigen::MatrixXd means = Eigen::MatrixXd::Zero(K, d);
  Eigen::VectorXd count = Eigen::VectorXd::Zero(K);
  for (int i = 0; i < n; ++i) {
    means.row(y[i]) += Xe.row(i);
    count(y[i]) += 1;
  }
  for (int c = 0; c < K; ++c) {
    if (count(c) == 0) return make_error("LDA: class " + std::to_string(c) + " has no samples");
    means.row(c) /= count(c);
  }
  const Eigen::VectorXd prior = count / n;
  const Eigen::RowVectorXd xbar = prior.transpose() * means;

  // 1) Within-class scaling: centred data divided by their per-feature deviation.
  Eigen::MatrixXd Xc(n, d);
  for (int i = 0; i < n; ++i) Xc.row(i) = Xe.row(i) - means.row(y[i]);
  Eigen::RowVectorXd stdev = ((Xc.rowwise() - Xc.colwise().mean()).colwise().squaredNorm() / n).cwiseSqrt();
  for (int j = 0; j < d; ++j)
    if (stdev(j) == 0) stdev(j) = 1.0;
  const double fac = 1.0 / (n - K);
  const Eigen::MatrixXd Xs = std::sqrt(fac) * (Xc.array().rowwise() / stdev.array()).matrix();
  Eigen::JacobiSVD<Eigen::MatrixXd> svd1(Xs, Eigen::ComputeThinV);
  const Eigen::VectorXd S1 = svd1.singularValues();
  int rank = 0;
  while (rank < S1.size() && S1(rank) > tol) ++rank;
  if (rank == 0) return make_error("LDA: the within-class scatter is zero (every feature is constant in each class)");
  // scalings = (V[:, :rank] / std)ᵀ… as sklearn writes it: columns V_r divided elementwise by std, then by S.
  Eigen::MatrixXd scalings = svd1.matrixV().leftCols(rank);
  for (int j = 0; j < d; ++j) scalings.row(j) /= stdev(j);
  for (int r = 0; r < rank; ++r) scalings.col(r) /= S1(r);

  // 2) Between-class scaling: the class centres in the whitened space, decomposed again.
  const double fac2 = K == 1 ? 1.0 : 1.0 / (K - 1);
  Eigen::MatrixXd centres = means.rowwise() - xbar;
  for (int c = 0; c < K; ++c) centres.row(c) *= std::sqrt(n * prior(c) * fac2);
  const Eigen::MatrixXd B = centres * scalings;
  Eigen::JacobiSVD<Eigen::MatrixXd> svd2(B, Eigen::ComputeThinV);
  const Eigen::VectorXd S2 = svd2.singularValues();
  int rank2 = 0;
  while (rank2 < S2.size() && S2(rank2) > tol * S2(0)) ++rank2;
  Lda m;
  m.n_classes = K;
  const int max_components = std::min(K - 1, d);
  const double s2sum = S2.squaredNorm();
  for (int r = 0; r < std::min<int>(max_components, static_cast<int>(S2.size())); ++r)
    m.explained_variance_ratio.push_back(s2sum > 0 ? S2(r) * S2(r) / s2sum : 0.0);
  const Eigen::MatrixXd final_scalings = scalings * svd2.matrixV().leftCols(rank2);
  const Eigen::MatrixXd coefK = (means.rowwise() - xbar) * final_scalings;
  Eigen::VectorXd intercept = -0.5 * coefK.rowwise().squaredNorm();
  for (int c = 0; c < K; ++c) intercept(c) += std::log(prior(c));
  Eigen::MatrixXd coef = coefK * final_scalings.transpose();
  intercept -= coef * xbar.transpose();
  if (K == 2) {
    const Eigen::RowVectorXd w = coef.row(1) - coef.row(0);
    const double b = intercept(1) - intercept(0);
    coef = w;
    intercept = Eigen::VectorXd::Constant(1, b);
  }
  m.coef = from_eigen(coef);
  m.intercept.assign(intercept.data(), intercept.data() + intercept.size());
  m.means = from_eigen(means);
  m.prior.assign(prior.data(), prior.data() + K);
  m.scalings = from_eigen(final_scalings.leftCols(std::min(rank2, max_components)));
  m.xbar.assign(xbar.data(), xbar.data() + d);
  return m;
}

Matrix decision_function(const Lda& m, const Matrix& X) {
  ATTEND_ASSERT(m.coef.cols == X.cols, "LDA: X has a different number of features than the model");
  Matrix out(X.rows, m.coef.rows);
  Eigen::Map<RowMat> Z(out.data.data(), X.rows, m.coef.rows);
  Z = as_eigen(X) * as_eigen(m.coef).transpose();
  Z.rowwise() += Eigen::Map<const Eigen::RowVectorXd>(m.intercept.data(), m.coef.rows);
  return out;
}

Matrix predict_proba(const Lda& m, const Matrix& X) {
  const Matrix Z = decision_function(m, X);
  Matrix P(X.rows, m.n_classes);
  for (int i = 0; i < X.rows; ++i) {
    if (m.n_classes == 2) {
      const double z = Z(i, 0);
      P(i, 1) = z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
      P(i, 0) = 1.0 - P(i, 1);
      continue;
    }
    double mx = -INFINITY, s = 0;
    for (int c = 0; c < m.n_classes; ++c) mx = std::max(mx, Z(i, c));
    for (int c = 0; c < m.n_classes; ++c) s += (P(i, c) = std::exp(Z(i, c) - mx));
    for (int c = 0; c < m.n_classes; ++c) P(i, c) /= s;
  }
  return P;
}

std::vector<int> predict(const Lda& m, const Matrix& X) {
  const Matrix Z = decision_function(m, X);
  std::vector<int> out(static_cast<size_t>(X.rows));
  for (int i = 0; i < X.rows; ++i)
    out[i] = m.n_classes == 2 ? (Z(i, 0) > 0 ? 1 : 0)
                              : static_cast<int>(std::max_element(Z.row(i), Z.row(i) + Z.cols) - Z.row(i));
  return out;
}

Matrix lda_transform(const Lda& m, const Matrix& X) {
  ATTEND_ASSERT(m.scalings.rows == X.cols, "lda_transform: X has a different number of features than the model");
  Matrix out(X.rows, m.scalings.cols);
  Eigen::Map<RowMat>(out.data.data(), X.rows, m.scalings.cols) =
      (as_eigen(X).rowwise() - Eigen::Map<const Eigen::RowVectorXd>(m.xbar.data(), X.cols)) * as_eigen(m.scalings);
  return out;
}

}  // namespace attend::classic
