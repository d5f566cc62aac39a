// Lasso and elastic net by cyclic coordinate descent, the way sklearn's cd_fast does it (topics 17, 29), and
// coefficient paths over a range of penalties: L1 drives coefficients to exactly zero one after another, L2
// only shrinks them towards zero (topic 17's sparsity vs shrinkage picture).
//
// Objective (sklearn's scaling): (1/2n)·‖y − Xw − b‖² + alpha·l1_ratio·‖w‖₁ + ½·alpha·(1 − l1_ratio)·‖w‖².
// Same iteration order, stopping rule (largest coordinate change < tol·max|w|, then duality gap < tol·‖y‖²)
// and centring as sklearn 1.2, so Lasso(alpha=0.1) stops after the same 5 sweeps with the same coefficients.
//
//   ElasticNetOptions o;  o.alpha = 0.1;  o.l1_ratio = 0.5;
//   Result<ElasticNetFit> f = fit_elastic_net(X, y, o);
//   Result<CoefPath> p = lasso_path(X, y, log_alphas(alpha_max(X, y), 1e-3, 50));
#pragma once

#include <vector>

#include "core/classic/linear.h"

namespace attend::classic {

struct ElasticNetOptions {
  double alpha = 1.0;
  double l1_ratio = 1.0;  // 1: lasso, 0: ridge (with the 1/2n scaling)
  bool fit_intercept = true;
  double tol = 1e-4;
  int max_iter = 1000;
};

struct ElasticNetFit {
  LinearModel model;
  int n_iter = 0;         // full sweeps over the features
  double dual_gap = 0;    // at the last gap check, in the scaled units of the objective × n
  bool converged = false;
  std::vector<double> objective;  // the objective after each sweep (for a convergence plot)
};

// `warm_start` (optional, length d) starts coordinate descent there instead of at 0 (paths use it).
Result<ElasticNetFit> fit_elastic_net(const Matrix& X, const std::vector<double>& y, const ElasticNetOptions& o,
                                      const std::vector<double>* warm_start = nullptr);
Result<ElasticNetFit> fit_lasso(const Matrix& X, const std::vector<double>& y, double alpha);

// The smallest alpha at which every lasso (or elastic net) coefficient is zero: max|Xcᵀyc| / (n·l1_ratio).
// (At exactly this value rounding can leave one coefficient of order 1e-15; start a path a hair above it.)
double alpha_max(const Matrix& X, const std::vector<double>& y, double l1_ratio = 1.0, bool fit_intercept = true);
// `count` alphas from hi down to lo, evenly spaced in log (count ≥ 2, hi > lo > 0).
std::vector<double> log_alphas(double hi, double lo, int count);

// Coefficients at each penalty: coefs[k] belongs to alphas[k].
struct CoefPath {
  std::vector<double> alphas;
  std::vector<std::vector<double>> coefs;
  std::vector<double> intercepts;
  std::vector<int> nonzero;   // exact zeros are what L1 gives and L2 never does
  std::vector<double> l1_norm, l2_norm;
};

// Elastic net at each alpha (warm-started from the previous one, so give alphas from large to small, as
// sklearn's enet_path does).
Result<CoefPath> lasso_path(const Matrix& X, const std::vector<double>& y, const std::vector<double>& alphas,
                            double l1_ratio = 1.0, bool fit_intercept = true);
// Ridge (sklearn's alpha: ‖y − Xw‖² + alpha·‖w‖²) at each alpha, from one eigendecomposition of XcᵀXc.
Result<CoefPath> ridge_path(const Matrix& X, const std::vector<double>& y, const std::vector<double>& alphas,
                            bool fit_intercept = true);

}  // namespace attend::classic
