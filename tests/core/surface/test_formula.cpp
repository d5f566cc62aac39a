#include <doctest/doctest.h>

#include <cmath>
#include <thread>

#include "core/surface/formula.h"
#include "core/surface/surface.h"

using namespace attend::surface;

TEST_CASE("a formula surface evaluates what was typed, with constants and functions") {
  const Surface s = make_formula("x^2 - y^2 + sin(pi*x) + e*y").value();
  CHECK(s.is_formula());
  CHECK(!s.exact_derivatives());
  CHECK(s.value(0.5, 2.0) == doctest::Approx(0.25 - 4.0 + 1.0 + M_E * 2.0));
  CHECK(s.id() == "x^2 - y^2 + sin(pi*x) + e*y");
}

TEST_CASE("a formula's finite-difference gradient and Hessian match the closed forms") {
  // f = x³y − 2y² + exp(0.3x)·cos(y): every derivative is known exactly.
  const Surface s = make_formula("x^3*y - 2*y^2 + exp(0.3*x)*cos(y)").value();
  for (Vec2 p : {Vec2{0.3, -0.7}, Vec2{1.5, 2.0}, Vec2{-2.2, 0.4}, Vec2{12.0, -9.0}}) {
    const double ex = std::exp(0.3 * p.x), c = std::cos(p.y), sn = std::sin(p.y);
    const double gx = 3 * p.x * p.x * p.y + 0.3 * ex * c;
    const double gy = p.x * p.x * p.x - 4 * p.y - ex * sn;
    const double hxx = 6 * p.x * p.y + 0.09 * ex * c, hxy = 3 * p.x * p.x - 0.3 * ex * sn, hyy = -4 - ex * c;
    const Derivs d = s.derivs(p);
    const Vec2 g = s.gradient(p);
    INFO("at (", p.x, ", ", p.y, ")");
    // Central differences: gradient error ~ ε^(2/3) ≈ 4e-11, Hessian ~ ε^(1/2) ≈ 1e-8, relative to the scale.
    const double scale = 1 + std::abs(d.f);
    CHECK(std::abs(g.x - gx) < 1e-8 * scale);
    CHECK(std::abs(g.y - gy) < 1e-8 * scale);
    CHECK(std::abs(d.g.x - gx) < 1e-8 * scale);
    CHECK(std::abs(d.h.xx - hxx) < 1e-5 * scale);
    CHECK(std::abs(d.h.xy - hxy) < 1e-5 * scale);
    CHECK(std::abs(d.h.yy - hyy) < 1e-5 * scale);
  }
}

TEST_CASE("display symbols paste back: x², −, ·, π and √ are rewritten") {
  const Surface s = make_formula("x² − 3·y³ + π·√(x)").value();
  CHECK(s.value(4, 1) == doctest::Approx(16 - 3 + M_PI * 2));
  const Rewritten r = rewrite_formula("x² − y");
  CHECK(r.text == "x^2 - y");
  // Each output byte knows its input column: "^2" comes from column 2 (the ²), "-" from column 4.
  CHECK(r.column[1] == 2);
  CHECK(r.column[2] == 2);
  CHECK(r.column[4] == 4);
}

TEST_CASE("formula syntax errors carry the 1-based column and a message a person can act on") {
  struct Case {
    const char* text;
    int column;
    const char* words;
  };
  const Case cases[] = {
      {"x +* y", 4, "unexpected operator"},
      {"x + z", 5, "unknown name \"z\""},
      {"2x", 2, "explicit *"},
      {"sin(x", 0, "parenthesis"},
      {"x^2 +", 6, "end of expression"},
      {"x² + * y", 6, "unexpected operator"},  // columns count characters, not UTF-8 bytes
      {"x = 3", 3, "'=' is not allowed"},
  };
  for (const Case& c : cases) {
    const auto r = make_formula(c.text);
    INFO("formula: ", c.text);
    REQUIRE(!r.ok());
    const attend::Error& e = r.error();
    INFO("error: ", e.to_string());
    if (c.column > 0) CHECK(e.column == c.column);
    CHECK(e.message.find(c.words) != std::string::npos);
  }
  auto empty = make_formula("   ");
  REQUIRE(!empty.ok());
  CHECK(empty.error().message.find("empty") != std::string::npos);
  auto bad_box = make_formula("x", Box{1, 0, 0, 1});
  CHECK(!bad_box.ok());
}

TEST_CASE("a formula is NaN outside its domain, never an exception") {
  const Surface s = make_formula("sqrt(x) + log(y)").value();
  CHECK(std::isnan(s.value(-1, 1)));
  CHECK(std::isfinite(s.value(4, 1)));
  CHECK(!finite(s.gradient({-1, 1})));
}

TEST_CASE("make_surface reads a known id as a built-in and anything else as a formula") {
  CHECK(make_surface("himmelblau")->exact_derivatives());
  CHECK(make_surface("x*y")->is_formula());
  CHECK(!make_surface("x**y").ok());
}

TEST_CASE("copies of a formula surface evaluate independently on two threads") {
  const Surface a = make_formula("sin(x)*cos(y) + x*y").value();
  Surface b = a;  // its own parser
  double sum_a = 0, sum_b = 0;
  std::thread t([&] {
    for (int i = 0; i < 20000; ++i) sum_b += b.value(i * 1e-4, 1.0 - i * 1e-4);
  });
  for (int i = 0; i < 20000; ++i) sum_a += a.value(i * 1e-4, 1.0 - i * 1e-4);
  t.join();
  CHECK(sum_a == sum_b);
}
