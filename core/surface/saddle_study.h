// "Why saddles dominate in high dimensions" as one cancellable computation for the lab's saddles mode: the
// three measurements of saddles.h run one after the other with a progress bar across all three.
//   (a) GOE matrices: the fraction that are positive definite for d = 1…max_d, measured, beside the exact
//       probability (to d = 14) and the large-d law exp(−(ln 3/4)·d²);
//   (b) random functions of d variables: the fraction of their critical points that are minima;
//   (c) a tiny real network (2→3→1 tanh on XOR): its critical points, index against loss.
//
//   SaddleStudy s = run_saddle_study(SaddleStudySpec{}, &job);   // about a second on one core
#pragma once

#include <vector>

#include "core/surface/saddles.h"
#include "core/surface/small_mlp.h"

namespace attend::surface {

struct SaddleStudySpec {
  GoeOptions goe{8, 20000, 1};
  int exact_max_d = 14;             // the exact curve runs this far (NaN past 14)
  RandomFieldOptions field{6, 3, 100, 0, 2.0, 1};
  // (c): the network, its data (XOR quadrants, targets ±0.8 so tanh can reach them) and training.
  MlpShape net_shape{{2, 3, 1}, true};
  int net_points = 8;
  uint64_t net_seed = 5;
  int net_train_steps = 4000;
  double net_lr = 0.3;
  // Starts from close to far around the trained weights (the far ones reach the high-loss saddles).
  NetworkCriticalOptions net{120, 0.05, 2.5, 1, {}};
};

struct SaddleStudy {
  std::vector<GoeRow> goe;
  std::vector<double> exact;        // exact[d − 1] = P(all d eigenvalues > 0), d = 1…exact_max_d
  std::vector<RandomFieldRow> field;
  NetworkCriticalResult net;
  double net_trained_loss = 0;
  int net_parameters = 0;
  bool cancelled = false;
  int stage = 0;                    // parts finished: 1 GOE, 2 random functions, 3 network
};

// The XOR points the network part trains on.
Points2 saddle_study_net_data(const SaddleStudySpec& spec);

SaddleStudy run_saddle_study(const SaddleStudySpec& spec, JobProgress* job = nullptr);

}  // namespace attend::surface
