#include "core/surface/surface.h"

#include <limits>

#include "core/surface/builtin.h"
#include "core/surface/formula.h"

namespace attend::surface {

Surface::Surface(Tag) {}

Surface::Surface() { *this = std::move(make_builtin("himmelblau")).value(); }

Surface::Surface(const Surface& o)
    : m_id(o.m_id),
      m_title(o.m_title),
      m_formula(o.m_formula),
      m_note(o.m_note),
      m_box(o.m_box),
      m_scale(o.m_scale),
      m_minima(o.m_minima),
      m_builtin(o.m_builtin),
      m_formula_eval(o.m_formula_eval ? o.m_formula_eval->clone() : nullptr) {}

Surface& Surface::operator=(const Surface& o) {
  if (this != &o) {
    Surface copy(o);
    *this = std::move(copy);
  }
  return *this;
}

Surface::Surface(Surface&&) noexcept = default;
Surface& Surface::operator=(Surface&&) noexcept = default;
Surface::~Surface() = default;

double Surface::value(double x, double y) const {
  if (m_builtin) return m_builtin->value(x, y);
  return (*m_formula_eval)(x, y);
}

Vec2 Surface::gradient(Vec2 p) const {
  if (m_builtin) return m_builtin->gradient(p.x, p.y);
  // Only the two first differences: a racer's step should not pay for a Hessian.
  const double eps = 2.220446049250313e-16;
  const double hx = std::cbrt(eps) * std::max(1.0, std::abs(p.x));
  const double hy = std::cbrt(eps) * std::max(1.0, std::abs(p.y));
  const FormulaEvaluator& f = *m_formula_eval;
  return {(f(p.x + hx, p.y) - f(p.x - hx, p.y)) / (2 * hx), (f(p.x, p.y + hy) - f(p.x, p.y - hy)) / (2 * hy)};
}

Derivs Surface::derivs(Vec2 p) const {
  if (m_builtin) return m_builtin->derivs(p.x, p.y);
  return finite_difference_derivs(*m_formula_eval, p);
}

void Surface::row(const double* xs, double y, double* out, int n) const {
  if (m_builtin) {
    m_builtin->row(xs, y, out, n);
  } else {
    const FormulaEvaluator& f = *m_formula_eval;
    for (int i = 0; i < n; ++i) out[i] = f(xs[i], y);
  }
}

Eig2 eigen_sym2(const Sym2& h) {
  Eig2 e;
  const double mean = 0.5 * (h.xx + h.yy);
  const double r = std::hypot(0.5 * (h.xx - h.yy), h.xy);
  e.value[0] = mean - r;
  e.value[1] = mean + r;
  if (h.xy == 0) {
    // Already diagonal: the axes, in the order of their values.
    if (h.xx <= h.yy) {
      e.vector[0] = {1, 0};
      e.vector[1] = {0, 1};
    } else {
      e.vector[0] = {0, 1};
      e.vector[1] = {1, 0};
    }
    return e;
  }
  for (int k = 0; k < 2; ++k) {
    // (H − λI)v = 0 gives two candidate vectors; the longer one has less cancellation.
    const Vec2 a{e.value[k] - h.yy, h.xy}, b{h.xy, e.value[k] - h.xx};
    const Vec2 v = norm(a) >= norm(b) ? a : b;
    e.vector[k] = (1.0 / norm(v)) * v;
  }
  return e;
}

std::vector<CatalogueEntry> catalogue() {
  std::vector<CatalogueEntry> out;
  for (const BuiltinDef& d : builtin_defs()) out.push_back({d.id, d.title, d.formula, d.note});
  return out;
}

Result<Surface> make_builtin(const std::string& id) {
  const BuiltinDef* d = find_builtin(id);
  if (!d) {
    std::string known;
    for (const BuiltinDef& b : builtin_defs()) known += (known.empty() ? "" : ", ") + std::string(b.id);
    return make_error("unknown surface '" + id + "'; the built-in surfaces are " + known);
  }
  Surface s(Surface::Tag{});
  s.m_id = d->id;
  s.m_title = d->title;
  s.m_formula = d->formula;
  s.m_note = d->note;
  s.m_box = d->box;
  s.m_scale = d->scale;
  s.m_minima = d->minima;
  s.m_builtin = d;
  return s;
}

Result<Surface> make_formula(const std::string& text, const Box& box) {
  if (!box.valid()) return make_error("the view box of a formula surface needs x0 < x1 and y0 < y1");
  Result<std::unique_ptr<FormulaEvaluator>> f = FormulaEvaluator::compile(text);
  if (!f) return f.error();
  Surface s(Surface::Tag{});
  s.m_id = text;
  s.m_title = "Formula";
  s.m_formula = text;
  s.m_note = "Your formula; derivatives by central finite differences.";
  s.m_box = box;
  s.m_scale = HeightScale::Linear;
  s.m_formula_eval = std::move(f).value();
  return s;
}

Result<Surface> make_surface(const std::string& id_or_formula) {
  if (find_builtin(id_or_formula)) return make_builtin(id_or_formula);
  return make_formula(id_or_formula);
}

}  // namespace attend::surface
