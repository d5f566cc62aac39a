// Headless runs need an X server. When none is reachable, the program starts itself again under
// `xvfb-run` (a virtual X server with Mesa's software OpenGL) so `attend --headless` works anywhere.
#pragma once

namespace attend::app {

// Replaces this process with `xvfb-run -a -s "-screen 0 WxHx24" <this program> <argv...>`.
// Returns only on failure, with a message printed.
int reexec_under_xvfb(int argc, char** argv, int width, int height);

}  // namespace attend::app
