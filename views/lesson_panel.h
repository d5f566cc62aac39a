// The lesson panel: the left half of the screen while a lesson is open. It draws the step the runtime is
// on (title, progress dots, rendered prose, the quiz, the step's checks with their hints, its log and any
// script error with its file and line) and drives the runtime: Next (enabled once the gate opens), Back,
// quiz choices, Check, Try again, Show answer. Keys: ← → between steps, 1–9 pick a choice, Enter checks
// or reveals, Space runs or pauses the shown view's training.
//
//   LessonPanelState state;                       // per open lesson
//   LessonPanelInput in{session, keys};
//   LessonPanelResult r = draw_lesson_panel(ctx, runtime, state, in);
//   if (r.close) ...                              // the person closed the lesson
//
// The panel fills the current window; the runtime's frame() is the caller's (once per frame, drawn or not).
#pragma once

#include <string>

#include "core/lesson/runtime.h"
#include "views/markdown_view.h"
#include "views/view.h"

namespace attend::train {
class Control;
}

namespace attend::views {

struct LessonPanelState {
  MarkdownCache markdown;
  int shown_step = -1;  // the step drawn last frame: a new one scrolls back to the top
  bool log_open = true;
};

struct LessonPanelInput {
  train::Control* session = nullptr;  // the shown view's session, for Space
  bool keys = true;                   // the panel takes ← → 1–9 Enter this frame
  bool space = true;                  // and Space (false while the view's own toolbar has the keyboard)
};

struct LessonPanelResult {
  bool close = false;        // the close button or "Back to the home screen" at the end
  bool changed_step = false;
  std::string clicked_link;
};

LessonPanelResult draw_lesson_panel(ViewContext& ctx, lesson::Runtime& rt, LessonPanelState& state,
                                    const LessonPanelInput& input);

// "Step 3 of 7" and the step title in plain text (for window titles and tests).
std::string lesson_step_label(const lesson::Runtime& rt);

}  // namespace attend::views
