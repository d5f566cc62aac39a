#include <doctest/doctest.h>

#include <cmath>

#include "core/experiments/erm.h"

using namespace attend::experiments;

TEST_CASE("the true risk of a threshold is η + (1 − 2η)·|t − θ_star|, checked against a large sample") {
  ErmSetup s;
  CHECK(erm_true_risk(s, s.theta_star) == doctest::Approx(s.noise));
  CHECK(erm_true_risk(s, 1.0) == doctest::Approx(0.1 + 0.8 * 0.65));
  const ErmSample big = draw_erm_sample(s, 200000, 1);
  const ErmCurve c = erm_on_sample(s, big);
  for (size_t k = 0; k < c.thresholds.size(); k += 5)
    CHECK(c.empirical[k] == doctest::Approx(c.true_risk[k]).epsilon(0.02));
  CHECK(c.erm_true == doctest::Approx(c.best_true).epsilon(1e-9));
}

TEST_CASE("ERM picks the smallest empirical risk — its empirical risk is optimistic on small samples") {
  ErmSetup s;
  const ErmCurve c = erm_on_sample(s, draw_erm_sample(s, 20, 3));
  for (double e : c.empirical) CHECK(c.erm_empirical <= e);
  CHECK(c.thresholds.size() == 41);
  const ErmLearningCurve lc = erm_learning_curve(s, {10, 100, 1000}, 300, 9);
  CHECK(lc.mean_empirical[0] < lc.mean_true[0]);      // the chosen hypothesis looks better than it is
  CHECK(lc.mean_excess[0] > lc.mean_excess[1]);        // and more data makes the choice better
  CHECK(lc.mean_excess[2] < 0.005);
  CHECK(lc.mean_deviation[0] > lc.mean_deviation[2]);  // uniform convergence
  for (size_t i = 0; i < lc.sizes.size(); ++i) CHECK(lc.bound_violations[i] <= lc.delta);
  CHECK(lc.best_true == doctest::Approx(0.1));
}

TEST_CASE("the same seed draws the same sample") {
  ErmSetup s;
  CHECK(draw_erm_sample(s, 50, 7).x == draw_erm_sample(s, 50, 7).x);
  CHECK(draw_erm_sample(s, 50, 7).y != draw_erm_sample(s, 50, 8).y);
}
