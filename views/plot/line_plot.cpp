#include "views/plot/line_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/input.h"
#include "views/plot/label_layout.h"

namespace attend::views::plot {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
void toggle(std::vector<std::string>& v, const std::string& s) {
  auto it = std::find(v.begin(), v.end(), s);
  if (it == v.end())
    v.push_back(s);
  else
    v.erase(it);
}

using Segments = std::vector<std::vector<ImVec2>>;

struct BandPoly {
  std::vector<ImVec2> upper, lower;
};

// Everything computed before painting: the frame, smoothed values, screen-space polylines, the legend.
struct Prepared {
  FrameSpec spec;
  Frame frame;
  std::vector<int> visible;                 // indices of shown series
  std::vector<ImU32> color;                 // per series
  std::vector<std::vector<double>> sy;      // smoothed y per series (empty without smoothing)
  std::vector<std::vector<double>> slo, shi;  // smoothed band per series
  std::vector<Segments> lines, raw;         // per series
  std::vector<std::vector<BandPoly>> bands, envelopes;
  std::vector<LegendEntry> legend;
  LegendLayout legend_layout;
};

double y_of(const LinePlot& p, const Prepared& pr, int s, int i) {
  return pr.sy[s].empty() ? p.series[s].y[i] : pr.sy[s][i];
}

// The index range [first, last] of points that can show inside [lo, hi] (one point of margin each side).
void index_window(const LineSeries& s, double lo, double hi, int& first, int& last) {
  const int n = series_count(s);
  first = 0;
  last = n - 1;
  if (s.x.empty()) {
    first = std::max(0, static_cast<int>(std::floor(lo)) - 1);
    last = std::min(n - 1, static_cast<int>(std::ceil(hi)) + 1);
    return;
  }
  int a = 0, b = n;
  while (a < b) {  // first x >= lo
    const int m = (a + b) / 2;
    if (s.x[m] < lo) a = m + 1; else b = m;
  }
  first = std::max(0, a - 1);
  a = 0, b = n;
  while (a < b) {  // first x > hi
    const int m = (a + b) / 2;
    if (s.x[m] <= hi) a = m + 1; else b = m;
  }
  last = std::min(n - 1, a);
}

// Screen x of each point: a precomputed linear map where the axis is linear (no division per point).
struct XMap {
  const AxisMap& m;
  double k = 0, b = 0;  // double: x may be large (steps in the millions) and b cancels most of k * v
  explicit XMap(const AxisMap& map) : m(map) {
    if (!m.log) {
      k = (m.p1 - m.p0) / (m.hi - m.lo);
      b = m.p0 - k * m.lo;
    }
  }
  float operator()(double v) const { return m.log ? m.to_px(v) : static_cast<float>(k * v + b); }
};

template <class GetY>
Segments build_segments(const Frame& f, const LineSeries& s, int first, int last, GetY gety) {
  Segments out;
  const XMap xm(f.x), ym(f.y);
  std::vector<ImVec2> cur;
  ColumnDecimator dec(cur);
  auto flush = [&]() {
    dec.flush();
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (int i = first; i <= last; ++i) {
    const float px = xm(series_x(s, i)), py = ym(gety(i));
    if (!std::isfinite(px) || !std::isfinite(py)) {
      flush();
      continue;
    }
    dec.add(ImVec2(px, py));
  }
  flush();
  return out;
}

template <class GetLo, class GetHi>
std::vector<BandPoly> build_band(const Frame& f, const LineSeries& s, int first, int last, GetLo lo, GetHi hi) {
  std::vector<BandPoly> out;
  BandPoly cur;
  // A band is soft shading: about two points per pixel column are plenty.
  const int n = last - first + 1;
  const int width = static_cast<int>(f.area_max.x - f.area_min.x) + 1;
  const int stride = std::max(1, n / std::max(1, 2 * width));
  auto flush = [&]() {
    if (cur.upper.size() >= 2) out.push_back(cur);
    cur = BandPoly{};
  };
  std::vector<int> idx;
  for (int i = first; i <= last; i += stride) idx.push_back(i);
  if (!idx.empty() && idx.back() != last) idx.push_back(last);
  for (int i : idx) {
    const float px = f.x.to_px(series_x(s, i));
    const float a = f.y.to_px(hi(i)), b = f.y.to_px(lo(i));
    if (!std::isfinite(px) || !std::isfinite(a) || !std::isfinite(b)) {
      flush();
    } else {
      cur.upper.emplace_back(px, a);
      cur.lower.emplace_back(px, b);
    }
  }
  flush();
  return out;
}

Prepared prepare(const ViewContext& ctx, const LinePlot& p, ImVec2 pos, ImVec2 size, const LinePlotState* st) {
  Prepared pr;
  const int ns = static_cast<int>(p.series.size());
  pr.color.resize(ns);
  pr.sy.resize(ns);
  pr.slo.resize(ns);
  pr.shi.resize(ns);
  pr.lines.resize(ns);
  pr.raw.resize(ns);
  pr.bands.resize(ns);
  pr.envelopes.resize(ns);
  const bool log_x = p.x.scale == AxisScale::Log, log_y = p.y.scale == AxisScale::Log;
  Range xr{1, 0}, yr{1, 0};
  for (int s = 0; s < ns; ++s) {
    const LineSeries& se = p.series[s];
    pr.color[s] = se.color ? se.color : category_color(*ctx.palette, s);
    if (p.smoothing > 0) {
      ema_smooth(se.y, p.smoothing, pr.sy[s]);
      if (!se.band_lo.empty()) ema_smooth(se.band_lo, p.smoothing, pr.slo[s]);
      if (!se.band_hi.empty()) ema_smooth(se.band_hi, p.smoothing, pr.shi[s]);
    }
    const bool hidden = st && contains(st->hidden, se.name);
    LegendMark mark = se.dashed ? LegendMark::Dashed : (!se.band_lo.empty() ? LegendMark::Band : LegendMark::Line);
    if (se.markers) mark = series_count(se) < 3 ? LegendMark::Dot : LegendMark::LineDot;
    if (!se.name.empty()) pr.legend.push_back({se.name, pr.color[s], mark, hidden, st && contains(st->pinned, se.name)});
    if (hidden || se.y.empty()) continue;
    pr.visible.push_back(s);
    Values xs = se.x;
    if (xs.empty()) {
      extend(xr, {0.0, static_cast<double>(se.y.count - 1)});
    } else {
      xs.count = series_count(se);
      extend(xr, finite_range(xs, log_x));
    }
    // Fit y to what is drawn: the raw values (they stay visible, faintly), the bands and envelopes.
    extend(yr, finite_range(se.y, log_y));
    for (const Values* v : {&se.band_lo, &se.band_hi, &se.envelope_lo, &se.envelope_hi})
      if (!v->empty()) extend(yr, finite_range(*v, log_y));
  }
  for (const MarkerLine& m : p.markers) extend(xr, {m.x, m.x});

  Axis xa = p.x, ya = p.y;
  // Curves run edge to edge; series with point markers keep a margin so the end dots are not cut.
  const bool any_markers = std::any_of(p.series.begin(), p.series.end(), [](const LineSeries& s) { return s.markers; });
  if (!any_markers) xa.padding = 0;
  pr.spec.title = p.title;
  pr.spec.x = &p.x;
  pr.spec.y = &p.y;
  pr.spec.x_range = resolve_range(xa, xr);
  pr.spec.y_range = resolve_range(ya, yr);
  if (st && st->zoomed) {
    pr.spec.x_range = st->zoom_x;
    pr.spec.y_range = st->zoom_y;
  }
  pr.frame = layout_frame(ctx, pos, size, pr.spec);
  const Frame& f = pr.frame;

  for (int s : pr.visible) {
    const LineSeries& se = p.series[s];
    int first = 0, last = 0;
    index_window(se, pr.spec.x_range.lo, pr.spec.x_range.hi, first, last);
    if (last < first) continue;
    pr.lines[s] = build_segments(f, se, first, last, [&](int i) { return y_of(p, pr, s, i); });
    if (p.smoothing > 0) pr.raw[s] = build_segments(f, se, first, last, [&](int i) { return se.y[i]; });
    if (!se.band_lo.empty() && !se.band_hi.empty()) {
      pr.bands[s] = build_band(
          f, se, first, std::min(last, std::min(se.band_lo.count, se.band_hi.count) - 1),
          [&](int i) { return pr.slo[s].empty() ? se.band_lo[i] : pr.slo[s][i]; },
          [&](int i) { return pr.shi[s].empty() ? se.band_hi[i] : pr.shi[s][i]; });
    }
    if (!se.envelope_lo.empty() && !se.envelope_hi.empty()) {
      pr.envelopes[s] = build_band(f, se, first, std::min(last, std::min(se.envelope_lo.count, se.envelope_hi.count) - 1),
                                   [&](int i) { return se.envelope_lo[i]; }, [&](int i) { return se.envelope_hi[i]; });
    }
  }

  if (p.legend && !pr.legend.empty()) {
    std::vector<ImVec2> pts;
    for (int s : pr.visible)
      for (const auto& seg : pr.lines[s])
        for (size_t i = 0; i < seg.size(); i += std::max<size_t>(1, seg.size() / 200)) pts.push_back(seg[i]);
    const Corner corner = least_covered_corner(ctx, pr.legend, f, pts);
    pr.legend_layout = layout_legend(ctx, pr.legend, f, corner);
  }
  return pr;
}

struct Hover {
  bool active = false;
  float x_px = 0;
  int series = -1;
  int legend_row = -1;
  bool zoom_box = false;
  ImVec2 zoom_a, zoom_b;
};

ImU32 faded(ImU32 c, float f) { return with_alpha(c, ((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f * f); }

// Dots and value labels for each visible run at data x = `x` (the linked cursor), placed without overlaps.
void paint_cursor(const Canvas& c, const ViewContext& ctx, const LinePlot& p, const Prepared& pr, double x) {
  const Frame& f = pr.frame;
  const float s = ctx.scale;
  const float px = f.x.to_px(x);
  if (!std::isfinite(px) || px < f.area_min.x || px > f.area_max.x) return;
  const Palette& pal = *ctx.palette;
  c.line(ImVec2(snap(px), f.area_min.y), ImVec2(snap(px), f.area_max.y), with_alpha(pal.highlight, 0.8f), 1.0f);
  std::vector<LabelRequest> req;
  std::vector<std::string> text;
  std::vector<ImU32> cols;
  for (int si : pr.visible) {
    const LineSeries& se = p.series[si];
    const int i = nearest_point(se, x);
    if (i < 0) continue;
    const double v = y_of(p, pr, si, i);
    const ImVec2 q(f.x.to_px(series_x(se, i)), f.y.to_px(v));
    if (!std::isfinite(q.y)) continue;
    c.circle_filled(q, 3.5f * s, pr.color[si]);
    c.circle(q, 3.5f * s, pal.background, 1.0f * s);
    text.push_back(format_value(v, 3));
    cols.push_back(pr.color[si]);
    req.push_back({q, text_size(ctx.fonts->small, text.back().c_str()), 0, true});
  }
  const auto placed = place_labels(req, f.area_min, f.area_max, 4 * s, 3 * s);
  for (size_t i = 0; i < placed.size(); ++i) {
    if (!placed[i].shown) continue;
    const ImVec2 sz = req[i].size;
    c.rect_filled(ImVec2(placed[i].pos.x - 2 * s, placed[i].pos.y), ImVec2(placed[i].pos.x + sz.x + 2 * s, placed[i].pos.y + sz.y),
                  with_alpha(pal.background, 0.85f), 2 * s);
    c.text(ctx.fonts->small, placed[i].pos, cols[i], text[i].c_str());
  }
}

void paint(const Canvas& c, const ViewContext& ctx, const LinePlot& p, const Prepared& pr, const Hover& h,
           const LinePlotState* st) {
  const Frame& f = pr.frame;
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  paint_frame_back(c, ctx, f, pr.spec);
  c.push_clip(f.area_min, ImVec2(f.area_max.x + 1, f.area_max.y + 1));

  // Emphasis: pinned runs, the run under the mouse and the legend row under the mouse stand out; others fade.
  std::vector<char> emph(p.series.size(), 0);
  bool any_emph = false;
  for (int si : pr.visible) {
    const bool pinned = st && contains(st->pinned, p.series[si].name);
    const bool legend_hover = h.legend_row >= 0 && h.legend_row < static_cast<int>(pr.legend.size()) &&
                              pr.legend[h.legend_row].name == p.series[si].name;
    emph[si] = pinned || legend_hover || h.series == si;
    any_emph |= emph[si] != 0;
  }
  auto dim = [&](int si) { return any_emph && !emph[si] ? 0.3f : 1.0f; };

  for (int si : pr.visible) {
    for (const BandPoly& b : pr.envelopes[si])
      c.band(b.upper.data(), b.lower.data(), static_cast<int>(b.upper.size()), faded(pr.color[si], 0.10f * dim(si)));
    for (const BandPoly& b : pr.bands[si])
      c.band(b.upper.data(), b.lower.data(), static_cast<int>(b.upper.size()), faded(pr.color[si], 0.22f * dim(si)));
  }
  for (int si : pr.visible)
    for (const auto& seg : pr.raw[si])
      c.polyline(seg.data(), static_cast<int>(seg.size()), faded(pr.color[si], 0.2f * dim(si)), 1.0f * s);

  // Emphasised runs are drawn last, on top.
  std::vector<int> order = pr.visible;
  std::stable_partition(order.begin(), order.end(), [&](int si) { return !emph[si]; });
  for (int si : order) {
    const LineSeries& se = p.series[si];
    const float base = se.thickness > 0 ? se.thickness : 1.75f;
    const float th = base * s * (emph[si] && any_emph ? 1.35f : 1.0f);
    const ImU32 col = faded(pr.color[si], dim(si));
    for (const auto& seg : pr.lines[si]) {
      if (se.dashed) {
        for (size_t i = 0; i + 1 < seg.size(); ++i) c.dashed_line(seg[i], seg[i + 1], col, th, 5 * s, 4 * s);
      } else {
        c.polyline(seg.data(), static_cast<int>(seg.size()), col, th);
      }
      if (se.markers || seg.size() == 1)
        for (const ImVec2& q : seg) c.circle_filled(q, 2.5f * s + th * 0.5f, col);
    }
  }

  for (const MarkerLine& m : p.markers) {
    const float x = f.x.to_px(m.x);
    if (!std::isfinite(x) || x < f.area_min.x || x > f.area_max.x) continue;
    const ImU32 col = m.color ? m.color : pal.text_dim;
    c.dashed_line(ImVec2(snap(x), f.area_min.y), ImVec2(snap(x), f.area_max.y), with_alpha(col, 0.8f), 1.0f, 4 * s, 3 * s);
    if (!m.label.empty()) {
      const ImVec2 sz = text_size(ctx.fonts->small, m.label.c_str());
      float tx = x + 4 * s;
      if (tx + sz.x > f.area_max.x - 2 * s) tx = x - 4 * s - sz.x;  // flip left near the right edge
      c.text(ctx.fonts->small, ImVec2(std::round(tx), std::round(f.area_min.y + 3 * s)), col, m.label.c_str());
    }
  }

  if (p.cursor_x) paint_cursor(c, ctx, p, pr, *p.cursor_x);

  if (h.active) {
    c.line(ImVec2(snap(h.x_px), f.area_min.y), ImVec2(snap(h.x_px), f.area_max.y), with_alpha(pal.text_dim, 0.6f));
    const double hx = f.x.to_data(h.x_px);
    for (int si : pr.visible) {
      const LineSeries& se = p.series[si];
      const int i = nearest_point(se, hx);
      if (i < 0) continue;
      const ImVec2 q(f.x.to_px(series_x(se, i)), f.y.to_px(y_of(p, pr, si, i)));
      if (!std::isfinite(q.x) || !std::isfinite(q.y)) continue;
      c.circle_filled(q, (si == h.series ? 4.5f : 3.0f) * s, pr.color[si]);
      c.circle(q, (si == h.series ? 4.5f : 3.0f) * s, pal.background, 1.0f * s);
    }
  }
  if (h.zoom_box) {
    const ImVec2 a(std::min(h.zoom_a.x, h.zoom_b.x), std::min(h.zoom_a.y, h.zoom_b.y));
    const ImVec2 b(std::max(h.zoom_a.x, h.zoom_b.x), std::max(h.zoom_a.y, h.zoom_b.y));
    c.rect_filled(a, b, with_alpha(pal.accent, 0.15f));
    c.rect(a, b, with_alpha(pal.accent, 0.8f));
  }
  c.pop_clip();
  paint_frame_front(c, ctx, f, pr.spec);
  const bool any_point = std::any_of(pr.visible.begin(), pr.visible.end(), [&](int si) { return !pr.lines[si].empty(); });
  if (!any_point) paint_empty_message(c, ctx, f, p.empty_text);
  if (p.legend) paint_legend(c, ctx, pr.legend, pr.legend_layout, h.legend_row);
}

std::string x_text(const LinePlot& p, double x) {
  return p.x.format == AxisFormat::Duration ? format_duration(x) : format_value(x, 5);
}

void show_tooltip(const ViewContext& ctx, const LinePlot& p, const Prepared& pr, double hx, int nearest) {
  // The header shows the x of a data point (the nearest curve's, else the first shown run's), not the
  // mouse's fractional position.
  const int ref = nearest >= 0 ? nearest : (pr.visible.empty() ? -1 : pr.visible.front());
  double x_shown = hx;
  if (ref >= 0) {
    const LineSeries& se = p.series[ref];
    const int i = nearest_point(se, hx);
    if (i >= 0) x_shown = series_x(se, i);
  }
  ImGui::BeginTooltip();
  ImGui::TextDisabled("%s %s", p.x.label.empty() ? "x" : p.x.label.c_str(), x_text(p, x_shown).c_str());
  for (int si : pr.visible) {
    const LineSeries& se = p.series[si];
    const int i = nearest_point(se, hx);
    if (i < 0) continue;
    std::string value = format_value(y_of(p, pr, si, i));
    if (p.smoothing > 0) value += "  (raw " + format_value(se.y[i]) + ")";
    if (!se.band_lo.empty() && !se.band_hi.empty() && i < se.band_lo.count && i < se.band_hi.count)
      value += "  band " + format_value(se.band_lo[i], 3) + "\xE2\x80\x93" + format_value(se.band_hi[i], 3);
    std::string name = se.name.empty() ? "series " + std::to_string(si + 1) : se.name;
    if (si == nearest) name = "\xE2\x96\xB8 " + name;  // ▸ marks the curve under the mouse
    tooltip_row(ctx, pr.color[si], name.c_str(), value.c_str());
  }
  ImGui::EndTooltip();
}

}  // namespace

int nearest_point(const LineSeries& s, double x) {
  const int n = series_count(s);
  if (n <= 0) return -1;
  if (s.x.empty()) return std::clamp(static_cast<int>(std::lround(x)), 0, n - 1);
  Values xs = s.x;
  xs.count = n;
  return nearest_sorted(xs, x);
}

LinePlotResult draw_line_plot(const ViewContext& ctx, const char* id, const LinePlot& plot, ImVec2 size,
                              LinePlotState* state) {
  size = resolve_size(size);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  const PlotInput in = plot_input("##plot", size, state != nullptr);
  Prepared pr = prepare(ctx, plot, pos, size, state);
  const Frame& f = pr.frame;
  const float s = ctx.scale;

  LinePlotResult r;
  r.frame = f;
  Hover h;
  // Legend rows take the mouse before the data area does.
  if (in.hovered && plot.legend)
    for (int i = 0; i < static_cast<int>(pr.legend_layout.row_min.size()); ++i) {
      const ImVec2 a = pr.legend_layout.row_min[i], b = pr.legend_layout.row_max[i];
      if (in.mouse.x >= a.x && in.mouse.x <= b.x && in.mouse.y >= a.y && in.mouse.y < b.y) h.legend_row = i;
    }
  const bool in_area = in.hovered && f.contains(in.mouse) && h.legend_row < 0;
  if (in_area) {
    r.hovered = true;
    h.active = true;
    h.x_px = in.mouse.x;
    r.hover_x = f.x.to_data(in.mouse.x);
    float best = 12 * s;
    for (int si : pr.visible) {
      const LineSeries& se = plot.series[si];
      const int i = nearest_point(se, r.hover_x);
      if (i < 0) continue;
      const float py = f.y.to_px(y_of(plot, pr, si, i));
      if (std::isfinite(py) && std::fabs(py - in.mouse.y) < best) {
        best = std::fabs(py - in.mouse.y);
        r.hover_series = si;
        r.hover_index = i;
      }
    }
    h.series = r.hover_series;
  }

  if (state) {
    if (h.legend_row >= 0) {
      const std::string& name = pr.legend[h.legend_row].name;
      if (in.clicked) toggle(state->hidden, name);
      if (in.right_clicked) toggle(state->pinned, name);
      ImGui::SetTooltip("click: show or hide %s\nright click: pin it", name.c_str());
    }
    if (in.dragging && f.contains(in.press)) {
      h.zoom_box = true;
      h.zoom_a = in.press;
      h.zoom_b = ImVec2(std::clamp(in.mouse.x, f.area_min.x, f.area_max.x), std::clamp(in.mouse.y, f.area_min.y, f.area_max.y));
    }
    if (in.drag_released && f.contains(in.press)) {
      const ImVec2 b(std::clamp(in.mouse.x, f.area_min.x, f.area_max.x), std::clamp(in.mouse.y, f.area_min.y, f.area_max.y));
      if (std::fabs(b.x - in.press.x) > 4 * s && std::fabs(b.y - in.press.y) > 4 * s) {
        double x0 = f.x.to_data(in.press.x), x1 = f.x.to_data(b.x), y0 = f.y.to_data(in.press.y), y1 = f.y.to_data(b.y);
        state->zoomed = true;
        state->zoom_x = {std::min(x0, x1), std::max(x0, x1)};
        state->zoom_y = {std::min(y0, y1), std::max(y0, y1)};
      }
    }
    if (in.double_clicked && in_area) state->zoomed = false;
    if (in.wheel != 0 && in_area) {
      // Zoom about the mouse: the data point under it stays put.
      const double k = std::pow(0.85, in.wheel);
      auto zoom = [&](const AxisMap& m, float mouse, Range cur) {
        const bool lg = m.log;
        auto fw = [&](double v) { return lg ? std::log10(v) : v; };
        auto bw = [&](double v) { return lg ? std::pow(10.0, v) : v; };
        const double c0 = fw(m.to_data(mouse));
        return Range{bw(c0 + (fw(cur.lo) - c0) * k), bw(c0 + (fw(cur.hi) - c0) * k)};
      };
      state->zoom_x = zoom(f.x, in.mouse.x, pr.spec.x_range);
      state->zoom_y = zoom(f.y, in.mouse.y, pr.spec.y_range);
      state->zoomed = true;
    }
  }
  if (in.clicked && in_area && h.legend_row < 0) {
    r.clicked = true;
    r.clicked_series = r.hover_series;
    r.clicked_index = r.hover_index;
    r.clicked_x = r.hover_series >= 0 ? series_x(plot.series[r.hover_series], r.hover_index) : r.hover_x;
  }

  paint(Canvas{ImGui::GetWindowDrawList(), nullptr}, ctx, plot, pr, h, state);
  if (in_area && !in.dragging) show_tooltip(ctx, plot, pr, r.hover_x, r.hover_series);
  ImGui::PopID();
  return r;
}

std::string line_plot_svg(const ViewContext& ctx, const LinePlot& plot, ImVec2 size, const LinePlotState* state) {
  const Prepared pr = prepare(ctx, plot, ImVec2(0, 0), size, state);
  Svg svg(ImVec2(0, 0), size);
  paint(Canvas{nullptr, &svg}, ctx, plot, pr, Hover{}, state);
  return svg.document(ctx.palette->background);
}

std::string line_plot_csv(const LinePlot& plot) {
  std::string out = "series,x,y,smoothed,band_lo,band_hi\n";
  std::vector<double> sm;
  char buf[160];
  for (const LineSeries& s : plot.series) {
    if (plot.smoothing > 0) ema_smooth(s.y, plot.smoothing, sm);
    std::string name = s.name;
    if (name.find_first_of(",\"\n") != std::string::npos) {
      std::string q = "\"";
      for (char ch : name) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      name = q + "\"";
    }
    for (int i = 0; i < series_count(s); ++i) {
      out += name;
      std::snprintf(buf, sizeof buf, ",%.17g,%.17g,", series_x(s, i), s.y[i]);
      out += buf;
      if (plot.smoothing > 0) {
        std::snprintf(buf, sizeof buf, "%.17g", sm[i]);
        out += buf;
      }
      out += ",";
      if (i < s.band_lo.count) {
        std::snprintf(buf, sizeof buf, "%.17g", s.band_lo[i]);
        out += buf;
      }
      out += ",";
      if (i < s.band_hi.count) {
        std::snprintf(buf, sizeof buf, "%.17g", s.band_hi[i]);
        out += buf;
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace attend::views::plot
