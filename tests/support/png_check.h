// Reading headless screenshots back for pixel checks: load a PNG, read the panel rectangles a view wrote to
// its layout file (the gallery's format: "panel NAME x0 y0 x1 y1 area x0 y0 x1 y1"), and measure ink,
// colours and contrast inside a rectangle.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <stb_image.h>

namespace attend::testing {

struct Rgb {
  int r = 0, g = 0, b = 0;
};

struct Rect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int w() const { return x1 - x0; }
  int h() const { return y1 - y0; }
  long area() const { return static_cast<long>(w()) * h(); }
};

// A view's panel and the plot area inside it, as its layout file gives them.
struct Panel {
  Rect panel, area;
};

struct Png {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;
  Rgb at(int x, int y) const {
    x = std::clamp(x, 0, width - 1);
    y = std::clamp(y, 0, height - 1);
    const unsigned char* p = &rgba[(static_cast<size_t>(y) * width + x) * 4];
    return {p[0], p[1], p[2]};
  }
};

inline Png load_png(const std::string& path) {
  Png img;
  int n = 0;
  unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &n, 4);
  REQUIRE_MESSAGE(data != nullptr, "cannot read " << path);
  img.rgba.assign(data, data + static_cast<size_t>(img.width) * img.height * 4);
  stbi_image_free(data);
  return img;
}

inline double luminance(const Rgb& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }
inline int distance(const Rgb& a, const Rgb& b) { return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b); }

inline std::map<std::string, Panel> read_panels(const std::string& path) {
  std::map<std::string, Panel> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string word, name, area;
    Panel p;
    if (ls >> word >> name >> p.panel.x0 >> p.panel.y0 >> p.panel.x1 >> p.panel.y1 >> area >> p.area.x0 >> p.area.y0 >>
            p.area.x1 >> p.area.y1 &&
        word == "panel" && area == "area")
      out[name] = p;
  }
  return out;
}

// The panels' outer rectangles only.
inline std::map<std::string, Rect> read_layout(const std::string& path) {
  std::map<std::string, Rect> out;
  for (const auto& [name, p] : read_panels(path)) out[name] = p.panel;
  return out;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Pixels in `r` far (L1 > threshold) from the colour at its top-left inside corner: text and drawing.
inline double ink_fraction(const Png& img, const Rect& r, int threshold = 150) {
  const Rgb bg = img.at(r.x0 + 3, r.y0 + 3);
  long ink = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) ink += distance(img.at(x, y), bg) > threshold;
  return static_cast<double>(ink) / std::max(1, r.w() * r.h());
}

inline int count_near(const Png& img, const Rect& r, const Rgb& colour, int tolerance) {
  int n = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) n += distance(img.at(x, y), colour) <= tolerance;
  return n;
}

inline int distinct_colours(const Png& img, const Rect& r) {
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

inline double luminance_sd(const Png& img, const Rect& r) {
  double s = 0, s2 = 0;
  const double n = std::max(1.0, static_cast<double>(r.w()) * r.h());
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) {
      const double l = luminance(img.at(x, y));
      s += l;
      s2 += l * l;
    }
  return std::sqrt(std::max(0.0, s2 / n - (s / n) * (s / n)));
}

}  // namespace attend::testing
