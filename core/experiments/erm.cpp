#include "core/experiments/erm.h"

#include <algorithm>
#include <cmath>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::experiments {

double erm_threshold(const ErmSetup& s, int k) {
  ATTEND_ASSERT(s.n_hypotheses >= 2, "ERM: the class needs at least two thresholds");
  return static_cast<double>(k) / (s.n_hypotheses - 1);
}

double erm_true_risk(const ErmSetup& s, double t) { return s.noise + (1 - 2 * s.noise) * std::abs(t - s.theta_star); }

ErmSample draw_erm_sample(const ErmSetup& s, int n, uint64_t seed) {
  ATTEND_ASSERT(n >= 0, "ERM: the sample size must be ≥ 0");
  SplitMix64 g(seed);
  ErmSample out;
  out.x.reserve(static_cast<size_t>(n));
  out.y.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double x = g.uniform();
    int y = x > s.theta_star ? 1 : 0;
    if (g.uniform() < s.noise) y = 1 - y;
    out.x.push_back(x);
    out.y.push_back(y);
  }
  return out;
}

ErmCurve erm_on_sample(const ErmSetup& s, const ErmSample& sample) {
  ErmCurve c;
  const int K = s.n_hypotheses;
  const double n = static_cast<double>(sample.x.size());
  c.best_true = 1e300;
  for (int k = 0; k < K; ++k) {
    const double t = erm_threshold(s, k);
    int wrong = 0;
    for (size_t i = 0; i < sample.x.size(); ++i) wrong += (sample.x[i] > t ? 1 : 0) != sample.y[i];
    const double emp = n > 0 ? wrong / n : 0.0;
    const double tr = erm_true_risk(s, t);
    c.thresholds.push_back(t);
    c.empirical.push_back(emp);
    c.true_risk.push_back(tr);
    c.best_true = std::min(c.best_true, tr);
    c.max_deviation = std::max(c.max_deviation, std::abs(emp - tr));
  }
  c.erm_index = static_cast<int>(std::min_element(c.empirical.begin(), c.empirical.end()) - c.empirical.begin());
  c.erm_empirical = c.empirical[static_cast<size_t>(c.erm_index)];
  c.erm_true = c.true_risk[static_cast<size_t>(c.erm_index)];
  return c;
}

ErmLearningCurve erm_learning_curve(const ErmSetup& s, const std::vector<int>& sizes, int repeats, uint64_t seed,
                                    double delta) {
  ATTEND_ASSERT(repeats >= 1, "ERM: repeats must be ≥ 1");
  ATTEND_ASSERT(delta > 0 && delta < 1, "ERM: delta must lie in (0, 1)");
  ErmLearningCurve lc;
  lc.sizes = sizes;
  lc.delta = delta;
  SplitMix64 seeds(seed);
  for (int n : sizes) {
    double emp = 0, tr = 0, ex = 0, dev = 0, viol = 0;
    const double bound = std::sqrt(std::log(2.0 * s.n_hypotheses / delta) / (2.0 * std::max(n, 1)));
    for (int r = 0; r < repeats; ++r) {
      const ErmCurve c = erm_on_sample(s, draw_erm_sample(s, n, seeds.next()));
      emp += c.erm_empirical;
      tr += c.erm_true;
      ex += c.erm_true - c.best_true;
      dev += c.max_deviation;
      viol += c.max_deviation > bound;
      lc.best_true = c.best_true;
    }
    lc.mean_empirical.push_back(emp / repeats);
    lc.mean_true.push_back(tr / repeats);
    lc.mean_excess.push_back(ex / repeats);
    lc.mean_deviation.push_back(dev / repeats);
    lc.bound.push_back(bound);
    lc.bound_violations.push_back(viol / repeats);
  }
  return lc;
}

}  // namespace attend::experiments
