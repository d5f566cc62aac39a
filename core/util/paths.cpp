#include "core/util/paths.h"

#include <cstdlib>

#include "core/util/files.h"

namespace attend {
namespace {

std::string xdg_dir(const char* var, const char* fallback_below_home) {
  std::string base;
  if (const char* v = std::getenv(var); v && *v) {
    base = v;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::string(home) + "/" + fallback_below_home;
  } else {
    base = "/tmp";
  }
  std::string dir = base + "/attend";
  (void)make_directories(dir);  // a failure surfaces when the first file is written there
  return dir;
}

std::string root_or(const char* compiled_in, const char* sub) {
  if (const char* r = std::getenv("ATTEND_ROOT"); r && *r) return std::string(r) + "/" + sub;
  return compiled_in;
}

}  // namespace

std::string config_dir() { return xdg_dir("XDG_CONFIG_HOME", ".config"); }
std::string data_dir() { return xdg_dir("XDG_DATA_HOME", ".local/share"); }
std::string assets_dir() { return root_or(ATTEND_ASSETS_DIR, "assets"); }
std::string lessons_dir() { return root_or(ATTEND_LESSONS_DIR, "lessons"); }

}  // namespace attend
