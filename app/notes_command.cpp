#include "app/notes_command.h"

#include <cstdio>

namespace attend::app {

int run_notes_import(const NotesImportCommand& command) {
  (void)command;
  std::fprintf(stderr, "attend notes import: the notes importer is not built yet\n");
  return 1;
}

}  // namespace attend::app
