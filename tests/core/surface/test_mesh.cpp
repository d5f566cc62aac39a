#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/surface/contour.h"
#include "core/surface/mesh.h"
#include "core/surface/scene.h"

using namespace attend::surface;

TEST_CASE("a mesh spans the box in display space with heights normalised to [0, 1]") {
  const Surface s = make_builtin("himmelblau").value();
  Mesh m;
  build_mesh(s, MeshSpec{65, s.box(), HeightScale::Linear, 0.5f}, &m);
  REQUIRE(m.n == 65);
  CHECK(m.f.size() == 65u * 65u);
  CHECK(m.xyz.size() == 3u * 65u * 65u);
  CHECK(*std::min_element(m.t.begin(), m.t.end()) == doctest::Approx(0.0));
  CHECK(*std::max_element(m.t.begin(), m.t.end()) == doctest::Approx(1.0));
  CHECK(m.invalid_count == 0);
  // Corner vertices sit at the display square's corners; vertex (i, j) holds f(x_i, y_j).
  CHECK(m.xyz[0] == doctest::Approx(-1.0f));
  CHECK(m.xyz[1] == doctest::Approx(-1.0f));
  const size_t last = 65u * 65u - 1;
  CHECK(m.xyz[3 * last] == doctest::Approx(1.0f));
  CHECK(m.xyz[3 * last + 1] == doctest::Approx(1.0f));
  const size_t k = 10 * 65 + 40;
  CHECK(m.f[k] == doctest::Approx(s.value(m.x_at(40), m.y_at(10))));
  CHECK(m.xyz[3 * k + 2] == doctest::Approx(0.5f * m.t[k]));
  // to_display puts a point of the surface exactly where its vertex is.
  const Vec3f v = to_display(m, m.x_at(40), m.y_at(10), m.f[k]);
  CHECK(v.x == doctest::Approx(m.xyz[3 * k]));
  CHECK(v.y == doctest::Approx(m.xyz[3 * k + 1]));
  CHECK(v.z == doctest::Approx(m.xyz[3 * k + 2]));
  CHECK(mesh_triangles(m).size() == 64u * 64u * 6u);
}

TEST_CASE("mesh normals are unit vectors perpendicular to the display surface (checked against the exact gradient)") {
  const Surface s = make_builtin("bowl").value();
  Mesh m;
  const int n = 129;
  build_mesh(s, MeshSpec{n, s.box(), HeightScale::Linear, 0.6f}, &m);
  // In display space Z = zs·(f − lo)/(hi − lo) and X = 2(x − x0)/w − 1, so ∂Z/∂X = zs·f_x·(w/2)/(hi − lo).
  const double kx = m.z_scale * 0.5 * m.box.width() / (m.map.hi - m.map.lo);
  const double ky = m.z_scale * 0.5 * m.box.height() / (m.map.hi - m.map.lo);
  for (int j : {5, 40, 64, 100}) {
    for (int i : {7, 33, 90, 120}) {
      const size_t k = static_cast<size_t>(j) * n + i;
      const Vec2 g = s.gradient({m.x_at(i), m.y_at(j)});
      double nx = -kx * g.x, ny = -ky * g.y, nz = 1;
      const double len = std::sqrt(nx * nx + ny * ny + nz * nz);
      nx /= len, ny /= len, nz /= len;
      const float* got = &m.normal[3 * k];
      CHECK(got[0] * got[0] + got[1] * got[1] + got[2] * got[2] == doctest::Approx(1.0f).epsilon(1e-5));
      // A quadratic's central difference is exact, so the grid normal equals the analytic one.
      CHECK(got[0] == doctest::Approx(nx).epsilon(1e-4));
      CHECK(got[1] == doctest::Approx(ny).epsilon(1e-4));
      CHECK(got[2] == doctest::Approx(nz).epsilon(1e-4));
    }
  }
}

TEST_CASE("a formula undefined on part of the view gives invalid vertices that no triangle uses") {
  const Surface s = make_formula("sqrt(x) + y", Box{-1, 1, -1, 1}).value();
  Mesh m;
  build_mesh(s, MeshSpec{21, s.box(), HeightScale::Linear, 0.6f}, &m);
  CHECK(m.invalid_count == 10 * 21);  // x < 0 on columns 0..9
  for (float v : m.normal) CHECK(std::isfinite(v));
  for (float v : m.t) CHECK(std::isfinite(v));
  const std::vector<uint32_t> tri = mesh_triangles(m);
  CHECK(tri.size() == 10u * 20u * 6u);
  for (uint32_t k : tri) CHECK(m.valid[k] == 1);
}

TEST_CASE("height maps: log scale round-trips and spreads decades evenly") {
  HeightMap lin{2, 12, HeightScale::Linear, 1e-3};
  CHECK(lin.to_t(7) == doctest::Approx(0.5));
  CHECK(lin.from_t(0.25) == doctest::Approx(4.5));
  const double f[] = {0, 1e4};
  HeightMap lg = fit_height_map(f, 2, HeightScale::Log);
  CHECK(lg.delta == doctest::Approx(1.0));
  for (double t : {0.0, 0.1, 0.37, 0.8, 1.0}) CHECK(lg.to_t(lg.from_t(t)) == doctest::Approx(t));
  // log(1 + f/δ)/log(1 + 1e4): 10 → 0.26, 100 → 0.50, 1000 → 0.75.
  CHECK(lg.to_t(100) == doctest::Approx(std::log1p(100.0) / std::log1p(1e4)));
  const double nan_only[] = {NAN, INFINITY};
  HeightMap empty = fit_height_map(nan_only, 2, HeightScale::Linear);
  CHECK(empty.hi > empty.lo);
}

TEST_CASE("marching squares: a straight level line of a linear field lies exactly on x = level") {
  const int n = 11;
  std::vector<double> f(n * n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) f[j * n + i] = -1 + 2.0 * i / (n - 1);  // f = x on [-1, 1]²
  const Box box{-1, 1, -1, 1};
  const auto lines = marching_squares(f.data(), n, n, box, {0.33}, HeightMap{});
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].segment_count() == 10);  // one per row of cells
  double length = 0;
  for (size_t s = 0; s < lines[0].segment_count(); ++s) {
    const float* p = &lines[0].segments[4 * s];
    CHECK(p[0] == doctest::Approx(0.33f));
    CHECK(p[2] == doctest::Approx(0.33f));
    length += std::hypot(p[2] - p[0], p[3] - p[1]);
  }
  CHECK(length == doctest::Approx(2.0));
}

TEST_CASE("marching squares: the level set r = 1 of x² + y² is a closed circle of length 2π") {
  const int n = 201;
  const Box box{-2, 2, -2, 2};
  std::vector<double> f(n * n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const double x = box.x0 + 4.0 * i / (n - 1), y = box.y0 + 4.0 * j / (n - 1);
      f[j * n + i] = x * x + y * y;
    }
  const auto lines = marching_squares(f.data(), n, n, box, {1.0}, HeightMap{});
  double length = 0, worst = 0;
  for (size_t s = 0; s < lines[0].segment_count(); ++s) {
    const float* p = &lines[0].segments[4 * s];
    length += std::hypot(p[2] - p[0], p[3] - p[1]);
    worst = std::max(worst, std::abs(std::hypot(p[0], p[1]) - 1.0));
  }
  CHECK(length == doctest::Approx(2 * M_PI).epsilon(1e-3));
  CHECK(worst < 1e-3);  // linear interpolation of r² on a 0.02 grid
  // Closed: every endpoint is shared by exactly two segments.
  const auto& seg = lines[0].segments;
  for (size_t a = 0; a < seg.size(); a += 2) {
    int shared = 0;
    for (size_t b = 0; b < seg.size(); b += 2)
      if (std::abs(seg[a] - seg[b]) < 1e-6f && std::abs(seg[a + 1] - seg[b + 1]) < 1e-6f) ++shared;
    CHECK(shared == 2);
  }
}

TEST_CASE("marching squares resolves the saddle cell by its centre and skips NaN cells") {
  // Corners a=(0,0) 1, b=(1,0) 0, c=(1,1) 1, d=(0,1) 0: diagonal highs. Level 0.4: centre 0.5 is above, so the
  // highs join through the middle and the lows b and d are cut off at their corners.
  const double f[] = {1, 0, 0, 1};  // row 0: a, b; row 1: d, c
  const auto lines = marching_squares(f, 2, 2, Box{0, 1, 0, 1}, {0.4}, HeightMap{});
  REQUIRE(lines[0].segment_count() == 2);
  for (size_t s = 0; s < 2; ++s) {
    const float* p = &lines[0].segments[4 * s];
    const float mx = 0.5f * (p[0] + p[2]), my = 0.5f * (p[1] + p[3]);
    const bool near_b = mx > 0.5f && my < 0.5f, near_d = mx < 0.5f && my > 0.5f;
    CHECK((near_b || near_d));
  }
  const auto lines2 = marching_squares(f, 2, 2, Box{0, 1, 0, 1}, {0.6}, HeightMap{});  // centre below
  REQUIRE(lines2[0].segment_count() == 2);
  for (size_t s = 0; s < 2; ++s) {
    const float* p = &lines2[0].segments[4 * s];
    const float mx = 0.5f * (p[0] + p[2]), my = 0.5f * (p[1] + p[3]);
    CHECK(((mx < 0.5f && my < 0.5f) || (mx > 0.5f && my > 0.5f)));  // around a or around c
  }
  const double g[] = {1, NAN, 0, 1};
  CHECK(marching_squares(g, 2, 2, Box{0, 1, 0, 1}, {0.4}, HeightMap{})[0].segment_count() == 0);
}

TEST_CASE("contour levels are even in display height, so a log surface gets log-spaced levels") {
  const Surface s = make_builtin("rosenbrock").value();
  Mesh m;
  build_mesh(s, MeshSpec{64, s.box(), s.height_scale(), 0.6f}, &m);
  const std::vector<double> levels = contour_levels(m.map, 8);
  REQUIRE(levels.size() == 8);
  for (size_t k = 0; k < levels.size(); ++k) CHECK(m.map.to_t(levels[k]) == doctest::Approx((k + 0.5) / 8));
  const auto lines = contour_lines(m, 8);
  for (const ContourLine& c : lines) {
    CHECK(c.segment_count() > 0);
    for (size_t q = 0; q < c.segments.size(); q += 2) CHECK(m.box.contains({c.segments[q], c.segments[q + 1]}, 1e-5));
  }
}

TEST_CASE("the gradient field samples the exact gradient at cell centres, lengths in [0, 1]") {
  const Surface s = make_builtin("rosenbrock").value();
  const auto field = gradient_field(s, s.box(), 12, 10);
  REQUIRE(field.size() == 120u);
  double longest = 0;
  for (const Arrow& a : field) {
    const Vec2 g = s.gradient(a.at);
    CHECK(a.g.x == g.x);
    CHECK(a.g.y == g.y);
    CHECK(a.length >= 0);
    CHECK(a.length <= 1.0 + 1e-12);
    longest = std::max(longest, a.length);
  }
  CHECK(longest == doctest::Approx(1.0));
  CHECK(field[0].at.x == doctest::Approx(s.box().x0 + s.box().width() / 24));
}

TEST_CASE("a scene bundles mesh, triangles, contours, arrows and critical points for the views") {
  const Surface s = make_builtin("himmelblau").value();
  SceneSpec spec;
  spec.resolution = 96;
  spec.field_columns = 20;
  const SurfaceScene scene = build_scene(s, Box{-5, 5, -2.5, 2.5}, spec);
  CHECK(scene.mesh.n == 96);
  CHECK(scene.triangles.size() == 95u * 95u * 6u);
  CHECK(scene.contours.size() == 14u);
  CHECK(scene.field_columns == 20);
  CHECK(scene.field_rows == 10);  // the box is twice as wide as it is tall
  CHECK(scene.field.size() == 200u);
  CHECK(scene.critical.points.size() > 0);
  for (const CriticalPoint& c : scene.critical.points) CHECK(Box{-5, 5, -2.5, 2.5}.contains(c.info.p, 1e-6));
  // Contour lines in 3-D: inside the display square, at their level's height.
  for (size_t k = 0; k < scene.contours.size(); ++k) {
    const std::vector<float> v = contour_lines_3d(scene, k, 0.0f);
    CHECK(v.size() == scene.contours[k].segment_count() * 6);
    for (size_t q = 0; q < v.size(); q += 3) {
      CHECK(std::abs(v[q]) <= 1.0001f);
      CHECK(std::abs(v[q + 1]) <= 1.0001f);
      CHECK(v[q + 2] == doctest::Approx(scene.mesh.z_scale * scene.contours[k].t));
    }
  }
  const SurfaceScene slice = build_scene_from_values(scene.mesh.f, 96, Box{-1, 1, -1, 1}, spec);
  CHECK(slice.critical.points.empty());
  CHECK(slice.contours.size() == 14u);
}
