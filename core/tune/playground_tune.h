// Hyperparameter search on the playground model (topic 22): two of its hyperparameters (learning rate, L2
// rate, batch size, neurons per layer, hidden layers, momentum) searched by grid, random, successive halving
// or Bayesian optimisation (search.h) on a real validation split: the training points are split again,
// the network trains on one part and is scored on the other, and the test points stay unseen until the end.
// A budget unit is one epoch over the fitting part.
//
//   tune::PlaygroundTuneSetup s;                    // spiral, lr × L2 rate
//   tune::PlaygroundTuneData d = tune::make_tune_data(s);
//   tune::Objective f = tune::playground_objective(s, d);
//   tune::SearchResult r = tune::run_search(tune::tune_space(s), plan, f, &progress);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/data/playground_data.h"
#include "core/nn/playground_net.h"
#include "core/tune/search.h"

namespace attend::tune {

enum class PlaygroundKnob { LearningRate, L2Rate, BatchSize, Neurons, Layers, Momentum };
constexpr int kPlaygroundKnobCount = 6;
const char* knob_name(PlaygroundKnob k);                  // "lr", "l2", "batch_size", "neurons", "layers", "momentum"
bool parse_knob(const std::string& name, PlaygroundKnob* out);
// The range searched: lr 1e-3…3 (log), l2 1e-5…1 (log), batch 1…64 (log), neurons 1…8, layers 1…6,
// momentum 0…0.99. Integer knobs are rounded when a network is built.
Param knob_param(PlaygroundKnob k);
bool knob_is_integer(PlaygroundKnob k);

struct PlaygroundTuneSetup {
  data::PlaygroundDataSpec data = [] {
    data::PlaygroundDataSpec d;
    d.dataset = "spiral";
    d.noise = 0.1;
    return d;
  }();
  double validation_fraction = 0.3;  // of the training points
  nn::PlaygroundConfig net = [] {
    nn::PlaygroundConfig c;
    c.hidden = {8, 8};
    c.features = {nn::PlaygroundFeature::X1, nn::PlaygroundFeature::X2, nn::PlaygroundFeature::SinX1,
                  nn::PlaygroundFeature::SinX2};
    return c;
  }();
  float lr = 0.03f;                  // used when lr is not a searched knob
  int batch = 10;
  PlaygroundKnob x = PlaygroundKnob::LearningRate, y = PlaygroundKnob::L2Rate;
  uint64_t init_seed = 1;            // every trial starts from the same draw (the knobs are what differ)
};

struct PlaygroundTuneData {
  data::Points2D fit, validation, test;
  std::string description;
};
PlaygroundTuneData make_tune_data(const PlaygroundTuneSetup& s);
std::vector<Param> tune_space(const PlaygroundTuneSetup& s);

// Trains a fresh network with knob values x = {x-knob, y-knob} for `budget` epochs and returns the
// validation loss (½·mean squared error, Playground's loss). The data is shared, not copied per trial.
Objective playground_objective(const PlaygroundTuneSetup& s, std::shared_ptr<const PlaygroundTuneData> data);
// The same training, scored on the test points (for the winner, once the search is over).
double playground_test_loss(const PlaygroundTuneSetup& s, const PlaygroundTuneData& d, const std::vector<double>& x,
                            double budget);

enum class SearchMethod { Grid, Random, Halving, Bayesian };
constexpr int kSearchMethodCount = 4;
const char* method_name(SearchMethod m);                  // "grid", "random", "halving", "bayesian"
bool parse_method(const std::string& name, SearchMethod* out);

struct SearchPlan {
  SearchMethod method = SearchMethod::Grid;
  double budget = 30;           // epochs per full-budget trial
  int grid_points = 6;          // per axis: 36 trials
  int random_trials = 36;
  HalvingPlan halving{36, 30.0 / 9, 30, 3};  // 36 configs at budget/9, the best third at 3×, …
  int bayes_initial = 8, bayes_iterations = 16;
  uint64_t seed = 1;
};
SearchResult run_search(const std::vector<Param>& space, const SearchPlan& plan, const Objective& f,
                        Progress* progress = nullptr);

}  // namespace attend::tune
