// The command line, parsed with CLI11:
//   attend                                   open the app (home screen, or where the person left off)
//   attend --view NAME | --lesson FILE       open a view or a lesson
//   attend --headless ... --frames N --screenshot-dir DIR --size WxH
//                                            render offscreen (under a virtual X server) and write PNGs
//   attend bench [NAME...] [--threads N] [--data DIR] [--json]
//   attend notes import FILE... [--json]
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/util/value.h"

namespace attend::app {

struct AppOptions {
  bool headless = false;
  std::string view;            // empty: the home screen (or the last one used, in the GUI)
  std::string lesson;          // a lesson file
  int frames = 60;             // headless: frames to render (per lesson step for lessons)
  std::string screenshot_dir;  // headless: where PNGs go
  int width = 1280, height = 800;
  std::string theme;           // "dark" or "light"; empty: the saved setting
  float scale = 0;             // UI scale; 0: the monitor's content scale
  std::vector<std::pair<std::string, std::string>> settings;  // --set KEY=VALUE, passed to the view
  std::string stats_path;      // headless: write frame times and training throughput as JSON here
  bool run = false;            // start the view's training at once
  bool blank = false;          // draw nothing but the frame (the bench's "UI closed" baseline)
  double fps = 0;              // cap the frame rate (0: vsync in a window, unlimited headless)
};

// "0.5" → number, "true"/"false" → flag, "1,2,3" → list of numbers, anything else → text.
Value parse_value(const std::string& text);

struct BenchCommand {
  std::vector<std::string> names;
  int threads = 1;
  std::string data_dir;
  bool json = false;
};

struct NotesImportCommand {
  std::vector<std::string> files;
  bool json = false;
};

enum class CommandKind { App, Bench, NotesImport, Exit };

struct CommandLine {
  CommandKind kind = CommandKind::App;
  int exit_code = 0;  // for Exit: --help, --version or a parse error (already printed)
  AppOptions app;
  BenchCommand bench;
  NotesImportCommand notes;
};

CommandLine parse_command_line(int argc, char** argv);

}  // namespace attend::app
