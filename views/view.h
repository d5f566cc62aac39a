// What a view is to the rest of the app. A view draws the latest state of its model into the region the
// shell gives it and turns the person's actions into commands; it holds no ML math (core computes every
// number it shows). Views are listed in one place, app/view_list.cpp.
//
// Lesson scripts reach views only through `configure` (set an option: which task, which head to highlight)
// and `query` (read state for a check: the selected token, the current loss), with plain Values, so core
// never depends on a view's types.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "core/util/value.h"
#include "views/fonts.h"
#include "views/theme.h"

namespace attend::train {
class Control;
}

namespace attend::views {

// Everything a view gets from the shell each frame.
struct ViewContext {
  const Fonts* fonts = nullptr;
  const Palette* palette = nullptr;
  float scale = 1.0f;       // UI scale: multiply pixel sizes by it
  double time = 0;          // seconds since the app started
  bool headless = false;    // rendering for screenshots: no animation that depends on wall time
  int frame = 0;            // frames since the view was opened
  // Saves the screen rectangle [min, max) as a PNG at `path` once this frame is drawn (users asked the
  // attention and curve tools for image export). The result message arrives on a later frame through
  // `last_export_message`.
  std::function<void(ImVec2 min, ImVec2 max, const std::string& path)> save_png;
  std::string last_export_message;
};

struct View {
  std::string name;     // used on the command line and in lessons: "attention", "gallery"
  std::string title;    // shown in menus
  std::string summary;  // one line on the home screen
  std::function<void(ViewContext&)> draw;  // draws into the current window's remaining content region
  // Lesson API. Unknown keys return an Error naming the key and listing the known ones. A script's
  // highlight(target, which) arrives here as configure("highlight." + target, which), with which = false to
  // clear it (app/lesson_host.h); a view that can point at its parts accepts such keys.
  std::function<Status(const std::string& key, const Value& value)> configure;
  std::function<std::optional<Value>(const std::string& key)> query;
  // The training session a lesson's run/pause/step/set commands go to; null for views without one.
  std::function<train::Control*()> session;
  // Called when the view is shown again or a lesson step starts: back to its defaults.
  std::function<void()> reset;
};

}  // namespace attend::views
