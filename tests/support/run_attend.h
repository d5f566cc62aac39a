// Runs the built app (ATTEND_BINARY) headless with its screenshots going to DIR; its output goes to
// DIR/run.log for the failure message. Returns the exit status, or -1 when it did not exit normally.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <string>

namespace attend::testing {

inline int run_attend(const std::string& dir, const std::string& args, const std::string& env = "") {
  const std::string cmd = env + " '" + std::string(ATTEND_BINARY) + "' --headless --screenshot-dir '" + dir + "' " + args +
                          " > '" + dir + "/run.log' 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace attend::testing
