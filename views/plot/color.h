// Colour for plots: the Oklab colour space, perceptually uniform colour maps built in it, and small helpers
// (alpha, mixing, readable text on a coloured cell, categorical colours from the theme).
//
// How the maps are made (no table is copied from another library): each map is a path through Oklch
// (lightness L, chroma C, hue h) sampled at 256 points and converted to sRGB.
//  - Sequential maps ("lumen": violet → blue → teal → green → yellow, like viridis; "ember": near-black violet →
//    red → orange → pale yellow, like magma) let L rise linearly with t, so equal steps in value are equal
//    steps in lightness, and sweep the hue linearly; chroma follows a gentle arc.
//  - Diverging maps ("balance": blue → light grey → red; "dusk": blue → dark grey → orange for dark themes)
//    are symmetric about t = 0.5: L and C depend only on |2t − 1|, C is exactly 0 at the centre (a neutral
//    grey), and each side keeps one hue.
//  - Where a point falls outside sRGB, only its chroma is reduced (by bisection) until it fits, so lightness,
//    the property the eye reads as "more", stays exactly as designed.
// tests/views/plot/test_color.cpp checks monotone lightness, near-uniform perceptual steps and the neutral,
// symmetric centre.
#pragma once

#include <array>
#include <cstdint>

#include <imgui.h>

namespace attend::views {
struct Palette;
}

namespace attend::views::plot {

struct Oklab {
  double L = 0, a = 0, b = 0;
};

// sRGB components in [0, 1] (gamma-encoded, as stored in an ImU32) to Oklab and back.
Oklab srgb_to_oklab(double r, double g, double b);
Oklab to_oklab(ImU32 color);
// Returns false when the colour lies outside sRGB (the components are then clamped).
bool oklab_to_srgb(const Oklab& lab, double rgb[3]);
// An opaque colour from Oklch (hue in degrees), chroma reduced until it fits in sRGB.
ImU32 oklch_color(double L, double C, double hue_degrees);

enum class ColorMapId { Lumen, Ember, Balance, Dusk };

struct ColorMap {
  const char* name = "";
  bool diverging = false;
  std::array<ImU32, 256> lut{};
};

const ColorMap& color_map(ColorMapId id);
// The diverging map that suits the theme: "balance" (light centre) on light backgrounds, "dusk" on dark ones.
const ColorMap& diverging_map(const Palette& palette);
// t in [0, 1] (clamped); NaN gives a transparent colour so missing values show the background.
ImU32 sample(const ColorMap& map, double t);

// Maps data values to [0, 1] for a colour map: linear, or symmetric about `center` for diverging maps.
struct ColorScale {
  double lo = 0, hi = 1;
  double to_t(double v) const { return hi > lo ? (v - lo) / (hi - lo) : 0.5; }
};
// The scale for values in [vmin, vmax]; for a diverging map the range is widened to be symmetric about center.
ColorScale make_color_scale(double vmin, double vmax, bool diverging, double center = 0.0);

ImU32 with_alpha(ImU32 color, float alpha);  // alpha in [0, 1] replaces the colour's own
ImU32 mix(ImU32 a, ImU32 b, float t);         // straight sRGB blend, t = 0 gives a
// Black-ish or white-ish, whichever reads better on `background`.
ImU32 text_color_on(ImU32 background);
// The theme's categorical colours (Okabe–Ito), cycling after eight.
ImU32 category_color(const Palette& palette, int index);

}  // namespace attend::views::plot
