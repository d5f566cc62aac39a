#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/optim/rules.h"

using namespace attend::optim;

namespace {

// Runs `steps` updates of f(p) = ½·a·p² from p0 and returns the final p.
double run_quadratic(Method method, const Hyper& h, double a, double p0, int steps) {
  double p = p0, m = 0, s = 0;
  for (int t = 1; t <= steps; ++t) {
    const double g = a * p;
    apply_update(method, h, &p, &g, &m, &s, 1, t);
  }
  return p;
}

}  // namespace

TEST_CASE("SGD on a quadratic follows the closed form p_t = (1 - lr a)^t p_0") {
  Hyper h;
  h.lr = 0.1;
  CHECK(run_quadratic(Method::SGD, h, 2.0, 3.0, 10) == doctest::Approx(3.0 * std::pow(1 - 0.2, 10)).epsilon(1e-12));
}

TEST_CASE("momentum on a quadratic follows its two-term recurrence") {
  Hyper h;
  h.lr = 0.05;
  h.momentum = 0.9;
  const double a = 2.0;
  // v_t = μ v_{t-1} + a p_{t-1};  p_t = p_{t-1} - lr v_t
  double p = 1.0, v = 0.0;
  for (int t = 0; t < 25; ++t) {
    v = h.momentum * v + a * p;
    p -= h.lr * v;
  }
  CHECK(run_quadratic(Method::Momentum, h, a, 1.0, 25) == doctest::Approx(p).epsilon(1e-12));
}

TEST_CASE("Adam's first step has size lr whatever the gradient's scale") {
  Hyper h;
  h.lr = 0.01;
  for (double a : {1e-3, 1.0, 1e3}) CHECK(run_quadratic(Method::Adam, h, a, 1.0, 1) == doctest::Approx(0.99).epsilon(1e-6));
}

TEST_CASE("AdaGrad's first step is lr·sign(g)") {
  Hyper h;
  h.lr = 0.5;
  CHECK(run_quadratic(Method::AdaGrad, h, 4.0, 2.0, 1) == doctest::Approx(1.5).epsilon(1e-9));
}

TEST_CASE("float and double share the same rule") {
  Hyper h;
  h.lr = 0.01;
  std::vector<float> pf = {1.0f, -2.0f}, gf = {0.5f, 0.25f}, mf(2), sf(2);
  std::vector<double> pd = {1.0, -2.0}, gd = {0.5, 0.25}, md(2), sd(2);
  for (int t = 1; t <= 5; ++t) {
    apply_update(Method::AdamW, h, pf.data(), gf.data(), mf.data(), sf.data(), 2, t);
    apply_update(Method::AdamW, h, pd.data(), gd.data(), md.data(), sd.data(), 2, t);
  }
  CHECK(pf[0] == doctest::Approx(pd[0]).epsilon(1e-5));
  CHECK(pf[1] == doctest::Approx(pd[1]).epsilon(1e-5));
}

TEST_CASE("method names round-trip") {
  for (int i = 0; i < kMethodCount; ++i) {
    Method m{};
    REQUIRE(parse_method(method_name(static_cast<Method>(i)), &m));
    CHECK(static_cast<int>(m) == i);
  }
  Method m{};
  CHECK(parse_method("adamw", &m));
  CHECK(!parse_method("lbfgs", &m));
}
