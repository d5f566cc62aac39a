#include <doctest/doctest.h>

#include <cmath>

#include "core/nn/attention_inspect.h"
#include "core/util/rng.h"
#include "../tensor/tensor_test_util.h"

using namespace attend;
using namespace attend::nn;
using namespace attend::tensor::testing;

TEST_CASE("attention internals: W_Q W_K W_V split from the fused weights reproduce the record's Q K V") {
  SplitMix64 rng(5);
  MultiHeadAttention a = make_attention("attn", 8, 2, false, rng, Init{Init::Normal, 0.4f});
  Parameter x = random_param("x", 2 * 3, 8, 6);
  Tape t;
  Var heads = self_attention_heads(t, a, t.param(x), 2, 3, true);
  AttentionInternals in;
  capture_internals(a, in);
  REQUIRE(in.input.rows == 6);
  CHECK(in.memory.empty());
  const tensor::AttentionRecord& r = a.last;
  // Q = X·W_Q + b_Q (head h is columns h·dh…), same for K and V.
  for (int b = 0; b < 2; ++b)
    for (int h = 0; h < 2; ++h)
      for (int i = 0; i < 3; ++i)
        for (int k = 0; k < 4; ++k) {
          double q = in.b_q(0, h * 4 + k), kk = in.b_k(0, h * 4 + k), v = in.b_v(0, h * 4 + k);
          for (int c = 0; c < 8; ++c) {
            q += in.input(b * 3 + i, c) * in.w_q(c, h * 4 + k);
            kk += in.input(b * 3 + i, c) * in.w_k(c, h * 4 + k);
            v += in.input(b * 3 + i, c) * in.w_v(c, h * 4 + k);
          }
          CHECK(r.q[r.qkv_index(b, h, i, k, 3)] == doctest::Approx(q).epsilon(1e-4));
          CHECK(r.k[r.qkv_index(b, h, i, k, 3)] == doctest::Approx(kk).epsilon(1e-4));
          CHECK(r.v[r.qkv_index(b, h, i, k, 3)] == doctest::Approx(v).epsilon(1e-4));
        }
  // Each head's weighted sum of V is its block of the concatenated heads, and the output is concat·W_O + b_O.
  const tensor::Tensor& concat = t.value(heads);
  for (int b = 0; b < 2; ++b)
    for (int h = 0; h < 2; ++h)
      for (int i = 0; i < 3; ++i) {
        const std::vector<float> s = weighted_value_sum(r, b, h, i);
        for (int k = 0; k < 4; ++k) CHECK(s[static_cast<size_t>(k)] == doctest::Approx(concat(b * 3 + i, h * 4 + k)).epsilon(1e-4));
      }
  for (int c = 0; c < 8; ++c) {
    double o = in.b_o(0, c);
    for (int k = 0; k < 8; ++k) o += in.concat(4, k) * in.w_o(k, c);
    CHECK(in.output(4, c) == doctest::Approx(o).epsilon(1e-4));
  }
}

TEST_CASE("cross-attention internals keep the encoder memory and split K V from its projection") {
  SplitMix64 rng(9);
  MultiHeadAttention a = make_attention("cross", 8, 2, true, rng, Init{Init::Normal, 0.4f});
  Parameter x = random_param("x", 2, 8, 1), mem = random_param("m", 5, 8, 2);
  Tape t;
  cross_attention_heads(t, a, t.param(x), t.param(mem), 1, 2, 5);
  AttentionInternals in;
  capture_internals(a, in);
  REQUIRE(in.memory.rows == 5);
  const tensor::AttentionRecord& r = a.last;
  double k0 = in.b_k(0, 5);
  for (int c = 0; c < 8; ++c) k0 += in.memory(3, c) * in.w_k(c, 5);
  CHECK(r.k[r.qkv_index(0, 1, 3, 1, 5)] == doctest::Approx(k0).epsilon(1e-4));
}

TEST_CASE("head focus measures the weight on the key a pattern names") {
  // A hand-made record: one row, one head, 3 queries × 3 keys, each query all on the previous key
  // (query 0 on itself).
  tensor::AttentionRecord r;
  r.batch = 1, r.heads = 1, r.tq = 3, r.tk = 3, r.dh = 1;
  r.weights = {1, 0, 0, 1, 0, 0, 0, 1, 0};
  r.mask = {0, 1, 1, 0, 0, 1, 0, 0, 0};
  FocusContext c;
  c.keys = {{5, 6, 7}};
  c.targets = {{6, 7, 8}};
  CHECK(head_focus(r, c, FocusPattern::Previous)[0] == doctest::Approx(1.0));
  CHECK(head_focus(r, c, FocusPattern::Self)[0] == doctest::Approx(1.0 / 3.0));
  CHECK(focus_keys(c, FocusPattern::Previous, 0, 2, 3) == std::vector<int>{1});
  // One-hot rows have entropy 0.
  CHECK(head_entropy(r, c)[0] == doctest::Approx(0.0).epsilon(1e-6));
  FocusPattern p;
  CHECK(parse_focus("mirror", &p));
  CHECK(p == FocusPattern::Mirror);
  CHECK_FALSE(parse_focus("sideways", &p));
}
