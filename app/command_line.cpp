#include "app/command_line.h"

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
  if (*bench) cl.kind = CommandKind::Bench;
  else if (*import) cl.kind = CommandKind::NotesImport;
  return cl;
}

}  // namespace attend::app
