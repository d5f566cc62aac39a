// Universal approximation (topic 19): the 1-D fit's gradient against finite differences, neurons added
// live without moving the curve, a sine learned, and the by-construction ReLU interpolant's error.
#include <doctest/doctest.h>

#include <cmath>

#include "core/train/fit1d_trainer.h"

using namespace attend;
using namespace attend::train;

namespace {
double loss_of(const Fit1DModel& m) {
  std::vector<double> g;
  return fit1d_gradient(m, g);
}
}  // namespace

TEST_CASE("fit1d: the gradient matches central finite differences for every activation") {
  for (int a = 0; a < 3; ++a) {
    Fit1DConfig c;
    c.neurons = 4;
    c.points = 17;
    Fit1DModel m = make_fit1d_model(c);
    REQUIRE(set_fit1d_hyper(m, "activation", a));
    for (size_t k = 0; k < m.v.size(); ++k) m.v[k] = 0.3 * (static_cast<double>(k) - 1.5);
    std::vector<double> g;
    fit1d_gradient(m, g);
    const size_t n = m.w.size();
    std::vector<double*> p;
    for (size_t k = 0; k < n; ++k) p.push_back(&m.w[k]);
    for (size_t k = 0; k < n; ++k) p.push_back(&m.b[k]);
    for (size_t k = 0; k < n; ++k) p.push_back(&m.v[k]);
    p.push_back(&m.c);
    for (size_t i = 0; i < p.size(); ++i) {
      const double keep = *p[i], h = 1e-6;
      *p[i] = keep + h;
      const double up = loss_of(m);
      *p[i] = keep - h;
      const double down = loss_of(m);
      *p[i] = keep;
      CHECK_MESSAGE(g[i] == doctest::Approx((up - down) / (2 * h)).epsilon(1e-4).scale(1e-6), "activation ", a, " i ", i);
    }
  }
}

TEST_CASE("fit1d: neurons added live start silent, removed ones are the least used") {
  Fit1DModel m = make_fit1d_model({});
  for (int k = 0; k < 300; ++k) train_step(m);
  const double before = fit1d_output(m, 0.37);
  REQUIRE(set_fit1d_hyper(m, "neurons", 8));
  CHECK(m.w.size() == 8);
  CHECK(fit1d_output(m, 0.37) == doctest::Approx(before));
  m.v = {0.1, -5, 0.01, 3, 0, 0, 0, 0.2};
  set_neurons(m, 2);
  CHECK(m.v == std::vector<double>{-5, 3});
  CHECK_FALSE(set_fit1d_hyper(m, "neurons", 0));
  CHECK_FALSE(set_fit1d_hyper(m, "neurons", 65));
}

TEST_CASE("fit1d: eight tanh neurons learn a sine, and the ReLU construction's error falls like 1/n²") {
  Fit1DConfig c;
  c.neurons = 8;
  c.lr = 0.03;
  Session<Fit1DModel, Fit1DSnapshot> s(make_fit1d_model(c), fit1d_hooks(), 2);
  s.step(3000);
  s.wait_idle();
  const auto snap = s.latest();
  CHECK(snap->neurons == 8);
  CHECK(snap->grid_mse < 0.005);
  CHECK(snap->parts.size() == 8);
  CHECK(snap->fit.size() == snap->curve_x.size());
  // Interpolant through n + 1 knots: halving the spacing quarters the error (square: exactly).
  std::vector<double> xs;
  for (int i = 0; i <= 400; ++i) xs.push_back(-1 + i / 200.0);
  auto mse = [&](int n) {
    const std::vector<double> f = relu_interpolant(Target1D::Square, n, xs);
    double se = 0;
    for (size_t i = 0; i < xs.size(); ++i) se += (f[i] - xs[i] * xs[i]) * (f[i] - xs[i] * xs[i]);
    return se / static_cast<double>(xs.size());
  };
  CHECK(mse(4) / mse(8) == doctest::Approx(16).epsilon(0.05));
  CHECK(relu_interpolant(Target1D::Abs, 2, {-1, 0, 0.5, 1}) == std::vector<double>{1, 0, 0.5, 1});
}
