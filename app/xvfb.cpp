#include "app/xvfb.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace attend::app {

int reexec_under_xvfb(int argc, char** argv, int width, int height) {
  if (std::getenv("ATTEND_UNDER_XVFB")) {
    std::fprintf(stderr, "attend: xvfb-run started, but no display is reachable inside it\n");
    return 1;
  }
  setenv("ATTEND_UNDER_XVFB", "1", 1);
  // Software rendering writes a shader cache to $HOME by default; tests and CI must not depend on it.
  setenv("MESA_SHADER_CACHE_DISABLE", "true", 0);
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string exe = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string(argv[0]);
  const std::string screen = "-screen 0 " + std::to_string(width) + "x" + std::to_string(height) + "x24";
  std::vector<std::string> args = {"xvfb-run", "-a", "-s", screen, exe};
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  std::vector<char*> cargs;
  for (std::string& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  ::execvp("xvfb-run", cargs.data());
  std::fprintf(stderr,
               "attend: no display, and xvfb-run could not be started (%s). Install the xvfb package "
               "(apt-get install xvfb xauth) or run under a desktop session.\n",
               std::strerror(errno));
  return 1;
}

}  // namespace attend::app
