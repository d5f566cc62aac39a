// attend: parse the command line and hand over to the app, the benchmark or the notes importer.
#include <exception>
#include <cstdio>

#include "app/app.h"
#include "app/bench/bench.h"
#include "app/command_line.h"
#include "app/notes_command.h"

int main(int argc, char** argv) {
  using namespace attend;
  app::CommandLine cl = app::parse_command_line(argc, argv);
  try {
    switch (cl.kind) {
      case app::CommandKind::Exit:
        return cl.exit_code;
      case app::CommandKind::Bench: {
        bench::Options o;
        o.threads = cl.bench.threads;
        o.data_dir = cl.bench.data_dir;
        o.json = cl.bench.json;
        o.binary = argv[0];
        return bench::run_bench(cl.bench.names, o);
      }
      case app::CommandKind::NotesImport:
        return app::run_notes_import(cl.notes);
      case app::CommandKind::App:
        return app::run_app(cl.app, argc, argv);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "attend: %s\n", e.what());
    return 1;
  }
  return 0;
}
