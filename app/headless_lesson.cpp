#include "app/headless_lesson.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "app/shell.h"

namespace attend::app {

std::string step_screenshot_path(const std::string& dir, const std::string& stem, int step_index) {
  char name[32];
  std::snprintf(name, sizeof name, "-step-%02d.png", step_index + 1);
  return (std::filesystem::path(dir) / (stem + name)).string();
}

void headless_lesson_before(HeadlessLesson& run, Shell& shell) {
  if (run.done || !shell.lesson) return;
  lesson::Runtime& rt = *shell.lesson->runtime;
  // After the step's first frame, like a person who has read the question; the feedback is then on
  // screen for every later frame, the screenshot's included.
  if (rt.status().frames >= 1 && !rt.quiz_done()) rt.answer_correctly();
}

void headless_lesson_after(HeadlessLesson& run, Shell& shell, const std::function<Status(const std::string&)>& write_png) {
  if (run.done) return;
  if (!shell.lesson) {  // closed by its own panel (cannot happen without input, but never spin forever)
    run.done = true;
    return;
  }
  lesson::Runtime& rt = *shell.lesson->runtime;
  if (!rt.headless_should_advance(run.frame_budget, std::min(run.min_frames, run.frame_budget))) return;

  const int index = rt.index();
  if (!run.screenshot_dir.empty()) {
    const std::string path = step_screenshot_path(run.screenshot_dir, run.stem, index);
    if (Status s = write_png(path); !s) {
      std::fprintf(stderr, "attend: %s\n", s.error().to_string().c_str());
      run.exit_code = 1;
    } else {
      run.written.push_back(path);
      std::printf("%s\n", path.c_str());
    }
  }
  for (const Error& e : rt.errors()) {
    std::fprintf(stderr, "%s\n", e.to_string().c_str());
    run.exit_code = 1;
  }
  if (!rt.checks_passed()) {
    const std::string hint = rt.waiting_hint();
    std::printf("step %d: moved on after %d frames with a check still waiting (%s)\n", index + 1, rt.status().frames,
                hint.empty() ? "no hint" : hint.c_str());
  }
  if (rt.at_last_step()) {
    rt.next();  // marks the lesson completed when its gate is open
    run.done = true;
  } else {
    rt.enter(index + 1);  // not next(): a check that did not pass within the budget must not stop the run
  }
}

}  // namespace attend::app
