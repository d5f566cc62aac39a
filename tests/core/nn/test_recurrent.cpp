#include <doctest/doctest.h>

#include <cmath>

#include "core/nn/recurrent.h"
#include "core/tensor/ops.h"
#include "core/util/rng.h"
#include "../tensor/tensor_test_util.h"

using namespace attend;
using namespace attend::nn;
using namespace attend::tensor::testing;

TEST_CASE("RNN and LSTM pass gradient checks and keep per-step hidden states") {
  SplitMix64 rng(31);
  Rnn r = make_rnn("rnn", 3, 4, rng);
  Lstm l = make_lstm("lstm", 3, 4, rng);
  // Larger weights than the default init, so gradients through several steps are not tiny.
  for (tensor::Parameter* p : ParamList{&r.wx.weight, &r.wh.weight, &l.wx.weight, &l.wh.weight})
    for (float& v : p->value.data) v *= 2.f;
  Parameter x = random_param("x", 2 * 5, 3, 32);
  ParamList pr = {&x}, pl = {&x};
  collect(r, pr);
  collect(l, pl);
  CHECK_GRADIENTS(pr, [&](Tape& t) { return forward(t, r, t.param(x), 2, 5); });
  CHECK_GRADIENTS(pl, [&](Tape& t) { return forward(t, l, t.param(x), 2, 5); });

  Tape t;
  Var h = forward(t, r, t.param(x), 2, 5);
  CHECK(r.last.h.size() == 5);
  CHECK(r.last.hidden_states.size() == 5 * 2 * 4);
  // Step 0: h_0 = tanh(x_0·Wx + b); batch 1, unit 2.
  double pre = r.wx.bias.value(0, 2);
  for (int k = 0; k < 3; ++k) pre += x.value(1 * 5 + 0, k) * r.wx.weight.value(k, 2);
  CHECK(r.last.state(0, 1, 2) == doctest::Approx(std::tanh(pre)).epsilon(1e-5));
  // The stacked output has row b·T + t.
  CHECK(t.value(h)(1 * 5 + 3, 1) == r.last.state(3, 1, 1));
  t.reset();
  forward(t, l, t.param(x), 2, 5);
  CHECK(l.last.cell_states.size() == 5 * 2 * 4);
}

TEST_CASE("an RNN's gradient norms shrink with distance from the loss (vanishing gradients)") {
  // Loss on the last step only: ‖dL/dh_t‖ falls as t moves away from the end.
  SplitMix64 rng(33);
  const int T = 20, B = 4;
  Rnn r = make_rnn("rnn", 2, 16, rng);
  Parameter x = random_param("x", B * T, 2, 34);
  Tape t;
  Var h = forward(t, r, t.param(x), B, T);
  Var last = tensor::step_rows(t, h, B, T, T - 1);
  t.backward(tensor::sum(t, tensor::square(t, last)));
  record_gradients(t, r.last);
  const std::vector<double>& g = r.last.grad_norms;
  REQUIRE(g.size() == T);
  INFO("‖dL/dh_t‖: first " << g[0] << ", middle " << g[T / 2] << ", last " << g[T - 1]);
  CHECK(g[T - 1] > 0);
  CHECK(g[T / 2] < 0.1 * g[T - 1]);
  CHECK(g[0] < 1e-3 * g[T - 1]);
  int increasing = 0;
  for (int s = 1; s < T; ++s) increasing += g[static_cast<size_t>(s)] > g[static_cast<size_t>(s - 1)];
  CHECK(increasing >= T - 3);  // nearly monotone towards the loss
}

TEST_CASE("recurrent language models: RNN and LSTM cores pass gradient checks") {
  for (auto cell : {RecurrentLM::Cell::RNN, RecurrentLM::Cell::LSTM}) {
    RecurrentLM m = make_recurrent_lm(cell, 6, 5, 7, 35);
    ParamList ps;
    collect(m, ps);
    const std::vector<int> ids = {1, 2, 3, 4, 5, 0, 1, 2}, targets = {2, 3, 4, 5, 0, 1, 2, 3};
    CHECK_GRADIENTS(ps, [&](Tape& t) {
      return tensor::scale(t, tensor::cross_entropy(t, forward(t, m, ids, 2, 4), targets), 4.f);
    });
    CHECK(m.trace().seq == 4);
  }
}
