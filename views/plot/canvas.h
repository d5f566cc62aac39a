// The one surface the plot kit draws on: an ImGui draw list on screen, an SVG document for export, or both.
// Every plot paints through these few primitives, so "export as SVG" gives the same picture as the screen,
// legend and labels included, with text kept as text.
//
//   plot::Svg svg(size);
//   plot::Canvas canvas{nullptr, &svg};
//   paint_line_plot(canvas, ...);
//   write_file_atomic("curves.svg", svg.document(palette.background));
#pragma once

#include <cmath>
#include <string>

#include <imgui.h>

namespace attend::views::plot {

// An SVG document being written; coordinates are shifted by -origin so the exported plot starts at (0, 0).
class Svg {
 public:
  Svg(ImVec2 origin, ImVec2 size) : m_origin(origin), m_size(size) {}
  void line(ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash = 0);
  void polyline(const ImVec2* p, int n, ImU32 col, float thickness, bool closed);
  void polygon(const ImVec2* p, int n, ImU32 col);
  void rect(ImVec2 a, ImVec2 b, ImU32 col, float thickness, float rounding, bool filled);
  void circle(ImVec2 c, float r, ImU32 col, float thickness, bool filled);
  void text(ImVec2 top_left, float font_size, float ascent, bool bold, bool mono, ImU32 col, const char* s,
            const char* end, bool vertical = false);
  void push_clip(ImVec2 a, ImVec2 b);
  void pop_clip();
  // The complete document: an XML header, the background, then everything drawn.
  std::string document(ImU32 background) const;

 private:
  std::string pt(ImVec2 p) const;
  ImVec2 m_origin, m_size;
  std::string m_body;
  int m_open_groups = 0;
  int m_next_clip = 0;
};

struct Canvas {
  ImDrawList* dl = nullptr;  // on screen; null when only exporting
  Svg* svg = nullptr;        // export; null on screen

  void line(ImVec2 a, ImVec2 b, ImU32 col, float thickness = 1.0f) const;
  void dashed_line(ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash, float gap) const;
  void polyline(const ImVec2* p, int n, ImU32 col, float thickness, bool closed = false) const;
  void rect(ImVec2 a, ImVec2 b, ImU32 col, float thickness = 1.0f, float rounding = 0) const;
  void rect_filled(ImVec2 a, ImVec2 b, ImU32 col, float rounding = 0) const;
  // A convex polygon; anti-aliased on screen. For tiles that must meet without seams use `triangles`.
  void convex_filled(const ImVec2* p, int n, ImU32 col) const;
  // Triangles (n a multiple of 3) with one colour and no anti-aliased fringe, so neighbours meet exactly.
  void triangles(const ImVec2* p, int n, ImU32 col) const;
  // The area between two polylines of n points (mean ± spread bands, min/max envelopes).
  void band(const ImVec2* upper, const ImVec2* lower, int n, ImU32 col) const;
  void circle(ImVec2 c, float r, ImU32 col, float thickness = 1.0f) const;
  void circle_filled(ImVec2 c, float r, ImU32 col) const;
  // Text with its top-left corner at `pos` in `font` at the font's own size.
  void text(const ImFont* font, ImVec2 pos, ImU32 col, const char* s, const char* end = nullptr) const;
  // Text turned 90° counter-clockwise (read bottom to top) whose rotated box has its top-left at `pos`:
  // column labels that are wider than their columns.
  void text_vertical(const ImFont* font, ImVec2 pos, ImU32 col, const char* s, const char* end = nullptr) const;
  void push_clip(ImVec2 a, ImVec2 b) const;
  void pop_clip() const;
};

ImVec2 text_size(const ImFont* font, const char* s, const char* end = nullptr);
// Where to put text of `size` so that the point (ax, ay) of its box (0 = left/top, 0.5 = centre, 1 = right/
// bottom) sits at `anchor`; rounded to whole pixels so glyphs stay sharp.
ImVec2 align_text(ImVec2 anchor, ImVec2 size, float ax, float ay);
// Pixel-centre snapping for 1 px lines: crisp instead of smeared over two pixel rows.
inline float snap(float v) { return std::floor(v) + 0.5f; }

}  // namespace attend::views::plot
