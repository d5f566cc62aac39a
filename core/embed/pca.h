// PCA: the linear projection the embeddings lab shows first (2-D or 3-D), and t-SNE's initial layout.
// The principal axes are the top eigenvectors of the covariance of the centred rows; the coordinates are the
// rows projected on them. Signs follow scikit-learn's svd_flip (in each coordinate column the entry of
// largest magnitude is positive), so a lesson's picture matches what a reader sees in sklearn.
//
//   PcaResult p = pca(vectors.data(), n, dim, 2);
//   // p.coords: n x 2 row-major; p.explained_variance_ratio[0]: share of variance on the first axis
#pragma once

#include <vector>

namespace attend::embed {

struct PcaResult {
  int n = 0, dim = 0, k = 0;
  std::vector<double> coords;                    // n x k, row-major: centred rows projected on the axes
  std::vector<double> components;                // k x dim, row-major: unit principal axes
  std::vector<double> mean;                      // dim: what was subtracted
  std::vector<double> explained_variance;        // k: variance along each axis (divided by n - 1)
  std::vector<double> explained_variance_ratio;  // k: share of the total variance, in [0, 1]
};

// X: n x dim, row-major. k <= min(n, dim). Exact: an eigendecomposition of the dim x dim covariance, which
// suits the lab's sizes (dim up to a few hundred).
PcaResult pca(const double* X, int n, int dim, int k);
PcaResult pca(const float* X, int n, int dim, int k);

// The Embedding Projector's custom projection: axis a runs from the vector from[a] to the vector to[a]
// (dim values each, e.g. the vectors of "bad" and "good", or the means of two searches' matches); a row's
// coordinate on it is the dot product of the unit row with the unit axis. Returns n x axes, row-major.
// An axis whose ends coincide gives zeros.
std::vector<double> custom_projection(const float* X, int n, int dim, const std::vector<std::vector<float>>& from,
                                      const std::vector<std::vector<float>>& to);

}  // namespace attend::embed
