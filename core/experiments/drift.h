// The production cycle's monitoring step (topic 31): a model trained on yesterday's data meets a world that
// moves. Two Gaussian classes in 2-D; from `drift_start` on, both class means slide along a direction and
// the pair turns a little each step, so the inputs shift (covariate drift) and the best boundary moves
// (concept drift). Each step a batch arrives:
//   - the deployed model, never retrained, is scored on it (its accuracy decays);
//   - a monitor compares the batch with the data the model was trained on: the population stability index
//     of each input feature (PSI > 0.2 is the usual "act now") and a two-sample Kolmogorov–Smirnov test on
//     the model's scores (p < α); either raises an alarm;
//   - a second, monitored model is retrained on the most recent labelled points whenever the alarm fires,
//     and its accuracy recovers.
// The same seed gives the same run.
#pragma once

#include <cstdint>
#include <vector>

namespace attend::experiments {

// PSI between a reference sample and a current one, over `bins` quantile bins of the reference; an empty
// bin counts as a share of 1e-4 so the logarithm stays finite.
double population_stability_index(const std::vector<double>& reference, const std::vector<double>& current,
                                  int bins = 10);

struct KsTest {
  double statistic = 0;  // sup |F_a − F_b|
  double p_value = 1;    // asymptotic Kolmogorov distribution with the small-sample correction
};
KsTest ks_two_sample(std::vector<double> a, std::vector<double> b);

struct DriftSetup {
  int steps = 60;
  int batch = 200;
  int train_size = 1000;
  int drift_start = 10;
  double shift_per_step = 0.06;   // how far the means slide each step (in units of the class spread)
  double turn_per_step = 0.03;    // radians the class axis turns each step
  double class_distance = 2.0;    // distance between the class means at the start
  double psi_threshold = 0.2;
  double ks_alpha = 0.01;
  int retrain_window = 600;       // the most recent labelled points the monitored model retrains on
  int cooldown = 3;               // steps after a retrain before the monitor may fire again
  uint64_t seed = 0;
};

struct DriftStep {
  int t = 0;
  double accuracy_static = 0;     // the model trained once at t = 0
  double accuracy_monitored = 0;  // the model retrained on alarms
  double psi = 0;                 // the largest PSI over the input features, batch vs training data
  double psi_score = 0;           // PSI of the monitored model's scores
  double ks_statistic = 0, ks_p = 1;
  bool alarm = false;
  bool retrained = false;         // the monitored model was retrained after this step's batch
  double shift = 0;               // how far the means have moved
};

struct DriftRun {
  std::vector<DriftStep> steps;
  std::vector<int> alarms, retrains;
  int first_alarm = -1;
};
DriftRun simulate_drift(const DriftSetup& s);

}  // namespace attend::experiments
