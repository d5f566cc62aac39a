#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/util/files.h"
#include "core/util/result.h"

namespace fs = std::filesystem;

namespace {
std::string temp_dir(const char* name) {
  fs::path p = fs::temp_directory_path() / ("attend-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}
}  // namespace

TEST_CASE("Error names the place of bad input") {
  CHECK(attend::make_error("notes.md", 12, 3, "unclosed code block").to_string() == "notes.md:12:3: unclosed code block");
  CHECK(attend::make_error("notes.md", 4, 0, "x").to_string() == "notes.md:4: x");
  CHECK(attend::make_error("plain").to_string() == "plain");
}

TEST_CASE("write_file_atomic replaces content and leaves no temporary files") {
  const std::string dir = temp_dir("atomic");
  const std::string path = dir + "/progress.json";
  REQUIRE(attend::write_file_atomic(path, "first").ok());
  REQUIRE(attend::write_file_atomic(path, "second").ok());
  auto r = attend::read_file(path);
  REQUIRE(r.ok());
  CHECK(*r == "second");
  int files = 0;
  for (auto& e : fs::directory_iterator(dir)) (void)e, ++files;
  CHECK(files == 1);
}

TEST_CASE("a writer killed mid-save leaves the old or the new file, never a torn one") {
  const std::string dir = temp_dir("kill");
  const std::string path = dir + "/progress.json";
  const std::string old_content(200000, 'a');
  const std::string new_content(200000, 'b');
  REQUIRE(attend::write_file_atomic(path, old_content).ok());
  for (int round = 0; round < 20; ++round) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      for (;;) {
        (void)attend::write_file_atomic(path, new_content);
        (void)attend::write_file_atomic(path, old_content);
      }
    }
    ::usleep(2000 + round * 500);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    auto r = attend::read_file(path);
    REQUIRE(r.ok());
    const bool whole = *r == old_content || *r == new_content;
    CHECK(whole);
  }
}

TEST_CASE("move_aside keeps a corrupt file for the user") {
  const std::string dir = temp_dir("aside");
  const std::string path = dir + "/cards.json";
  REQUIRE(attend::write_file_atomic(path, "{broken").ok());
  auto moved = attend::move_aside(path);
  REQUIRE(moved.ok());
  CHECK(!attend::file_exists(path));
  auto r = attend::read_file(*moved);
  REQUIRE(r.ok());
  CHECK(*r == "{broken");
}

TEST_CASE("read_file reports a missing file with its path") {
  auto r = attend::read_file("/nonexistent/attend.json");
  REQUIRE(!r.ok());
  CHECK(r.error().path == "/nonexistent/attend.json");
  CHECK(r.error().message.find("cannot open") != std::string::npos);
}
