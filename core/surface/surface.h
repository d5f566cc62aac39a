// A loss surface f(x, y) with its gradient and Hessian: one of the built-in catalogue (exact derivatives by
// Eigen's forward-mode AutoDiff, see catalogue.cpp) or a formula the person typed (muParser, derivatives by
// central finite differences, see formula.cpp). Everything in the loss-surface lab (mesh, contours, racing
// optimizers, critical points) works on this one type.
//
//   Result<Surface> s = make_surface("himmelblau");          // a built-in, by id
//   Result<Surface> t = make_surface("x^2 - y^2 + sin(3*x)");  // anything else is read as a formula
//   if (!t) show(t.error().to_string());                      // "column 5: unexpected operator '*'"
//   Derivs d = s->derivs({1.0, 2.0});                         // value, gradient, Hessian
//
// A Surface is a value: copies are independent, and a formula copy gets its own parser, so the worker
// thread (racing) and the UI thread (mesh) each hold their own copy. One object must not be evaluated from
// two threads at once (muParser keeps its variables in the parser).
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace attend::surface {

struct Vec2 {
  double x = 0, y = 0;
};
inline Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
inline Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
inline Vec2 operator*(double s, Vec2 a) { return {s * a.x, s * a.y}; }
inline double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
inline double norm(Vec2 a) { return std::sqrt(a.x * a.x + a.y * a.y); }
inline bool finite(Vec2 a) { return std::isfinite(a.x) && std::isfinite(a.y); }

// A symmetric 2×2 matrix (a Hessian): [[xx, xy], [xy, yy]].
struct Sym2 {
  double xx = 0, xy = 0, yy = 0;
};

// Eigen-decomposition of a symmetric 2×2 matrix in closed form: values ascending, unit vectors.
struct Eig2 {
  double value[2] = {0, 0};
  Vec2 vector[2] = {{1, 0}, {0, 1}};
};
Eig2 eigen_sym2(const Sym2& h);

// The region of the plane a surface is shown in.
struct Box {
  double x0 = -1, x1 = 1, y0 = -1, y1 = 1;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  Vec2 center() const { return {0.5 * (x0 + x1), 0.5 * (y0 + y1)}; }
  double diagonal() const { return std::hypot(width(), height()); }
  bool contains(Vec2 p, double margin = 0) const {
    return p.x >= x0 - margin && p.x <= x1 + margin && p.y >= y0 - margin && p.y <= y1 + margin;
  }
  bool valid() const { return std::isfinite(x0) && std::isfinite(x1) && std::isfinite(y0) && std::isfinite(y1) && x1 > x0 && y1 > y0; }
};

// Value, gradient and Hessian at one point.
struct Derivs {
  double f = 0;
  Vec2 g;
  Sym2 h;
};

// How heights map to the display (mesh height and colour): linear, or log(1 + (f − min)/δ) for surfaces
// whose range spans decades (Rosenbrock, Beale, Goldstein–Price), where linear shows one spike and a floor.
enum class HeightScale { Linear, Log };

class FormulaEvaluator;  // formula.cpp
struct BuiltinDef;       // catalogue.cpp

class Surface {
 public:
  Surface();  // Himmelblau
  Surface(const Surface& other);
  Surface& operator=(const Surface& other);
  Surface(Surface&&) noexcept;
  Surface& operator=(Surface&&) noexcept;
  ~Surface();

  const std::string& id() const { return m_id; }            // "himmelblau", or the formula text
  const std::string& title() const { return m_title; }      // "Himmelblau"
  const std::string& formula() const { return m_formula; }  // for display: "(x² + y − 11)² + (x + y² − 7)²"
  const std::string& note() const { return m_note; }        // one line on what the surface teaches
  Box box() const { return m_box; }                         // the default view
  HeightScale height_scale() const { return m_scale; }
  bool is_formula() const { return m_formula_eval != nullptr; }
  bool exact_derivatives() const { return m_builtin != nullptr; }
  // The documented global minima (built-ins only; empty for formulas).
  const std::vector<Vec2>& known_minima() const { return m_minima; }

  double value(double x, double y) const;
  double value(Vec2 p) const { return value(p.x, p.y); }
  Vec2 gradient(Vec2 p) const;
  Derivs derivs(Vec2 p) const;
  // n values along one row y = const (the mesh's inner loop; avoids a dispatch per point).
  void row(const double* xs, double y, double* out, int n) const;

 private:
  struct Tag {};
  explicit Surface(Tag);  // empty; filled by the factories
  friend Result<Surface> make_builtin(const std::string& id);
  friend Result<Surface> make_formula(const std::string& text, const Box& box);
  std::string m_id, m_title, m_formula, m_note;
  Box m_box;
  HeightScale m_scale = HeightScale::Linear;
  std::vector<Vec2> m_minima;
  const BuiltinDef* m_builtin = nullptr;
  std::unique_ptr<FormulaEvaluator> m_formula_eval;
};

// The catalogue, in the order menus show it.
struct CatalogueEntry {
  std::string id, title, formula, note;
};
std::vector<CatalogueEntry> catalogue();

// A built-in by id (case-insensitive); an unknown id is an Error listing the known ones.
Result<Surface> make_builtin(const std::string& id);
// A formula in x and y (muParser syntax: + - * / ^, sin cos tan exp log ln sqrt abs tanh min max, pi, e).
// Syntax errors name the 1-based column; a formula that uses a variable other than x and y is an error.
Result<Surface> make_formula(const std::string& text, const Box& box = Box{-3, 3, -3, 3});
// A built-in id if `text` names one, otherwise a formula.
Result<Surface> make_surface(const std::string& id_or_formula);

// Central finite differences of any f(x, y), with the step sizes the formula surfaces use: h = ε^(1/3)·
// max(1, |x|) for the gradient and ε^(1/4)·max(1, |x|) for the Hessian (the steps that balance truncation
// against rounding error for first and second differences).
template <class F>
Derivs finite_difference_derivs(const F& f, Vec2 p) {
  const double eps = 2.220446049250313e-16;
  const double hx1 = std::cbrt(eps) * std::max(1.0, std::abs(p.x));
  const double hy1 = std::cbrt(eps) * std::max(1.0, std::abs(p.y));
  const double hx2 = std::sqrt(std::sqrt(eps)) * std::max(1.0, std::abs(p.x));
  const double hy2 = std::sqrt(std::sqrt(eps)) * std::max(1.0, std::abs(p.y));
  Derivs d;
  d.f = f(p.x, p.y);
  d.g.x = (f(p.x + hx1, p.y) - f(p.x - hx1, p.y)) / (2 * hx1);
  d.g.y = (f(p.x, p.y + hy1) - f(p.x, p.y - hy1)) / (2 * hy1);
  d.h.xx = (f(p.x + hx2, p.y) - 2 * d.f + f(p.x - hx2, p.y)) / (hx2 * hx2);
  d.h.yy = (f(p.x, p.y + hy2) - 2 * d.f + f(p.x, p.y - hy2)) / (hy2 * hy2);
  d.h.xy = (f(p.x + hx2, p.y + hy2) - f(p.x + hx2, p.y - hy2) - f(p.x - hx2, p.y + hy2) + f(p.x - hx2, p.y - hy2)) /
           (4 * hx2 * hy2);
  return d;
}

}  // namespace attend::surface
