// Hyperparameter search (topic 22): grid, random, successive halving and Bayesian optimisation over a few
// hyperparameters, each spending a budget (training steps, epochs) on an objective that trains a model and
// returns its validation loss. Every method reports each trial and the budget it spent, so a view can show
// where each method looked and what it paid.
//
//   std::vector<Param> space = {{"lr", 1e-3, 1.0, true}, {"l2", 1e-5, 1e-1, true}};
//   SearchResult r = successive_halving(space, {27, 10, 270, 3}, seed, objective, &progress);
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace attend::tune {

struct Param {
  std::string name;
  double lo = 0, hi = 1;
  bool log = false;  // sample and grid in log space (learning rates, regularisation rates)
};

struct Trial {
  std::vector<double> x;  // one value per Param
  double budget = 0;      // what this evaluation cost
  double score = 0;       // validation loss: lower is better
  int rung = 0;           // successive halving's round; 0 elsewhere
};

struct SearchResult {
  std::vector<Trial> trials;  // in the order they were evaluated
  Trial best;                 // lowest score among the trials with the largest budget
  double total_budget = 0;
  bool cancelled = false;
};

// The objective trains with hyperparameters `x` for `budget` units and returns the validation loss.
// A NaN or infinite result (divergence) counts as the worst possible score.
using Objective = std::function<double(const std::vector<double>& x, double budget)>;

// Shared with a worker thread: trials done so far out of the planned total, and a cancel flag.
struct Progress {
  std::atomic<int> done{0};
  std::atomic<int> total{0};
  std::atomic<bool> cancel{false};
};

// `points` per axis, every cell evaluated with the full budget.
SearchResult grid_search(const std::vector<Param>& space, int points, double budget, const Objective& f,
                         Progress* progress = nullptr);
SearchResult random_search(const std::vector<Param>& space, int trials, double budget, uint64_t seed,
                           const Objective& f, Progress* progress = nullptr);

struct HalvingPlan {
  int configs = 27;         // random configurations in the first rung
  double min_budget = 10;   // budget per configuration in the first rung
  double max_budget = 270;  // no configuration gets more than this
  int eta = 3;              // keep the best 1/eta each rung, give them eta times the budget
};
SearchResult successive_halving(const std::vector<Param>& space, const HalvingPlan& plan, uint64_t seed,
                                const Objective& f, Progress* progress = nullptr);

// Gaussian-process Bayesian optimisation: `initial` random trials, then `iterations` trials each at the
// point of highest expected improvement (searched over random candidates in the unit cube).
SearchResult bayesian_optimisation(const std::vector<Param>& space, int initial, int iterations, double budget,
                                   uint64_t seed, const Objective& f, Progress* progress = nullptr);

// Maps a point of the unit cube to parameter values (log or linear per axis), and back.
std::vector<double> from_unit(const std::vector<Param>& space, const std::vector<double>& u);
std::vector<double> to_unit(const std::vector<Param>& space, const std::vector<double>& x);

}  // namespace attend::tune
