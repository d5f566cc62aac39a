#include <doctest/doctest.h>

#include <cmath>

#include "core/classic/elastic_net.h"
#include "core/util/rng.h"
#include "tests/core/classic/bench_data.h"

using namespace attend;
using namespace attend::classic;

TEST_CASE("lasso on an orthogonal design is soft thresholding (hand computed)") {
  // Columns ±1 patterns, orthogonal and centred, each with Σx² = n = 4.
  Matrix X(4, 2);
  const double c0[4] = {1, -1, 1, -1}, c1[4] = {1, 1, -1, -1};
  std::vector<double> y;
  for (int i = 0; i < 4; ++i) {
    X(i, 0) = c0[i];
    X(i, 1) = c1[i];
    y.push_back(3 * c0[i] + 0.5 * c1[i] + 10);
  }
  // Objective (1/2n)‖y − Xw‖² + α‖w‖₁ with XᵀX = nI: w_j = sign(z_j)·max(|z_j| − α, 0), z = Xᵀy/n = (3, 0.5).
  ElasticNetOptions o;
  o.alpha = 1.0;
  o.tol = 1e-12;
  const ElasticNetFit f = fit_elastic_net(X, y, o).value();
  CHECK(f.model.coef[0] == doctest::Approx(2.0));
  CHECK(f.model.coef[1] == 0.0);  // exactly zero: L1 sparsity
  CHECK(f.model.intercept == doctest::Approx(10.0));
  CHECK(f.converged);
  // Elastic net shrinks further by 1 + α(1 − l1_ratio): w = (|z| − α·r)/(1 + α(1 − r)).
  o.l1_ratio = 0.5;
  const ElasticNetFit e = fit_elastic_net(X, y, o).value();
  CHECK(e.model.coef[0] == doctest::Approx((3 - 0.5) / 1.5));
  CHECK(e.model.coef[1] == doctest::Approx((0.5 - 0.5) / 1.5));
}

TEST_CASE("Lasso(alpha=0.1) reproduces sklearn on regression_5000x50: 34 nonzero, 5 sweeps") {
  const test::BenchData b = test::load_bench("regression_5000x50.csv");
  const ElasticNetFit f = fit_lasso(b.X_train, b.y_train, 0.1).value();
  int nz = 0;
  for (double c : f.model.coef) nz += c != 0;
  CHECK(nz == 34);
  CHECK(f.n_iter == 5);
  CHECK(test::sum(f.model.coef) == doctest::Approx(432.899873).epsilon(1e-8));
  CHECK(test::abs_sum(f.model.coef) == doctest::Approx(434.178119).epsilon(1e-8));
  CHECK(f.model.intercept == doctest::Approx(0.196255).epsilon(1e-5));
  const std::vector<double> p = predict(f.model, b.X_test);
  double ss = 0, st = 0, mean = test::sum(b.y_test) / b.y_test.size();
  for (size_t i = 0; i < p.size(); ++i)
    ss += (p[i] - b.y_test[i]) * (p[i] - b.y_test[i]), st += (b.y_test[i] - mean) * (b.y_test[i] - mean);
  CHECK(1 - ss / st == doctest::Approx(0.995799).epsilon(1e-6));
}

TEST_CASE("ElasticNet(alpha=0.1, l1_ratio=0.5) reproduces sklearn: 43 nonzero, 5 sweeps") {
  const test::BenchData b = test::load_bench("regression_5000x50.csv");
  ElasticNetOptions o;
  o.alpha = 0.1;
  o.l1_ratio = 0.5;
  const ElasticNetFit f = fit_elastic_net(b.X_train, b.y_train, o).value();
  int nz = 0;
  for (double c : f.model.coef) nz += c != 0;
  CHECK(nz == 43);
  CHECK(f.n_iter == 5);
  CHECK(test::sum(f.model.coef) == doctest::Approx(412.084342).epsilon(1e-8));
  CHECK(test::abs_sum(f.model.coef) == doctest::Approx(414.957302).epsilon(1e-8));
  CHECK(f.model.intercept == doctest::Approx(0.375239).epsilon(1e-5));
  for (size_t k = 1; k < f.objective.size(); ++k) CHECK(f.objective[k] <= f.objective[k - 1]);
}

TEST_CASE("alpha_max is the edge of the all-zero solution") {
  SplitMix64 g(5);
  Matrix X(40, 3);
  std::vector<double> y;
  for (int i = 0; i < 40; ++i) {
    for (int j = 0; j < 3; ++j) X(i, j) = g.normal();
    y.push_back(X(i, 0) - 2 * X(i, 2) + 0.1 * g.normal());
  }
  const double amax = alpha_max(X, y);
  auto nonzero = [&](double a) {
    const ElasticNetFit f = fit_lasso(X, y, a).value();
    int nz = 0;
    for (double c : f.model.coef) nz += c != 0;
    return nz;
  };
  CHECK(nonzero(amax * 1.0001) == 0);
  CHECK(nonzero(amax * 0.99) >= 1);
}

TEST_CASE("coefficient paths: L1 zeroes coefficients one after another, L2 only shrinks them") {
  SplitMix64 g(9);
  Matrix X(60, 5);
  std::vector<double> y;
  const double beta[5] = {3, -2, 1, 0.5, 0};
  for (int i = 0; i < 60; ++i) {
    double t = 0;
    for (int j = 0; j < 5; ++j) t += beta[j] * (X(i, j) = g.normal());
    y.push_back(t + 0.3 * g.normal());
  }
  // Start just above alpha_max: exactly at it, rounding may leave a coefficient of order 1e-15.
  const std::vector<double> alphas = log_alphas(alpha_max(X, y) * (1 + 1e-9), 1e-3, 30);
  CHECK(alphas.front() == doctest::Approx(alpha_max(X, y)));
  CHECK(alphas.back() == doctest::Approx(1e-3));
  const CoefPath lasso = lasso_path(X, y, alphas).value();
  REQUIRE(lasso.coefs.size() == 30);
  CHECK(lasso.nonzero.front() == 0);
  CHECK(lasso.nonzero.back() >= 4);
  for (size_t k = 1; k < alphas.size(); ++k) CHECK(lasso.l1_norm[k] >= lasso.l1_norm[k - 1] - 1e-9);
  // The path point at alpha equals a fresh fit at alpha (warm starts change the path, not the answer).
  const ElasticNetFit fresh = fit_lasso(X, y, alphas[15]).value();
  for (int j = 0; j < 5; ++j) CHECK(lasso.coefs[15][j] == doctest::Approx(fresh.model.coef[j]).epsilon(1e-3));

  const std::vector<double> ralphas = log_alphas(1e4, 1e-3, 20);
  const CoefPath ridge = ridge_path(X, y, ralphas).value();
  for (size_t k = 0; k < ralphas.size(); ++k) CHECK(ridge.nonzero[k] == 5);  // never exactly zero
  for (size_t k = 1; k < ralphas.size(); ++k) CHECK(ridge.l2_norm[k] >= ridge.l2_norm[k - 1]);
  const LinearModel direct = fit_ridge(X, y, ralphas[7]).value();
  for (int j = 0; j < 5; ++j) CHECK(ridge.coefs[7][j] == doctest::Approx(direct.coef[j]).epsilon(1e-9));
  CHECK(ridge.intercepts[7] == doctest::Approx(direct.intercept).epsilon(1e-9));
}

TEST_CASE("elastic net rejects bad settings with a message") {
  Matrix X(3, 1, 1.0);
  const std::vector<double> y = {1, 2, 3};
  ElasticNetOptions o;
  o.alpha = -1;
  CHECK_FALSE(fit_elastic_net(X, y, o).ok());
  o.alpha = 1;
  o.l1_ratio = 2;
  CHECK(fit_elastic_net(X, y, o).error().message.find("l1_ratio") != std::string::npos);
  o.l1_ratio = 1;
  const std::vector<double> warm = {1, 2};
  CHECK_FALSE(fit_elastic_net(X, y, o, &warm).ok());
  CHECK_FALSE(fit_elastic_net(X, {1, NAN, 3}, o).ok());
}
