// Critical points in d dimensions ((b) and (c) of saddles.h): damped Newton on ∇f = 0 with the Hessian's
// eigen-decomposition, the finite-difference Hessian for objectives that give only gradients, and the search
// over a real network's parameters.
#include <Eigen/Core>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

#include "core/surface/saddles.h"
#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::surface {

namespace {

using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;

Mat hessian_at(const Objective& f, const Vec& x) {
  Mat h(f.dim, f.dim);
  if (f.hessian) {
    f.hessian(x.data(), h.data());
  } else {
    const std::vector<double> fd = finite_difference_hessian(f, x.data());
    h = Eigen::Map<const Mat>(fd.data(), f.dim, f.dim);
  }
  return h;
}

}  // namespace

std::vector<double> finite_difference_hessian(const Objective& f, const double* x) {
  const int n = f.dim;
  std::vector<double> h(static_cast<size_t>(n) * n), xp(x, x + n), gp(n), gm(n);
  for (int j = 0; j < n; ++j) {
    // Differences of the exact gradient: h ~ ε^(1/3) balances truncation and rounding.
    const double step = 6.0554544523933395e-06 * std::max(1.0, std::abs(x[j]));
    xp[j] = x[j] + step;
    f.value_grad(xp.data(), gp.data());
    xp[j] = x[j] - step;
    f.value_grad(xp.data(), gm.data());
    xp[j] = x[j];
    for (int i = 0; i < n; ++i) h[static_cast<size_t>(j) * n + i] = (gp[i] - gm[i]) / (2 * step);
  }
  for (int j = 0; j < n; ++j)
    for (int i = j + 1; i < n; ++i) {
      const double s = 0.5 * (h[static_cast<size_t>(j) * n + i] + h[static_cast<size_t>(i) * n + j]);
      h[static_cast<size_t>(j) * n + i] = h[static_cast<size_t>(i) * n + j] = s;
    }
  return h;
}

std::optional<CriticalND> newton_critical_nd(const Objective& f, std::vector<double> start, const NewtonNDOptions& o) {
  ATTEND_ASSERT(static_cast<int>(start.size()) == f.dim, "the start must have the objective's dimension");
  const int n = f.dim;
  Vec x = Eigen::Map<const Vec>(start.data(), n);
  Vec g(n), gt(n), trial(n);
  double fx = f.value_grad(x.data(), g.data());
  if (!std::isfinite(fx) || !g.allFinite()) return std::nullopt;
  double gn = g.norm();
  // Non-monotone acceptance, as in the 2-D search (critical.cpp): |∇f| may rise to twice its recent maximum.
  double recent[5] = {gn, gn, gn, gn, gn};
  int slot = 0;
  double mu = 0;  // Levenberg–Marquardt damping on the eigenvalues
  Eigen::SelfAdjointEigenSolver<Mat> eig(n);
  for (int it = 0; it < o.max_iterations && gn > o.gradient_tol; ++it) {
    eig.compute(hessian_at(f, x));
    const Vec& lam = eig.eigenvalues();
    const double lmax = lam.cwiseAbs().maxCoeff();
    // δ = −V diag(λ/(λ² + μ)) Vᵀ g: Newton's −H⁻¹g at μ = 0 (directions with λ = 0 dropped), a short
    // gradient-like step on |∇f|² for large μ.
    Vec c = eig.eigenvectors().transpose() * g;
    for (int i = 0; i < n; ++i) {
      const double den = lam(i) * lam(i) + mu;
      c(i) = (den > 1e-28 * lmax * lmax && den > 0) ? c(i) * lam(i) / den : 0.0;
    }
    Vec delta = -(eig.eigenvectors() * c);
    const double len = delta.norm();
    if (!(len > 0)) break;
    if (len > o.max_step) delta *= o.max_step / len;
    trial = x + delta;
    const double ft = f.value_grad(trial.data(), gt.data());
    const double gtn = gt.norm();
    const double ref = *std::max_element(recent, recent + 5);
    if (std::isfinite(ft) && std::isfinite(gtn) && gtn < 2 * ref && (mu == 0 || gtn < gn)) {
      x = trial;
      g = gt;
      fx = ft;
      gn = gtn;
      recent[slot] = gn;
      slot = (slot + 1) % 5;
      mu *= 0.1;
      if (mu < 1e-12 * lmax * lmax) mu = 0;
    } else {
      mu = std::max(mu * 10, 1e-6 * std::max(lmax * lmax, 1e-300));
    }
  }
  if (!(gn <= o.gradient_tol)) return std::nullopt;

  CriticalND c;
  c.x.assign(x.data(), x.data() + n);
  c.f = fx;
  c.grad_norm = gn;
  eig.compute(hessian_at(f, x), Eigen::EigenvaluesOnly);
  const Vec& lam = eig.eigenvalues();
  c.eigenvalues.assign(lam.data(), lam.data() + n);
  const double tol = o.eigen_tol * std::max(lam.cwiseAbs().maxCoeff(), 1e-300);
  for (int i = 0; i < n; ++i) {
    c.negative += lam(i) < -tol;
    c.zero += std::abs(lam(i)) <= tol;
  }
  c.index = static_cast<double>(c.negative) / n;
  return c;
}

NetworkCriticalResult network_critical_points(const Objective& loss, const std::vector<double>& center,
                                              const NetworkCriticalOptions& o, JobProgress* job) {
  ATTEND_ASSERT(static_cast<int>(center.size()) == loss.dim, "the centre must have the objective's dimension");
  NetworkCriticalResult res;
  SplitMix64 rng(o.seed);
  set_total(job, o.starts);
  for (int k = 0; k < o.starts; ++k) {
    if (cancelled(job)) {
      res.cancelled = true;
      break;
    }
    const double u = o.starts > 1 ? static_cast<double>(k) / (o.starts - 1) : 0.0;
    const double spread = o.spread_min * std::pow(o.spread_max / o.spread_min, u);
    std::vector<double> start(center);
    for (double& v : start) v += spread * rng.normal();
    ++res.starts;
    std::optional<CriticalND> c = newton_critical_nd(loss, std::move(start), o.newton);
    advance(job);
    if (!c) continue;
    ++res.converged;
    // The same point reached again (within 1e-6 relative) is one point.
    const Eigen::Map<const Vec> cx(c->x.data(), loss.dim);
    const bool seen = std::any_of(res.points.begin(), res.points.end(), [&](const CriticalND& p) {
      return (Eigen::Map<const Vec>(p.x.data(), loss.dim) - cx).norm() <= 1e-6 * (1 + cx.norm());
    });
    if (!seen) res.points.push_back(std::move(*c));
  }
  std::sort(res.points.begin(), res.points.end(), [](const CriticalND& a, const CriticalND& b) { return a.f < b.f; });
  return res;
}

}  // namespace attend::surface
