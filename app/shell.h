// The shell: the main menu (Lessons, Views, Notes, Help), the home screen, and the layout that puts the
// lesson panel on the left and the active view on the right, with a draggable split. It owns which view
// is open and which lesson; views own their own state.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/lesson_host.h"
#include "app/settings.h"
#include "core/lesson/lesson.h"
#include "core/lesson/progress.h"
#include "views/home_view.h"
#include "views/study_deck.h"
#include "views/view.h"

namespace attend::app {

struct Shell {
  std::vector<views::View> views;
  int active = -1;            // index into views; -1 is the home screen
  std::string notice;         // shown on the home screen (a settings file moved aside, a load error)
  bool show_shortcuts = false;
  bool show_about = false;
  bool quit_requested = false;
  bool screenshot_requested = false;  // F12: the whole window as a PNG in the exports folder
  bool theme_toggle_requested = false;
  float scale_change = 0;     // +/- steps requested this frame (Ctrl+= / Ctrl+-)
  int view_frame = 0;         // frames since the active view was opened
  bool blank = false;         // bench baseline: skip drawing the view (its session keeps training)

  // Lessons: the catalogue (lessons_dir()), everyone's progress, and the one that is open.
  std::vector<lesson::Lesson> lessons;
  std::vector<Error> lesson_errors;   // lesson files that do not parse, shown on the home screen
  lesson::ProgressStore progress;
  std::string progress_path;          // "" : progress is not saved (headless runs)
  std::unique_ptr<OpenLesson> lesson; // null: no lesson panel
  bool view_focused = false;          // the right-hand view had the keyboard last frame
  bool open_lesson_popup = false;     // "Open lesson file…" was chosen
  std::string open_lesson_path;
  std::string open_lesson_error;
  std::string pending_lesson;         // a lesson to open at the start of the next frame (from a view)
  std::string last_lesson;            // the lesson open last time, for "Continue" on the home screen
  bool echo_lesson_log = false;       // headless runs: print the lesson's log lines on stdout

  // The study deck, shared with the study view (the home screen shows its counts).
  std::shared_ptr<views::StudyDeck> study;

  Shell() = default;
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;
};

int find_view(const Shell& shell, const std::string& name);
void open_view(Shell& shell, int index);
// Handles a home-screen or menu target: "home", "view:gallery", "lesson:/path/to/lesson.md".
void open_target(Shell& shell, const std::string& target);

// The home screen's cards: lessons by topic with their progress, the study deck, the labs.
std::vector<views::HomeEntry> home_entries(Shell& shell);

// Draws one frame of the whole UI into the main viewport.
void draw_shell(Shell& shell, Settings& settings, views::ViewContext& ctx);

}  // namespace attend::app
