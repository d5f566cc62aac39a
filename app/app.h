// The app: opens the window, loads settings and fonts, and runs the frame loop around the shell, either for
// a person (until they close it) or headless (a fixed number of frames, writing PNG screenshots).
#pragma once

#include <string>

#include "app/command_line.h"

namespace attend::app {

int run_app(const AppOptions& options, int argc, char** argv);

// The lesson to open at start: the one asked for; else, on a person's first start (no settings file yet) and
// with no view asked for, the tour in lessons/getting_started.md; else none ("").
std::string start_lesson(const AppOptions& options, bool first_start);

}  // namespace attend::app
