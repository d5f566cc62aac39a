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

#include <stb_image.h>

namespace fs = std::filesystem;

namespace {

struct Rgb {
  int r = 0, g = 0, b = 0;
};

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;
  Rgb at(int x, int y) const {
    x = std::clamp(x, 0, width - 1);
    y = std::clamp(y, 0, height - 1);
    const unsigned char* p = &rgba[(static_cast<size_t>(y) * width + x) * 4];
    return {p[0], p[1], p[2]};
  }
};

double luminance(const Rgb& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }
int spread(const Rgb& c) { return std::max({c.r, c.g, c.b}) - std::min({c.r, c.g, c.b}); }
int distance(const Rgb& a, const Rgb& b) { return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b); }

Image load_png(const std::string& path) {
  Image img;
  int n = 0;
  unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &n, 4);
  REQUIRE_MESSAGE(data != nullptr, "cannot read " << path);
  img.rgba.assign(data, data + static_cast<size_t>(img.width) * img.height * 4);
  stbi_image_free(data);
  return img;
}

std::string temp_dir(const char* name) {
  const fs::path p = fs::temp_directory_path() / ("attend-shots-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

// Runs the app headless; returns its exit status. Output goes to DIR/run.log for the failure message.
int run_attend(const std::string& dir, const std::string& args, const std::string& env = "") {
  const std::string cmd = env + " '" + std::string(ATTEND_BINARY) + "' --headless --screenshot-dir '" + dir + "' " + args +
                          " > '" + dir + "/run.log' 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Rect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int w() const { return x1 - x0; }
  int h() const { return y1 - y0; }
};

struct Panel {
  Rect panel, area;
};

std::map<std::string, Panel> read_layout(const std::string& path) {
  std::map<std::string, Panel> out;
  std::ifstream in(path);
  std::string word, name, area_word;
  while (in >> word >> name) {
    Panel p;
    in >> p.panel.x0 >> p.panel.y0 >> p.panel.x1 >> p.panel.y1 >> area_word >> p.area.x0 >> p.area.y0 >> p.area.x1 >>
        p.area.y1;
    if (word == "panel" && area_word == "area") out[name] = p;
  }
  return out;
}

// Distinct colours in a rectangle, each channel quantised to 16 levels.
int distinct_colours(const Image& img, const Rect& r) {
  std::vector<char> seen(4096, 0);
  int n = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) {
      const Rgb c = img.at(x, y);
      const int k = (c.r >> 4) << 8 | (c.g >> 4) << 4 | (c.b >> 4);
      if (!seen[k]) seen[k] = 1, ++n;
    }
  return n;
}

int count_near(const Image& img, const Rect& r, const Rgb& colour, int tolerance) {
  int n = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) n += distance(img.at(x, y), colour) <= tolerance;
  return n;
}

double luminance_sd(const Image& img, const Rect& r) {
  double s = 0, s2 = 0;
  const double n = static_cast<double>(r.w()) * r.h();
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) {
      const double l = luminance(img.at(x, y));
      s += l;
      s2 += l * l;
    }
  return std::sqrt(std::max(0.0, s2 / n - (s / n) * (s / n)));
}

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
  const auto layout = read_layout(layout_path);
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
  const auto layout = read_layout(layout_path);
  check_gallery_layout(img, layout);
  check_sequential_heatmap(img, layout.at("heatmap"));
  // Light plot backgrounds: the line plot's corner is white-ish.
  const Rect a = layout.at("line").area;
  CHECK(luminance(img.at(a.x0 + 3, a.y1 - 3)) > 230);
  fs::remove_all(dir);
}
