// Loss slices of real networks (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets"): the loss
// along two random directions around the trained weights, L(θ* + α·δ + β·η), drawn as a surface, and the
// 1-D interpolation L((1 − t)·θ₀ + t·θ*) from the initial to the trained weights.
//
// The directions are filter-normalised: each row of each weight matrix of a Gaussian direction (the weights
// into one unit: a "filter") is rescaled to the norm of the same row of θ*, so the slice is not distorted by
// the scale of the weights (a layer whose weights are 10× larger would otherwise look 10× flatter).
//
// Everything is generic over a model given as flat float parameters, their layout in blocks, and a loss
// callback, so the playground MLP, the transformer or anything else the engine trains can be sliced:
//
//   SliceModel m{trained, blocks, [&](const float* p) { return net_loss(p, data); }};
//   auto d1 = filter_normalised_direction(m, seed), d2 = filter_normalised_direction(m, seed + 1);
//   Slice2D s = loss_slice_2d(m, d1, d2, 41, 1.0, &job);   // job: progress bar + cancel
//   build_mesh_from_values(s.loss, s.n, s.box, HeightScale::Log, 0.6f, &mesh);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/surface/job.h"
#include "core/surface/surface.h"

namespace attend::surface {

// One parameter tensor inside the flat vector: a weight matrix of `rows` units × `cols` inputs (row-major,
// one row per filter) or a bias / norm vector (rows = its length, cols = 1, is_vector = true).
struct ParamBlock {
  std::string name;
  size_t offset = 0;
  size_t rows = 0, cols = 1;
  bool is_vector = false;
};

struct SliceModel {
  std::vector<float> params;               // θ*, the point the slice is centred on
  std::vector<ParamBlock> blocks;          // must tile params
  std::function<double(const float* params)> loss;  // the loss at any parameter vector of params.size()
};

// What to do with bias and norm vectors: zero them in the direction (Li et al.'s default, "ignore biasbn"),
// or normalise them like a filter of one row.
enum class VectorDirection { Zero, Normalise };

// A Gaussian direction (SplitMix64 seeded `seed`), filter-normalised against model.params.
std::vector<float> filter_normalised_direction(const SliceModel& model, uint64_t seed,
                                               VectorDirection vectors = VectorDirection::Zero);

struct Slice2D {
  int n = 0;                 // n×n grid
  Box box;                   // α along x, β along y, both in [−range, range]
  std::vector<double> loss;  // row-major: row j at β_j, column i at α_i (the mesh's layout); NaN if not computed
  double center_loss = 0;    // L(θ*)
  int rows_done = 0;         // complete rows (all n when not cancelled)
  bool cancelled = false;
};
// Evaluates the n×n grid row by row, advancing `job` per row and stopping early when it is cancelled
// (the rows computed so far are kept). Single thread; the model's loss callback is called n² times.
Slice2D loss_slice_2d(const SliceModel& model, const std::vector<float>& d1, const std::vector<float>& d2, int n,
                      double range, JobProgress* job = nullptr);

struct Slice1D {
  std::vector<double> t;
  std::vector<double> loss;
  bool cancelled = false;
};
// L((1 − t)·from + t·to) at n values of t evenly spaced over [t0, t1] (t = 0 is `from`, 1 is `to`).
Slice1D loss_interpolation(const std::function<double(const float*)>& loss, const std::vector<float>& from,
                           const std::vector<float>& to, int n, double t0 = -0.5, double t1 = 1.5,
                           JobProgress* job = nullptr);

// Coordinates (α, β) of the point of the plane θ* + α·d1 + β·d2 nearest to θ (least squares), to draw a
// training trajectory over the slice (its true loss differs from the slice's height off the plane; the
// residual says by how far it lies off the plane).
struct PlaneCoords {
  double alpha = 0, beta = 0;
  double residual = 0;  // ‖θ − (θ* + α·d1 + β·d2)‖
};
PlaneCoords project_to_slice(const std::vector<float>& center, const std::vector<float>& d1, const std::vector<float>& d2,
                             const std::vector<float>& theta);

}  // namespace attend::surface
