// The loss-surface view's data path and lesson API: what it reports equals what core computes (racer
// positions after n steps, critical points and their kinds, the experiments), options are checked, and bad
// input (unknown keys, a broken formula) is an error that says what to do. No drawing here: the view's
// pixels are checked by tests/app/test_surface_screenshots.cpp.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/surface/critical.h"
#include "core/surface/race.h"
#include "core/train/session.h"
#include "tests/views/view_queries.h"
#include "views/surface_view.h"

using namespace attend;
using namespace attend::testing;
using attend::optim::Method;

TEST_CASE("surface view: racers after n steps are where core's race puts them") {
  views::View v = views::make_surface_view();
  CHECK(v.name == "surface");
  CHECK(v.title == "Loss surface");
  REQUIRE((v.session() != nullptr));
  ok(v, "surface", Value(std::string("himmelblau")));
  ok(v, "racers", Value(std::string("SGD, Momentum, Adam")));
  ok(v, "start", Value(std::vector<double>{-0.5, 1.5}));
  ok(v, "Momentum.momentum", Value(0.5));
  ok(v, "speed", Value(0.0));
  ok(v, "advance", Value(40.0));
  v.session()->wait_idle();
  CHECK(text(v, "racers") == "SGD,Momentum,Adam");
  CHECK(num(v, "steps") == 40);

  // The same race in core, by hand.
  const surface::Surface s = surface::make_builtin("himmelblau").value();
  surface::Race ref = surface::make_race(s, surface::default_racers(s, {Method::SGD, Method::Momentum, Method::Adam}));
  surface::set_start(ref, {-0.5, 1.5});
  REQUIRE(surface::set_hyper(ref, "Momentum.momentum", 0.5));
  for (int t = 0; t < 40; ++t) surface::step_race(ref);
  for (const surface::Racer& r : ref.racers) {
    CAPTURE(r.spec.label);
    CHECK(num(v, r.spec.label + ".x") == r.p.x);
    CHECK(num(v, r.spec.label + ".y") == r.p.y);
    CHECK(num(v, r.spec.label + ".loss") == r.loss);
    CHECK(num(v, r.spec.label + ".steps") == 40);
    CHECK(num(v, r.spec.label + ".lr") == r.spec.hyper.lr);
    CHECK(num(v, r.spec.label + ".grad") == doctest::Approx(surface::norm(s.gradient(r.p))));
  }
  CHECK(num(v, "Momentum.momentum") == 0.5);
  // The leader is the racer with the lowest loss.
  std::string best;
  double lowest = INFINITY;
  for (const surface::Racer& r : ref.racers)
    if (r.loss < lowest) lowest = r.loss, best = r.spec.label;
  CHECK(text(v, "leader") == best);
}

TEST_CASE("surface view: critical points shown are core's, classified by their Hessians") {
  views::View v = views::make_surface_view();
  struct Case {
    const char* id;
    int minima, maxima, saddles;
  };
  for (const Case& c : {Case{"himmelblau", 4, 1, 4}, Case{"six-hump-camel", 6, 2, 7}, Case{"saddle", 0, 0, 1}}) {
    CAPTURE(c.id);
    ok(v, "surface", Value(std::string(c.id)));
    REQUIRE(*as_bool(*v.query("settled")));
    CHECK(*as_bool(*v.query("critical.ready")));
    CHECK(num(v, "critical.minima") == c.minima);
    CHECK(num(v, "critical.maxima") == c.maxima);
    CHECK(num(v, "critical.saddles") == c.saddles);
    const surface::Surface s = surface::make_builtin(c.id).value();
    const surface::CriticalResult r = surface::find_critical_points(s, s.box());
    REQUIRE(num(v, "critical.count") == static_cast<double>(r.points.size()));
    for (size_t i = 0; i < r.points.size(); ++i) {
      ok(v, "select", Value(static_cast<double>(i)));
      CHECK(text(v, "selected.kind") == surface::kind_name(r.points[i].kind));
      CHECK(num(v, "selected.x") == doctest::Approx(r.points[i].info.p.x));
      CHECK(num(v, "selected.y") == doctest::Approx(r.points[i].info.p.y));
    }
  }
  // A zoom changes the box, and the critical points are found again inside it: one of Himmelblau's minima.
  ok(v, "surface", Value(std::string("himmelblau")));
  ok(v, "box", Value(std::vector<double>{2.0, 4.0, 1.0, 3.0}));
  REQUIRE(*as_bool(*v.query("settled")));
  CHECK(num(v, "critical.minima") == 1);
  CHECK(num(v, "critical.count") == 1);
  ok(v, "box", Value(std::string("fit")));
  REQUIRE(*as_bool(*v.query("settled")));
  CHECK(num(v, "critical.count") == 9);
}

TEST_CASE("surface view: on the flat saddle SGD stalls where momentum escapes to a minimum") {
  // f = x² − y⁴ + y⁶/6: the way down from the saddle at the origin is flat to fourth order, so the push off
  // the ridge grows like y³ and plain gradient descent crawls; momentum accumulates it.
  views::View v = views::make_surface_view();
  ok(v, "surface", Value(std::string("flat-saddle")));
  ok(v, "racers", Value(std::string("SGD, Momentum")));
  ok(v, "start", Value(std::vector<double>{-2.5, 0.05}));
  ok(v, "speed", Value(0.0));
  ok(v, "advance", Value(1400.0));
  v.session()->wait_idle();
  REQUIRE(*as_bool(*v.query("settled")));
  CHECK(text(v, "SGD.near") == "degenerate");  // the saddle's escape direction has a zero eigenvalue
  CHECK(num(v, "SGD.grad") < 1e-3);
  CHECK(text(v, "Momentum.near") == "minimum");
  CHECK(num(v, "Momentum.loss") < num(v, "SGD.loss"));
  CHECK_FALSE(*as_bool(*v.query("SGD.diverged")));
  CHECK(text(v, "leader") == "Momentum");
}

TEST_CASE("surface view: options are checked and unknown keys list the known ones") {
  views::View v = views::make_surface_view();
  const Status unknown = v.configure("colour", Value(1.0));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("'colour'") != std::string::npos);
  CHECK(unknown.error().message.find("step_by_step") != std::string::npos);
  CHECK(unknown.error().message.find("surface") != std::string::npos);

  // A broken formula: the error names its column, the view keeps the last good surface and shows the error.
  const Status bad = v.configure("formula", Value(std::string("x^2 - * y")));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().column == 0);  // the configure error wraps it: the column is in the message
  CHECK(bad.error().message.find("at column 7") != std::string::npos);
  CHECK(text(v, "surface") == "himmelblau");
  CHECK_FALSE(text(v, "formula_error").empty());
  ok(v, "formula", Value(std::string("x^2 - y^2 + 0.1*x^4")));
  CHECK(text(v, "formula_error").empty());
  CHECK(text(v, "surface") == "x^2 - y^2 + 0.1*x^4");
  REQUIRE(*as_bool(*v.query("settled")));
  CHECK(num(v, "critical.saddles") == 1);

  CHECK_FALSE(v.configure("surface", Value(3.0)).ok());
  CHECK_FALSE(v.configure("start", Value(std::vector<double>{1.0})).ok());
  CHECK_FALSE(v.configure("racers", Value(std::string("SGD, Lion"))).ok());
  const Status no_racer = v.configure("Adagrad.lr", Value(0.1));  // labels are case-sensitive: "AdaGrad"
  REQUIRE_FALSE(no_racer.ok());
  CHECK(no_racer.error().message.find("AdaGrad") != std::string::npos);  // lists the racers
  CHECK_FALSE(v.configure("Adam.beta3", Value(0.5)).ok());
  CHECK_FALSE(v.configure("lr", Value(-1.0)).ok());
  CHECK_FALSE(v.configure("mode", Value(std::string("race!"))).ok());
  CHECK_FALSE(v.configure("box", Value(std::vector<double>{1, 0, 0, 1})).ok());
  CHECK_FALSE(v.configure("advance", Value(2.5)).ok());
  CHECK_FALSE(v.configure("wireframe", Value(1.0)).ok());
  CHECK_FALSE(v.configure("focus", Value(std::string("nobody"))).ok());
  CHECK_FALSE(v.configure("select", Value(99.0)).ok());
  CHECK_FALSE(v.configure("slice.dataset", Value(std::string("plane"))).ok());  // regression data: no
  CHECK_FALSE(v.query("colour").has_value());
  CHECK(text(v, "keys").find("critical.minima") != std::string::npos);

  ok(v, "wireframe", Value(true));
  CHECK(*as_bool(*v.query("wireframe")));
  ok(v, "step_by_step", Value(true));
  CHECK(*as_bool(*v.query("step_by_step")));
  ok(v, "focus", Value(std::string("Adam")));
  CHECK(text(v, "focus") == "Adam");
  ok(v, "mode", Value(std::string("saddles")));
  CHECK(text(v, "mode") == "saddles");
  ok(v, "lr", Value(0.02));
  CHECK(num(v, "SGD.lr") == 0.02);
  CHECK(num(v, "Adam.lr") == 0.02);

  v.reset();
  CHECK(text(v, "mode") == "race");
  CHECK_FALSE(*as_bool(*v.query("wireframe")));
  CHECK(text(v, "surface") == "himmelblau");
  CHECK(text(v, "racers") == "SGD,Momentum,Nesterov,AdaGrad,RMSProp,Adam");
}

TEST_CASE("surface view: the saddle experiment and the network slice report core's numbers") {
  views::View v = views::make_surface_view();
  ok(v, "saddles.max_d", Value(4.0));
  ok(v, "saddles.trials", Value(2000.0));
  ok(v, "saddles.field_max_d", Value(2.0));
  ok(v, "saddles.run", Value(true));
  ok(v, "slice.steps", Value(60.0));
  ok(v, "slice.n", Value(11.0));
  ok(v, "slice.directions", Value(std::string("pca")));
  ok(v, "slice.run", Value(true));
  REQUIRE(*as_bool(*v.query("settled")));
  CHECK(text(v, "saddles.state") == "done");
  const std::vector<double> goe = *as_list(*v.query("saddles.goe"));
  const std::vector<double> exact = *as_list(*v.query("saddles.exact"));
  REQUIRE(goe.size() == 4);
  CHECK(goe[0] == doctest::Approx(0.5).epsilon(0.1));
  CHECK(goe[3] < goe[0]);
  CHECK(exact[1] == doctest::Approx(0.1464466).epsilon(1e-5));
  CHECK(as_list(*v.query("saddles.field"))->size() == 2);
  CHECK(num(v, "saddles.net_points") >= 2);
  CHECK(num(v, "saddles.net_low_index") <= num(v, "saddles.net_high_index"));

  CHECK(text(v, "slice.state") == "done");
  CHECK(num(v, "slice.final_loss") < 0.5);
  CHECK(num(v, "slice.center_loss") == doctest::Approx(num(v, "slice.final_loss")).epsilon(1e-4));
  const std::vector<double> explained = *as_list(*v.query("slice.explained"));
  CHECK(explained[0] > 0.5);
  CHECK(num(v, "slice.residual") < 1.0);
}
