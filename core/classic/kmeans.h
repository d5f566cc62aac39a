// k-means: Lloyd's algorithm from a k-means++ start (Arthur & Vassilvitskii 2007), seeded, so a lesson's
// clusters are the same every run. The embeddings lab colours points by cluster; the classic-models zoo
// shows the clusters forming step by step (kmeans_step).
//
//   KMeansResult r = kmeans(X.data(), n, dim, {.k = 8, .seed = 1});
//   r.labels[i];   // cluster of row i;  r.centers: k x dim;  r.inertia: Σ squared distances to centres
//
// k-means++ as scikit-learn does it: the first centre uniformly, then each next one by sampling 2 + ln k
// candidates with probability proportional to the squared distance to the nearest chosen centre and keeping
// the candidate that lowers the potential most. Stops when no label changes or the centres move less than
// tol (relative to the data's mean variance, as sklearn's tol), or after max_iter iterations. An empty
// cluster takes the point farthest from its centre.
#pragma once

#include <cstdint>
#include <vector>

namespace attend::classic {

struct KMeansOptions {
  int k = 8;
  int max_iter = 300;
  double tol = 1e-4;
  uint64_t seed = 0;
  int n_init = 1;  // runs from different starts; the lowest inertia wins
};

struct KMeansResult {
  int k = 0, dim = 0;
  std::vector<double> centers;  // k x dim
  std::vector<int> labels;      // n
  double inertia = 0;
  int iterations = 0;
  bool converged = false;
};

// X: n x dim, row-major. Requires 1 <= k <= n.
KMeansResult kmeans(const double* X, int n, int dim, const KMeansOptions& options);
KMeansResult kmeans(const float* X, int n, int dim, const KMeansOptions& options);

// The steps on their own, for a view that animates them.
std::vector<double> kmeans_plus_plus(const double* X, int n, int dim, int k, uint64_t seed);
// One Lloyd iteration: assign every row to its nearest centre, then move each centre to its rows' mean.
// Returns how many labels changed; updates labels (n), centers and inertia (of the assignment made).
int kmeans_step(const double* X, int n, int dim, std::vector<double>& centers, std::vector<int>& labels,
                double* inertia = nullptr);

}  // namespace attend::classic
