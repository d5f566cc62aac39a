#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/command_line.h"

using namespace attend;

namespace {
app::CommandLine parse(std::vector<std::string> args) {
  args.insert(args.begin(), "attend");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return app::parse_command_line(static_cast<int>(argv.size()), argv.data());
}
}  // namespace

TEST_CASE("headless options are parsed") {
  auto cl = parse({"--headless", "--view", "gallery", "--frames", "30", "--screenshot-dir", "out", "--size", "800x600",
                   "--set", "dataset=spiral", "--set", "lr=0.03"});
  REQUIRE(cl.kind == app::CommandKind::App);
  CHECK(cl.app.headless);
  CHECK(cl.app.view == "gallery");
  CHECK(cl.app.frames == 30);
  CHECK(cl.app.screenshot_dir == "out");
  CHECK(cl.app.width == 800);
  CHECK(cl.app.height == 600);
  REQUIRE(cl.app.settings.size() == 2);
  CHECK(cl.app.settings[0].first == "dataset");
  CHECK(cl.app.settings[1].second == "0.03");
}

TEST_CASE("bad sizes and frame counts are refused") {
  CHECK(parse({"--size", "big"}).kind == app::CommandKind::Exit);
  CHECK(parse({"--size", "10x10"}).kind == app::CommandKind::Exit);
  CHECK(parse({"--frames", "0"}).kind == app::CommandKind::Exit);
  CHECK(parse({"--theme", "purple"}).kind == app::CommandKind::Exit);
  CHECK(parse({"--set", "novalue"}).kind == app::CommandKind::Exit);
}

TEST_CASE("bench and notes subcommands") {
  auto b = parse({"bench", "mlp_grid", "transformer_step", "--threads", "2", "--json"});
  REQUIRE(b.kind == app::CommandKind::Bench);
  CHECK(b.bench.names == std::vector<std::string>{"mlp_grid", "transformer_step"});
  CHECK(b.bench.threads == 2);
  CHECK(b.bench.json);
  CHECK(parse({"notes", "import", "/nonexistent.md"}).kind == app::CommandKind::Exit);
}

TEST_CASE("--set values become numbers, flags, lists or text") {
  CHECK(std::get<double>(app::parse_value("0.25")) == doctest::Approx(0.25));
  CHECK(std::get<bool>(app::parse_value("true")));
  CHECK(std::get<std::vector<double>>(app::parse_value("1,2,3")) == std::vector<double>{1, 2, 3});
  CHECK(std::get<std::string>(app::parse_value("spiral")) == "spiral");
  CHECK(std::get<std::string>(app::parse_value("a,b")) == "a,b");
}
