// Why attention divides its scores by √d (topic 2), measured on the engine's own attention op.
//
// Queries and keys with unit-variance components give dot products q·k whose variance is d: the scores
// spread out as the head grows. Softmax turns a wide spread into a one-hot row (saturation): its entropy
// falls to 0 and so does its Jacobian, so hardly any gradient reaches the scores, Q or K. Dividing by √d
// brings the variance back to 1 at every d. For each head width d this runs tensor::attention on random
// Q, K, V twice — scaled by 1/√d and unscaled — and measures the rows the op produced.
//
//   experiments::ScalingConfig c;              // d = 2…512, 64 queries × 32 keys, seed 1
//   std::vector<experiments::ScalingPoint> pts = experiments::attention_scaling(c);
//   pts.back().unscaled.saturated;             // ≈ 0.9 of the rows put > 99% on one key at d = 512
#pragma once

#include <cstdint>
#include <vector>

namespace attend::experiments {

struct ScalingConfig {
  std::vector<int> dims = {2, 4, 8, 16, 32, 64, 128, 256, 512};
  int queries = 64;
  int keys = 32;
  uint64_t seed = 1;
  bool causal = false;
};

// What the op's softmax rows look like at one d, with one choice of scale.
struct SoftmaxStats {
  double score_sd = 0;       // standard deviation of the scores after scaling (the softmax's input)
  double entropy = 0;        // mean row entropy / log(keys the row may see): 1 uniform, 0 one-hot
  double max_weight = 0;     // mean of each row's largest weight
  double saturated = 0;      // fraction of rows with a weight above 0.99
  double jacobian = 0;       // mean Frobenius norm of the softmax Jacobian diag(p) − ppᵀ per row
  double grad_q = 0;         // RMS of dL/dQ from the op's backward for a fixed random output gradient
};

struct ScalingPoint {
  int d = 0;
  SoftmaxStats scaled, unscaled;
};

std::vector<ScalingPoint> attention_scaling(const ScalingConfig& c);

// One d's softmax rows as the op produced them (queries × keys, row-major), for the view's side-by-side
// heatmaps: the same Q and K as attention_scaling uses at that d.
struct ScalingSample {
  int d = 0, queries = 0, keys = 0;
  std::vector<float> scaled, unscaled;
};
ScalingSample scaling_sample(const ScalingConfig& c, int d, int queries);

}  // namespace attend::experiments
