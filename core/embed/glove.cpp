#include "core/embed/glove.h"

#include <algorithm>
#include <cmath>

#include "core/embed/worker_pool.h"
#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::embed {

namespace {

double weight_of(double x, const GloveOptions& o) { return x >= o.x_max ? 1.0 : std::pow(x / o.x_max, o.alpha); }

// glove.c's update for entry e; returns its cost ½ f·diff².
double train_entry(GloveModel& g, size_t e) {
  const int dim = g.dim;
  const int i = g.row[e], j = g.col[e];
  float* wi = &g.w[static_cast<size_t>(i) * dim];
  float* wj = &g.wc[static_cast<size_t>(j) * dim];
  float* gi = &g.gw[static_cast<size_t>(i) * dim];
  float* gj = &g.gwc[static_cast<size_t>(j) * dim];
  float dot = 0;
  for (int d = 0; d < dim; ++d) dot += wi[d] * wj[d];
  const float diff = dot + g.b[i] + g.bc[j] - g.log_x[e];
  float fdiff = g.weight[e] * diff;
  const double cost = 0.5 * fdiff * diff;
  if (!std::isfinite(cost)) return 0.0;  // glove.c skips NaN/inf updates the same way
  fdiff *= static_cast<float>(g.options.learning_rate);
  for (int d = 0; d < dim; ++d) {
    const float t1 = fdiff * wj[d];
    const float t2 = fdiff * wi[d];
    wi[d] -= t1 / std::sqrt(gi[d]);
    wj[d] -= t2 / std::sqrt(gj[d]);
    gi[d] += t1 * t1;
    gj[d] += t2 * t2;
  }
  g.b[i] -= fdiff / std::sqrt(g.gb[i]);
  g.bc[j] -= fdiff / std::sqrt(g.gbc[j]);
  g.gb[i] += fdiff * fdiff;
  g.gbc[j] += fdiff * fdiff;
  return cost;
}

}  // namespace

GloveModel glove_init(const SparseMatrix& counts, const GloveOptions& options) {
  ATTEND_ASSERT(counts.rows == counts.cols, "GloVe needs a square co-occurrence matrix");
  GloveModel g;
  g.options = options;
  g.vocab = counts.rows;
  g.dim = options.dim;
  SplitMix64 rng(options.seed);
  const size_t n = static_cast<size_t>(g.vocab) * g.dim;
  auto init = [&](std::vector<float>& v, size_t size) {
    v.resize(size);
    for (float& x : v) x = static_cast<float>((rng.uniform() - 0.5) / g.dim);
  };
  init(g.w, n);
  init(g.wc, n);
  init(g.b, g.vocab);
  init(g.bc, g.vocab);
  g.gw.assign(n, 1.0f);
  g.gwc.assign(n, 1.0f);
  g.gb.assign(g.vocab, 1.0f);
  g.gbc.assign(g.vocab, 1.0f);
  for (int r = 0; r < counts.rows; ++r)
    for (int64_t e = counts.indptr[r]; e < counts.indptr[r + 1]; ++e) {
      if (counts.values[e] <= 0) continue;
      g.row.push_back(r);
      g.col.push_back(counts.indices[e]);
      g.log_x.push_back(static_cast<float>(std::log(static_cast<double>(counts.values[e]))));
      g.weight.push_back(static_cast<float>(weight_of(counts.values[e], options)));
    }
  // One shuffle (Fisher–Yates), as glove.c's shuffle tool does before training.
  for (size_t k = g.row.size(); k > 1; --k) {
    const size_t s = rng.below(k);
    std::swap(g.row[k - 1], g.row[s]);
    std::swap(g.col[k - 1], g.col[s]);
    std::swap(g.log_x[k - 1], g.log_x[s]);
    std::swap(g.weight[k - 1], g.weight[s]);
  }
  return g;
}

double glove_train_range(GloveModel& g, size_t begin, size_t end, WorkerPool* pool) {
  end = std::min(end, g.row.size());
  if (begin >= end) return 0.0;
  const int parts = pool ? pool->threads() : 1;
  std::vector<double> cost(parts, 0.0);
  auto run = [&](int64_t p, int) {
    const size_t b = begin + (end - begin) * p / parts, e = begin + (end - begin) * (p + 1) / parts;
    double c = 0;
    for (size_t k = b; k < e; ++k) c += train_entry(g, k);
    cost[p] = c;
  };
  if (pool)
    pool->for_each(parts, run);
  else
    run(0, 0);
  double total = 0;
  for (double c : cost) total += c;
  return total;
}

double glove_epoch(GloveModel& g, WorkerPool* pool, TrainProgress* progress) {
  const size_t n = g.row.size();
  if (n == 0) return 0.0;
  const int parts = pool ? pool->threads() : 1;
  std::vector<double> cost(parts, 0.0);
  if (progress) {
    progress->total.store(static_cast<int64_t>(n));
    progress->done.store(0);
    progress->epoch.store(g.epoch);
    progress->learning_rate.store(static_cast<float>(g.options.learning_rate));
  }
  auto run = [&](int64_t p, int) {
    const size_t b = n * p / parts, e = n * (p + 1) / parts;
    double c = 0;
    for (size_t k = b; k < e; ++k) {
      c += train_entry(g, k);
      if (progress && (k - b) % 65536 == 65535) {
        progress->done.fetch_add(65536, std::memory_order_relaxed);
        if (progress->cancelled()) break;
      }
    }
    cost[p] = c;
  };
  if (pool)
    pool->for_each(parts, run);
  else
    run(0, 0);
  double total = 0;
  for (double c : cost) total += c;
  ++g.epoch;
  const double mean = total / static_cast<double>(n);
  if (progress) {
    progress->done.store(static_cast<int64_t>(n));
    progress->loss.store(mean);
    progress->epoch.store(g.epoch);
  }
  return mean;
}

Embeddings glove_embeddings(const GloveModel& g, const std::vector<std::string>& labels) {
  Embeddings e;
  e.rows = g.vocab;
  e.dim = g.dim;
  e.data.resize(g.w.size());
  for (size_t k = 0; k < g.w.size(); ++k) e.data[k] = g.w[k] + g.wc[k];
  e.labels = labels;
  e.labels.resize(e.rows);
  e.index_labels();
  return e;
}

double glove_entry_loss(const float* w, const float* wc, float b, float bc, double x, int dim,
                        const GloveOptions& options, float* grad_w, float* grad_wc, float* grad_b, float* grad_bc) {
  double dot = 0;
  for (int d = 0; d < dim; ++d) dot += static_cast<double>(w[d]) * wc[d];
  const double diff = dot + b + bc - std::log(x);
  const double f = weight_of(x, options);
  const double fdiff = f * diff;
  for (int d = 0; d < dim; ++d) {
    if (grad_w) grad_w[d] = static_cast<float>(fdiff * wc[d]);
    if (grad_wc) grad_wc[d] = static_cast<float>(fdiff * w[d]);
  }
  if (grad_b) *grad_b = static_cast<float>(fdiff);
  if (grad_bc) *grad_bc = static_cast<float>(fdiff);
  return 0.5 * f * diff * diff;
}

}  // namespace attend::embed
