#include "app/window.h"

#include <cfloat>
#include <cstdlib>
#include <string>
#include <thread>

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include "views/gl/context.h"
#include "views/gl/gl_api.h"

namespace attend::app {
namespace {

std::string g_glfw_error;  // GLFW reports errors through a C callback; keep the last one for open_window.

void on_glfw_error(int code, const char* description) {
  g_glfw_error = "GLFW error " + std::to_string(code) + ": " + description;
}

// Whether a swap leaves the back buffer holding the frame just shown (Mesa's software GLX copies the back
// buffer to the window and keeps it). Checked, not assumed: two frames of known colours are swapped and the
// back buffer read after each. Two dark greys, so a window on screen does not flash.
bool swap_keeps_back_buffer(GLFWwindow* window) {
  for (const unsigned char grey : {24, 40}) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glClearColor(grey / 255.0f, grey / 255.0f, grey / 255.0f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glfwSwapBuffers(window);
    unsigned char px[4] = {0, 0, 0, 0};
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
    if (px[0] != grey || px[1] != grey || px[2] != grey) return false;
  }
  return true;
}

}  // namespace

bool display_available() {
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x11 && *x11) || (wayland && *wayland);
}

Result<Window> open_window(const WindowOptions& o) {
  // Mesa's llvmpipe rasterises on as many threads as there are cores, so each redraw takes the core a model
  // is training on. Leave training one core (a LP_NUM_THREADS the user set wins; GPU drivers ignore it).
  const unsigned cores = std::thread::hardware_concurrency();
  setenv("LP_NUM_THREADS", std::to_string(cores > 1 ? cores - 1 : 1).c_str(), 0);
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) return make_error("cannot start GLFW: " + g_glfw_error);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  glfwWindowHint(GLFW_SAMPLES, o.headless ? 0 : 4);
  if (o.headless) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  if (o.maximized && !o.headless) glfwWindowHint(GLFW_MAXIMIZED, GLFW_TRUE);

  Window w;
  w.handle = glfwCreateWindow(o.width, o.height, o.title.c_str(), nullptr, nullptr);
  if (!w.handle) {
    std::string why = g_glfw_error;
    glfwTerminate();
    return make_error("cannot open an OpenGL 3.3 window: " + why);
  }
  if (o.x >= 0 && o.y >= 0 && !o.headless) glfwSetWindowPos(w.handle, o.x, o.y);
  glfwMakeContextCurrent(w.handle);
  glfwSwapInterval(o.headless ? 0 : 1);
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(w.handle, &sx, &sy);
  w.software_renderer = views::gl::is_software_renderer();
  // ATTEND_REDRAW=whole draws every frame whole: the tests compare partial frames with it, and a user can
  // rule partial redraw out with it.
  const char* redraw = std::getenv("ATTEND_REDRAW");
  w.partial_redraw = w.software_renderer && !(redraw && std::string(redraw) == "whole") &&
                     swap_keeps_back_buffer(w.handle);
  w.content_scale = sx > 0 ? sx : 1.0f;
  w.headless = o.headless;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui_ImplGlfw_InitForOpenGL(w.handle, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  return w;
}

void close_window(Window& w) {
  if (!w.handle) return;
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(w.handle);
  glfwTerminate();
  w.handle = nullptr;
}

bool window_should_close(const Window& w) { return glfwWindowShouldClose(w.handle); }
void request_close(Window& w) { glfwSetWindowShouldClose(w.handle, GLFW_TRUE); }

void begin_frame(Window& w) {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();  // creates the font texture when the atlas was (re)built
  const auto font_texture = reinterpret_cast<uintptr_t>(ImGui::GetIO().Fonts->TexID);
  if (w.software_renderer && font_texture != w.nearest_font_texture) {
    // With pixel-snapped glyphs nearest sampling draws the same text, and llvmpipe shades it far faster.
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(font_texture));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    w.nearest_font_texture = font_texture;
    invalidate(w.redraw);
  }
  ImGui_ImplGlfw_NewFrame();
  // A virtual X server parks the pointer mid-screen; screenshots must not show hover effects there.
  if (w.headless) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
}

void end_frame(Window& w) {
  ImGui::Render();
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(w.handle, &fw, &fh);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  if (w.partial_redraw) {
    const float clear[4] = {bg.x, bg.y, bg.z, 1.0f};
    render_partial(w.redraw, ImGui::GetDrawData(), fw, fh, clear);
    return;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, fw, fh);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void present(Window& w) { glfwSwapBuffers(w.handle); }

void redraw_everything(Window& w) {
  invalidate(w.redraw);
  w.nearest_font_texture = 0;  // a rebuilt atlas may reuse the old texture's name with default filtering
}

WindowGeometry window_geometry(const Window& w) {
  WindowGeometry g;
  glfwGetWindowSize(w.handle, &g.width, &g.height);
  glfwGetWindowPos(w.handle, &g.x, &g.y);
  g.maximized = glfwGetWindowAttrib(w.handle, GLFW_MAXIMIZED) == GLFW_TRUE;
  return g;
}

Image capture_frame(const Window& w) {
  Image img;
  glfwGetFramebufferSize(w.handle, &img.width, &img.height);
  img.rgba.resize(static_cast<size_t>(img.width) * img.height * 4);
  glFinish();
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
  // OpenGL's first row is the bottom one; PNG's is the top.
  const size_t row = static_cast<size_t>(img.width) * 4;
  std::vector<uint8_t> tmp(row);
  for (int y = 0; y < img.height / 2; ++y) {
    uint8_t* a = img.rgba.data() + row * y;
    uint8_t* b = img.rgba.data() + row * (img.height - 1 - y);
    std::copy(a, a + row, tmp.begin());
    std::copy(b, b + row, a);
    std::copy(tmp.begin(), tmp.end(), b);
  }
  for (size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;  // the window is opaque
  return img;
}

Status write_png(const Image& img, const std::string& path) {
  if (!stbi_write_png(path.c_str(), img.width, img.height, 4, img.rgba.data(), img.width * 4))
    return make_error(path, 0, 0, "cannot write PNG");
  return Ok{};
}

}  // namespace attend::app
