// GCC 12 reports false "may be used uninitialized" warnings inside Eigen's AVX-512 packet code
// (GCC bug 105593); they are not about this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "core/embed/pca.h"

#include <Eigen/Dense>

#include <cmath>

#include "core/util/assert.h"

namespace attend::embed {

namespace {

using MatrixXdR = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

PcaResult pca_impl(const MatrixXdR& X, int k) {
  const int n = static_cast<int>(X.rows());
  const int dim = static_cast<int>(X.cols());
  ATTEND_ASSERT(n >= 1 && dim >= 1, "pca needs at least one row and one column");
  ATTEND_ASSERT(k >= 1 && k <= dim && k <= n, "pca: k must be in [1, min(n, dim)]");
  PcaResult r;
  r.n = n;
  r.dim = dim;
  r.k = k;
  const Eigen::RowVectorXd mean = X.colwise().mean();
  const MatrixXdR Xc = X.rowwise() - mean;
  const double denom = n > 1 ? n - 1.0 : 1.0;
  const Eigen::MatrixXd cov = (Xc.transpose() * Xc) / denom;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
  // Eigenvalues come in increasing order; the axes we want are the last k columns, largest first.
  const double total = std::max(eig.eigenvalues().sum(), 0.0);
  Eigen::MatrixXd V(dim, k);
  for (int c = 0; c < k; ++c) V.col(c) = eig.eigenvectors().col(dim - 1 - c);
  MatrixXdR Y = Xc * V;
  for (int c = 0; c < k; ++c) {
    // sklearn's svd_flip (u-based): the largest-magnitude entry of each coordinate column is positive.
    Eigen::Index at = 0;
    Y.col(c).cwiseAbs().maxCoeff(&at);
    if (Y(at, c) < 0) {
      Y.col(c) *= -1.0;
      V.col(c) *= -1.0;
    }
  }
  r.coords.assign(Y.data(), Y.data() + static_cast<size_t>(n) * k);
  r.components.resize(static_cast<size_t>(k) * dim);
  for (int c = 0; c < k; ++c)
    for (int j = 0; j < dim; ++j) r.components[static_cast<size_t>(c) * dim + j] = V(j, c);
  r.mean.assign(mean.data(), mean.data() + dim);
  for (int c = 0; c < k; ++c) {
    const double var = std::max(eig.eigenvalues()(dim - 1 - c), 0.0);
    r.explained_variance.push_back(var);
    r.explained_variance_ratio.push_back(total > 0 ? var / total : 0.0);
  }
  return r;
}

}  // namespace

PcaResult pca(const double* X, int n, int dim, int k) {
  return pca_impl(Eigen::Map<const MatrixXdR>(X, n, dim), k);
}

PcaResult pca(const float* X, int n, int dim, int k) {
  using MatrixXfR = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  return pca_impl(Eigen::Map<const MatrixXfR>(X, n, dim).cast<double>(), k);
}

std::vector<double> custom_projection(const float* X, int n, int dim, const std::vector<std::vector<float>>& from,
                                      const std::vector<std::vector<float>>& to) {
  ATTEND_ASSERT(from.size() == to.size(), "custom_projection: one 'from' and one 'to' vector per axis");
  const int axes = static_cast<int>(from.size());
  std::vector<Eigen::VectorXd> axis(axes);
  for (int a = 0; a < axes; ++a) {
    ATTEND_ASSERT(from[a].size() == static_cast<size_t>(dim) && to[a].size() == static_cast<size_t>(dim),
                  "custom_projection: axis ends must have dim values");
    axis[a] = (Eigen::Map<const Eigen::VectorXf>(to[a].data(), dim) - Eigen::Map<const Eigen::VectorXf>(from[a].data(), dim))
                  .cast<double>();
    const double norm = axis[a].norm();
    if (norm > 0) axis[a] /= norm;
  }
  std::vector<double> out(static_cast<size_t>(n) * axes, 0.0);
  for (int i = 0; i < n; ++i) {
    const Eigen::VectorXd v = Eigen::Map<const Eigen::VectorXf>(X + static_cast<size_t>(i) * dim, dim).cast<double>();
    const double norm = v.norm();
    if (norm == 0) continue;
    for (int a = 0; a < axes; ++a) out[static_cast<size_t>(i) * axes + a] = v.dot(axis[a]) / norm;
  }
  return out;
}

}  // namespace attend::embed
