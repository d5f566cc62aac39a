#include <doctest/doctest.h>

#include <cmath>

#include "core/classic/svm.h"
#include "core/util/rng.h"
#include "tests/core/classic/bench_data.h"

using namespace attend;
using namespace attend::classic;

TEST_CASE("SVC(rbf, C=1, gamma='scale') reproduces sklearn: 671 support vectors, accuracy 0.952") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv", 2000);
  const Svm m = fit_svc(b.X_train, b.labels_train).value();
  CHECK(m.gamma == doctest::Approx(0.0095200).epsilon(1e-5));
  CHECK(m.support.size() == 671);
  CHECK(test::abs_sum(m.dual_coef) == doctest::Approx(594.032093).epsilon(1e-6));
  CHECK(m.intercept == doctest::Approx(-0.481018).epsilon(1e-5));
  const std::vector<int> p = predict(m, b.X_test);
  int ok = 0;
  for (size_t i = 0; i < p.size(); ++i) ok += p[i] == b.labels_test[i];
  CHECK(ok == 952);
  // Dual feasibility: 0 ≤ |coef| ≤ C and Σ coef = 0 (yᵀα = 0).
  for (double c : m.dual_coef) CHECK(std::abs(c) <= 1.0 + 1e-12);
  CHECK(std::abs(test::sum(m.dual_coef)) < 1e-9);
}

TEST_CASE("a linear SVM on four separable points finds the maximum margin (hand computed)") {
  // Class 0 at x = −1 and x = −2, class 1 at x = 1 and x = 2 (y = 0 everywhere): the widest margin puts the
  // boundary at x = 0 with margins at ±1, so w = 1, b = 0, and only the two inner points are support vectors.
  Matrix X(4, 2);
  const double xs[4] = {-2, -1, 1, 2};
  for (int i = 0; i < 4; ++i) X(i, 0) = xs[i], X(i, 1) = 0;
  SvmOptions o;
  o.kernel = SvmKernel::Linear;
  o.C = 100;
  o.tol = 1e-6;
  const Svm m = fit_svc(X, {0, 0, 1, 1}, o).value();
  REQUIRE(m.w.size() == 2);
  CHECK(m.w[0] == doctest::Approx(1.0).epsilon(1e-4));
  CHECK(m.intercept == doctest::Approx(0.0).epsilon(1e-4));
  CHECK(m.support.size() == 2);
  const std::vector<double> f = decision_function(m, X);
  CHECK(f[1] == doctest::Approx(-1.0).epsilon(1e-4));
  CHECK(f[2] == doctest::Approx(1.0).epsilon(1e-4));
  // w·x + b agrees with the kernel expansion.
  for (int i = 0; i < 4; ++i) CHECK(f[i] == doctest::Approx(m.w[0] * X(i, 0) + m.intercept));
}

TEST_CASE("the RBF kernel separates a ring from its centre — KKT conditions hold at the solution") {
  SplitMix64 g(3);
  Matrix X(80, 2);
  std::vector<int> y;
  for (int i = 0; i < 80; ++i) {
    const double r = i % 2 ? 3 + 0.3 * g.normal() : 0.8 * std::abs(g.normal());
    const double a = 6.283185307179586 * g.uniform();
    X(i, 0) = r * std::cos(a);
    X(i, 1) = r * std::sin(a);
    y.push_back(i % 2);
  }
  SvmOptions o;
  o.tol = 1e-5;
  const Svm m = fit_svc(X, y, o).value();
  const std::vector<double> f = decision_function(m, X);
  int ok = 0;
  for (int i = 0; i < 80; ++i) ok += (f[i] >= 0) == (y[i] == 1);
  CHECK(ok == 80);
  // Complementary slackness: a point with 0 < α < C sits on its margin (y·f = 1), within tol.
  for (size_t k = 0; k < m.support.size(); ++k) {
    const double a = std::abs(m.dual_coef[k]);
    if (a > 1e-6 && a < o.C - 1e-6) {
      const int i = m.support[k];
      CHECK(std::abs((y[i] ? 1 : -1) * f[i] - 1.0) < 1e-3);
    }
  }
  // Shrinking is a speed-up only: without it the same solution.
  o.shrinking = false;
  const Svm n = fit_svc(X, y, o).value();
  CHECK(n.intercept == doctest::Approx(m.intercept).epsilon(1e-3));
  CHECK(test::abs_sum(n.dual_coef) == doctest::Approx(test::abs_sum(m.dual_coef)).epsilon(1e-3));
}

TEST_CASE("a tiny kernel cache gives the same answer as a large one") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv", 600);
  SvmOptions o;
  const Svm big = fit_svc(b.X_train, b.labels_train, o).value();
  o.cache_mb = 0.05;  // about 20 rows of 600
  const Svm small = fit_svc(b.X_train, b.labels_train, o).value();
  CHECK(small.support == big.support);
  CHECK(small.intercept == big.intercept);
}

TEST_CASE("SVC refuses three classes and bad settings, in words") {
  Matrix X(3, 1);
  X(0, 0) = 0, X(1, 0) = 1, X(2, 0) = 2;
  CHECK(fit_svc(X, {0, 1, 2}).error().message.find("two classes") != std::string::npos);
  SvmOptions o;
  o.C = 0;
  CHECK_FALSE(fit_svc(X, {0, 1, 1}, o).ok());
  CHECK_FALSE(fit_svc_ovo(X, {0, 2, 2}).ok());  // class 1 missing
}

TEST_CASE("one-vs-one SVC: three pairwise models in libsvm's order, votes pick the class") {
  // Three clusters on a line: 0 near −5, 1 near 0, 2 near 5.
  Matrix X(30, 1);
  std::vector<int> y;
  SplitMix64 g(4);
  for (int i = 0; i < 30; ++i) {
    const int c = i % 3;
    X(i, 0) = 5.0 * (c - 1) + 0.5 * g.normal();
    y.push_back(c);
  }
  SvmOptions o;
  o.kernel = SvmKernel::Linear;
  const SvmOvo m = fit_svc_ovo(X, y, o).value();
  REQUIRE(m.models.size() == 3);
  CHECK(m.pairs[0] == std::pair<int, int>{0, 1});
  CHECK(m.pairs[1] == std::pair<int, int>{0, 2});
  CHECK(m.pairs[2] == std::pair<int, int>{1, 2});
  CHECK(predict(m, X) == y);
  const Matrix V = vote_fractions(m, X);
  CHECK(V(0, y[0]) == 1.0);  // the true class wins both of its duels
  for (size_t k = 0; k < m.models.size(); ++k)
    for (int r : m.models[k].support) CHECK((y[r] == m.pairs[k].first || y[r] == m.pairs[k].second));
}
