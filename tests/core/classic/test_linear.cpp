#include <doctest/doctest.h>

#include <cmath>

#include "core/classic/linear.h"
#include "tests/core/classic/bench_data.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::classic;

namespace {
// y = 1 + 2·x1 − 3·x2 exactly, on a small design.
void exact_data(Matrix& X, std::vector<double>& y) {
  const double x1[6] = {0, 1, 2, 3, 4, 5}, x2[6] = {1, 0, 1, 0, 2, 1};
  X = Matrix(6, 2);
  y.clear();
  for (int i = 0; i < 6; ++i) {
    X(i, 0) = x1[i];
    X(i, 1) = x2[i];
    y.push_back(1 + 2 * x1[i] - 3 * x2[i]);
  }
}
}  // namespace

TEST_CASE("least squares recovers an exact linear relation with both solvers") {
  Matrix X;
  std::vector<double> y;
  exact_data(X, y);
  for (LeastSquaresSolver s : {LeastSquaresSolver::NormalEquation, LeastSquaresSolver::QR}) {
    const LinearModel m = fit_linear_regression(X, y, s).value();
    CHECK(m.coef[0] == doctest::Approx(2).epsilon(1e-12));
    CHECK(m.coef[1] == doctest::Approx(-3).epsilon(1e-12));
    CHECK(m.intercept == doctest::Approx(1).epsilon(1e-12));
    const std::vector<double> p = predict(m, X);
    for (size_t i = 0; i < p.size(); ++i) CHECK(p[i] == doctest::Approx(y[i]));
  }
}

TEST_CASE("the normal equation refuses collinear features — QR gives the minimum-norm solution") {
  Matrix X(4, 2);
  std::vector<double> y;
  for (int i = 0; i < 4; ++i) {
    X(i, 0) = i;
    X(i, 1) = 2 * i;  // a copy, scaled
    y.push_back(5.0 * i);
  }
  Result<LinearModel> ne = fit_linear_regression(X, y, LeastSquaresSolver::NormalEquation);
  REQUIRE_FALSE(ne.ok());
  CHECK(ne.error().message.find("singular") != std::string::npos);
  const LinearModel qr = fit_linear_regression(X, y, LeastSquaresSolver::QR).value();
  // Minimum norm among w1 + 2·w2 = 5: w = (1, 2).
  CHECK(qr.coef[0] == doctest::Approx(1.0));
  CHECK(qr.coef[1] == doctest::Approx(2.0));
}

TEST_CASE("ridge in one dimension is Σxy / (Σx² + α) on centred data (hand computed)") {
  Matrix X(3, 1);
  X(0, 0) = 1, X(1, 0) = 2, X(2, 0) = 3;
  const std::vector<double> y = {2, 2, 5};
  // Centred: x = (−1, 0, 1), y = (−1, −1, 2). Σxy = 3, Σx² = 2. α = 1 → w = 1, b = 3 − 2·1 = 1.
  const LinearModel m = fit_ridge(X, y, 1.0).value();
  CHECK(m.coef[0] == doctest::Approx(1.0));
  CHECK(m.intercept == doctest::Approx(1.0));
  CHECK_FALSE(fit_ridge(X, y, -1.0).ok());
  CHECK_FALSE(fit_ridge(X, {1, 2}, 1.0).ok());
}

TEST_CASE("Ridge(alpha=1) reproduces sklearn on regression_5000x50 (to 1e-6)") {
  const test::BenchData b = test::load_bench("regression_5000x50.csv");
  const LinearModel m = fit_ridge(b.X_train, b.y_train, 1.0).value();
  const std::vector<double> p = predict(m, b.X_test);
  double ss = 0, st = 0, mean = test::sum(b.y_test) / b.y_test.size();
  for (size_t i = 0; i < p.size(); ++i) ss += (p[i] - b.y_test[i]) * (p[i] - b.y_test[i]),
                                        st += (b.y_test[i] - mean) * (b.y_test[i] - mean);
  CHECK(1 - ss / st == doctest::Approx(0.995748).epsilon(1e-6));
  CHECK(test::sum(m.coef) == doctest::Approx(434.958707).epsilon(1e-8));
  CHECK(test::abs_sum(m.coef) == doctest::Approx(438.317499).epsilon(1e-8));
  CHECK(m.intercept == doctest::Approx(0.211555).epsilon(1e-5));
}

TEST_CASE("the squared loss gradient matches central finite differences (tolerance 1e-6 relative)") {
  SplitMix64 g(3);
  Matrix X(20, 3);
  std::vector<double> y;
  for (int i = 0; i < 20; ++i) {
    for (int j = 0; j < 3; ++j) X(i, j) = g.normal() * (j + 1);
    y.push_back(g.normal());
  }
  LinearModel m;
  m.coef = {0.3, -0.2, 0.1};
  m.intercept = 0.5;
  std::vector<double> gw;
  double gb = 0;
  squared_loss(X, y, m, &gw, &gb);
  const double h = 1e-6;
  for (int j = 0; j < 3; ++j) {
    LinearModel a = m, b = m;
    a.coef[j] += h, b.coef[j] -= h;
    const double fd = (squared_loss(X, y, a) - squared_loss(X, y, b)) / (2 * h);
    CHECK(gw[j] == doctest::Approx(fd).epsilon(1e-6));
  }
  LinearModel a = m, b = m;
  a.intercept += h, b.intercept -= h;
  CHECK(gb == doctest::Approx((squared_loss(X, y, a) - squared_loss(X, y, b)) / (2 * h)).epsilon(1e-6));
}

TEST_CASE("gradient descent reaches the least-squares solution — scaling gets there in far fewer steps") {
  SplitMix64 g(11);
  Matrix X(100, 2);
  std::vector<double> y;
  for (int i = 0; i < 100; ++i) {
    X(i, 0) = g.normal();
    X(i, 1) = 50 + 20 * g.normal();  // a large, offset feature: a long narrow valley
    y.push_back(1 + 2 * X(i, 0) + 0.1 * X(i, 1) + 0.1 * g.normal());
  }
  const LinearModel ols = fit_linear_regression(X, y).value();
  GdOptions o;
  o.iterations = 300;
  o.scale_features = true;
  const GdFit scaled = fit_linear_gd(X, y, o).value();
  o.scale_features = false;
  const GdFit raw = fit_linear_gd(X, y, o).value();
  REQUIRE(scaled.loss.size() == 301);
  REQUIRE(raw.loss.size() == 301);
  CHECK_FALSE(raw.diverged);
  CHECK(scaled.model.coef[0] == doctest::Approx(ols.coef[0]).epsilon(1e-6));
  CHECK(scaled.model.coef[1] == doctest::Approx(ols.coef[1]).epsilon(1e-6));
  CHECK(scaled.model.intercept == doctest::Approx(ols.intercept).epsilon(1e-6));
  CHECK(scaled.loss.back() == doctest::Approx(scaled.optimum_loss).epsilon(1e-9));
  CHECK(raw.condition_number > 1000 * scaled.condition_number);
  CHECK(raw.loss.back() - raw.optimum_loss > 1e3 * (scaled.loss.back() - scaled.optimum_loss + 1e-300));
  for (size_t k = 1; k < raw.loss.size(); ++k) {  // with step 1/L the loss never goes up
    CHECK(raw.loss[k] <= raw.loss[k - 1] * (1 + 1e-12));
    CHECK(scaled.loss[k] <= scaled.loss[k - 1] * (1 + 1e-12));
  }
}

TEST_CASE("gradient descent with too large a step diverges and says so") {
  Matrix X(10, 1);
  std::vector<double> y;
  for (int i = 0; i < 10; ++i) X(i, 0) = i, y.push_back(2.0 * i);
  GdOptions o;
  o.learning_rate = 1.0;  // far above 2/L
  o.iterations = 1000;
  const GdFit f = fit_linear_gd(X, y, o).value();
  CHECK(f.diverged);
  CHECK(f.loss.size() < 1001);
  o.learning_rate = -1;
  CHECK_FALSE(fit_linear_gd(X, y, o).ok());
}

TEST_CASE("stepping gradient descent one step at a time gives fit_linear_gd's curve and model") {
  SplitMix64 g(21);
  Matrix X(30, 2);
  std::vector<double> y;
  for (int i = 0; i < 30; ++i) {
    X(i, 0) = g.normal();
    X(i, 1) = 10 + 3 * g.normal();
    y.push_back(X(i, 0) - X(i, 1) + g.normal());
  }
  GdOptions o;
  o.iterations = 40;
  o.scale_features = true;
  const GdFit whole = fit_linear_gd(X, y, o).value();
  GdRun run = gd_start(X, y, o).value();
  CHECK(run.loss == whole.loss[0]);
  for (int k = 1; k <= 40; ++k) CHECK(gd_step(run, X, y) == whole.loss[k]);
  CHECK(run.step == 40);
  const LinearModel m = gd_model(run);
  CHECK(m.coef == whole.model.coef);
  CHECK(m.intercept == whole.model.intercept);
}
