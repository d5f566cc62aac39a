#include "views/plot/color.h"

#include <algorithm>
#include <cmath>

#include "views/theme.h"

namespace attend::views::plot {
namespace {

constexpr double kPi = 3.14159265358979323846;

double to_linear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double to_gamma(double c) { return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055; }

ImU32 pack(const double rgb[3], int alpha = 255) {
  auto byte = [](double c) { return static_cast<int>(std::lround(std::clamp(c, 0.0, 1.0) * 255.0)); };
  return IM_COL32(byte(rgb[0]), byte(rgb[1]), byte(rgb[2]), alpha);
}

Oklab from_lch(double L, double C, double h_deg) {
  const double h = h_deg * kPi / 180.0;
  return {L, C * std::cos(h), C * std::sin(h)};
}

// A map is a function t -> (L, C, h); this samples it into the 256-entry table.
template <class F>
ColorMap build(const char* name, bool diverging, F lch) {
  ColorMap m;
  m.name = name;
  m.diverging = diverging;
  for (int i = 0; i < 256; ++i) {
    double L = 0, C = 0, h = 0;
    lch(i / 255.0, L, C, h);
    m.lut[i] = oklch_color(L, C, h);
  }
  return m;
}

ColorMap make_lumen() {
  // Violet (h 315) through blue, teal and green to yellow (h 100); L 0.28 -> 0.93. Chroma dips in the middle
  // (teal cannot be as vivid as yellow at the same lightness) along a parabola through 0.14, 0.095, 0.185.
  return build("lumen", false, [](double t, double& L, double& C, double& h) {
    L = 0.28 + 0.65 * t;
    C = 0.14 - 0.225 * t + 0.27 * t * t;
    h = 315.0 - 215.0 * t;
  });
}

ColorMap make_ember() {
  // Near-black violet (h 300) through magenta and red to pale yellow (h 105 = 465 - 360); L 0.15 -> 0.97.
  return build("ember", false, [](double t, double& L, double& C, double& h) {
    L = 0.15 + 0.82 * t;
    C = 0.08 + 0.01 * t + 0.12 * std::sin(kPi * t);
    h = std::fmod(300.0 + 165.0 * t, 360.0);
  });
}

// Diverging: L and C depend only on s = |2t - 1|; C = 0 at the centre; one hue per side.
template <class F>
ColorMap build_diverging(const char* name, double hue_lo, double hue_hi, F shape) {
  return build(name, true, [&](double t, double& L, double& C, double& h) {
    const double s = std::fabs(2.0 * t - 1.0);
    shape(s, L, C);
    h = t < 0.5 ? hue_lo : hue_hi;
  });
}

ColorMap make_balance() {
  // Blue (h 255) and red (h 25) at L 0.42 meeting at a light neutral grey (L 0.96).
  return build_diverging("balance", 255.0, 25.0, [](double s, double& L, double& C) {
    L = 0.96 - 0.54 * s;
    C = 0.15 * std::sin(s * kPi / 2);
  });
}

ColorMap make_dusk() {
  // For dark themes: a dark neutral centre (L 0.27, just above the plot background) rising to light blue
  // (h 240) and light orange (h 60) at L 0.86, so small values fade into the background instead of glowing.
  return build_diverging("dusk", 240.0, 60.0, [](double s, double& L, double& C) {
    L = 0.27 + 0.59 * s;
    C = 0.16 * std::sin(s * kPi / 2);
  });
}

}  // namespace

Oklab srgb_to_oklab(double r, double g, double b) {
  r = to_linear(r);
  g = to_linear(g);
  b = to_linear(b);
  const double l = std::cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const double m = std::cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const double s = std::cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
          1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
          0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s};
}

Oklab to_oklab(ImU32 c) {
  const ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  return srgb_to_oklab(v.x, v.y, v.z);
}

bool oklab_to_srgb(const Oklab& lab, double rgb[3]) {
  const double l_ = lab.L + 0.3963377774 * lab.a + 0.2158037573 * lab.b;
  const double m_ = lab.L - 0.1055613458 * lab.a - 0.0638541728 * lab.b;
  const double s_ = lab.L - 0.0894841775 * lab.a - 1.2914855480 * lab.b;
  const double l = l_ * l_ * l_, m = m_ * m_ * m_, s = s_ * s_ * s_;
  const double lin[3] = {+4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
                         -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
                         -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
  bool inside = true;
  for (int i = 0; i < 3; ++i) {
    if (lin[i] < -1e-6 || lin[i] > 1 + 1e-6) inside = false;
    rgb[i] = to_gamma(std::clamp(lin[i], 0.0, 1.0));
  }
  return inside;
}

ImU32 oklch_color(double L, double C, double hue_degrees) {
  double rgb[3];
  if (oklab_to_srgb(from_lch(L, C, hue_degrees), rgb)) return pack(rgb);
  // Keep L and h, find the largest chroma that fits.
  double lo = 0, hi = C;
  for (int i = 0; i < 30; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (oklab_to_srgb(from_lch(L, mid, hue_degrees), rgb))
      lo = mid;
    else
      hi = mid;
  }
  oklab_to_srgb(from_lch(L, lo, hue_degrees), rgb);
  return pack(rgb);
}

const ColorMap& color_map(ColorMapId id) {
  // Built once on first use (thread-safe static initialisation); immutable afterwards.
  static const ColorMap maps[] = {make_lumen(), make_ember(), make_balance(), make_dusk()};
  return maps[static_cast<int>(id)];
}

const ColorMap& diverging_map(const Palette& palette) {
  return to_oklab(palette.background).L > 0.6 ? color_map(ColorMapId::Balance) : color_map(ColorMapId::Dusk);
}

ImU32 sample(const ColorMap& map, double t) {
  if (std::isnan(t)) return IM_COL32(0, 0, 0, 0);
  const int i = static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * 255.0));
  return map.lut[i];
}

ColorScale make_color_scale(double vmin, double vmax, bool diverging, double center) {
  if (!std::isfinite(vmin) || !std::isfinite(vmax)) return {0, 1};
  if (vmax < vmin) std::swap(vmin, vmax);
  if (diverging) {
    double m = std::max(std::fabs(vmin - center), std::fabs(vmax - center));
    if (!(m > 0)) m = 1;
    return {center - m, center + m};
  }
  if (vmax == vmin) return {vmin - 0.5, vmax + 0.5};
  return {vmin, vmax};
}

ImU32 with_alpha(ImU32 color, float alpha) {
  const int a = static_cast<int>(std::lround(std::clamp(alpha, 0.0f, 1.0f) * 255.0f));
  return (color & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
  const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t,
                                               x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

ImU32 text_color_on(ImU32 background) {
  return to_oklab(background).L > 0.62 ? IM_COL32(22, 24, 29, 255) : IM_COL32(245, 246, 248, 255);
}

ImU32 category_color(const Palette& palette, int index) {
  const int n = static_cast<int>(sizeof palette.series / sizeof palette.series[0]);
  return palette.series[((index % n) + n) % n];
}

}  // namespace attend::views::plot
