#include "core/surface/small_mlp.h"

#include <Eigen/Core>

#include <cmath>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::surface {

size_t parameter_count(const MlpShape& shape) {
  size_t n = 0;
  for (size_t l = 0; l + 1 < shape.sizes.size(); ++l) n += static_cast<size_t>(shape.sizes[l + 1]) * (shape.sizes[l] + 1);
  return n;
}

std::vector<ParamBlock> parameter_blocks(const MlpShape& shape) {
  std::vector<ParamBlock> blocks;
  size_t offset = 0;
  for (size_t l = 0; l + 1 < shape.sizes.size(); ++l) {
    const size_t in = shape.sizes[l], out = shape.sizes[l + 1];
    blocks.push_back({"W" + std::to_string(l + 1), offset, out, in, false});
    offset += out * in;
    blocks.push_back({"b" + std::to_string(l + 1), offset, out, 1, true});
    offset += out;
  }
  return blocks;
}

std::vector<double> playground_init(const MlpShape& shape, uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<double> p(parameter_count(shape));
  for (const ParamBlock& b : parameter_blocks(shape))
    for (size_t k = 0; k < b.rows * b.cols; ++k) p[b.offset + k] = b.is_vector ? 0.1 : rng.uniform() - 0.5;
  return p;
}

namespace {

using MatD = Eigen::MatrixXd;
using RowMapD = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
using RowMapDW = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;

void check_shape(const MlpShape& shape, const Points2& data) {
  ATTEND_ASSERT(shape.sizes.size() >= 2 && shape.sizes.front() == 2 && shape.sizes.back() == 1,
                "the small MLP maps points of the plane to one output");
  ATTEND_ASSERT(data.x.size() == 2 * data.y.size() && !data.y.empty(), "Points2 needs 2 coordinates per target");
}

// Forward pass in double, keeping every layer's activations (units × points) for the backward pass.
std::vector<MatD> forward(const MlpShape& shape, const double* params, const Points2& data) {
  const Eigen::Index n = static_cast<Eigen::Index>(data.size());
  std::vector<MatD> acts;
  acts.push_back(Eigen::Map<const MatD>(data.x.data(), 2, n));
  const std::vector<ParamBlock> blocks = parameter_blocks(shape);
  const size_t layers = shape.sizes.size() - 1;
  for (size_t l = 0; l < layers; ++l) {
    const ParamBlock& W = blocks[2 * l];
    const ParamBlock& b = blocks[2 * l + 1];
    MatD z = RowMapD(params + W.offset, W.rows, W.cols) * acts.back();
    z.colwise() += Eigen::Map<const Eigen::VectorXd>(params + b.offset, b.rows);
    if (l + 1 < layers || shape.tanh_output) z = z.array().tanh().matrix();
    acts.push_back(std::move(z));
  }
  return acts;
}

}  // namespace

double mlp_loss_grad(const MlpShape& shape, const double* params, const Points2& data, double* grad) {
  check_shape(shape, data);
  const std::vector<MatD> acts = forward(shape, params, data);
  const double n = static_cast<double>(data.size());
  const Eigen::Map<const Eigen::RowVectorXd> y(data.y.data(), static_cast<Eigen::Index>(data.size()));
  const Eigen::RowVectorXd err = acts.back().row(0) - y;
  const double loss = 0.5 * err.squaredNorm() / n;
  if (!grad) return loss;

  const std::vector<ParamBlock> blocks = parameter_blocks(shape);
  const size_t layers = shape.sizes.size() - 1;
  // δ = ∂L/∂z for the current layer (units × points).
  MatD delta = err / n;
  if (shape.tanh_output) delta = (delta.array() * (1.0 - acts.back().array().square())).matrix();
  for (size_t l = layers; l-- > 0;) {
    const ParamBlock& W = blocks[2 * l];
    const ParamBlock& b = blocks[2 * l + 1];
    RowMapDW(grad + W.offset, W.rows, W.cols) = delta * acts[l].transpose();
    Eigen::Map<Eigen::VectorXd>(grad + b.offset, b.rows) = delta.rowwise().sum();
    if (l == 0) break;
    MatD back = RowMapD(params + W.offset, W.rows, W.cols).transpose() * delta;
    delta = (back.array() * (1.0 - acts[l].array().square())).matrix();
  }
  return loss;
}

double mlp_accuracy(const MlpShape& shape, const double* params, const Points2& data) {
  check_shape(shape, data);
  const std::vector<MatD> acts = forward(shape, params, data);
  size_t right = 0;
  for (size_t k = 0; k < data.size(); ++k) right += (acts.back()(0, static_cast<Eigen::Index>(k)) >= 0) == (data.y[k] >= 0);
  return static_cast<double>(right) / static_cast<double>(data.size());
}

Objective mlp_objective(const MlpShape& shape, const Points2& data) {
  check_shape(shape, data);
  auto held = std::make_shared<std::pair<MlpShape, Points2>>(shape, data);
  Objective o;
  o.dim = static_cast<int>(parameter_count(shape));
  o.value_grad = [held](const double* x, double* grad) { return mlp_loss_grad(held->first, x, held->second, grad); };
  return o;
}

}  // namespace attend::surface
