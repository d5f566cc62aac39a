#include "views/plot/input.h"

#include <algorithm>

#include <imgui_internal.h>

namespace attend::views::plot {

ImVec2 resolve_size(ImVec2 size) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = std::max(32.0f, avail.x + size.x);
  if (size.y <= 0) size.y = std::max(32.0f, avail.y + size.y);
  return size;
}

PlotInput plot_input(const char* id, ImVec2 size, bool wants_wheel) {
  PlotInput in;
  ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const ImGuiIO& io = ImGui::GetIO();
  in.hovered = ImGui::IsItemHovered();
  in.active = ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left);
  in.mouse = io.MousePos;
  in.press = io.MouseClickedPos[0];
  const float threshold = io.MouseDragThreshold;
  const bool moved = io.MouseDragMaxDistanceSqr[0] > threshold * threshold;
  in.dragging = in.active && moved;
  if (ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    in.clicked = !moved;
    in.drag_released = moved;
  }
  in.right_clicked = in.hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Right) &&
                     io.MouseDragMaxDistanceSqr[1] <= threshold * threshold;
  in.double_clicked = in.hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
  if (wants_wheel) {
    ImGui::SetItemUsingMouseWheel();
    if (in.hovered) in.wheel = io.MouseWheel;
  }
  return in;
}

}  // namespace attend::views::plot
