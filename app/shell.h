// The shell: the main menu (Lessons, Views, Notes, Help), the home screen, and the layout that puts the
// lesson panel on the left and the active view on the right, with a draggable split. It owns which view
// is open; views own their own state.
#pragma once

#include <string>
#include <vector>

#include "app/settings.h"
#include "views/home_view.h"
#include "views/view.h"

namespace attend::app {

struct Shell {
  std::vector<views::View> views;
  int active = -1;            // index into views; -1 is the home screen
  std::string notice;         // shown on the home screen (a settings file moved aside, a load error)
  bool show_shortcuts = false;
  bool show_about = false;
  bool quit_requested = false;
  bool theme_toggle_requested = false;
  float scale_change = 0;     // +/- steps requested this frame (Ctrl+= / Ctrl+-)
  int view_frame = 0;         // frames since the active view was opened
  bool blank = false;         // bench baseline: skip drawing the view (its session keeps training)
};

int find_view(const Shell& shell, const std::string& name);
void open_view(Shell& shell, int index);
// Handles a home-screen or menu target such as "view:gallery" or "home".
void open_target(Shell& shell, const std::string& target);

// Draws one frame of the whole UI into the main viewport.
void draw_shell(Shell& shell, Settings& settings, views::ViewContext& ctx);

}  // namespace attend::app
