#include <doctest/doctest.h>

#include <cmath>

#include "core/experiments/bias_variance.h"

using namespace attend::experiments;

TEST_CASE("polynomial fits: exact on noiseless polynomial data, minimum-norm when underdetermined") {
  std::vector<double> x = {-1, -0.5, 0, 0.5, 1}, y;
  for (double v : x) y.push_back(1 - 2 * v + 3 * v * v);
  const Poly p = fit_polynomial(x, y, 2).value();
  CHECK(p.coef[0] == doctest::Approx(1));
  CHECK(p.coef[1] == doctest::Approx(-2));
  CHECK(p.coef[2] == doctest::Approx(3));
  CHECK(p(2.0) == doctest::Approx(1 - 4 + 12));
  const Poly interp = fit_polynomial({0, 1}, {1, 3}, 5).value();  // degree > n − 1: still passes the points
  CHECK(interp(0.0) == doctest::Approx(1));
  CHECK(interp(1.0) == doctest::Approx(3));
  CHECK_FALSE(fit_polynomial({}, {}, 1).ok());
  CHECK_FALSE(fit_polynomial({1}, {1, 2}, 1).ok());
  // Ridge shrinks the non-constant coefficients.
  const Poly r = fit_polynomial(x, y, 2, 10.0).value();
  CHECK(std::abs(r.coef[2]) < 3);
}

TEST_CASE("degree sweep: training error never rises with degree — test error turns back up") {
  PolySetup s;
  const DegreeSweep d = degree_sweep(s, 12, 3, 50);
  REQUIRE(d.degree.size() == 13);
  for (size_t k = 1; k < d.degree.size(); ++k) CHECK(d.train_mse[k] <= d.train_mse[k - 1] + 1e-12);
  size_t best = 0;
  for (size_t k = 1; k < d.degree.size(); ++k)
    if (d.median_test_mse[k] < d.median_test_mse[best]) best = k;
  CHECK(best >= 3);
  CHECK(best <= 7);
  CHECK(d.median_test_mse.back() > 3 * d.median_test_mse[best]);
}

TEST_CASE("bias² + variance + noise adds up to the measured test error (within 3 %)") {
  PolySetup s;
  for (int degree : {1, 3, 6}) {
    const BiasVariance bv = bias_variance(s, degree, 400, 101, 11);
    CHECK(bv.fits.size() == 400);
    CHECK(bv.noise == doctest::Approx(0.09));
    CHECK(bv.bias2 + bv.variance + bv.noise == doctest::Approx(bv.measured).epsilon(0.03));
  }
  const BiasVarianceSweep sw = bias_variance_sweep(s, 6, 200, 4);
  CHECK(sw.bias2[1] > sw.bias2[5]);        // a line cannot follow a sine
  CHECK(sw.variance[6] > sw.variance[1]);  // a degree-6 curve follows the noise
}

TEST_CASE("on linear data a quadratic always fits the training set better and usually the test set worse") {
  PolySetup s;
  s.n_train = 15;
  const NestedComparison c = quadratic_vs_linear(s, 400, 2);
  CHECK(c.quadratic_wins_train == 400);  // nested models: the bigger never fits worse
  CHECK(c.train_mse_quadratic < c.train_mse_linear);
  CHECK(c.test_mse_quadratic > c.test_mse_linear);
  CHECK(c.quadratic_wins_test < 200);
  CHECK(c.variance_quadratic > c.variance_linear);
  double mean = 0;
  for (double q : c.quadratic_coef) mean += q / c.quadratic_coef.size();
  CHECK(std::abs(mean) < 0.05);  // unbiased: the x² coefficient is zero on average
}
