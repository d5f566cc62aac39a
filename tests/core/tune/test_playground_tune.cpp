// Hyperparameter search on the playground (topic 22): the validation split, the objective's behaviour
// (a sensible learning rate beats a tiny one, a huge one diverges to the worst score), every method through
// run_search, and the background job with progress and cancel.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include "core/tune/playground_tune.h"
#include "core/tune/search_job.h"

using namespace attend;
using namespace attend::tune;

namespace {
PlaygroundTuneSetup small_setup() {
  PlaygroundTuneSetup s;
  s.data.dataset = "circle";
  s.data.noise = 0;
  s.net.hidden = {4};
  s.net.features = {nn::PlaygroundFeature::X1, nn::PlaygroundFeature::X2};
  return s;
}
}  // namespace

TEST_CASE("playground tune: the validation split is taken from the training points only") {
  const PlaygroundTuneSetup s = small_setup();
  const PlaygroundTuneData d = make_tune_data(s);
  CHECK(d.fit.size() == 175);
  CHECK(d.validation.size() == 75);
  CHECK(d.test.size() == 250);
  const std::vector<Param> space = tune_space(s);
  REQUIRE(space.size() == 2);
  CHECK(space[0].name == "lr");
  CHECK(space[1].log);
  PlaygroundKnob k;
  CHECK(parse_knob("batch_size", &k));
  CHECK(knob_is_integer(k));
  SearchMethod m;
  CHECK(parse_method("halving", &m));
  CHECK(m == SearchMethod::Halving);
}

TEST_CASE("playground tune: a good learning rate beats a tiny one and a huge one is the worst score") {
  PlaygroundTuneSetup s = small_setup();
  auto data = std::make_shared<const PlaygroundTuneData>(make_tune_data(s));
  const Objective f = playground_objective(s, data);
  const double good = f({0.1, 1e-5}, 20);
  const double tiny = f({1e-3, 1e-5}, 20);
  CHECK(good < tiny);
  CHECK(good < 0.3);
  CHECK(f({1e4, 1e-5}, 5) > good);  // tanh saturates: a huge rate does not explode, it just fails
  CHECK(playground_test_loss(s, *data, {0.1, 1e-5}, 20) < 0.4);
}

TEST_CASE("playground tune: grid search over lr and L2 finds a low-lr-low-L2 corner, halving spends less") {
  PlaygroundTuneSetup s = small_setup();
  auto data = std::make_shared<const PlaygroundTuneData>(make_tune_data(s));
  const Objective f = playground_objective(s, data);
  SearchPlan plan;
  plan.budget = 10;
  plan.grid_points = 4;
  const SearchResult grid = run_search(tune_space(s), plan, f);
  CHECK(grid.trials.size() == 16);
  // Heavy L2 (the top of its range, 1) flattens the network: the best cell has a small L2 rate.
  CHECK(grid.best.x[1] < 0.1);
  CHECK(grid.best.score < 0.35);
  plan.method = SearchMethod::Halving;
  plan.halving = {16, 10.0 / 4, 10, 2};
  const SearchResult halving = run_search(tune_space(s), plan, f);
  CHECK(halving.total_budget < grid.total_budget);
  plan.method = SearchMethod::Random;
  plan.random_trials = 5;
  CHECK(run_search(tune_space(s), plan, f).trials.size() == 5);
}

TEST_CASE("search job: runs in the background, reports every trial and stops on cancel") {
  const std::vector<Param> space = {{"a", 0, 1, false}, {"b", 0, 1, false}};
  const Objective bowl = [](const std::vector<double>& x, double) {
    return (x[0] - 0.3) * (x[0] - 0.3) + (x[1] - 0.7) * (x[1] - 0.7);
  };
  {
    SearchJob job(bowl, [&](const Objective& f, Progress* p) { return grid_search(space, 5, 1, f, p); });
    for (int i = 0; i < 500 && !job.done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(job.done());
    CHECK(job.fraction() == doctest::Approx(1.0));
    CHECK(job.trials().size() == 25);
    CHECK(job.result().best.x[0] == doctest::Approx(0.25));
    CHECK(job.result().best.x[1] == doctest::Approx(0.75));
  }
  {
    const Objective slow = [&](const std::vector<double>& x, double b) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return bowl(x, b);
    };
    SearchJob job(slow, [&](const Objective& f, Progress* p) { return grid_search(space, 20, 1, f, p); });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    job.cancel();
    for (int i = 0; i < 500 && !job.done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(job.done());
    CHECK(job.cancelled());
    CHECK(job.result().cancelled);
    CHECK(job.trials().size() < 400);
  }
}
