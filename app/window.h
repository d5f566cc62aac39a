// The native window: GLFW + an OpenGL 3.3 core context + Dear ImGui's GLFW/OpenGL3 backends.
// open_window/close_window bracket the app; begin_frame/end_frame bracket each frame. In headless runs the
// window is a real window on a virtual X server, and capture_frame reads the back buffer before the swap.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/partial_redraw.h"
#include "core/util/result.h"

struct GLFWwindow;

namespace attend::app {

struct WindowOptions {
  int width = 1280;
  int height = 800;
  int x = -1;  // -1: let the window manager place it
  int y = -1;
  bool maximized = false;
  bool headless = false;  // fixed size, no vsync, not resizable, so screenshots are reproducible
  std::string title = "Attend";
};

struct Window {
  GLFWwindow* handle = nullptr;
  float content_scale = 1.0f;  // the monitor's DPI scale; fonts and UI sizes are multiplied by it
  bool headless = false;
  // Mesa's llvmpipe or another CPU rasteriser: every shaded pixel costs CPU time the training thread needs,
  // so the font atlas is sampled nearest and, where a swap keeps the back buffer, frames redraw only what
  // changed (app/partial_redraw.h).
  bool software_renderer = false;
  bool partial_redraw = false;
  PartialRedraw redraw;
  uintptr_t nearest_font_texture = 0;  // the atlas texture already switched to nearest filtering
};

struct WindowGeometry {
  int width = 0, height = 0, x = 0, y = 0;
  bool maximized = false;
};

Result<Window> open_window(const WindowOptions& options);
void close_window(Window& window);

bool window_should_close(const Window& window);
void request_close(Window& window);
void begin_frame(Window& window);  // polls events, starts an ImGui frame
void end_frame(Window& window);    // renders ImGui into the back buffer (does not swap)
void present(Window& window);      // swaps buffers
// Draw the next frame whole: after the font atlas is rebuilt, unchanged geometry may look different.
void redraw_everything(Window& window);
WindowGeometry window_geometry(const Window& window);

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // top row first
};
Image capture_frame(const Window& window);  // the back buffer, read before present()
Status write_png(const Image& image, const std::string& path);

// True when an X or Wayland display is reachable.
bool display_available();

}  // namespace attend::app
