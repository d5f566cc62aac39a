// The loss-surface lessons (topics 16, 20, 21) run through core's lesson runtime against the real surface
// view: every step's script runs without an error, and every check can be passed by doing what its hint
// asks (a simulated learner clicks a start, types a formula or presses Run; the race runs at full speed), then
// the quiz is answered. The pixels of each step are looked at through `attend --headless --lesson`.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "core/lesson/host.h"
#include "core/lesson/lesson.h"
#include "core/lesson/runtime.h"
#include "core/train/session.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "views/surface_view.h"

using namespace attend;

namespace {

// Shows the surface view and nothing else.
class SurfaceHost : public lesson::Host {
 public:
  views::View view = views::make_surface_view();
  std::vector<std::string> logs;

  void begin_step(int) override { view.reset(); }
  Status show_view(const std::string& name) override {
    if (name != "surface") return make_error("this test shows only the surface view, not '" + name + "'");
    return Ok{};
  }
  Status configure(const std::string& key, const Value& value) override { return view.configure(key, value); }
  Result<Value> query(const std::string& key) override {
    std::optional<Value> v = view.query(key);
    if (!v) return make_error("the surface view has no value '" + key + "'");
    return *v;
  }
  Status highlight(const std::string& target, const Value&) override {
    return make_error("the surface view has nothing called '" + target + "' to highlight");
  }
  train::Control* session() override { return view.session(); }
  void log(const std::string& message) override { logs.push_back(message); }
};

// What a learner does in a step (by the step's title), beyond what its script already set up.
using Action = std::function<void(SurfaceHost&)>;

void run_race(SurfaceHost& h) {
  REQUIRE(h.view.configure("speed", Value(0.0)).ok());
  h.view.session()->run();
}

void run_lesson(const std::string& file, const std::map<std::string, Action>& actions) {
  const std::string path = lessons_dir() + "/" + file;
  Result<std::string> text = read_file(path);
  REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().to_string()));
  Result<lesson::Lesson> parsed = lesson::parse_lesson(*text, path);
  REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().to_string()));
  SurfaceHost host;
  lesson::Runtime rt(std::move(parsed).value(), host);
  rt.start();
  for (int step = 0; step < rt.step_count(); ++step) {
    const std::string title = rt.step().title;
    CAPTURE(title);
    REQUIRE(rt.index() == step);
    for (const Error& e : rt.errors()) FAIL_CHECK(e.to_string());
    auto it = actions.find(title);
    if (it != actions.end()) it->second(host);
    // Frames until every check has passed (the race runs on its own thread meanwhile).
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!rt.checks_passed() && std::chrono::steady_clock::now() < until) {
      rt.frame();
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK_MESSAGE(rt.checks_passed(), "still waiting: " << rt.waiting_hint());
    for (const Error& e : rt.errors()) FAIL_CHECK(e.to_string());
    for (const lesson::CheckStatus& c : rt.status().checks) CHECK_MESSAGE(c.passed, "check at line " << c.line << ": " << c.hint);
    if (rt.step().has_quiz) {
      rt.answer_correctly();
      CHECK(rt.status().quiz.correct);
    }
    REQUIRE(rt.can_next());
    host.view.session()->pause();
    rt.next();
  }
  CHECK(rt.progress().completed);
}

}  // namespace

TEST_CASE("lesson saddle_points.md runs against the surface view, every check passable") {
  run_lesson("saddle_points.md",
             {{"Where the gradient is zero", [](SurfaceHost& h) { REQUIRE(h.view.configure("select", Value(5.0)).ok()); }},
              {"Stuck on the ridge",
               [](SurfaceHost& h) {
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
              {"One step under the microscope", [](SurfaceHost& h) { h.view.session()->step(10); }},
              {"Adaptive step sizes", run_race},
              {"Your own surface",
               [](SurfaceHost& h) { REQUIRE(h.view.configure("formula", Value(std::string("x^2 + 5*y^2 + 2*sin(3*x)*cos(3*y)"))).ok()); }}});
}

TEST_CASE("lesson erm_optimisation.md runs against the surface view, every check passable") {
  run_lesson("erm_optimisation.md", {{"A hypothesis is a point, its risk a height", run_race},
                                     {"Badly scaled features make a ravine", run_race},
                                     {"Scale the feature", run_race}});
}
