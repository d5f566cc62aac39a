// GloVe (Pennington, Socher & Manning 2014): weighted least squares on the log co-occurrence counts,
//   J = Σ_{ij: X_ij > 0} ½ f(X_ij) (w_iᵀ w̃_j + b_i + b̃_j − log X_ij)²,   f(x) = min(1, (x / x_max)^α)
// trained with AdaGrad over the non-zero entries in a fixed shuffled order, as the reference glove.c does
// (accumulators start at 1; each step uses the accumulator before adding the new squared gradient). The
// word vectors reported are w + w̃, glove.c's default output.
//
//   GloveModel g = glove_init(cooccurrence(...), GloveOptions{});
//   for (int e = 0; e < 25; ++e) double cost = glove_epoch(g, &pool);   // mean ½ f·diff² per entry
//   Embeddings v = glove_embeddings(g, vocab.words);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/embed/cooccurrence.h"
#include "core/embed/embeddings.h"
#include "core/embed/train_progress.h"

namespace attend::embed {

class WorkerPool;

struct GloveOptions {
  int dim = 50;
  double x_max = 100;
  double alpha = 0.75;
  double learning_rate = 0.05;
  uint64_t seed = 0;
};

struct GloveModel {
  GloveOptions options;
  int vocab = 0, dim = 0;
  std::vector<float> w, wc;        // vocab x dim: word and context vectors
  std::vector<float> b, bc;        // vocab: biases
  std::vector<float> gw, gwc, gb, gbc;  // AdaGrad's running sums of squared gradients
  std::vector<int32_t> row, col;   // the non-zero entries, shuffled
  std::vector<float> log_x, weight;  // log X_ij and f(X_ij) per entry
  int epoch = 0;
};

GloveModel glove_init(const SparseMatrix& counts, const GloveOptions& options);

// Entries [begin, end) of the shuffled order, split among the pool's threads (Hogwild); returns their summed
// cost. A session trains an epoch in such slices so the view stays live.
double glove_train_range(GloveModel& g, size_t begin, size_t end, WorkerPool* pool = nullptr);

// One pass over every entry, split among the pool's threads (Hogwild). Returns the mean cost per entry.
double glove_epoch(GloveModel& g, WorkerPool* pool = nullptr, TrainProgress* progress = nullptr);

Embeddings glove_embeddings(const GloveModel& g, const std::vector<std::string>& labels);

// One entry's cost ½ f(x)(wᵀw̃ + b + b̃ − log x)² and, when the pointers are set, its gradients
// (f·diff·w̃, f·diff·w, f·diff, f·diff). For the gradient tests.
double glove_entry_loss(const float* w, const float* wc, float b, float bc, double x, int dim,
                        const GloveOptions& options, float* grad_w = nullptr, float* grad_wc = nullptr,
                        float* grad_b = nullptr, float* grad_bc = nullptr);

}  // namespace attend::embed
