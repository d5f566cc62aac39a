// Drawing TeX math laid out by core/text (layout_math) with the app's ImGui fonts. Core does the layout
// from a measuring callback; this file supplies that callback (the real glyph advances of the font each
// MathFont maps to) and paints the resulting runs and strokes into a draw list.
//
//   MathCache cache;                                       // owned by the view; keeps layouts between frames
//   const text::MathLayout& l = cache.get(fonts, node, fonts.size, /*display=*/false);
//   draw_math(dl, fonts, l, ImVec2(x, baseline_y), text_colour, verbatim_colour);
//
// Variables are set in the oblique face, operators and \text upright, \mathbf bold, \mathtt and unknown
// macros in the monospace face (unknown macros in their own colour, so an author sees what Attend did not
// understand). Script sizes use the small font, which is rasterised for them, instead of a shrunken body.
#pragma once

#include <map>
#include <memory>
#include <tuple>

#include <imgui.h>

#include "core/text/tex.h"
#include "views/fonts.h"

namespace attend::views {

// The font a run of `font` at `size` pixels is drawn with.
ImFont* math_font(const Fonts& fonts, text::MathFont font, float size);

// Metrics for layout_math backed by `fonts` (which must outlive the returned callback).
text::MathMetrics math_metrics(const Fonts& fonts);

// Paints `layout` with its baseline's left end at `origin`.
void draw_math(ImDrawList* dl, const Fonts& fonts, const text::MathLayout& layout, ImVec2 origin, ImU32 colour,
               ImU32 verbatim_colour);

// True when any run of the layout is an unknown macro shown verbatim.
bool has_verbatim(const text::MathLayout& layout);

// Layouts by (node, size, display). Entries hold the node alive, so an address is never reused for another
// formula while it is cached; clear() when the fonts change.
class MathCache {
 public:
  const text::MathLayout& get(const Fonts& fonts, const std::shared_ptr<const text::MathNode>& node, float size,
                              bool display);
  void clear() { m_entries.clear(); }
  size_t size() const { return m_entries.size(); }

 private:
  struct Entry {
    std::shared_ptr<const text::MathNode> node;
    text::MathLayout layout;
  };
  const Fonts* m_fonts = nullptr;
  float m_font_size = 0;
  std::map<std::tuple<const text::MathNode*, float, bool>, Entry> m_entries;
};

}  // namespace attend::views
