// Gaussian naive Bayes, LDA and k-NN: hand-computed small cases and sklearn's numbers on the bench data.
#include <doctest/doctest.h>

#include <cmath>

#include "core/classic/knn.h"
#include "core/classic/lda.h"
#include "core/classic/naive_bayes.h"
#include "tests/core/classic/bench_data.h"

using namespace attend;
using namespace attend::classic;

namespace {
int correct(const std::vector<int>& p, const std::vector<int>& y) {
  int ok = 0;
  for (size_t i = 0; i < p.size(); ++i) ok += p[i] == y[i];
  return ok;
}
}  // namespace

TEST_CASE("naive Bayes: means, population variances and priors of a tiny set (hand computed)") {
  Matrix X(4, 1);
  X(0, 0) = 0, X(1, 0) = 2, X(2, 0) = 10, X(3, 0) = 14;
  const GaussianNb m = fit_gaussian_nb(X, {0, 0, 1, 1}, 0.0).value();
  CHECK(m.theta(0, 0) == 1);
  CHECK(m.theta(1, 0) == 12);
  CHECK(m.var(0, 0) == 1);  // ((0−1)² + (2−1)²)/2
  CHECK(m.var(1, 0) == 4);
  CHECK(m.prior[0] == 0.5);
  // Log posterior of x = 1: class 0 has log N(1; 1, 1) = −½log 2π, class 1 log N(1; 12, 4) = −½log 8π − 121/8.
  Matrix q(1, 1);
  q(0, 0) = 1;
  const Matrix J = joint_log_likelihood(m, q);
  CHECK(J(0, 0) == doctest::Approx(std::log(0.5) - 0.5 * std::log(2 * M_PI)));
  CHECK(J(0, 1) == doctest::Approx(std::log(0.5) - 0.5 * std::log(8 * M_PI) - 121.0 / 8));
  CHECK(predict(m, q)[0] == 0);
  const Matrix P = predict_proba(m, q);
  CHECK(P(0, 0) + P(0, 1) == doctest::Approx(1.0));
}

TEST_CASE("GaussianNB reproduces sklearn on classification_5000x20") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv");
  const GaussianNb m = fit_gaussian_nb(b.X_train, b.labels_train).value();
  CHECK(test::sum(m.theta.data) == doctest::Approx(-0.599775).epsilon(1e-6));
  CHECK(test::sum(m.var.data) == doctest::Approx(198.903761).epsilon(1e-8));
  CHECK(correct(predict(m, b.X_test), b.labels_test) == 792);
}

TEST_CASE("LDA on two classes with a shared covariance: the boundary bisects the means (hand computed)") {
  // Class 0 around (0, 0), class 1 around (4, 0), the same spread: the boundary is x = 2.
  Matrix X(8, 2);
  const double dx[4] = {-1, 1, 0, 0}, dy[4] = {0, 0, -1, 1};
  std::vector<int> y;
  for (int c = 0; c < 2; ++c)
    for (int k = 0; k < 4; ++k) {
      X(c * 4 + k, 0) = 4 * c + dx[k];
      X(c * 4 + k, 1) = dy[k];
      y.push_back(c);
    }
  const Lda m = fit_lda(X, y).value();
  // Pooled covariance: scatter diag(4, 4) over n − K = 6, so Σ = (2/3)·I, w = Σ⁻¹(μ1 − μ0) = (6, 0) and
  // b = −w·(μ0 + μ1)/2 + log(π1/π0) = −12.
  CHECK(m.coef(0, 0) == doctest::Approx(6.0));
  CHECK(std::abs(m.coef(0, 1)) < 1e-12);
  CHECK(m.intercept[0] == doctest::Approx(-12.0));
  Matrix q(2, 2);
  q(0, 0) = 1.9, q(1, 0) = 2.1;
  CHECK(predict(m, q) == std::vector<int>{0, 1});
  const Matrix Z = lda_transform(m, X);
  CHECK(Z.cols == 1);
}

TEST_CASE("LDA (svd solver) reproduces sklearn on classification_5000x20") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv");
  const Lda m = fit_lda(b.X_train, b.labels_train).value();
  CHECK(test::sum(m.coef.data) == doctest::Approx(-0.36342148097295).epsilon(1e-9));
  CHECK(m.intercept[0] == doctest::Approx(0.6508252222541133).epsilon(1e-9));
  CHECK(correct(predict(m, b.X_test), b.labels_test) == 719);
}

TEST_CASE("LDA copes with a duplicated (collinear) feature") {
  Matrix X(6, 2);
  const double v[6] = {0, 1, 2, 5, 6, 7};
  for (int i = 0; i < 6; ++i) X(i, 0) = v[i], X(i, 1) = 2 * v[i] + 0.0;
  const Lda m = fit_lda(X, {0, 0, 0, 1, 1, 1}).value();
  CHECK(predict(m, X) == std::vector<int>{0, 0, 0, 1, 1, 1});
}

TEST_CASE("k-NN: Manhattan and Euclidean neighbours differ where they should (hand computed)") {
  // Query at the origin. A = (3, 0): L1 3, L2 3. B = (2, 2): L1 4, L2 2.83. So L2 picks B, L1 picks A.
  Matrix X(2, 2);
  X(0, 0) = 3, X(0, 1) = 0;
  X(1, 0) = 2, X(1, 1) = 2;
  Matrix q(1, 2);
  KnnOptions o;
  o.k = 1;
  o.p = 2;
  CHECK(predict(fit_knn(X, {0, 1}, o).value(), q)[0] == 1);
  o.p = 1;
  CHECK(predict(fit_knn(X, {0, 1}, o).value(), q)[0] == 0);
  o.p = 3;  // general Minkowski: (27)^(1/3) = 3 vs (16)^(1/3) = 2.52 → B
  CHECK(predict(fit_knn(X, {0, 1}, o).value(), q)[0] == 1);
}

TEST_CASE("k-NN: a tied vote goes to the smaller class — neighbours come nearest first") {
  Matrix X(4, 1);
  X(0, 0) = 1, X(1, 0) = -1, X(2, 0) = 2, X(3, 0) = -3;
  const Knn m = fit_knn(X, {1, 0, 1, 0}, {2, 2.0}).value();
  Matrix q(1, 1);
  CHECK(predict(m, q)[0] == 0);  // one vote each
  CHECK(kneighbors(m, q)[0] == std::vector<int>{0, 1});  // equal distance 1: lower index first
  const Knn r = fit_knn_regressor(X, {10, 20, 30, 40}, {3, 1.0}).value();
  CHECK(predict_values(r, q)[0] == doctest::Approx(20.0));
  CHECK_FALSE(fit_knn(X, {0, 1, 0, 1}, {9, 2.0}).ok());
  CHECK_FALSE(fit_knn(X, {0, 1, 0, 1}, {1, 0.5}).ok());
}

TEST_CASE("KNeighborsClassifier(5) reproduces sklearn: 0.944 (Euclidean), 0.948 (Manhattan)") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv");
  CHECK(correct(predict(fit_knn(b.X_train, b.labels_train).value(), b.X_test), b.labels_test) == 944);
  CHECK(correct(predict(fit_knn(b.X_train, b.labels_train, {5, 1.0}).value(), b.X_test), b.labels_test) == 948);
}
