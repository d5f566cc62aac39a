// Random directions in parameter space, for loss-surface slices of real networks (Li et al., "Visualizing
// the Loss Landscape of Neural Nets", 2018): L(θ + α·d₁ + β·d₂) over a grid of (α, β).
//
// Filter normalisation rescales each filter of a random Gaussian direction to the norm of the same filter
// of θ, so directions are comparable across layers whatever their scale. A filter here is one output unit:
// a column of an in×out weight (the engine's layout). Vectors (biases, layer-norm γ/β, 1×n) get a zero
// direction, as in the paper's default.
//
//   std::vector<Tensor> d1, d2;
//   tensor::filter_normalized_direction(params, rng, d1);
//   tensor::filter_normalized_direction(params, rng, d2);
//   const std::vector<Tensor> theta = tensor::snapshot_values(params);
//   tensor::set_along(params, theta, d1, alpha, d2, beta);   // then evaluate the loss
#pragma once

#include <vector>

#include "core/tensor/tensor.h"

namespace attend {
struct SplitMix64;
}

namespace attend::tensor {

void filter_normalized_direction(const ParamList& params, SplitMix64& rng, std::vector<Tensor>& out);
std::vector<Tensor> snapshot_values(const ParamList& params);
// Sets every parameter to theta + alpha·d1 + beta·d2 (d2 may be empty for a 1-D slice).
void set_along(const ParamList& params, const std::vector<Tensor>& theta, const std::vector<Tensor>& d1, double alpha,
               const std::vector<Tensor>& d2, double beta);

}  // namespace attend::tensor
