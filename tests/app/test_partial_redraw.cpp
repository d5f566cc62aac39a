// Partial redraw (app/partial_redraw.h): which tiles a frame marks as changed, and, end to end on llvmpipe,
// that frames drawn partially are pixel for pixel the frames drawn whole.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <imgui.h>

#include "app/partial_redraw.h"
#include "core/util/paths.h"
#include "support/run_attend.h"
#include "views/gl/texture.h"
#include "support/temp_dir.h"
#include "views/imgui_fixture.h"

using namespace attend::app;
using attend::views::test::ImGuiFixture;

namespace {

constexpr int kW = 1280, kH = 800;

uintptr_t font_texture() { return reinterpret_cast<uintptr_t>(ImGui::GetIO().Fonts->TexID); }

// One frame of a screen with a static block of text, a label that may change, and optionally an image.
std::vector<PixelRect> frame_damage(ImGuiFixture& f, DamageGrid& grid, const std::string& label, bool image) {
  f.frame([&] {
    for (int i = 0; i < 20; ++i) ImGui::Text("A line of text that never changes, number %d", i);
    ImGui::SetCursorPos(ImVec2(900, 600));
    ImGui::TextUnformatted(label.c_str());
    if (image) {
      ImGui::SetCursorPos(ImVec2(100, 700));
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(4242)), ImVec2(64, 64));
    }
  });
  std::vector<PixelRect> rects = find_damage(grid, *ImGui::GetDrawData(), kW, kH, font_texture());
  commit_damage(grid);
  return rects;
}

bool covers(const std::vector<PixelRect>& rects, int x, int y) {
  for (const PixelRect& r : rects)
    if (x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1) return true;
  return false;
}

long total_area(const std::vector<PixelRect>& rects) {
  long a = 0;
  for (const PixelRect& r : rects) a += r.area();
  return a;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("partial redraw: the first frame is drawn whole, an unchanged frame not at all") {
  ImGuiFixture f;
  DamageGrid grid;
  const auto first = frame_damage(f, grid, "1111", false);
  REQUIRE(first.size() == 1);
  CHECK(first[0].area() == kW * kH);
  CHECK(frame_damage(f, grid, "1111", false).empty());
  CHECK(frame_damage(f, grid, "1111", false).empty());
}

TEST_CASE("partial redraw: a changed label redraws its own tiles and nothing far from it") {
  ImGuiFixture f;
  DamageGrid grid;
  frame_damage(f, grid, "1111", false);
  const auto rects = frame_damage(f, grid, "2222", false);
  REQUIRE(!rects.empty());
  CHECK(covers(rects, 905, 605));   // inside the label
  CHECK(!covers(rects, 20, 20));    // the static text
  CHECK(total_area(rects) <= 4 * DamageGrid::kTile * DamageGrid::kTile * 2);
}

TEST_CASE("partial redraw: an image is redrawn every frame, its texture may change under the same id") {
  ImGuiFixture f;
  DamageGrid grid;
  frame_damage(f, grid, "1111", true);
  const auto rects = frame_damage(f, grid, "1111", true);
  REQUIRE(!rects.empty());
  CHECK(covers(rects, 110, 710));
  CHECK(!covers(rects, 905, 605));
}

TEST_CASE("partial redraw: an image with a content marker is redrawn only when its pixels change") {
  ImGuiFixture f;
  DamageGrid grid;
  attend::views::gl::Texture tex;
  tex.id = 4242;
  auto draw = [&](uint64_t content) {
    tex.content = content;
    f.frame([&] {
      ImGui::TextUnformatted("1111");
      attend::views::gl::draw_image(ImGui::GetWindowDrawList(), tex, ImVec2(600, 300), ImVec2(700, 400));
    });
    auto rects = find_damage(grid, *ImGui::GetDrawData(), kW, kH, font_texture());
    commit_damage(grid);
    return rects;
  };
  draw(1);
  CHECK(draw(1).empty());
  const auto changed = draw(2);
  CHECK(covers(changed, 650, 350));
  CHECK(!covers(changed, 10, 10));
}

TEST_CASE("partial redraw: after the image is forgotten or the window resized, everything is drawn") {
  ImGuiFixture f;
  DamageGrid grid;
  frame_damage(f, grid, "1111", false);
  frame_damage(f, grid, "1111", false);
  grid.valid = false;
  CHECK(total_area(frame_damage(f, grid, "1111", false)) == long{kW} * kH);
  CHECK(frame_damage(f, grid, "1111", false).empty());
  f.frame([] { ImGui::TextUnformatted("1111"); });
  const auto resized = find_damage(grid, *ImGui::GetDrawData(), 1024, 768, font_texture());
  REQUIRE(resized.size() == 1);
  CHECK(resized[0].area() == 1024 * 768);
}

TEST_CASE("partial redraw: scattered changes become few disjoint rectangles that cover them") {
  ImGuiFixture f;
  DamageGrid grid;
  auto scatter = [&](int phase) {
    f.frame([&] {
      for (int i = 0; i < 60; ++i) {
        ImGui::SetCursorPos(ImVec2(static_cast<float>((i * 197) % 1200), static_cast<float>((i * 113) % 760)));
        ImGui::Text("%d", (i + phase) % 10);
      }
    });
    auto rects = find_damage(grid, *ImGui::GetDrawData(), kW, kH, font_texture(), 8);
    commit_damage(grid);
    return rects;
  };
  scatter(0);
  const auto rects = scatter(1);
  CHECK(rects.size() <= 8);
  for (int i = 0; i < 60; ++i) {
    CAPTURE(i);
    CHECK(covers(rects, (i * 197) % 1200 + 4, (i * 113) % 760 + 6));
  }
  for (size_t i = 0; i < rects.size(); ++i)
    for (size_t j = i + 1; j < rects.size(); ++j) {
      const bool apart = rects[i].x1 <= rects[j].x0 || rects[j].x1 <= rects[i].x0 || rects[i].y1 <= rects[j].y0 ||
                         rects[j].y1 <= rects[i].y0;
      CHECK(apart);
    }
}

// The lessons below change the lesson panel, the view's settings and its plots from step to step and do not
// depend on the clock, so each step's screenshot is the same in every run.
TEST_CASE("partial redraw: lesson screenshots equal those of frames drawn whole") {
  for (const char* lesson : {"metrics", "saddle_points"}) {
    CAPTURE(std::string(lesson));
    const std::string args = "--lesson '" + attend::lessons_dir() + "/" + lesson + ".md'";
    const std::string whole = attend::testing::temp_dir(std::string("whole-") + lesson);
    REQUIRE(attend::testing::run_attend(whole, args, "ATTEND_REDRAW=whole") == 0);
    const std::string partial = attend::testing::temp_dir(std::string("partial-") + lesson);
    REQUIRE(attend::testing::run_attend(partial, args) == 0);
    int compared = 0;
    for (const auto& e : std::filesystem::directory_iterator(whole)) {
      if (e.path().extension() != ".png") continue;
      CAPTURE(e.path().filename().string());
      const std::string other = partial + "/" + e.path().filename().string();
      REQUIRE(std::filesystem::exists(other));
      CHECK(file_bytes(e.path().string()) == file_bytes(other));
      ++compared;
    }
    CHECK(compared >= 4);
  }
}
