#include <doctest/doctest.h>

#include <cmath>

#include "core/nn/attention.h"
#include "core/util/rng.h"
#include "../tensor/tensor_test_util.h"

using namespace attend;
using namespace attend::nn;
using namespace attend::tensor::testing;

TEST_CASE("self-attention layer: causal gradients and per-head internals of the last forward") {
  SplitMix64 rng(21);
  MultiHeadAttention a = make_attention("attn", 8, 2, false, rng, Init{Init::Normal, 0.4f});
  Parameter x = random_param("x", 2 * 4, 8, 22);
  ParamList ps = {&x};
  collect(a, ps);
  CHECK(ps[1]->name == "attn.qkv.weight");
  CHECK(ps[1]->value.cols == 24);
  CHECK_GRADIENTS(ps, [&](Tape& t) { return self_attention(t, a, t.param(x), 2, 4, true); });

  Tape t;
  self_attention(t, a, t.param(x), 2, 4, true);
  const tensor::AttentionRecord& r = a.last;
  CHECK(r.heads == 2);
  CHECK(r.tq == 4);
  // Q of head 1 is columns 4..7 of x·Wqkv + b.
  double q = a.qkv.bias.value(0, 4 + 1);
  for (int k = 0; k < 8; ++k) q += x.value(1 * 4 + 2, k) * a.qkv.weight.value(k, 4 + 1);
  CHECK(r.q[r.qkv_index(1, 1, 2, 1, 4)] == doctest::Approx(q).epsilon(1e-5));
  // Causal: a query never attends to a later key, and each row of weights sums to 1.
  for (int b = 0; b < 2; ++b)
    for (int h = 0; h < 2; ++h)
      for (int i = 0; i < 4; ++i) {
        double s = 0;
        for (int j = 0; j < 4; ++j) {
          if (j > i) CHECK(r.weight(b, h, i, j) == 0.f);
          s += r.weight(b, h, i, j);
        }
        CHECK(s == doctest::Approx(1.0));
      }
  // With internals off, nothing is recorded.
  MultiHeadAttention quiet = a;
  quiet.keep_internals = false;
  quiet.last = {};
  t.reset();
  self_attention(t, quiet, t.param(x), 2, 4, true);
  CHECK(quiet.last.weights.empty());
}

TEST_CASE("cross-attention layer with memory padding passes a gradient check") {
  SplitMix64 rng(23);
  MultiHeadAttention a = make_attention("cross", 6, 3, true, rng, Init{Init::Normal, 0.4f});
  Parameter x = random_param("x", 2 * 3, 6, 24), mem = random_param("mem", 2 * 5, 6, 25);
  const std::vector<uint8_t> pad = {0, 0, 0, 0, 1, 0, 0, 1, 1, 1};
  ParamList ps = {&x, &mem};
  collect(a, ps);
  CHECK_GRADIENTS(ps, [&](Tape& t) { return cross_attention(t, a, t.param(x), t.param(mem), 2, 3, 5, &pad); });
  Tape t;
  cross_attention(t, a, t.param(x), t.param(mem), 2, 3, 5, &pad);
  CHECK(a.last.tk == 5);
  CHECK(a.last.weight(1, 2, 0, 3) == 0.f);
  CHECK(a.last.weight(0, 0, 2, 4) == 0.f);
  CHECK(a.last.weight(0, 0, 2, 3) > 0.f);
}
