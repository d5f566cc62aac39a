#include <doctest/doctest.h>

#include <cmath>
#include <complex>

#include "core/surface/race.h"

using namespace attend::surface;
using attend::optim::Method;

namespace {

Racer make_racer(Method m, double lr, Vec2 start, const Surface& s) {
  Race r;
  r.surface = s;
  r.box = s.box();
  r.start = start;
  RacerSpec spec;
  spec.method = m;
  spec.hyper.lr = lr;
  add_racer(r, spec);
  return r.racers[0];
}

// p_{t+1} = c1·p_t − c0·p_{t−1}, solved in closed form through the roots of r² − c1·r + c0.
double two_term_closed_form(double c1, double c0, double p0, double p1, int t) {
  using C = std::complex<double>;
  const C disc = std::sqrt(C(c1 * c1 - 4 * c0));
  const C r1 = (c1 + disc) / 2.0, r2 = (c1 - disc) / 2.0;
  // p_t = A r1^t + B r2^t with A + B = p0, A r1 + B r2 = p1 (distinct roots).
  const C B = (p1 - p0 * r1) / (r2 - r1), A = p0 - B;
  return (A * std::pow(r1, t) + B * std::pow(r2, t)).real();
}

}  // namespace

TEST_CASE("racers on the bowl ½(x² + 10y²) follow the closed forms of SGD, momentum and Nesterov") {
  const Surface bowl = make_builtin("bowl").value();
  const Vec2 start{-2.5, 1.5};
  const double lr = 0.05, mu = 0.9;
  const int steps = 40;
  for (Method m : {Method::SGD, Method::Momentum, Method::Nesterov}) {
    Racer r = make_racer(m, lr, start, bowl);
    r.spec.hyper.momentum = mu;
    for (int t = 0; t < steps; ++t) step_racer(bowl, r, bowl.box(), 25);
    double expect[2];
    const double p0[2] = {start.x, start.y}, a[2] = {1.0, 10.0};
    for (int k = 0; k < 2; ++k) {
      if (m == Method::SGD) {
        expect[k] = std::pow(1 - lr * a[k], steps) * p0[k];
      } else if (m == Method::Momentum) {
        // v = μv + a p; p −= lr v  ⇒  p_{t+1} = (1 + μ − lr a) p_t − μ p_{t−1}, p_1 = (1 − lr a) p_0.
        expect[k] = two_term_closed_form(1 + mu - lr * a[k], mu, p0[k], (1 - lr * a[k]) * p0[k], steps);
      } else {
        // v = μv + a p; p −= lr(a p + μ v)  ⇒  p_{t+1} = (1 + μ)(1 − lr a) p_t − μ(1 − lr a) p_{t−1},
        // p_1 = (1 − lr a(1 + μ)) p_0.
        expect[k] = two_term_closed_form((1 + mu) * (1 - lr * a[k]), mu * (1 - lr * a[k]), p0[k],
                                         (1 - lr * a[k] * (1 + mu)) * p0[k], steps);
      }
    }
    INFO(attend::optim::method_name(m));
    CHECK(r.p.x == doctest::Approx(expect[0]).epsilon(1e-9));
    CHECK(r.p.y == doctest::Approx(expect[1]).epsilon(1e-9));
    CHECK(r.t == steps);
    CHECK(!r.diverged);
  }
}

TEST_CASE("adaptive racers on a plane (constant gradient) follow their closed forms") {
  // f = 3x − 0.5y: g = (3, −0.5) everywhere. Finite differences of a plane are exact to ~1e-10.
  const Surface plane = make_formula("3*x - 0.5*y", Box{-50, 50, -50, 50}).value();
  const double lr = 0.1, eps = 1e-8;
  const int steps = 25;
  const double g[2] = {3, -0.5};
  for (Method m : {Method::AdaGrad, Method::RMSProp, Method::Adam}) {
    Racer r = make_racer(m, lr, {0, 0}, plane);
    r.spec.hyper.eps = eps;
    for (int t = 0; t < steps; ++t) step_racer(plane, r, plane.box(), 25);
    double expect[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
      for (int t = 1; t <= steps; ++t) {
        double s;
        if (m == Method::AdaGrad) s = t * g[k] * g[k];                                         // Σ g²
        else if (m == Method::RMSProp) s = (1 - std::pow(0.99, t)) * g[k] * g[k];              // ρ-average from 0
        else s = g[k] * g[k];                                                                   // Adam: ŝ = g², m̂ = g
        expect[k] -= lr * g[k] / (std::sqrt(s) + eps);
      }
    }
    INFO(attend::optim::method_name(m));
    CHECK(r.p.x == doctest::Approx(expect[0]).epsilon(1e-8));
    CHECK(r.p.y == doctest::Approx(expect[1]).epsilon(1e-8));
  }
  // Adam's step is lr per coordinate whatever the gradient's size: 25 steps of 0.1 along −sign(g).
  Racer adam = make_racer(Method::Adam, lr, {0, 0}, plane);
  for (int t = 0; t < steps; ++t) step_racer(plane, adam, plane.box(), 25);
  CHECK(adam.p.x == doctest::Approx(-2.5).epsilon(1e-6));
  CHECK(adam.p.y == doctest::Approx(2.5).epsilon(1e-6));
}

TEST_CASE("the step-by-step numbers explain the update: to = from − lr·direction, with the rule's own state") {
  const Surface s = make_builtin("rosenbrock").value();
  for (int mi = 0; mi < attend::optim::kMethodCount; ++mi) {
    const Method m = static_cast<Method>(mi);
    for (double wd : {0.0, 0.05}) {
      Racer r = make_racer(m, 1e-3, {-1.2, 1.0}, s);
      r.spec.hyper.weight_decay = wd;
      for (int t = 0; t < 7; ++t) {
        const StepDetail d = step_racer(s, r, s.box(), 25);
        INFO(attend::optim::method_name(m), " wd ", wd, " step ", d.t);
        const double lr = r.spec.hyper.lr;
        CHECK(d.update.x == doctest::Approx(-lr * d.direction.x).epsilon(1e-10));
        CHECK(d.update.y == doctest::Approx(-lr * d.direction.y).epsilon(1e-10));
        CHECK(d.to.x == doctest::Approx(d.from.x + d.update.x).epsilon(1e-14));
        CHECK(d.loss_to == doctest::Approx(s.value(d.to)));
        const Vec2 grad = s.gradient(d.from);
        const bool l2 = wd != 0 && m != Method::AdamW;
        CHECK(d.gradient.x == doctest::Approx(grad.x + (l2 ? wd * d.from.x : 0)));
        if (attend::optim::uses_first_moment(m)) {
          CHECK(d.velocity.x == r.m[0]);
          CHECK(d.velocity.y == r.m[1]);
        } else {
          CHECK(norm(d.velocity) == 0);
        }
        if (attend::optim::uses_second_moment(m)) {
          CHECK(d.second_moment.x == r.s[0]);
          // The per-coordinate rate times the rule's numerator (g, or Adam's m̂) is the update.
          const Vec2 num = (m == Method::Adam || m == Method::AdamW) ? d.velocity_hat : d.gradient;
          const double decay = m == Method::AdamW ? lr * wd * d.from.x : 0;
          CHECK(-d.update.x - decay == doctest::Approx(d.scale.x * num.x).epsilon(1e-10));
        } else {
          CHECK(d.scale.x == lr);
        }
      }
    }
  }
}

TEST_CASE("Adam's bias correction: m̂ after the first step is the gradient itself") {
  const Surface s = make_builtin("himmelblau").value();
  Racer r = make_racer(Method::Adam, 0.01, {1, 1}, s);
  const StepDetail d = step_racer(s, r, s.box(), 25);
  CHECK(d.velocity_hat.x == doctest::Approx(d.gradient.x));
  CHECK(d.velocity.x == doctest::Approx(0.1 * d.gradient.x));  // (1 − β₁)·g
  CHECK(norm(d.update) == doctest::Approx(0.01 * std::sqrt(2.0)).epsilon(1e-6));  // lr per coordinate
}

TEST_CASE("a racer that diverges is marked with a reason and frozen at its last finite point") {
  const Surface bowl = make_builtin("bowl").value();
  // lr = 1 on curvature 10: each step multiplies y by −9.
  Racer r = make_racer(Method::SGD, 1.0, {-2.5, 1.5}, bowl);
  int steps = 0;
  while (!r.diverged && steps < 1000) {
    step_racer(bowl, r, bowl.box(), 25);
    ++steps;
  }
  CHECK(r.diverged);
  CHECK(r.why.find("diverged") != std::string::npos);
  CHECK(steps < 10);
  CHECK(finite(r.p));
  CHECK(std::isfinite(r.loss));
  for (const Vec2& p : r.trace.points) CHECK(finite(p));
  const Vec2 frozen = r.p;
  const StepDetail d = step_racer(bowl, r, bowl.box(), 25);  // a frozen racer does nothing
  CHECK(d.t == 0);
  CHECK(r.p.x == frozen.x);

  // Overflow to infinity within one step (no box check can catch it first).
  const Surface steep = make_formula("exp(x*x)", Box{-2, 2, -2, 2}).value();
  Racer e = make_racer(Method::SGD, 10.0, {1.9, 0}, steep);
  for (int t = 0; t < 5; ++t) step_racer(steep, e, steep.box(), 25);
  CHECK(e.diverged);
  CHECK(finite(e.p));

  // Leaving a formula's domain.
  const Surface root = make_formula("sqrt(x) + y^2", Box{0, 4, -2, 2}).value();
  Racer d2 = make_racer(Method::SGD, 10.0, {0.5, 1}, root);
  for (int t = 0; t < 5 && !d2.diverged; ++t) step_racer(root, d2, root.box(), 25);
  CHECK(d2.diverged);
  CHECK(!d2.why.empty());

  // Starting where the surface is undefined.
  Racer nan_start = make_racer(Method::Adam, 0.1, {-1, 0}, root);
  CHECK(nan_start.diverged);
  CHECK(nan_start.trace.points.empty());
}

TEST_CASE("the saddle: racers started off the ridge escape down y, the fast ones are marked diverged") {
  Race race = make_race(make_builtin("saddle").value());
  set_start(race, {-1.8, 0.05});
  for (int t = 0; t < 3000; ++t) step_race(race);
  for (const Racer& r : race.racers) {
    INFO(r.spec.label, " at (", r.p.x, ", ", r.p.y, ")");
    // x² − y² is unbounded below: every method runs off along y, and x settles to 0.
    CHECK(std::abs(r.p.y) > 10);
    CHECK(r.loss < -100);
    // Gradient methods accelerate (|y| grows geometrically) and pass 25 view diagonals; AdaGrad and
    // RMSProp move about lr per step and are still on their way.
    if (r.spec.method == Method::SGD || r.spec.method == Method::Momentum || r.spec.method == Method::Nesterov ||
        r.spec.method == Method::Adam) {
      CHECK(r.diverged);
      CHECK(r.why.find("diverged") != std::string::npos);
    }
  }
}

TEST_CASE("traces stay bounded on long runs and keep the start") {
  const Surface s = make_builtin("rosenbrock").value();
  Racer r = make_racer(Method::Adam, 1e-3, {-1.5, 2.5}, s);
  for (int t = 0; t < 20000; ++t) step_racer(s, r, s.box(), 25);
  CHECK(r.trace.points.size() <= Trace::kMaxPoints);
  CHECK(r.trace.points.size() >= Trace::kMaxPoints / 2);
  CHECK(r.trace.step.front() == 0);
  CHECK(r.trace.points.front().x == -1.5);
  for (size_t k = 1; k < r.trace.step.size(); ++k) CHECK(r.trace.step[k] > r.trace.step[k - 1]);
  CHECK(r.trace.loss.size() == r.trace.points.size());
}

TEST_CASE("default racers: six methods with learning rates scaled to the surface, all settle on the bowl") {
  const Surface bowl = make_builtin("bowl").value();
  const auto specs = default_racers(bowl);
  REQUIRE(specs.size() == 6);
  CHECK(specs[0].method == Method::SGD);
  CHECK(specs[0].hyper.lr == doctest::Approx(0.1));  // 1/L with L = 10
  Race race = make_race(bowl);
  CHECK(race.racers.size() == 6);
  for (int t = 0; t < 3000; ++t) step_race(race);
  for (const Racer& r : race.racers) {
    INFO(r.spec.label, " at (", r.p.x, ", ", r.p.y, ")");
    CHECK(!r.diverged);
    CHECK(r.loss < 1e-2);
  }
}

TEST_CASE("racers are added with unique labels, removed, and tuned by name") {
  Race race = make_race(make_builtin("himmelblau").value());
  RacerSpec extra;
  extra.method = Method::Adam;
  add_racer(race, extra);
  CHECK(race.racers.back().spec.label == "Adam 2");
  CHECK(set_hyper(race, "Adam 2.lr", 0.5));
  CHECK(race.racers.back().spec.hyper.lr == 0.5);
  CHECK(set_hyper(race, "1.momentum", 0.5));
  CHECK(race.racers[1].spec.hyper.momentum == 0.5);
  CHECK(set_hyper(race, "lr", 0.01));
  for (const Racer& r : race.racers) CHECK(r.spec.hyper.lr == 0.01);
  CHECK(set_hyper(race, "Adam.bias_correction", 0));
  CHECK(!race.racers[5].spec.hyper.bias_correction);
  CHECK(!set_hyper(race, "Adam.learning_speed", 1));
  CHECK(!set_hyper(race, "Nobody.lr", 1));
  CHECK(remove_racer(race, "Adam 2"));
  CHECK(!remove_racer(race, "Adam 2"));
  CHECK(race.racers.size() == 6);
}

TEST_CASE("a race runs in a training session: steps, start point commands and snapshots") {
  RaceSession session(make_race(make_builtin("himmelblau").value()), race_hooks());
  session.post([](Race& r) { set_start(r, {0.5, 0.5}); });
  session.step(12);
  session.wait_idle();
  auto snap = session.latest();
  REQUIRE((snap != nullptr));
  CHECK(snap->surface_id == "himmelblau");
  CHECK(snap->progress.step == 12);
  REQUIRE(snap->racers.size() == 6);
  for (const Racer& r : snap->racers) {
    CHECK(r.t == 12);
    CHECK(r.trace.points.front().x == 0.5);
    CHECK(r.has_last);
  }
  CHECK((snap->progress.history->find("loss/Adam") != nullptr));
  session.set("SGD.lr", 0.001);
  session.wait_idle();
  CHECK(session.latest()->racers[0].spec.hyper.lr == 0.001);
  session.set("nonsense", 1);
  session.wait_idle();
  CHECK(session.latest()->progress.error.find("nonsense") != std::string::npos);
  session.reset(0);
  session.wait_idle();
  for (const Racer& r : session.latest()->racers) CHECK(r.t == 0);
}

TEST_CASE("racers by method get the surface's default rates, and retuning follows a new surface") {
  const Surface bowl = make_builtin("bowl").value();
  const auto specs = default_racers(bowl, {Method::Adam, Method::SGD});
  REQUIRE(specs.size() == 2);
  CHECK(specs[0].method == Method::Adam);
  CHECK(specs[1].label == "SGD");
  CHECK(specs[1].hyper.lr == doctest::Approx(0.1));
  Race race = make_race(bowl);
  set_racers(race, specs);
  REQUIRE(race.racers.size() == 2);
  CHECK(race.racers[0].spec.label == "Adam");
  race.racers[1].spec.hyper.momentum = 0.5;
  set_surface(race, make_builtin("rosenbrock").value());
  retune_racers(race);
  const auto ros = default_racers(race.surface, {Method::Adam, Method::SGD});
  CHECK(race.racers[0].spec.hyper.lr == doctest::Approx(ros[0].hyper.lr));
  CHECK(race.racers[1].spec.hyper.lr == doctest::Approx(ros[1].hyper.lr));
  CHECK(race.racers[1].spec.hyper.lr < 0.01);  // Rosenbrock's curvature needs a far smaller step
  CHECK(race.racers[1].spec.hyper.momentum == 0.5);  // other settings are kept
}
