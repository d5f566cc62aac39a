// The embeddings lessons (topics 10–13) run on the core lesson runtime against the real embeddings view:
// every step's script and checks run without an error and every quiz has a right answer. (The app's
// headless lesson runner drives the same runtime; this test needs no window.)
//
// By default each step gets a fraction of a second, which is enough to run its script and evaluate its
// checks but not to train. With ATTEND_LESSON_BUDGET_S=40 every step gets up to 40 s and the test also
// asserts that each check not waiting for the learner's own hand (a slider to move) passes: how the lessons
// were checked while they were written, and worth running after changing them.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "tests/views/lesson_walkthrough.h"
#include "core/lesson/runtime.h"
#include "core/util/paths.h"
#include "views/embeddings_view.h"

using namespace attend;

namespace {

double budget() {
  const char* b = std::getenv("ATTEND_LESSON_BUDGET_S");
  return b && *b ? std::atof(b) : 0.3;
}

// Whether the budget is long enough to expect training-bound checks to pass.
bool full_run() { return budget() >= 20; }

struct StepOutcome {
  std::string title;
  bool passed = false;
  double seconds = 0;
};

// Runs every step: frames (about 60 a second, as in the app) until the checks pass or the budget is spent.
std::vector<StepOutcome> run_lesson(const std::string& file, double budget_s) {
  auto lesson = lesson::load_lesson(lessons_dir() + "/" + file);
  REQUIRE_MESSAGE(lesson.ok(), (lesson.ok() ? "" : lesson.error().to_string()));
  CHECK(lesson->default_view == "embeddings");
  attend::testing::SingleViewHost host("embeddings", views::make_embeddings_view());
  lesson::Runtime rt(std::move(lesson.value()), host);
  rt.start();
  std::vector<StepOutcome> out;
  for (;;) {
    const auto t0 = std::chrono::steady_clock::now();
    StepOutcome o;
    o.title = rt.step().title;
    for (int frame = 0;; ++frame) {
      rt.frame();
      (void)host.view.query("ready");  // what draw does each frame: pick up finished loads and data
      if (frame >= 2 && !rt.quiz_done()) rt.answer_correctly();
      o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (frame >= 3 && rt.checks_passed()) {
        o.passed = true;
        break;
      }
      if (o.seconds > budget_s) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    for (const Error& e : rt.errors()) FAIL_CHECK(file << ", step '" << o.title << "': " << e.to_string());
    if (rt.quiz_done() && rt.step().has_quiz) CHECK_MESSAGE(rt.status().quiz.correct, file << ": quiz of '" << o.title << "'");
    if (!o.passed && full_run()) MESSAGE(file << ", step '" << o.title << "': checks still waiting after " << o.seconds << " s ("
                                << rt.waiting_hint() << ")");
    out.push_back(o);
    for (const std::string& line : host.logs) MESSAGE(file << ": " << line);
    host.logs.clear();
    if (rt.at_last_step()) break;
    rt.enter(rt.index() + 1);
  }
  return out;
}

}  // namespace

TEST_CASE("lesson word_embeddings_svd runs on the embeddings view") {
  const auto steps = run_lesson("word_embeddings_svd.md", budget());
  REQUIRE(steps.size() == 4);
  if (full_run()) {
    CHECK(steps[0].passed);  // the counts finish on their own
    CHECK(steps[1].passed);  // 'software' has 'free' among its PPMI + SVD neighbours
    // Steps 3 and 4 wait for the learner to move the rank and window sliders.
  }
}

TEST_CASE("lesson word2vec_glove runs on the embeddings view") {
  const auto steps = run_lesson("word2vec_glove.md", budget());
  REQUIRE(steps.size() == 5);
  if (full_run())
    for (const auto& s : steps) CHECK_MESSAGE(s.passed, s.title);  // training, neighbours, the analogy, CBOW, GloVe
}

TEST_CASE("lesson embedding_projections runs on the embeddings view") {
  const auto steps = run_lesson("embedding_projections.md", budget());
  REQUIRE(steps.size() == 6);
  if (full_run())
    for (int i : {0, 1, 2, 3, 5}) CHECK_MESSAGE(steps[i].passed, steps[i].title);  // step 5 waits for the perplexity slider
}

TEST_CASE("lesson keyword_vs_semantic_search runs on the embeddings view") {
  const auto steps = run_lesson("keyword_vs_semantic_search.md", budget());
  REQUIRE(steps.size() == 4);
  if (full_run())
    for (const auto& s : steps) CHECK_MESSAGE(s.passed, s.title);
}
