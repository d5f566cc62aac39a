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

TEST_CASE("partial redraw: merging keeps every rectangle covered within the limit") {
  std::vector<PixelRect> rects;
  for (int i = 0; i < 150; ++i) {
    const int x = (i * 97) % 1200, y = (i * 53) % 760;
    rects.push_back({x, y, x + 32, y + 32});
  }
  const auto merged = merge_rects(rects, 6);
  CHECK(merged.size() <= 6);
  for (const PixelRect& r : rects) {
    CAPTURE(r.x0);
    CAPTURE(r.y0);
    CHECK(covers(merged, r.x0, r.y0));
    CHECK(covers(merged, r.x1 - 1, r.y1 - 1));
  }
  // Two neighbours and one far away: the neighbours join, the far one stays apart.
  const auto two = merge_rects({{0, 0, 32, 32}, {32, 0, 64, 32}, {1000, 700, 1032, 732}}, 2);
  REQUIRE(two.size() == 2);
  CHECK(total_area(two) == 3 * 32 * 32);
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
