#include "views/plot/bar_chart.h"

#include <algorithm>
#include <cmath>

#include "views/plot/input.h"

namespace attend::views::plot {
namespace {

struct Prepared {
  Axis value_axis, category_axis;
  FrameSpec spec;
  Frame frame;
  int n = 0;
  float band = 0;          // pixels per category
  bool vertical_labels = false;
  double base = 0;         // where bars start
};

std::string value_text(double v) { return format_value(v, 3); }

void prepare(const ViewContext& ctx, const BarChart& b, ImVec2 pos, ImVec2 size, Prepared& p) {
  const float s = ctx.scale;
  const ImFont* small = ctx.fonts->small;
  p.n = b.values.count;
  p.value_axis = b.value_axis;
  const bool log = p.value_axis.scale == AxisScale::Log;
  if (!log) p.value_axis.include_zero = true;
  Range r = finite_range(b.values, log);
  for (int i = 0; i < p.n && i < b.errors.count; ++i) {
    const double v = b.values[i], e = b.errors[i];
    if (std::isfinite(v) && std::isfinite(e)) extend(r, {v - e, v + e});
  }
  if (log && r.valid()) r.lo = std::max(r.lo, 1e-300);
  const Range vr = resolve_range(p.value_axis, r);
  p.base = log ? vr.lo : std::clamp(0.0, vr.lo, vr.hi);

  float label_w = 0, value_w = 0;
  for (int i = 0; i < p.n; ++i) {
    if (i < static_cast<int>(b.labels.size())) label_w = std::max(label_w, text_size(small, b.labels[i].c_str()).x);
    if (b.value_labels) value_w = std::max(value_w, text_size(small, value_text(b.values[i]).c_str()).x);
  }
  p.spec.title = b.title;
  if (b.horizontal) {
    p.spec.x = &p.value_axis;
    p.spec.y = &p.category_axis;
    p.spec.x_range = vr;
    p.spec.y_range = {0, static_cast<double>(std::max(1, p.n))};
    p.spec.y_ticks = false;
    p.spec.left_extra = label_w + 6 * s;
    p.spec.right_extra = b.value_labels ? value_w + 4 * s : 0;
    p.category_axis.grid = false;
    p.frame = layout_frame(ctx, pos, size, p.spec);
    p.band = (p.frame.area_max.y - p.frame.area_min.y) / std::max(1, p.n);
  } else {
    p.spec.y = &p.value_axis;
    p.spec.x = &p.category_axis;
    p.spec.y_range = vr;
    p.spec.x_range = {0, static_cast<double>(std::max(1, p.n))};
    p.spec.x_ticks = false;
    p.spec.bottom_extra = small->FontSize + 4 * s;
    p.category_axis.grid = false;
    p.frame = layout_frame(ctx, pos, size, p.spec);
    p.band = (p.frame.area_max.x - p.frame.area_min.x) / std::max(1, p.n);
    if (label_w + 4 * s > p.band) {
      p.vertical_labels = true;
      p.spec.bottom_extra = std::min(label_w, size.y * 0.3f) + 5 * s;
      p.frame = layout_frame(ctx, pos, size, p.spec);
      p.band = (p.frame.area_max.x - p.frame.area_min.x) / std::max(1, p.n);
    }
    // Room above the tallest bar for its value label.
    if (b.value_labels && p.frame.area_min.y - p.frame.outer_min.y < small->FontSize + 4 * s) {
      p.frame.area_min.y += small->FontSize;
      p.frame.y.p1 = p.frame.area_min.y;
    }
  }
}

// The bar's rectangle on screen.
void bar_rect(const BarChart& b, const Prepared& p, int i, ImVec2& a, ImVec2& c, float s) {
  const Frame& f = p.frame;
  const float thick = std::min(p.band * 0.72f, 26 * s);
  const double v = b.values[i];
  if (b.horizontal) {
    const float cy = f.area_min.y + (i + 0.5f) * p.band;
    float x0 = f.x.to_px(p.base), x1 = f.x.to_px(v);
    if (!std::isfinite(x1)) x1 = x0;
    a = ImVec2(std::round(std::min(x0, x1)), std::round(cy - thick * 0.5f));
    c = ImVec2(std::round(std::max(x0, x1)), std::round(cy + thick * 0.5f));
  } else {
    const float cx = f.area_min.x + (i + 0.5f) * p.band;
    float y0 = f.y.to_px(p.base), y1 = f.y.to_px(v);
    if (!std::isfinite(y1)) y1 = y0;
    a = ImVec2(std::round(cx - thick * 0.5f), std::round(std::min(y0, y1)));
    c = ImVec2(std::round(cx + thick * 0.5f), std::round(std::max(y0, y1)));
  }
}

void paint(const Canvas& cv, const ViewContext& ctx, const BarChart& b, const Prepared& p, int hovered) {
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  const ImFont* small = ctx.fonts->small;
  const Frame& f = p.frame;
  paint_frame_back(cv, ctx, f, p.spec);
  for (int i = 0; i < p.n; ++i) {
    const double v = b.values[i];
    if (!std::isfinite(v)) continue;
    ImVec2 a, c;
    bar_rect(b, p, i, a, c, s);
    ImU32 col = b.colors ? b.colors[i] : (b.color ? b.color : pal.series[0]);
    if (i == b.highlight) col = pal.highlight;
    if (hovered >= 0 && i != hovered) col = mix(col, pal.background, 0.25f);
    cv.rect_filled(a, c, col, 2 * s);
    if (i < b.errors.count && std::isfinite(b.errors[i])) {
      const double e = b.errors[i];
      if (b.horizontal) {
        const float cy = (a.y + c.y) * 0.5f, x0 = f.x.to_px(v - e), x1 = f.x.to_px(v + e), h = (c.y - a.y) * 0.3f;
        cv.line(ImVec2(x0, cy), ImVec2(x1, cy), pal.text, 1.2f * s);
        cv.line(ImVec2(x0, cy - h), ImVec2(x0, cy + h), pal.text, 1.2f * s);
        cv.line(ImVec2(x1, cy - h), ImVec2(x1, cy + h), pal.text, 1.2f * s);
      } else {
        const float cx = (a.x + c.x) * 0.5f, y0 = f.y.to_px(v - e), y1 = f.y.to_px(v + e), w = (c.x - a.x) * 0.3f;
        cv.line(ImVec2(cx, y0), ImVec2(cx, y1), pal.text, 1.2f * s);
        cv.line(ImVec2(cx - w, y0), ImVec2(cx + w, y0), pal.text, 1.2f * s);
        cv.line(ImVec2(cx - w, y1), ImVec2(cx + w, y1), pal.text, 1.2f * s);
      }
    }
    if (b.value_labels) {
      const std::string t = value_text(v);
      const ImVec2 sz = text_size(small, t.c_str());
      if (b.horizontal) {
        const bool neg = v < p.base;
        const ImVec2 at = neg ? align_text(ImVec2(a.x - 3 * s, (a.y + c.y) * 0.5f), sz, 1, 0.5f)
                              : align_text(ImVec2(c.x + 3 * s, (a.y + c.y) * 0.5f), sz, 0, 0.5f);
        cv.text(small, at, i == b.highlight ? pal.text : pal.text_dim, t.c_str());
      } else if (sz.x <= p.band) {
        const bool neg = v < p.base;
        const ImVec2 at = neg ? align_text(ImVec2((a.x + c.x) * 0.5f, c.y + 2 * s), sz, 0.5f, 0)
                              : align_text(ImVec2((a.x + c.x) * 0.5f, a.y - 2 * s), sz, 0.5f, 1);
        cv.text(small, at, i == b.highlight ? pal.text : pal.text_dim, t.c_str());
      }
    }
  }
  // The zero line, when zero is inside the range.
  if (!(p.value_axis.scale == AxisScale::Log)) {
    if (b.horizontal) {
      const float x = snap(f.x.to_px(0));
      if (x > f.area_min.x + 1 && x < f.area_max.x) cv.line(ImVec2(x, f.area_min.y), ImVec2(x, f.area_max.y), pal.frame);
    } else {
      const float y = snap(f.y.to_px(0));
      if (y > f.area_min.y && y < f.area_max.y - 1) cv.line(ImVec2(f.area_min.x, y), ImVec2(f.area_max.x, y), pal.frame);
    }
  }
  paint_frame_front(cv, ctx, f, p.spec);
  if (p.n <= 0) paint_empty_message(cv, ctx, f, b.empty_text);
  for (int i = 0; i < p.n && i < static_cast<int>(b.labels.size()); ++i) {
    const ImU32 col = i == b.highlight ? pal.highlight : (i == hovered ? pal.text : pal.text_dim);
    const ImVec2 sz = text_size(small, b.labels[i].c_str());
    if (b.horizontal) {
      const float cy = f.area_min.y + (i + 0.5f) * p.band;
      cv.text(small, align_text(ImVec2(f.area_min.x - 6 * s, cy), sz, 1, 0.5f), col, b.labels[i].c_str());
    } else {
      const float cx = f.area_min.x + (i + 0.5f) * p.band;
      if (p.vertical_labels)
        cv.text_vertical(small, ImVec2(std::round(cx - sz.y * 0.5f), std::round(f.area_max.y + 4 * s)), col,
                         b.labels[i].c_str());
      else
        cv.text(small, align_text(ImVec2(cx, f.area_max.y + 4 * s), sz, 0.5f, 0), col, b.labels[i].c_str());
    }
  }
}

}  // namespace

BarChartResult draw_bar_chart(const ViewContext& ctx, const char* id, const BarChart& chart, ImVec2 size) {
  size = resolve_size(size);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  const PlotInput in = plot_input("##bars", size, false);
  Prepared p;
  prepare(ctx, chart, pos, size, p);
  BarChartResult r;
  r.frame = p.frame;
  if (in.hovered && p.n > 0) {
    const Frame& f = p.frame;
    // The whole category band counts (its label included), not just the bar.
    const bool inside = chart.horizontal ? (in.mouse.y >= f.area_min.y && in.mouse.y < f.area_max.y)
                                         : (in.mouse.x >= f.area_min.x && in.mouse.x < f.area_max.x);
    if (inside) {
      const float t = chart.horizontal ? in.mouse.y - f.area_min.y : in.mouse.x - f.area_min.x;
      r.hovered = std::clamp(static_cast<int>(t / p.band), 0, p.n - 1);
      r.clicked = in.clicked;
    }
  }
  paint(Canvas{ImGui::GetWindowDrawList(), nullptr}, ctx, chart, p, r.hovered);
  if (r.hovered >= 0) {
    ImGui::BeginTooltip();
    const std::string name = r.hovered < static_cast<int>(chart.labels.size()) ? chart.labels[r.hovered] : std::to_string(r.hovered);
    std::string v = format_value(chart.values[r.hovered]);
    if (r.hovered < chart.errors.count) v += " \xC2\xB1 " + format_value(chart.errors[r.hovered], 3);
    tooltip_row(ctx, chart.colors ? chart.colors[r.hovered] : (chart.color ? chart.color : ctx.palette->series[0]), name.c_str(),
                v.c_str());
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return r;
}

std::string bar_chart_svg(const ViewContext& ctx, const BarChart& chart, ImVec2 size) {
  Prepared p;
  prepare(ctx, chart, ImVec2(0, 0), size, p);
  Svg svg(ImVec2(0, 0), size);
  paint(Canvas{nullptr, &svg}, ctx, chart, p, -1);
  return svg.document(ctx.palette->background);
}

}  // namespace attend::views::plot
