#include "views/plot/plot_2d.h"

#include <algorithm>
#include <cmath>

#include "views/gl/texture.h"
#include "views/plot/contour.h"
#include "views/plot/input.h"
#include "views/plot/label_layout.h"

namespace attend::views::plot {
namespace {

struct Prepared {
  FrameSpec spec;
  Frame frame;
  ColorScale field_scale;
  const ColorMap* field_map = nullptr;
  std::vector<double> levels;
  Range field_data{1, 0};  // finite range of the field's values
  std::vector<LegendEntry> legend;
  LegendLayout legend_layout;
};

bool has_field(const Plot2D& p) { return !p.field.values.empty() && p.field.x.span() > 0 && p.field.y.span() > 0; }

float point_radius(const ViewContext& ctx, const ScatterLayer& l) { return (l.radius > 0 ? l.radius : 3.5f) * ctx.scale; }

// The colour scale of a layer coloured by value: its vmin/vmax, or the values' own range.
ColorScale value_scale(const ScatterLayer& l) {
  double lo = l.vmin, hi = l.vmax;
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    const Range r = finite_range(l.value);
    if (!std::isfinite(lo)) lo = r.valid() ? r.lo : 0;
    if (!std::isfinite(hi)) hi = r.valid() ? r.hi : 1;
  }
  return make_color_scale(lo, hi, l.map && l.map->diverging);
}

ImU32 point_color(const ViewContext& ctx, const ScatterLayer& l, const ColorScale& cs, int layer, int i) {
  if (l.category) return category_color(*ctx.palette, l.category[i]);
  if (!l.value.empty() && l.map && i < l.value.count) return sample(*l.map, cs.to_t(l.value[i]));
  return l.color ? l.color : category_color(*ctx.palette, layer);
}

// Grid coordinates (column, row) to data.
ImVec2 grid_to_px(const Frame& f, const Field& fd, float col, float row) {
  const double dx = fd.x.span() / std::max(1, fd.values.cols - 1), dy = fd.y.span() / std::max(1, fd.values.rows - 1);
  return f.to_px(fd.x.lo + col * dx, fd.y.hi - row * dy);
}

void prepare(const ViewContext& ctx, const Plot2D& p, ImVec2 pos, ImVec2 size, const Plot2DState* st, Prepared& pr) {
  Range xr{1, 0}, yr{1, 0};
  const bool field = has_field(p);
  if (field) {
    xr = p.field.x;
    yr = p.field.y;
  } else {
    const bool lx = p.x.scale == AxisScale::Log, ly = p.y.scale == AxisScale::Log;
    for (const ScatterLayer& l : p.scatter) extend(xr, finite_range(l.x, lx)), extend(yr, finite_range(l.y, ly));
    for (const PathLayer& l : p.paths) extend(xr, finite_range(l.x, lx)), extend(yr, finite_range(l.y, ly));
    extend(xr, finite_range(p.arrows.x, lx));
    extend(yr, finite_range(p.arrows.y, ly));
  }
  Axis xa = p.x, ya = p.y;
  if (field) xa.padding = ya.padding = 0;
  pr.spec.title = p.title;
  pr.spec.x = &p.x;
  pr.spec.y = &p.y;
  pr.spec.x_range = resolve_range(xa, xr);
  pr.spec.y_range = resolve_range(ya, yr);
  if (st && st->zoomed) {
    pr.spec.x_range = st->x;
    pr.spec.y_range = st->y;
  }
  pr.spec.equal_aspect = p.equal_aspect;

  if (field) {
    const Field& fd = p.field;
    pr.field_map = fd.map ? fd.map : &color_map(ColorMapId::Lumen);
    for (int r = 0; r < fd.values.rows; ++r)
      for (int c = 0; c < fd.values.cols; ++c) {
        const double v = fd.values.at(r, c);
        if (std::isfinite(v)) extend(pr.field_data, {v, v});
      }
    const double lo = std::isfinite(fd.vmin) ? fd.vmin : (pr.field_data.valid() ? pr.field_data.lo : 0);
    const double hi = std::isfinite(fd.vmax) ? fd.vmax : (pr.field_data.valid() ? pr.field_data.hi : 1);
    pr.field_scale = make_color_scale(lo, hi, pr.field_map->diverging, fd.center);
    pr.levels = fd.levels;
    if (pr.levels.empty() && fd.contour_count > 0 && pr.field_data.valid())
      pr.levels = nice_levels(pr.field_data.lo, pr.field_data.hi, fd.contour_count);
    if (fd.colorbar) {
      float w = colorbar_width(ctx, pr.field_scale);
      if (!fd.colorbar_label.empty())
        w = std::max(w, 8 * ctx.scale + text_size(ctx.fonts->small, fd.colorbar_label.c_str()).x + 2 * ctx.scale);
      pr.spec.right_extra = w;
    }
  }
  pr.frame = layout_frame(ctx, pos, size, pr.spec);

  for (int li = 0; li < static_cast<int>(p.scatter.size()); ++li) {
    const ScatterLayer& l = p.scatter[li];
    if (l.category && !l.category_names.empty()) {
      for (int k = 0; k < static_cast<int>(l.category_names.size()); ++k)
        pr.legend.push_back({l.category_names[k], category_color(*ctx.palette, k), LegendMark::Dot});
    } else if (l.ring && !l.name.empty()) {
      pr.legend.push_back({l.name, ctx.palette->text, LegendMark::Ring});
    } else if (!l.name.empty()) {
      pr.legend.push_back({l.name, l.color ? l.color : category_color(*ctx.palette, li), LegendMark::Dot});
    }
  }
  for (int i = 0; i < static_cast<int>(p.paths.size()); ++i)
    if (!p.paths[i].name.empty())
      pr.legend.push_back({p.paths[i].name, p.paths[i].color ? p.paths[i].color : category_color(*ctx.palette, i),
                           LegendMark::Line});
  if (!p.legend || pr.legend.empty()) return;
  if (p.equal_aspect) {
    // A square plot in a wide panel leaves room at the side: put the legend there, off the data, when the
    // data area keeps its size.
    const float lw = legend_width(ctx, pr.legend) + 8 * ctx.scale;
    FrameSpec wide = pr.spec;
    wide.right_extra += lw;
    const Frame f2 = layout_frame(ctx, pos, size, wide);
    if (f2.area_max.x - f2.area_min.x >= pr.frame.area_max.x - pr.frame.area_min.x - 1.5f) {
      pr.frame = f2;
      pr.legend_layout = layout_legend_at(ctx, pr.legend,
                                          ImVec2(f2.area_max.x + pr.spec.right_extra + 8 * ctx.scale, f2.area_min.y),
                                          f2.area_max.y - f2.area_min.y);
      return;
    }
  }
  std::vector<ImVec2> pts;
  for (const ScatterLayer& l : p.scatter)
    for (int i = 0; i < l.x.count && i < l.y.count; i += std::max(1, l.x.count / 300)) pts.push_back(pr.frame.to_px(l.x[i], l.y[i]));
  pr.legend_layout = layout_legend(ctx, pr.legend, pr.frame, least_covered_corner(ctx, pr.legend, pr.frame, pts));
}

void paint_field(const Canvas& c, const ViewContext& ctx, const Plot2D& p, const Prepared& pr, ImGuiID texture_id) {
  const Field& fd = p.field;
  const Frame& f = pr.frame;
  const int R = fd.values.rows, C = fd.values.cols;
  const float s = ctx.scale;
  if (fd.style == FieldStyle::Image) {
    const ImVec2 a = f.to_px(fd.x.lo, fd.y.hi), b = f.to_px(fd.x.hi, fd.y.lo);
    if (c.dl) {
      std::vector<uint32_t> px(static_cast<size_t>(R) * C);
      for (int r = 0; r < R; ++r)
        for (int k = 0; k < C; ++k) px[static_cast<size_t>(r) * C + k] = sample(*pr.field_map, pr.field_scale.to_t(fd.values.at(r, k)));
      gl::Texture& tex = gl::frame_texture(texture_id);
      gl::upload_rgba(tex, C, R, px.data(), true);
      // Texel centres sit on the grid points: the image spans the extent exactly and interpolates between them.
      gl::draw_image(c.dl, tex, a, b, ImVec2(0.5f / C, 0.5f / R), ImVec2(1 - 0.5f / C, 1 - 0.5f / R),
                     with_alpha(IM_COL32_WHITE, fd.opacity));
    }
    if (c.svg) {
      for (int r = 0; r < R; ++r)
        for (int k = 0; k < C; ++k) {
          const ImVec2 q0 = grid_to_px(f, fd, k - 0.5f, r - 0.5f), q1 = grid_to_px(f, fd, k + 0.5f, r + 0.5f);
          c.rect_filled(ImVec2(std::max(q0.x, a.x), std::max(q0.y, a.y)), ImVec2(std::min(q1.x, b.x), std::min(q1.y, b.y)),
                        with_alpha(sample(*pr.field_map, pr.field_scale.to_t(fd.values.at(r, k))), fd.opacity));
        }
    }
  } else if (fd.style == FieldStyle::Filled && !pr.levels.empty()) {
    const auto bands = contour_bands(fd.values, pr.levels);
    const int k = static_cast<int>(pr.levels.size());
    std::vector<ImVec2> tris;
    for (int b = 0; b <= k; ++b) {
      const double lo = b == 0 ? std::min(pr.field_data.lo, pr.levels[0]) : pr.levels[b - 1];
      const double hi = b == k ? std::max(pr.field_data.hi, pr.levels[k - 1]) : pr.levels[b];
      const ImU32 col = with_alpha(sample(*pr.field_map, pr.field_scale.to_t(0.5 * (lo + hi))), fd.opacity);
      tris.clear();
      for (const ImVec2& g : bands[b]) tris.push_back(grid_to_px(f, fd, g.x, g.y));
      c.triangles(tris.data(), static_cast<int>(tris.size()), col);
    }
  }
  const ImU32 line = fd.line_color ? fd.line_color : with_alpha(ctx.palette->text, 0.35f);
  std::vector<ImVec2> pts;
  for (double level : pr.levels) {
    for (const Polyline& pl : contour_lines(fd.values, level)) {
      pts.clear();
      for (const ImVec2& g : pl) pts.push_back(grid_to_px(f, fd, g.x, g.y));
      c.polyline(pts.data(), static_cast<int>(pts.size()), line, 1.0f * s);
    }
  }
  if (fd.emphasis_level) {
    for (const Polyline& pl : contour_lines(fd.values, *fd.emphasis_level)) {
      pts.clear();
      for (const ImVec2& g : pl) pts.push_back(grid_to_px(f, fd, g.x, g.y));
      c.polyline(pts.data(), static_cast<int>(pts.size()), with_alpha(ctx.palette->background, 0.6f), 4.0f * s);
      c.polyline(pts.data(), static_cast<int>(pts.size()), ctx.palette->text, 2.0f * s);
    }
  }
}

// `under(i)` is the colour beneath arrow i (0 when there is no field): arrows without a colour of their own
// take black or white, whichever reads on it.
template <class Under>
void paint_arrows(const Canvas& c, const ViewContext& ctx, const ArrowLayer& a, const Frame& f, Under under) {
  const int n = std::min({a.x.count, a.y.count, a.u.count, a.v.count});
  if (n <= 0) return;
  const float s = ctx.scale;
  auto color_of = [&](int i) {
    if (a.color) return a.color;
    const ImU32 bg = under(i);
    return with_alpha(bg ? text_color_on(bg) : ctx.palette->text, 0.7f);
  };
  // Screen direction of each arrow, then one length scale for all.
  std::vector<ImVec2> base(n), dir(n);
  float longest = 0;
  // One small data step for both axes, so the screen direction follows the data vector (u, v).
  const double e = std::max(std::fabs(f.x.hi - f.x.lo), std::fabs(f.y.hi - f.y.lo)) * 1e-3;
  for (int i = 0; i < n; ++i) {
    base[i] = f.to_px(a.x[i], a.y[i]);
    const double u = a.u[i], v = a.v[i];
    const ImVec2 tip = f.to_px(a.x[i] + u * e, a.y[i] + v * e);
    // Pixels per data unit along the arrow, measured on screen so log axes and unequal scales both hold.
    dir[i] = ImVec2(static_cast<float>((tip.x - base[i].x) / e), static_cast<float>((tip.y - base[i].y) / e));
    const float len = std::sqrt(dir[i].x * dir[i].x + dir[i].y * dir[i].y);
    if (std::isfinite(len)) longest = std::max(longest, len);
  }
  if (!(longest > 0)) return;
  const float area = (f.area_max.x - f.area_min.x) * (f.area_max.y - f.area_min.y);
  const float max_len = a.max_length > 0 ? a.max_length * s : 0.9f * std::sqrt(area / n);
  for (int i = 0; i < n; ++i) {
    const float len = std::sqrt(dir[i].x * dir[i].x + dir[i].y * dir[i].y);
    if (!std::isfinite(len) || len <= 0 || !std::isfinite(base[i].x) || !std::isfinite(base[i].y)) continue;
    const float L = a.normalize ? max_len : max_len * len / longest;
    const ImU32 col = color_of(i);
    if (L < 1.5f * s) {
      c.circle_filled(base[i], 1.0f * s, col);
      continue;
    }
    const ImVec2 d(dir[i].x / len, dir[i].y / len);
    const ImVec2 tip(base[i].x + d.x * L, base[i].y + d.y * L);
    const float head = std::min(5.0f * s, L * 0.45f);
    const ImVec2 back(tip.x - d.x * head, tip.y - d.y * head);
    c.line(base[i], back, col, 1.2f * s);
    const ImVec2 tri[3] = {tip, ImVec2(back.x - d.y * head * 0.45f, back.y + d.x * head * 0.45f),
                           ImVec2(back.x + d.y * head * 0.45f, back.y - d.x * head * 0.45f)};
    c.convex_filled(tri, 3, col);
  }
}

void paint(const Canvas& c, const ViewContext& ctx, const Plot2D& p, const Prepared& pr, int hover_layer, int hover_index,
           ImGuiID texture_id) {
  const Frame& f = pr.frame;
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  paint_frame_back(c, ctx, f, pr.spec);
  c.push_clip(f.area_min, ImVec2(f.area_max.x + 1, f.area_max.y + 1));
  if (has_field(p)) paint_field(c, ctx, p, pr, texture_id);
  paint_arrows(c, ctx, p.arrows, f, [&](int i) -> ImU32 {
    if (!has_field(p)) return 0;
    const double v = field_value_at(p.field, p.arrows.x[i], p.arrows.y[i]);
    return std::isfinite(v) ? mix(pal.background, sample(*pr.field_map, pr.field_scale.to_t(v)), p.field.opacity) : 0;
  });

  std::vector<ImVec2> pts;
  for (int i = 0; i < static_cast<int>(p.paths.size()); ++i) {
    const PathLayer& l = p.paths[i];
    const ImU32 col = l.color ? l.color : category_color(pal, i);
    pts.clear();
    for (int k = 0; k < std::min(l.x.count, l.y.count); ++k) {
      const ImVec2 q = f.to_px(l.x[k], l.y[k]);
      if (std::isfinite(q.x) && std::isfinite(q.y)) pts.push_back(q);
    }
    if (pts.empty()) continue;
    c.polyline(pts.data(), static_cast<int>(pts.size()), with_alpha(pal.background, 0.5f), 4.0f * s);
    c.polyline(pts.data(), static_cast<int>(pts.size()), col, 2.0f * s);
    if (l.start_mark) {
      c.circle_filled(pts.front(), 4.0f * s, pal.background);
      c.circle(pts.front(), 4.0f * s, col, 2.0f * s);
    }
    if (l.end_mark) {
      c.circle_filled(pts.back(), 4.5f * s, col);
      c.circle(pts.back(), 4.5f * s, pal.background, 1.2f * s);
    }
  }

  // Points: a thin background-coloured edge keeps them distinct over fields and over each other.
  for (int li = 0; li < static_cast<int>(p.scatter.size()); ++li) {
    const ScatterLayer& l = p.scatter[li];
    const float r = point_radius(ctx, l);
    const int n = std::min(l.x.count, l.y.count);
    const bool halo = n <= 3000;  // past that the halos double the vertex count for little gain
    const ColorScale cs = value_scale(l);
    for (int i = 0; i < n; ++i) {
      const ImVec2 q = f.to_px(l.x[i], l.y[i]);
      if (!std::isfinite(q.x) || !std::isfinite(q.y)) continue;
      if (q.x < f.area_min.x - r || q.x > f.area_max.x + r || q.y < f.area_min.y - r || q.y > f.area_max.y + r) continue;
      const ImU32 col = point_color(ctx, l, cs, li, i);
      if (l.ring) {
        c.circle_filled(q, r + 1.5f * s, pal.text);
      } else if (halo) {
        c.circle_filled(q, r + 0.8f * s, with_alpha(pal.background, 0.8f));
      }
      c.circle_filled(q, r, col);
    }
    for (int i : l.selected) {
      if (i < 0 || i >= n) continue;
      const ImVec2 q = f.to_px(l.x[i], l.y[i]);
      c.circle(q, r + 4.0f * s, pal.highlight, 2.0f * s);
    }
  }
  if (hover_layer >= 0) {
    const ScatterLayer& l = p.scatter[hover_layer];
    c.circle(f.to_px(l.x[hover_index], l.y[hover_index]), point_radius(ctx, l) + 3.0f * s, pal.text, 1.5f * s);
  }

  // Labels: the selected and hovered points first, then by priority.
  for (int li = 0; li < static_cast<int>(p.scatter.size()); ++li) {
    const ScatterLayer& l = p.scatter[li];
    if (!l.labels) continue;
    const int n = std::min({l.x.count, l.y.count, static_cast<int>(l.labels->size())});
    std::vector<LabelRequest> req;
    std::vector<int> which;
    for (int i = 0; i < n; ++i) {
      const ImVec2 q = f.to_px(l.x[i], l.y[i]);
      if ((*l.labels)[i].empty() || !f.contains(q)) continue;
      float pri = i < l.label_priority.count ? static_cast<float>(l.label_priority[i]) : static_cast<float>(-i);
      bool must = false;
      if (std::find(l.selected.begin(), l.selected.end(), i) != l.selected.end()) pri = 1e30f, must = true;
      if (li == hover_layer && i == hover_index) pri = 2e30f, must = true;
      req.push_back({q, text_size(ctx.fonts->small, (*l.labels)[i].c_str()), pri, must});
      which.push_back(i);
    }
    const auto placed = place_labels(req, f.area_min, f.area_max, 3 * s, point_radius(ctx, l));
    for (size_t k = 0; k < placed.size(); ++k) {
      if (!placed[k].shown) continue;
      const int i = which[k];
      const bool hot = (li == hover_layer && i == hover_index) ||
                       std::find(l.selected.begin(), l.selected.end(), i) != l.selected.end();
      // A halo in the background colour keeps labels readable over points and fields.
      const char* t = (*l.labels)[i].c_str();
      const ImU32 halo = with_alpha(pal.background, 0.75f);
      for (const ImVec2 d : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1)})
        c.text(ctx.fonts->small, ImVec2(placed[k].pos.x + d.x, placed[k].pos.y + d.y), halo, t);
      c.text(ctx.fonts->small, placed[k].pos, hot ? pal.highlight : pal.text, t);
    }
  }
  c.pop_clip();
  paint_frame_front(c, ctx, f, pr.spec);
  const bool any = has_field(p) || !p.arrows.x.empty() ||
                   std::any_of(p.scatter.begin(), p.scatter.end(), [](const ScatterLayer& l) { return !l.x.empty(); }) ||
                   std::any_of(p.paths.begin(), p.paths.end(), [](const PathLayer& l) { return !l.x.empty(); });
  if (!any) paint_empty_message(c, ctx, f, p.empty_text);
  if (has_field(p) && p.field.colorbar)
    paint_colorbar(c, ctx, *pr.field_map, pr.field_scale, f.area_max.x, f.area_min.y, f.area_max.y, p.field.colorbar_label);
  if (p.legend) paint_legend(c, ctx, pr.legend, pr.legend_layout, -1);
}

}  // namespace

double field_value_at(const Field& fd, double x, double y) {
  const int R = fd.values.rows, C = fd.values.cols;
  if (R < 2 || C < 2 || !(fd.x.span() > 0) || !(fd.y.span() > 0)) return std::nan("");
  const double gc = (x - fd.x.lo) / fd.x.span() * (C - 1), gr = (fd.y.hi - y) / fd.y.span() * (R - 1);
  if (gc < 0 || gr < 0 || gc > C - 1 || gr > R - 1) return std::nan("");
  const int c0 = std::min(C - 2, static_cast<int>(gc)), r0 = std::min(R - 2, static_cast<int>(gr));
  const double tx = gc - c0, ty = gr - r0;
  const double a = fd.values.at(r0, c0), b = fd.values.at(r0, c0 + 1), c = fd.values.at(r0 + 1, c0),
               d = fd.values.at(r0 + 1, c0 + 1);
  return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
}

Plot2DResult draw_plot_2d(const ViewContext& ctx, const char* id, const Plot2D& plot, ImVec2 size, Plot2DState* state) {
  size = resolve_size(size);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  const ImGuiID tex_id = ImGui::GetID("##texture");
  const bool nav = state && plot.navigate;
  const PlotInput in = plot_input("##plot2d", size, nav);
  Prepared pr;
  prepare(ctx, plot, pos, size, state, pr);
  const Frame& f = pr.frame;
  const float s = ctx.scale;
  Plot2DResult r;
  r.frame = f;

  const bool in_area = in.hovered && f.contains(in.mouse);
  if (in_area) {
    r.hovered = true;
    r.mouse_x = f.x.to_data(in.mouse.x);
    r.mouse_y = f.y.to_data(in.mouse.y);
    float best = 10.0f * s;
    for (int li = 0; li < static_cast<int>(plot.scatter.size()); ++li) {
      const ScatterLayer& l = plot.scatter[li];
      if (!l.hover) continue;
      const int n = std::min(l.x.count, l.y.count);
      for (int i = 0; i < n; ++i) {
        const ImVec2 q = f.to_px(l.x[i], l.y[i]);
        const float d = std::hypot(q.x - in.mouse.x, q.y - in.mouse.y);
        if (d < best) {
          best = d;
          r.hover_layer = li;
          r.hover_index = i;
        }
      }
    }
  }
  if (in.clicked && in_area) {
    r.clicked = true;
    r.clicked_x = r.mouse_x;
    r.clicked_y = r.mouse_y;
    r.clicked_layer = r.hover_layer;
    r.clicked_index = r.hover_index;
  }
  if (nav) {
    Range cx = pr.spec.x_range, cy = pr.spec.y_range;
    bool changed = false;
    if (in.dragging && f.contains(in.press)) {
      const ImVec2 d = ImGui::GetIO().MouseDelta;
      if (d.x != 0 || d.y != 0) {
        const double x0 = f.x.to_data(f.area_min.x - d.x), x1 = f.x.to_data(f.area_max.x - d.x);
        const double y0 = f.y.to_data(f.area_max.y - d.y), y1 = f.y.to_data(f.area_min.y - d.y);
        cx = {x0, x1};
        cy = {y0, y1};
        changed = true;
      }
    }
    if (in.wheel != 0 && in_area) {
      const double k = std::pow(0.85, in.wheel);
      auto zoom = [&](const AxisMap& m, float mouse, Range cur) {
        auto fw = [&](double v) { return m.log ? std::log10(v) : v; };
        auto bw = [&](double v) { return m.log ? std::pow(10.0, v) : v; };
        const double c0 = fw(m.to_data(mouse));
        return Range{bw(c0 + (fw(cur.lo) - c0) * k), bw(c0 + (fw(cur.hi) - c0) * k)};
      };
      cx = zoom(f.x, in.mouse.x, cx);
      cy = zoom(f.y, in.mouse.y, cy);
      changed = true;
    }
    if (changed) {
      state->zoomed = true;
      state->x = cx;
      state->y = cy;
    }
    if (in.double_clicked && in_area) state->zoomed = false;
  }

  paint(Canvas{ImGui::GetWindowDrawList(), nullptr}, ctx, plot, pr, r.hover_layer, r.hover_index, tex_id);

  if (in_area && !in.dragging) {
    ImGui::BeginTooltip();
    if (r.hover_layer >= 0) {
      const ScatterLayer& l = plot.scatter[r.hover_layer];
      const int i = r.hover_index;
      std::string name = l.labels && i < static_cast<int>(l.labels->size()) ? (*l.labels)[i] : l.name;
      if (l.category && l.category[i] >= 0 && l.category[i] < static_cast<int>(l.category_names.size()))
        name += (name.empty() ? "" : " · ") + l.category_names[l.category[i]];
      if (name.empty()) name = "point " + std::to_string(i);
      const std::string where = "(" + format_value(l.x[i]) + ", " + format_value(l.y[i]) + ")";
      tooltip_row(ctx, point_color(ctx, l, value_scale(l), r.hover_layer, i), name.c_str(), where.c_str());
    } else {
      ImGui::TextDisabled("(%s, %s)", format_value(r.mouse_x).c_str(), format_value(r.mouse_y).c_str());
    }
    if (has_field(plot)) {
      const double v = field_value_at(plot.field, r.mouse_x, r.mouse_y);
      if (std::isfinite(v)) {
        const std::string label = plot.field.colorbar_label.empty() ? "value" : plot.field.colorbar_label;
        tooltip_row(ctx, sample(*pr.field_map, pr.field_scale.to_t(v)), label.c_str(), format_value(v).c_str());
      }
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return r;
}

std::string plot_2d_svg(const ViewContext& ctx, const Plot2D& plot, ImVec2 size, const Plot2DState* state) {
  Prepared pr;
  prepare(ctx, plot, ImVec2(0, 0), size, state, pr);
  Svg svg(ImVec2(0, 0), size);
  paint(Canvas{nullptr, &svg}, ctx, plot, pr, -1, -1, 0);
  return svg.document(ctx.palette->background);
}

}  // namespace attend::views::plot
