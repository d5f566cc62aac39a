#include "views/theme.h"

namespace attend::views {
namespace {

// Okabe–Ito's colour-blind-safe set, reordered so the first lines differ most.
constexpr ImU32 rgb(int r, int g, int b) { return IM_COL32(r, g, b, 255); }

void shared_sizes(ImGuiStyle& s) {
  s.WindowRounding = 4.0f;
  s.FrameRounding = 3.0f;
  s.GrabRounding = 3.0f;
  s.TabRounding = 3.0f;
  s.ScrollbarRounding = 6.0f;
  s.PopupRounding = 4.0f;
  s.WindowPadding = ImVec2(10, 10);
  s.FramePadding = ImVec2(7, 4);
  s.ItemSpacing = ImVec2(8, 6);
  s.ItemInnerSpacing = ImVec2(6, 4);
  s.ScrollbarSize = 13.0f;
  s.WindowBorderSize = 1.0f;
  s.FrameBorderSize = 0.0f;
}

}  // namespace

Palette apply_theme(ThemeKind kind, float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  Palette p{};
  if (kind == ThemeKind::Dark) {
    ImGui::StyleColorsDark(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.10f, 0.11f, 0.13f, 0.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.13f, 0.14f, 0.17f, 0.98f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.14f, 0.15f, 0.18f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.18f, 0.20f, 0.24f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.24f, 0.27f, 0.32f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.28f, 0.32f, 0.38f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.20f, 0.36f, 0.58f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.45f, 0.70f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.16f, 0.30f, 0.50f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.20f, 0.30f, 0.45f, 0.8f);
    c[ImGuiCol_Border] = ImVec4(0.25f, 0.27f, 0.31f, 1.0f);
    p.background = rgb(22, 24, 29);
    p.frame = rgb(120, 126, 138);
    p.grid = IM_COL32(255, 255, 255, 22);
    p.text = rgb(225, 228, 234);
    p.text_dim = rgb(150, 156, 168);
    p.highlight = rgb(255, 214, 10);
    p.accent = rgb(86, 156, 240);
    p.good = rgb(80, 200, 120);
    p.bad = rgb(240, 90, 80);
    p.warning = rgb(240, 180, 60);
    const ImU32 series[8] = {rgb(86, 180, 233), rgb(230, 159, 0), rgb(0, 158, 115), rgb(204, 121, 167),
                             rgb(240, 228, 66), rgb(213, 94, 0), rgb(150, 150, 255), rgb(200, 200, 200)};
    for (int i = 0; i < 8; ++i) p.series[i] = series[i];
  } else {
    ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.97f, 0.97f, 0.98f, 0.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.91f, 0.92f, 0.94f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.88f, 0.89f, 0.92f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.26f, 0.50f, 0.86f, 0.85f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.30f, 0.56f, 0.92f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    p.background = rgb(255, 255, 255);
    p.frame = rgb(110, 115, 125);
    p.grid = IM_COL32(0, 0, 0, 24);
    p.text = rgb(25, 28, 33);
    p.text_dim = rgb(95, 100, 110);
    p.highlight = rgb(200, 120, 0);
    p.accent = rgb(40, 110, 210);
    p.good = rgb(20, 140, 70);
    p.bad = rgb(200, 40, 40);
    p.warning = rgb(190, 120, 0);
    const ImU32 series[8] = {rgb(0, 114, 178), rgb(213, 94, 0), rgb(0, 158, 115), rgb(204, 121, 167),
                             rgb(86, 180, 233), rgb(230, 159, 0), rgb(90, 90, 200), rgb(60, 60, 60)};
    for (int i = 0; i < 8; ++i) p.series[i] = series[i];
  }
  shared_sizes(style);
  style.ScaleAllSizes(scale);
  return p;
}

const char* theme_name(ThemeKind kind) { return kind == ThemeKind::Dark ? "dark" : "light"; }

}  // namespace attend::views
