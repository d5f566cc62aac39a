#include "views/plot/axes.h"

#include <algorithm>
#include <cmath>

#include "views/plot/ticks.h"

namespace attend::views::plot {
namespace {

struct Metrics {
  float pad, tick, gap, s;
};
Metrics metrics(const ViewContext& ctx) {
  const float s = ctx.scale;
  return {4 * s, 4 * s, 3 * s, s};
}

std::vector<Tick> generate(const Axis& axis, const Range& r, int max_major) {
  if (axis.scale == AxisScale::Log) return log_ticks(r.lo, r.hi, max_major);
  if (axis.format == AxisFormat::Duration) return duration_ticks(r.lo, r.hi, max_major);
  return linear_ticks(r.lo, r.hi, max_major);
}

// Labelled ticks closer than their half-widths plus a gap overlap.
bool labels_collide(const std::vector<Tick>& ticks, const Axis& axis, const Range& r, float length, bool horizontal,
                    const ImFont* font, float min_gap) {
  AxisMap m{r.lo, r.hi, 0, length, axis.scale == AxisScale::Log};
  float prev_end = -1e30f;
  for (const Tick& t : ticks) {
    if (t.label.empty()) continue;
    const float p = m.to_px(t.value);
    const float half = horizontal ? text_size(font, t.label.c_str()).x * 0.5f : font->FontSize * 0.5f;
    if (p - half < prev_end + min_gap) return true;
    prev_end = p + half;
  }
  return false;
}

ImU32 faded(ImU32 c, float factor) {
  const float a = ((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f;
  return with_alpha(c, a * factor);
}

}  // namespace

Range resolve_range(const Axis& axis, Range data) {
  const bool log = axis.scale == AxisScale::Log;
  const bool fixed_lo = std::isfinite(axis.min), fixed_hi = std::isfinite(axis.max);
  if (!data.valid()) data = log ? Range{1, 10} : Range{0, 1};
  if (log) {
    if (!(data.lo > 0)) data.lo = data.hi > 0 ? data.hi * 1e-3 : 1;
    if (!(data.hi > 0)) data.hi = data.lo * 10;
  }
  if (axis.include_zero && !log) {
    data.lo = std::min(data.lo, 0.0);
    data.hi = std::max(data.hi, 0.0);
  }
  Range r = data;
  if (log) {
    double a = std::log10(r.lo), b = std::log10(r.hi);
    if (b - a < 1e-9) a -= 0.5, b += 0.5;
    const double pad = (b - a) * axis.padding;
    r = {std::pow(10.0, a - pad), std::pow(10.0, b + pad)};
  } else {
    if (r.hi - r.lo < 1e-12 * std::max(1.0, std::fabs(r.lo))) {
      const double d = r.lo == 0 ? 1.0 : std::fabs(r.lo) * 0.1;
      r.lo -= d;
      r.hi += d;
    }
    if (axis.round_to_steps) {
      const double step = nice_step(r.hi - r.lo, 4);
      r.lo = std::floor(r.lo / step) * step;
      r.hi = std::ceil(r.hi / step) * step;
    }
    const double pad = (r.hi - r.lo) * axis.padding;
    // Padding never pushes a zero baseline below zero: bars and accuracies start exactly at 0.
    r.lo = (axis.include_zero && data.lo == 0) ? 0.0 : r.lo - pad;
    r.hi = (axis.include_zero && data.hi == 0) ? 0.0 : r.hi + pad;
  }
  if (fixed_lo) r.lo = axis.min;
  if (fixed_hi) r.hi = axis.max;
  if (log && !(r.lo > 0)) r.lo = r.hi * 1e-3;
  if (!(r.hi > r.lo)) r.hi = r.lo + (log ? r.lo * 9 : 1.0);
  return r;
}

std::vector<Tick> axis_ticks(const Axis& axis, const Range& range, float length_px, float scale, bool horizontal,
                             const ImFont* font) {
  int max_major = horizontal ? static_cast<int>(length_px / (56 * scale)) : static_cast<int>(length_px / (26 * scale));
  max_major = std::clamp(max_major, 1, horizontal ? 12 : 10);
  std::vector<Tick> ticks = generate(axis, range, max_major);
  auto labelled = [](const std::vector<Tick>& t) {
    return std::count_if(t.begin(), t.end(), [](const Tick& k) { return !k.label.empty(); });
  };
  // A 1-2-5 step can leave a short axis with a single label: allow more intervals while the labels fit.
  for (int more = max_major + 1; labelled(ticks) < 3 && more <= max_major + 4; ++more) {
    std::vector<Tick> denser = generate(axis, range, more);
    if (font && labels_collide(denser, axis, range, length_px, horizontal, font, 10 * scale)) break;
    ticks = std::move(denser);
  }
  while (max_major > 1 && font && labels_collide(ticks, axis, range, length_px, horizontal, font, 10 * scale)) {
    --max_major;
    ticks = generate(axis, range, max_major);
  }
  return ticks;
}

Frame layout_frame(const ViewContext& ctx, ImVec2 pos, ImVec2 size, const FrameSpec& spec) {
  const Metrics m = metrics(ctx);
  const ImFont* small = ctx.fonts->small;
  const ImFont* bold = ctx.fonts->bold;
  Frame f;
  f.outer_min = pos;
  f.outer_max = ImVec2(pos.x + size.x, pos.y + size.y);

  float top = pos.y + m.pad;
  if (!spec.title.empty()) {
    f.title_pos = ImVec2(std::round(pos.x + m.pad), std::round(top));
    top += bold->FontSize + 3 * m.s;
  }
  if (spec.y && !spec.y->label.empty()) {
    f.y_label_pos = ImVec2(std::round(pos.x + m.pad), std::round(top));
    top += small->FontSize + 3 * m.s;
    if (spec.y_ticks) top += small->FontSize * 0.5f;  // a tick label at the very top must not touch it
  } else if (spec.y_ticks) {
    top += small->FontSize * 0.5f;  // room for the top tick label's upper half
  }
  float bottom = f.outer_max.y - m.pad;
  if (spec.x && !spec.x->label.empty()) {
    f.x_label_pos.y = std::round(bottom - small->FontSize);
    bottom -= small->FontSize + 2 * m.s;
  }
  if (spec.x_ticks) bottom -= small->FontSize + m.tick + m.gap;
  bottom -= spec.bottom_extra;
  top = std::round(top);
  bottom = std::round(std::max(bottom, top + 8 * m.s));

  Range yr = spec.y_range;
  Axis default_axis;
  const Axis& yaxis = spec.y ? *spec.y : default_axis;
  const Axis& xaxis = spec.x ? *spec.x : default_axis;
  if (spec.y_ticks) f.y_ticks = axis_ticks(yaxis, yr, bottom - top, m.s, false, small);
  float label_w = 0;
  for (const Tick& t : f.y_ticks) label_w = std::max(label_w, text_size(small, t.label.c_str()).x);
  float left = pos.x + m.pad + spec.left_extra + (spec.y_ticks ? label_w + m.tick + m.gap : 0);
  float right = f.outer_max.x - m.pad - spec.right_extra - (spec.x_ticks ? 6 * m.s : 0);
  left = std::round(left);
  right = std::round(std::max(right, left + 8 * m.s));

  if (spec.equal_aspect) {
    const double dx = spec.x_range.span(), dy = spec.y_range.span();
    if (dx > 0 && dy > 0) {
      const double ppu = std::min((right - left) / dx, (bottom - top) / dy);
      const float w = static_cast<float>(ppu * dx), h = static_cast<float>(ppu * dy);
      const float cx = (left + right) * 0.5f, cy = (top + bottom) * 0.5f;
      left = std::round(cx - w * 0.5f);
      right = std::round(cx + w * 0.5f);
      top = std::round(cy - h * 0.5f);
      bottom = std::round(cy + h * 0.5f);
      if (spec.y_ticks) f.y_ticks = axis_ticks(yaxis, yr, bottom - top, m.s, false, small);
    }
  }
  // The y label lines up with the left edge of whatever labels the y axis (ticks or categories).
  if (spec.y && !spec.y->label.empty())
    f.y_label_pos.x = std::round(std::max(pos.x + m.pad, left - spec.left_extra - (spec.y_ticks ? label_w + m.tick + m.gap : 0)));
  f.area_min = ImVec2(left, top);
  f.area_max = ImVec2(right, bottom);
  if (spec.x_ticks) f.x_ticks = axis_ticks(xaxis, spec.x_range, right - left, m.s, true, small);
  f.x = {spec.x_range.lo, spec.x_range.hi, left, right, xaxis.scale == AxisScale::Log};
  f.y = {yr.lo, yr.hi, bottom, top, yaxis.scale == AxisScale::Log};
  if (spec.x && !spec.x->label.empty()) {
    const float w = text_size(small, spec.x->label.c_str()).x;
    f.x_label_pos.x = std::round((left + right) * 0.5f - w * 0.5f);
  }
  return f;
}

void paint_frame_back(const Canvas& c, const ViewContext& ctx, const Frame& f, const FrameSpec& spec) {
  const Palette& pal = *ctx.palette;
  c.rect_filled(f.area_min, f.area_max, pal.background);
  const bool xgrid = spec.x ? spec.x->grid : true, ygrid = spec.y ? spec.y->grid : true;
  const float th = 1.0f;
  if (xgrid)
    for (const Tick& t : f.x_ticks) {
      const float x = snap(f.x.to_px(t.value));
      if (x <= f.area_min.x + 1 || x >= f.area_max.x - 1) continue;
      c.line(ImVec2(x, f.area_min.y), ImVec2(x, f.area_max.y), t.major ? pal.grid : faded(pal.grid, 0.5f), th);
    }
  if (ygrid)
    for (const Tick& t : f.y_ticks) {
      const float y = snap(f.y.to_px(t.value));
      if (y <= f.area_min.y + 1 || y >= f.area_max.y - 1) continue;
      c.line(ImVec2(f.area_min.x, y), ImVec2(f.area_max.x, y), t.major ? pal.grid : faded(pal.grid, 0.5f), th);
    }
}

void paint_frame_front(const Canvas& c, const ViewContext& ctx, const Frame& f, const FrameSpec& spec) {
  const Palette& pal = *ctx.palette;
  const Metrics m = metrics(ctx);
  const ImFont* small = ctx.fonts->small;
  c.rect(ImVec2(f.area_min.x, f.area_min.y), ImVec2(f.area_max.x + 1, f.area_max.y + 1), faded(pal.frame, 0.55f));
  for (const Tick& t : f.x_ticks) {
    const float x = snap(f.x.to_px(t.value));
    const float len = t.major ? m.tick : m.tick * 0.5f;
    c.line(ImVec2(x, f.area_max.y + 1), ImVec2(x, f.area_max.y + 1 + len), pal.frame);
    if (t.label.empty()) continue;
    const ImVec2 sz = text_size(small, t.label.c_str());
    ImVec2 p = align_text(ImVec2(x, f.area_max.y + 1 + m.tick + m.gap), sz, 0.5f, 0.0f);
    p.x = std::clamp(p.x, f.outer_min.x, f.outer_max.x - sz.x);
    c.text(small, p, pal.text_dim, t.label.c_str());
  }
  for (const Tick& t : f.y_ticks) {
    const float y = snap(f.y.to_px(t.value));
    const float len = t.major ? m.tick : m.tick * 0.5f;
    c.line(ImVec2(f.area_min.x - len, y), ImVec2(f.area_min.x, y), pal.frame);
    if (t.label.empty()) continue;
    const ImVec2 sz = text_size(small, t.label.c_str());
    ImVec2 p = align_text(ImVec2(f.area_min.x - m.tick - m.gap, y), sz, 1.0f, 0.5f);
    p.y = std::clamp(p.y, f.outer_min.y, f.outer_max.y - sz.y);
    c.text(small, p, pal.text_dim, t.label.c_str());
  }
  if (!spec.title.empty()) c.text(ctx.fonts->bold, f.title_pos, pal.text, spec.title.c_str());
  if (spec.y && !spec.y->label.empty()) c.text(small, f.y_label_pos, pal.text_dim, spec.y->label.c_str());
  if (spec.x && !spec.x->label.empty()) c.text(small, f.x_label_pos, pal.text_dim, spec.x->label.c_str());
}

// ---------------------------------------------------------------------------------------------- legends

float legend_width(const ViewContext& ctx, const std::vector<LegendEntry>& entries) {
  const float s = ctx.scale;
  float w = 0;
  for (const LegendEntry& e : entries) w = std::max(w, text_size(ctx.fonts->small, e.name.c_str()).x);
  return std::round(w + 16 * s + 5 * s + 2 * 5 * s);
}

LegendLayout layout_legend_at(const ViewContext& ctx, const std::vector<LegendEntry>& entries, ImVec2 top_left,
                              float max_height) {
  LegendLayout l;
  if (entries.empty()) return l;
  const float s = ctx.scale;
  const float pad = 5 * s, row_h = ctx.fonts->small->FontSize + 4 * s;
  const float w = legend_width(ctx, entries);
  const int rows = std::max(1, std::min(static_cast<int>(entries.size()), static_cast<int>((max_height - 2 * pad) / row_h)));
  const float h = rows * row_h + 2 * pad;
  l.min = ImVec2(std::round(top_left.x), std::round(top_left.y));
  l.max = ImVec2(l.min.x + w, std::round(l.min.y + h));
  for (int i = 0; i < rows; ++i) {
    l.row_min.emplace_back(l.min.x, l.min.y + pad + i * row_h);
    l.row_max.emplace_back(l.max.x, l.min.y + pad + (i + 1) * row_h);
  }
  return l;
}

LegendLayout layout_legend(const ViewContext& ctx, const std::vector<LegendEntry>& entries, const Frame& f,
                           Corner corner) {
  if (entries.empty()) return LegendLayout{};
  const float s = ctx.scale, inset = 6 * s;
  const float max_h = (f.area_max.y - f.area_min.y) - 2 * inset;
  // Measure at the top-left, then move to the corner.
  LegendLayout l = layout_legend_at(ctx, entries, ImVec2(0, 0), max_h);
  const float w = l.max.x - l.min.x, h = l.max.y - l.min.y;
  const bool right = corner == Corner::TopRight || corner == Corner::BottomRight;
  const bool top = corner == Corner::TopRight || corner == Corner::TopLeft;
  const float x0 = right ? f.area_max.x - inset - w : f.area_min.x + inset;
  const float y0 = top ? f.area_min.y + inset : f.area_max.y - inset - h;
  return layout_legend_at(ctx, entries, ImVec2(x0, y0), max_h);
}

Corner least_covered_corner(const ViewContext& ctx, const std::vector<LegendEntry>& entries, const Frame& f,
                            const std::vector<ImVec2>& points) {
  Corner best = Corner::TopRight;
  int best_count = -1;
  for (Corner c : {Corner::TopRight, Corner::TopLeft, Corner::BottomRight, Corner::BottomLeft}) {
    const LegendLayout l = layout_legend(ctx, entries, f, c);
    int count = 0;
    for (const ImVec2& p : points)
      if (p.x >= l.min.x && p.x <= l.max.x && p.y >= l.min.y && p.y <= l.max.y) ++count;
    if (best_count < 0 || count < best_count) {
      best = c;
      best_count = count;
    }
  }
  return best;
}

void paint_legend(const Canvas& c, const ViewContext& ctx, const std::vector<LegendEntry>& entries,
                  const LegendLayout& l, int hovered_row) {
  if (l.row_min.empty()) return;
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  const ImFont* font = ctx.fonts->small;
  const float pad = 5 * s, swatch = 16 * s;
  c.rect_filled(l.min, l.max, with_alpha(pal.background, 0.88f), 3 * s);
  c.rect(l.min, l.max, pal.grid, 1.0f, 3 * s);
  for (int i = 0; i < static_cast<int>(l.row_min.size()); ++i) {
    const LegendEntry& e = entries[i];
    const ImVec2 a = l.row_min[i], b = l.row_max[i];
    if (i == hovered_row) c.rect_filled(ImVec2(a.x + 2 * s, a.y), ImVec2(b.x - 2 * s, b.y), pal.grid, 2 * s);
    const float cy = (a.y + b.y) * 0.5f;
    const float x0 = a.x + pad, x1 = x0 + swatch;
    const ImU32 col = e.hidden ? faded(e.color, 0.3f) : e.color;
    switch (e.mark) {
      case LegendMark::Line: c.line(ImVec2(x0, cy), ImVec2(x1, cy), col, 2.0f * s); break;
      case LegendMark::Dashed: c.dashed_line(ImVec2(x0, cy), ImVec2(x1, cy), col, 2.0f * s, 4 * s, 3 * s); break;
      case LegendMark::LineDot:
        c.line(ImVec2(x0, cy), ImVec2(x1, cy), col, 2.0f * s);
        c.circle_filled(ImVec2((x0 + x1) * 0.5f, cy), 3.0f * s, col);
        break;
      case LegendMark::Dot: c.circle_filled(ImVec2((x0 + x1) * 0.5f, cy), 3.5f * s, col); break;
      case LegendMark::Ring:
        c.circle_filled(ImVec2((x0 + x1) * 0.5f, cy), 5.0f * s, pal.text);
        c.circle_filled(ImVec2((x0 + x1) * 0.5f, cy), 3.5f * s, with_alpha(pal.background, 1.0f));
        break;
      case LegendMark::Box: c.rect_filled(ImVec2(x0 + 2 * s, cy - 5 * s), ImVec2(x1 - 2 * s, cy + 5 * s), col, 2 * s); break;
      case LegendMark::Band:
        c.rect_filled(ImVec2(x0, cy - 5 * s), ImVec2(x1, cy + 5 * s), faded(col, 0.3f));
        c.line(ImVec2(x0, cy), ImVec2(x1, cy), col, 2.0f * s);
        break;
    }
    const ImVec2 tp(std::round(x1 + 5 * s), std::round(cy - font->FontSize * 0.5f));
    c.text(font, tp, e.hidden ? pal.text_dim : pal.text, e.name.c_str());
    if (e.pinned) c.text(font, ImVec2(tp.x + 0.6f * s, tp.y), pal.text, e.name.c_str());  // faux bold
    if (e.hidden) {
      const float w = text_size(font, e.name.c_str()).x;
      c.line(ImVec2(tp.x, snap(cy)), ImVec2(tp.x + w, snap(cy)), pal.text_dim);
    }
  }
}

// ------------------------------------------------------------------------------------------- colour bars

namespace {
constexpr float kBarWidth = 11.0f;
}

float colorbar_width(const ViewContext& ctx, const ColorScale& scale) {
  const float s = ctx.scale;
  float w = 0;
  for (const Tick& t : linear_ticks(scale.lo, scale.hi, 6))
    w = std::max(w, text_size(ctx.fonts->small, t.label.c_str()).x);
  return std::round(8 * s + kBarWidth * s + 3 * s + 3 * s + w);
}

void paint_colorbar(const Canvas& c, const ViewContext& ctx, const ColorMap& map, const ColorScale& scale, float left,
                    float top, float bottom, const std::string& label) {
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  const ImFont* small = ctx.fonts->small;
  const float x0 = std::round(left + 8 * s), x1 = std::round(x0 + kBarWidth * s);
  if (!label.empty()) {
    const ImVec2 sz = text_size(small, label.c_str());
    c.text(small, ImVec2(x0, std::round(top - sz.y - 3 * s)), pal.text_dim, label.c_str());
  }
  const float h = bottom - top;
  if (h <= 2) return;
  const int slices = std::clamp(static_cast<int>(h), 2, 256);
  for (int i = 0; i < slices; ++i) {
    const float ya = bottom - h * i / slices, yb = bottom - h * (i + 1) / slices;
    c.rect_filled(ImVec2(x0, std::floor(yb)), ImVec2(x1, std::ceil(ya)), sample(map, (i + 0.5) / slices));
  }
  c.rect(ImVec2(x0, top), ImVec2(x1 + 1, bottom + 1), with_alpha(pal.frame, 0.55f));
  const int max_major = std::clamp(static_cast<int>(h / (24 * s)), 2, 8);
  for (const Tick& t : linear_ticks(scale.lo, scale.hi, max_major)) {
    const float y = snap(bottom - static_cast<float>(scale.to_t(t.value)) * h);
    if (y < top - 0.5f || y > bottom + 1.5f) continue;
    c.line(ImVec2(x1 + 1, y), ImVec2(x1 + 1 + 3 * s, y), pal.frame);
    const ImVec2 sz = text_size(small, t.label.c_str());
    c.text(small, align_text(ImVec2(x1 + 1 + 6 * s, y), sz, 0.0f, 0.5f), pal.text_dim, t.label.c_str());
  }
}

void paint_empty_message(const Canvas& c, const ViewContext& ctx, const Frame& f, const std::string& text) {
  if (text.empty()) return;
  const ImFont* font = ctx.fonts->body;
  const ImVec2 sz = text_size(font, text.c_str());
  const ImVec2 centre((f.area_min.x + f.area_max.x) * 0.5f, (f.area_min.y + f.area_max.y) * 0.5f);
  c.push_clip(f.area_min, f.area_max);
  c.text(font, align_text(centre, sz, 0.5f, 0.5f), ctx.palette->text_dim, text.c_str());
  c.pop_clip();
}

void tooltip_row(const ViewContext& ctx, ImU32 color, const char* name, const char* value) {
  const float s = ctx.scale;
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 a(p.x, p.y + h * 0.5f - 4 * s), b(p.x + 10 * s, p.y + h * 0.5f + 4 * s);
  ImGui::GetWindowDrawList()->AddRectFilled(a, b, color, 2 * s);
  // An edge keeps dark swatches visible on a dark tooltip (and light ones on a light one).
  ImGui::GetWindowDrawList()->AddRect(a, b, with_alpha(ctx.palette->text_dim, 0.6f), 2 * s);
  ImGui::Dummy(ImVec2(10 * s, h));
  ImGui::SameLine();
  ImGui::TextUnformatted(name);
  if (value && *value) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", value);
  }
}

}  // namespace attend::views::plot
