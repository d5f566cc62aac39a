#include "views/widgets/session_toolbar.h"

#include <cstdio>

#include <imgui.h>

#include "core/train/session.h"
#include "views/keys.h"

namespace attend::views {

bool draw_session_toolbar(ViewContext& ctx, train::Control& session, const train::Progress& p,
                          SessionToolbarState& state) {
  bool changed = false;
  ImGui::PushID(&state);
  const bool window_focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
  const bool keys = window_focused && shortcuts_allowed() && !ctrl_down();

  if (p.running) {
    if (ImGui::Button("Pause") || (keys && key_pressed(kKeySpace, false))) {
      session.pause();
      changed = true;
    }
  } else if (ImGui::Button(" Run ") || (keys && key_pressed(kKeySpace, false))) {
    session.run();
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
  ImGui::SameLine();
  if (ImGui::Button("Step") || (keys && key_pressed('.', true))) {
    session.step(state.steps_per_click);
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One optimisation step ('.')");
  ImGui::SameLine();
  if (ImGui::Button("Reset") || (keys && letter_pressed('R'))) {
    session.reset(state.keep_seed ? p.seed : state.next_seed++);
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Re-initialise the weights and clear the history ('R')");

  ImGui::SameLine();
  ImGui::SetNextItemWidth(150 * ctx.scale);
  const char* fmt = state.speed <= 0 ? "full speed" : "%.0f steps/s";
  if (ImGui::SliderFloat("##speed", &state.speed, 0.0f, state.max_speed, fmt, ImGuiSliderFlags_Logarithmic)) {
    session.set_speed(state.speed);
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Slow training down to watch each step (0 = full speed)");

  ImGui::SameLine();
  char status[128];
  std::snprintf(status, sizeof status, "step %lld   %.0f steps/s", static_cast<long long>(p.step), p.steps_per_second);
  ImGui::TextDisabled("%s", status);
  if (auto it = p.metrics.find("loss"); it != p.metrics.end()) {
    ImGui::SameLine();
    ImGui::Text("loss %.4g", it->second);
  }
  if (!p.error.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->bad), "%s", p.error.c_str());
  }

  if (!p.checkpoints.empty()) {
    // The timeline: 0..n-1 checkpoints, the last position is "live".
    int n = static_cast<int>(p.checkpoints.size());
    int at = n;
    for (int i = 0; i < n; ++i)
      if (p.checkpoints[i] == p.inspecting) at = i;
    // Room for the button beside the slider, whatever the font and scale.
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::SetNextItemWidth(-(ImGui::CalcTextSize("Train from here").x + 2 * style.FramePadding.x + style.ItemSpacing.x));
    char label[64];
    if (at == n) std::snprintf(label, sizeof label, "live (step %lld)", static_cast<long long>(p.step));
    else std::snprintf(label, sizeof label, "checkpoint at step %lld", static_cast<long long>(p.checkpoints[at]));
    if (ImGui::SliderInt("##timeline", &at, 0, n, label)) {
      session.inspect(at == n ? -1 : p.checkpoints[at]);
      changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Scrub back through training: every view shows that moment");
    ImGui::SameLine();
    ImGui::BeginDisabled(at == n);
    if (ImGui::Button("Train from here")) {
      session.rewind(p.checkpoints[at]);
      changed = true;
    }
    ImGui::EndDisabled();
  }
  ImGui::PopID();
  return changed;
}

}  // namespace attend::views
