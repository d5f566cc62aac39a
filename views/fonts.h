// The fonts every view draws with, all from Debian's fonts-dejavu-core, so Latin, Cyrillic, Greek, arrows,
// sub/superscript digits and math operators render wherever a person's notes or a lesson use them.
// Loaded once at start (and again when the UI scale changes); the glyph-range arrays live inside Fonts
// because ImGui keeps pointers to them until the atlas is rebuilt.
#pragma once

#include <string>

#include <imgui.h>

#include "core/util/result.h"

namespace attend::views {

struct Fonts {
  ImFont* body = nullptr;     // prose, labels, widgets
  ImFont* bold = nullptr;     // strong emphasis, headings inside prose
  ImFont* italic = nullptr;   // emphasis and math variables (DejaVu Sans Oblique; the body font if absent)
  ImFont* mono = nullptr;     // code, numbers in tables
  ImFont* small = nullptr;    // tick labels, sub/superscripts
  ImFont* small_italic = nullptr;  // variables in sub/superscripts ($x_i$); small if the oblique face is absent
  ImFont* heading = nullptr;  // step titles
  ImFont* title = nullptr;    // the home screen
  float size = 16.0f;         // body size in pixels after scaling
  ImVector<ImWchar> text_ranges;  // Latin, Cyrillic, Greek, punctuation, math, arrows, shapes
  ImVector<ImWchar> basic_ranges; // Latin, Cyrillic, Greek
};

// Where the DejaVu fonts are looked for: ATTEND_FONT_DIR if set, else Debian's folder.
std::string font_dir();

// How glyphs are rasterised into the atlas. Smooth oversamples horizontally and relies on the GPU's bilinear
// filtering to place glyphs between pixels. PixelSnapped rasterises each glyph once at its pixel size and
// snaps it to whole pixels, so the atlas can be sampled with nearest filtering: identical text at 1:1, and on
// a software renderer (llvmpipe) every textured pixel, text and solid fills alike, costs far less to shade.
enum class GlyphMode { Smooth, PixelSnapped };

// Adds the fonts to io.Fonts (clearing what was there) at 16 px × scale and builds the atlas.
Status load_fonts(Fonts& fonts, float scale, GlyphMode mode = GlyphMode::Smooth);

// True when the body font has a real glyph (not the fallback) for every code point in `utf8`.
bool font_has_glyphs(const ImFont* font, const char* utf8);

}  // namespace attend::views
