#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "core/lesson/runtime.h"
#include "core/util/paths.h"
#include "fake_host.h"

using namespace attend;
using namespace attend::lesson;
using attend::lesson::testing::FakeHost;

namespace {

Lesson parse(const std::string& body) {
  Result<Lesson> r = parse_lesson("---\ntitle: Test\ntopics: [21]\nview: trainer\n---\n" + body, "lessons/test.md");
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  return *r;
}

SandboxLimits quick() {
  SandboxLimits l;
  l.script_instructions = 1'000'000;
  l.check_instructions = 100'000;
  return l;
}

// Frames until `done` or two seconds; training runs on its own thread meanwhile.
template <class F>
bool frames_until(Runtime& rt, F done) {
  const auto t0 = std::chrono::steady_clock::now();
  while (!done()) {
    if (std::chrono::steady_clock::now() - t0 > std::chrono::seconds(2)) return false;
    rt.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace

TEST_CASE("runtime: a step's script drives views and training, and its check gates Next") {
  // Lines: 6 "## Train", 7 ```lua, 8.. the script.
  Lesson l = parse(
      "## Train\n"
      "```lua\n"
      "view('trainer')\n"
      "set('dataset', 'spiral')\n"
      "set('layers', {8, 8})\n"
      "highlight('head', 2)\n"
      "train.set('lr', 0.2)\n"
      "train.reset(1)\n"
      "train.run()\n"
      "print('started', 42, true, nil)\n"
      "wait_until(function() return metric('loss') < 0.01 end, 'Train until the loss is under 0.01')\n"
      "```\n"
      "## Next\n"
      "Done.\n");
  FakeHost host;
  Runtime rt(l, host, quick());
  rt.start();
  CHECK(rt.errors().empty());
  CHECK(host.shown == "trainer");
  CHECK(*as_string(host.state["trainer"]["dataset"]) == "spiral");
  CHECK(*as_list(host.state["trainer"]["layers"]) == std::vector<double>{8, 8});
  REQUIRE(host.highlights.size() == 1);
  CHECK(*as_number(host.highlights[0].second) == 2);
  CHECK(host.steps_begun == std::vector<int>{0});
  REQUIRE(rt.status().log.size() == 1);
  CHECK(rt.status().log[0] == "started\t42\ttrue\tnil");
  CHECK(host.logs == rt.status().log);
  REQUIRE(rt.status().checks.size() == 1);
  CHECK(rt.status().checks[0].line == 16);
  CHECK(rt.waiting_hint() == "Train until the loss is under 0.01");
  CHECK(!rt.can_next());
  CHECK(!rt.next());
  CHECK(frames_until(rt, [&] { return rt.can_next(); }));
  CHECK(rt.status().checks[0].passed);
  CHECK(rt.waiting_hint().empty());
  CHECK(rt.progress().step_passed(0));
  CHECK(rt.next());
  CHECK(rt.index() == 1);
  host.session_->pause();
}

TEST_CASE("runtime: errors show file and line, never trap the person, and the app keeps running") {
  Lesson l = parse(
      "## Broken script\n"        // 6
      "```lua\n"                  // 7
      "view('trainer')\n"         // 8
      "set('bad_key', 1)\n"       // 9
      "```\n"                     // 10
      "## Broken check\n"         // 11
      "```lua\n"                  // 12
      "wait_until(function()\n"   // 13
      "  return query('nothing') > 1\n"  // 14
      "end, 'never')\n"           // 15
      "```\n"                     // 16
      "## Endless check\n"        // 17
      "```lua\n"                  // 18
      "wait_until(function() while true do end end)\n"  // 19
      "```\n"                     // 20
      "## No session\n"           // 21
      "```lua\n"                  // 22
      "view('playground')\n"      // 23
      "train.run()\n"             // 24
      "```\n");
  FakeHost host;
  Runtime rt(l, host, quick());
  rt.start();
  REQUIRE(rt.errors().size() == 1);
  CHECK(rt.errors()[0].to_string() == "lessons/test.md:9: the view 'trainer' has no option 'bad_key'");
  CHECK(rt.can_next());

  REQUIRE(rt.next());
  CHECK(rt.errors().empty());
  CHECK(!rt.can_next());
  rt.frame();
  REQUIRE(rt.errors().size() == 1);
  CHECK(rt.errors()[0].line == 14);
  CHECK(rt.errors()[0].message.find("has no value 'nothing'") != std::string::npos);
  CHECK(rt.can_next());
  rt.frame();  // a failed check is not evaluated again
  CHECK(rt.errors().size() == 1);

  REQUIRE(rt.next());
  rt.frame();
  REQUIRE(rt.errors().size() == 1);
  CHECK(rt.errors()[0].line == 19);
  CHECK(rt.errors()[0].message.find("the check ran more than 100000 instructions") != std::string::npos);
  CHECK(rt.can_next());

  REQUIRE(rt.next());
  REQUIRE(rt.errors().size() == 1);
  CHECK(rt.errors()[0].line == 24);
  CHECK(rt.errors()[0].message.find("no training session") != std::string::npos);
}

TEST_CASE("runtime: each step runs in a fresh sandbox after the lesson's setup script") {
  Lesson l = parse(
      "```lua\n"
      "function double(x) return 2 * x end\n"
      "```\n"
      "## One\n"
      "```lua\n"
      "leftover = double(21)\n"
      "set_value = leftover\n"
      "```\n"
      "## Two\n"
      "```lua\n"
      "assert(leftover == nil, 'a global from step one leaked')\n"
      "assert(double(2) == 4)\n"
      "```\n");
  FakeHost host;
  Runtime rt(l, host, quick());
  rt.start();
  CHECK(rt.errors().empty());
  REQUIRE(rt.next());
  CHECK_MESSAGE(rt.errors().empty(), (rt.errors().empty() ? "" : rt.errors()[0].to_string()));
  REQUIRE(rt.back());
  CHECK(rt.index() == 0);
  CHECK(host.steps_begun == std::vector<int>{0, 1, 0});
}

TEST_CASE("runtime: wait_until only in a step's script, checks see frames and queries") {
  Lesson l = parse(
      "```lua\n"
      "wait_until(function() return true end)\n"
      "```\n"
      "## A\n"
      "```lua\n"
      "view('attention')\n"
      "set('selected_token', 0)\n"
      "wait_until(function() return query('selected_token') == 3 end, 'Pick token 3')\n"
      "wait_until(function() return frame() >= 5 end, 'Watch for five frames')\n"
      "wait_until(function() wait_until(function() return true end) end)\n"
      "```\n");
  FakeHost host;
  Runtime rt(l, host, quick());
  rt.start();
  REQUIRE(rt.errors().size() == 1);  // the setup script's wait_until
  CHECK(rt.errors()[0].message.find("wait_until belongs in a step's script") != std::string::npos);

  // Without the setup script's failure, the step's own checks are evaluated.
  Lesson l2 = l;
  l2.setup = Script{};
  Runtime rt2(l2, host, quick());
  rt2.start();
  CHECK(rt2.errors().empty());
  REQUIRE(rt2.status().checks.size() == 3);
  rt2.frame();
  CHECK(rt2.waiting_hint() == "Pick token 3");
  CHECK(rt2.status().checks[2].error);  // wait_until inside a check
  host.state["attention"]["selected_token"] = Value(3.0);
  rt2.frame();
  CHECK(rt2.status().checks[0].passed);
  CHECK(rt2.waiting_hint() == "Watch for five frames");
  for (int i = 0; i < 3; ++i) rt2.frame();
  CHECK(rt2.can_next());
  // Checks are latched: changing the value back does not close the gate.
  host.state["attention"]["selected_token"] = Value(1.0);
  rt2.frame();
  CHECK(rt2.can_next());
}

TEST_CASE("runtime: quizzes gate Next, give feedback and are remembered") {
  Lesson l = parse(
      "## Single\n"
      "```quiz\n"
      "question: Which?\n"
      "- [ ] a — no\n"
      "- [x] b — yes\n"
      "```\n"
      "## Multiple\n"
      "```quiz\n"
      "question: Which two?\n"
      "- [x] a\n"
      "- [x] b\n"
      "- [ ] c\n"
      "```\n"
      "## Reveal\n"
      "```quiz\n"
      "question: Why?\n"
      "answer: Because.\n"
      "```\n");
  FakeHost host;
  Runtime rt(l, host, quick());
  rt.start();
  CHECK(!rt.can_next());
  CHECK(!rt.submit());  // nothing chosen yet
  rt.choose(0);
  rt.choose(1);  // single choice: the last one counts
  CHECK(rt.status().quiz.selected == std::vector<int>{1});
  CHECK(rt.submit());
  CHECK(rt.status().quiz.correct);
  CHECK(rt.can_next());
  rt.choose(0);  // ignored once submitted
  CHECK(rt.status().quiz.selected == std::vector<int>{1});
  REQUIRE(rt.next());

  rt.choose(0);
  rt.choose(2);
  rt.choose(2);  // toggles off
  CHECK(rt.status().quiz.selected == std::vector<int>{0});
  REQUIRE(rt.submit());
  CHECK(!rt.status().quiz.correct);
  CHECK(rt.can_next());  // answering, right or wrong, opens the gate; the feedback says which
  rt.retry();
  CHECK(!rt.status().quiz.submitted);
  rt.choose(1);
  rt.choose(0);
  REQUIRE(rt.submit());
  CHECK(rt.status().quiz.correct);
  REQUIRE(rt.next());

  CHECK(!rt.can_next());
  rt.choose(0);  // a reveal quiz has no choices
  rt.reveal();
  CHECK(rt.status().quiz.revealed);
  CHECK(rt.can_next());
  CHECK(!rt.next());  // the last step: no next, but the lesson is completed
  CHECK(rt.progress().completed);
  CHECK(rt.progress().fraction(rt.step_count()) == 1.0);

  // Progress restores the step and the answers.
  Runtime again(l, host, quick());
  again.start(rt.progress());
  CHECK(again.index() == 2);
  CHECK(again.status().quiz.revealed);
  REQUIRE(again.back());
  CHECK(again.status().quiz.submitted);
  CHECK(again.status().quiz.selected == std::vector<int>{0, 1});
  CHECK(again.status().quiz.correct);
}

TEST_CASE("runtime: headless runs advance on passed checks or after the frame budget") {
  Lesson l = parse(
      "## Waits forever\n"
      "```lua\n"
      "wait_until(function() return false end, 'never')\n"
      "```\n"
      "## Passes\n"
      "```lua\n"
      "wait_until(function() return frame() >= 2 end)\n"
      "```\n"
      "```quiz\n"
      "question: q\n"
      "- [x] a\n"
      "- [ ] b\n"
      "```\n");
  FakeHost host;
  Runtime rt(l, host, quick());
  rt.start();
  int frames = 0;
  while (!rt.headless_should_advance(10)) rt.frame(), ++frames;
  CHECK(frames == 10);
  CHECK(!rt.can_next());
  rt.enter(1);
  frames = 0;
  while (!rt.headless_should_advance(10)) rt.frame(), ++frames;
  CHECK(frames == 2);
  rt.answer_correctly();
  CHECK(rt.status().quiz.submitted);
  CHECK(rt.status().quiz.correct);
  CHECK(rt.can_next());
}

TEST_CASE("runtime: every lesson in lessons/ parses and runs each step without script errors") {
  // The app runs each lesson headless with real views; here a permissive host stands in for them, so a
  // script error (a typo, a nil value) is caught without a window.
  lesson::LessonFiles files = load_lessons(lessons_dir());
  for (const Error& e : files.errors) FAIL_CHECK(e.to_string());
  for (const Lesson& l : files.lessons) {
    FakeHost host;
    host.permissive = true;
    Runtime rt(l, host);
    rt.start();
    for (int i = 0; i < rt.step_count(); ++i) {
      if (i > 0) rt.enter(i);
      for (int f = 0; f < 3; ++f) rt.frame();
      for (const Error& e : rt.errors()) FAIL_CHECK(e.to_string());
    }
    host.session_->pause();
  }
}
