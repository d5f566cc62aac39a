// Why saddles dominate in high dimensions, measured three ways.
//
// (a) Random symmetric matrices. A critical point is a minimum when every eigenvalue of its Hessian is
//     positive. For a GOE matrix of size d (symmetric, independent Gaussian entries, diagonal variance twice
//     the off-diagonal) that probability is exactly 1/2 at d = 1 and (2 − √2)/4 ≈ 0.1464 at d = 2, and falls
//     like exp(−θd²) with θ = ln 3 / 4 ≈ 0.2747 (Dean & Majumdar 2006). goe_minima_fraction measures it by
//     Monte Carlo (a Cholesky factorisation succeeds exactly when the matrix is positive definite);
//     goe_positive_probability computes it exactly from de Bruijn's Pfaffian of 1-D integrals (see goe.cpp).
// (b) Random functions. A smooth random function of d variables (a sum of random cosine features, which
//     approximates a Gaussian process with a squared-exponential kernel); its critical points are found by
//     Newton from random starts, classified, and the fraction that are minima measured per d, with each
//     point's index (fraction of negative Hessian eigenvalues) beside its value.
// (c) A real network. The same search on any loss given as value + gradient (a tiny MLP on a small dataset
//     in the tests and the lessons; any engine model through the callback): index against loss. Low-loss
//     critical points have low index; the high-loss ones are saddles (Dauphin et al. 2014).
//
// All of it is deterministic for a seed and reports progress / honours cancel through JobProgress.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/surface/job.h"

namespace attend::surface {

// ---- (a) GOE matrices --------------------------------------------------------------------------------

struct GoeOptions {
  int max_d = 10;
  int trials = 20000;   // matrices per dimension
  uint64_t seed = 1;
};

struct GoeRow {
  int d = 0;
  int trials = 0;
  int positive = 0;           // matrices with every eigenvalue positive
  double fraction = 0;        // positive / trials
  double std_error = 0;       // √(p(1 − p)/trials); with no hit, use upper95 instead
  double upper95 = 0;         // one-sided 95 % upper bound on p (3/trials when positive = 0)
  double exact = 0;           // goe_positive_probability(d), NaN where not computed
  double asymptote = 0;       // exp(−(ln 3/4)·d²)
};
std::vector<GoeRow> goe_minima_fraction(const GoeOptions& options, JobProgress* job = nullptr);

// P(all d eigenvalues of a GOE matrix > 0), exact up to quadrature and rounding, computed in long double:
// two quadratures agree to 1e-9 relative through d = 10, 1e-6 at d = 12 and 4e-4 at d = 14 (cancellation in
// the Pfaffian grows about 30× per dimension); NaN for d > 14.
double goe_positive_probability(int d);
// The leading-order large-d law exp(−θ d²), θ = ln 3 / 4 (Dean & Majumdar, PRL 97, 160201, 2006).
double goe_positive_asymptote(int d);

// ---- critical points in d dimensions -----------------------------------------------------------------

// A function of `dim` variables with its gradient; the Hessian is optional (central differences of the
// gradient when absent).
struct Objective {
  int dim = 0;
  std::function<double(const double* x, double* grad)> value_grad;   // grad may be null
  std::function<void(const double* x, double* hessian)> hessian;     // dim×dim, column-major; optional
};

struct CriticalND {
  std::vector<double> x;
  double f = 0;
  double grad_norm = 0;
  std::vector<double> eigenvalues;  // of the Hessian, ascending
  int negative = 0;                 // eigenvalues below −tol
  int zero = 0;                     // |λ| ≤ tol (flat directions)
  double index = 0;                 // negative / dim
};

struct NewtonNDOptions {
  int max_iterations = 60;
  double gradient_tol = 1e-9;   // converged when |∇f| ≤ this (absolute: pass a scale-aware value)
  double max_step = 1.0;        // trust radius of one Newton step
  double eigen_tol = 1e-7;      // an eigenvalue counts as zero when |λ| ≤ eigen_tol·max|λ|
};
// Newton on ∇f = 0 (Levenberg–Marquardt damped, non-monotone in |∇f|) from `start`; nothing when it does
// not converge.
std::optional<CriticalND> newton_critical_nd(const Objective& f, std::vector<double> start, const NewtonNDOptions& o);
// The Hessian by central differences of the gradient, symmetrised (dim×dim column-major).
std::vector<double> finite_difference_hessian(const Objective& f, const double* x);

// ---- (b) random functions -------------------------------------------------------------------------------

struct RandomFieldOptions {
  int max_d = 8;
  int functions = 3;      // independent random functions per dimension
  int starts = 120;       // Newton starts per function
  int features = 0;       // cosine features; 0: 64 + 24·d
  double box = 2.0;       // starts uniform in [−box, box]^d (the correlation length is 1)
  uint64_t seed = 1;
};

struct FieldPoint {
  double f = 0;
  double index = 0;     // fraction of negative Hessian eigenvalues
  int negative = 0;
};

struct RandomFieldRow {
  int d = 0;
  int critical = 0;     // distinct critical points found (all functions)
  int minima = 0, maxima = 0, saddles = 0, degenerate = 0;
  double fraction_minima = 0;
  std::vector<FieldPoint> points;
};

// One random function f(x) = √(2/K) Σₖ aₖ cos(wₖ·x + bₖ), aₖ ~ N(0,1), wₖ ~ N(0, I), bₖ ~ U(0, 2π):
// exact value, gradient and Hessian.
Objective random_cosine_field(int d, int features, uint64_t seed);

std::vector<RandomFieldRow> random_field_saddles(const RandomFieldOptions& options, JobProgress* job = nullptr);

// ---- (c) a real network -----------------------------------------------------------------------------------

struct NetworkCriticalOptions {
  int starts = 40;
  // Start k is center + s_k·N(0, I) with s_k from spread_min to spread_max, so the search covers critical
  // points near the trained weights (low loss) and far from them (high loss).
  double spread_min = 0.05, spread_max = 1.5;
  uint64_t seed = 1;
  NewtonNDOptions newton;
};

struct NetworkCriticalResult {
  std::vector<CriticalND> points;   // distinct, ordered by loss
  int starts = 0;
  int converged = 0;
  bool cancelled = false;
};
NetworkCriticalResult network_critical_points(const Objective& loss, const std::vector<double>& center,
                                              const NetworkCriticalOptions& options, JobProgress* job = nullptr);

}  // namespace attend::surface
