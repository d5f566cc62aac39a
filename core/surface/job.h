// Progress and cancellation shared between a long computation on a worker thread (a loss slice, the
// saddle experiments) and the UI that shows a progress bar and a Cancel button.
//
//   JobProgress job;
//   std::thread t([&] { result = loss_slice_2d(model, d1, d2, 41, 1.0, &job); });
//   ui: bar(job.fraction()); if (cancel_clicked) job.cancel = true;
#pragma once

#include <atomic>

namespace attend::surface {

struct JobProgress {
  std::atomic<int> done{0};
  std::atomic<int> total{0};
  std::atomic<bool> cancel{false};
  // A computation of several parts (train, then slice, then interpolate) counts its parts here, so one bar
  // can cover them all: each part resets done/total, overall() adds the parts already finished.
  std::atomic<int> stage{0};
  std::atomic<int> stages{1};
  double fraction() const {
    const int t = total.load();
    return t > 0 ? static_cast<double>(done.load()) / t : 0.0;
  }
  double overall() const {
    const int n = stages.load();
    return n > 0 ? (stage.load() + fraction()) / n : fraction();
  }
};

// Helpers for the computations: null-safe.
inline bool cancelled(const JobProgress* p) { return p && p->cancel.load(std::memory_order_relaxed); }
inline void set_total(JobProgress* p, int total) {
  if (p) {
    p->done = 0;
    p->total = total;
  }
}
inline void advance(JobProgress* p, int n = 1) {
  if (p) p->done.fetch_add(n, std::memory_order_relaxed);
}
inline void set_stage(JobProgress* p, int stage, int stages) {
  if (p) {
    p->stages = stages;
    p->stage = stage;
  }
}

}  // namespace attend::surface
