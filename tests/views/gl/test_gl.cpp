// The GL kit against a real OpenGL 3.3 core context (Mesa llvmpipe under xvfb-run when there is no display).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include <backends/imgui_impl_opengl3.h>

#include "views/gl/framebuffer.h"
#include "views/gl/gl_context.h"
#include "views/gl/mesh.h"
#include "views/gl/shader.h"
#include "views/gl/surface_renderer.h"
#include "views/imgui_fixture.h"
#include "views/plot/heatmap.h"

using namespace attend::views;
using namespace attend::views::gl;

namespace {

const char* const kVert = R"(#version 330 core
layout(location = 0) in vec3 a_pos;
layout(location = 3) in vec4 a_color;
out vec4 v_color;
void main() { v_color = a_color; gl_Position = vec4(a_pos, 1.0); }
)";
const char* const kFrag = R"(#version 330 core
in vec4 v_color;
out vec4 o_color;
void main() { o_color = v_color; }
)";

struct Rgba {
  int r, g, b, a;
};
Rgba pixel(const std::vector<unsigned char>& px, int w, int x, int y_from_bottom) {
  const unsigned char* p = &px[(static_cast<size_t>(y_from_bottom) * w + x) * 4];
  return {p[0], p[1], p[2], p[3]};
}

std::vector<Vertex> quad(float x0, float x1, uint32_t color) {
  std::vector<Vertex> v(4);
  const float xs[4] = {x0, x1, x1, x0}, ys[4] = {-1, -1, 1, 1};
  for (int i = 0; i < 4; ++i) {
    v[i] = Vertex{};
    v[i].pos[0] = xs[i];
    v[i].pos[1] = ys[i];
    v[i].color = color;
  }
  return v;
}

}  // namespace

TEST_CASE("GL log line numbers are read from Mesa, NVIDIA and AMD logs") {
  CHECK(first_log_line("0:12(5): error: `foo' undeclared") == 12);
  CHECK(first_log_line("0(7) : error C1008: undefined variable \"foo\"") == 7);
  CHECK(first_log_line("ERROR: 0:33: 'x' : undeclared identifier") == 33);
  CHECK(first_log_line("link failed") == 0);
}

TEST_CASE("GL shader compile and link errors carry the log and the line") {
  GLFWwindow* w = nullptr;
  if (!test::gl_context_or_rerun("GL shader compile and link errors carry the log and the line", &w)) return;
  {
    auto ok = compile_program("flat", kVert, kFrag);
    REQUIRE_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().to_string()));
    CHECK(ok->id != 0);
    const char* broken = "#version 330 core\nout vec4 o_color;\nvoid main() {\n  o_color = vec4(undeclared_thing, 1.0);\n}\n";
    auto bad = compile_program("broken", kVert, broken);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().path == "broken.frag");
    CHECK(bad.error().line == 4);
    CHECK(bad.error().message.find("fragment shader did not compile") != std::string::npos);
    CHECK(bad.error().message.find("undeclared_thing") != std::string::npos);  // the driver's own words
    auto bad_vertex = compile_program("bent", "#version 330 core\nvoid main() { gl_Position = nope; }\n", kFrag);
    REQUIRE_FALSE(bad_vertex.ok());
    CHECK(bad_vertex.error().path == "bent.vert");
    CHECK(bad_vertex.error().line == 2);
    // A function declared but never defined compiles, and fails at link time.
    const char* needs_input = "#version 330 core\nout vec4 o;\nvec4 helper();\nvoid main() { o = helper(); }\n";
    auto unlinked = compile_program("unlinked", kVert, needs_input);
    REQUIRE_FALSE(unlinked.ok());
    CHECK(unlinked.error().message.find("did not link") != std::string::npos);
  }
  test::close_gl_context(w);
}

TEST_CASE("GL framebuffer renders a mesh and vertex updates go in place") {
  GLFWwindow* w = nullptr;
  if (!test::gl_context_or_rerun("GL framebuffer renders a mesh and vertex updates go in place", &w)) return;
  {
    auto prog = compile_program("flat", kVert, kFrag);
    REQUIRE(prog.ok());
    for (int samples : {1, 4}) {
      CAPTURE(samples);
      Framebuffer fb;
      const attend::Status s = resize(fb, 64, 48, samples);
      REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().to_string()));
      Mesh m;
      const uint32_t idx[6] = {0, 1, 2, 0, 2, 3};
      auto red = quad(-1, 0, 0xFF0000FFu);  // ABGR in memory: R=255
      upload_vertices(m, red.data(), 4);
      upload_indices(m, idx, 6, GL_TRIANGLES);
      auto render = [&] {
        begin(fb);
        glClearColor(0, 0, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glUseProgram(prog->id);
        draw(m);
        glUseProgram(0);
        end(fb);
      };
      render();
      std::vector<unsigned char> px(64 * 48 * 4);
      read_pixels(fb, px.data());
      Rgba left = pixel(px, 64, 10, 24), right = pixel(px, 64, 54, 24);
      CHECK(left.r == 255);
      CHECK(left.b == 0);
      CHECK(right.b == 255);
      CHECK(right.r == 0);
      // Same vertex count: the buffer is rewritten in place, not reallocated.
      const GLuint vbo = m.vbo;
      auto green = quad(0, 1, 0xFF00FF00u);
      upload_vertices(m, green.data(), 4);
      CHECK(m.vbo == vbo);
      CHECK(m.vertex_capacity == 4);
      render();
      read_pixels(fb, px.data());
      left = pixel(px, 64, 10, 24);
      right = pixel(px, 64, 54, 24);
      CHECK(left.b == 255);
      CHECK(right.g == 255);
      CHECK(right.r == 0);
    }
    // The state the ImGui renderer relies on comes back as it was.
    GLint bound = -1;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &bound);
    CHECK(bound == 0);
    CHECK_FALSE(glIsEnabled(GL_DEPTH_TEST));
  }
  test::close_gl_context(w);
}

TEST_CASE("GL surface renderer draws a lit colour-mapped height field") {
  GLFWwindow* w = nullptr;
  if (!test::gl_context_or_rerun("GL surface renderer draws a lit colour-mapped height field", &w)) return;
  {
    const int N = 48;
    std::vector<float> bowl(N * N);
    for (int r = 0; r < N; ++r)
      for (int c = 0; c < N; ++c) {
        const float x = -1 + 2.0f * c / (N - 1), y = 1 - 2.0f * r / (N - 1);
        bowl[r * N + c] = x * x + y * y;
      }
    SurfaceRenderer sr;
    set_surface(sr, plot::Grid(bowl.data(), N, N), {-1, 1}, {-1, 1});
    OrbitCamera cam;
    SurfaceStyle style;
    style.samples = 1;
    const int W = 200, H = 150;
    const ImU32 bg = IM_COL32(20, 20, 20, 255);
    const attend::Status s = render_surface(sr, cam, style, W, H, bg, IM_COL32(255, 255, 255, 140));
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().to_string()));
    CHECK(sr.error.empty());
    std::vector<unsigned char> px(W * H * 4);
    read_pixels(sr.fb, px.data());
    int covered = 0;
    for (int i = 0; i < W * H; ++i)
      if (std::abs(px[i * 4] - 20) + std::abs(px[i * 4 + 1] - 20) + std::abs(px[i * 4 + 2] - 20) > 30) ++covered;
    CHECK(covered > W * H / 5);  // the surface fills a good part of the image
    // The bottom of the bowl is dark (the map's low end), a raised corner is bright (its high end).
    auto lum_at = [&](Vec3 world) {
      ImVec2 p;
      REQUIRE(project_to_image(sr, world, ImVec2(0, 0), ImVec2(W, H), p));
      const int x = static_cast<int>(p.x), y = H - 1 - static_cast<int>(p.y);
      const Rgba c = pixel(px, W, std::clamp(x, 0, W - 1), std::clamp(y, 0, H - 1));
      return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
    };
    const double centre = lum_at(surface_point(sr, 0, 0, 0));
    const double corner = lum_at(surface_point(sr, 1, -1, 2));
    CHECK(corner > centre + 60);
    // Another upload of the same size updates the vertex buffer in place.
    const GLuint vbo = sr.mesh.vbo;
    for (float& v : bowl) v = -v;
    set_surface(sr, plot::Grid(bowl.data(), N, N), {-1, 1}, {-1, 1});
    CHECK(sr.mesh.vbo == vbo);
    CHECK(sr.mesh.vertex_capacity == N * N);
    style.wireframe = true;
    REQUIRE(render_surface(sr, cam, style, W, H, bg, IM_COL32(255, 255, 255, 140)).ok());
  }
  test::close_gl_context(w);
}

TEST_CASE("GL big heatmaps draw through a texture with the colours of the data") {
  GLFWwindow* w = nullptr;
  if (!test::gl_context_or_rerun("GL big heatmaps draw through a texture with the colours of the data", &w)) return;
  {
    test::ImGuiFixture f;
    REQUIRE(ImGui_ImplOpenGL3_Init("#version 330 core"));
    const int R = 80, C = 96;  // over 64 x 64 cells: the texture path
    std::vector<float> v(R * C);
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < C; ++c) v[r * C + c] = static_cast<float>(c);
    plot::Heatmap h;
    h.values = plot::Grid(v.data(), R, C);
    h.colorbar = false;
    plot::HeatmapResult res;
    f.mouse(ImVec2(-100, -100));
    for (int i = 0; i < 2; ++i) {
      ImGui_ImplOpenGL3_NewFrame();
      f.frame([&] { res = plot::draw_heatmap(f.ctx, "big", h, ImVec2(600, 500)); });
    }
    Framebuffer fb;
    REQUIRE(resize(fb, 1280, 800, 1).ok());
    begin(fb);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    end(fb);
    std::vector<unsigned char> px(1280 * 800 * 4);
    read_pixels(fb, px.data());
    // Along a row the colour follows the value: the map's first entry at the left, last at the right, and
    // lightness rising in between.
    const float y = (res.frame.area_min.y + res.frame.area_max.y) * 0.5f;
    const ImU32 lo = plot::color_map(plot::ColorMapId::Lumen).lut[0], hi = plot::color_map(plot::ColorMapId::Lumen).lut[255];
    auto at = [&](float x) { return pixel(px, 1280, static_cast<int>(x), 800 - 1 - static_cast<int>(y)); };
    const Rgba first = at(res.frame.area_min.x + 2), last = at(res.frame.area_max.x - 2);
    CHECK(std::abs(first.r - static_cast<int>(lo & 0xFF)) <= 12);
    CHECK(std::abs(first.b - static_cast<int>((lo >> 16) & 0xFF)) <= 12);
    CHECK(std::abs(last.r - static_cast<int>(hi & 0xFF)) <= 12);
    CHECK(std::abs(last.g - static_cast<int>((hi >> 8) & 0xFF)) <= 12);
    double prev = -1;
    for (int k = 0; k <= 10; ++k) {
      const float x = res.frame.area_min.x + 2 + (res.frame.area_max.x - res.frame.area_min.x - 4) * k / 10.0f;
      const Rgba c = at(x);
      const double L = plot::srgb_to_oklab(c.r / 255.0, c.g / 255.0, c.b / 255.0).L;
      CHECK(L > prev - 0.01);
      prev = L;
    }
    ImGui_ImplOpenGL3_Shutdown();
  }
  test::close_gl_context(w);
}
