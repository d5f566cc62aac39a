// The fused attention op against the same computation composed from simple ops, its internals record,
// masks, and finite-difference gradients.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/tensor/attention_op.h"
#include "core/tensor/ops.h"
#include "tensor_test_util.h"

using namespace attend;
using namespace attend::tensor;
using namespace attend::tensor::testing;

namespace {
constexpr float kInf = std::numeric_limits<float>::infinity();

// Self-attention from a fused (B·T)×3d projection, composed from split/bmm/mask/softmax/merge.
Var composed_attention(Tape& t, Var qkv, int batch, int seq, int heads, int d, const std::vector<uint8_t>& causal) {
  Var q = split_heads(t, slice_cols(t, qkv, 0, d), batch, seq, heads);
  Var k = split_heads(t, slice_cols(t, qkv, d, d), batch, seq, heads);
  Var v = split_heads(t, slice_cols(t, qkv, 2 * d, d), batch, seq, heads);
  Var s = scale(t, bmm(t, q, k, batch * heads, true), 1.f / std::sqrt(static_cast<float>(d / heads)));
  Var p = softmax(t, masked_fill(t, s, causal, seq, -kInf));
  return merge_heads(t, bmm(t, p, v, batch * heads, false), batch, seq, heads);
}
}  // namespace

TEST_CASE("fused causal self-attention equals the composed ops, forward and backward") {
  const int B = 2, T = 5, H = 2, d = 8;
  Parameter qkv = random_param("qkv", B * T, 3 * d, 101);
  std::vector<uint8_t> causal;
  causal_mask(T, causal);
  AttentionArgs a;
  a.batch = B, a.tq = T, a.tk = T, a.heads = H, a.dh = d / H, a.causal = true;
  a.k_col = d, a.v_col = 2 * d;

  Tape t1, t2;
  Var x1 = t1.param(qkv);
  a.q = a.k = a.v = x1;
  Var fused = attention(t1, a);
  Var x2 = t2.param(qkv);
  Var composed = composed_attention(t2, x2, B, T, H, d, causal);
  CHECK(max_abs_diff(t1.value(fused), t2.value(composed)) < 1e-6);

  Tensor seed(B * T, d);
  SplitMix64 rng(4);
  fill_uniform(seed, rng, -1, 1);
  zero_grad({&qkv});
  t1.backward(fused, seed);
  Tensor g1 = qkv.grad;
  zero_grad({&qkv});
  t2.backward(composed, seed);
  INFO("max grad difference " << max_abs_diff(g1, qkv.grad));
  CHECK(max_abs_diff(g1, qkv.grad) < 1e-5);

  CHECK_GRADIENTS((ParamList{&qkv}), [&](Tape& t) {
    AttentionArgs b = a;
    b.q = b.k = b.v = t.param(qkv);
    return attention(t, b);
  });
}

TEST_CASE("cross-attention with key padding: separate q and kv inputs, gradient check, record") {
  const int B = 2, Tq = 3, Tk = 4, H = 2, dh = 3;
  Parameter q = random_param("q", B * Tq, H * dh, 111), kv = random_param("kv", B * Tk, 2 * H * dh, 112);
  const std::vector<uint8_t> pad = {0, 0, 0, 1,   // batch 0: last key is padding
                                    0, 0, 1, 1};  // batch 1: last two
  auto build = [&](Tape& t, AttentionRecord* rec) {
    AttentionArgs a;
    a.q = t.param(q);
    a.k = a.v = t.param(kv);
    a.k_col = 0, a.v_col = H * dh;
    a.batch = B, a.tq = Tq, a.tk = Tk, a.heads = H, a.dh = dh;
    a.key_padding = &pad;
    return attention(t, a, rec);
  };
  CHECK_GRADIENTS((ParamList{&q, &kv}), [&](Tape& t) { return build(t, nullptr); });

  Tape t;
  AttentionRecord rec;
  Var out = build(t, &rec);
  CHECK(rec.batch == B);
  CHECK(rec.tq == Tq);
  CHECK(rec.tk == Tk);
  CHECK(rec.scale == doctest::Approx(1 / std::sqrt(3.0)));
  // Batch 1, head 1, query 2: raw = q·k, scaled = raw/√3, padding keys masked to -inf with weight 0.
  const int b = 1, h = 1, i = 2;
  double raw = 0;
  for (int dd = 0; dd < dh; ++dd) raw += q.value(b * Tq + i, h * dh + dd) * kv.value(b * Tk + 1, h * dh + dd);
  CHECK(rec.raw_scores[rec.score_index(b, h, i, 1)] == doctest::Approx(raw).epsilon(1e-5));
  CHECK(rec.scaled_scores[rec.score_index(b, h, i, 1)] == doctest::Approx(raw / std::sqrt(3.0)).epsilon(1e-5));
  CHECK(std::isinf(rec.masked_scores[rec.score_index(b, h, i, 2)]));
  CHECK(rec.weight(b, h, i, 2) == 0.f);
  CHECK(rec.weight(b, h, i, 3) == 0.f);
  CHECK(rec.weight(b, h, i, 0) + rec.weight(b, h, i, 1) == doctest::Approx(1.f));
  CHECK(rec.mask[(static_cast<size_t>(b) * Tq + i) * Tk + 2] == 1);
  CHECK(rec.q[rec.qkv_index(b, h, i, 1, Tq)] == q.value(b * Tq + i, h * dh + 1));
  CHECK(rec.v[rec.qkv_index(b, h, 3, 2, Tk)] == kv.value(b * Tk + 3, H * dh + h * dh + 2));
  // The output row is the weighted sum of value rows.
  double o = 0;
  for (int j = 0; j < Tk; ++j) o += rec.weight(b, h, i, j) * kv.value(b * Tk + j, H * dh + h * dh + 0);
  CHECK(t.value(out)(b * Tq + i, h * dh) == doctest::Approx(o).epsilon(1e-5));
}

TEST_CASE("a fully masked query row attends to nothing and passes no gradient") {
  Parameter qkv = random_param("qkv", 2, 6, 121);
  const std::vector<uint8_t> pad = {1, 1};
  Tape t;
  AttentionArgs a;
  a.q = a.k = a.v = t.param(qkv);
  a.k_col = 2, a.v_col = 4, a.tq = 2, a.tk = 2, a.dh = 2;
  a.key_padding = &pad;
  Var y = attention(t, a);
  for (float v : t.value(y).data) CHECK(v == 0.f);
  Tensor seed(2, 2, 1.f);
  t.backward(y, seed);
  for (float g : qkv.grad.data) CHECK(g == 0.f);
}
