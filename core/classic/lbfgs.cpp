#include "core/classic/lbfgs.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "core/util/assert.h"

namespace attend::classic {
namespace {

// ---------------------------------------------------------------------------------------------------------
// MINPACK-2's dcstep and dcsrch (Moré & Thuente 1994), as L-BFGS-B 3.0 calls them. Kept line for line so the
// steps, and hence the iterates, are the ones scipy takes.

void dcstep(double& stx, double& fx, double& dx, double& sty, double& fy, double& dy, double& stp, double fp,
            double dp, bool& brackt, double stpmin, double stpmax) {
  const double sgnd = dp * (dx / std::abs(dx));
  double stpf;
  if (fp > fx) {  // a higher function value: the minimum is bracketed
    const double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    const double s = std::max({std::abs(theta), std::abs(dx), std::abs(dp)});
    double gamma = s * std::sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const double p = (gamma - dx) + theta;
    const double q = ((gamma - dx) + gamma) + dp;
    const double r = p / q;
    const double stpc = stx + r * (stp - stx);
    const double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2.0) * (stp - stx);
    stpf = std::abs(stpc - stx) < std::abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2.0;
    brackt = true;
  } else if (sgnd < 0.0) {  // lower value, derivatives of opposite sign: bracketed
    const double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    const double s = std::max({std::abs(theta), std::abs(dx), std::abs(dp)});
    double gamma = s * std::sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const double p = (gamma - dp) + theta;
    const double q = ((gamma - dp) + gamma) + dx;
    const double r = p / q;
    const double stpc = stp + r * (stx - stp);
    const double stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = std::abs(stpc - stp) > std::abs(stpq - stp) ? stpc : stpq;
    brackt = true;
  } else if (std::abs(dp) < std::abs(dx)) {  // same sign, derivative magnitude decreases
    const double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    const double s = std::max({std::abs(theta), std::abs(dx), std::abs(dp)});
    double gamma = s * std::sqrt(std::max(0.0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const double p = (gamma - dp) + theta;
    const double q = (gamma + (dx - dp)) + gamma;
    const double r = p / q;
    double stpc;
    if (r < 0.0 && gamma != 0.0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const double stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (brackt) {
      stpf = std::abs(stpc - stp) < std::abs(stpq - stp) ? stpc : stpq;
      if (stp > stx) stpf = std::min(stp + 0.66 * (sty - stp), stpf);
      else stpf = std::max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = std::abs(stpc - stp) > std::abs(stpq - stp) ? stpc : stpq;
      stpf = std::min(stpmax, stpf);
      stpf = std::max(stpmin, stpf);
    }
  } else {  // same sign, derivative does not decrease
    if (brackt) {
      const double theta = 3.0 * (fp - fy) / (sty - stp) + dy + dp;
      const double s = std::max({std::abs(theta), std::abs(dy), std::abs(dp)});
      double gamma = s * std::sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
      if (stp > sty) gamma = -gamma;
      const double p = (gamma - dp) + theta;
      const double q = ((gamma - dp) + gamma) + dy;
      const double r = p / q;
      stpf = stp + r * (sty - stp);
    } else if (stp > stx) {
      stpf = stpmax;
    } else {
      stpf = stpmin;
    }
  }
  if (fp > fx) {
    sty = stp, fy = fp, dy = dp;
  } else {
    if (sgnd < 0.0) sty = stx, fy = fx, dy = dx;
    stx = stp, fx = fp, dx = dp;
  }
  stp = stpf;
}

enum class Search { Fg, Converged, Warning, Error };

struct Dcsrch {
  double ftol = 1e-3, gtol = 0.9, xtol = 0.1, stpmin = 0, stpmax = 1e10;
  bool brackt = false;
  int stage = 1;
  double ginit = 0, gtest = 0, gx = 0, gy = 0, finit = 0, fx = 0, fy = 0;
  double stx = 0, sty = 0, stmin = 0, stmax = 0, width = 0, width1 = 0;

  Search start(double f, double g, double stp) {
    if (stp < stpmin || stp > stpmax || g >= 0.0) return Search::Error;
    brackt = false;
    stage = 1;
    finit = f, ginit = g, gtest = ftol * ginit;
    width = stpmax - stpmin;
    width1 = width / 0.5;
    stx = 0, fx = finit, gx = ginit;
    sty = 0, fy = finit, gy = ginit;
    stmin = 0;
    stmax = stp + 4.0 * stp;
    return Search::Fg;
  }

  // f, g: the function and directional derivative at stp; returns what to do, and the next stp.
  Search next(double f, double g, double& stp) {
    const double ftest = finit + stp * gtest;
    if (stage == 1 && f <= ftest && g >= 0.0) stage = 2;
    Search task = Search::Fg;
    if (brackt && (stp <= stmin || stp >= stmax)) task = Search::Warning;
    if (brackt && stmax - stmin <= xtol * stmax) task = Search::Warning;
    if (stp == stpmax && f <= ftest && g <= gtest) task = Search::Warning;
    if (stp == stpmin && (f > ftest || g >= gtest)) task = Search::Warning;
    if (f <= ftest && std::abs(g) <= gtol * (-ginit)) task = Search::Converged;
    if (task != Search::Fg) return task;

    if (stage == 1 && f <= fx && f > ftest) {
      double fm = f - stp * gtest, fxm = fx - stx * gtest, fym = fy - sty * gtest;
      double gm = g - gtest, gxm = gx - gtest, gym = gy - gtest;
      dcstep(stx, fxm, gxm, sty, fym, gym, stp, fm, gm, brackt, stmin, stmax);
      fx = fxm + stx * gtest, fy = fym + sty * gtest;
      gx = gxm + gtest, gy = gym + gtest;
    } else {
      dcstep(stx, fx, gx, sty, fy, gy, stp, f, g, brackt, stmin, stmax);
    }
    if (brackt) {
      if (std::abs(sty - stx) >= 0.66 * width1) stp = stx + 0.5 * (sty - stx);
      width1 = width;
      width = std::abs(sty - stx);
    }
    if (brackt) {
      stmin = std::min(stx, sty), stmax = std::max(stx, sty);
    } else {
      stmin = stp + 1.1 * (stp - stx);
      stmax = stp + 4.0 * (stp - stx);
    }
    stp = std::max(stp, stpmin);
    stp = std::min(stp, stpmax);
    if ((brackt && (stp <= stmin || stp >= stmax)) || (brackt && stmax - stmin <= xtol * stmax)) stp = stx;
    return Search::Fg;
  }
};

}  // namespace

LbfgsResult minimize_lbfgs(int n, const LbfgsObjective& fun, std::vector<double>& x_io, const LbfgsOptions& o) {
  ATTEND_ASSERT(static_cast<int>(x_io.size()) == n, "minimize_lbfgs: x has the wrong length");
  ATTEND_ASSERT(o.memory >= 1, "minimize_lbfgs: memory must be ≥ 1");
  using Vec = Eigen::VectorXd;
  const double eps = std::numeric_limits<double>::epsilon();
  const double tol = o.factr * eps;
  LbfgsResult res;
  Eigen::Map<Vec> x(x_io.data(), n);
  Vec g(n);
  double f = fun(x.data(), g.data());
  res.n_eval = 1;
  res.history.push_back(f);
  if (!std::isfinite(f)) {
    res.message = "the objective is not finite at the starting point";
    res.f = f;
    return res;
  }
  if (g.cwiseAbs().maxCoeff() <= o.pgtol) {
    res.converged = true;
    res.message = "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL";
    res.f = f;
    return res;
  }
  std::deque<Vec> S, Y;  // the last `memory` steps and gradient changes
  std::deque<double> SY;
  double theta = 1.0;    // B0 = theta·I, theta = yᵀy/sᵀy of the newest pair
  Vec d(n), t(n), r(n), q(n);
  std::vector<double> alpha_buf;
  while (true) {
    // Search direction: −H·g by the two-loop recursion (L-BFGS-B's subspace step when nothing is bounded);
    // with no pairs yet it is the Cauchy step −g/theta.
    q = -g;
    alpha_buf.assign(S.size(), 0.0);
    for (int k = static_cast<int>(S.size()) - 1; k >= 0; --k) {
      alpha_buf[k] = S[k].dot(q) / SY[k];
      q -= alpha_buf[k] * Y[k];
    }
    q /= theta;
    for (size_t k = 0; k < S.size(); ++k) q += S[k] * (alpha_buf[k] - Y[k].dot(q) / SY[k]);
    d = q;

    // Line search (lnsrlb): the first iteration starts at 1/‖d‖, later ones at 1.
    const double dnorm = d.norm();
    double stp = res.n_iter == 0 ? std::min(1.0 / dnorm, 1e10) : 1.0;
    t = x;
    r = g;
    const double fold = f;
    double gd = g.dot(d);
    const double gdold = gd;
    if (!(gd < 0.0)) {
      res.message = "ABNORMAL_TERMINATION_IN_LNSRCH: ascent direction";
      break;
    }
    Dcsrch ls;
    Search task = ls.start(f, gd, stp);
    int ifun = 0;
    bool failed = false;
    while (task == Search::Fg) {
      if (ifun >= o.max_line_search) {
        failed = true;
        break;
      }
      x = t + stp * d;
      f = fun(x.data(), g.data());
      ++res.n_eval;
      ++ifun;
      gd = g.dot(d);
      if (!std::isfinite(f)) {  // step too long into an overflow: shrink it (dcsrch cannot handle inf)
        stp *= 0.1;
        continue;
      }
      task = ls.next(f, gd, stp);
    }
    if (failed || task == Search::Error) {
      x = t, g = r, f = fold;
      if (S.empty()) {
        res.message = "ABNORMAL_TERMINATION_IN_LNSRCH";
        break;
      }
      S.clear(), Y.clear(), SY.clear();  // refresh the memory and restart, as L-BFGS-B does
      theta = 1.0;
      continue;
    }
    ++res.n_iter;
    res.history.push_back(f);
    if (g.cwiseAbs().maxCoeff() <= o.pgtol) {
      res.converged = true;
      res.message = "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL";
      break;
    }
    const double ddum = std::max({std::abs(fold), std::abs(f), 1.0});
    if (fold - f <= tol * ddum) {
      res.converged = true;
      res.message = "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH";
      break;
    }
    if (res.n_iter >= o.max_iter) {
      res.message = "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT";
      break;
    }
    // Update the pairs; skip when the curvature sᵀy is not safely positive.
    r = g - r;  // y
    const double rr = r.squaredNorm();
    const double dr = (gd - gdold) * stp;
    if (dr <= eps * (-gdold * stp)) continue;
    S.push_back(stp * d);
    Y.push_back(r);
    SY.push_back(dr);
    if (static_cast<int>(S.size()) > o.memory) S.pop_front(), Y.pop_front(), SY.pop_front();
    theta = rr / dr;
  }
  res.f = f;
  return res;
}

}  // namespace attend::classic
