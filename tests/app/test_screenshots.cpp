// Headless screenshots: the app renders the home screen and the gallery under xvfb-run (Mesa llvmpipe) and the
// PNGs are checked for the drawing itself: text where text belongs, every gallery panel painted, heatmap
// colours ordered like the colour map, both halves of a diverging map, a 3-D surface that is not blank.
// The gallery reports where its panels are (ATTEND_GALLERY_LAYOUT) so no pixel position is hard-coded.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/png_check.h"
#include "support/run_attend.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace attend::testing;
using Image = Png;

namespace {

int spread(const Rgb& c) { return std::max({c.r, c.g, c.b}) - std::min({c.r, c.g, c.b}); }


Rgb mean_colour(const Image& img, const Rect& r) {
  long sr = 0, sg = 0, sb = 0, n = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) {
      const Rgb c = img.at(x, y);
      sr += c.r, sg += c.g, sb += c.b, ++n;
    }
  return {static_cast<int>(sr / n), static_cast<int>(sg / n), static_cast<int>(sb / n)};
}

// Checks shared by both themes: every panel laid out inside the window and painted.
void check_gallery_layout(const Image& img, const std::map<std::string, Panel>& layout) {
  for (const char* name : {"line", "curves", "heatmap", "boundary", "scatter", "diverging", "bars", "contours", "surface"}) {
    CAPTURE(name);
    REQUIRE(layout.count(name) == 1);
    const Panel& p = layout.at(name);
    CHECK((p.panel.x0 >= 0 && p.panel.y0 >= 0 && p.panel.x1 <= img.width && p.panel.y1 <= img.height));
    CHECK((p.area.x0 >= p.panel.x0 && p.area.y0 >= p.panel.y0 && p.area.x1 <= p.panel.x1 && p.area.y1 <= p.panel.y1));
    CHECK(p.area.w() >= 80);
    CHECK(p.area.h() >= 80);
    CHECK(luminance_sd(img, p.area) > 8);         // not a flat fill
    CHECK(distinct_colours(img, p.area) > 12);    // drawn with more than a couple of colours
  }
}

// The heatmap's colour bar runs from dark (low) at the bottom to light (high) at the top, monotonically, and
// the weight-1 cell (the first token attends only to itself) is the lightest cell.
void check_sequential_heatmap(const Image& img, const Panel& p) {
  const int bar_x = p.area.x1 + 8 + 5;  // 8 px gap, then the 11 px bar: its middle column
  double prev = -1;
  int rises = 0;
  for (int y = p.area.y1 - 2; y >= p.area.y0 + 2; y -= 4) {
    const double l = luminance(img.at(bar_x, y));
    CHECK(l >= prev - 3);
    if (l > prev + 0.5) ++rises;
    prev = l;
  }
  CHECK(rises > 10);
  const int n = 8;
  const double cw = p.area.w() / static_cast<double>(n), ch = p.area.h() / static_cast<double>(n);
  auto cell = [&](int r, int c) { return img.at(static_cast<int>(p.area.x0 + (c + 0.5) * cw), static_cast<int>(p.area.y0 + (r + 0.5) * ch)); };
  const double top = luminance(cell(0, 0));
  for (int r = 1; r < n; ++r)
    for (int c = 0; c <= r; ++c) {
      if (r == 6) continue;  // the highlighted row's outline may cross a cell centre
      CHECK(luminance(cell(r, c)) < top);
    }
  // Masked cells (keys after the query) are grey: no colour from the map.
  for (int c = 1; c < n; ++c) CHECK(spread(cell(0, c)) < 40);
}

}  // namespace

TEST_CASE("headless home screen renders text") {
  const std::string dir = temp_dir("home");
  REQUIRE_MESSAGE(run_attend(dir, "--view home --frames 3") == 0, read_text(dir + "/run.log"));
  const Image img = load_png(dir + "/home.png");
  CHECK(img.width == 1280);
  CHECK(img.height == 800);
  // The title and the introduction: many pixels far from the background in the top-left band.
  const Rgb bg = img.at(640, 700);
  int ink = 0;
  for (int y = 30; y < 100; ++y)
    for (int x = 8; x < 600; ++x) ink += distance(img.at(x, y), bg) > 150;
  CHECK(ink > 800);
  // And it is text, not a filled block: most of the band is still background.
  CHECK(ink < 70 * 592 / 3);
  fs::remove_all(dir);
}

TEST_CASE("headless gallery draws every plot primitive and the 3-D surface") {
  const std::string dir = temp_dir("gallery");
  const std::string layout_path = dir + "/layout.txt";
  REQUIRE_MESSAGE(run_attend(dir, "--view gallery --frames 3 --theme dark", "ATTEND_GALLERY_LAYOUT='" + layout_path + "'") == 0,
                  read_text(dir + "/run.log"));
  const Image img = load_png(dir + "/gallery.png");
  const auto layout = read_panels(layout_path);
  check_gallery_layout(img, layout);
  check_sequential_heatmap(img, layout.at("heatmap"));

  // Line plot and training curves: the theme's first three series colours are all drawn.
  for (const char* name : {"line", "curves"}) {
    CAPTURE(name);
    for (const Rgb& c : {Rgb{86, 180, 233}, Rgb{230, 159, 0}, Rgb{0, 158, 115}}) CHECK(count_near(img, layout.at(name).area, c, 40) > 40);
  }
  // Diverging scores: both sides of the map appear (blue for negative, orange for positive).
  const Rect div = layout.at("diverging").area;
  int blue = 0, orange = 0;
  for (int y = div.y0; y < div.y1; ++y)
    for (int x = div.x0; x < div.x1; ++x) {
      const Rgb c = img.at(x, y);
      blue += c.b > c.r + 40;
      orange += c.r > c.b + 40;
    }
  CHECK(blue > 150);
  CHECK(orange > 150);
  // Decision surface: p(B) is high at the top (the map's orange end) and low at the bottom (blue).
  const Rect bd = layout.at("boundary").area;
  const Rgb top = mean_colour(img, {bd.x0, bd.y0 + 2, bd.x1, bd.y0 + bd.h() / 8});
  const Rgb bottom = mean_colour(img, {bd.x0, bd.y1 - bd.h() / 8, bd.x1, bd.y1 - 2});
  CHECK(top.r > top.b + 20);
  CHECK(bottom.b > bottom.r + 20);
  // Bars: the highlighted (sampled) token's bar in the highlight colour, the others in the first series colour.
  CHECK(count_near(img, layout.at("bars").area, Rgb{255, 214, 10}, 30) > 300);
  CHECK(count_near(img, layout.at("bars").area, Rgb{86, 180, 233}, 30) > 300);
  // Embeddings: the five clusters' colours.
  for (const Rgb& c : {Rgb{86, 180, 233}, Rgb{230, 159, 0}, Rgb{0, 158, 115}, Rgb{204, 121, 167}, Rgb{240, 228, 66}})
    CHECK(count_near(img, layout.at("scatter").area, c, 40) > 30);
  // Filled contours: many bands of the sequential map.
  CHECK(distinct_colours(img, layout.at("contours").area) > 40);
  // The 3-D surface covers a good part of its image, in many shades (lighting and the colour map).
  const Rect s = layout.at("surface").area;
  const Rgb bg = img.at(s.x0 + 3, s.y0 + 3);
  int covered = 0;
  for (int y = s.y0; y < s.y1; ++y)
    for (int x = s.x0; x < s.x1; ++x) covered += distance(img.at(x, y), bg) > 40;
  CHECK(covered > s.w() * s.h() / 5);
  CHECK(distinct_colours(img, s) > 60);
  fs::remove_all(dir);
}

TEST_CASE("headless gallery in the light theme") {
  const std::string dir = temp_dir("light");
  const std::string layout_path = dir + "/layout.txt";
  REQUIRE_MESSAGE(run_attend(dir, "--view gallery --frames 3 --theme light", "ATTEND_GALLERY_LAYOUT='" + layout_path + "'") == 0,
                  read_text(dir + "/run.log"));
  const Image img = load_png(dir + "/gallery.png");
  const auto layout = read_panels(layout_path);
  check_gallery_layout(img, layout);
  check_sequential_heatmap(img, layout.at("heatmap"));
  // Light plot backgrounds: the line plot's corner is white-ish.
  const Rect a = layout.at("line").area;
  CHECK(luminance(img.at(a.x0 + 3, a.y1 - 3)) > 230);
  fs::remove_all(dir);
}
