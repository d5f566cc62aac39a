// The playground trainer: a PlaygroundNet on labelled 2-D points inside a training Session. One step is one
// mini-batch SGD update (the batches walk the training set in order and wrap, as Playground's do); the
// snapshot carries what the playground view draws: the network's weights and last gradients, the
// decision grid, every neuron's thumbnail, train and test loss.
//
//   train::MlpTrainerConfig cfg;  cfg.train = points;  cfg.test = held_out;
//   train::Session<train::MlpModel, train::MlpSnapshot> s(train::make_mlp_model(cfg), train::mlp_hooks(), 42);
//   s.set("lr", 0.1);  s.set("batch_size", 30);  s.set("regularization", 2);   // 0 none, 1 L1, 2 L2
//   s.post([](train::MlpModel& m) { train::set_weight(m, 0, 3, 1, 0.5f); });    // a clicked weight
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/data/points_csv.h"
#include "core/nn/playground_net.h"
#include "core/tensor/scratch.h"
#include "core/train/session.h"

namespace attend::train {

struct MlpTrainerConfig {
  nn::PlaygroundConfig net;        // features, hidden widths, activations, regularisation
  data::Points2D train, test;      // labels ±1 (classification) or values (regression, with a linear output)
  float lr = 0.03f;
  int batch_size = 10;             // 1–500; Playground offers 1–30
  int grid_res = 50;               // decision grid cells per side
  float grid_lo = -6.f, grid_hi = 6.f;
  int thumb_res = 16;              // per-neuron thumbnails (0: none)
};

struct MlpModel {
  MlpTrainerConfig config;
  nn::PlaygroundNet net;
  tensor::Scratch<nn::PlaygroundWorkspace> ws;
  int cursor = 0;                  // first training row of the next batch
  int64_t updates = 0;
  double last_loss = 0;
};

MlpModel make_mlp_model(const MlpTrainerConfig& c);
// Re-initialises the weights (Playground's u − 0.5 and 0.1 with SplitMix64(seed)) and the batch cursor.
void reset(MlpModel& m, uint64_t seed);
// Applies a new configuration (architecture, data, …) and re-initialises.
void configure(MlpModel& m, const MlpTrainerConfig& c, uint64_t seed);
// One SGD update on the next batch; returns the batch's mean loss before the update.
double train_step(MlpModel& m);
// lr, batch_size, regularization (0 none, 1 L1, 2 L2), regularization_rate. False for an unknown name.
bool set_mlp_hyper(MlpModel& m, const std::string& name, double value);
// Edits one parameter (in = -1: the bias of neuron `out`); layer counts weight layers from 0.
void set_weight(MlpModel& m, int layer, int out, int in, float value);

struct MlpSnapshot {
  Progress progress;
  nn::PlaygroundNet net;                // weights, biases and the last step's gradients
  int grid_res = 0;
  float grid_lo = 0, grid_hi = 0;
  std::vector<float> grid;              // output over the grid, row i = y (see nn::predict_grid)
  int thumb_res = 0;
  std::vector<float> thumbnails;        // every neuron's output over a thumb_res grid (nn::neuron_grid)
  double train_loss = 0, test_loss = 0, train_accuracy = 0, test_accuracy = 0;
  double epoch = 0;                     // training examples seen / training set size
};

void publish(const MlpModel& m, MlpSnapshot& s);
Session<MlpModel, MlpSnapshot>::Hooks mlp_hooks();

}  // namespace attend::train
