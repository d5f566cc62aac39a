#include "app/command_line.h"

#include <cstdlib>

#include <CLI/CLI.hpp>

#include "core/util/paths.h"

namespace attend::app {

CommandLine parse_command_line(int argc, char** argv) {
  CommandLine cl;
  CLI::App cli{"Attend: watch machine learning happen. Live attention, embeddings, loss surfaces and toy "
               "networks, driven by lessons, plus flashcards from your own notes.",
               "attend"};
  cli.set_version_flag("--version", std::string("attend ") + ATTEND_VERSION);
  AppOptions& a = cl.app;
  std::string size = "1280x800";
  cli.add_flag("--headless", a.headless, "Render without a screen (under xvfb-run) and write PNG screenshots");
  cli.add_option("--view", a.view, "Open this view (home, gallery, attention, ...)");
  cli.add_option("--lesson", a.lesson, "Open this lesson file")->check(CLI::ExistingFile);
  cli.add_option("--frames", a.frames, "Headless: frames to render (for a lesson: at most this many per step)")
      ->check(CLI::PositiveNumber);
  cli.add_option("--screenshot-dir", a.screenshot_dir, "Headless: folder for the PNG screenshots");
  cli.add_option("--size", size, "Window size, WIDTHxHEIGHT")->check([](const std::string& s) {
    int w = 0, h = 0;
    char x = 0;
    if (std::sscanf(s.c_str(), "%d%c%d", &w, &x, &h) != 3 || (x != 'x' && x != 'X') || w < 320 || h < 240 ||
        w > 8192 || h > 8192)
      return std::string("expected WIDTHxHEIGHT such as 1280x800 (320x240 to 8192x8192)");
    return std::string();
  });
  cli.add_option("--theme", a.theme, "dark or light")->check(CLI::IsMember({"dark", "light"}));
  cli.add_option("--scale", a.scale, "UI scale (default: the monitor's)")->check(CLI::Range(0.5f, 4.0f));

  std::vector<std::string> sets;
  cli.add_option("--set", sets, "Configure the view: KEY=VALUE (repeatable), e.g. --set dataset=spiral")
      ->check([](const std::string& s) {
        return s.find('=') == std::string::npos || s.front() == '=' ? std::string("expected KEY=VALUE") : std::string();
      });
  cli.add_option("--stats", a.stats_path, "Headless: write frame times and training throughput (JSON) here");

  cli.add_flag("--run", a.run, "Start the view's training at once");
  cli.add_flag("--blank", a.blank, "Headless bench baseline: train without drawing the view")->group("");
  cli.add_option("--fps", a.fps, "Cap the frame rate (frames per second)")->check(CLI::Range(1.0, 1000.0));

  CLI::App* bench = cli.add_subcommand("bench", "Run the benchmark workloads (../shared/bench/CONTRACT.md)");
  bench->add_option("names", cl.bench.names, "Workloads to run (default: all)");
  bench->add_option("--threads", cl.bench.threads, "Threads for the engine")->check(CLI::Range(1, 256));
  cl.bench.data_dir = std::string(ATTEND_ASSETS_DIR) + "/../../shared/bench/data";
  bench->add_option("--data", cl.bench.data_dir, "Folder with the benchmark inputs");
  bench->add_flag("--json", cl.bench.json, "One JSON object per workload per line");

  CLI::App* notes = cli.add_subcommand("notes", "Work with your markdown notes");
  notes->require_subcommand(1);
  CLI::App* import = notes->add_subcommand("import", "Import notes into flashcards and print them");
  import->add_option("files", cl.notes.files, "Markdown files")->required()->check(CLI::ExistingFile);
  import->add_flag("--json", cl.notes.json, "Print every card as JSON with all fields");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    cl.kind = CommandKind::Exit;
    cl.exit_code = cli.exit(e);
    return cl;
  }
  std::sscanf(size.c_str(), "%d%*c%d", &a.width, &a.height);
  for (const std::string& kv : sets) {
    const size_t eq = kv.find('=');
    a.settings.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  if (*bench) cl.kind = CommandKind::Bench;
  else if (*import) cl.kind = CommandKind::NotesImport;
  return cl;
}

Value parse_value(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  auto number = [](const std::string& t, double* out) {
    char* end = nullptr;
    *out = std::strtod(t.c_str(), &end);
    return !t.empty() && end && *end == 0;
  };
  double d = 0;
  if (number(text, &d)) return d;
  if (text.find(',') != std::string::npos) {
    std::vector<double> list;
    size_t start = 0;
    for (;;) {
      const size_t comma = text.find(',', start);
      const std::string piece = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!number(piece, &d)) return text;
      list.push_back(d);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return list;
  }
  return text;
}

}  // namespace attend::app
