#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/tune/search.h"

using namespace attend::tune;

namespace {

// A known landscape over log10(lr) ∈ [-4, 0] and log10(l2) ∈ [-6, -1]: best at lr = 1e-2, l2 = 1e-4.
// More budget lowers the loss towards its floor, as more training would.
double synthetic(const std::vector<double>& x, double budget) {
  const double a = std::log10(x[0]) + 2.0;
  const double b = std::log10(x[1]) + 4.0;
  return a * a + 0.5 * b * b + 1.0 / budget;
}

const std::vector<Param> kSpace = {{"lr", 1e-4, 1.0, true}, {"l2", 1e-6, 1e-1, true}};

}  // namespace

TEST_CASE("grid search finds the best cell of a known objective") {
  // 5 points per axis in log space: lr ∈ {1e-4, 1e-3, 1e-2, 1e-1, 1}, l2 ∈ {1e-6, …, 1e-1} in 1.25-decade steps.
  const SearchResult r = grid_search(kSpace, 5, 100, synthetic);
  CHECK(r.trials.size() == 25);
  CHECK(r.total_budget == doctest::Approx(2500));
  CHECK(r.best.x[0] == doctest::Approx(1e-2));
  double exhaustive = std::numeric_limits<double>::max();
  for (const Trial& t : r.trials) exhaustive = std::min(exhaustive, t.score);
  CHECK(r.best.score == exhaustive);
  CHECK(std::abs(std::log10(r.best.x[1]) + 4.0) <= 0.625 + 1e-9);
}

TEST_CASE("random search is reproducible for a seed and gets close with enough trials") {
  const SearchResult a = random_search(kSpace, 60, 100, 11, synthetic);
  const SearchResult b = random_search(kSpace, 60, 100, 11, synthetic);
  REQUIRE(a.trials.size() == 60);
  for (size_t i = 0; i < a.trials.size(); ++i) CHECK(a.trials[i].x == b.trials[i].x);
  CHECK(a.best.score < 0.5);
}

TEST_CASE("successive halving spends less than full-budget random search on the same configurations") {
  HalvingPlan plan;
  plan.configs = 27;
  plan.min_budget = 10;
  plan.max_budget = 270;
  plan.eta = 3;
  const SearchResult r = successive_halving(kSpace, plan, 5, synthetic);
  // Rungs of 27, 9, 3 and 1 configurations at budgets 10, 30, 90, 270.
  CHECK(r.trials.size() == 27 + 9 + 3 + 1);
  CHECK(r.total_budget == doctest::Approx(27 * 10 + 9 * 30 + 3 * 90 + 270));
  CHECK(r.total_budget < 27 * 270);
  const SearchResult full = random_search(kSpace, 27, 270, 5, synthetic);
  // Same seed, same first-rung configurations: halving keeps the best of them.
  CHECK(std::abs(r.best.score - full.best.score) < 0.05);
  CHECK(r.trials.back().rung == 3);
}

TEST_CASE("Bayesian optimisation beats random search with the same number of trials") {
  const SearchResult bo = bayesian_optimisation(kSpace, 5, 15, 100, 3, synthetic);
  CHECK(bo.trials.size() == 20);
  double random_mean = 0;
  for (uint64_t seed = 1; seed <= 5; ++seed) random_mean += random_search(kSpace, 20, 100, seed, synthetic).best.score;
  random_mean /= 5;
  CHECK(bo.best.score < random_mean);
  CHECK(bo.best.score < 0.2);
}

TEST_CASE("diverged trials count as the worst score and cancel stops the search") {
  auto diverging = [](const std::vector<double>& x, double) { return x[0] > 0.1 ? std::nan("") : x[0]; };
  const SearchResult r = grid_search({{"lr", 0.01, 1.0, true}}, 3, 1, diverging);
  CHECK(r.best.x[0] == doctest::Approx(0.01));
  Progress p;
  p.cancel = true;
  const SearchResult c = random_search(kSpace, 10, 1, 1, synthetic, &p);
  CHECK(c.trials.empty());
  CHECK(c.cancelled);
}

TEST_CASE("unit-cube mapping round-trips in log and linear space") {
  const std::vector<Param> space = {{"lr", 1e-4, 1.0, true}, {"units", 1, 8, false}};
  const auto x = from_unit(space, {0.5, 0.5});
  CHECK(x[0] == doctest::Approx(1e-2));
  CHECK(x[1] == doctest::Approx(4.5));
  const auto u = to_unit(space, x);
  CHECK(u[0] == doctest::Approx(0.5));
  CHECK(u[1] == doctest::Approx(0.5));
}
