// Empirical risk minimisation (topic 16) on a distribution we know exactly, so the true risk of every
// hypothesis is a formula and can be drawn next to the empirical risk a sample gives:
//   x ~ Uniform[0, 1], y = [x > θ*] with the label flipped with probability η (noise).
//   H = {h_t(x) = [x > t] : t = 0, 1/(K−1), …, 1}, a finite class of K thresholds; 0-1 loss.
//   True risk of h_t:  R(t) = η + (1 − 2η)·|t − θ*|.
// ERM picks the threshold with the smallest empirical risk (ties: the smallest t). As the sample grows the
// empirical curve approaches the true one, and the true risk of the ERM choice approaches the best in H;
// the uniform-convergence bound sup_t |R̂(t) − R(t)| ≤ √(ln(2K/δ)/(2n)) holds with probability ≥ 1 − δ.
//
//   ErmSetup s;  ErmCurve c = erm_on_sample(s, draw_erm_sample(s, 50, seed));   // two curves and a pick
//   ErmLearningCurve lc = erm_learning_curve(s, {10, 30, 100, 300, 1000}, 200, seed);
#pragma once

#include <cstdint>
#include <vector>

namespace attend::experiments {

struct ErmSetup {
  double theta_star = 0.35;  // the Bayes-optimal threshold
  double noise = 0.1;        // η, the label-flip probability (the Bayes risk)
  int n_hypotheses = 41;     // K thresholds evenly spaced on [0, 1]
};

double erm_threshold(const ErmSetup& s, int k);   // t_k
double erm_true_risk(const ErmSetup& s, double t);

struct ErmSample {
  std::vector<double> x;
  std::vector<int> y;
};
ErmSample draw_erm_sample(const ErmSetup& s, int n, uint64_t seed);

struct ErmCurve {
  std::vector<double> thresholds, empirical, true_risk;  // one per hypothesis
  int erm_index = 0;                                     // argmin of empirical (first on ties)
  double erm_empirical = 0, erm_true = 0;
  double best_true = 0;                                  // min over H of the true risk
  double max_deviation = 0;                              // sup_t |empirical − true|
};
ErmCurve erm_on_sample(const ErmSetup& s, const ErmSample& sample);

struct ErmLearningCurve {
  std::vector<int> sizes;
  std::vector<double> mean_empirical;   // E[R̂(ĥ)]: optimistic, below the true risk of ĥ
  std::vector<double> mean_true;        // E[R(ĥ)]
  std::vector<double> mean_excess;      // E[R(ĥ)] − min R
  std::vector<double> mean_deviation;   // E[sup |R̂ − R|]
  std::vector<double> bound;            // √(ln(2K/δ)/(2n))
  std::vector<double> bound_violations; // fraction of repeats with sup |R̂ − R| above the bound (≤ δ)
  double best_true = 0, delta = 0.05;
};
ErmLearningCurve erm_learning_curve(const ErmSetup& s, const std::vector<int>& sizes, int repeats, uint64_t seed,
                                    double delta = 0.05);

}  // namespace attend::experiments
