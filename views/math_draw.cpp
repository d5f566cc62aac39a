#include "views/math_draw.h"

#include <vector>

namespace attend::views {

ImFont* math_font(const Fonts& fonts, text::MathFont font, float size) {
  // The small font is rasterised at script size; scaling the body font down blurs thin strokes.
  const bool script = fonts.small && size <= fonts.small->FontSize * 1.1f;
  switch (font) {
    case text::MathFont::Italic:
      if (script && fonts.small_italic) return fonts.small_italic;
      return fonts.italic ? fonts.italic : fonts.body;
    case text::MathFont::Bold: return fonts.bold;
    case text::MathFont::Mono:
    case text::MathFont::Verbatim: return fonts.mono;
    case text::MathFont::Upright:
    case text::MathFont::Text: return script ? fonts.small : fonts.body;
  }
  return fonts.body;
}

text::MathMetrics math_metrics(const Fonts& fonts) {
  text::MathMetrics m;
  m.measure = [&fonts](std::string_view s, float size, text::MathFont font) {
    const ImFont* f = math_font(fonts, font, size);
    return f->CalcTextSizeA(size, 1e9f, 0.0f, s.data(), s.data() + s.size()).x;
  };
  // ImGui scales a font so ascender + descender = its pixel size; in those units DejaVu Sans has its cap
  // height at 0.63 and descenders at 0.20. Boxes a little above the cap height keep superscripts and
  // fraction bars close to the glyphs, the way TeX's fonts sit.
  m.ascent = 0.70f;
  m.descent = 0.22f;
  m.min_size = fonts.small ? fonts.small->FontSize * 0.8f : 8.0f;
  return m;
}

void draw_math(ImDrawList* dl, const Fonts& fonts, const text::MathLayout& layout, ImVec2 origin, ImU32 colour,
               ImU32 verbatim_colour) {
  for (const text::MathRun& r : layout.runs) {
    const ImFont* f = math_font(fonts, r.font, r.size);
    // A run's y is its baseline; ImGui places text by the top of the line box, Ascent above the baseline.
    const float top = origin.y + r.y - f->Ascent * (r.size / f->FontSize);
    dl->AddText(f, r.size, ImVec2(origin.x + r.x, top), r.font == text::MathFont::Verbatim ? verbatim_colour : colour,
                r.text.c_str(), r.text.c_str() + r.text.size());
  }
  std::vector<ImVec2> pts;
  for (const text::MathStroke& s : layout.strokes) {
    pts.clear();
    for (size_t i = 0; i + 1 < s.points.size(); i += 2) pts.emplace_back(origin.x + s.points[i], origin.y + s.points[i + 1]);
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), colour, 0, s.thickness);
  }
}

bool has_verbatim(const text::MathLayout& layout) {
  for (const text::MathRun& r : layout.runs)
    if (r.font == text::MathFont::Verbatim) return true;
  return false;
}

const text::MathLayout& MathCache::get(const Fonts& fonts, const std::shared_ptr<const text::MathNode>& node, float size,
                                       bool display) {
  if (m_fonts != &fonts || m_font_size != fonts.size) {
    // New fonts (a scale or theme change): every width measured with the old ones is stale.
    m_entries.clear();
    m_fonts = &fonts;
    m_font_size = fonts.size;
  }
  // Browsing a large deck visits many formulas; starting over past a bound keeps memory flat.
  if (m_entries.size() > 4096) m_entries.clear();
  const auto key = std::make_tuple(node.get(), size, display);
  auto it = m_entries.find(key);
  if (it == m_entries.end()) {
    Entry e;
    e.node = node;
    e.layout = text::layout_math(*node, math_metrics(fonts), size, display);
    it = m_entries.emplace(key, std::move(e)).first;
  }
  return it->second.layout;
}

}  // namespace attend::views
