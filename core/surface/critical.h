// Critical points of a surface in a view box. From each start of a grid: Newton's method on ∇f = 0
// (damped by Levenberg–Marquardt where the Hessian is singular, and judged by |∇f| rather than f, so it lands
// on saddles and maxima as well as minima), plus a saddle-free Newton descent and ascent, which reach the
// minimum and maximum of the start's basin where plain Newton's own basins are narrow. The results are
// deduplicated by distance and classified by the Hessian's eigenvalues.
//
//   CriticalResult r = find_critical_points(surface, view_box);
//   for (const CriticalPoint& c : r.points) mark(c.info.p, c.kind);    // Himmelblau: 4 min, 1 max, 4 saddles
//   PointInfo hover = describe_point(surface, mouse, r.curvature_scale);  // value, ∇f, H, eigen-axes
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/surface/surface.h"

namespace attend::surface {

enum class CriticalKind { Minimum, Maximum, Saddle, Degenerate };
const char* kind_name(CriticalKind k);  // "minimum", "maximum", "saddle", "degenerate"

// By the Hessian's eigenvalues λ₁ ≤ λ₂: both > tol a minimum, both < −tol a maximum, one each side a saddle,
// any |λ| ≤ tol degenerate (the second-order test cannot decide: the monkey saddle, a flat valley floor).
CriticalKind classify(const Eig2& e, double tol);

// Everything the hover readout shows at one point.
struct PointInfo {
  Vec2 p;
  double f = 0;
  Vec2 g;
  Sym2 h;
  Eig2 eig;           // eigenvalues ascending, unit eigenvectors (the axes drawn at the point)
  CriticalKind shape = CriticalKind::Degenerate;  // the local curvature's kind, as if p were critical
};
// `tol` as for classify; curvature_scale(s, box)·1e-3 is what find_critical_points uses.
PointInfo describe_point(const Surface& s, Vec2 p, double tol);

struct CriticalPoint {
  PointInfo info;
  CriticalKind kind = CriticalKind::Degenerate;
  int index = 0;      // the number of negative eigenvalues (Morse index)
  int basin = 0;      // how many of the searches ended here
};

struct CriticalOptions {
  int grid = 32;                // starts per side, at the centres of a grid×grid tiling of the box
  int max_iterations = 100;
  double dedup = 1e-3;          // two points closer than this × the box diagonal are one
  // Converged when |∇f| ≤ gradient_tol × curvature scale × box diagonal; an eigenvalue counts as zero when
  // |λ| ≤ degenerate_tol × curvature scale. The tight defaults matter at degenerate points, where Newton
  // converges only linearly and the Hessian left at the stopping point is about √(gradient_tol) in size.
  // Formula surfaces (finite differences) use the _fd values.
  double gradient_tol = 1e-14;
  double degenerate_tol = 1e-6;
  double gradient_tol_fd = 1e-8;
  double degenerate_tol_fd = 1e-3;
  // Points where the whole Hessian is below flat_tol × curvature scale lie on a numerically flat plain
  // and are skipped (counted in CriticalResult::flat).
  double flat_tol = 1e-9;
};

struct CriticalResult {
  std::vector<CriticalPoint> points;  // ordered by kind (minima first), then by value
  double curvature_scale = 1;         // 90th percentile of the Hessian's largest |eigenvalue| over the box
  double eigen_tol = 0;               // the |λ| below which an eigenvalue counted as zero
  int searches = 0;                   // three per start: Newton on ∇f = 0, descent, ascent
  int converged = 0;                  // searches that reached a critical point inside the box
  int flat = 0;                       // searches that ended on a numerically flat plain (not reported)
};

CriticalResult find_critical_points(const Surface& s, const Box& box, const CriticalOptions& options = {});

// The critical point nearest to p within `radius` (plane units), or -1: which point a racer has stopped at,
// which marker the mouse is over.
int nearest_critical(const CriticalResult& r, Vec2 p, double radius);

// How many points of each kind (indexed by CriticalKind).
struct CriticalCounts {
  int minima = 0, maxima = 0, saddles = 0, degenerate = 0;
  int total() const { return minima + maxima + saddles + degenerate; }
};
CriticalCounts count_by_kind(const CriticalResult& r);
// The smallest value among the minima found (what a loss-gap curve is measured against); NaN when none.
double lowest_minimum(const CriticalResult& r);

// The second-order Taylor curve of f along eigenvector `axis` (0: smaller eigenvalue) of the Hessian at
// info.p: n points p + s·v for s from −half_length to half_length, with heights f + s·(∇f·v) + ½·λ·s². The
// hover readout draws it on the 3-D surface: it bends up along a positive eigenvalue and down along a
// negative one.
struct CurvatureArc {
  std::vector<Vec2> p;
  std::vector<double> f;
};
CurvatureArc curvature_arc(const PointInfo& info, int axis, double half_length, int n);

// Damped Newton from one start (a click on "find the nearest critical point"); nothing if it does not
// converge within max_iterations. `scale_g` is the gradient tolerance in absolute terms.
std::optional<Vec2> newton_critical(const Surface& s, Vec2 start, double gradient_tol, int max_iterations,
                                    double max_step);

// The 90th percentile over a 15×15 grid of `box` of the Hessian's largest |eigenvalue| (1 when flat).
double curvature_scale(const Surface& s, const Box& box);

}  // namespace attend::surface
