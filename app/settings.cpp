#include "app/settings.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::app {

std::string settings_path() { return config_dir() + "/settings.json"; }

LoadedSettings load_settings(const std::string& path) {
  LoadedSettings out;
  if (!file_exists(path)) return out;
  auto text = read_file(path);
  if (!text) {
    out.message = text.error().to_string();
    return out;
  }
  try {
    const nlohmann::json j = nlohmann::json::parse(*text);
    Settings& s = out.settings;
    const Settings d;
    s.theme = j.value("theme", d.theme);
    if (s.theme != "dark" && s.theme != "light") s.theme = d.theme;
    s.scale = j.value("scale", d.scale);
    if (s.scale != 0 && (s.scale < 0.5f || s.scale > 4.0f)) s.scale = 0;
    if (j.contains("window")) {
      const auto& w = j.at("window");
      s.window_width = std::clamp(w.value("width", d.window_width), 320, 16384);
      s.window_height = std::clamp(w.value("height", d.window_height), 240, 16384);
      s.window_x = w.value("x", d.window_x);
      s.window_y = w.value("y", d.window_y);
      s.window_maximized = w.value("maximized", d.window_maximized);
    }
    s.lesson_panel_fraction = std::clamp(j.value("lesson_panel_fraction", d.lesson_panel_fraction), 0.15f, 0.85f);
    s.last_view = j.value("last_view", d.last_view);
    s.last_lesson = j.value("last_lesson", d.last_lesson);
    s.recent_notes = j.value("recent_notes", d.recent_notes);
    s.new_cards_per_day = std::clamp(j.value("new_cards_per_day", d.new_cards_per_day), 0, 9999);
  } catch (const nlohmann::json::exception& e) {
    out.settings = Settings{};
    auto aside = move_aside(path);
    out.message = path + ": not a valid settings file (" + e.what() + "); " +
                  (aside ? "moved to " + *aside : aside.error().to_string()) + " and started with defaults";
  }
  return out;
}

std::string save_settings(const Settings& s, const std::string& path) {
  nlohmann::json j = {
      {"theme", s.theme},
      {"scale", s.scale},
      {"window",
       {{"width", s.window_width}, {"height", s.window_height}, {"x", s.window_x}, {"y", s.window_y},
        {"maximized", s.window_maximized}}},
      {"lesson_panel_fraction", s.lesson_panel_fraction},
      {"last_view", s.last_view},
      {"last_lesson", s.last_lesson},
      {"recent_notes", s.recent_notes},
      {"new_cards_per_day", s.new_cards_per_day},
  };
  auto r = write_file_atomic(path, j.dump(2) + "\n");
  return r ? std::string() : r.error().to_string();
}

}  // namespace attend::app
