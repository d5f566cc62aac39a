// The person's settings, kept in $XDG_CONFIG_HOME/attend/settings.json: theme, UI scale, window size and
// place, the split between lesson panel and view, and where they left off. Saved atomically; a corrupt file
// is moved aside (the message says where) and defaults are used, never silently overwritten.
#pragma once

#include <string>
#include <vector>

namespace attend::app {

struct Settings {
  std::string theme = "dark";
  float scale = 0;                // 0: follow the monitor
  int window_width = 1280, window_height = 800, window_x = -1, window_y = -1;
  bool window_maximized = false;
  float lesson_panel_fraction = 0.38f;  // share of the width the lesson panel takes
  std::string last_view = "home";
  std::string last_lesson;
  std::vector<std::string> recent_notes;  // notes files imported before
  int new_cards_per_day = 20;             // the study view's daily limit of cards seen for the first time
};

struct LoadedSettings {
  Settings settings;
  std::string message;  // non-empty when the file was unreadable and moved aside
};

std::string settings_path();
LoadedSettings load_settings(const std::string& path);
std::string save_settings(const Settings& s, const std::string& path);  // returns an error message or ""

}  // namespace attend::app
