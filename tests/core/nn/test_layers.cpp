// Layers: hand-computed forwards, parameter enumeration, and finite-difference gradient checks of every
// parameter (grad_check defaults: eps 1e-3, |a − n| ≤ 5e-4 + 2e-2·|n|).
#include <doctest/doctest.h>

#include <cmath>

#include "core/nn/layers.h"
#include "core/util/rng.h"
#include "../tensor/tensor_test_util.h"

using namespace attend;
using namespace attend::nn;
using namespace attend::tensor::testing;

TEST_CASE("Linear: x·W + b, named parameters, gradients") {
  SplitMix64 rng(1);
  Linear l = make_linear("fc", 3, 2, rng);
  ParamList ps;
  collect(l, ps);
  REQUIRE(ps.size() == 2);
  CHECK(ps[0]->name == "fc.weight");
  CHECK(ps[0]->value.rows == 3);
  CHECK(ps[1]->name == "fc.bias");
  for (float v : l.weight.value.data) CHECK(std::fabs(v) <= 1 / std::sqrt(3.f));
  Parameter x = random_param("x", 4, 3, 2);
  Tape t;
  Var y = forward(t, l, t.param(x));
  double expect = l.bias.value(0, 1);
  for (int k = 0; k < 3; ++k) expect += x.value(2, k) * l.weight.value(k, 1);
  CHECK(t.value(y)(2, 1) == doctest::Approx(expect));
  ps.push_back(&x);
  CHECK_GRADIENTS(ps, [&](Tape& tt) { return forward(tt, l, tt.param(x)); });
}

TEST_CASE("Embedding and positional encodings") {
  SplitMix64 rng(3);
  Embedding e = make_embedding("tok", 6, 4, rng);
  PositionalEncoding learned = make_positional("pos", PositionalEncoding::Kind::Learned, 5, 4, rng, 0.5f);
  PositionalEncoding sine = make_positional("pos", PositionalEncoding::Kind::Sinusoidal, 5, 4, rng);
  const std::vector<int> ids = {1, 5, 5, 0, 2, 3};  // 2 sequences of 3
  ParamList ps;
  collect(e, ps);
  collect(learned, ps);
  collect(sine, ps);  // adds nothing: sinusoidal encodings are not trained
  CHECK(ps.size() == 2);
  CHECK_GRADIENTS(ps, [&](Tape& t) { return forward(t, learned, forward(t, e, ids), 3); });
  // Sinusoidal: PE[p][0] = sin p, PE[p][1] = cos p, PE[p][2] = sin(p/100), PE[p][3] = cos(p/100).
  CHECK(sine.sinusoid(2, 0) == doctest::Approx(std::sin(2.0)));
  CHECK(sine.sinusoid(2, 1) == doctest::Approx(std::cos(2.0)));
  CHECK(sine.sinusoid(3, 2) == doctest::Approx(std::sin(0.03)));
  // A fixed offset is a rotation of each (sin, cos) pair: PE[p+k] = R(k)·PE[p].
  const double k = 2, w = 1.0;
  const double s = sine.sinusoid(1, 0), c = sine.sinusoid(1, 1);
  CHECK(sine.sinusoid(3, 0) == doctest::Approx(s * std::cos(k * w) + c * std::sin(k * w)));
  Tape t;
  Var y = forward(t, sine, forward(t, e, ids), 3);
  CHECK(t.value(y)(4, 1) == doctest::Approx(e.table.value(2, 1) + std::cos(1.0)));
}

TEST_CASE("LayerNorm and BatchNorm layers: gradients, running statistics, eval mode") {
  SplitMix64 rng(5);
  LayerNorm ln = make_layer_norm("ln", 6);
  BatchNorm bn = make_batch_norm("bn", 6);
  tensor::fill_uniform(ln.gamma.value, rng, 0.5f, 1.5f);
  tensor::fill_uniform(bn.beta.value, rng, -1.f, 1.f);
  Parameter x = random_param("x", 8, 6, 6, -2.f, 3.f);
  ParamList ps = {&x};
  collect(ln, ps);
  CHECK_GRADIENTS(ps, [&](Tape& t) { return forward(t, ln, t.param(x)); });
  ParamList pb = {&x};
  collect(bn, pb);
  const BatchNorm saved = bn;
  CHECK_GRADIENTS(pb, [&](Tape& t) {
    bn.running_mean = saved.running_mean;  // training forwards move the statistics; keep each evaluation identical
    bn.running_var = saved.running_var;
    return forward(t, bn, t.param(x), true);
  });
  // Many training forwards on the same batch converge the running stats to its mean and unbiased variance.
  BatchNorm b2 = make_batch_norm("bn", 6);
  Tape t;
  for (int i = 0; i < 200; ++i) {
    t.reset();
    forward(t, b2, t.param(x), true);
  }
  double m = 0, v = 0;
  for (int r = 0; r < 8; ++r) m += x.value(r, 3);
  m /= 8;
  for (int r = 0; r < 8; ++r) v += (x.value(r, 3) - m) * (x.value(r, 3) - m);
  CHECK(b2.running_mean(0, 3) == doctest::Approx(m).epsilon(1e-4));
  CHECK(b2.running_var(0, 3) == doctest::Approx(v / 7).epsilon(1e-4));
  // Eval mode on a single row works (batch statistics would not exist) and gives the normalised row.
  Parameter one = random_param("one", 1, 6, 7);
  t.reset();
  const tensor::Tensor& y = t.value(forward(t, b2, t.param(one), false));
  CHECK(y(0, 3) == doctest::Approx((one.value(0, 3) - m) / std::sqrt(v / 7 + 1e-5)).epsilon(1e-4));
}

TEST_CASE("MLP with each activation and normalisation passes a gradient check") {
  const Activation acts[] = {Activation::ReLU, Activation::Tanh, Activation::Sigmoid, Activation::GELU, Activation::Linear};
  for (Activation act : acts)
    for (Mlp::Norm norm : {Mlp::Norm::None, Mlp::Norm::Layer, Mlp::Norm::Batch}) {
      SplitMix64 rng(9);
      Mlp m = make_mlp("mlp", {3, 5, 4, 2}, act, Activation::Tanh, rng, Init{Init::Xavier, 0}, norm);
      Parameter x = random_param("x", 6, 3, 10, -2.f, 2.f);
      ParamList ps = {&x};
      collect(m, ps);
      INFO("activation " << tensor::activation_name(act) << " norm " << static_cast<int>(norm));
      std::vector<BatchNorm> saved = m.batch_norms;
      CHECK_GRADIENTS(ps, [&](Tape& t) {
        m.batch_norms = saved;
        return forward(t, m, t.param(x), true);
      });
      Tape t;
      forward(t, m, t.param(x));
      CHECK(m.last_activations.size() == 3);
    }
}
