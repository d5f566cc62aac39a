// Every tape op: a hand-computed forward, and a finite-difference gradient check (tolerances: the
// grad_check defaults, eps 1e-3, |a − n| ≤ 5e-4 + 2e-2·|n|).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/tensor/ops.h"
#include "core/util/rng.h"
#include "tensor_test_util.h"

using namespace attend;
using namespace attend::tensor;
using namespace attend::tensor::testing;

namespace {
Tensor make(int r, int c, std::initializer_list<float> v) {
  Tensor t(r, c);
  size_t i = 0;
  for (float x : v) t.data[i++] = x;
  return t;
}
}  // namespace

TEST_CASE("matmul, linear and bmm: values and gradients") {
  Parameter a = random_param("a", 5, 4, 1), b = random_param("b", 4, 3, 2), bias = random_param("bias", 1, 3, 3);
  {
    Tape t;
    Tensor x = make(1, 2, {1, 2}), w = make(2, 2, {1, 2, 3, 4}), bb = make(1, 2, {10, 20});
    Var y = linear(t, t.constant(x), t.constant(w), t.constant(bb));
    CHECK(t.value(y)(0, 0) == doctest::Approx(17));  // 1·1 + 2·3 + 10
    CHECK(t.value(y)(0, 1) == doctest::Approx(30));  // 1·2 + 2·4 + 20
  }
  CHECK_GRADIENTS((ParamList{&a, &b}), [&](Tape& t) { return matmul(t, t.param(a), t.param(b)); });
  CHECK_GRADIENTS((ParamList{&a, &b, &bias}),
                  [&](Tape& t) { return linear(t, t.param(a), t.param(b), t.param(bias)); });
  CHECK_GRADIENTS((ParamList{&a, &b}), [&](Tape& t) { return linear(t, t.param(a), t.param(b), Var{}); });
  // bmm over 2 blocks: a 2·3×4, b 2·4×5 (or 2·5×4 transposed)
  Parameter ba = random_param("ba", 6, 4, 4), bb = random_param("bb", 8, 5, 5), bt = random_param("bt", 10, 4, 6);
  CHECK_GRADIENTS((ParamList{&ba, &bb}), [&](Tape& t) { return bmm(t, t.param(ba), t.param(bb), 2, false); });
  CHECK_GRADIENTS((ParamList{&ba, &bt}), [&](Tape& t) { return bmm(t, t.param(ba), t.param(bt), 2, true); });
  {  // bmm with transpose equals per-block A·Bᵀ
    Tape t;
    Var y = bmm(t, t.param(ba), t.param(bt), 2, true);
    const Tensor& out = t.value(y);
    double expect = 0;
    for (int k = 0; k < 4; ++k) expect += ba.value(4, k) * bt.value(5 + 2, k);  // block 1, row 1, column 2
    CHECK(out(4, 2) == doctest::Approx(expect).epsilon(1e-5));
  }
}

TEST_CASE("elementwise ops: values and gradients") {
  Parameter x = random_param("x", 3, 5, 11, -2.f, 2.f), y = random_param("y", 3, 5, 12, -2.f, 2.f);
  Parameter row = random_param("row", 1, 5, 13);
  Parameter pos = random_param("pos", 3, 5, 14, 0.5f, 2.f);
  // Keep ReLU and L1 inputs away from their kink at 0, where finite differences straddle it.
  for (float& v : x.value.data)
    if (std::fabs(v) < 0.05f) v = 0.3f;
  CHECK_GRADIENTS((ParamList{&x, &y}), [&](Tape& t) { return add(t, t.param(x), t.param(y)); });
  CHECK_GRADIENTS((ParamList{&x, &row}), [&](Tape& t) { return add(t, t.param(x), t.param(row)); });
  CHECK_GRADIENTS((ParamList{&x, &y}), [&](Tape& t) { return sub(t, t.param(x), t.param(y)); });
  CHECK_GRADIENTS((ParamList{&x, &y}), [&](Tape& t) { return mul(t, t.param(x), t.param(y)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return scale(t, t.param(x), -1.5f); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return add_scalar(t, t.param(x), 2.f); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return relu(t, t.param(x)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return tanh(t, t.param(x)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return sigmoid(t, t.param(x)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return gelu(t, t.param(x)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return exp(t, t.param(x)); });
  CHECK_GRADIENTS((ParamList{&pos}), [&](Tape& t) { return log(t, t.param(pos)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return square(t, t.param(x)); });

  Tape t;
  Tensor v = make(1, 4, {-1.f, 0.f, 0.5f, 2.f});
  Var in = t.constant(v);
  CHECK(t.value(relu(t, in)).data == FloatVec{0.f, 0.f, 0.5f, 2.f});
  CHECK(t.value(tanh(t, in))(0, 3) == doctest::Approx(std::tanh(2.0)));
  CHECK(t.value(sigmoid(t, in))(0, 0) == doctest::Approx(1.0 / (1.0 + std::exp(1.0))));
  CHECK(t.value(gelu(t, in))(0, 0) == doctest::Approx(-0.158655).epsilon(1e-5));
  Activation act;
  CHECK(parse_activation("ReLU", &act));
  CHECK(act == Activation::ReLU);
  CHECK_FALSE(parse_activation("swish", &act));
}

TEST_CASE("reductions: values and gradients") {
  Parameter x = random_param("x", 4, 3, 21);
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return sum(t, t.param(x)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return scale(t, mean(t, t.param(x)), 10.f); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return sum_rows(t, t.param(x)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return sum_cols(t, t.param(x)); });
  Tape t;
  Tensor m = make(2, 2, {1, 2, 3, 4});
  CHECK(t.value(sum(t, t.constant(m))).data[0] == 10.f);
  CHECK(t.value(mean(t, t.constant(m))).data[0] == 2.5f);
  CHECK(t.value(sum_rows(t, t.constant(m))).data == FloatVec{4.f, 6.f});
  CHECK(t.value(sum_cols(t, t.constant(m))).data == FloatVec{3.f, 7.f});
}

TEST_CASE("softmax, log-softmax, cross-entropy and MSE: values and gradients") {
  Parameter x = random_param("x", 4, 6, 31, -3.f, 3.f), y = random_param("y", 4, 6, 32);
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return softmax(t, t.param(x)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return log_softmax(t, t.param(x)); });
  const std::vector<int> targets = {2, -1, 5, 0};
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return scale(t, cross_entropy(t, t.param(x), targets), 10.f); });
  CHECK_GRADIENTS((ParamList{&x, &y}), [&](Tape& t) { return scale(t, mse(t, t.param(x), t.param(y)), 10.f); });

  Tape t;
  Tensor logits = make(2, 3, {1, 2, 3, 0, 0, 0});
  const Tensor& p = t.value(softmax(t, t.constant(logits)));
  const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  CHECK(p(0, 2) == doctest::Approx(std::exp(3.0) / z));
  CHECK(p(1, 1) == doctest::Approx(1.0 / 3));
  const Tensor& lp = t.value(log_softmax(t, t.constant(logits)));
  CHECK(lp(0, 0) == doctest::Approx(1.0 - std::log(z)));
  // Cross-entropy is the mean of −log p[target] over counted rows.
  const float ce = t.value(cross_entropy(t, t.constant(logits), {0, 1})).data[0];
  CHECK(ce == doctest::Approx(0.5 * ((std::log(z) - 1.0) + std::log(3.0))));
  const float ce_ignored = t.value(cross_entropy(t, t.constant(logits), {0, -1})).data[0];
  CHECK(ce_ignored == doctest::Approx(std::log(z) - 1.0));
  Tensor a = make(1, 2, {1, 2}), b = make(1, 2, {0, 4});
  CHECK(t.value(mse(t, t.constant(a), t.constant(b))).data[0] == doctest::Approx(2.5));
}

TEST_CASE("penalties: values and gradients") {
  Parameter w = random_param("w", 3, 4, 41);
  for (float& v : w.value.data)
    if (std::fabs(v) < 0.05f) v = -0.2f;
  CHECK_GRADIENTS((ParamList{&w}), [&](Tape& t) { return l1_penalty(t, t.param(w)); });
  CHECK_GRADIENTS((ParamList{&w}), [&](Tape& t) { return l2_penalty(t, t.param(w)); });
  Tape t;
  Tensor v = make(1, 3, {1, -2, 3});
  CHECK(t.value(l1_penalty(t, t.constant(v))).data[0] == 6.f);
  CHECK(t.value(l2_penalty(t, t.constant(v))).data[0] == 7.f);
}

TEST_CASE("masking: filled entries get the value and no gradient") {
  Parameter x = random_param("x", 6, 3, 51);
  std::vector<uint8_t> mask;
  causal_mask(3, mask);
  CHECK(mask == std::vector<uint8_t>{0, 1, 1, 0, 0, 1, 0, 0, 0});
  Tape t;
  Var y = masked_fill(t, t.param(x), mask, 3, -std::numeric_limits<float>::infinity());
  CHECK(std::isinf(t.value(y)(3, 1)));  // second 3×3 block, row 0, column 1
  CHECK(t.value(y)(4, 0) == x.value(4, 0));
  // Through a softmax the masked weights are exactly 0 and the gradient is finite.
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& tt) {
    return softmax(tt, masked_fill(tt, tt.param(x), mask, 3, -std::numeric_limits<float>::infinity()));
  });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& tt) { return masked_fill(tt, tt.param(x), mask, 3, 0.f); });
}

TEST_CASE("shape ops: slices, concatenation, heads and steps round-trip with their gradients") {
  Parameter x = random_param("x", 6, 8, 61), y = random_param("y", 6, 3, 62);
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return slice_cols(t, t.param(x), 2, 4); });
  CHECK_GRADIENTS((ParamList{&x, &y}), [&](Tape& t) { return concat_cols(t, t.param(x), t.param(y)); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return slice_rows(t, t.param(x), 1, 3); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return split_heads(t, t.param(x), 2, 3, 4); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return merge_heads(t, t.param(x), 3, 1, 2); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) { return step_rows(t, t.param(x), 2, 3, 1); });
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& t) {
    Var steps[3];
    for (int s = 0; s < 3; ++s) steps[s] = step_rows(t, t.param(x), 2, 3, s);
    return stack_steps(t, steps, 3);
  });

  Tape t;
  Var xv = t.param(x);
  Var heads = split_heads(t, xv, 2, 3, 4);  // (2·4·3)×2
  CHECK(t.value(heads)((1 * 4 + 2) * 3 + 1, 1) == x.value(1 * 3 + 1, 2 * 2 + 1));
  Var back = merge_heads(t, heads, 2, 3, 4);
  CHECK(t.value(back).data == x.value.data);
  Var steps[3];
  for (int s = 0; s < 3; ++s) steps[s] = step_rows(t, xv, 2, 3, s);
  CHECK(t.value(stack_steps(t, steps, 3)).data == x.value.data);
}

TEST_CASE("embedding and positions: lookups and scatter-added gradients") {
  Parameter table = random_param("table", 5, 4, 71), pos = random_param("pos", 6, 4, 72);
  const std::vector<int> ids = {3, 1, 3, 0};  // a repeated id accumulates
  CHECK_GRADIENTS((ParamList{&table}), [&](Tape& t) { return embedding(t, t.param(table), ids); });
  CHECK_GRADIENTS((ParamList{&table, &pos}),
                  [&](Tape& t) { return add_positions(t, embedding(t, t.param(table), ids), t.param(pos), 2); });
  Tape t;
  Var e = embedding(t, t.param(table), ids);
  CHECK(t.value(e)(2, 1) == table.value(3, 1));
  Var p = add_positions(t, e, t.param(pos), 2);
  CHECK(t.value(p)(3, 2) == doctest::Approx(table.value(0, 2) + pos.value(1, 2)));
}

TEST_CASE("dropout: inverted scaling, deterministic for a seed, identity in eval") {
  Parameter x = random_param("x", 20, 10, 81);
  Tape t;
  SplitMix64 r1(5), r2(5);
  Var a = dropout(t, t.param(x), 0.5f, r1, true);
  Var b = dropout(t, t.param(x), 0.5f, r2, true);
  CHECK(t.value(a).data == t.value(b).data);
  int zeros = 0;
  for (size_t i = 0; i < x.value.size(); ++i) {
    const float v = t.value(a).data[i];
    if (v == 0.f) ++zeros;
    else CHECK(v == doctest::Approx(2.f * x.value.data[i]));
  }
  CHECK(zeros > 60);
  CHECK(zeros < 140);
  Var e = dropout(t, t.param(x), 0.5f, r1, false);
  CHECK(t.value(e).data == x.value.data);
  CHECK_GRADIENTS((ParamList{&x}), [&](Tape& tt) {
    SplitMix64 r(9);  // the same mask on every evaluation
    return dropout(tt, tt.param(x), 0.3f, r, true);
  });
}

TEST_CASE("layer norm normalises rows, batch norm normalises columns, both pass gradient checks") {
  Parameter x = random_param("x", 5, 6, 91, -2.f, 2.f);
  Parameter g = random_param("gamma", 1, 6, 92, 0.5f, 1.5f), b = random_param("beta", 1, 6, 93);
  CHECK_GRADIENTS((ParamList{&x, &g, &b}),
                  [&](Tape& t) { return layer_norm(t, t.param(x), t.param(g), t.param(b)); });
  Tensor rm(1, 6), rv(1, 6, 1.f);
  CHECK_GRADIENTS((ParamList{&x, &g, &b}), [&](Tape& t) {
    Tensor m(1, 6), v(1, 6, 1.f);  // fresh statistics per evaluation: the check perturbs only the inputs
    return batch_norm(t, t.param(x), t.param(g), t.param(b), m, v, true);
  });
  CHECK_GRADIENTS((ParamList{&x, &g, &b}),
                  [&](Tape& t) { return batch_norm(t, t.param(x), t.param(g), t.param(b), rm, rv, false); });

  Tape t;
  Tensor ones(1, 6, 1.f), zeros(1, 6);
  const Tensor& ln = t.value(layer_norm(t, t.param(x), t.constant(ones), t.constant(zeros)));
  for (int r = 0; r < 5; ++r) {
    double s = 0, s2 = 0;
    for (int c = 0; c < 6; ++c) s += ln(r, c), s2 += ln(r, c) * ln(r, c);
    CHECK(s / 6 == doctest::Approx(0).epsilon(1e-5).scale(1));
    CHECK(s2 / 6 == doctest::Approx(1).epsilon(1e-3));
  }
  Tensor m(1, 6), v(1, 6, 1.f);
  const Tensor& bn = t.value(batch_norm(t, t.param(x), t.constant(ones), t.constant(zeros), m, v, true, 0.1f));
  double col = 0;
  for (int r = 0; r < 5; ++r) col += bn(r, 2);
  CHECK(col == doctest::Approx(0).scale(1));
  double mean2 = 0;
  for (int r = 0; r < 5; ++r) mean2 += x.value(r, 2);
  CHECK(m(0, 2) == doctest::Approx(0.1 * mean2 / 5));  // running mean moved 10% towards the batch mean
  // Eval mode uses the running statistics: with mean 0 and var 1 it is the identity (up to eps).
  Tensor m0(1, 6), v1(1, 6, 1.f);
  const Tensor& ev = t.value(batch_norm(t, t.param(x), t.constant(ones), t.constant(zeros), m0, v1, false));
  CHECK(ev(3, 4) == doctest::Approx(x.value(3, 4)).epsilon(1e-4));
}

TEST_CASE("linear_residual equals residual + linear, with gradients for all four inputs") {
  Parameter x = random_param("x", 5, 4, 201), w = random_param("w", 4, 3, 202), b = random_param("b", 1, 3, 203),
            r = random_param("r", 5, 3, 204);
  CHECK_GRADIENTS((ParamList{&x, &w, &b, &r}),
                  [&](Tape& t) { return linear_residual(t, t.param(x), t.param(w), t.param(b), t.param(r)); });
  CHECK_GRADIENTS((ParamList{&x, &w, &r}),
                  [&](Tape& t) { return linear_residual(t, t.param(x), t.param(w), Var{}, t.param(r)); });
  Tape t;
  const Tensor& fused = t.value(linear_residual(t, t.param(x), t.param(w), t.param(b), t.param(r)));
  const Tensor& plain = t.value(add(t, t.param(r), linear(t, t.param(x), t.param(w), t.param(b))));
  CHECK(max_abs_diff(fused, plain) < 1e-6);
}
