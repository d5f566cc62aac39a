#include "views/gl/surface_renderer.h"

#include <algorithm>
#include <cmath>

#include "views/gl/context.h"
#include "views/gl/texture.h"
#include "views/plot/canvas.h"
#include "views/plot/input.h"
#include "views/plot/ticks.h"

namespace attend::views::gl {
namespace {

// ------------------------------------------------------------------------------------------------ shaders

const char* const kSurfaceVertex = R"(#version 330 core
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in float a_value;
uniform mat4 u_mvp;
out vec3 v_normal;
out float v_value;
out vec3 v_world;
void main() {
  v_normal = a_normal;
  v_value = a_value;
  v_world = a_pos;
  gl_Position = u_mvp * vec4(a_pos, 1.0);
}
)";

// Colour from the map's table, a hemisphere ambient plus one directional light with a soft highlight, and
// contour lines where the value crosses a multiple of the step: |fract| measured in screen-space derivatives
// gives lines of constant pixel width at any distance.
const char* const kSurfaceFragment = R"(#version 330 core
in vec3 v_normal;
in float v_value;
in vec3 v_world;
uniform sampler2D u_lut;
uniform vec3 u_light;
uniform vec3 u_eye;
uniform float u_step;
uniform float u_offset;
uniform vec4 u_line;
uniform float u_pixel;  // render pixels per screen pixel (2 when supersampled)
out vec4 o_color;
void main() {
  float t = clamp(v_value, 0.0, 1.0);
  vec3 base = texture(u_lut, vec2((t * 255.0 + 0.5) / 256.0, 0.5)).rgb;
  vec3 n = normalize(v_normal);
  vec3 v = normalize(u_eye - v_world);
  if (dot(n, v) < 0.0) n = -n;
  float diffuse = max(dot(n, u_light), 0.0);
  float hemi = 0.5 + 0.5 * n.y;
  vec3 h = normalize(u_light + v);
  float spec = pow(max(dot(n, h), 0.0), 48.0);
  vec3 c = base * (0.40 + 0.20 * hemi + 0.50 * diffuse) + vec3(0.10 * spec);
  if (u_step > 0.0) {
    float f = (v_value - u_offset) / u_step;
    float d = abs(fract(f + 0.5) - 0.5) / max(fwidth(f), 1e-5) / u_pixel;
    float line = 1.0 - clamp(d - 0.35, 0.0, 1.0);
    c = mix(c, u_line.rgb, line * u_line.a);
  }
  o_color = vec4(c, 1.0);
}
)";

const char* const kLineVertex = R"(#version 330 core
layout(location = 0) in vec3 a_pos;
layout(location = 3) in vec4 a_color;
uniform mat4 u_mvp;
out vec4 v_color;
void main() {
  v_color = a_color;
  gl_Position = u_mvp * vec4(a_pos, 1.0);
}
)";

const char* const kLineFragment = R"(#version 330 core
in vec4 v_color;
uniform vec4 u_tint;
out vec4 o_color;
void main() { o_color = v_color * u_tint; }
)";

void color_uniform(GLint loc, ImU32 c, float alpha_scale = 1.0f) {
  const ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  glUniform4f(loc, v.x, v.y, v.z, v.w * alpha_scale);
}

Vertex line_vertex(float x, float y, float z, uint32_t color) {
  Vertex v{};
  v.pos[0] = x, v.pos[1] = y, v.pos[2] = z;
  v.color = color;
  return v;
}

void build_floor(SurfaceRenderer& r) {
  std::vector<Vertex> v;
  std::vector<uint32_t> idx;
  const uint32_t grid = IM_COL32(255, 255, 255, 70), edge = IM_COL32(255, 255, 255, 170);
  for (int i = 0; i <= 4; ++i) {
    const float t = -1.0f + 0.5f * i;
    const uint32_t col = (i == 0 || i == 4) ? edge : grid;
    v.push_back(line_vertex(t, 0, -1, col));
    v.push_back(line_vertex(t, 0, 1, col));
    v.push_back(line_vertex(-1, 0, t, col));
    v.push_back(line_vertex(1, 0, t, col));
  }
  for (uint32_t i = 0; i < v.size(); ++i) idx.push_back(i);
  upload_vertices(r.floor, v.data(), static_cast<int>(v.size()));
  upload_indices(r.floor, idx.data(), static_cast<int>(idx.size()), GL_LINES);
}

void build_wire(SurfaceRenderer& r, int lines) {
  std::vector<uint32_t> idx;
  const int R = r.rows, C = r.cols;
  auto pick = [](int i, int n, int count) { return static_cast<int>(std::lround(static_cast<double>(i) * (count - 1) / n)); };
  for (int i = 0; i <= lines; ++i) {
    const int row = pick(i, lines, R), col = pick(i, lines, C);
    for (int c = 0; c + 1 < C; ++c) {
      idx.push_back(static_cast<uint32_t>(row * C + c));
      idx.push_back(static_cast<uint32_t>(row * C + c + 1));
    }
    for (int k = 0; k + 1 < R; ++k) {
      idx.push_back(static_cast<uint32_t>(k * C + col));
      idx.push_back(static_cast<uint32_t>((k + 1) * C + col));
    }
  }
  // The wireframe shares the surface's vertex buffer layout but has its own buffers: copy the vertices.
  upload_vertices(r.wire, r.vertices.data(), static_cast<int>(r.vertices.size()));
  upload_indices(r.wire, idx.data(), static_cast<int>(idx.size()), GL_LINES);
  r.wire_lines = lines;
}

}  // namespace

Status init_surface_renderer(SurfaceRenderer& r) {
  if (r.shaders_tried) {
    if (!r.error.empty()) return make_error(r.error);
    return Ok{};
  }
  r.shaders_tried = true;
  auto s = compile_program("surface", kSurfaceVertex, kSurfaceFragment);
  if (!s) {
    r.error = s.error().to_string();
    return s.error();
  }
  auto l = compile_program("surface_lines", kLineVertex, kLineFragment);
  if (!l) {
    r.error = l.error().to_string();
    return l.error();
  }
  r.surface = std::move(*s);
  r.lines = std::move(*l);
  build_floor(r);
  return Ok{};
}

void set_surface(SurfaceRenderer& r, const plot::Grid& g, plot::Range x, plot::Range y, float height) {
  const int R = g.rows, C = g.cols;
  if (R < 2 || C < 2) {
    r.rows = r.cols = 0;
    return;
  }
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < C; ++j) {
      const double v = g.at(i, j);
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  if (!(hi >= lo)) lo = 0, hi = 1;
  if (hi == lo) hi = lo + 1;
  const bool resized = R != r.rows || C != r.cols;
  r.rows = R;
  r.cols = C;
  r.x = x;
  r.y = y;
  r.values = {lo, hi};
  r.height = height;
  r.vertices.resize(static_cast<size_t>(R) * C);
  const float inv = static_cast<float>(1.0 / (hi - lo));
  auto t_at = [&](int i, int j) {
    const double v = g.at(i, j);
    return std::isfinite(v) ? static_cast<float>((v - lo) * inv) : 0.0f;
  };
  const float dx = 2.0f / (C - 1), dz = 2.0f / (R - 1);
  for (int i = 0; i < R; ++i) {
    for (int j = 0; j < C; ++j) {
      Vertex& v = r.vertices[static_cast<size_t>(i) * C + j];
      const float t = t_at(i, j);
      v.pos[0] = -1.0f + dx * j;
      v.pos[1] = height * t;
      v.pos[2] = -1.0f + dz * i;
      // Central differences of world height (one-sided at the border).
      const int j0 = std::max(0, j - 1), j1 = std::min(C - 1, j + 1), i0 = std::max(0, i - 1), i1 = std::min(R - 1, i + 1);
      const float dhdx = height * (t_at(i, j1) - t_at(i, j0)) / (dx * (j1 - j0));
      const float dhdz = height * (t_at(i1, j) - t_at(i0, j)) / (dz * (i1 - i0));
      const Vec3 n = normalize(Vec3{-dhdx, 1.0f, -dhdz});
      v.normal[0] = n.x, v.normal[1] = n.y, v.normal[2] = n.z;
      v.value = t;
      v.color = 0xFFFFFFFFu;
    }
  }
  upload_vertices(r.mesh, r.vertices.data(), static_cast<int>(r.vertices.size()));
  if (resized) {
    r.indices.clear();
    r.indices.reserve(static_cast<size_t>(R - 1) * (C - 1) * 6);
    for (int i = 0; i + 1 < R; ++i)
      for (int j = 0; j + 1 < C; ++j) {
        const uint32_t a = i * C + j, b = a + 1, c = a + C, d = c + 1;
        r.indices.insert(r.indices.end(), {a, c, b, b, c, d});
      }
    upload_indices(r.mesh, r.indices.data(), static_cast<int>(r.indices.size()), GL_TRIANGLES);
    r.wire_lines = 0;  // rebuilt on the next wireframe render
  } else if (r.wire_lines > 0) {
    upload_vertices(r.wire, r.vertices.data(), static_cast<int>(r.vertices.size()));
  }
}

Status render_surface(SurfaceRenderer& r, const OrbitCamera& cam, const SurfaceStyle& style, int width, int height,
                      ImU32 background, ImU32 line_color) {
  if (Status s = init_surface_renderer(r); !s) return s;
  ++r.renders;
  // Software rasterizers (Mesa's llvmpipe under xvfb) run multisampling about ten times slower than plain
  // drawing; there a 2x2 supersampled image, averaged by the bilinear lookup when ImGui draws it at half
  // size, gives the same smooth edges for a quarter of that cost.
  int samples = style.samples, supersample = 1;
  if (samples > 1 && is_software_renderer()) {
    samples = 1;
    supersample = 2;
    width *= 2;
    height *= 2;
  }
  if (Status s = resize(r.fb, width, height, samples); !s) {
    r.error = s.error().to_string();
    return s;
  }
  const plot::ColorMap* map = style.map ? style.map : &plot::color_map(plot::ColorMapId::Lumen);
  if (map != r.lut_map) {
    upload_rgba(r.lut, 256, 1, map->lut.data(), true);
    r.lut_map = map;
  }
  if (style.wireframe && r.rows > 0 && r.wire_lines != style.wire_lines) build_wire(r, std::max(2, style.wire_lines));

  const Mat4 mvp = camera_projection(cam, static_cast<float>(width) / std::max(1, height)) * camera_view(cam);
  r.mvp = mvp;
  const Vec3 eye = camera_eye(cam);

  begin(r.fb);
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(background);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glDisable(GL_BLEND);
  if (r.rows > 0) {
    glUseProgram(r.surface.id);
    glUniformMatrix4fv(r.surface.uniform("u_mvp"), 1, GL_FALSE, mvp.m);
    const Vec3 light = normalize(Vec3{-0.45f, 0.85f, 0.35f});
    glUniform3f(r.surface.uniform("u_light"), light.x, light.y, light.z);
    glUniform3f(r.surface.uniform("u_eye"), eye.x, eye.y, eye.z);
    float step = 0, offset = 0;
    if (style.contour_count > 0) {
      const double span = r.values.hi - r.values.lo;
      const double st = plot::nice_step(span, style.contour_count);
      step = static_cast<float>(st / span);
      offset = static_cast<float>((std::ceil(r.values.lo / st) * st - r.values.lo) / span);
    }
    glUniform1f(r.surface.uniform("u_step"), step);
    glUniform1f(r.surface.uniform("u_offset"), offset);
    glUniform1f(r.surface.uniform("u_pixel"), static_cast<float>(supersample));
    color_uniform(r.surface.uniform("u_line"), line_color);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, r.lut.id);
    glUniform1i(r.surface.uniform("u_lut"), 0);
    // Push the fill back a little so wireframe lines on the same surface win the depth test.
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(1.0f, 1.0f);
    draw(r.mesh);
    glDisable(GL_POLYGON_OFFSET_FILL);
    glBindTexture(GL_TEXTURE_2D, 0);
  }
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glUseProgram(r.lines.id);
  glUniformMatrix4fv(r.lines.uniform("u_mvp"), 1, GL_FALSE, mvp.m);
  if (style.wireframe && r.rows > 0) {
    color_uniform(r.lines.uniform("u_tint"), line_color, 0.55f);
    draw(r.wire);
  }
  if (style.floor) {
    color_uniform(r.lines.uniform("u_tint"), line_color, 0.9f);
    draw(r.floor);
  }
  glUseProgram(0);
  end(r.fb);
  return Ok{};
}

Vec3 surface_point(const SurfaceRenderer& r, double x, double y, double value) {
  const double tx = r.x.span() > 0 ? (x - r.x.lo) / r.x.span() : 0.5;
  const double ty = r.y.span() > 0 ? (y - r.y.lo) / r.y.span() : 0.5;
  const double tv = r.values.span() > 0 ? (value - r.values.lo) / r.values.span() : 0;
  return Vec3{static_cast<float>(-1 + 2 * tx), static_cast<float>(r.height * tv), static_cast<float>(1 - 2 * ty)};
}

bool project_to_image(const SurfaceRenderer& r, Vec3 world, ImVec2 image_min, ImVec2 image_max, ImVec2& out) {
  Vec3 ndc;
  if (!project_point(r.mvp, world, ndc)) return false;
  out = ImVec2(image_min.x + (ndc.x * 0.5f + 0.5f) * (image_max.x - image_min.x),
               image_min.y + (0.5f - ndc.y * 0.5f) * (image_max.y - image_min.y));
  return ndc.z >= -1 && ndc.z <= 1;
}

SurfaceViewResult draw_surface_view(const ViewContext& ctx, const char* id, SurfaceRenderer& r, OrbitCamera& cam,
                                    const SurfaceStyle& style, ImVec2 size, const char* x_label, const char* y_label) {
  SurfaceViewResult out;
  size = plot::resolve_size(size);
  const Palette& pal = *ctx.palette;
  ImGui::PushID(id);
  ImGui::InvisibleButton("##surface", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
  out.image_min = ImGui::GetItemRectMin();
  out.image_max = ImGui::GetItemRectMax();
  out.hovered = ImGui::IsItemHovered();
  out.camera_moved = orbit_camera_input(cam, size.y, ctx.scale);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 fbs = ImGui::GetIO().DisplayFramebufferScale;
  const int w = std::max(1, static_cast<int>(std::lround(size.x * (fbs.x > 0 ? fbs.x : 1))));
  const int h = std::max(1, static_cast<int>(std::lround(size.y * (fbs.y > 0 ? fbs.y : 1))));
  const Status s = render_surface(r, cam, style, w, h, pal.background, plot::with_alpha(pal.text, 0.55f));
  if (!s) {
    dl->AddRectFilled(out.image_min, out.image_max, pal.background);
    const std::string msg = "3-D view unavailable: " + s.error().to_string();
    dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(out.image_min.x + 8 * ctx.scale, out.image_min.y + 8 * ctx.scale),
                pal.bad, msg.c_str(), nullptr, size.x - 16 * ctx.scale);
  } else {
    draw_marked_image(dl, texture_id(r.fb), r.renders, out.image_min, out.image_max, ImVec2(0, 1), ImVec2(1, 0));
    // Axis names beside the floor edges nearest the camera.
    const Vec3 eye = camera_eye(cam);
    const float zs = eye.z >= 0 ? 1.0f : -1.0f, xs = eye.x >= 0 ? 1.0f : -1.0f;
    ImVec2 p;
    const ImFont* f = ctx.fonts->small;
    if (x_label && *x_label && project_to_image(r, Vec3{0, 0, zs * 1.16f}, out.image_min, out.image_max, p)) {
      const ImVec2 sz = plot::text_size(f, x_label);
      dl->AddText(f, f->FontSize, plot::align_text(p, sz, 0.5f, 0.5f), pal.text_dim, x_label);
    }
    if (y_label && *y_label && project_to_image(r, Vec3{xs * 1.16f, 0, 0}, out.image_min, out.image_max, p)) {
      const ImVec2 sz = plot::text_size(f, y_label);
      dl->AddText(f, f->FontSize, plot::align_text(p, sz, 0.5f, 0.5f), pal.text_dim, y_label);
    }
  }
  dl->AddRect(out.image_min, ImVec2(out.image_max.x + 1, out.image_max.y + 1), plot::with_alpha(pal.frame, 0.55f));
  if (out.hovered && !ImGui::IsItemActive())
    ImGui::SetTooltip("drag: turn · right drag: move · wheel: zoom");
  ImGui::PopID();
  return out;
}

}  // namespace attend::views::gl
