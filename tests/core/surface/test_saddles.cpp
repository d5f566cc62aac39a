#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/surface/saddles.h"
#include "core/surface/small_mlp.h"

using namespace attend::surface;

TEST_CASE("GOE: exact probability that all eigenvalues are positive, d = 1 and 2 in closed form") {
  CHECK(goe_positive_probability(1) == doctest::Approx(0.5).epsilon(1e-12));
  // d = 2: P(both eigenvalues > 0) = (1 − 1/√2)/2, the half of P(definite) = 1 − 1/√2 that is positive.
  CHECK(goe_positive_probability(2) == doctest::Approx((2 - std::sqrt(2.0)) / 4).epsilon(1e-10));
  // Decreasing, and −ln P/d² approaches the large-d rate θ = ln 3 / 4 from above.
  const double theta = std::log(3.0) / 4;
  for (int d = 2; d <= 14; ++d) {
    INFO("d = ", d, ": P = ", goe_positive_probability(d));
    CHECK(goe_positive_probability(d) < goe_positive_probability(d - 1));
    if (d >= 5) CHECK(-std::log(goe_positive_probability(d)) / (d * d) < -std::log(goe_positive_probability(d - 1)) / ((d - 1) * (d - 1)));
  }
  CHECK(-std::log(goe_positive_probability(14)) / 196 == doctest::Approx(theta).epsilon(0.15));
  CHECK(std::isnan(goe_positive_probability(15)));
  CHECK(goe_positive_asymptote(3) == doctest::Approx(std::exp(-9 * theta)));
}

TEST_CASE("GOE Monte Carlo matches the exact fractions within its standard error") {
  GoeOptions o;
  o.max_d = 4;
  o.trials = 20000;
  o.seed = 7;
  const std::vector<GoeRow> rows = goe_minima_fraction(o);
  REQUIRE(rows.size() == 4);
  for (const GoeRow& r : rows) {
    INFO("d = ", r.d, ": ", r.positive, "/", r.trials, " = ", r.fraction, " ± ", r.std_error, ", exact ", r.exact);
    CHECK(std::abs(r.fraction - r.exact) < 4 * std::max(r.std_error, 1.0 / r.trials));
    CHECK(r.upper95 > r.fraction);
  }
  CHECK(rows[0].fraction == doctest::Approx(0.5).epsilon(0.03));
  CHECK(rows[1].fraction == doctest::Approx(0.1464).epsilon(0.06));
  // Same seed, same counts.
  const std::vector<GoeRow> again = goe_minima_fraction(o);
  for (size_t k = 0; k < rows.size(); ++k) CHECK(again[k].positive == rows[k].positive);
}

TEST_CASE("GOE experiment honours cancel and reports progress") {
  JobProgress job;
  GoeOptions o;
  o.max_d = 5;
  o.trials = 100;
  goe_minima_fraction(o, &job);
  CHECK(job.done == 5);
  CHECK(job.fraction() == doctest::Approx(1.0));
  job.cancel = true;
  CHECK(goe_minima_fraction(o, &job).empty());
}

TEST_CASE("Newton in d dimensions finds and classifies the critical points of Σ(xᵢ² − 1)²") {
  // Critical points have every coordinate in {−1, 0, 1}; the Hessian is diagonal with 8 at ±1 and −4 at 0,
  // so the index is the number of zero coordinates.
  Objective f;
  f.dim = 3;
  f.value_grad = [](const double* x, double* g) {
    double v = 0;
    for (int i = 0; i < 3; ++i) {
      v += (x[i] * x[i] - 1) * (x[i] * x[i] - 1);
      if (g) g[i] = 4 * x[i] * (x[i] * x[i] - 1);
    }
    return v;
  };
  NewtonNDOptions o;
  auto c = newton_critical_nd(f, {0.1, 0.95, -1.05}, o);
  REQUIRE(c.has_value());
  CHECK(std::abs(c->x[0]) < 1e-9);
  CHECK(c->x[1] == doctest::Approx(1.0));
  CHECK(c->x[2] == doctest::Approx(-1.0));
  CHECK(c->negative == 1);
  CHECK(c->index == doctest::Approx(1.0 / 3));
  CHECK(c->eigenvalues[0] == doctest::Approx(-4).epsilon(1e-6));  // from the finite-difference Hessian
  CHECK(c->eigenvalues[2] == doctest::Approx(8).epsilon(1e-6));
  CHECK(c->f == doctest::Approx(1.0));
  auto top = newton_critical_nd(f, {0.05, -0.1, 0.08}, o);
  REQUIRE(top.has_value());
  CHECK(top->negative == 3);
}

TEST_CASE("random cosine fields: exact gradient and Hessian match finite differences") {
  const Objective f = random_cosine_field(4, 50, 11);
  const std::vector<double> x = {0.3, -0.7, 1.1, 0.2};
  std::vector<double> g(4), gp(4), gm(4), h(16);
  f.value_grad(x.data(), g.data());
  f.hessian(x.data(), h.data());
  const std::vector<double> fd = finite_difference_hessian(f, x.data());
  for (int j = 0; j < 4; ++j) {
    std::vector<double> xp = x, xm = x;
    xp[j] += 1e-6;
    xm[j] -= 1e-6;
    CHECK(g[j] == doctest::Approx((f.value_grad(xp.data(), nullptr) - f.value_grad(xm.data(), nullptr)) / 2e-6).epsilon(1e-6));
    for (int i = 0; i < 4; ++i) CHECK(h[j * 4 + i] == doctest::Approx(fd[j * 4 + i]).epsilon(1e-5));
  }
}

TEST_CASE("random functions: in 1-D every critical point is a minimum or maximum, minima get rarer with d") {
  RandomFieldOptions o;
  o.max_d = 4;
  o.functions = 2;
  o.starts = 60;
  o.seed = 3;
  const auto rows = random_field_saddles(o);
  REQUIRE(rows.size() == 4);
  for (const RandomFieldRow& r : rows) {
    INFO("d = ", r.d, ": ", r.critical, " critical points, ", r.minima, " minima, ", r.saddles, " saddles");
    CHECK(r.critical > 0);
    CHECK(r.minima + r.maxima + r.saddles + r.degenerate == r.critical);
    CHECK(r.points.size() == static_cast<size_t>(r.critical));
    for (const FieldPoint& p : r.points) CHECK(p.index == doctest::Approx(static_cast<double>(p.negative) / r.d));
  }
  CHECK(rows[0].saddles == 0);
  CHECK(rows[0].fraction_minima >= 0.2);
  CHECK(rows[3].fraction_minima < rows[0].fraction_minima);
  CHECK(rows[3].saddles > rows[3].minima);
  const auto again = random_field_saddles(o);
  for (size_t k = 0; k < rows.size(); ++k) CHECK(again[k].critical == rows[k].critical);
}

TEST_CASE("a small network's critical points: index rises with loss") {
  // A 2→3→1 tanh net on 12 points of XOR with targets ±0.8 (reachable by tanh, so the minima are finite):
  // 13 parameters. The search is centred on trained weights, so it finds the minima near them and, from the
  // far starts, the saddles of high loss.
  Points2 data;
  const double pts[12][3] = {{1, 1, -1},   {-1, -1, -1}, {1, -1, 1},    {-1, 1, 1},  {0.8, 1.2, -1},    {-1.1, -0.9, -1},
                             {1.2, -0.8, 1}, {-0.9, 1.1, 1}, {0.5, 0.6, -1}, {-0.6, -0.4, -1}, {0.7, -0.5, 1}, {-0.4, 0.6, 1}};
  for (const auto& p : pts) {
    data.x.push_back(p[0]);
    data.x.push_back(p[1]);
    data.y.push_back(0.8 * p[2]);
  }
  MlpShape shape;
  shape.sizes = {2, 3, 1};
  std::vector<double> center = playground_init(shape, 42), g(13);
  for (int step = 0; step < 5000; ++step) {
    mlp_loss_grad(shape, center.data(), data, g.data());
    for (size_t k = 0; k < center.size(); ++k) center[k] -= 0.1 * g[k];
  }
  CHECK(mlp_loss_grad(shape, center.data(), data, nullptr) < 0.01);
  const Objective loss = mlp_objective(shape, data);
  CHECK(loss.dim == 13);
  NetworkCriticalOptions o;
  o.starts = 30;
  o.seed = 5;
  JobProgress job;
  const NetworkCriticalResult r = network_critical_points(loss, center, o, &job);
  CHECK(job.done == 30);
  INFO(r.points.size(), " distinct critical points from ", r.converged, " converged starts");
  REQUIRE(r.points.size() >= 4);
  CHECK(r.points.front().f < 1e-6);         // a global minimum (zero loss) near the trained weights
  CHECK(r.points.front().negative == 0);
  CHECK(r.points.back().index > 0.5);       // the highest-loss point is a saddle of high index
  for (const CriticalND& c : r.points) {
    CHECK(c.grad_norm <= o.newton.gradient_tol);
    CHECK(c.index >= 0);
    CHECK(c.index <= 1);
  }
  // Points ordered by loss; the lower half has a lower mean index than the upper half.
  const size_t half = r.points.size() / 2;
  double low = 0, high = 0;
  for (size_t k = 0; k < half; ++k) low += r.points[k].index / half;
  for (size_t k = r.points.size() - half; k < r.points.size(); ++k) high += r.points[k].index / half;
  INFO("mean index: low-loss half ", low, ", high-loss half ", high);
  CHECK(low < high);
}
