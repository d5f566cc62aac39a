#include "views/widgets/mode_tabs.h"

#include <imgui.h>

namespace attend::views {

void mode_tabs(const char* id, const char* const* titles, int count, int& mode, bool& select) {
  if (ImGui::BeginTabBar(id)) {
    for (int i = 0; i < count; ++i) {
      const ImGuiTabItemFlags f = select && mode == i ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(titles[i], nullptr, f)) {
        if (!select) mode = i;
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  select = false;
}

}  // namespace attend::views
