// The 2-D panel: the surface seen from above as filled contour bands (the 3-D view's colours and lines),
// downhill arrows of the gradient field, critical points by kind, the racers' trails and balls, the start,
// and in step-by-step mode the focused racer's gradient, velocity and update as arrows with their names.
// Left click sets the start; right click pins the readout of the nearest critical point; the wheel zooms and
// a right drag pans (the box changes, so the mesh and the critical points are rebuilt for it); a double
// click goes back to the surface's own box.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "views/plot/axes.h"
#include "views/plot/canvas.h"
#include "views/plot/color.h"
#include "views/plot/input.h"
#include "views/plot/label_layout.h"
#include "views/plot/series.h"
#include "views/plot/ticks.h"
#include "views/surface_view_state.h"

namespace attend::views::surface_view {

using surface::Vec2;

namespace {

constexpr float kColorbarWidth = 11;

struct Mapper {
  plot::Frame f;
  ImVec2 px(Vec2 p) const { return f.to_px(p.x, p.y); }
  ImVec2 px(double x, double y) const { return f.to_px(x, y); }
  Vec2 data(ImVec2 q) const { return {f.x.to_data(q.x), f.y.to_data(q.y)}; }
};

// The colour bar: display height t on the map, labelled with the surface's own values f (log-spaced when the
// surface is shown on a log scale).
void paint_colorbar(const plot::Canvas& c, const ViewContext& ctx, const surface::HeightMap& map, float left,
                    float top, float bottom) {
  const float s = ctx.scale;
  const plot::ColorMap& cm = plot::color_map(plot::ColorMapId::Lumen);
  const int slices = 64;
  const float w = kColorbarWidth * s;
  for (int k = 0; k < slices; ++k) {
    const float y0 = bottom - (bottom - top) * k / slices, y1 = bottom - (bottom - top) * (k + 1) / slices;
    c.rect_filled(ImVec2(left, y1), ImVec2(left + w, y0 + 0.5f), plot::sample(cm, (k + 0.5) / slices));
  }
  c.rect(ImVec2(left, top), ImVec2(left + w, bottom), plot::with_alpha(ctx.palette->frame, 0.6f));
  std::vector<double> values;
  if (map.scale == surface::HeightScale::Log) {
    // Decades above the minimum: f = lo + 10^k.
    const double span = map.hi - map.lo;
    for (const plot::Tick& t : plot::log_ticks(std::max(map.delta, span * 1e-4), span, 6))
      if (t.major) values.push_back(map.lo + t.value);
    values.insert(values.begin(), map.lo);
  } else {
    for (const plot::Tick& t : plot::linear_ticks(map.lo, map.hi, 6))
      if (t.major) values.push_back(t.value);
  }
  const ImFont* font = ctx.fonts->small;
  float last_y = FLT_MAX;
  for (double v : values) {
    const double t = map.to_t(v);
    if (!(t >= -1e-9 && t <= 1 + 1e-9)) continue;
    const float y = bottom - static_cast<float>(t) * (bottom - top);
    if (std::fabs(y - last_y) < font->FontSize + 1) continue;  // keep labels apart
    last_y = y;
    c.line(ImVec2(left + w, y), ImVec2(left + w + 3 * s, y), ctx.palette->text_dim);
    const std::string label = plot::format_value(v, 3);
    c.text(font, plot::align_text(ImVec2(left + w + 5 * s, y), plot::text_size(font, label.c_str()), 0, 0.5f),
           ctx.palette->text_dim, label.c_str());
  }
  const char* name = map.scale == surface::HeightScale::Log ? "f (log)" : "f";
  c.text(font, plot::align_text(ImVec2(left, top - 3 * s), plot::text_size(font, name), 0, 1), ctx.palette->text_dim, name);
}

// The filled contours: the scene's band image stretched over its box (texel centres on the grid points).
void paint_bands(ImDrawList* dl, Lab& lab, const Mapper& m, const Scene& sc) {
  if (lab.band_uploaded != sc.generation || lab.band_texture.id == 0) {
    gl::upload_rgba(lab.band_texture, sc.n, sc.n, sc.band_pixels.data(), true);
    lab.band_uploaded = sc.generation;
  }
  const surface::Box& b = sc.scene.mesh.box;
  const float h = 0.5f / sc.n;
  gl::draw_image(dl, lab.band_texture, m.px(b.x0, b.y1), m.px(b.x1, b.y0), ImVec2(h, h), ImVec2(1 - h, 1 - h));
}

void paint_lines(const plot::Canvas& c, const ViewContext& ctx, const Mapper& m, const Scene& sc) {
  const surface::Box& b = sc.scene.mesh.box;
  const ImVec2 o = m.px(b.x0, b.y1);
  const ImVec2 e = m.px(b.x0 + b.width() / std::max(1, sc.cols2 - 1), b.y1 - b.height() / std::max(1, sc.rows2 - 1));
  const float kx = e.x - o.x, ky = e.y - o.y;
  const ImU32 col = plot::with_alpha(ctx.palette->text, 0.3f);
  std::vector<ImVec2> pts;
  for (const auto& level : sc.lines)
    for (const plot::Polyline& pl : level) {
      pts.resize(pl.size());
      for (size_t i = 0; i < pl.size(); ++i) pts[i] = ImVec2(o.x + kx * pl[i].x, o.y + ky * pl[i].y);
      c.polyline(pts.data(), static_cast<int>(pts.size()), col, 1.0f * ctx.scale);
    }
}

void paint_arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float head) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (!(len > 0.5f)) return;
  const ImVec2 d(dx / len, dy / len);
  head = std::min(head, len * 0.6f);
  const ImVec2 back(b.x - d.x * head, b.y - d.y * head);
  dl->AddLine(a, back, col, thickness);
  dl->AddTriangleFilled(b, ImVec2(back.x - d.y * head * 0.5f, back.y + d.x * head * 0.5f),
                        ImVec2(back.x + d.y * head * 0.5f, back.y - d.x * head * 0.5f), col);
}

void paint_field(ImDrawList* dl, const ViewContext& ctx, const Mapper& m, const Scene& sc) {
  const auto& field = sc.scene.field;
  if (field.empty() || sc.scene.field_columns <= 0) return;
  const plot::ColorMap& cm = plot::color_map(plot::ColorMapId::Lumen);
  const float spacing = (m.f.area_max.x - m.f.area_min.x) / sc.scene.field_columns;
  const float max_len = 0.8f * spacing;
  for (size_t i = 0; i < field.size(); ++i) {
    const surface::Arrow& a = field[i];
    const double gn = surface::norm(a.g);
    if (!(gn > 0) || !(a.length > 0)) continue;
    const ImVec2 base = m.px(a.at);
    // Downhill: −∇f. Screen y grows downwards, data y upwards.
    const float L = static_cast<float>(a.length) * max_len;
    const ImVec2 dir(static_cast<float>(-a.g.x / gn), static_cast<float>(a.g.y / gn));
    const ImVec2 from(base.x - dir.x * L * 0.5f, base.y - dir.y * L * 0.5f), to(base.x + dir.x * L * 0.5f, base.y + dir.y * L * 0.5f);
    const float t = i < sc.arrow_t.size() ? sc.arrow_t[i] : 0.5f;
    const ImU32 col = plot::with_alpha(plot::text_color_on(plot::sample(cm, std::isfinite(t) ? t : 0.5)), 0.55f);
    if (L < 3 * ctx.scale) {
      dl->AddCircleFilled(base, 1.0f * ctx.scale, col);
      continue;
    }
    paint_arrow(dl, from, to, col, 1.1f * ctx.scale, 4.5f * ctx.scale);
  }
}

// Eigen-axes of the Hessian at a point: a line per eigenvector, green where the surface curves up
// (λ > 0), red where it curves down, with λ written at the end.
void paint_eigen_axes(ImDrawList* dl, const ViewContext& ctx, const Mapper& m, const surface::PointInfo& info) {
  const float s = ctx.scale;
  const ImVec2 c = m.px(info.p);
  const float L = 30 * s;
  const ImFont* font = ctx.fonts->small;
  for (int k = 0; k < 2; ++k) {
    const double lambda = info.eig.value[k];
    const Vec2 v = info.eig.vector[k];
    const ImVec2 d(static_cast<float>(v.x), static_cast<float>(-v.y));
    const ImU32 col = lambda > 0 ? ctx.palette->good : (lambda < 0 ? ctx.palette->bad : ctx.palette->text_dim);
    const ImVec2 a(c.x - d.x * L, c.y - d.y * L), b(c.x + d.x * L, c.y + d.y * L);
    dl->AddLine(a, b, plot::with_alpha(ctx.palette->background, 0.8f), 4.5f * s);
    dl->AddLine(a, b, col, 2.2f * s);
    char label[48];
    std::snprintf(label, sizeof label, "λ%s %s", k == 0 ? "₁" : "₂", plot::format_value(lambda, 3).c_str());
    const ImVec2 at(b.x + d.x * 6 * s, b.y + d.y * 6 * s);
    const ImVec2 sz = plot::text_size(font, label);
    const ImVec2 pos = plot::align_text(at, sz, d.x >= 0 ? 0.0f : 1.0f, 0.5f);
    dl->AddRectFilled(ImVec2(pos.x - 2 * s, pos.y - 1 * s), ImVec2(pos.x + sz.x + 2 * s, pos.y + sz.y + 1 * s),
                      plot::with_alpha(ctx.palette->background, 0.8f), 3 * s);
    dl->AddText(font, font->FontSize, pos, col, label);
  }
  dl->AddCircle(c, 5 * s, ctx.palette->text, 0, 1.5f * s);
}

void label_at(ImDrawList* dl, const ViewContext& ctx, ImVec2 at, ImU32 col, const char* text) {
  const ImFont* font = ctx.fonts->small;
  const ImVec2 sz = plot::text_size(font, text);
  const float s = ctx.scale;
  dl->AddRectFilled(ImVec2(at.x - 2 * s, at.y - 1 * s), ImVec2(at.x + sz.x + 2 * s, at.y + sz.y + 1 * s),
                    plot::with_alpha(ctx.palette->background, 0.78f), 3 * s);
  dl->AddText(font, font->FontSize, at, col, text);
}

// The focused racer's last step, drawn from where it started. SGD and the momentum methods in one unit, as
// a sum: the new gradient's part −η∇f, then from its tip the part momentum carries over (Momentum:
// −η·μ·v_prev = −η·(v − g); Nesterov: −η·μ·v), closing the triangle with the update Δθ the rule made. The
// adaptive methods rescale each coordinate, so there −∇f (and Adam's −m′) are drawn as directions as long
// as the update, to show how far the step turns away from the gradient. All magnified together so the
// update is readable.
void paint_step_arrows(ImDrawList* dl, const ViewContext& ctx, const Mapper& m, const surface::Racer& r, ImU32 racer_col) {
  if (!r.has_last) return;
  const surface::StepDetail& d = r.last;
  const optim::Method method = r.spec.method;
  const bool adaptive = optim::uses_second_moment(method);
  const bool adam = method == optim::Method::Adam || method == optim::Method::AdamW;
  const double lr = r.spec.hyper.lr, mu = r.spec.hyper.momentum;
  const Palette& pal = *ctx.palette;
  struct Arr {
    Vec2 from, v;  // in plane units, relative to the step's start
    ImU32 col;
    std::string name;
  };
  std::vector<Arr> arrows;
  const double upd = surface::norm(d.update);
  auto as_direction = [&](Vec2 v) {
    const double n = surface::norm(v);
    return n > 0 ? (upd / n) * v : Vec2{};
  };
  const Vec2 g_part = -lr * d.gradient;
  if (adaptive) {
    arrows.push_back({{}, as_direction(-1.0 * d.gradient), pal.bad, "−∇f direction,"});
    if (adam) arrows.push_back({{}, as_direction(-1.0 * d.velocity_hat), pal.accent, "−m′ direction,"});
  } else {
    arrows.push_back({{}, g_part, pal.bad, "−η∇f"});
    if (method == optim::Method::Momentum)
      arrows.push_back({g_part, -lr * (d.velocity - d.gradient), pal.accent, "−η·μ·v (carried)"});
    else if (method == optim::Method::Nesterov)
      arrows.push_back({g_part, -lr * mu * d.velocity, pal.accent, "−η·μ·v (look-ahead)"});
  }
  arrows.push_back({{}, d.update, racer_col, "Δθ"});
  const ImVec2 a = m.px(d.from);
  const double ppu = std::fabs(m.f.x.to_px(1.0) - m.f.x.to_px(0.0));  // pixels per plane unit
  double reach = 0;
  for (const Arr& x : arrows) reach = std::max({reach, surface::norm(x.v) * ppu, surface::norm(x.from + x.v) * ppu});
  const float s = ctx.scale;
  const double area = std::min(m.f.area_max.x - m.f.area_min.x, m.f.area_max.y - m.f.area_min.y);
  double k = 1;
  const double upd_px = upd * ppu;
  if (upd_px > 0 && upd_px < 60 * s) k = 60 * s / upd_px;
  if (reach * k > 0.4 * area) k = 0.4 * area / std::max(reach, 1e-300);
  k = std::max(k, 1e-12);
  auto px = [&](Vec2 v) { return ImVec2(a.x + static_cast<float>(v.x * ppu * k), a.y - static_cast<float>(v.y * ppu * k)); };
  std::vector<plot::LabelRequest> req;
  const ImFont* font = ctx.fonts->small;
  for (const Arr& x : arrows) {
    const ImVec2 p0 = px(x.from), p1 = px(x.from + x.v);
    paint_arrow(dl, p0, p1, plot::with_alpha(pal.background, 0.85f), 5.0f * s, 11 * s);
    paint_arrow(dl, p0, p1, x.col, 2.6f * s, 10 * s);
    req.push_back({ImVec2((p0.x + p1.x) / 2, (p0.y + p1.y) / 2), plot::text_size(font, x.name.c_str()), 1, true});
  }
  // Each label carries its vector's length in the plane; a direction arrow, the length of what it stands for.
  for (size_t i = 0; i < arrows.size(); ++i) {
    const bool last = i + 1 == arrows.size();
    std::string number = plot::format_value(surface::norm(arrows[i].v), 2);
    if (adaptive && !last) number = i == 0 ? "|∇f| " + plot::format_value(surface::norm(d.gradient), 2)
                                           : "|m′| " + plot::format_value(surface::norm(d.velocity_hat), 2);
    arrows[i].name += "  " + number;
    req[i].size = plot::text_size(font, arrows[i].name.c_str());
  }
  const auto placed = plot::place_labels(req, m.f.area_min, m.f.area_max, 5 * s, 4 * s);
  for (size_t i = 0; i < arrows.size(); ++i)
    if (placed[i].shown) label_at(dl, ctx, placed[i].pos, arrows[i].col, arrows[i].name.c_str());
  if (std::fabs(k - 1) > 0.05) {
    char note[48];
    std::snprintf(note, sizeof note, "arrows ×%s", plot::format_value(k, 2).c_str());
    const ImVec2 sz = plot::text_size(font, note);
    label_at(dl, ctx, ImVec2(m.f.area_max.x - sz.x - 8 * s, m.f.area_min.y + 6 * s), pal.text_dim, note);
  }
}

void paint_racers(ImDrawList* dl, const ViewContext& ctx, const Lab& lab, const Mapper& m) {
  if (!lab.snap) return;
  const float s = ctx.scale;
  const Palette& pal = *ctx.palette;
  std::vector<ImVec2> pts, thin;
  for (size_t i = 0; i < lab.snap->racers.size(); ++i) {
    const surface::Racer& r = lab.snap->racers[i];
    if (lab.hidden.count(r.spec.label)) continue;
    const ImU32 col = racer_colour(pal, *lab.snap, i);
    pts.clear();
    for (const Vec2& p : r.trace.points) pts.push_back(m.px(p));
    plot::decimate_polyline(pts.data(), static_cast<int>(pts.size()), thin);
    if (thin.size() >= 2) {
      dl->AddPolyline(thin.data(), static_cast<int>(thin.size()), plot::with_alpha(pal.background, 0.55f), 0, 4.0f * s);
      dl->AddPolyline(thin.data(), static_cast<int>(thin.size()), col, 0, 2.0f * s);
    }
  }
  // Balls above all trails.
  for (size_t i = 0; i < lab.snap->racers.size(); ++i) {
    const surface::Racer& r = lab.snap->racers[i];
    if (lab.hidden.count(r.spec.label)) continue;
    const ImU32 col = racer_colour(pal, *lab.snap, i);
    const ImVec2 q = m.px(r.p);
    if (r.diverged) {
      const float h = 5 * s;
      dl->AddLine(ImVec2(q.x - h, q.y - h), ImVec2(q.x + h, q.y + h), pal.bad, 2.5f * s);
      dl->AddLine(ImVec2(q.x - h, q.y + h), ImVec2(q.x + h, q.y - h), pal.bad, 2.5f * s);
      continue;
    }
    dl->AddCircleFilled(q, 6.0f * s, plot::with_alpha(pal.background, 0.9f));
    dl->AddCircleFilled(q, 4.6f * s, col);
  }
}

void paint_start(ImDrawList* dl, const ViewContext& ctx, const Mapper& m, Vec2 start) {
  const float s = ctx.scale;
  const ImVec2 q = m.px(start);
  dl->AddCircle(q, 7 * s, plot::with_alpha(ctx.palette->background, 0.9f), 0, 4 * s);
  dl->AddCircle(q, 7 * s, ctx.palette->text, 0, 1.8f * s);
  dl->AddLine(ImVec2(q.x - 3 * s, q.y), ImVec2(q.x + 3 * s, q.y), ctx.palette->text, 1.5f * s);
  dl->AddLine(ImVec2(q.x, q.y - 3 * s), ImVec2(q.x, q.y + 3 * s), ctx.palette->text, 1.5f * s);
}

void paint_critical(ImDrawList* dl, const ViewContext& ctx, const Lab& lab, const Mapper& m, int hot) {
  if (!lab.show_critical || !lab.critical) return;
  const float s = ctx.scale;
  const auto& pts = lab.critical->result.points;
  for (size_t i = 0; i < pts.size(); ++i) {
    const ImVec2 q = m.px(pts[i].info.p);
    if (!m.f.contains(q)) continue;
    const bool big = static_cast<int>(i) == hot || static_cast<int>(i) == lab.selected_critical;
    draw_kind_marker(dl, q, (big ? 6.0f : 4.5f) * s, pts[i].kind, kind_colour(*ctx.palette, pts[i].kind),
                     plot::with_alpha(ctx.palette->background, 0.9f));
  }
}

// A key of the marker shapes with each kind's count, in the area's bottom-left corner.
void paint_critical_key(ImDrawList* dl, const ViewContext& ctx, const Lab& lab, const Mapper& m) {
  if (!lab.show_critical || !lab.critical) return;
  const float s = ctx.scale;
  const surface::CriticalCounts& c = lab.critical->counts;
  struct Item {
    surface::CriticalKind k;
    int n;
    const char* one;
    const char* many;
  };
  const Item items[4] = {{surface::CriticalKind::Minimum, c.minima, "minimum", "minima"},
                         {surface::CriticalKind::Maximum, c.maxima, "maximum", "maxima"},
                         {surface::CriticalKind::Saddle, c.saddles, "saddle", "saddles"},
                         {surface::CriticalKind::Degenerate, c.degenerate, "degenerate", "degenerate"}};
  const ImFont* font = ctx.fonts->small;
  std::vector<std::string> texts;
  float w = 6 * s;
  for (const Item& it : items) {
    if (it.n == 0) continue;
    texts.push_back(std::to_string(it.n) + " " + (it.n == 1 ? it.one : it.many));
    w += 16 * s + plot::text_size(font, texts.back().c_str()).x + 8 * s;
  }
  if (texts.empty()) texts.push_back("no critical points in view"), w += plot::text_size(font, texts[0].c_str()).x + 8 * s;
  const float h = font->FontSize + 8 * s;
  ImVec2 p(m.f.area_min.x + 6 * s, m.f.area_max.y - 6 * s - h);
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), plot::with_alpha(ctx.palette->background, 0.82f), 4 * s);
  float x = p.x + 6 * s;
  size_t ti = 0;
  for (const Item& it : items) {
    if (it.n == 0) continue;
    draw_kind_marker(dl, ImVec2(x + 5 * s, p.y + h / 2), 4 * s, it.k, kind_colour(*ctx.palette, it.k), ctx.palette->background);
    x += 14 * s;
    dl->AddText(font, font->FontSize, ImVec2(x, p.y + 4 * s), ctx.palette->text, texts[ti].c_str());
    x += plot::text_size(font, texts[ti].c_str()).x + 10 * s;
    ++ti;
  }
  if (ti == 0) dl->AddText(font, font->FontSize, ImVec2(x, p.y + 4 * s), ctx.palette->text_dim, texts[0].c_str());
}

}  // namespace

void draw_2d_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  // Header toggles.
  {
    ImGui::PushFont(ctx.fonts->small);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3 * s, 1 * s));
    const float w = ImGui::CalcTextSize("arrows").x + ImGui::CalcTextSize("critical points").x + 2 * ImGui::GetFrameHeight() + 24 * s;
    header_controls_at(ctx, p, w);
    ImGui::Checkbox("arrows", &lab.show_field);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The gradient field: arrows point downhill (−∇f), longer where it is steeper");
    ImGui::SameLine(0, 8 * s);
    ImGui::Checkbox("critical points", &lab.show_critical);
    ImGui::PopStyleVar();
    ImGui::PopFont();
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const ImVec2 size = p.body_size();
  const plot::PlotInput in = plot::plot_input("##surface2d", size, true);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const plot::Canvas canvas{dl, nullptr};

  plot::Axis ax, ay;
  ax.label = "x";
  ay.label = "y";
  plot::FrameSpec spec;
  spec.x = &ax;
  spec.y = &ay;
  spec.x_range = {lab.box.x0, lab.box.x1};
  spec.y_range = {lab.box.y0, lab.box.y1};
  spec.equal_aspect = true;
  const ImFont* small = ctx.fonts->small;
  spec.right_extra = (8 + kColorbarWidth + 6) * s + plot::text_size(small, "−0.000e+00").x * 0.75f;
  // Equal aspect leaves room on two sides: shrink the plot's box to the data's shape so the axis labels sit
  // next to the data instead of at the panel's edges.
  ImVec2 pos = p.body_min, fit = size;
  {
    plot::FrameSpec free = spec;
    free.equal_aspect = false;
    const plot::Frame f0 = plot::layout_frame(ctx, pos, size, free);
    const float aw = f0.area_max.x - f0.area_min.x, ah = f0.area_max.y - f0.area_min.y;
    const float mx = size.x - aw, my = size.y - ah;
    const float want = static_cast<float>(lab.box.height() / lab.box.width());
    const float free_w = aw, free_h = ah;
    if (free_w * want < free_h) fit.y = std::floor(free_w * want + my);
    else fit.x = std::floor(free_h / want + mx);
    pos = ImVec2(std::round(pos.x + (size.x - fit.x) / 2), std::round(pos.y + (size.y - fit.y) / 2));
  }
  Mapper m{plot::layout_frame(ctx, pos, fit, spec)};
  plot::paint_frame_back(canvas, ctx, m.f, spec);
  lab.layout.push_back({"2d", p.min, p.max, m.f.area_min, m.f.area_max});

  const Scene* sc = lab.scene.get();
  canvas.push_clip(m.f.area_min, ImVec2(m.f.area_max.x + 1, m.f.area_max.y + 1));
  int hot = -1;
  std::optional<surface::PointInfo> hover_info;
  const bool in_area = in.hovered && m.f.contains(in.mouse);
  if (sc) {
    paint_bands(dl, lab, m, *sc);
    paint_lines(canvas, ctx, m, *sc);
    if (lab.show_field) paint_field(dl, ctx, m, *sc);
  } else {
    plot::paint_empty_message(canvas, ctx, m.f, "building the surface…");
  }
  const double tol = lab.critical ? lab.critical->result.eigen_tol : 1e-9;
  if (in_area && lab.critical && lab.show_critical) {
    // Snap to a marker under the mouse.
    float best = 9 * s;
    const auto& pts = lab.critical->result.points;
    for (size_t i = 0; i < pts.size(); ++i) {
      const ImVec2 q = m.px(pts[i].info.p);
      const float d = std::hypot(q.x - in.mouse.x, q.y - in.mouse.y);
      if (d < best) best = d, hot = static_cast<int>(i);
    }
  }
  if (in_area) {
    const Vec2 at = hot >= 0 ? lab.critical->result.points[hot].info.p : m.data(in.mouse);
    lab.hover = at;
    hover_info = surface::describe_point(lab.surface, at, tol);
  }
  paint_critical(dl, ctx, lab, m, hot);
  if (lab.snap) paint_start(dl, ctx, m, lab.snap->start);
  paint_racers(dl, ctx, lab, m);
  if (lab.step_by_step && lab.snap) {
    const surface::Racer* r = focus_racer(lab);
    if (r && !lab.hidden.count(r->spec.label))
      paint_step_arrows(dl, ctx, m, *r, racer_colour(*ctx.palette, *lab.snap, static_cast<size_t>(r - lab.snap->racers.data())));
  }
  // The readout's eigen-axes: the hovered point (from either panel) or the pinned critical point.
  if (lab.hover && !hover_info) hover_info = surface::describe_point(lab.surface, *lab.hover, tol);
  if (hover_info) {
    paint_eigen_axes(dl, ctx, m, *hover_info);
  } else if (lab.selected_critical >= 0 && lab.critical) {
    paint_eigen_axes(dl, ctx, m, lab.critical->result.points[lab.selected_critical].info);
  } else if (lab.probe) {
    paint_eigen_axes(dl, ctx, m, surface::describe_point(lab.surface, *lab.probe, tol));
  }
  paint_critical_key(dl, ctx, lab, m);
  canvas.pop_clip();
  plot::paint_frame_front(canvas, ctx, m.f, spec);
  if (sc) paint_colorbar(canvas, ctx, sc->scene.mesh.map, m.f.area_max.x + 8 * s, m.f.area_min.y, m.f.area_max.y);

  // Interaction.
  if (in.clicked && in_area && lab.race) {
    const Vec2 at = m.data(in.mouse);
    lab.race->post([at](surface::Race& r) { surface::set_start(r, at); });
    lab.race->reset(lab.snap ? lab.snap->progress.seed : 0);
  }
  if (in.right_clicked && in_area) lab.selected_critical = hot;
  if (in.wheel != 0 && in_area) {
    const Vec2 c = m.data(in.mouse);
    const double k = std::pow(0.85, in.wheel);
    set_view_box(lab, surface::Box{c.x + (lab.box.x0 - c.x) * k, c.x + (lab.box.x1 - c.x) * k, c.y + (lab.box.y0 - c.y) * k,
                                   c.y + (lab.box.y1 - c.y) * k});
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
    const ImVec2 d = ImGui::GetIO().MouseDelta;
    if (d.x != 0 || d.y != 0) {
      const double dx = m.f.x.to_data(m.f.area_min.x) - m.f.x.to_data(m.f.area_min.x + d.x);
      const double dy = m.f.y.to_data(m.f.area_min.y) - m.f.y.to_data(m.f.area_min.y + d.y);
      set_view_box(lab, surface::Box{lab.box.x0 + dx, lab.box.x1 + dx, lab.box.y0 + dy, lab.box.y1 + dy});
    }
  }
  if (in.double_clicked && in_area) set_view_box(lab, lab.surface.box());

  if (in_area && hover_info && !ImGui::IsMouseDown(ImGuiMouseButton_Right)) {
    ImGui::BeginTooltip();
    std::string title = "point";
    if (hot >= 0) {
      const surface::CriticalPoint& c = lab.critical->result.points[hot];
      title = std::string(surface::kind_name(c.kind)) + " (critical point, index " + std::to_string(c.index) + ")";
    }
    readout_tooltip(ctx, lab, *hover_info, title.c_str());
    ImGui::TextDisabled("click: start here · right click: pin · wheel: zoom · right drag: move");
    ImGui::EndTooltip();
  }
}

}  // namespace attend::views::surface_view
