#include <doctest/doctest.h>

#include <cmath>

#include "core/experiments/regression_family.h"

using namespace attend::experiments;

TEST_CASE("correlated features: coefficient variance grows like 1/(1 − ρ²), predictions barely change") {
  CollinearitySetup s;
  s.repeats = 300;
  const std::vector<CollinearityPoint> pts = collinearity_sweep(s, {0.0, 0.9, 0.99}, 5);
  REQUIRE(pts.size() == 3);
  for (const CollinearityPoint& p : pts) {
    CHECK(p.var_b1 == doctest::Approx(p.var_b1_theory).epsilon(0.2));  // 300 repeats: ±~16 % sampling error
    CHECK(p.mean_b1 == doctest::Approx(1.0).epsilon(0.1));              // unbiased
    CHECK(p.b1.size() == 300);
  }
  CHECK(pts[2].var_b1 > 30 * pts[0].var_b1);      // (1 − 0)/(1 − .99²) ≈ 50
  CHECK(pts[2].corr_b1_b2 < -0.95);
  CHECK(std::abs(pts[0].corr_b1_b2) < 0.2);
  CHECK(pts[2].ridge_var_b1 < pts[2].var_b1 / 10);
  CHECK(pts[2].ols_test_mse == doctest::Approx(pts[0].ols_test_mse).epsilon(0.05));
}

TEST_CASE("feature scaling: the raw problem is ill-conditioned and slow, the scaled one converges at once") {
  ScalingSetup s;
  const ScalingRace r = scaling_race(s, 1).value();
  CHECK(r.condition_raw > 1e4);
  CHECK(r.condition_scaled < 10);
  CHECK(r.steps_scaled >= 0);
  CHECK(r.steps_scaled < 50);
  CHECK((r.steps_raw < 0 || r.steps_raw > 10 * r.steps_scaled));
  CHECK(r.loss_raw.size() == 501);
  CHECK(r.loss_scaled.back() == doctest::Approx(r.optimum).epsilon(1e-6));
  ScalingSetup bad;
  bad.offsets = {};
  CHECK_FALSE(scaling_race(bad, 1).ok());
}

TEST_CASE("shrinkage paths: the lasso drops the irrelevant features first, ridge never zeroes any") {
  ShrinkageSetup s;
  const ShrinkagePaths p = shrinkage_paths(s, 3).value();
  REQUIRE(p.lasso.coefs.size() == 40);
  REQUIRE(p.ridge.coefs.size() == 40);
  CHECK(p.lasso.nonzero.front() == 0);
  CHECK(p.lasso.nonzero.back() >= 4);
  for (int nz : p.ridge.nonzero) CHECK(nz == 8);
  // The first coefficient to leave zero is the strongest feature (β = 3).
  size_t k = 0;
  while (p.lasso.nonzero[k] == 0) ++k;
  CHECK(p.lasso.coefs[k][0] != 0);
  // At the smallest penalty both paths are close to least squares, so close to each other.
  for (int j = 0; j < 8; ++j) CHECK(p.lasso.coefs.back()[j] == doctest::Approx(p.ridge.coefs.back()[j]).epsilon(0.05).scale(1));
  // At the largest ridge penalty every coefficient is small but not zero.
  for (int j = 0; j < 8; ++j) {
    CHECK(std::abs(p.ridge.coefs.front()[j]) < 0.1);
    CHECK(p.ridge.coefs.front()[j] != 0.0);
  }
}
