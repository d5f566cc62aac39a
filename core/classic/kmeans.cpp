#include "core/classic/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::classic {

namespace {

double sq_dist(const double* a, const double* b, int dim) {
  double s = 0;
  for (int d = 0; d < dim; ++d) {
    const double t = a[d] - b[d];
    s += t * t;
  }
  return s;
}

// Index of the row whose prefix sum of weights first exceeds u·total (sampling ∝ weight).
int sample_weighted(const std::vector<double>& w, double u) {
  double total = 0;
  for (double v : w) total += v;
  double target = u * total, acc = 0;
  for (int i = 0; i < static_cast<int>(w.size()); ++i) {
    acc += w[i];
    if (acc > target) return i;
  }
  return static_cast<int>(w.size()) - 1;
}

}  // namespace

std::vector<double> kmeans_plus_plus(const double* X, int n, int dim, int k, uint64_t seed) {
  ATTEND_ASSERT(k >= 1 && k <= n, "kmeans: k must be between 1 and the number of rows");
  SplitMix64 rng(seed);
  std::vector<double> centers(static_cast<size_t>(k) * dim);
  const int first = static_cast<int>(rng.below(n));
  std::copy(X + static_cast<size_t>(first) * dim, X + static_cast<size_t>(first + 1) * dim, centers.begin());
  std::vector<double> closest(n);
  for (int i = 0; i < n; ++i) closest[i] = sq_dist(X + static_cast<size_t>(i) * dim, centers.data(), dim);
  const int trials = 2 + static_cast<int>(std::log(static_cast<double>(k)));
  std::vector<double> trial_closest(n), best_closest(n);
  for (int c = 1; c < k; ++c) {
    int best = -1;
    double best_potential = std::numeric_limits<double>::infinity();
    for (int t = 0; t < trials; ++t) {
      const int cand = sample_weighted(closest, rng.uniform());
      double potential = 0;
      for (int i = 0; i < n; ++i) {
        trial_closest[i] = std::min(closest[i], sq_dist(X + static_cast<size_t>(i) * dim, X + static_cast<size_t>(cand) * dim, dim));
        potential += trial_closest[i];
      }
      if (potential < best_potential) {
        best_potential = potential;
        best = cand;
        best_closest.swap(trial_closest);
      }
    }
    std::copy(X + static_cast<size_t>(best) * dim, X + static_cast<size_t>(best + 1) * dim,
              centers.begin() + static_cast<size_t>(c) * dim);
    closest.swap(best_closest);
    best_closest.resize(n);
  }
  return centers;
}

int kmeans_step(const double* X, int n, int dim, std::vector<double>& centers, std::vector<int>& labels,
                double* inertia) {
  const int k = static_cast<int>(centers.size() / dim);
  labels.resize(n, -1);
  int changed = 0;
  double total = 0;
  std::vector<double> dist(n);
  for (int i = 0; i < n; ++i) {
    const double* x = X + static_cast<size_t>(i) * dim;
    int best = 0;
    double bd = sq_dist(x, centers.data(), dim);
    for (int c = 1; c < k; ++c) {
      const double d = sq_dist(x, centers.data() + static_cast<size_t>(c) * dim, dim);
      if (d < bd) {
        bd = d;
        best = c;
      }
    }
    if (labels[i] != best) ++changed;
    labels[i] = best;
    dist[i] = bd;
    total += bd;
  }
  if (inertia) *inertia = total;
  std::vector<double> sum(static_cast<size_t>(k) * dim, 0.0);
  std::vector<int> count(k, 0);
  for (int i = 0; i < n; ++i) {
    ++count[labels[i]];
    for (int d = 0; d < dim; ++d) sum[static_cast<size_t>(labels[i]) * dim + d] += X[static_cast<size_t>(i) * dim + d];
  }
  for (int c = 0; c < k; ++c) {
    if (count[c] == 0) {
      // An empty cluster restarts at the point farthest from its centre (which then leaves its cluster).
      const int far = static_cast<int>(std::max_element(dist.begin(), dist.end()) - dist.begin());
      std::copy(X + static_cast<size_t>(far) * dim, X + static_cast<size_t>(far + 1) * dim,
                centers.begin() + static_cast<size_t>(c) * dim);
      dist[far] = 0;
      continue;
    }
    for (int d = 0; d < dim; ++d) centers[static_cast<size_t>(c) * dim + d] = sum[static_cast<size_t>(c) * dim + d] / count[c];
  }
  return changed;
}

KMeansResult kmeans(const double* X, int n, int dim, const KMeansOptions& options) {
  ATTEND_ASSERT(options.k >= 1 && options.k <= n, "kmeans: k must be between 1 and the number of rows");
  // sklearn's tolerance is relative: tol times the mean per-feature variance of the data.
  double mean_var = 0;
  for (int d = 0; d < dim; ++d) {
    double m = 0, m2 = 0;
    for (int i = 0; i < n; ++i) m += X[static_cast<size_t>(i) * dim + d];
    m /= n;
    for (int i = 0; i < n; ++i) {
      const double t = X[static_cast<size_t>(i) * dim + d] - m;
      m2 += t * t;
    }
    mean_var += m2 / n;
  }
  mean_var /= std::max(1, dim);
  const double tol = options.tol * mean_var;
  KMeansResult best;
  SplitMix64 seeds(options.seed);
  for (int run = 0; run < std::max(1, options.n_init); ++run) {
    KMeansResult r;
    r.k = options.k;
    r.dim = dim;
    r.centers = kmeans_plus_plus(X, n, dim, options.k, run == 0 ? options.seed : seeds.next());
    for (int it = 0; it < options.max_iter; ++it) {
      const std::vector<double> before = r.centers;
      const int changed = kmeans_step(X, n, dim, r.centers, r.labels, &r.inertia);
      r.iterations = it + 1;
      double shift = 0;
      for (size_t c = 0; c < before.size(); ++c) shift += (before[c] - r.centers[c]) * (before[c] - r.centers[c]);
      if ((changed == 0 && it > 0) || shift <= tol) {
        r.converged = true;
        break;
      }
    }
    // Final assignment and inertia for the final centres.
    std::vector<double> centers = r.centers;
    kmeans_step(X, n, dim, centers, r.labels, &r.inertia);
    if (run == 0 || r.inertia < best.inertia) best = r;
  }
  return best;
}

KMeansResult kmeans(const float* X, int n, int dim, const KMeansOptions& options) {
  std::vector<double> Xd(X, X + static_cast<size_t>(n) * dim);
  return kmeans(Xd.data(), n, dim, options);
}

}  // namespace attend::classic
