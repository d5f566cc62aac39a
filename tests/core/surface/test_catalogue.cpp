#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/surface/surface.h"

using namespace attend::surface;

namespace {

// Points at fixed fractions of each surface's view box (none lands on Ackley's kink at the origin).
const double kFractions[][2] = {{0.13, 0.71}, {0.37, 0.29}, {0.61, 0.83}, {0.89, 0.44}, {0.22, 0.17}, {0.55, 0.52}};

Vec2 at(const Box& b, const double* f) { return {b.x0 + f[0] * b.width(), b.y0 + f[1] * b.height()}; }

bool close(double a, double b, double tol) { return std::abs(a - b) <= tol * (1.0 + std::max(std::abs(a), std::abs(b))); }

}  // namespace

TEST_CASE("every built-in surface: AutoDiff gradient matches central differences of the value") {
  for (const CatalogueEntry& e : catalogue()) {
    const Surface s = make_builtin(e.id).value();
    for (const auto& fr : kFractions) {
      const Vec2 p = at(s.box(), fr);
      const double h = 1e-6 * std::max(1.0, norm(p));
      const Vec2 fd{(s.value(p.x + h, p.y) - s.value(p.x - h, p.y)) / (2 * h),
                    (s.value(p.x, p.y + h) - s.value(p.x, p.y - h)) / (2 * h)};
      const Vec2 g = s.gradient(p);
      const Derivs d = s.derivs(p);
      INFO(e.id, " at (", p.x, ", ", p.y, "): AutoDiff g = (", g.x, ", ", g.y, "), FD g = (", fd.x, ", ", fd.y, ")");
      // FD with h = 1e-6 on values up to ~1e6 (Goldstein–Price) is good to about 1e-6 relative.
      CHECK(close(g.x, fd.x, 1e-5));
      CHECK(close(g.y, fd.y, 1e-5));
      // The Hessian-carrying evaluation agrees with the first-order one and with the plain value.
      CHECK(close(d.g.x, g.x, 1e-12));
      CHECK(close(d.g.y, g.y, 1e-12));
      CHECK(close(d.f, s.value(p), 1e-12));
    }
  }
}

TEST_CASE("every built-in surface: AutoDiff Hessian matches central differences of the exact gradient") {
  for (const CatalogueEntry& e : catalogue()) {
    const Surface s = make_builtin(e.id).value();
    for (const auto& fr : kFractions) {
      const Vec2 p = at(s.box(), fr);
      const double h = 1e-6 * std::max(1.0, norm(p));
      const Vec2 gxp = s.gradient({p.x + h, p.y}), gxm = s.gradient({p.x - h, p.y});
      const Vec2 gyp = s.gradient({p.x, p.y + h}), gym = s.gradient({p.x, p.y - h});
      const double hxx = (gxp.x - gxm.x) / (2 * h), hyy = (gyp.y - gym.y) / (2 * h);
      const double hxy = (gxp.y - gxm.y) / (2 * h), hyx = (gyp.x - gym.x) / (2 * h);
      const Derivs d = s.derivs(p);
      INFO(e.id, " at (", p.x, ", ", p.y, "): H = [", d.h.xx, " ", d.h.xy, "; ", d.h.xy, " ", d.h.yy, "], FD = [", hxx, " ", hxy,
           "; ", hyx, " ", hyy, "]");
      CHECK(close(d.h.xx, hxx, 1e-5));
      CHECK(close(d.h.yy, hyy, 1e-5));
      CHECK(close(d.h.xy, hxy, 1e-5));
      CHECK(close(d.h.xy, hyx, 1e-5));
    }
  }
}

TEST_CASE("every built-in surface: documented minima are stationary points with a positive definite Hessian") {
  for (const CatalogueEntry& e : catalogue()) {
    const Surface s = make_builtin(e.id).value();
    CHECK(s.box().valid());
    for (const Vec2& m : s.known_minima()) {
      const Derivs d = s.derivs(m);
      INFO(e.id, " minimum (", m.x, ", ", m.y, "): g = (", d.g.x, ", ", d.g.y, ")");
      CHECK(s.box().contains(m));
      CHECK(norm(d.g) < 1e-7);
      if (e.id != "ackley") {  // Ackley's minimum is a cone tip, not a smooth minimum
        CHECK(d.h.xx > 0);
        CHECK(d.h.xx * d.h.yy - d.h.xy * d.h.xy > 0);
      }
    }
  }
}

TEST_CASE("a few built-ins have their textbook values") {
  CHECK(make_builtin("rosenbrock")->value(1, 1) == 0.0);
  CHECK(make_builtin("goldstein-price")->value(0, -1) == doctest::Approx(3.0));
  CHECK(make_builtin("beale")->value(3, 0.5) == doctest::Approx(0.0));
  CHECK(make_builtin("six-hump-camel")->value(0.08984201310031806, -0.7126564030207396) == doctest::Approx(-1.031628453489877));
  CHECK(make_builtin("styblinski-tang")->value(-2.903534027771178, -2.903534027771178) == doctest::Approx(-78.33233140754282));
  CHECK(make_builtin("easom")->value(M_PI, M_PI) == doctest::Approx(-1.0));
  CHECK(std::abs(make_builtin("ackley")->value(0, 0)) < 1e-10);
  const Derivs h = make_builtin("himmelblau")->derivs({3, 2});
  CHECK(h.f == 0.0);
  CHECK(h.h.xx == doctest::Approx(74.0));  // 4(3x² + y − 11) + 2 = 74 at (3, 2)
  CHECK(h.h.xy == doctest::Approx(20.0));  // 4x + 4y
  CHECK(h.h.yy == doctest::Approx(34.0));  // 2 + 4(x + 3y² − 7)
}

TEST_CASE("surfaces are looked up by id, case-insensitively, and unknown ids list the known ones") {
  CHECK(make_builtin("Himmelblau").ok());
  CHECK(make_surface("RASTRIGIN")->id() == "rastrigin");
  auto bad = make_builtin("himmelblua");
  REQUIRE(!bad.ok());
  CHECK(bad.error().message.find("himmelblau") != std::string::npos);
  CHECK(catalogue().size() >= 20);
  Surface def;
  CHECK(def.id() == "himmelblau");
}
