// The loss-surface lessons (topics 16, 20, 21) run through core's lesson runtime against the real surface
// view: every step's script runs without an error, and every check can be passed by doing what its hint
// asks (a simulated learner clicks a start, types a formula or presses Run; the race runs at full speed), then
// the quiz is answered. The pixels of each step are looked at through `attend --headless --lesson`.
#include "tests/views/lesson_walkthrough.h"
#include "views/surface_view.h"

using namespace attend;
using attend::testing::SingleViewHost;

namespace {

void run_race(SingleViewHost& h) {
  REQUIRE(h.view.configure("speed", Value(0.0)).ok());
  h.view.session()->run();
}

void run_lesson(const std::string& file, const std::map<std::string, attend::testing::LearnerAction>& actions) {
  attend::testing::walk_lesson(file, "surface", views::make_surface_view(), actions);
}

}  // namespace

TEST_CASE("lesson saddle_points.md runs against the surface view, every check passable") {
  run_lesson("saddle_points.md",
             {{"Where the gradient is zero", [](SingleViewHost& h) { REQUIRE(h.view.configure("select", Value(5.0)).ok()); }},
              {"Stuck on the ridge",
               [](SingleViewHost& h) {
                 // A click just off the ridge, left of the saddle. SGD stays there for about 10⁴ steps, so the
                 // race runs at 2000 steps a second (not flat out) for the checks to see it stuck.
                 REQUIRE(h.view.configure("start", Value(std::vector<double>{-2.5, 0.05})).ok());
                 REQUIRE(h.view.configure("speed", Value(2000.0)).ok());
                 h.view.session()->run();
               }}});
}

TEST_CASE("lesson optimizers.md runs against the surface view, every check passable") {
  run_lesson("optimizers.md",
             {{"Downhill, one step at a time", run_race},
              {"Too large a step", run_race},
              {"Momentum", run_race},
              {"One step under the microscope", [](SingleViewHost& h) { h.view.session()->step(10); }},
              {"Adaptive step sizes", run_race},
              {"Your own surface",
               [](SingleViewHost& h) { REQUIRE(h.view.configure("formula", Value(std::string("x^2 + 5*y^2 + 2*sin(3*x)*cos(3*y)"))).ok()); }}});
}

TEST_CASE("lesson erm_optimisation.md runs against the surface view, every check passable") {
  run_lesson("erm_optimisation.md", {{"A hypothesis is a point, its risk a height", run_race},
                                     {"Badly scaled features make a ravine", run_race},
                                     {"Scale the feature", run_race}});
}
