#include "core/experiments/drift.h"

#include <algorithm>
#include <cmath>
#include <deque>

#include "core/classic/logistic.h"
#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::experiments {

double population_stability_index(const std::vector<double>& reference, const std::vector<double>& current, int bins) {
  ATTEND_ASSERT(bins >= 2, "PSI: need at least two bins");
  ATTEND_ASSERT(!reference.empty() && !current.empty(), "PSI: both samples must be non-empty");
  std::vector<double> ref = reference;
  std::sort(ref.begin(), ref.end());
  std::vector<double> edges;  // inner edges: the reference's quantiles
  for (int b = 1; b < bins; ++b) edges.push_back(ref[static_cast<size_t>(b * ref.size() / bins)]);
  auto shares = [&](const std::vector<double>& v) {
    std::vector<double> c(static_cast<size_t>(bins), 0.0);
    for (double x : v) c[static_cast<size_t>(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin())] += 1;
    for (double& s : c) s = std::max(s / static_cast<double>(v.size()), 1e-4);
    return c;
  };
  const std::vector<double> r = shares(reference), c = shares(current);
  double psi = 0;
  for (int b = 0; b < bins; ++b) psi += (c[b] - r[b]) * std::log(c[b] / r[b]);
  return psi;
}

KsTest ks_two_sample(std::vector<double> a, std::vector<double> b) {
  ATTEND_ASSERT(!a.empty() && !b.empty(), "KS test: both samples must be non-empty");
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
    d = std::max(d, std::abs(i / na - j / nb));
  }
  KsTest t;
  t.statistic = d;
  const double ne = std::sqrt(na * nb / (na + nb));
  const double lambda = (ne + 0.12 + 0.11 / ne) * d;  // Stephens' correction (Numerical Recipes, probks)
  double sum = 0, sign = 1;
  for (int k = 1; k <= 100; ++k) {
    const double term = sign * std::exp(-2.0 * k * k * lambda * lambda);
    sum += term;
    if (std::abs(term) < 1e-10 * std::abs(sum) || std::abs(term) < 1e-300) break;
    sign = -sign;
  }
  t.p_value = lambda < 1e-3 ? 1.0 : std::clamp(2.0 * sum, 0.0, 1.0);
  return t;
}

namespace {

struct Labelled {
  double x0, x1;
  int y;
};

// The world at step t: class means ±(distance/2) along an axis that turns, both slid along a fixed direction.
struct World {
  const DriftSetup& s;
  double shift(int t) const { return t < s.drift_start ? 0.0 : s.shift_per_step * (t - s.drift_start); }
  double angle(int t) const { return t < s.drift_start ? 0.0 : s.turn_per_step * (t - s.drift_start); }
  Labelled draw(int t, SplitMix64& g) const {
    const int y = g.uniform() < 0.5 ? 1 : 0;
    const double a = angle(t), h = s.class_distance / 2 * (y ? 1 : -1);
    const double sh = shift(t);
    return {h * std::cos(a) + 0.6 * sh + g.normal(), h * std::sin(a) + 0.8 * sh + g.normal(), y};
  }
};

classic::LogisticModel train(const std::deque<Labelled>& data) {
  classic::Matrix X(static_cast<int>(data.size()), 2);
  std::vector<int> y;
  for (size_t i = 0; i < data.size(); ++i) {
    X(static_cast<int>(i), 0) = data[i].x0;
    X(static_cast<int>(i), 1) = data[i].x1;
    y.push_back(data[i].y);
  }
  classic::LogisticOptions o;
  o.solver = classic::LogisticSolver::Newton;
  return classic::fit_logistic(X, y, o).value().model;
}

double score(const classic::LogisticModel& m, double x0, double x1) {
  return m.coef(0, 0) * x0 + m.coef(0, 1) * x1 + m.intercept[0];
}

}  // namespace

DriftRun simulate_drift(const DriftSetup& s) {
  ATTEND_ASSERT(s.steps >= 1 && s.batch >= 10 && s.train_size >= 10, "simulate_drift: steps ≥ 1, batch and "
                                                                      "train_size ≥ 10");
  SplitMix64 g(s.seed);
  const World w{s};
  std::deque<Labelled> initial;
  for (int i = 0; i < s.train_size; ++i) initial.push_back(w.draw(0, g));
  const classic::LogisticModel fixed = train(initial);
  classic::LogisticModel monitored = fixed;
  std::vector<double> reference, ref_x0, ref_x1;
  auto set_reference = [&](const std::deque<Labelled>& data) {
    reference.clear(), ref_x0.clear(), ref_x1.clear();
    for (const Labelled& p : data) {
      reference.push_back(score(monitored, p.x0, p.x1));
      ref_x0.push_back(p.x0);
      ref_x1.push_back(p.x1);
    }
  };
  set_reference(initial);
  std::deque<Labelled> recent = initial;  // labels arrive with each batch
  DriftRun run;
  int quiet_until = -1;
  for (int t = 0; t < s.steps; ++t) {
    DriftStep st;
    st.t = t;
    st.shift = w.shift(t);
    std::vector<double> scores, x0, x1;
    int ok_fixed = 0, ok_mon = 0;
    std::vector<Labelled> batch;
    for (int i = 0; i < s.batch; ++i) {
      const Labelled p = w.draw(t, g);
      batch.push_back(p);
      x0.push_back(p.x0);
      x1.push_back(p.x1);
      ok_fixed += (score(fixed, p.x0, p.x1) > 0 ? 1 : 0) == p.y;
      const double sc = score(monitored, p.x0, p.x1);
      ok_mon += (sc > 0 ? 1 : 0) == p.y;
      scores.push_back(sc);
    }
    st.accuracy_static = static_cast<double>(ok_fixed) / s.batch;
    st.accuracy_monitored = static_cast<double>(ok_mon) / s.batch;
    st.psi = std::max(population_stability_index(ref_x0, x0), population_stability_index(ref_x1, x1));
    st.psi_score = population_stability_index(reference, scores);
    const KsTest ks = ks_two_sample(reference, scores);
    st.ks_statistic = ks.statistic;
    st.ks_p = ks.p_value;
    st.alarm = t > quiet_until && (st.psi > s.psi_threshold || st.ks_p < s.ks_alpha);
    for (const Labelled& p : batch) recent.push_back(p);
    while (static_cast<int>(recent.size()) > s.retrain_window) recent.pop_front();
    if (st.alarm) {
      run.alarms.push_back(t);
      if (run.first_alarm < 0) run.first_alarm = t;
      monitored = train(recent);
      set_reference(recent);
      st.retrained = true;
      run.retrains.push_back(t);
      quiet_until = t + s.cooldown;
    }
    run.steps.push_back(st);
  }
  return run;
}

}  // namespace attend::experiments
