#include "views/gl/context.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace attend::views::gl {

bool has_current_context() {
  // Before glfwInit or after glfwTerminate GLFW reports an error through the callback and returns null.
  return glfwGetCurrentContext() != nullptr;
}

}  // namespace attend::views::gl
