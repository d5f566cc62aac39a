// Runs a lesson file through core's lesson runtime against one real view, the way a learner would: every
// step's script runs without an error, and every check can be passed by doing what its hint asks (the
// caller's Action for that step title plays the learner), then the quiz is answered. Shared by every lab's
// lesson tests so each lab states only what its learner does.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/lesson/host.h"
#include "core/lesson/lesson.h"
#include "core/lesson/runtime.h"
#include "core/train/session.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "views/view.h"

namespace attend::testing {

// Shows one view and nothing else.
class SingleViewHost : public lesson::Host {
 public:
  SingleViewHost(std::string name, views::View view) : name(std::move(name)), view(std::move(view)) {}

  std::string name;
  views::View view;
  std::vector<std::string> logs;

  void begin_step(int) override { view.reset(); }
  Status show_view(const std::string& wanted) override {
    if (wanted != name) return make_error("this test shows only the " + name + " view, not '" + wanted + "'");
    return Ok{};
  }
  Status configure(const std::string& key, const Value& value) override { return view.configure(key, value); }
  Result<Value> query(const std::string& key) override {
    std::optional<Value> v = view.query(key);
    if (!v) return make_error("the " + name + " view has no value '" + key + "'");
    return *v;
  }
  // As the app's host does: a highlight is configure("highlight." + target, which).
  Status highlight(const std::string& target, const Value& which) override {
    return view.configure("highlight." + target, which);
  }
  train::Control* session() override { return view.session(); }
  void log(const std::string& message) override { logs.push_back(message); }
};

// What a learner does in a step (by the step's title), beyond what its script already set up.
using LearnerAction = std::function<void(SingleViewHost&)>;

// `seconds_per_step` bounds how long the checks of one step may take to pass while frames run.
inline void walk_lesson(const std::string& file, const std::string& view_name, views::View view,
                        const std::map<std::string, LearnerAction>& actions, int seconds_per_step = 20) {
  const std::string path = lessons_dir() + "/" + file;
  Result<std::string> text = read_file(path);
  REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().to_string()));
  Result<lesson::Lesson> parsed = lesson::parse_lesson(*text, path);
  REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().to_string()));
  SingleViewHost host(view_name, std::move(view));
  lesson::Runtime rt(std::move(parsed).value(), host);
  rt.start();
  for (int step = 0; step < rt.step_count(); ++step) {
    const std::string title = rt.step().title;
    CAPTURE(title);
    REQUIRE(rt.index() == step);
    for (const Error& e : rt.errors()) FAIL_CHECK(e.to_string());
    auto it = actions.find(title);
    if (it != actions.end()) it->second(host);
    // Frames until every check has passed (a session trains on its own thread meanwhile).
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds_per_step);
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
    if (train::Control* c = host.view.session()) c->pause();
    rt.next();
  }
  CHECK(rt.progress().completed);
}

}  // namespace attend::testing
