// A fresh, empty folder under the system's temporary directory for one test, named after the process so
// parallel test runs do not meet.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace attend::testing {

inline std::string temp_dir(const std::string& name) {
  const std::filesystem::path p =
      std::filesystem::temp_directory_path() / ("attend-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p.string();
}

}  // namespace attend::testing
