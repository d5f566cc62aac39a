#include <doctest/doctest.h>

#include "core/tensor/ops.h"
#include "tensor_test_util.h"

using namespace attend;
using namespace attend::tensor;
using namespace attend::tensor::testing;

TEST_CASE("gradients accumulate across backward passes until zero_grad") {
  Parameter w = random_param("w", 2, 2, 1);
  Tape t;
  for (int pass = 0; pass < 2; ++pass) {
    t.reset();
    t.backward(sum(t, t.param(w)));
  }
  for (float g : w.grad.data) CHECK(g == 2.f);
  zero_grad({&w});
  for (float g : w.grad.data) CHECK(g == 0.f);
}

TEST_CASE("a value used twice gets the sum of both gradients") {
  Parameter w = random_param("w", 1, 3, 2);
  Tape t;
  Var x = t.param(w);
  Var y = sum(t, mul(t, x, x));  // Σ w², gradient 2w through both operands
  t.backward(y);
  for (int i = 0; i < 3; ++i) CHECK(w.grad.data[static_cast<size_t>(i)] == doctest::Approx(2 * w.value.data[static_cast<size_t>(i)]));
  CHECK(t.grad(x) == &w.grad);
}

TEST_CASE("inputs with needs_grad expose dL/dx, constants get none") {
  Tape t;
  Tensor c(1, 2, 1.f);
  Var x = t.input(1, 2, true);
  t.value_mut(x).data = {3.f, 4.f};
  Var k = t.constant(c);
  Var y = sum(t, mul(t, x, k));
  t.backward(y);
  REQUIRE(t.grad(x) != nullptr);
  CHECK(t.grad(x)->data == FloatVec{1.f, 1.f});
  CHECK(t.grad(k) == nullptr);
  CHECK(t.grad_norm(x) == doctest::Approx(std::sqrt(2.0)));
}

TEST_CASE("activation memory is counted in training and is zero at inference") {
  Parameter w = random_param("w", 8, 8, 3), x = random_param("x", 16, 8, 4);
  Tensor gamma(1, 8, 1.f), beta(1, 8);
  auto forward = [&](Tape& t) {
    Var h = layer_norm(t, tanh(t, matmul(t, t.param(x), t.param(w))), t.constant(gamma), t.constant(beta));
    return cross_entropy(t, h, std::vector<int>(16, 1));
  };
  Tape train, infer(false);
  forward(train);
  forward(infer);
  // matmul 16×8 + tanh 16×8 + layer norm 16×8 (+ mean, rstd 16 each) + softmax probs 16×8 + loss 1.
  CHECK(train.activation_bytes() == sizeof(float) * (16 * 8 * 4 + 16 * 2 + 1));
  CHECK(infer.activation_bytes() == 0);
  // Without grad no parameter gradient is produced.
  CHECK(infer.value(Var{static_cast<int>(infer.node_count()) - 1}).size() == 1);
}

TEST_CASE("reset reuses nodes: the same forward twice gives the same numbers") {
  Parameter w = random_param("w", 4, 4, 5), x = random_param("x", 3, 4, 6);
  Tape t;
  FloatVec first;
  for (int pass = 0; pass < 3; ++pass) {
    t.reset();
    Var y = gelu(t, matmul(t, t.param(x), t.param(w)));
    if (pass == 0) first = t.value(y).data;
    else CHECK(t.value(y).data == first);
  }
}
