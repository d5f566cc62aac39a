// The architecture's one hard rule, checked on every build: nothing in core/ includes a GUI or GL header.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

TEST_CASE("core includes no GUI or GL header") {
  const fs::path core = fs::path(ATTEND_TEST_DATA_DIR).parent_path().parent_path() / "core";
  REQUIRE(fs::exists(core));
  const char* forbidden[] = {"imgui", "GLFW", "GL/", "glad", "views/", "app/", "stb_image"};
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(core)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cpp" && ext != ".hpp") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.rfind("#include", 0) != 0) continue;
      for (const char* f : forbidden)
        CHECK_MESSAGE(line.find(f) == std::string::npos, entry.path().string(), ":", n, ": ", line);
    }
  }
  CHECK(files > 0);
}
