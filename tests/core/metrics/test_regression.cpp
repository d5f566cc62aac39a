#include <doctest/doctest.h>

#include <cmath>

#include "core/metrics/regression.h"

using namespace attend::metrics;

TEST_CASE("MSE, RMSE, MAE on a hand-computed case") {
  const std::vector<double> y = {3, -0.5, 2, 7}, p = {2.5, 0.0, 2, 8};
  CHECK(mean_squared_error(y, p) == doctest::Approx(0.375));  // sklearn's docstring example
  CHECK(root_mean_squared_error(y, p) == doctest::Approx(std::sqrt(0.375)));
  CHECK(mean_absolute_error(y, p) == doctest::Approx(0.5));
}

TEST_CASE("R² is 1 for a perfect fit, 0 for the mean, negative for worse — sklearn's docstring value") {
  const std::vector<double> y = {3, -0.5, 2, 7};
  CHECK(r2_score(y, {2.5, 0.0, 2, 8}) == doctest::Approx(0.9486081370449679));
  CHECK(r2_score(y, y) == 1.0);
  CHECK(r2_score(y, {2.875, 2.875, 2.875, 2.875}) == doctest::Approx(0.0));
  CHECK(r2_score(y, {7, 2, -0.5, 3}) < 0);
  // Constant targets: 1 when matched exactly, 0 otherwise (no division by zero).
  CHECK(r2_score({1, 1, 1}, {1, 1, 1}) == 1.0);
  CHECK(r2_score({1, 1, 1}, {1, 2, 1}) == 0.0);
  // Explained variance ignores a constant offset; R² does not.
  CHECK(explained_variance(y, {4, 0.5, 3, 8}) == doctest::Approx(1.0));
  CHECK(r2_score(y, {4, 0.5, 3, 8}) < 1.0);
}
