// An ImGui context with Attend's fonts and theme but no window or GL: enough to lay out and paint plots into
// draw lists, and to drive them with a simulated mouse, frame by frame.
#pragma once

#include <doctest/doctest.h>

#include <functional>

#include <imgui.h>

#include "views/fonts.h"
#include "views/theme.h"
#include "views/view.h"

namespace attend::views::test {

struct ImGuiFixture {
  Fonts fonts;
  Palette palette{};
  ViewContext ctx;

  explicit ImGuiFixture(ThemeKind theme = ThemeKind::Dark) {
    ImGui::CreateContext();
    palette = apply_theme(theme, 1.0f);
    const Status s = load_fonts(fonts, 1.0f);
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().to_string()));
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // no renderer here: the atlas only needs to exist
    ctx.fonts = &fonts;
    ctx.palette = &palette;
    ctx.scale = 1.0f;
    ctx.headless = true;
  }
  ~ImGuiFixture() { ImGui::DestroyContext(); }

  // One frame with `body` drawing at the top-left of a window covering the screen.
  void frame(const std::function<void()>& body) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("test", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    body();
    ImGui::End();
    ImGui::Render();
    ++ctx.frame;
  }

  void mouse(ImVec2 p, bool left = false, bool right = false, float wheel = 0) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    io.MouseDown[0] = left;
    io.MouseDown[1] = right;
    io.MouseWheel = wheel;
  }
};

}  // namespace attend::views::test
