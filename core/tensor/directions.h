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

// The normalisation itself, on plain arrays, shared with core/surface/slice.h (flat parameter vectors such
// as the playground net's, where a filter is a row of W[out][in]): scales each of `filters` filters of d,
// `width` elements each, to the norm of the same filter of v. Element j of filter f sits at
// f·filter_stride + j·element_stride. A filter of v that is all zero gives a zero filter.
void normalise_filters(float* d, const float* v, size_t filters, size_t width, size_t filter_stride,
                       size_t element_stride);
std::vector<Tensor> snapshot_values(const ParamList& params);
// Sets every parameter to theta + alpha·d1 + beta·d2 (d2 may be empty for a 1-D slice).
void set_along(const ParamList& params, const std::vector<Tensor>& theta, const std::vector<Tensor>& d1, double alpha,
               const std::vector<Tensor>& d2, double beta);

}  // namespace attend::tensor
