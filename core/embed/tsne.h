// t-SNE (van der Maaten & Hinton 2008) with scikit-learn's algorithm and defaults, stepwise so a view can
// animate the map while it optimises.
//
//   auto s = tsne_init(X.data(), n, dim, TsneOptions{});     // kNN, perplexity search, PCA start
//   if (!s) show(s.error().to_string());
//   while (s->iter < 1000) tsne_step(*s);                    // one gradient step each; s->y is the map
//   double kl = tsne_kl_divergence(*s);                      // exact KL(P || Q) of the current map
//
// What init does (sklearn 1.2, method='barnes_hut'): the k = min(n-1, 3·perplexity+1) exact nearest
// neighbours by Euclidean distance; per point, a binary search for the Gaussian precision β that makes the
// conditional distribution's entropy ln(perplexity) nats (tolerance 1e-5, at most 100 steps); P = (P_cond +
// P_condᵀ) / sum; a PCA start scaled so column 0 has standard deviation 1e-4; learning rate "auto" =
// max(n / early_exaggeration / 4, 50).
//
// What a step does: the gradient 4·(Σ_j p_ij q_ij Z (y_i − y_j) − Σ_j q_ij² Z² (y_i − y_j) / Z) with the
// Student-t kernel; P is multiplied by the early exaggeration for the first exaggeration_iters iterations
// (momentum 0.5), then momentum 0.8, with the update and gains reset at the switch as sklearn does. Gains:
// +0.2 where the update and gradient disagree in sign, ×0.8 otherwise, floored at min_gain.
//
// The repulsive half is Barnes–Hut with sklearn's opening rule (a cell is summarised by its centre of mass
// when max_width / distance < θ), applied per group of nearby points: a small tree node collects one
// interaction list for all its points, using the distance to the group's bounding box, so the rule holds for
// every point in the group and the forces come out of a vectorised loop. θ = 0 gives the exact gradient.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "core/util/result.h"

namespace attend::embed {

class WorkerPool;

enum class TsneInit { Pca, Random };

struct TsneOptions {
  int dims = 2;                      // 2 or 3
  double perplexity = 30;
  double early_exaggeration = 12;
  int exaggeration_iters = 250;
  double learning_rate = 0;          // <= 0: "auto", max(n / early_exaggeration / 4, 50)
  double momentum_early = 0.5;
  double momentum_late = 0.8;
  double min_gain = 0.01;
  double theta = 0.5;                // Barnes–Hut opening angle; 0: exact O(n²) gradient
  TsneInit init = TsneInit::Pca;
  uint64_t seed = 0;                 // the random start (TsneInit::Random)
  int threads = 1;
};

// Exact k nearest neighbours of every row (itself excluded), sorted by distance.
struct TsneNeighbours {
  int n = 0, k = 0;
  std::vector<int32_t> index;  // n x k
  std::vector<float> sqdist;   // n x k, squared Euclidean distances (float32 as sklearn stores them)
};

// Conditional affinities p_{j|i} over each row's neighbours, and each row's precision β = 1 / (2σ²).
struct TsneConditional {
  int n = 0, k = 0;
  std::vector<float> p;        // n x k, each row sums to 1
  std::vector<double> beta;    // n
  std::vector<double> entropy; // n, in nats, after the search
  double mean_sigma = 0;       // sklearn's report: sqrt(n / Σβ)
};

// The joint affinities: symmetric, sparse (CSR), summing to 1.
struct TsneAffinities {
  int n = 0;
  std::vector<int64_t> indptr;  // n + 1
  std::vector<int32_t> indices;
  std::vector<float> values;
};

TsneNeighbours tsne_neighbours(const double* X, int n, int dim, int k, WorkerPool* pool = nullptr);
TsneConditional tsne_conditional_affinities(const TsneNeighbours& nn, double perplexity,
                                            WorkerPool* pool = nullptr);
TsneAffinities tsne_joint_affinities(const TsneConditional& cond, const TsneNeighbours& nn);

namespace detail {
struct TsneWorkspace;
}

struct TsneState {
  TsneOptions options;
  int n = 0, dims = 2;
  TsneAffinities P;
  double mean_sigma = 0;
  double learning_rate = 0;          // the resolved rate ("auto" applied)
  int iter = 0;                      // iterations done
  std::vector<float> y;              // n x dims, row-major: the map
  std::vector<float> update, gains;  // n x dims: the optimiser's state
  std::vector<float> grad;           // n x dims: the last gradient (gains not applied)
  double z = 0;                      // Σ_{i≠j} (1 + |y_i − y_j|²)⁻¹ estimated in the last step
  std::shared_ptr<detail::TsneWorkspace> ws;  // tree, buffers and threads; not shared between states

  double exaggeration() const { return iter < options.exaggeration_iters ? options.early_exaggeration : 1.0; }
};

struct TsneStepReport {
  int iter = 0;                                          // the iteration just done (0-based)
  double grad_norm = 0;                                  // of the gain-scaled gradient, as sklearn reports
  double kl = std::numeric_limits<double>::quiet_NaN();  // sklearn's estimate (exaggerated P), if asked
};

// X: n x dim, row-major. Errors: fewer than 2 rows, perplexity not below n, dims not 2 or 3.
Result<TsneState> tsne_init(const double* X, int n, int dim, const TsneOptions& options);
Result<TsneState> tsne_init(const float* X, int n, int dim, const TsneOptions& options);
// The same from precomputed affinities and a start layout (n x dims): tests and custom inputs.
TsneState tsne_init_from(TsneAffinities P, std::vector<float> y0, int dims, const TsneOptions& options);

// New affinities for another perplexity, keeping the current map, step count and optimiser state (the view's
// perplexity slider). X is the same input tsne_init had.
Status tsne_set_perplexity(TsneState& s, const double* X, int n, int dim, double perplexity);

// One iteration. With compute_kl, also sklearn's KL estimate (the exaggerated P during early exaggeration).
TsneStepReport tsne_step(TsneState& s, bool compute_kl = false);

// The gradient of KL(P·exaggeration || Q) at y (n x dims) into grad, by Barnes–Hut (theta > 0) or exactly
// (theta = 0). Returns Z as computed. Exposed for the gradient tests.
double tsne_gradient(const TsneAffinities& P, const std::vector<float>& y, int dims, double exaggeration,
                     double theta, std::vector<float>& grad, WorkerPool* pool = nullptr);

// Exact KL(P || Q) of the map y (O(n²) for Z; a few milliseconds at n = 5000).
double tsne_kl_divergence(const TsneAffinities& P, const std::vector<float>& y, int dims,
                          WorkerPool* pool = nullptr);
double tsne_kl_divergence(const TsneState& s);

}  // namespace attend::embed
