// `attend notes import FILE... [--json]`: turns markdown notes into cards and prints them, so an import can
// be checked without a window.
#pragma once

#include "app/command_line.h"

namespace attend::app {

int run_notes_import(const NotesImportCommand& command);

}  // namespace attend::app
