// Headless screenshots of the loss-surface view (xvfb-run, Mesa llvmpipe), checked for what each panel must
// show: a lit 3-D surface that covers its image, the 2-D panel filled with the height colour map, the racers'
// trails in their colours on the map and in the loss curves, the saddle experiment's plots and the network
// slice. The view writes its panel rectangles to $ATTEND_SURFACE_LAYOUT, so no position is hard-coded.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/png_check.h"
#include "support/run_attend.h"
#include "views/plot/color.h"

namespace fs = std::filesystem;
using namespace attend::testing;
using Image = Png;

namespace {

Rgb from_u32(ImU32 c) { return {static_cast<int>(c & 0xFF), static_cast<int>((c >> 8) & 0xFF), static_cast<int>((c >> 16) & 0xFF)}; }

// Runs the app headless on the surface view; returns the screenshot and the panels it reported.
struct Shot {
  Image image;
  std::map<std::string, Panel> layout;
};

Shot shoot(const char* name, const std::string& args) {
  const fs::path dir = fs::temp_directory_path() / ("attend-surface-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string layout = (dir / "layout.txt").string();
  const int rc = run_attend(dir.string(), "--view surface " + args, "ATTEND_SURFACE_LAYOUT='" + layout + "'");
  REQUIRE_MESSAGE(rc == 0, read_text((dir / "run.log").string()));
  Shot s;
  s.image = load_png((dir / "surface.png").string());
  s.layout = read_panels(layout);
  fs::remove_all(dir);
  return s;
}

const Rect& area(const Shot& s, const char* name) {
  INFO("panel ", name);
  REQUIRE(s.layout.count(name) == 1);
  const Rect& r = s.layout.at(name).area;
  CHECK((r.x0 >= 0 && r.y0 >= 0 && r.x1 <= s.image.width && r.y1 <= s.image.height));
  CHECK(r.w() >= 80);
  CHECK(r.h() >= 80);
  return r;
}

// Pixels that differ from the image's corner colour (the background behind a 3-D surface).
long covered(const Image& img, const Rect& r) {
  const Rgb bg = img.at(r.x0 + 3, r.y0 + 3);
  long n = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) n += distance(img.at(x, y), bg) > 40;
  return n;
}

// Pixels whose colour is (nearly) one of the height colour map's.
long on_colour_map(const Image& img, const Rect& r) {
  const auto& lut = attend::views::plot::color_map(attend::views::plot::ColorMapId::Lumen).lut;
  std::vector<Rgb> cols;
  for (size_t i = 0; i < lut.size(); i += 4) cols.push_back(from_u32(lut[i]));
  long n = 0;
  for (int y = r.y0; y < r.y1; y += 2)
    for (int x = r.x0; x < r.x1; x += 2) {
      const Rgb c = img.at(x, y);
      n += std::any_of(cols.begin(), cols.end(), [&](const Rgb& m) { return distance(c, m) <= 24; });
    }
  return n * 4;
}

}  // namespace

TEST_CASE("surface view screenshot: lit 3-D mesh, filled contours, racer trails and loss curves") {
  // SGD and Adam from one start take different paths; 60 steps are taken before the frame is shot.
  const Shot s = shoot("race", "--frames 3 --theme dark --set racers=SGD,Adam --set start=-0.5,1.5 --set speed=0 --set advance=60");
  const Image& img = s.image;
  const Rect& a3 = area(s, "3d");
  CHECK(covered(img, a3) > a3.area() / 4);
  CHECK(distinct_colours(img, a3) > 60);
  const Rect& a2 = area(s, "2d");
  CHECK(on_colour_map(img, a2) > a2.area() / 2);
  // The dark theme's series colours: SGD sky blue, Adam lavender (views/theme.cpp), on the map and in the curves.
  const Rgb sgd{86, 180, 233}, adam{150, 150, 255};
  CHECK(count_near(img, a2, sgd, 40) > 30);
  CHECK(count_near(img, a2, adam, 40) > 30);
  const Rect& loss = area(s, "loss");
  CHECK(count_near(img, loss, sgd, 40) > 30);
  CHECK(count_near(img, loss, adam, 40) > 30);
  // The racer table is drawn (text on its rows).
  CHECK(distinct_colours(img, area(s, "racers")) > 6);
}

TEST_CASE("surface view screenshot: light theme, step-by-step arrows and the step card") {
  const Shot s = shoot("light", "--frames 3 --theme light --set surface=rosenbrock --set start=-1,0.5 --set step_by_step=true "
                                "--set focus=Momentum --set advance=5");
  const Image& img = s.image;
  const Rect& a3 = area(s, "3d");
  CHECK(covered(img, a3) > a3.area() / 4);
  const Rect& a2 = area(s, "2d");
  CHECK(on_colour_map(img, a2) > a2.area() / 2);
  // The step arrows: the gradient arrow in the light theme's "bad" red and the velocity in its accent blue.
  CHECK(count_near(img, a2, Rgb{200, 40, 40}, 40) > 20);
  CHECK(count_near(img, a2, Rgb{40, 110, 210}, 40) > 20);
  // The step card replaces the racer table, and the loss plot keeps a white background.
  CHECK(s.layout.count("step") == 1);
  CHECK(s.layout.count("racers") == 0);
  const Rect& loss = area(s, "loss");
  CHECK(count_near(img, loss, Rgb{255, 255, 255}, 6) > loss.area() / 3);
}

TEST_CASE("surface view screenshot: saddles in high dimensions, measured beside the theory") {
  const Shot s = shoot("saddles", "--frames 3 --set mode=saddles --set saddles.max_d=5 --set saddles.trials=2000 "
                                  "--set saddles.field_max_d=3");
  const Image& img = s.image;
  for (const char* name : {"goe", "field", "network"}) {
    CAPTURE(name);
    CHECK(distinct_colours(img, area(s, name)) > 8);
  }
  // Measured points in the theme's "good" green in the matrix and function plots; minima and saddles in the
  // network plot.
  const Rgb good{80, 200, 120}, warning{240, 180, 60};
  CHECK(count_near(img, area(s, "goe"), good, 40) > 30);
  CHECK(count_near(img, area(s, "field"), good, 40) > 30);
  CHECK(count_near(img, area(s, "network"), good, 40) > 20);
  CHECK(count_near(img, area(s, "network"), warning, 40) > 20);
}

TEST_CASE("surface view screenshot: a real network's loss slice, interpolation and training curve") {
  const Shot s = shoot("slice", "--frames 3 --set mode=slice --set slice.steps=120 --set slice.n=21");
  const Image& img = s.image;
  const Rect& a3 = area(s, "slice3d");
  CHECK(covered(img, a3) > a3.area() / 5);
  CHECK(distinct_colours(img, a3) > 40);
  const Rect& a2 = area(s, "slice2d");
  CHECK(on_colour_map(img, a2) > a2.area() / 3);
  CHECK(count_near(img, area(s, "interp"), Rgb{86, 156, 240}, 40) > 30);  // the curve in the accent colour
  CHECK(count_near(img, area(s, "train"), Rgb{255, 214, 10}, 40) > 30);   // the training loss in the highlight
}
