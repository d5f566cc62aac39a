#include "core/surface/critical.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attend::surface {

const char* kind_name(CriticalKind k) {
  switch (k) {
    case CriticalKind::Minimum: return "minimum";
    case CriticalKind::Maximum: return "maximum";
    case CriticalKind::Saddle: return "saddle";
    case CriticalKind::Degenerate: return "degenerate";
  }
  return "?";
}

CriticalKind classify(const Eig2& e, double tol) {
  const double a = e.value[0], b = e.value[1];
  if (std::abs(a) <= tol || std::abs(b) <= tol) return CriticalKind::Degenerate;
  if (a > 0) return CriticalKind::Minimum;
  if (b < 0) return CriticalKind::Maximum;
  return CriticalKind::Saddle;
}

PointInfo describe_point(const Surface& s, Vec2 p, double tol) {
  PointInfo info;
  const Derivs d = s.derivs(p);
  info.p = p;
  info.f = d.f;
  info.g = d.g;
  info.h = d.h;
  info.eig = eigen_sym2(d.h);
  info.shape = classify(info.eig, tol);
  return info;
}

double curvature_scale(const Surface& s, const Box& b) {
  std::vector<double> l;
  const int n = 15;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const Vec2 p{b.x0 + b.width() * (i + 0.5) / n, b.y0 + b.height() * (j + 0.5) / n};
      const Eig2 e = eigen_sym2(s.derivs(p).h);
      const double m = std::max(std::abs(e.value[0]), std::abs(e.value[1]));
      if (std::isfinite(m)) l.push_back(m);
    }
  if (l.empty()) return 1.0;
  std::sort(l.begin(), l.end());
  const double q = l[static_cast<size_t>(0.9 * (l.size() - 1))];
  return q > 0 ? q : 1.0;
}

namespace {

struct NewtonRun {
  Vec2 p;
  double gnorm = INFINITY;
};

NewtonRun newton_run(const Surface& s, Vec2 start, double gradient_tol, int max_iterations, double max_step) {
  Vec2 p = start;
  Derivs d = s.derivs(p);
  if (!std::isfinite(d.f) || !finite(d.g)) return {};
  double gn = norm(d.g);
  // Non-monotone acceptance: a step may raise |∇f| up to twice the largest of the last few accepted
  // values. Newton's iterates on a curved valley (Rosenbrock) rise before they fall; insisting on a
  // decrease at every step stalls them on the valley floor.
  double recent[5] = {gn, gn, gn, gn, gn};
  int slot = 0;
  double lambda = 0;  // Levenberg–Marquardt damping: 0 is a pure Newton step
  for (int it = 0; it < max_iterations; ++it) {
    if (gn <= gradient_tol) break;
    // Solve (H² + λI) δ = −H g: the Gauss–Newton step for the residual ∇f with Jacobian H (symmetric).
    // At λ = 0 and H invertible this is exactly Newton's δ = −H⁻¹ g; a large λ turns it into a short
    // descent step on |∇f|², which still moves where H is singular.
    const Sym2& H = d.h;
    const double a = H.xx * H.xx + H.xy * H.xy + lambda, b = H.xx * H.xy + H.xy * H.yy,
                 c = H.xy * H.xy + H.yy * H.yy + lambda;
    const Vec2 rhs{-(H.xx * d.g.x + H.xy * d.g.y), -(H.xy * d.g.x + H.yy * d.g.y)};
    const double det = a * c - b * b;
    const double scale = std::max(a + c, 1e-300);
    if (!(det > 1e-24 * scale * scale)) {
      lambda = std::max(lambda * 10, 1e-10 * scale);
      continue;
    }
    Vec2 delta{(c * rhs.x - b * rhs.y) / det, (a * rhs.y - b * rhs.x) / det};
    const double len = norm(delta);
    if (len > max_step) delta = (max_step / len) * delta;
    const Vec2 trial = p + delta;
    const Derivs dt = s.derivs(trial);
    const double gt = norm(dt.g);
    const double ref = *std::max_element(recent, recent + 5);
    if (std::isfinite(dt.f) && std::isfinite(gt) && gt < 2 * ref && (lambda == 0 || gt < gn)) {
      p = trial;
      d = dt;
      gn = gt;
      recent[slot] = gn;
      slot = (slot + 1) % 5;
      lambda *= 0.1;
      if (lambda < 1e-12 * scale) lambda = 0;
    } else {
      lambda = std::max(lambda * 10, 1e-6 * scale);
      if (len <= 1e-15 * (1 + norm(p))) break;  // the step no longer moves the point: rounding floor
    }
  }
  return {p, gn};
}

// Saddle-free Newton (Dauphin et al. 2014) on sign·f: the Newton step with the Hessian's eigenvalues
// replaced by their absolute values, δ = −Σ v (v·g)/|λ|, which always descends sign·f, with a backtracking
// line search. It reaches the minima (sign = +1) or maxima (sign = −1) of every basin a descent would,
// where plain Newton's basins around them can be narrow (Ackley's bumps); near a nondegenerate extremum it
// is Newton's step and converges quadratically.
NewtonRun extremum_run(const Surface& s, Vec2 start, double sign, double gradient_tol, int max_iterations,
                       double max_step, const Box& box, double curvature) {
  Vec2 p = start;
  Derivs d = s.derivs(p);
  if (!std::isfinite(d.f) || !finite(d.g)) return {};
  const double floor = 1e-12 * curvature;
  for (int it = 0; it < max_iterations; ++it) {
    const Vec2 g = sign * d.g;
    if (norm(g) <= gradient_tol) break;
    if (!box.contains(p, box.diagonal())) break;  // running off to infinity: nothing to find here
    const Sym2 h{sign * d.h.xx, sign * d.h.xy, sign * d.h.yy};
    const Eig2 e = eigen_sym2(h);
    Vec2 delta;
    for (int k = 0; k < 2; ++k) {
      const Vec2 v = e.vector[k];
      delta = delta - (dot(v, g) / std::max(std::abs(e.value[k]), floor)) * v;
    }
    const double len = norm(delta);
    if (!(len > 0)) break;
    if (len > max_step) delta = (max_step / len) * delta;
    const double F = sign * d.f, slope = dot(g, delta);
    double t = 1;
    Derivs dt;
    bool moved = false;
    for (int k = 0; k < 40; ++k, t *= 0.5) {
      dt = s.derivs(p + t * delta);
      if (std::isfinite(dt.f) && finite(dt.g) && sign * dt.f <= F + 1e-4 * t * slope) {
        moved = true;
        break;
      }
    }
    if (!moved) break;
    p = p + t * delta;
    d = dt;
  }
  return {p, norm(d.g)};
}

}  // namespace

std::optional<Vec2> newton_critical(const Surface& s, Vec2 start, double gradient_tol, int max_iterations,
                                    double max_step) {
  const NewtonRun r = newton_run(s, start, gradient_tol, max_iterations, max_step);
  if (r.gnorm <= gradient_tol) return r.p;
  return std::nullopt;
}

CriticalResult find_critical_points(const Surface& s, const Box& box, const CriticalOptions& o) {
  CriticalResult res;
  if (!box.valid() || o.grid < 1) return res;
  res.curvature_scale = curvature_scale(s, box);
  // Finite-difference derivatives (formulas) carry errors of about ε^(2/3) in the gradient and ε^(1/2) in
  // the Hessian, so their tolerances are looser.
  const bool exact = s.exact_derivatives();
  res.eigen_tol = (exact ? o.degenerate_tol : o.degenerate_tol_fd) * res.curvature_scale;
  const double diag = box.diagonal();
  const double gtol = (exact ? o.gradient_tol : o.gradient_tol_fd) * res.curvature_scale * diag;
  // Where rounding stops the iteration short of gtol (values of 10⁶ leave |∇f| ~ 1e-10), a point that got
  // within 1e-9 of the scale still counts.
  const double gtol_floor = std::max(gtol, 1e-9 * res.curvature_scale * diag);
  const double merge = o.dedup * diag;
  const double inside = 1e-9 * diag;

  struct Found {
    Vec2 p;
    double gnorm;
    int count;
  };
  std::vector<Found> found;
  auto consider = [&](const NewtonRun& run) {
    ++res.searches;
    if (!(run.gnorm <= gtol_floor) || !box.contains(run.p, inside)) return;
    // A plain flat to rounding (Easom far from its hole, where f ~ 1e-20) satisfies |∇f| ≈ 0 everywhere:
    // its points are not features of the view, so they are counted apart and not reported.
    const Eig2 e = eigen_sym2(s.derivs(run.p).h);
    if (std::max(std::abs(e.value[0]), std::abs(e.value[1])) <= o.flat_tol * res.curvature_scale) {
      ++res.flat;
      return;
    }
    ++res.converged;
    auto same = std::find_if(found.begin(), found.end(), [&](const Found& f) { return norm(f.p - run.p) <= merge; });
    if (same == found.end()) {
      found.push_back({run.p, run.gnorm, 1});
      return;
    }
    ++same->count;
    if (run.gnorm < same->gnorm) {
      same->p = run.p;
      same->gnorm = run.gnorm;
    }
  };
  const double max_step = 0.25 * diag;
  for (int j = 0; j < o.grid; ++j) {
    for (int i = 0; i < o.grid; ++i) {
      const Vec2 start{box.x0 + box.width() * (i + 0.5) / o.grid, box.y0 + box.height() * (j + 0.5) / o.grid};
      // Three searches per start: Newton on ∇f = 0 (any kind, saddles included), and the descent and
      // ascent to the minimum and maximum whose basins the start lies in.
      consider(newton_run(s, start, gtol, o.max_iterations, max_step));
      consider(extremum_run(s, start, +1, gtol, o.max_iterations, max_step, box, res.curvature_scale));
      consider(extremum_run(s, start, -1, gtol, o.max_iterations, max_step, box, res.curvature_scale));
    }
  }

  for (const Found& f : found) {
    CriticalPoint c;
    c.info = describe_point(s, f.p, res.eigen_tol);
    c.kind = c.info.shape;
    c.index = (c.info.eig.value[0] < -res.eigen_tol) + (c.info.eig.value[1] < -res.eigen_tol);
    c.basin = f.count;
    res.points.push_back(c);
  }
  std::sort(res.points.begin(), res.points.end(), [](const CriticalPoint& a, const CriticalPoint& b) {
    if (a.kind != b.kind) return static_cast<int>(a.kind) < static_cast<int>(b.kind);
    return a.info.f < b.info.f;
  });
  return res;
}

int nearest_critical(const CriticalResult& r, Vec2 p, double radius) {
  int best = -1;
  double best_d = radius;
  for (size_t i = 0; i < r.points.size(); ++i) {
    const double d = norm(r.points[i].info.p - p);
    if (d <= best_d) {
      best_d = d;
      best = static_cast<int>(i);
    }
  }
  return best;
}

CriticalCounts count_by_kind(const CriticalResult& r) {
  CriticalCounts c;
  for (const CriticalPoint& p : r.points) {
    switch (p.kind) {
      case CriticalKind::Minimum: ++c.minima; break;
      case CriticalKind::Maximum: ++c.maxima; break;
      case CriticalKind::Saddle: ++c.saddles; break;
      case CriticalKind::Degenerate: ++c.degenerate; break;
    }
  }
  return c;
}

double lowest_minimum(const CriticalResult& r) {
  double best = std::numeric_limits<double>::quiet_NaN();
  for (const CriticalPoint& p : r.points)
    if (p.kind == CriticalKind::Minimum && !(p.info.f >= best)) best = p.info.f;
  return best;
}

CurvatureArc curvature_arc(const PointInfo& info, int axis, double half_length, int n) {
  CurvatureArc a;
  const int k = axis == 0 ? 0 : 1;
  const Vec2 v = info.eig.vector[k];
  const double lambda = info.eig.value[k], slope = dot(info.g, v);
  n = std::max(n, 2);
  for (int i = 0; i < n; ++i) {
    const double s = -half_length + 2 * half_length * i / (n - 1);
    a.p.push_back(info.p + s * v);
    a.f.push_back(info.f + s * slope + 0.5 * lambda * s * s);
  }
  return a;
}

}  // namespace attend::surface
