// Linear regions of a ReLU network over the input plane (topic 18). Inside one region every hidden neuron
// keeps its on/off state, so the network is one affine function there; the plane is cut into such pieces
// by each neuron's kink line, bent wherever an earlier layer switches. Depth can multiply the pieces (each
// layer folds the plane onto itself), width only adds lines.
//
// Counting is on a grid: every cell gets the activation pattern at its centre. With its pattern fixed the
// network's pre-activations are affine in the input, so the points of one pattern form one convex polygon:
// regions = distinct patterns. A region thinner than a cell can be missed, so a count is a lower bound that
// rises to the exact number as the grid gets finer; the hand-built networks in the tests have known counts
// and are found exactly.
//
//   nn::ReluNet net = nn::relu_net_from_playground(playground_net);
//   nn::RegionMap map = nn::linear_regions(net, 200, -6, 6);
//   map.regions;                 // pieces of the plane on which the network is affine
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/playground_net.h"

namespace attend::nn {

// A fully connected ReLU network on 2-D input, in plain arrays. Only the hidden layers' patterns matter;
// the output layer (if any) is kept so the function can be evaluated.
struct ReluNet {
  std::vector<PlaygroundFeature> features = {PlaygroundFeature::X1, PlaygroundFeature::X2};
  std::vector<int> widths;                // {inputs, hidden…, outputs}
  std::vector<std::vector<double>> w;     // per layer: out×in, row-major
  std::vector<std::vector<double>> b;     // per layer: out
  bool last_is_output = true;             // the last layer is linear (not part of the pattern)
};

// The playground network's weights (its activation should be ReLU for the regions to be linear pieces).
ReluNet relu_net_from_playground(const PlaygroundNet& net);
int hidden_neurons(const ReluNet& net);
size_t relu_parameter_count(const ReluNet& net);
// The network's output at (x, y).
double relu_output(const ReluNet& net, double x, double y);

struct RegionMap {
  int res = 0;
  double lo = 0, hi = 0;
  std::vector<int> region;     // res×res region index, cell (i, j) at x = c_j, y = c_i (row 0 at the bottom)
  int regions = 0;             // pieces on which the network is affine (one per activation pattern seen)
  int patterns = 0;            // the same number, by its other name
  int hidden = 0;              // hidden neurons
};

// Cell centres c_i = lo + (hi − lo)·i/(res − 1), as the decision grid's.
RegionMap linear_regions(const ReluNet& net, int res, double lo, double hi);

// ---- Wide vs deep at equal parameter count -------------------------------------------------------------

// Random ReLU networks 2 → width^depth → 1 for each depth, with the width chosen so the parameter count is
// as close as possible to `parameter_budget`; weights N(0, 2/fan_in) (He), biases N(0, bias_sd²).
struct WideDeepRow {
  int depth = 0, width = 0;
  size_t parameters = 0;
  double mean_regions = 0, sd_regions = 0;
  int min_regions = 0, max_regions = 0;
  double bound_single_layer = 0;   // 1 + n + n(n−1)/2: the most n lines can cut the plane into
};
struct WideDeepSetup {
  size_t parameter_budget = 100;
  std::vector<int> depths = {1, 2, 3, 4, 6};
  int seeds = 8;
  int res = 160;
  double extent = 3;               // the plane [−extent, extent]²
  double bias_sd = 0.5;
  uint64_t seed = 1;
};
std::vector<WideDeepRow> wide_vs_deep(const WideDeepSetup& s);

// The folding construction that shows what depth can do: each layer of two ReLUs computes the tent map
// t(u) = 2u on [0, ½], 2 − 2u on [½, 1] of the previous layer's output, so `depth` layers cut x₁ ∈ [0, 1]
// into 2^depth strips (on [0, 1]²) with 6·depth + 3 parameters; a single layer with as many parameters has
// at most 1 + n + n(n−1)/2 regions for n = its neurons.
ReluNet sawtooth_net(int depth);
// A random network of the given hidden widths (He init) — for the table above and for tests.
ReluNet random_relu_net(const std::vector<int>& hidden, double bias_sd, uint64_t seed);

}  // namespace attend::nn
