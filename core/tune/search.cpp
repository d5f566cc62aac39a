#include "core/tune/search.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::tune {
namespace {

double safe(double score) { return std::isfinite(score) ? score : std::numeric_limits<double>::max(); }

struct Runner {
  const Objective& f;
  Progress* progress;
  SearchResult result;

  bool cancelled() const { return progress && progress->cancel.load(); }
  double run(const std::vector<double>& x, double budget, int rung) {
    const double score = safe(f(x, budget));
    result.trials.push_back({x, budget, score, rung});
    result.total_budget += budget;
    // The best is the lowest score among the trials that got the largest budget: a configuration judged after a
    // short rung of successive halving is not comparable with one trained in full (every other method gives
    // all trials the same budget, so this is simply the lowest score).
    const Trial& t = result.trials.back();
    if (result.trials.size() == 1 || t.budget > result.best.budget ||
        (t.budget == result.best.budget && score < result.best.score))
      result.best = t;
    if (progress) progress->done.fetch_add(1);
    return score;
  }
  SearchResult finish() {
    result.cancelled = cancelled();
    return std::move(result);
  }
};

std::vector<double> random_unit(size_t dims, SplitMix64& rng) {
  std::vector<double> u(dims);
  for (double& v : u) v = rng.uniform();
  return u;
}

double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI); }
double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

}  // namespace

std::vector<double> from_unit(const std::vector<Param>& space, const std::vector<double>& u) {
  ATTEND_ASSERT(u.size() == space.size(), "one unit coordinate per parameter");
  std::vector<double> x(space.size());
  for (size_t i = 0; i < space.size(); ++i) {
    const Param& p = space[i];
    x[i] = p.log ? std::exp(std::log(p.lo) + u[i] * (std::log(p.hi) - std::log(p.lo))) : p.lo + u[i] * (p.hi - p.lo);
  }
  return x;
}

std::vector<double> to_unit(const std::vector<Param>& space, const std::vector<double>& x) {
  ATTEND_ASSERT(x.size() == space.size(), "one value per parameter");
  std::vector<double> u(space.size());
  for (size_t i = 0; i < space.size(); ++i) {
    const Param& p = space[i];
    u[i] = p.log ? (std::log(x[i]) - std::log(p.lo)) / (std::log(p.hi) - std::log(p.lo)) : (x[i] - p.lo) / (p.hi - p.lo);
  }
  return u;
}

SearchResult grid_search(const std::vector<Param>& space, int points, double budget, const Objective& f,
                         Progress* progress) {
  ATTEND_ASSERT(points >= 1 && !space.empty(), "a grid needs at least one point per axis and one axis");
  Runner r{f, progress, {}};
  size_t cells = 1;
  for (size_t i = 0; i < space.size(); ++i) cells *= static_cast<size_t>(points);
  if (progress) progress->total = static_cast<int>(cells);
  std::vector<double> u(space.size());
  for (size_t cell = 0; cell < cells && !r.cancelled(); ++cell) {
    size_t rest = cell;
    for (size_t d = 0; d < space.size(); ++d) {
      const size_t k = rest % static_cast<size_t>(points);
      rest /= static_cast<size_t>(points);
      u[d] = points == 1 ? 0.5 : static_cast<double>(k) / (points - 1);
    }
    r.run(from_unit(space, u), budget, 0);
  }
  return r.finish();
}

SearchResult random_search(const std::vector<Param>& space, int trials, double budget, uint64_t seed,
                           const Objective& f, Progress* progress) {
  Runner r{f, progress, {}};
  SplitMix64 rng(seed);
  if (progress) progress->total = trials;
  for (int t = 0; t < trials && !r.cancelled(); ++t) r.run(from_unit(space, random_unit(space.size(), rng)), budget, 0);
  return r.finish();
}

SearchResult successive_halving(const std::vector<Param>& space, const HalvingPlan& plan, uint64_t seed,
                                const Objective& f, Progress* progress) {
  ATTEND_ASSERT(plan.eta >= 2 && plan.configs >= 1, "successive halving needs eta >= 2 and at least one configuration");
  Runner r{f, progress, {}};
  SplitMix64 rng(seed);
  std::vector<std::vector<double>> alive;
  for (int i = 0; i < plan.configs; ++i) alive.push_back(from_unit(space, random_unit(space.size(), rng)));
  int planned = 0;
  for (int n = plan.configs; n >= 1; n /= plan.eta) {
    planned += n;
    if (n == 1) break;
  }
  if (progress) progress->total = planned;
  double budget = plan.min_budget;
  for (int rung = 0; !alive.empty() && !r.cancelled(); ++rung) {
    std::vector<std::pair<double, size_t>> scored;
    for (size_t i = 0; i < alive.size() && !r.cancelled(); ++i) scored.push_back({r.run(alive[i], budget, rung), i});
    if (alive.size() == 1 || budget >= plan.max_budget) break;
    std::sort(scored.begin(), scored.end());
    const size_t keep = std::max<size_t>(1, alive.size() / static_cast<size_t>(plan.eta));
    std::vector<std::vector<double>> next;
    for (size_t i = 0; i < keep && i < scored.size(); ++i) next.push_back(alive[scored[i].second]);
    alive.swap(next);
    budget = std::min(plan.max_budget, budget * plan.eta);
  }
  return r.finish();
}

SearchResult bayesian_optimisation(const std::vector<Param>& space, int initial, int iterations, double budget,
                                   uint64_t seed, const Objective& f, Progress* progress) {
  Runner r{f, progress, {}};
  SplitMix64 rng(seed);
  const size_t d = space.size();
  if (progress) progress->total = initial + iterations;
  std::vector<std::vector<double>> us;
  std::vector<double> ys;
  auto evaluate = [&](const std::vector<double>& u) {
    const double y = r.run(from_unit(space, u), budget, 0);
    us.push_back(u);
    ys.push_back(y);
  };
  for (int i = 0; i < initial && !r.cancelled(); ++i) evaluate(random_unit(d, rng));

  const double length = 0.25, noise = 1e-6;  // RBF length scale in the unit cube
  auto kernel = [&](const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    for (size_t k = 0; k < d; ++k) s += (a[k] - b[k]) * (a[k] - b[k]);
    return std::exp(-0.5 * s / (length * length));
  };
  for (int it = 0; it < iterations && !r.cancelled(); ++it) {
    const size_t n = us.size();
    // Standardise the observed losses (diverged runs are clipped to the worst finite value).
    std::vector<double> y(ys);
    double worst = -std::numeric_limits<double>::max();
    for (double v : y)
      if (v < std::numeric_limits<double>::max()) worst = std::max(worst, v);
    for (double& v : y)
      if (v == std::numeric_limits<double>::max()) v = worst;
    const double mean = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double var = 0;
    for (double v : y) var += (v - mean) * (v - mean);
    const double sd = std::sqrt(var / n) + 1e-12;
    Eigen::VectorXd yv(n);
    for (size_t i = 0; i < n; ++i) yv[i] = (y[i] - mean) / sd;
    Eigen::MatrixXd K(n, n);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) K(i, j) = kernel(us[i], us[j]) + (i == j ? noise : 0);
    Eigen::LLT<Eigen::MatrixXd> llt(K);
    const Eigen::VectorXd alpha = llt.solve(yv);
    const double best = yv.minCoeff();

    std::vector<double> best_u;
    double best_ei = -1;
    Eigen::VectorXd k(n);
    for (int c = 0; c < 2000; ++c) {
      std::vector<double> u = random_unit(d, rng);
      for (size_t i = 0; i < n; ++i) k[i] = kernel(u, us[i]);
      const double mu = k.dot(alpha);
      const double s2 = std::max(1e-12, 1.0 - k.dot(llt.solve(k)));
      const double s = std::sqrt(s2);
      const double z = (best - mu) / s;
      const double ei = (best - mu) * normal_cdf(z) + s * normal_pdf(z);
      if (ei > best_ei) {
        best_ei = ei;
        best_u = std::move(u);
      }
    }
    evaluate(best_u);
  }
  return r.finish();
}

}  // namespace attend::tune
