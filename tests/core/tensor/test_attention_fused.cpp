// The fused per-head attention kernels (attention_fused.h) against the per-head sgemm path they replace:
// forward values and weights, gradients of q, k and v, and finite differences. Shapes cover the reference
// transformer's (T 32, 16-wide heads), key counts that are not whole vectors, more keys than queries,
// key padding, wide heads and a partial block of rows.
#include <doctest/doctest.h>

#include <vector>

#include "core/tensor/attention_fused.h"
#include "core/tensor/attention_op.h"
#include "tensor_test_util.h"

using namespace attend;
using namespace attend::tensor;
using namespace attend::tensor::testing;

namespace {

struct Shape {
  int batch, tq, tk, heads, dh;
  bool causal;
  bool padded;
};

// Runs attention on separate q and kv inputs (or one fused qkv when tq == tk and not `separate`), with or
// without the fused kernels; returns the output and the three input gradients for a fixed seed gradient.
struct Run {
  Tensor out, weights, gq, gk;
};

Run run(const Shape& s, bool unfused, bool fused_qkv) {
  const int w = s.heads * s.dh;
  Parameter q = random_param("q", s.batch * s.tq, fused_qkv ? 3 * w : w, 201);
  Parameter kv = random_param("kv", s.batch * s.tk, 2 * w, 202);
  std::vector<uint8_t> pad(static_cast<size_t>(s.batch) * s.tk, 0);
  if (s.padded)
    for (int b = 0; b < s.batch; ++b)
      for (int j = s.tk - 1 - b; j < s.tk; ++j) pad[static_cast<size_t>(b) * s.tk + j] = 1;  // b + 1 pads
  Tape t;
  AttentionArgs a;
  a.batch = s.batch, a.tq = s.tq, a.tk = s.tk, a.heads = s.heads, a.dh = s.dh, a.causal = s.causal;
  a.key_padding = s.padded ? &pad : nullptr;
  a.unfused = unfused;
  if (fused_qkv) {
    a.q = a.k = a.v = t.param(q);
    a.k_col = w, a.v_col = 2 * w;
  } else {
    a.q = t.param(q);
    a.k = a.v = t.param(kv);
    a.v_col = w;
  }
  Var y = attention(t, a);
  Tensor seed(s.batch * s.tq, w);
  SplitMix64 rng(7);
  fill_uniform(seed, rng, -1, 1);
  zero_grad({&q, &kv});
  t.backward(y, seed);
  Run r;
  r.out = t.value(y);
  r.weights = t.node(y).cache[0];
  r.gq = q.grad;
  r.gk = kv.grad;
  return r;
}

void check_same(const Shape& s, bool fused_qkv) {
  INFO("B " << s.batch << " tq " << s.tq << " tk " << s.tk << " H " << s.heads << " dh " << s.dh << " causal "
            << s.causal << " padded " << s.padded << " qkv " << fused_qkv);
  const Run a = run(s, false, fused_qkv), b = run(s, true, fused_qkv);
  // Term for term the same arithmetic: equal to float rounding (in practice bit for bit).
  CHECK(max_abs_diff(a.out, b.out) <= 1e-6);
  CHECK(max_abs_diff(a.weights, b.weights) <= 1e-6);
  CHECK(max_abs_diff(a.gq, b.gq) <= 1e-5);
  CHECK(max_abs_diff(a.gk, b.gk) <= 1e-5);
  CHECK(max_abs(a.gq) > 0.01);
}

}  // namespace

TEST_CASE("fused attention kernels equal the per-head sgemm path, forward and backward") {
  REQUIRE(tensor::detail::fused_attention_supports(16));
  CHECK_FALSE(tensor::detail::fused_attention_supports(12));
  check_same({4, 32, 32, 4, 16, true, false}, true);   // the reference transformer's self-attention
  check_same({2, 32, 32, 4, 16, true, false}, false);
  check_same({2, 13, 13, 2, 16, true, false}, true);   // a partial row block, keys not whole vectors
  check_same({2, 5, 21, 2, 32, true, false}, false);   // more keys than queries, causal offset
  check_same({3, 9, 40, 1, 16, false, true}, false);   // bidirectional with padding keys
  check_same({2, 17, 17, 2, 48, false, false}, true);
}

TEST_CASE("fused attention kernels: finite-difference gradients") {
  const int B = 2, T = 11, H = 2, dh = 16, w = H * dh;
  // Small values keep the softmax away from saturation so central differences resolve every element.
  Parameter qkv = random_param("qkv", B * T, 3 * w, 211, -0.5f, 0.5f);
  CHECK_GRADIENTS((ParamList{&qkv}), [&](Tape& t) {
    AttentionArgs a;
    a.q = a.k = a.v = t.param(qkv);
    a.k_col = w, a.v_col = 2 * w;
    a.batch = B, a.tq = T, a.tk = T, a.heads = H, a.dh = dh, a.causal = true;
    return attention(t, a);
  });
  Parameter q = random_param("q", B * 3, w, 212), kv = random_param("kv", B * 19, 2 * w, 213);
  const std::vector<uint8_t> pad = [&] {
    std::vector<uint8_t> p(static_cast<size_t>(B) * 19, 0);
    p[18] = p[19 + 17] = p[19 + 18] = 1;
    return p;
  }();
  CHECK_GRADIENTS((ParamList{&q, &kv}), [&](Tape& t) {
    AttentionArgs a;
    a.q = t.param(q);
    a.k = a.v = t.param(kv);
    a.v_col = w;
    a.batch = B, a.tq = 3, a.tk = 19, a.heads = H, a.dh = dh, a.key_padding = &pad;
    return attention(t, a);
  });
}
