// The 3-D panel: the surface as a lit mesh coloured by height with contour lines (views/gl's surface
// renderer), the racers' trails and balls lifted onto it, critical points by kind, the start, and for the
// point under the mouse (here or in the 2-D panel) the Hessian's eigen-directions drawn as the surface's
// second-order curves through it: they bend up where an eigenvalue is positive and down where it is negative.
// Left drag turns, right drag moves, the wheel zooms; a click (no drag) sets the start where the ray from
// the eye meets the surface.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/canvas.h"
#include "views/plot/color.h"
#include "views/plot/series.h"
#include "views/plot/ticks.h"
#include "views/surface_view_state.h"

namespace attend::views::surface_view {

using surface::Vec2;

namespace {

// Height of the uploaded mesh at world (x, z) by bilinear interpolation; NaN outside [−1, 1]².
float mesh_height(const gl::SurfaceRenderer& r, float wx, float wz) {
  if (r.rows < 2 || r.cols < 2 || wx < -1 || wx > 1 || wz < -1 || wz > 1) return NAN;
  const float fc = (wx + 1) * 0.5f * (r.cols - 1), fr = (wz + 1) * 0.5f * (r.rows - 1);
  const int c0 = std::min(r.cols - 2, static_cast<int>(fc)), r0 = std::min(r.rows - 2, static_cast<int>(fr));
  const float tx = fc - c0, ty = fr - r0;
  auto h = [&](int i, int j) { return r.vertices[static_cast<size_t>(i) * r.cols + j].pos[1]; };
  return (h(r0, c0) * (1 - tx) + h(r0, c0 + 1) * tx) * (1 - ty) + (h(r0 + 1, c0) * (1 - tx) + h(r0 + 1, c0 + 1) * tx) * ty;
}

// Where the ray through the mouse first meets the mesh, in the plane's coordinates.
std::optional<Vec2> pick_surface(const gl::SurfaceRenderer& r, const gl::OrbitCamera& cam, ImVec2 mouse, ImVec2 img_min,
                                 ImVec2 img_max) {
  if (r.rows < 2) return std::nullopt;
  const float w = img_max.x - img_min.x, h = img_max.y - img_min.y;
  if (!(w > 1 && h > 1)) return std::nullopt;
  const float nx = (mouse.x - img_min.x) / w * 2 - 1, ny = 1 - (mouse.y - img_min.y) / h * 2;
  const gl::Vec3 eye = gl::camera_eye(cam);
  const gl::Vec3 f = gl::normalize(cam.target - eye);
  const gl::Vec3 right = gl::normalize(gl::cross(f, gl::Vec3{0, 1, 0}));
  const gl::Vec3 up = gl::cross(right, f);
  const float th = std::tan(cam.fov * 0.5f);
  const gl::Vec3 dir = gl::normalize(f + right * (nx * th * (w / h)) + up * (ny * th));
  const float far = cam.distance * 2 + 4, step = 0.004f;
  gl::Vec3 prev = eye;
  bool prev_above = true;
  for (float t = step; t < far; t += step) {
    const gl::Vec3 q = eye + dir * t;
    const float hq = mesh_height(r, q.x, q.z);
    if (std::isfinite(hq) && q.y <= hq) {
      if (!prev_above) break;
      // Bisect between the last point above and this one.
      gl::Vec3 a = prev, b = q;
      for (int k = 0; k < 20; ++k) {
        const gl::Vec3 mid = (a + b) * 0.5f;
        const float hm = mesh_height(r, mid.x, mid.z);
        if (std::isfinite(hm) && mid.y <= hm) b = mid;
        else a = mid;
      }
      const double tx = (b.x + 1) * 0.5, ty = (1 - b.z) * 0.5;
      return Vec2{r.x.lo + tx * r.x.span(), r.y.lo + ty * r.y.span()};
    }
    prev = q;
    prev_above = true;
  }
  return std::nullopt;
}

// A plane point at value f as the renderer places it (heights are display heights t).
bool to_image(const gl::SurfaceRenderer& r, const surface::HeightMap& map, Vec2 p, double f, float lift, ImVec2 img_min,
              ImVec2 img_max, ImVec2& out) {
  const double t = std::isfinite(f) ? map.to_t(f) : 0.0;
  return gl::project_to_image(r, gl::surface_point(r, p.x, p.y, t + lift), img_min, img_max, out);
}

void draw_curvature(ImDrawList* dl, const ViewContext& ctx, const Lab& lab, const gl::SurfaceRenderer& r,
                    const surface::HeightMap& map, const surface::PointInfo& info, ImVec2 a, ImVec2 b) {
  const float s = ctx.scale;
  const double half = 0.09 * lab.box.diagonal();
  for (int k = 0; k < 2; ++k) {
    const surface::CurvatureArc arc = surface::curvature_arc(info, k, half, 25);
    std::vector<ImVec2> pts;
    for (size_t i = 0; i < arc.p.size(); ++i) {
      ImVec2 q;
      if (to_image(r, map, arc.p[i], arc.f[i], 0.01f, a, b, q)) pts.push_back(q);
    }
    const double lambda = info.eig.value[k];
    const ImU32 col = lambda > 0 ? ctx.palette->good : (lambda < 0 ? ctx.palette->bad : ctx.palette->text_dim);
    if (pts.size() >= 2) {
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), plot::with_alpha(ctx.palette->background, 0.8f), 0, 4.5f * s);
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, 2.2f * s);
    }
  }
  ImVec2 c;
  if (to_image(r, map, info.p, info.f, 0.01f, a, b, c)) dl->AddCircle(c, 5 * s, ctx.palette->text, 0, 1.5f * s);
}

}  // namespace

gl::SurfaceViewResult draw_cached_surface(const ViewContext& ctx, const char* id, gl::SurfaceRenderer& r, gl::OrbitCamera& cam,
                                          const gl::SurfaceStyle& style, ImVec2 size, const char* x_label, const char* y_label,
                                          RenderCache& cache, uint64_t version) {
  // As gl::draw_surface_view, but the offscreen image is rendered again only when something it shows
  // changed: while optimizers race, only the overlays drawn over it move, and on a software renderer the
  // image is most of a frame's cost.
  gl::SurfaceViewResult out;
  const Palette& pal = *ctx.palette;
  ImGui::PushID(id);
  ImGui::InvisibleButton("##surface", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
  out.image_min = ImGui::GetItemRectMin();
  out.image_max = ImGui::GetItemRectMax();
  out.hovered = ImGui::IsItemHovered();
  out.camera_moved = gl::orbit_camera_input(cam, size.y, ctx.scale);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 fbs = ImGui::GetIO().DisplayFramebufferScale;
  const int w = std::max(1, static_cast<int>(std::lround(size.x * (fbs.x > 0 ? fbs.x : 1))));
  const int h = std::max(1, static_cast<int>(std::lround(size.y * (fbs.y > 0 ? fbs.y : 1))));
  const ImU32 line = plot::with_alpha(pal.text, 0.55f);
  RenderCache now;
  now.valid = true;
  now.camera[0] = cam.yaw, now.camera[1] = cam.pitch, now.camera[2] = cam.distance;
  now.camera[3] = cam.target.x, now.camera[4] = cam.target.y, now.camera[5] = cam.target.z;
  now.width = w, now.height = h;
  now.wireframe = style.wireframe;
  now.version = version;
  now.background = pal.background, now.line = line;
  Status st = Ok{};
  if (!(now == cache) || !r.error.empty()) {
    st = gl::render_surface(r, cam, style, w, h, pal.background, line);
    cache = st ? now : RenderCache{};
  }
  if (!st) {
    dl->AddRectFilled(out.image_min, out.image_max, pal.background);
    const std::string msg = "3-D view unavailable: " + st.error().to_string();
    dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(out.image_min.x + 8 * ctx.scale, out.image_min.y + 8 * ctx.scale),
                pal.bad, msg.c_str(), nullptr, size.x - 16 * ctx.scale);
  } else {
    gl::draw_marked_image(dl, gl::texture_id(r.fb), r.renders, out.image_min, out.image_max, ImVec2(0, 1), ImVec2(1, 0));
    const gl::Vec3 eye = gl::camera_eye(cam);
    const float zs = eye.z >= 0 ? 1.0f : -1.0f, xs = eye.x >= 0 ? 1.0f : -1.0f;
    ImVec2 p;
    const ImFont* f = ctx.fonts->small;
    if (x_label && *x_label && gl::project_to_image(r, gl::Vec3{0, 0, zs * 1.16f}, out.image_min, out.image_max, p))
      dl->AddText(f, f->FontSize, plot::align_text(p, plot::text_size(f, x_label), 0.5f, 0.5f), pal.text_dim, x_label);
    if (y_label && *y_label && gl::project_to_image(r, gl::Vec3{xs * 1.16f, 0, 0}, out.image_min, out.image_max, p))
      dl->AddText(f, f->FontSize, plot::align_text(p, plot::text_size(f, y_label), 0.5f, 0.5f), pal.text_dim, y_label);
  }
  dl->AddRect(out.image_min, ImVec2(out.image_max.x + 1, out.image_max.y + 1), plot::with_alpha(pal.frame, 0.55f));
  ImGui::PopID();
  // The last item stays the image's button, for the caller's hover and click tests.
  return out;
}

void draw_3d_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  {
    ImGui::PushFont(ctx.fonts->small);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3 * s, 1 * s));
    const float w = ImGui::CalcTextSize("wireframe").x + ImGui::GetFrameHeight() + ImGui::CalcTextSize("reset view").x + 22 * s;
    header_controls_at(ctx, p, w);
    ImGui::Checkbox("wireframe", &lab.wireframe);
    ImGui::SameLine(0, 8 * s);
    if (ImGui::SmallButton("reset view")) lab.camera = default_camera();
    ImGui::PopStyleVar();
    ImGui::PopFont();
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const ImVec2 size = p.body_size();
  if (!lab.scene) {
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const char* msg = "building the surface…";
    const ImVec2 ts = plot::text_size(ctx.fonts->body, msg);
    dl->AddText(ctx.fonts->body, ctx.fonts->body->FontSize,
                ImVec2(p.body_min.x + (size.x - ts.x) / 2, p.body_min.y + (size.y - ts.y) / 2), ctx.palette->text_dim, msg);
    lab.layout.push_back({"3d", p.min, p.max, p.body_min, p.body_max});
    return;
  }
  const Scene& sc = *lab.scene;
  gl::SurfaceRenderer& r = lab.renderer;
  if (lab.uploaded != sc.generation || r.rows == 0) {
    // The 2-D panel's grid (every other vertex of the mesh): at panel sizes it looks the same as the full
    // mesh and renders four times faster on a software rasterizer.
    const surface::Box& b = sc.scene.mesh.box;
    gl::set_surface(r, plot::Grid(sc.t2.data(), sc.rows2, sc.cols2), {b.x0, b.x1}, {b.y0, b.y1}, kSurfaceHeight);
    lab.uploaded = sc.generation;
  }
  gl::SurfaceStyle style;
  style.height = kSurfaceHeight;
  style.contour_count = kContourCount;
  style.wireframe = lab.wireframe;
  const gl::SurfaceViewResult res =
      draw_cached_surface(ctx, "surface3d", r, lab.camera, style, size, "x", "y", lab.render_cache, lab.uploaded);
  lab.layout.push_back({"3d", p.min, p.max, res.image_min, res.image_max});
  const ImGuiIO& io = ImGui::GetIO();
  const bool clicked = ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
                       io.MouseDragMaxDistanceSqr[0] <= io.MouseDragThreshold * io.MouseDragThreshold;
  const surface::HeightMap& map = sc.scene.mesh.map;
  const ImVec2 a = res.image_min, b = res.image_max;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(a, b, true);

  // Critical points.
  if (lab.show_critical && lab.critical) {
    for (const surface::CriticalPoint& c : lab.critical->result.points) {
      ImVec2 q;
      if (!lab.box.contains(c.info.p) || !to_image(r, map, c.info.p, c.info.f, 0.004f, a, b, q)) continue;
      draw_kind_marker(dl, q, 4.5f * s, c.kind, kind_colour(*ctx.palette, c.kind), plot::with_alpha(ctx.palette->background, 0.9f));
    }
  }
  // Trails and balls.
  if (lab.snap) {
    const Palette& pal = *ctx.palette;
    std::vector<ImVec2> pts, thin;
    for (size_t i = 0; i < lab.snap->racers.size(); ++i) {
      const surface::Racer& racer = lab.snap->racers[i];
      if (lab.hidden.count(racer.spec.label)) continue;
      const ImU32 col = racer_colour(pal, *lab.snap, i);
      pts.clear();
      for (size_t k = 0; k < racer.trace.points.size(); ++k) {
        ImVec2 q;
        if (to_image(r, map, racer.trace.points[k], racer.trace.loss[k], 0.006f, a, b, q)) pts.push_back(q);
      }
      plot::decimate_polyline(pts.data(), static_cast<int>(pts.size()), thin);
      if (thin.size() >= 2) {
        dl->AddPolyline(thin.data(), static_cast<int>(thin.size()), plot::with_alpha(pal.background, 0.5f), 0, 3.8f * s);
        dl->AddPolyline(thin.data(), static_cast<int>(thin.size()), col, 0, 1.9f * s);
      }
      ImVec2 q;
      if (to_image(r, map, racer.p, racer.loss, 0.01f, a, b, q)) {
        if (racer.diverged) {
          const float h = 5 * s;
          dl->AddLine(ImVec2(q.x - h, q.y - h), ImVec2(q.x + h, q.y + h), pal.bad, 2.5f * s);
          dl->AddLine(ImVec2(q.x - h, q.y + h), ImVec2(q.x + h, q.y - h), pal.bad, 2.5f * s);
        } else {
          dl->AddCircleFilled(q, 6.2f * s, plot::with_alpha(pal.background, 0.9f));
          dl->AddCircleFilled(q, 4.8f * s, col);
        }
      }
    }
    // The start.
    ImVec2 q;
    if (to_image(r, map, lab.snap->start, lab.surface.value(lab.snap->start), 0.01f, a, b, q)) {
      dl->AddCircle(q, 7 * s, plot::with_alpha(pal.background, 0.9f), 0, 4 * s);
      dl->AddCircle(q, 7 * s, pal.text, 0, 1.8f * s);
    }
  }

  // Hover: the point under the mouse on the surface, its readout and curvature curves.
  const double tol = lab.critical ? lab.critical->result.eigen_tol : 1e-9;
  std::optional<Vec2> picked;
  if (res.hovered && !ImGui::IsItemActive()) picked = pick_surface(r, lab.camera, io.MousePos, a, b);
  if (picked) lab.hover = picked;
  const std::optional<Vec2> shown = picked ? picked : lab.hover_prev;
  if (shown && lab.box.contains(*shown)) {
    draw_curvature(dl, ctx, lab, r, map, surface::describe_point(lab.surface, *shown, tol), a, b);
  } else if (lab.selected_critical >= 0 && lab.critical) {
    draw_curvature(dl, ctx, lab, r, map, lab.critical->result.points[lab.selected_critical].info, a, b);
  } else if (lab.probe) {
    draw_curvature(dl, ctx, lab, r, map, surface::describe_point(lab.surface, *lab.probe, tol), a, b);
  }
  dl->PopClipRect();

  if (picked && !ImGui::IsItemActive()) {
    ImGui::BeginTooltip();
    readout_tooltip(ctx, lab, surface::describe_point(lab.surface, *picked, tol), "point on the surface");
    ImGui::TextDisabled("click: start the racers here");
    ImGui::EndTooltip();
  }
  if (clicked) {
    if (auto at = pick_surface(r, lab.camera, io.MousePos, a, b); at && lab.race) {
      const Vec2 pt = *at;
      lab.race->post([pt](surface::Race& race) { surface::set_start(race, pt); });
      lab.race->reset(lab.snap ? lab.snap->progress.seed : 0);
    }
  }
}

}  // namespace attend::views::surface_view
