#include <doctest/doctest.h>

#include <cmath>

#include "core/classic/lbfgs.h"
#include "core/classic/logistic.h"
#include "core/util/rng.h"
#include "tests/core/classic/bench_data.h"

using namespace attend;
using namespace attend::classic;

namespace {
void blobs(int n, int K, uint64_t seed, Matrix& X, std::vector<int>& y) {
  SplitMix64 g(seed);
  X = Matrix(n, 2);
  y.clear();
  for (int i = 0; i < n; ++i) {
    const int k = i % K;
    X(i, 0) = 2.0 * std::cos(2.0 * k) + g.normal();
    X(i, 1) = 2.0 * std::sin(2.0 * k) + g.normal();
    y.push_back(k);
  }
}
}  // namespace

TEST_CASE("LogisticRegression(lbfgs, C=1) reproduces sklearn on classification_5000x20: 25 iterations") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv");
  const LogisticFit f = fit_logistic(b.X_train, b.labels_train).value();
  CHECK(f.n_iter == 25);
  CHECK(test::sum(f.model.coef.data) == doctest::Approx(-0.449640).epsilon(2e-6));
  CHECK(test::abs_sum(f.model.coef.data) == doctest::Approx(2.147125).epsilon(1e-6));
  CHECK(f.model.intercept[0] == doctest::Approx(0.651788).epsilon(1e-6));
  const std::vector<int> p = predict(f.model, b.X_test);
  int ok = 0;
  for (size_t i = 0; i < p.size(); ++i) ok += p[i] == b.labels_test[i];
  CHECK(ok == 717);
}

TEST_CASE("Newton reaches the exact optimum that sklearn's lbfgs stops short of") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv");
  LogisticOptions o;
  o.solver = LogisticSolver::Newton;
  const LogisticFit n = fit_logistic(b.X_train, b.labels_train, o).value();
  const LogisticFit l = fit_logistic(b.X_train, b.labels_train).value();
  CHECK(n.converged);
  CHECK(n.n_iter <= 10);
  // sklearn's newton-cholesky at tol 1e-12 gives Σcoef −0.4496539, Σ|coef| 2.1471582.
  CHECK(test::sum(n.model.coef.data) == doctest::Approx(-0.4496539).epsilon(1e-6));
  CHECK(test::abs_sum(n.model.coef.data) == doctest::Approx(2.1471582).epsilon(1e-7));
  CHECK(n.objective.back() <= l.objective.back());
  LogisticModel g;
  logistic_objective(b.X_train, b.labels_train, n.model, 1.0, &g);
  for (double v : g.coef.data) CHECK(std::abs(v) < 1e-6);
}

TEST_CASE("the logistic objective's gradient matches finite differences, binary and multinomial") {
  for (int K : {2, 3}) {
    Matrix X;
    std::vector<int> y;
    blobs(30, K, 4, X, y);
    LogisticModel m;
    m.n_classes = K;
    const int R = K == 2 ? 1 : K;
    m.coef = Matrix(R, 2);
    SplitMix64 g(8);
    for (double& v : m.coef.data) v = 0.5 * g.normal();
    for (int k = 0; k < R; ++k) m.intercept.push_back(0.3 * g.normal());
    LogisticModel grad;
    logistic_objective(X, y, m, 0.7, &grad);
    const double h = 1e-6;
    for (size_t k = 0; k < m.coef.data.size(); ++k) {
      LogisticModel a = m, b = m;
      a.coef.data[k] += h, b.coef.data[k] -= h;
      const double fd = (logistic_objective(X, y, a, 0.7) - logistic_objective(X, y, b, 0.7)) / (2 * h);
      CHECK(grad.coef.data[k] == doctest::Approx(fd).epsilon(1e-6));
    }
    for (int k = 0; k < R; ++k) {
      LogisticModel a = m, b = m;
      a.intercept[k] += h, b.intercept[k] -= h;
      const double fd = (logistic_objective(X, y, a, 0.7) - logistic_objective(X, y, b, 0.7)) / (2 * h);
      CHECK(grad.intercept[k] == doctest::Approx(fd).epsilon(1e-6));
    }
  }
}

TEST_CASE("multinomial logistic regression separates three blobs and its probabilities sum to 1") {
  Matrix X;
  std::vector<int> y;
  blobs(300, 3, 1, X, y);
  const LogisticFit f = fit_logistic(X, y).value();
  CHECK(f.model.coef.rows == 3);
  const std::vector<int> p = predict(f.model, X);
  int ok = 0;
  for (size_t i = 0; i < p.size(); ++i) ok += p[i] == y[i];
  CHECK(ok > 250);
  const Matrix P = predict_proba(f.model, X);
  for (int i = 0; i < P.rows; ++i) CHECK(P(i, 0) + P(i, 1) + P(i, 2) == doctest::Approx(1.0));
  for (size_t k = 1; k < f.objective.size(); ++k) CHECK(f.objective[k] <= f.objective[k - 1]);
}

TEST_CASE("SGD: the loss falls epoch by epoch, and the same seed gives the same curve") {
  Matrix X;
  std::vector<int> y;
  blobs(200, 2, 2, X, y);
  SgdOptions o;
  o.epochs = 20;
  o.learning_rate = 0.05;
  o.seed = 42;
  const SgdFit a = fit_logistic_sgd(X, y, o).value();
  const SgdFit b = fit_logistic_sgd(X, y, o).value();
  REQUIRE(a.epoch_loss.size() == 21);
  CHECK(a.epoch_loss.front() == doctest::Approx(std::log(2.0)));  // zero weights: p = 1/2 everywhere
  CHECK(a.epoch_loss.back() < 0.5 * a.epoch_loss.front());
  CHECK(a.epoch_loss == b.epoch_loss);
  CHECK(a.steps == 20 * 200);
  o.seed = 43;
  CHECK(fit_logistic_sgd(X, y, o).value().epoch_loss != a.epoch_loss);
  // Full-batch gradient descent is SGD with batch = n: one step per epoch.
  o.batch_size = 200;
  CHECK(fit_logistic_sgd(X, y, o).value().steps == 20);
  // A step size that is not positive is refused.
  o.learning_rate = -1;
  CHECK_FALSE(fit_logistic_sgd(X, y, o).ok());
}

TEST_CASE("logistic regression reports bad input in words") {
  Matrix X(3, 1, 1.0);
  CHECK(fit_logistic(X, {1, 1, 1}).error().message.find("1 class") != std::string::npos);
  CHECK_FALSE(fit_logistic(X, {0, 1}).ok());
  LogisticOptions o;
  o.C = 0;
  CHECK_FALSE(fit_logistic(X, {0, 1, 0}, o).ok());
  o.C = 1;
  o.solver = LogisticSolver::Newton;
  CHECK(fit_logistic(X, {0, 1, 2}, o).error().message.find("Newton") != std::string::npos);
}

TEST_CASE("L-BFGS minimises the Rosenbrock function") {
  std::vector<double> x = {-1.2, 1.0};
  LbfgsOptions o;
  o.pgtol = 1e-10;
  o.factr = 10;
  const LbfgsResult r = minimize_lbfgs(
      2,
      [](const double* p, double* g) {
        const double a = 1 - p[0], b = p[1] - p[0] * p[0];
        g[0] = -2 * a - 400 * p[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
      },
      x, o);
  CHECK(r.converged);
  CHECK(x[0] == doctest::Approx(1.0).epsilon(1e-6));
  CHECK(x[1] == doctest::Approx(1.0).epsilon(1e-6));
  for (size_t k = 1; k < r.history.size(); ++k) CHECK(r.history[k] <= r.history[k - 1]);
}

TEST_CASE("SGD one epoch at a time gives fit_logistic_sgd's curve") {
  Matrix X;
  std::vector<int> y;
  blobs(90, 3, 6, X, y);
  SgdOptions o;
  o.epochs = 8;
  o.batch_size = 7;
  o.decay = 0.1;
  o.seed = 5;
  const SgdFit whole = fit_logistic_sgd(X, y, o).value();
  SgdRun run = sgd_start(X, y, o).value();
  CHECK(run.loss == whole.epoch_loss[0]);
  for (int e = 1; e <= 8; ++e) CHECK(sgd_epoch(run, X, y) == whole.epoch_loss[e]);
  CHECK(run.model.coef.data == whole.model.coef.data);
  CHECK(run.steps == whole.steps);
}
