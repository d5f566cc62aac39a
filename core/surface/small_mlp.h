// A small tanh MLP in double precision with its exact gradient: the playground network's loss
// (../shared/bench/README.md: 2→8→8→1, tanh after every layer, loss ½·mean (out − label)²) for the saddle
// experiment's critical points of a real network, where Newton's method needs gradients accurate to 1e-9
// and finite-difference Hessians of them. Everything that draws or trains the playground network uses the
// engine's float nn::PlaygroundNet instead (net_slice.h); the tests check that both compute the same loss.
#pragma once

#include <cstdint>
#include <vector>

#include "core/surface/saddles.h"
#include "core/surface/slice.h"

namespace attend::surface {

struct MlpShape {
  std::vector<int> sizes = {2, 8, 8, 1};  // inputs, hidden..., outputs
  bool tanh_output = true;                // the playground's net squashes its output too
};

// Layout: layer by layer, W[out][in] row-major, then b[out].
size_t parameter_count(const MlpShape& shape);
std::vector<ParamBlock> parameter_blocks(const MlpShape& shape);
// The playground's initialisation: SplitMix64(seed), each W entry u − 0.5 in layout order, biases 0.1.
std::vector<double> playground_init(const MlpShape& shape, uint64_t seed);

// Points in the plane with targets: x holds n (x, y) pairs.
struct Points2 {
  std::vector<double> x;
  std::vector<double> y;
  size_t size() const { return y.size(); }
};

// ½·mean (out − y)² in double, and its exact gradient by backpropagation when grad is not null.
double mlp_loss_grad(const MlpShape& shape, const double* params, const Points2& data, double* grad);
// Fraction of points with sign(out) = sign(y) (out ≥ 0 counts as +1).
double mlp_accuracy(const MlpShape& shape, const double* params, const Points2& data);

// The loss as an Objective (value and exact gradient; Hessian by differences of the gradient) for
// network_critical_points. Holds copies of the shape and data.
Objective mlp_objective(const MlpShape& shape, const Points2& data);

}  // namespace attend::surface
