// The app side of lessons: LessonHost implements core/lesson's Host over the shell's views (a script's
// view(...) switches the right-hand view; set/query go to the view's configure/query; train.* and metric
// reach the shown view's session), and OpenLesson bundles what an open lesson needs: the parsed lesson's
// runtime, the host, the panel's state and where its progress is saved.
//
//   Status s = open_lesson(shell, "lessons/getting_started.md");   // resumes at the saved step
//   ... every frame: shell.lesson->runtime->frame(); draw the panel; save_lesson_progress(shell);
//   close_lesson(shell);
//
// highlight(target, which) is configure("highlight." + target, which): a view that can point at its parts
// accepts such keys (which = false clears), and one that cannot answers with its list of keys.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/lesson/host.h"
#include "core/lesson/runtime.h"
#include "views/lesson_panel.h"

namespace attend::app {

struct Shell;

class LessonHost : public lesson::Host {
 public:
  LessonHost(Shell& shell, std::string default_view) : m_shell(shell), m_default_view(std::move(default_view)) {}

  void begin_step(int index) override;
  Status show_view(const std::string& name) override;
  Status configure(const std::string& key, const Value& value) override;
  Result<Value> query(const std::string& key) override;
  Status highlight(const std::string& target, const Value& which) override;
  train::Control* session() override;
  void log(const std::string& message) override;

  bool echo_log = false;  // headless runs print the lesson's log lines on stdout

 private:
  std::string shown_name() const;
  Status no_view_error() const;

  Shell& m_shell;
  std::string m_default_view;
};

struct OpenLesson {
  std::string path;
  std::string key;                      // lesson_key(path): where its progress is kept
  std::unique_ptr<LessonHost> host;     // destroyed after the runtime, which holds a reference to it
  std::unique_ptr<lesson::Runtime> runtime;
  views::LessonPanelState panel;
  uint64_t saved_version = 0;           // runtime->progress_version() when last saved
};

// Every lesson file in `dir` (parse errors kept to show on the home screen).
void load_catalogue(Shell& shell, const std::string& dir);

// Parses `path` and opens it at its saved step (the first for a new lesson). On a parse error nothing
// changes and the error (with file and line) is returned.
Status open_lesson(Shell& shell, const std::string& path);
// Saves its progress and closes the lesson panel; the view stays.
void close_lesson(Shell& shell);
// Writes the open lesson's progress when it changed (atomically; no-op without a progress path).
void save_lesson_progress(Shell& shell);

// "3 of 7 steps", "done" or "" for the home screen and the menu.
std::string progress_label(const Shell& shell, const lesson::Lesson& lesson);
float progress_fraction(const Shell& shell, const lesson::Lesson& lesson);

}  // namespace attend::app
