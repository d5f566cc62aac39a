#include "core/experiments/attention_scaling.h"

#include <algorithm>
#include <cmath>

#include "core/tensor/attention_op.h"
#include "core/util/rng.h"

namespace attend::experiments {

namespace {

struct Inputs {
  tensor::Tensor q, k, v, g;  // queries×d, keys×d, keys×d, output gradient queries×d
};

Inputs make_inputs(const ScalingConfig& c, int d) {
  // One generator per d, so a d's numbers do not depend on which other dims were asked for.
  SplitMix64 rng(c.seed * 1000003ull + static_cast<uint64_t>(d));
  Inputs in{tensor::Tensor(c.queries, d), tensor::Tensor(c.keys, d), tensor::Tensor(c.keys, d),
            tensor::Tensor(c.queries, d)};
  tensor::fill_normal(in.q, rng, 0.f, 1.f);
  tensor::fill_normal(in.k, rng, 0.f, 1.f);
  tensor::fill_normal(in.v, rng, 0.f, 1.f);
  tensor::fill_normal(in.g, rng, 0.f, 1.f);
  return in;
}

// Runs the op on the inputs with `scale` (0: the op's own 1/√d), fills the record and dL/dQ.
void run_op(const ScalingConfig& c, const Inputs& in, int d, float scale, tensor::AttentionRecord& rec,
            tensor::Tensor& grad_q) {
  tensor::Tape t(true);
  tensor::Var q = t.input(c.queries, d, true);
  tensor::Var k = t.input(c.keys, d, true);
  tensor::Var v = t.input(c.keys, d, false);
  t.value_mut(q) = in.q;
  t.value_mut(k) = in.k;
  t.value_mut(v) = in.v;
  tensor::AttentionArgs a;
  a.q = q, a.k = k, a.v = v;
  a.batch = 1, a.tq = c.queries, a.tk = c.keys, a.heads = 1, a.dh = d;
  a.causal = c.causal;
  a.scale = scale;
  tensor::Var out = tensor::attention(t, a, &rec);
  t.backward(out, in.g);
  const tensor::Tensor* g = t.grad(q);
  grad_q = g ? *g : tensor::Tensor(c.queries, d);
}

SoftmaxStats stats_of(const tensor::AttentionRecord& r, const tensor::Tensor& grad_q) {
  SoftmaxStats s;
  double sum = 0, sum2 = 0;
  long n = 0;
  int rows = 0;
  for (int i = 0; i < r.tq; ++i) {
    int visible = 0;
    double entropy = 0, mx = 0, p2 = 0, p3 = 0;
    for (int j = 0; j < r.tk; ++j) {
      if (r.mask[static_cast<size_t>(i) * r.tk + j]) continue;
      ++visible;
      const double z = r.scaled_scores[r.score_index(0, 0, i, j)];
      sum += z, sum2 += z * z, ++n;
      const double p = r.weight(0, 0, i, j);
      if (p > 0) entropy -= p * std::log(p);
      mx = std::max(mx, p);
      p2 += p * p;
      p3 += p * p * p;
    }
    if (visible == 0) continue;
    ++rows;
    s.entropy += visible > 1 ? entropy / std::log(static_cast<double>(visible)) : 0.0;
    s.max_weight += mx;
    s.saturated += mx > 0.99 ? 1.0 : 0.0;
    s.jacobian += std::sqrt(std::max(0.0, p2 - 2 * p3 + p2 * p2));
  }
  if (rows > 0) {
    s.entropy /= rows, s.max_weight /= rows, s.saturated /= rows, s.jacobian /= rows;
  }
  if (n > 0) {
    const double mean = sum / n;
    s.score_sd = std::sqrt(std::max(0.0, sum2 / n - mean * mean));
  }
  s.grad_q = grad_q.size() > 0 ? tensor::l2_norm(grad_q) / std::sqrt(static_cast<double>(grad_q.size())) : 0.0;
  return s;
}

}  // namespace

std::vector<ScalingPoint> attention_scaling(const ScalingConfig& c) {
  std::vector<ScalingPoint> out;
  tensor::AttentionRecord rec;
  tensor::Tensor grad_q;
  for (int d : c.dims) {
    if (d < 1) continue;
    const Inputs in = make_inputs(c, d);
    ScalingPoint p;
    p.d = d;
    run_op(c, in, d, 0.f, rec, grad_q);
    p.scaled = stats_of(rec, grad_q);
    run_op(c, in, d, 1.f, rec, grad_q);
    p.unscaled = stats_of(rec, grad_q);
    out.push_back(p);
  }
  return out;
}

ScalingSample scaling_sample(const ScalingConfig& c, int d, int queries) {
  ScalingSample s;
  s.d = d;
  s.keys = c.keys;
  s.queries = std::clamp(queries, 1, c.queries);
  const Inputs in = make_inputs(c, d);
  tensor::AttentionRecord rec;
  tensor::Tensor grad_q;
  const size_t n = static_cast<size_t>(s.queries) * c.keys;
  run_op(c, in, d, 0.f, rec, grad_q);
  s.scaled.assign(rec.weights.begin(), rec.weights.begin() + static_cast<long>(n));
  run_op(c, in, d, 1.f, rec, grad_q);
  s.unscaled.assign(rec.weights.begin(), rec.weights.begin() + static_cast<long>(n));
  return s;
}

}  // namespace attend::experiments
