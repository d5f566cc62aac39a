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

// CTest learns test names from doctest and splits them at ';': a name with one runs as two tests that
// match nothing and pass with zero assertions. Keep such names out.
TEST_CASE("no test name contains a semicolon") {
  const fs::path tests = fs::path(ATTEND_TEST_DATA_DIR).parent_path();
  for (const auto& entry : fs::recursive_directory_iterator(tests)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      const size_t at = line.find("TEST_CASE(\"");
      if (at == std::string::npos) continue;
      const size_t end = line.find('"', at + 11);
      const std::string name = line.substr(at + 11, end == std::string::npos ? std::string::npos : end - at - 11);
      CHECK_MESSAGE(name.find(';') == std::string::npos, entry.path().string(), ":", n, ": ", name);
    }
  }
}
