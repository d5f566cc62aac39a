#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "core/surface/critical.h"

using namespace attend::surface;

namespace {

std::map<CriticalKind, int> count_kinds(const CriticalResult& r) {
  std::map<CriticalKind, int> n;
  for (const CriticalPoint& c : r.points) ++n[c.kind];
  return n;
}

std::string dump(const CriticalResult& r) {
  std::string s;
  char buf[200];
  for (const CriticalPoint& c : r.points) {
    std::snprintf(buf, sizeof buf, "  %-10s (%.6f, %.6f) f=%.6g eig=(%.4g, %.4g) basin=%d\n", kind_name(c.kind), c.info.p.x,
                  c.info.p.y, c.info.f, c.info.eig.value[0], c.info.eig.value[1], c.basin);
    s += buf;
  }
  return s;
}

const CriticalPoint* nearest(const CriticalResult& r, Vec2 p) {
  const CriticalPoint* best = nullptr;
  for (const CriticalPoint& c : r.points)
    if (!best || norm(c.info.p - p) < norm(best->info.p - p)) best = &c;
  return best;
}

}  // namespace

TEST_CASE("Himmelblau: 4 minima, 1 maximum and 4 saddles, at their known places") {
  const Surface s = make_builtin("himmelblau").value();
  const CriticalResult r = find_critical_points(s, s.box());
  INFO(dump(r));
  auto n = count_kinds(r);
  CHECK(r.points.size() == 9);
  CHECK(n[CriticalKind::Minimum] == 4);
  CHECK(n[CriticalKind::Maximum] == 1);
  CHECK(n[CriticalKind::Saddle] == 4);
  CHECK(n[CriticalKind::Degenerate] == 0);
  for (const Vec2& m : s.known_minima()) {
    const CriticalPoint* c = nearest(r, m);
    REQUIRE(c != nullptr);
    CHECK(norm(c->info.p - m) < 1e-8);
    CHECK(c->kind == CriticalKind::Minimum);
    CHECK(c->index == 0);
    CHECK(std::abs(c->info.f) < 1e-12);
  }
  const CriticalPoint* mx = nearest(r, {-0.270845, -0.923039});
  CHECK(mx->kind == CriticalKind::Maximum);
  CHECK(mx->index == 2);
  CHECK(mx->info.f == doctest::Approx(181.617).epsilon(1e-5));
  for (Vec2 sp : {Vec2{0.086677, 2.884254}, Vec2{3.385154, 0.073852}, Vec2{-3.073026, -0.081353}, Vec2{-0.127961, -1.953715}}) {
    const CriticalPoint* c = nearest(r, sp);
    CHECK(norm(c->info.p - sp) < 1e-5);
    CHECK(c->kind == CriticalKind::Saddle);
    CHECK(c->index == 1);
  }
}

TEST_CASE("the saddle x² − y² has one critical point, a saddle with eigenvalues −2 and 2 along the axes") {
  const Surface s = make_builtin("saddle").value();
  const CriticalResult r = find_critical_points(s, s.box());
  INFO(dump(r));
  REQUIRE(r.points.size() == 1);
  const CriticalPoint& c = r.points[0];
  CHECK(c.kind == CriticalKind::Saddle);
  CHECK(norm(c.info.p) < 1e-12);
  CHECK(c.info.eig.value[0] == doctest::Approx(-2));
  CHECK(c.info.eig.value[1] == doctest::Approx(2));
  CHECK(std::abs(c.info.eig.vector[0].y) == doctest::Approx(1));  // the way down is y
  CHECK(std::abs(c.info.eig.vector[1].x) == doctest::Approx(1));
}

TEST_CASE("the monkey saddle's only critical point is degenerate (zero Hessian)") {
  const Surface s = make_builtin("monkey-saddle").value();
  const CriticalResult r = find_critical_points(s, s.box());
  INFO(dump(r));
  REQUIRE(r.points.size() == 1);
  CHECK(r.points[0].kind == CriticalKind::Degenerate);
  CHECK(norm(r.points[0].info.p) < 1e-3);
}

TEST_CASE("Rosenbrock has one critical point in view: the minimum at (1, 1)") {
  const Surface s = make_builtin("rosenbrock").value();
  const CriticalResult r = find_critical_points(s, s.box());
  INFO(dump(r));
  REQUIRE(r.points.size() == 1);
  CHECK(r.points[0].kind == CriticalKind::Minimum);
  CHECK(r.points[0].info.p.x == doctest::Approx(1.0).epsilon(1e-9));
  CHECK(r.points[0].info.p.y == doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("six-hump camel: 6 minima, the two lowest the global pair at ±(0.0898, −0.7127)") {
  const Surface s = make_builtin("six-hump-camel").value();
  const CriticalResult r = find_critical_points(s, s.box());
  INFO(dump(r));
  auto n = count_kinds(r);
  CHECK(n[CriticalKind::Minimum] == 6);
  CHECK(n[CriticalKind::Degenerate] == 0);
  REQUIRE(r.points.size() >= 2);
  // Minima come first, lowest value first.
  CHECK(r.points[0].info.f == doctest::Approx(-1.0316284535));
  CHECK(r.points[1].info.f == doctest::Approx(-1.0316284535));
  CHECK(std::abs(r.points[0].info.p.x) == doctest::Approx(0.0898420131));
  CHECK(r.points[0].info.p.x == doctest::Approx(-r.points[1].info.p.x));
  CHECK(r.points[0].info.p.y == doctest::Approx(-r.points[1].info.p.y));
  // Morse theory on the plane: #min − #saddle + #max = 1 for a function rising to +∞ at infinity, as this one does.
  CHECK(n[CriticalKind::Minimum] - n[CriticalKind::Saddle] + n[CriticalKind::Maximum] == 1);
}

TEST_CASE("Styblinski–Tang: a 3×3 lattice of 4 minima, 4 saddles and 1 maximum") {
  const Surface s = make_builtin("styblinski-tang").value();
  const CriticalResult r = find_critical_points(s, s.box());
  INFO(dump(r));
  auto n = count_kinds(r);
  CHECK(r.points.size() == 9);
  CHECK(n[CriticalKind::Minimum] == 4);
  CHECK(n[CriticalKind::Saddle] == 4);
  CHECK(n[CriticalKind::Maximum] == 1);
  CHECK(r.points[0].info.f == doctest::Approx(-78.33233140754282));
}

TEST_CASE("double well and flat saddle: minima at (0, ±1) / (0, ±2), a saddle and a degenerate saddle at the origin") {
  {
    const Surface s = make_builtin("double-well").value();
    const CriticalResult r = find_critical_points(s, s.box());
    INFO(dump(r));
    auto n = count_kinds(r);
    CHECK(r.points.size() == 3);
    CHECK(n[CriticalKind::Minimum] == 2);
    CHECK(n[CriticalKind::Saddle] == 1);
  }
  {
    const Surface s = make_builtin("flat-saddle").value();
    const CriticalResult r = find_critical_points(s, s.box());
    INFO(dump(r));
    auto n = count_kinds(r);
    CHECK(r.points.size() == 3);
    CHECK(n[CriticalKind::Minimum] == 2);
    CHECK(n[CriticalKind::Degenerate] == 1);
    const CriticalPoint* o = nearest(r, {0, 0});
    CHECK(o->kind == CriticalKind::Degenerate);
    CHECK(o->info.eig.value[1] == doctest::Approx(2.0).epsilon(1e-3));
  }
}

TEST_CASE("critical points of a formula surface (finite-difference Hessian) are classified too") {
  const Surface s = make_formula("x^3 - 3*x + y^2", Box{-3, 3, -3, 3}).value();
  const CriticalResult r = find_critical_points(s, s.box());
  INFO(dump(r));
  REQUIRE(r.points.size() == 2);
  CHECK(r.points[0].kind == CriticalKind::Minimum);
  CHECK(r.points[0].info.p.x == doctest::Approx(1.0).epsilon(1e-6));
  CHECK(r.points[1].kind == CriticalKind::Saddle);
  CHECK(r.points[1].info.p.x == doctest::Approx(-1.0).epsilon(1e-6));
}

TEST_CASE("the hover readout: value, gradient, Hessian and eigen-axes at any point") {
  const Surface s = make_builtin("bowl").value();
  const PointInfo p = describe_point(s, {1, 2}, 1e-6);
  CHECK(p.f == doctest::Approx(0.5 * (1 + 40)));
  CHECK(p.g.x == doctest::Approx(1));
  CHECK(p.g.y == doctest::Approx(20));
  CHECK(p.eig.value[0] == doctest::Approx(1));
  CHECK(p.eig.value[1] == doctest::Approx(10));
  CHECK(p.shape == CriticalKind::Minimum);
  // Eigenvectors of a rotated Hessian are orthonormal and satisfy H v = λ v.
  const Sym2 h{3, 1.5, -2};
  const Eig2 e = eigen_sym2(h);
  for (int k = 0; k < 2; ++k) {
    const Vec2 v = e.vector[k];
    CHECK(norm(v) == doctest::Approx(1));
    CHECK(h.xx * v.x + h.xy * v.y == doctest::Approx(e.value[k] * v.x));
    CHECK(h.xy * v.x + h.yy * v.y == doctest::Approx(e.value[k] * v.y));
  }
  CHECK(std::abs(dot(e.vector[0], e.vector[1])) < 1e-12);
}

TEST_CASE("nearest critical point and counts by kind") {
  const Surface s = make_builtin("himmelblau").value();
  const CriticalResult r = find_critical_points(s, s.box());
  const CriticalCounts c = count_by_kind(r);
  CHECK(c.minima == 4);
  CHECK(c.maxima == 1);
  CHECK(c.saddles == 4);
  CHECK(c.total() == static_cast<int>(r.points.size()));
  const int i = nearest_critical(r, {3.01, 1.98}, 0.1);
  REQUIRE(i >= 0);
  CHECK(r.points[i].kind == CriticalKind::Minimum);
  CHECK(r.points[i].info.p.x == doctest::Approx(3.0));
  CHECK(nearest_critical(r, {3.5, 1.0}, 0.1) == -1);
  const int m = nearest_critical(r, {-0.3, -0.9}, 0.5);
  REQUIRE(m >= 0);
  CHECK(r.points[m].kind == CriticalKind::Maximum);
}

TEST_CASE("curvature arcs follow the quadratic model, and the lowest minimum of Himmelblau is 0") {
  const Surface s = make_builtin("saddle").value();  // x² − y²: exactly quadratic, so the arc lies on f
  const PointInfo info = describe_point(s, {0.3, -0.2}, 1e-9);
  for (int axis = 0; axis < 2; ++axis) {
    const CurvatureArc a = curvature_arc(info, axis, 0.5, 7);
    REQUIRE(a.p.size() == 7);
    for (size_t i = 0; i < a.p.size(); ++i) CHECK(a.f[i] == doctest::Approx(s.value(a.p[i])).epsilon(1e-9));
  }
  const Surface h = make_builtin("himmelblau").value();
  CHECK(lowest_minimum(find_critical_points(h, h.box())) == doctest::Approx(0).epsilon(1e-9));
  CHECK(std::isnan(lowest_minimum(CriticalResult{})));
}
