// The lesson runtime: the step state machine the lesson panel drives and headless runs use.
//
//   Runtime rt(lesson, host);        // host: the app's views and sessions (host.h)
//   rt.start(saved_progress);        // enters the saved step: runs the setup and step scripts
//   each frame: rt.frame();          // evaluates the step's wait_until checks under their budget
//   if (rt.can_next()) ... rt.next();
//   rt.choose(i); rt.submit();       // quiz interaction; rt.reveal() for a reveal quiz
//   store.lessons[key] = rt.progress();   // save when rt.progress_version() changes
//
// Each step runs in a fresh sandbox (sandbox.h): the lesson's setup script, then the step's own, so a step
// behaves the same however the person got to it. Next is enabled once every check has passed and the quiz
// (if any) is answered; a step whose gate opened once stays open. A script or check that fails never traps
// the person: its error is shown (file and line) and Next is enabled.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/lesson/host.h"
#include "core/lesson/lesson.h"
#include "core/lesson/progress.h"
#include "core/lesson/sandbox.h"
#include "core/lesson/script_api.h"

namespace attend::lesson {

struct CheckStatus {
  std::string hint;
  int line = 0;                // where wait_until was called
  bool passed = false;         // latched: once true it stays true for this visit
  std::optional<Error> error;  // the predicate failed; it is not evaluated again
};

struct QuizStatus {
  std::vector<int> selected;  // ascending
  bool submitted = false;
  bool revealed = false;
  bool correct = false;       // valid once submitted
};

struct StepStatus {
  int index = 0;
  int frames = 0;                  // frames since the step was entered
  std::vector<CheckStatus> checks;
  std::optional<Error> error;      // the setup or step script failed
  QuizStatus quiz;
  std::vector<std::string> log;    // print() output of this step (the last kMaxLogLines lines)
};

constexpr size_t kMaxLogLines = 200;

class Runtime {
 public:
  Runtime(Lesson lesson, Host& host, SandboxLimits limits = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Restores progress and enters its step (clamped to the lesson).
  void start(const LessonProgress& progress = {});
  void enter(int index);
  void frame();

  bool checks_passed() const;  // every check passed or failed with an error (or there is none)
  bool quiz_done() const;      // no quiz, or it was submitted or revealed
  bool can_next() const;
  bool next();                 // to the next step; on the last step marks the lesson completed
  bool back();
  bool at_last_step() const { return m_index + 1 >= static_cast<int>(m_lesson.steps.size()); }

  // Quiz: a single-choice quiz selects `choice`, a multiple-choice one toggles it. Ignored once submitted.
  void choose(int choice);
  bool submit();               // false when there is nothing to submit
  void reveal();               // reveal quizzes
  void retry();                // clear a submitted answer to try again
  void answer_correctly();     // headless runs: select the right choices and submit (or reveal)

  // Headless: move on once the checks have passed (after at least `min_frames`) or after `frame_budget`.
  bool headless_should_advance(int frame_budget, int min_frames = 1) const;

  const Lesson& lesson() const { return m_lesson; }
  const Step& step() const { return m_lesson.steps[static_cast<size_t>(m_index)]; }
  int index() const { return m_index; }
  int step_count() const { return static_cast<int>(m_lesson.steps.size()); }
  const StepStatus& status() const { return m_status; }
  // Every error of the current step: the script's, then the checks'.
  std::vector<Error> errors() const;
  // The hint of the first check still waiting, or "".
  std::string waiting_hint() const;

  const LessonProgress& progress() const { return m_progress; }
  uint64_t progress_version() const { return m_progress_version; }

 private:
  void update_gate();
  void save_quiz();
  void collect_log();

  Lesson m_lesson;
  Host& m_host;
  SandboxLimits m_limits;
  std::unique_ptr<Sandbox> m_sandbox;
  ScriptContext m_context;
  int m_index = 0;
  StepStatus m_status;
  LessonProgress m_progress;
  uint64_t m_progress_version = 0;
};

}  // namespace attend::lesson
