// A real OpenGL 3.3 core context for the GL kit's tests. Without a display, the test re-runs itself under
// xvfb-run (Mesa's llvmpipe renders there) with the same test-case filter and checks the child's result.
#pragma once

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace attend::views::test {

// Returns true when the caller should run its checks here (a context is current); false when the test ran
// in a child process under xvfb-run (already checked) and the caller must return.
inline bool gl_context_or_rerun(const char* test_name, GLFWwindow** window) {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    REQUIRE_MESSAGE(std::getenv("ATTEND_TEST_UNDER_XVFB") == nullptr, "xvfb-run started but no display inside it");
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    REQUIRE(n > 0);
    self[n] = 0;
    std::string filter;  // doctest splits filters at commas; escape them
    for (const char* p = test_name; *p; ++p) filter += *p == ',' ? std::string("\\,") : std::string(1, *p);
    const std::string cmd = std::string("ATTEND_TEST_UNDER_XVFB=1 xvfb-run -a -s '-screen 0 640x480x24' '") + self +
                            "' -tc='" + filter + "' > /tmp/attend-gl-test-" + std::to_string(::getpid()) + ".log 2>&1";
    const int rc = std::system(cmd.c_str());
    const std::string log_path = "/tmp/attend-gl-test-" + std::to_string(::getpid()) + ".log";
    std::string log;
    if (FILE* f = std::fopen(log_path.c_str(), "r")) {
      char buf[4096];
      size_t k;
      while ((k = std::fread(buf, 1, sizeof buf, f)) > 0) log.append(buf, k);
      std::fclose(f);
    }
    // The child must have run exactly this test, and passed it: a filter that matched nothing exits 0 too.
    std::string squeezed;  // doctest pads its counts: "test cases:  1 |  1 passed"
    for (char ch : log)
      if (!(ch == ' ' && !squeezed.empty() && squeezed.back() == ' ')) squeezed += ch;
    if (rc != 0 || squeezed.find("test cases: 1 | 1 passed | 0 failed") == std::string::npos)
      FAIL_CHECK("the GL test did not pass under xvfb-run (needs xvfb and libgl1-mesa-dri):\n" << log);
    std::remove(log_path.c_str());
    return false;
  }
  REQUIRE(glfwInit());
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  *window = glfwCreateWindow(64, 64, "attend gl test", nullptr, nullptr);
  REQUIRE_MESSAGE(*window != nullptr, "cannot create an OpenGL 3.3 core context");
  glfwMakeContextCurrent(*window);
  return true;
}

inline void close_gl_context(GLFWwindow* window) {
  glfwDestroyWindow(window);
  glfwTerminate();
}

}  // namespace attend::views::test
