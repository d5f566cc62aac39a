#include <doctest/doctest.h>

#include <cmath>

#include "core/experiments/drift.h"
#include "core/util/rng.h"

using namespace attend::experiments;

TEST_CASE("PSI is 0 for the same sample and large for a shifted one") {
  attend::SplitMix64 g(1);
  std::vector<double> a, b, c;
  for (int i = 0; i < 2000; ++i) a.push_back(g.normal()), b.push_back(g.normal()), c.push_back(g.normal() + 1);
  CHECK(population_stability_index(a, a) == doctest::Approx(0.0));
  CHECK(population_stability_index(a, b) < 0.05);
  CHECK(population_stability_index(a, c) > 0.5);
}

TEST_CASE("the KS test: statistic by hand, p-values that separate same from different") {
  // a = {1, 2, 3}, b = {2.5, 4}: the empirical CDFs differ most just after 2 (2/3 vs 0).
  const KsTest t = ks_two_sample({1, 2, 3}, {2.5, 4});
  CHECK(t.statistic == doctest::Approx(2.0 / 3));
  attend::SplitMix64 g(2);
  std::vector<double> a, b, c;
  for (int i = 0; i < 500; ++i) a.push_back(g.normal()), b.push_back(g.normal()), c.push_back(g.normal() + 0.5);
  CHECK(ks_two_sample(a, b).p_value > 0.01);
  CHECK(ks_two_sample(a, c).p_value < 1e-4);
  CHECK(ks_two_sample(a, a).p_value == 1.0);
}

TEST_CASE("under drift the static model decays, the monitor fires after the drift starts, retraining helps") {
  DriftSetup s;
  const DriftRun r = simulate_drift(s);
  REQUIRE(r.steps.size() == 60);
  CHECK(r.first_alarm >= s.drift_start);
  CHECK(r.first_alarm < s.drift_start + 15);
  double early = 0, late_static = 0, late_monitored = 0;
  for (int t = 0; t < 10; ++t) early += r.steps[t].accuracy_static / 10;
  for (int t = 50; t < 60; ++t)
    late_static += r.steps[t].accuracy_static / 10, late_monitored += r.steps[t].accuracy_monitored / 10;
  CHECK(early > 0.8);
  CHECK(late_static < early - 0.2);
  CHECK(late_monitored > late_static + 0.15);
  CHECK(r.retrains == r.alarms);
  // Same seed, same run.
  const DriftRun again = simulate_drift(s);
  CHECK(again.alarms == r.alarms);
  CHECK(again.steps[40].psi == r.steps[40].psi);
}
