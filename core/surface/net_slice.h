// A real network's loss landscape, start to finish, for the lab's "Real network slice" mode: train the
// engine's playground network (core/nn/playground_net.h: TensorFlow Playground's MLP, the one the playground
// view trains) on a toy 2-D dataset, recording the weights along the way; then draw its loss as a surface
// around the trained weights θ* along two directions, the 1-D interpolation from the initial weights θ₀ to
// θ*, and the training trajectory projected onto the slice plane.
//
// Two kinds of directions:
//   Random — Gaussian, filter-normalised (Li et al. 2018, slice.h): the landscape "as seen from a random
//            angle"; the trajectory barely lies in such a plane (random directions are nearly orthogonal to
//            θ₀ − θ* in many dimensions), and the residual says how far off it is.
//   Pca    — the top two principal components of the recorded weights θₜ − θ*: the plane the training
//            actually moved in, so the projected trajectory lies (almost) on the plotted surface; the
//            explained variance says how much of the motion the plane holds. Each direction is scaled so
//            the trajectory spans 80 % of the slice along it.
// One cancellable computation with progress in three stages (train, slice, interpolate):
//
//   NetSliceSpec spec;                       // circle, x1 x2 → 8 → 8 → 1 tanh, Adam lr 0.03, 300 steps, 41×41
//   NetSliceResult r = run_net_slice(spec, &job);
//   build_scene_from_values(r.slice.loss, r.slice.n, r.slice.box, SceneSpec{});
#pragma once

#include <cstdint>
#include <vector>

#include "core/data/toy2d.h"
#include "core/nn/playground_net.h"
#include "core/optim/rules.h"
#include "core/surface/job.h"
#include "core/surface/slice.h"

namespace attend::surface {

enum class SliceDirections { Random, Pca };
const char* directions_name(SliceDirections d);  // "random", "pca"

struct NetSliceSpec {
  data::Toy2DKind dataset = data::Toy2DKind::Circle;
  int points = 300;
  double noise = 0.1;
  uint64_t data_seed = 2016;
  nn::PlaygroundConfig net;    // the playground's x1, x2 → 8 → 8 → 1, tanh everywhere
  uint64_t init_seed = 42;     // nn::make_playground_net's SplitMix64 seed
  optim::Method method = optim::Method::Adam;
  double lr = 0.03;
  int steps = 300;             // full-batch steps
  int record_every = 5;        // the trajectory keeps θₜ every this many steps (and the last)
  SliceDirections directions = SliceDirections::Random;
  uint64_t direction_seed = 7;
  int n = 41;                  // slice grid per side
  double range = 1.0;          // the slice spans [−range, range]² in direction units
  int interpolation_points = 61;  // over t ∈ [−0.5, 1.5]
};

struct NetSliceResult {
  NetSliceSpec spec;
  size_t parameters = 0;
  std::vector<double> loss_curve;      // training loss before each step, and after the last (steps + 1 values)
  double initial_loss = 0, final_loss = 0;
  double initial_accuracy = 0, final_accuracy = 0;
  std::vector<float> initial, trained; // θ₀, θ*
  std::vector<float> d1, d2;           // the slice directions
  double explained[2] = {0, 0};        // PCA: fraction of the trajectory's variance along d1 and d2
  Slice2D slice;
  Slice1D interpolation;
  // The recorded weights projected onto the plane θ* + α·d1 + β·d2, with their step and true loss.
  std::vector<PlaneCoords> trajectory;
  std::vector<int> trajectory_step;
  std::vector<double> trajectory_loss;
  bool cancelled = false;
  int stage = 0;                       // how far it got: 1 trained, 2 sliced, 3 interpolated
};

// Points as the playground net reads them: xy holds n (x, y) pairs, labels ±1.
struct PlaygroundData {
  std::vector<float> xy, labels;
  int size() const { return static_cast<int>(labels.size()); }
};
PlaygroundData net_slice_data(const NetSliceSpec& spec);

// The playground net's flat parameters (nn::get_parameters: layer by layer, W[out][in] row-major, then b)
// as slice blocks: one filter per row of W, biases as vectors.
std::vector<ParamBlock> playground_blocks(const nn::PlaygroundNet& net);
// A slice model centred on `net`'s weights whose loss is the net's mean ½(out − label)² on `data`
// (nn::evaluate; it keeps its own copy of the net, the data and a workspace, so one model per thread).
SliceModel playground_slice_model(const nn::PlaygroundNet& net, const PlaygroundData& data);

NetSliceResult run_net_slice(const NetSliceSpec& spec, JobProgress* job = nullptr);

// The top two principal directions of the points θₜ − center (rows of `trajectory`), unit length, with the
// fraction of the total variance each explains. Fewer than two distinct points give zero directions.
void pca_directions(const std::vector<std::vector<float>>& trajectory, const std::vector<float>& center,
                    std::vector<float>* d1, std::vector<float>* d2, double explained[2]);

}  // namespace attend::surface
