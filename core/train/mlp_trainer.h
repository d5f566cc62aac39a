// The playground trainer: a PlaygroundNet on labelled 2-D points inside a training Session. One step is one
// mini-batch update (the batches walk the training set in order and wrap, as Playground's do); the
// snapshot carries what the playground view draws: the network's weights and last gradients, the
// decision grid, every neuron's thumbnail, train and test loss, the data itself.
//
// Beyond Playground's plain SGD: any optimizer of core/optim (momentum, Adam, …) with Playground's L1/L2
// step after it, and layer or batch norm between each hidden layer's linear map and its activation (that
// path trains the same network on the engine's tape, nn/playground_tape.h). A step whose loss or weights
// stop being finite ends the run (StepReport::stop) instead of training NaNs silently.
//
//   train::MlpTrainerConfig cfg;  cfg.train = points;  cfg.test = held_out;
//   train::Session<train::MlpModel, train::MlpSnapshot> s(train::make_mlp_model(cfg), train::mlp_hooks(), 42);
//   s.set("lr", 0.1);  s.set("batch_size", 30);  s.set("regularization", 2);   // 0 none, 1 L1, 2 L2
//   s.set("optimizer", 5);                                                      // optim::Method::Adam
//   s.post([](train::MlpModel& m) { train::set_weight(m, 0, 3, 1, 0.5f); });    // a clicked weight
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/data/playground_data.h"
#include "core/nn/playground_net.h"
#include "core/nn/playground_tape.h"
#include "core/optim/optimizer.h"
#include "core/tensor/scratch.h"
#include "core/train/session.h"

namespace attend::train {

struct MlpTrainerConfig {
  nn::PlaygroundConfig net;        // features, hidden widths, activations, regularisation
  nn::PlaygroundNorm norm = nn::PlaygroundNorm::None;
  optim::Method optimizer = optim::Method::SGD;
  optim::Hyper hyper;              // momentum, betas, eps of the optimizer (lr is `lr` below)
  data::Points2D train, test;      // labels ±1 (classification) or values (regression, with a linear output)
  std::string data_description;    // what the points are, for legends ("spiral, 500 points, noise 10%")
  float lr = 0.03f;
  int batch_size = 10;             // 1–500; Playground offers 1–30
  int grid_res = 50;               // decision grid cells per side
  float grid_lo = -6.f, grid_hi = 6.f;
  int thumb_res = 16;              // per-neuron thumbnails (0: none)
  int probe_rows = 10;             // training points in the normalisation probe (topic 8)
};

// Builds a config's data from a Playground dataset or a CSV: points, problem type (the output activation is
// tanh for classification, linear for regression, as in Playground) and the grid's extent.
Status apply_data(MlpTrainerConfig& c, const data::PlaygroundDataSpec& spec);

struct MlpModel {
  MlpTrainerConfig config;
  data::PlaygroundDataSpec spec;   // where the points came from (kept for set("noise"), set("dataset"), …)
  nn::PlaygroundNet net;           // the weights (the tape path copies its weights here after every step)
  tensor::Scratch<nn::PlaygroundWorkspace> ws;
  std::vector<float> opt_m, opt_s, flat_p, flat_g;  // optimizer state on the flat parameters (fast path)
  int64_t opt_t = 0;
  nn::PlaygroundTapeNet tape_net;  // the engine's version, used when config.norm != None
  optim::Optimizer tape_opt;
  tensor::Scratch<tensor::Tape> tape;
  tensor::Scratch<tensor::Tensor> features;
  std::shared_ptr<const data::Points2D> shown_train, shown_test;  // the data as snapshots share it
  uint64_t seed = 0;
  int cursor = 0;                  // first training row of the next batch
  int64_t updates = 0;
  double last_loss = 0;
  bool diverged = false;
};

MlpModel make_mlp_model(const MlpTrainerConfig& c);
// Re-initialises the weights (Playground's u − 0.5 and 0.1 with SplitMix64(seed)), the optimizer state and
// the batch cursor.
void reset(MlpModel& m, uint64_t seed);
// Applies a new configuration (architecture, data, …) and re-initialises.
void configure(MlpModel& m, const MlpTrainerConfig& c, uint64_t seed);
// New data for the model (generated or read from a CSV) and a fresh start with the model's seed; on an error
// (a CSV that does not parse) the model is left as it was.
Status set_data(MlpModel& m, const data::PlaygroundDataSpec& spec);
// One update on the next batch; returns the batch's mean loss before the update (NaN once diverged).
double train_step(MlpModel& m);
// The message a diverged or impossible step stops the run with ("" while training can go on).
std::string step_problem(const MlpModel& m);
// Hyperparameters by name; false for an unknown name or a value out of range.
//   lr, batch_size, regularization (0 none, 1 L1, 2 L2), regularization_rate, optimizer (optim::Method index),
//   momentum, beta1, beta2 — take effect at once;
//   activation (0 ReLU, 1 tanh, 2 sigmoid, 3 linear), norm (0 none, 1 layer, 2 batch), layers (0–6),
//   layer1 … layer6 (widths 1–8), features (bit k = feature k of nn::PlaygroundFeature),
//   dataset (index of data::Toy2DKind), noise, train_ratio, data_seed — rebuild the network and start over.
bool set_mlp_hyper(MlpModel& m, const std::string& name, double value);
// The names set_mlp_hyper knows, for error messages.
std::string mlp_hyper_names();
// Edits one parameter (in = -1: the bias of neuron `out`); layer counts weight layers from 0.
void set_weight(MlpModel& m, int layer, int out, int in, float value);

struct NormProbe {
  int rows = 0, cols = 0;             // a training batch × the first hidden layer's neurons
  std::vector<float> before, after;   // the linear map's output and its normalised version (row-major)
};

// The probe's statistics along the axis the norm normalises: per neuron over the batch for batch norm, per
// point over the layer's neurons for layer norm; the standard deviations (and |mean| after) averaged over
// those groups. NaN without a norm or a probe. What topic 8 shows: after the norm every group has mean 0,
// sd 1 (γ = 1, β = 0 at the start), whatever the scale before.
struct NormStats {
  double before_sd = 0, after_sd = 0, after_mean = 0;
};
NormStats norm_stats(const NormProbe& probe, nn::PlaygroundNorm norm);

struct MlpSnapshot {
  Progress progress;
  nn::PlaygroundNet net;                // weights, biases and the last step's gradients
  nn::PlaygroundNorm norm = nn::PlaygroundNorm::None;
  optim::Method optimizer = optim::Method::SGD;
  float lr = 0, batch_size = 0;
  int grid_res = 0;
  float grid_lo = 0, grid_hi = 0;
  std::vector<float> grid;              // output over the grid, row i = y (see nn::predict_grid)
  int thumb_res = 0;
  std::vector<float> thumbnails;        // every neuron's output over a thumb_res grid (nn::neuron_grid)
  double train_loss = 0, test_loss = 0, train_accuracy = 0, test_accuracy = 0;
  double epoch = 0;                     // training examples seen / training set size
  bool regression = false;
  bool diverged = false;
  size_t parameters = 0;                // weights and biases (plus γ, β with a norm)
  std::shared_ptr<const data::Points2D> train, test;
  std::string data_description;
  NormProbe probe;                      // filled when a norm is on
};

void publish(const MlpModel& m, MlpSnapshot& s);
Session<MlpModel, MlpSnapshot>::Hooks mlp_hooks();

}  // namespace attend::train
