#include "views/plot/canvas.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

namespace attend::views::plot {
namespace {

// ImGui indexes vertices with 16 bits; large meshes are written in chunks below this many vertices.
constexpr int kChunkVertices = 30000;

std::string svg_color(ImU32 c, const char* attr) {
  const int r = (c >> IM_COL32_R_SHIFT) & 0xFF, g = (c >> IM_COL32_G_SHIFT) & 0xFF,
            b = (c >> IM_COL32_B_SHIFT) & 0xFF, a = (c >> IM_COL32_A_SHIFT) & 0xFF;
  char buf[96];
  if (a == 255)
    std::snprintf(buf, sizeof buf, "%s=\"#%02x%02x%02x\"", attr, r, g, b);
  else
    std::snprintf(buf, sizeof buf, "%s=\"#%02x%02x%02x\" %s-opacity=\"%.3f\"", attr, r, g, b, attr, a / 255.0);
  return buf;
}

std::string num(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string xml_escape(const char* s, const char* end) {
  std::string out;
  for (const char* p = s; p != end && *p; ++p) {
    switch (*p) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += *p;
    }
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------- Svg

std::string Svg::pt(ImVec2 p) const { return num(p.x - m_origin.x) + "," + num(p.y - m_origin.y); }

void Svg::line(ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash) {
  m_body += "<line x1=\"" + num(a.x - m_origin.x) + "\" y1=\"" + num(a.y - m_origin.y) + "\" x2=\"" +
            num(b.x - m_origin.x) + "\" y2=\"" + num(b.y - m_origin.y) + "\" " + svg_color(col, "stroke") +
            " stroke-width=\"" + num(thickness) + "\"";
  if (dash > 0) m_body += " stroke-dasharray=\"" + num(dash) + "," + num(dash) + "\"";
  m_body += "/>\n";
}

void Svg::polyline(const ImVec2* p, int n, ImU32 col, float thickness, bool closed) {
  if (n < 2) return;
  m_body += closed ? "<polygon fill=\"none\" points=\"" : "<polyline fill=\"none\" points=\"";
  for (int i = 0; i < n; ++i) m_body += (i ? " " : "") + pt(p[i]);
  m_body += "\" " + svg_color(col, "stroke") + " stroke-width=\"" + num(thickness) +
            "\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n";
}

void Svg::polygon(const ImVec2* p, int n, ImU32 col) {
  if (n < 3) return;
  m_body += "<polygon points=\"";
  for (int i = 0; i < n; ++i) m_body += (i ? " " : "") + pt(p[i]);
  m_body += "\" " + svg_color(col, "fill") + "/>\n";
}

void Svg::rect(ImVec2 a, ImVec2 b, ImU32 col, float thickness, float rounding, bool filled) {
  m_body += "<rect x=\"" + num(a.x - m_origin.x) + "\" y=\"" + num(a.y - m_origin.y) + "\" width=\"" +
            num(b.x - a.x) + "\" height=\"" + num(b.y - a.y) + "\"";
  if (rounding > 0) m_body += " rx=\"" + num(rounding) + "\"";
  m_body += filled ? " " + svg_color(col, "fill")
                   : " fill=\"none\" " + svg_color(col, "stroke") + " stroke-width=\"" + num(thickness) + "\"";
  m_body += "/>\n";
}

void Svg::circle(ImVec2 c, float r, ImU32 col, float thickness, bool filled) {
  m_body += "<circle cx=\"" + num(c.x - m_origin.x) + "\" cy=\"" + num(c.y - m_origin.y) + "\" r=\"" + num(r) +
            "\" ";
  m_body += filled ? svg_color(col, "fill")
                   : "fill=\"none\" " + svg_color(col, "stroke") + " stroke-width=\"" + num(thickness) + "\"";
  m_body += "/>\n";
}

void Svg::text(ImVec2 top_left, float font_size, float ascent, bool bold, bool mono, ImU32 col, const char* s,
               const char* end, bool vertical) {
  // Vertical text pivots on its unrotated top-left corner, which is the rotated box's bottom-left.
  if (vertical)
    m_body += "<text x=\"0\" y=\"" + num(ascent) + "\" transform=\"translate(" + pt(top_left) + ") rotate(-90)\"";
  else
    m_body += "<text x=\"" + num(top_left.x - m_origin.x) + "\" y=\"" + num(top_left.y + ascent - m_origin.y) + "\"";
  m_body += " font-size=\"" + num(font_size) + "\" font-family=\"" +
            (mono ? "DejaVu Sans Mono, monospace" : "DejaVu Sans, sans-serif") + "\"" +
            (bold ? " font-weight=\"bold\"" : "") + " " + svg_color(col, "fill") + ">" + xml_escape(s, end) +
            "</text>\n";
}

void Svg::push_clip(ImVec2 a, ImVec2 b) {
  const int id = m_next_clip++;
  m_body += "<clipPath id=\"c" + std::to_string(id) + "\"><rect x=\"" + num(a.x - m_origin.x) + "\" y=\"" +
            num(a.y - m_origin.y) + "\" width=\"" + num(b.x - a.x) + "\" height=\"" + num(b.y - a.y) +
            "\"/></clipPath>\n<g clip-path=\"url(#c" + std::to_string(id) + ")\">\n";
  ++m_open_groups;
}

void Svg::pop_clip() {
  if (m_open_groups == 0) return;
  m_body += "</g>\n";
  --m_open_groups;
}

std::string Svg::document(ImU32 background) const {
  std::string doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    num(m_size.x) + "\" height=\"" + num(m_size.y) + "\" viewBox=\"0 0 " + num(m_size.x) + " " +
                    num(m_size.y) + "\">\n";
  doc += "<rect width=\"100%\" height=\"100%\" " + svg_color(background, "fill") + "/>\n";
  doc += m_body;
  for (int i = 0; i < m_open_groups; ++i) doc += "</g>\n";
  doc += "</svg>\n";
  return doc;
}

// ------------------------------------------------------------------------------------------------- Canvas

void Canvas::line(ImVec2 a, ImVec2 b, ImU32 col, float thickness) const {
  if (dl) dl->AddLine(a, b, col, thickness);
  if (svg) svg->line(a, b, col, thickness);
}

void Canvas::dashed_line(ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash, float gap) const {
  if (svg) svg->line(a, b, col, thickness, dash);
  if (!dl) return;
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  const float ux = dx / len, uy = dy / len;
  for (float s = 0; s < len; s += dash + gap) {
    const float e = std::min(len, s + dash);
    dl->AddLine(ImVec2(a.x + ux * s, a.y + uy * s), ImVec2(a.x + ux * e, a.y + uy * e), col, thickness);
  }
}

void Canvas::polyline(const ImVec2* p, int n, ImU32 col, float thickness, bool closed) const {
  if (n < 2) return;
  if (dl) dl->AddPolyline(p, n, col, closed ? ImDrawFlags_Closed : ImDrawFlags_None, thickness);
  if (svg) svg->polyline(p, n, col, thickness, closed);
}

void Canvas::rect(ImVec2 a, ImVec2 b, ImU32 col, float thickness, float rounding) const {
  if (dl) dl->AddRect(a, b, col, rounding, 0, thickness);
  if (svg) svg->rect(a, b, col, thickness, rounding, false);
}

void Canvas::rect_filled(ImVec2 a, ImVec2 b, ImU32 col, float rounding) const {
  if (dl) dl->AddRectFilled(a, b, col, rounding);
  if (svg) svg->rect(a, b, col, 0, rounding, true);
}

void Canvas::convex_filled(const ImVec2* p, int n, ImU32 col) const {
  if (n < 3) return;
  if (dl) dl->AddConvexPolyFilled(p, n, col);
  if (svg) svg->polygon(p, n, col);
}

void Canvas::triangles(const ImVec2* p, int n, ImU32 col) const {
  n -= n % 3;
  if (n <= 0 || (col & IM_COL32_A_MASK) == 0) return;
  if (dl) {
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    for (int start = 0; start < n; start += kChunkVertices) {
      const int count = std::min(kChunkVertices, n - start);
      dl->PrimReserve(count, count);
      for (int i = 0; i < count; ++i) {
        dl->PrimWriteIdx(static_cast<ImDrawIdx>(dl->_VtxCurrentIdx));
        dl->PrimWriteVtx(p[start + i], uv, col);
      }
    }
  }
  if (svg)
    for (int i = 0; i < n; i += 3) svg->polygon(p + i, 3, col);
}

void Canvas::band(const ImVec2* upper, const ImVec2* lower, int n, ImU32 col) const {
  if (n < 2 || (col & IM_COL32_A_MASK) == 0) return;
  if (dl) {
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    // Shared vertices: 2 per point, 6 indices per segment, in chunks that overlap by one point.
    const int chunk = kChunkVertices / 2;
    for (int start = 0; start < n - 1; start += chunk - 1) {
      const int count = std::min(chunk, n - start);
      if (count < 2) break;
      dl->PrimReserve((count - 1) * 6, count * 2);
      const ImDrawIdx base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
      for (int i = 0; i < count; ++i) {
        dl->PrimWriteVtx(upper[start + i], uv, col);
        dl->PrimWriteVtx(lower[start + i], uv, col);
      }
      for (int i = 0; i < count - 1; ++i) {
        const ImDrawIdx a = static_cast<ImDrawIdx>(base + 2 * i);
        dl->PrimWriteIdx(a);
        dl->PrimWriteIdx(static_cast<ImDrawIdx>(a + 1));
        dl->PrimWriteIdx(static_cast<ImDrawIdx>(a + 2));
        dl->PrimWriteIdx(static_cast<ImDrawIdx>(a + 1));
        dl->PrimWriteIdx(static_cast<ImDrawIdx>(a + 3));
        dl->PrimWriteIdx(static_cast<ImDrawIdx>(a + 2));
      }
    }
  }
  if (svg) {
    std::vector<ImVec2> poly(upper, upper + n);
    for (int i = n - 1; i >= 0; --i) poly.push_back(lower[i]);
    svg->polygon(poly.data(), static_cast<int>(poly.size()), col);
  }
}

void Canvas::circle(ImVec2 c, float r, ImU32 col, float thickness) const {
  if (dl) dl->AddCircle(c, r, col, 0, thickness);
  if (svg) svg->circle(c, r, col, thickness, false);
}

void Canvas::circle_filled(ImVec2 c, float r, ImU32 col) const {
  if (dl) dl->AddCircleFilled(c, r, col);
  if (svg) svg->circle(c, r, col, 0, true);
}

void Canvas::text(const ImFont* font, ImVec2 pos, ImU32 col, const char* s, const char* end) const {
  if (!s || !*s || !font) return;
  if (dl) dl->AddText(font, font->FontSize, pos, col, s, end);
  if (svg) {
    const char* name = font->GetDebugName();
    svg->text(pos, font->FontSize, font->Ascent, std::strstr(name, "Bold") != nullptr,
              std::strstr(name, "Mono") != nullptr, col, s, end);
  }
}

void Canvas::text_vertical(const ImFont* font, ImVec2 pos, ImU32 col, const char* s, const char* end) const {
  if (!s || !*s || !font) return;
  const float w = text_size(font, s, end).x;
  const ImVec2 pivot(pos.x, pos.y + w);  // the unrotated text's top-left
  if (dl) {
    // Drawn unclipped (ImGui culls glyphs against the clip rectangle before we rotate them), then turned:
    // (dx, dy) -> (dy, -dx) about the pivot.
    dl->PushClipRectFullScreen();
    const int first = dl->VtxBuffer.Size;
    dl->AddText(font, font->FontSize, pivot, col, s, end);
    for (int i = first; i < dl->VtxBuffer.Size; ++i) {
      ImVec2& p = dl->VtxBuffer[i].pos;
      const float dx = p.x - pivot.x, dy = p.y - pivot.y;
      p = ImVec2(pivot.x + dy, pivot.y - dx);
    }
    dl->PopClipRect();
  }
  if (svg) {
    const char* name = font->GetDebugName();
    svg->text(pivot, font->FontSize, font->Ascent, std::strstr(name, "Bold") != nullptr,
              std::strstr(name, "Mono") != nullptr, col, s, end, true);
  }
}

void Canvas::push_clip(ImVec2 a, ImVec2 b) const {
  if (dl) dl->PushClipRect(a, b, true);
  if (svg) svg->push_clip(a, b);
}

void Canvas::pop_clip() const {
  if (dl) dl->PopClipRect();
  if (svg) svg->pop_clip();
}

ImVec2 text_size(const ImFont* font, const char* s, const char* end) {
  if (!font || !s) return ImVec2(0, 0);
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s, end);
}

ImVec2 align_text(ImVec2 anchor, ImVec2 size, float ax, float ay) {
  return ImVec2(std::round(anchor.x - size.x * ax), std::round(anchor.y - size.y * ay));
}

}  // namespace attend::views::plot
