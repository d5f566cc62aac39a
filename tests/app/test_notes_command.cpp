// `attend notes import`: the cards as JSON with every field, and clear errors, without a window.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/util/files.h"
#include "core/util/paths.h"

namespace {

struct Run {
  int status = -1;
  std::string out;
};

// stdout only, or stdout and stderr together.
Run run(const std::string& args, bool with_stderr = true) {
  Run r;
  const std::string cmd = std::string(ATTEND_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("notes import --json prints every card with every field") {
  const std::string deck = attend::assets_dir() + "/notes/sample_deck.md";
  Run r = run("notes import '" + deck + "' --json", false);
  REQUIRE(r.status == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  REQUIRE(j.at("cards").size() == 23);
  CHECK(j.at("files") == nlohmann::json::array({deck}));
  CHECK(j.at("errors").empty());
  for (const auto& c : j.at("cards")) {
    for (const char* field : {"id", "key", "kind", "question", "answer", "answer_line", "difficulty", "topic",
                              "sources", "lessons"})
      CHECK_MESSAGE(c.contains(field), field);
  }
  bool russian = false, merged = false;
  for (const auto& c : j.at("cards")) {
    russian |= c.at("question") == "Чем Adam отличается от SGD с моментом?" && c.at("difficulty") == "M";
    merged |= c.at("sources").size() == 2;
  }
  CHECK(russian);
  CHECK(merged);
}

TEST_CASE("notes import: a readable listing, and clear errors for bad files") {
  Run listing = run("notes import '" + attend::assets_dir() + "/notes/sample_deck.md'");
  CHECK(listing.status == 0);
  CHECK(listing.out.find("[M] Why divide the scores by $\\sqrt{d_k}$?") != std::string::npos);
  CHECK(listing.out.find("23 cards from 1 file") != std::string::npos);

  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("attend-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string bad = (dir / "bad.md").string();
  REQUIRE(attend::write_file_atomic(bad, "## Q\nok \xFF\n").ok());
  Run r = run("notes import '" + bad + "' --json");
  CHECK(r.status == 1);
  CHECK(r.out.find(bad + ":2:4: invalid UTF-8 (byte 0xFF)") != std::string::npos);
  Run missing = run("notes import '" + (dir / "missing.md").string() + "'");
  CHECK(missing.status != 0);
  CHECK(missing.out.find("missing.md") != std::string::npos);
  std::filesystem::remove_all(dir);
}
