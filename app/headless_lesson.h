// `attend --headless --lesson FILE --frames N --screenshot-dir DIR`: runs every step of a lesson without a
// person. Each step runs until its checks pass (after a few frames, so the view has drawn) or for N frames,
// whichever comes first; its quiz is answered with the right choices (a reveal quiz is revealed) so the
// feedback shows; then the window is written to DIR/<lesson>-step-01.png, -02... and the next step begins.
// Errors of a step (its script, its checks) are printed as file:line: message and make the exit status 1.
//
//   HeadlessLesson run{frames, dir, stem};
//   each frame: headless_lesson_before(run, shell); draw_shell(...); headless_lesson_after(run, shell, write);
//   until run.done
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace attend::app {

struct Shell;

struct HeadlessLesson {
  int frame_budget = 60;      // at most this many frames per step
  std::string screenshot_dir; // "" : no PNGs
  std::string stem;           // the lesson file's name without .md
  int min_frames = 5;         // ImGui needs a couple of frames to size windows; views need one to draw
  bool done = false;
  int exit_code = 0;
  std::vector<std::string> written;  // the PNGs, in step order
};

// DIR/<stem>-step-<k>.png, k counted from 1 and zero-padded to two digits.
std::string step_screenshot_path(const std::string& dir, const std::string& stem, int step_index);

// Before drawing a frame: answers the step's quiz once the step has drawn a frame.
void headless_lesson_before(HeadlessLesson& run, Shell& shell);
// After drawing it (before presenting): when the step is over, writes its PNG with `write_png(path)`,
// reports its errors and moves to the next step (or finishes the lesson).
void headless_lesson_after(HeadlessLesson& run, Shell& shell, const std::function<Status(const std::string&)>& write_png);

}  // namespace attend::app
