#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "views/plot/color.h"

using namespace attend::views::plot;

namespace {
double delta_e(const Oklab& a, const Oklab& b) {
  return std::sqrt((a.L - b.L) * (a.L - b.L) + (a.a - b.a) * (a.a - b.a) + (a.b - b.b) * (a.b - b.b));
}
double chroma(const Oklab& c) { return std::hypot(c.a, c.b); }
}  // namespace

TEST_CASE("Oklab round trip and reference values") {
  // White is L = 1 with no chroma; black L = 0.
  const Oklab w = srgb_to_oklab(1, 1, 1);
  CHECK(w.L == doctest::Approx(1.0).epsilon(1e-4));
  CHECK(std::fabs(w.a) < 1e-4);
  CHECK(std::fabs(w.b) < 1e-4);
  CHECK(srgb_to_oklab(0, 0, 0).L == doctest::Approx(0.0));
  // Ottosson's published value for sRGB red: L 0.6279, a 0.2249, b 0.1258.
  const Oklab r = srgb_to_oklab(1, 0, 0);
  CHECK(r.L == doctest::Approx(0.6279).epsilon(1e-3));
  CHECK(r.a == doctest::Approx(0.2249).epsilon(1e-3));
  CHECK(r.b == doctest::Approx(0.1258).epsilon(1e-3));
  double rgb[3];
  CHECK(oklab_to_srgb(srgb_to_oklab(0.2, 0.5, 0.8), rgb));
  CHECK(rgb[0] == doctest::Approx(0.2).epsilon(1e-6));
  CHECK(rgb[1] == doctest::Approx(0.5).epsilon(1e-6));
  CHECK(rgb[2] == doctest::Approx(0.8).epsilon(1e-6));
  // Far outside the gamut: reported, and oklch_color keeps the lightness by giving up chroma.
  CHECK_FALSE(oklab_to_srgb(Oklab{0.5, 0.4, 0.0}, rgb));
  CHECK(to_oklab(oklch_color(0.5, 0.4, 0.0)).L == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("sequential maps: lightness rises monotonically and evenly") {
  for (ColorMapId id : {ColorMapId::Lumen, ColorMapId::Ember}) {
    const ColorMap& m = color_map(id);
    CAPTURE(m.name);
    CHECK_FALSE(m.diverging);
    double prev = -1;
    for (int i = 0; i < 256; ++i) {
      const double L = to_oklab(m.lut[i]).L;
      CHECK(L >= prev - 2e-3);  // monotone up to 8-bit rounding
      prev = L;
    }
    // Perceptual steps between neighbours of 16 entries stay within a factor of 2.5 of each other (the hue
    // sweep and chroma arc make them differ somewhat; a rainbow map fails this by far).
    std::vector<double> steps;
    for (int i = 0; i + 16 < 256; i += 16) steps.push_back(delta_e(to_oklab(m.lut[i]), to_oklab(m.lut[i + 16])));
    const double lo = *std::min_element(steps.begin(), steps.end()), hi = *std::max_element(steps.begin(), steps.end());
    CHECK(hi / lo < 2.5);
    CHECK(to_oklab(m.lut[255]).L - to_oklab(m.lut[0]).L > 0.6);  // a wide lightness range
  }
}

TEST_CASE("diverging maps: a neutral centre, symmetric lightness and chroma, monotone halves") {
  for (ColorMapId id : {ColorMapId::Balance, ColorMapId::Dusk}) {
    const ColorMap& m = color_map(id);
    CAPTURE(m.name);
    CHECK(m.diverging);
    // The centre entries (127, 128 straddle t = 0.5) are grey.
    CHECK(chroma(to_oklab(m.lut[127])) < 0.01);
    CHECK(chroma(to_oklab(m.lut[128])) < 0.01);
    for (int i = 0; i < 128; ++i) {
      const Oklab a = to_oklab(m.lut[i]), b = to_oklab(m.lut[255 - i]);
      CHECK(a.L == doctest::Approx(b.L).epsilon(0.01));
      CHECK(chroma(a) == doctest::Approx(chroma(b)).epsilon(0.03));
    }
    // Each half changes lightness in one direction only.
    const bool light_centre = to_oklab(m.lut[128]).L > to_oklab(m.lut[0]).L;
    for (int i = 1; i < 128; ++i) {
      const double d = to_oklab(m.lut[i]).L - to_oklab(m.lut[i - 1]).L;
      CHECK((light_centre ? d >= -2e-3 : d <= 2e-3));
    }
    // The two ends have clearly different hues (opposite sides).
    const Oklab lo = to_oklab(m.lut[0]), hi = to_oklab(m.lut[255]);
    CHECK(lo.a * hi.a + lo.b * hi.b < 0);
  }
}

TEST_CASE("colour scales and helpers") {
  ColorScale s = make_color_scale(-1, 3, true, 0);
  CHECK(s.lo == -3);
  CHECK(s.hi == 3);
  CHECK(s.to_t(0) == doctest::Approx(0.5));
  s = make_color_scale(2, 4, false);
  CHECK(s.to_t(3) == doctest::Approx(0.5));
  CHECK(make_color_scale(1, 1, false).hi > make_color_scale(1, 1, false).lo);  // never a zero range
  const ColorMap& m = color_map(ColorMapId::Lumen);
  CHECK(sample(m, -5) == m.lut[0]);
  CHECK(sample(m, 5) == m.lut[255]);
  CHECK((sample(m, std::nan("")) & IM_COL32_A_MASK) == 0u);
  CHECK(((with_alpha(IM_COL32(10, 20, 30, 255), 0.5f) >> IM_COL32_A_SHIFT) & 0xFF) == 128u);
  CHECK(text_color_on(IM_COL32(250, 250, 250, 255)) != text_color_on(IM_COL32(10, 10, 10, 255)));
}
