#include "views/gl/context.h"

#include <string>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "views/gl/gl_api.h"

namespace attend::views::gl {

bool has_current_context() {
  // Before glfwInit or after glfwTerminate GLFW reports an error through the callback and returns null.
  return glfwGetCurrentContext() != nullptr;
}

bool is_software_renderer() {
  const char* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  if (!name) return false;
  const std::string n = name;
  return n.find("llvmpipe") != std::string::npos || n.find("softpipe") != std::string::npos ||
         n.find("SWR") != std::string::npos || n.find("Software") != std::string::npos;
}

}  // namespace attend::views::gl
