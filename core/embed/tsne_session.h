// t-SNE inside a train::Session: one step is one iteration, and every snapshot carries the current map, so
// the view animates the optimisation (≈ 3 ms per iteration at 5,000 points, far above the 20 per second the
// view needs).
//
//   auto lab = make_tsne_lab(X, n, dim, labels, TsneOptions{});
//   train::Session<TsneLab, TsneSnapshot> s(std::move(lab), tsne_hooks(), 0);
//   s.run();
//   auto snap = s.latest();      // snap->coords (n x dims), snap->iteration, snap->kl
//
// Hyperparameters by name: learning_rate, early_exaggeration, exaggeration_iters, momentum (the late one),
// theta, max_iter (0: no limit — the map keeps optimising until paused, as the Embedding Projector's does),
// perplexity (recomputes the affinities, keeps the map), dims (2 or 3: starts over), threads (from the next start).
// reset(seed) starts over (PCA start; the seed matters with init = Random). The affinities are computed
// once per reset, in the worker thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/embed/tsne.h"
#include "core/train/session.h"

namespace attend::embed {

struct TsneSnapshot {
  train::Progress progress;
  int iteration = 0;                // iterations done
  int max_iter = 1000;
  int n = 0, dims = 2;
  double kl = 0;                    // sklearn's estimate, refreshed every kl_every iterations (exaggerated early)
  double exaggeration = 1;          // in force for the next iteration
  double learning_rate = 0;
  double perplexity = 0;
  double grad_norm = 0;
  double mean_sigma = 0;
  bool finished = false;
  std::string error;                // why the map could not be made (bad input), else empty
  std::shared_ptr<const std::vector<float>> coords;        // n x dims
  std::shared_ptr<const std::vector<std::string>> labels;  // n, may be empty
};

struct TsneLab {
  std::shared_ptr<const std::vector<double>> input;  // n x dim
  int n = 0, dim = 0;
  std::shared_ptr<const std::vector<std::string>> labels;
  TsneOptions options;
  int max_iter = 1000;                // 0: no limit
  int kl_every = 50;

  std::unique_ptr<TsneState> state;
  double kl = 0;
  double grad_norm = 0;
  std::string error;
};

TsneLab make_tsne_lab(std::vector<double> X, int n, int dim, std::vector<std::string> labels, const TsneOptions& options);

// New input for a lab that exists (inside a session command: `s.post([=](TsneLab& lab) { tsne_lab_set_input(...); })`),
// then a fresh start on it: neighbours, affinities and the PCA start are computed there, on the worker thread.
void tsne_lab_set_input(TsneLab& lab, std::vector<double> X, int n, int dim, std::vector<std::string> labels);
bool tsne_lab_finished(const TsneLab& lab);
train::Session<TsneLab, TsneSnapshot>::Hooks tsne_hooks();

}  // namespace attend::embed
