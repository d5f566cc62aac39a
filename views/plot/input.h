// Mouse input over a plot, read the same way by every plot: one invisible ImGui item covers the plot, a
// click is a press and release that moved less than a few pixels, a drag is anything longer.
#pragma once

#include <imgui.h>

namespace attend::views::plot {

struct PlotInput {
  bool hovered = false;        // the mouse is over the plot (and no other window is in front)
  bool active = false;         // the left button went down on the plot and is still held
  bool dragging = false;       // active and moved past the click threshold
  bool clicked = false;        // left button released without dragging this frame
  bool right_clicked = false;  // right button released over the plot this frame
  bool double_clicked = false;
  bool drag_released = false;  // a left drag ended this frame
  ImVec2 mouse;                // current mouse position
  ImVec2 press;                // where the left button went down
  float wheel = 0;             // wheel steps over the plot (the window does not scroll meanwhile)
};

// `size.x` or `size.y` <= 0 take the remaining content width or height (minus |size|).
ImVec2 resolve_size(ImVec2 size);

// Adds the plot's item at the cursor (advancing it by `size`) and reads the mouse.
PlotInput plot_input(const char* id, ImVec2 size, bool wants_wheel);

}  // namespace attend::views::plot
