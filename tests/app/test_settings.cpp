#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "app/settings.h"
#include "core/util/files.h"

namespace fs = std::filesystem;
using namespace attend;

namespace {
std::string fresh_dir(const char* name) {
  fs::path p = fs::temp_directory_path() / ("attend-settings-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}
}  // namespace

TEST_CASE("settings round-trip through the file") {
  const std::string path = fresh_dir("roundtrip") + "/settings.json";
  app::Settings s;
  s.theme = "light";
  s.scale = 1.5f;
  s.window_width = 1600;
  s.window_height = 900;
  s.lesson_panel_fraction = 0.4f;
  s.last_view = "attention";
  s.recent_notes = {"/home/me/notes.md"};
  s.new_cards_per_day = 7;
  REQUIRE(app::save_settings(s, path).empty());
  app::LoadedSettings loaded = app::load_settings(path);
  CHECK(loaded.message.empty());
  CHECK(loaded.settings.theme == "light");
  CHECK(loaded.settings.scale == doctest::Approx(1.5));
  CHECK(loaded.settings.window_width == 1600);
  CHECK(loaded.settings.last_view == "attention");
  CHECK(loaded.settings.recent_notes == s.recent_notes);
  CHECK(loaded.settings.new_cards_per_day == 7);
}

TEST_CASE("a missing settings file gives defaults without a message") {
  app::LoadedSettings loaded = app::load_settings(fresh_dir("missing") + "/settings.json");
  CHECK(loaded.message.empty());
  CHECK(loaded.settings.theme == "dark");
}

TEST_CASE("a corrupt settings file is moved aside with a message, not silently reset") {
  const std::string dir = fresh_dir("corrupt");
  const std::string path = dir + "/settings.json";
  REQUIRE(write_file_atomic(path, "{\"theme\": \"light\", \"window\": ").ok());
  app::LoadedSettings loaded = app::load_settings(path);
  CHECK(loaded.settings.theme == "dark");
  CHECK(loaded.message.find(path) != std::string::npos);
  CHECK(loaded.message.find("moved to") != std::string::npos);
  CHECK(!file_exists(path));
  int aside = 0;
  for (auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind("settings.json.corrupt-", 0) == 0) ++aside;
  CHECK(aside == 1);
}

TEST_CASE("out-of-range values are clamped to something usable") {
  const std::string path = fresh_dir("range") + "/settings.json";
  REQUIRE(write_file_atomic(path, R"({"theme":"purple","scale":99,"lesson_panel_fraction":3,"window":{"width":5}})").ok());
  app::LoadedSettings loaded = app::load_settings(path);
  CHECK(loaded.message.empty());
  CHECK(loaded.settings.theme == "dark");
  CHECK(loaded.settings.scale == 0);
  CHECK(loaded.settings.lesson_panel_fraction <= 0.85f);
  CHECK(loaded.settings.window_width >= 320);
}
