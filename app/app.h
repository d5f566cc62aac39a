// The app: opens the window, loads settings and fonts, and runs the frame loop around the shell, either for
// a person (until they close it) or headless (a fixed number of frames, writing PNG screenshots).
#pragma once

#include "app/command_line.h"

namespace attend::app {

int run_app(const AppOptions& options, int argc, char** argv);

}  // namespace attend::app
