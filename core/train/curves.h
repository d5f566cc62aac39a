// The numbers behind the training-curves view, kept out of the view: TensorBoard-style smoothing, runs
// grouped across seeds into a mean ± spread band with a min/max envelope, an outlier-ignoring y range, and
// CSV export. Every trainer in the app records a History (history.h); these functions read them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/train/history.h"
#include "core/util/result.h"

namespace attend::train {

// Exponential moving average with TensorBoard's debiasing (the first points are not pulled towards 0).
// weight in [0, 1): 0 returns the input; 0.99 is very smooth. NaN/inf points are passed through unsmoothed
// and do not poison later values.
std::vector<double> smooth_ema(const std::vector<double>& values, double weight);

// A run as the curves view lists it: a name, the hyperparameters it was trained with, and its history.
struct Run {
  std::string name;                        // "adam lr=0.003"
  std::string group;                       // runs with the same group are seeds of one configuration
  std::map<std::string, double> hyper;     // for side-by-side comparison
  uint64_t seed = 0;
  std::shared_ptr<const History> history;
};

// The hyperparameters on which two runs differ: name → (value in a, value in b); NaN where a run lacks it.
std::map<std::string, std::pair<double, double>> hyper_diff(const Run& a, const Run& b);

// Runs of one group on a common x grid (the union of their steps, resampled by linear interpolation).
struct Band {
  std::vector<double> x;
  std::vector<double> mean, lower, upper;  // mean ± one standard deviation
  std::vector<double> min, max;            // envelope
  int runs = 0;
};
Band aggregate(const std::vector<const Series*>& series, int points = 512);

// The y range that holds all but the most extreme `ignore_fraction` of points at each end (TensorBoard's
// "ignore outliers in chart scaling"); finite values only. Returns {0, 1} when there are none.
std::pair<double, double> robust_range(const std::vector<const Series*>& series, double ignore_fraction);

// One row per (run, series, point): run,series,step,wall_seconds,value — with a header.
std::string runs_to_csv(const std::vector<Run>& runs);

// Writes runs_to_csv atomically.
Status export_runs_csv(const std::vector<Run>& runs, const std::string& path);

}  // namespace attend::train
