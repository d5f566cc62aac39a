// The lesson panel drives the runtime the way a person does: keys ← → between steps (→ only once the
// gate is open), 1–9 and Enter for quizzes, Enter to reveal, Space for the shown view's training.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "core/lesson/runtime.h"
#include "core/train/session.h"
#include "imgui_fixture.h"
#include "views/keys.h"
#include "views/lesson_panel.h"

using namespace attend;
using namespace attend::views;
using attend::views::test::ImGuiFixture;

namespace {

class NullHost : public lesson::Host {
 public:
  Status show_view(const std::string&) override { return Ok{}; }
  Status configure(const std::string&, const Value&) override { return Ok{}; }
  Result<Value> query(const std::string&) override { return Value(0.0); }
  Status highlight(const std::string&, const Value&) override { return Ok{}; }
  train::Control* session() override { return nullptr; }
  void log(const std::string&) override {}
};

lesson::Lesson parse(const std::string& text) {
  Result<lesson::Lesson> r = lesson::parse_lesson(text, "lessons/panel.md");
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  return *r;
}

// One frame: the runtime's checks, then the panel, with `key` held down during the frame (and a second
// frame with it released, so the next press is a new one).
LessonPanelResult frame(ImGuiFixture& fx, lesson::Runtime& rt, LessonPanelState& state, int key = -1) {
  ImGuiIO& io = ImGui::GetIO();
  if (key >= 0) io.KeysDown[key] = true;
  rt.frame();
  LessonPanelResult r;
  fx.frame([&] { r = draw_lesson_panel(fx.ctx, rt, state, LessonPanelInput{}); });
  if (key >= 0) {
    io.KeysDown[key] = false;
    rt.frame();
    fx.frame([&] { draw_lesson_panel(fx.ctx, rt, state, LessonPanelInput{}); });
  }
  return r;
}

const char* kLesson =
    "---\ntitle: Panel\n---\n"
    "## Wait a little\n"
    "Some prose with $x^2$.\n"
    "```lua\nwait_until(function() return frame() > 3 end, 'Wait four frames')\nprint('hello from the step')\n```\n"
    "## A question\n"
    "```quiz\nquestion: Which is right?\n- [ ] wrong — because\n- [x] right — indeed\n- [ ] also wrong\n```\n"
    "## Reveal\n"
    "```quiz\nquestion: Say it\nanswer: It is $\\sigma$.\n```\n";

}  // namespace

TEST_CASE("lesson panel: arrows move between steps only through an open gate, quizzes answer by keys") {
  ImGuiFixture fx;
  NullHost host;
  lesson::Runtime rt(parse(kLesson), host);
  rt.start();
  LessonPanelState state;
  frame(fx, rt, state);
  CHECK(lesson_step_label(rt) == "Step 1 of 3");
  CHECK(rt.status().log.size() == 1);
  // → does nothing while the check waits.
  frame(fx, rt, state, kKeyRight);
  frame(fx, rt, state);
  CHECK(rt.index() == 0);
  for (int i = 0; i < 4; ++i) frame(fx, rt, state);
  CHECK(rt.can_next());
  const LessonPanelResult moved = frame(fx, rt, state, kKeyRight);
  CHECK(moved.changed_step);
  CHECK(rt.index() == 1);
  CHECK(!rt.can_next());

  // The quiz: 3 picks the third choice, 2 switches to the second (single choice), Enter checks.
  frame(fx, rt, state, kKey1 + 2);
  CHECK(rt.status().quiz.selected == std::vector<int>{2});
  frame(fx, rt, state, kKey1 + 1);
  CHECK(rt.status().quiz.selected == std::vector<int>{1});
  frame(fx, rt, state, kKeyEnter);
  CHECK(rt.status().quiz.submitted);
  CHECK(rt.status().quiz.correct);
  CHECK(rt.can_next());
  // Choices are locked once answered.
  frame(fx, rt, state, kKey1);
  CHECK(rt.status().quiz.selected == std::vector<int>{1});

  // ← goes back, and the first step's gate stays open.
  frame(fx, rt, state, kKeyLeft);
  CHECK(rt.index() == 0);
  CHECK(rt.can_next());
  frame(fx, rt, state, kKeyRight);
  CHECK(rt.index() == 1);
  CHECK(rt.status().quiz.submitted);  // the answer was kept
  frame(fx, rt, state, kKeyRight);
  CHECK(rt.index() == 2);

  // A reveal quiz: Enter shows the answer, then Next finishes the lesson.
  CHECK(!rt.can_next());
  frame(fx, rt, state, kKeyEnter);
  CHECK(rt.status().quiz.revealed);
  frame(fx, rt, state, kKeyRight);
  CHECK(rt.progress().completed);
  for (int i = 0; i < 2; ++i) frame(fx, rt, state);  // the "complete" box draws
}

TEST_CASE("lesson panel: a script error stays on screen and does not trap the learner") {
  ImGuiFixture fx;
  NullHost host;
  lesson::Runtime rt(parse("---\ntitle: Broken\n---\n## One\n```lua\nlocal x = nil\nx.field = 1\n```\n## Two\nok\n"), host);
  rt.start();
  LessonPanelState state;
  frame(fx, rt, state);
  REQUIRE(rt.errors().size() == 1);
  CHECK(rt.errors()[0].to_string().rfind("lessons/panel.md:7:", 0) == 0);
  CHECK(rt.can_next());
  frame(fx, rt, state, kKeyRight);
  CHECK(rt.index() == 1);
}

TEST_CASE("lesson panel: Space runs and pauses the shown view's session") {
  ImGuiFixture fx;
  struct M {
    double x = 1;
  };
  struct S {
    train::Progress progress;
  };
  train::Session<M, S>::Hooks hooks;
  hooks.reset = [](M& m, uint64_t) { m.x = 1; };
  hooks.step = [](M& m) {
    m.x *= 0.99;
    return train::StepReport{m.x, {}};
  };
  train::Session<M, S> session(M{}, hooks);
  NullHost host;
  lesson::Runtime rt(parse("---\ntitle: T\n---\n## One\ntext\n"), host);
  rt.start();
  LessonPanelState state;
  auto space_frame = [&] {
    ImGui::GetIO().KeysDown[kKeySpace] = true;
    fx.frame([&] {
      LessonPanelInput in;
      in.session = &session;
      draw_lesson_panel(fx.ctx, rt, state, in);
    });
    ImGui::GetIO().KeysDown[kKeySpace] = false;
    fx.frame([&] { draw_lesson_panel(fx.ctx, rt, state, LessonPanelInput{}); });
  };
  // The session applies commands on its worker thread: wait (two seconds at most) for it to say so.
  auto running_becomes = [&](bool want) {
    const auto t0 = std::chrono::steady_clock::now();
    while (session.progress()->running != want && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return session.progress()->running == want;
  };
  CHECK(!session.progress()->running);
  space_frame();
  CHECK(running_becomes(true));
  space_frame();
  CHECK(running_becomes(false));
}
