#include <doctest/doctest.h>

#include <cmath>

#include "core/nn/layers.h"
#include "core/optim/optimizer.h"
#include "core/tensor/ops.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::optim;
using namespace attend::tensor;

namespace {
// A small least-squares problem: fit y = x·w* with a Linear layer.
struct Problem {
  Tensor x, y;
  nn::Linear fc;
  Problem() {
    SplitMix64 rng(7);
    x = Tensor(32, 4);
    fill_uniform(x, rng, -1, 1);
    y = Tensor(32, 2);
    for (int r = 0; r < 32; ++r) {
      y(r, 0) = x(r, 0) - 2 * x(r, 1) + 0.5f;
      y(r, 1) = 3 * x(r, 2) + x(r, 3);
    }
    fc = nn::make_linear("fc", 4, 2, rng);
  }
  double loss_and_grad(Tape& t, ParamList& ps) {
    zero_grad(ps);
    t.reset();
    Var l = mse(t, nn::forward(t, fc, t.constant(x)), t.constant(y));
    t.backward(l);
    return t.value(l).data[0];
  }
};
}  // namespace

TEST_CASE("every optimizer drives a least-squares loss down") {
  for (int k = 0; k < kMethodCount; ++k) {
    const Method m = static_cast<Method>(k);
    Problem pr;
    ParamList ps;
    nn::collect(pr.fc, ps);
    Hyper h;
    h.lr = (m == Method::SGD || m == Method::Momentum || m == Method::Nesterov) ? 0.1 : 0.05;
    if (m == Method::AdaGrad) h.lr = 0.3;
    Optimizer opt = make_optimizer(m, h);
    Tape t;
    const double first = pr.loss_and_grad(t, ps);
    double last = first;
    for (int i = 0; i < 300; ++i) {
      step(opt, ps);
      last = pr.loss_and_grad(t, ps);
    }
    INFO(method_name(m) << ": " << first << " → " << last);
    CHECK(last < 0.02 * first);
    CHECK(opt.t == 300);
  }
}

TEST_CASE("the tensor optimizer applies exactly the rules.h update to each parameter") {
  Problem pr;
  ParamList ps;
  nn::collect(pr.fc, ps);
  Tape t;
  pr.loss_and_grad(t, ps);
  Hyper h;
  h.lr = 0.01;
  h.weight_decay = 0.1;
  FloatVec w = pr.fc.weight.value.data, g = pr.fc.weight.grad.data;
  std::vector<float> m(w.size()), s(w.size());
  apply_update(Method::AdamW, h, w.data(), g.data(), m.data(), s.data(), w.size(), 1);
  // First Adam step: m̂ = g, ŝ = g², so each weight moves by lr·g/(|g| + ε) after decay.
  CHECK(w[0] == doctest::Approx(pr.fc.weight.value.data[0] * (1 - 0.001) - 0.01 * (g[0] > 0 ? 1 : -1)).epsilon(1e-5));
  const FloatVec bias_before = pr.fc.bias.value.data, bias_grad = pr.fc.bias.grad.data;
  Optimizer opt = make_optimizer(Method::AdamW, h);
  step(opt, ps);
  CHECK(pr.fc.weight.value.data == w);
  // The bias has decay = false: no weight decay, just the Adam step.
  CHECK(pr.fc.bias.value.data[1] ==
        doctest::Approx(bias_before[1] - 0.01 * bias_grad[1] / (std::fabs(bias_grad[1]) + 1e-8)).epsilon(1e-5));
}

TEST_CASE("clipping by global norm rescales every gradient together") {
  Parameter a("a", 1, 2), b("b", 1, 1);
  a.grad.data = {3.f, 0.f};
  b.grad.data = {4.f};
  const ParamList ps = {&a, &b};
  CHECK(clip_grad_norm(ps, 10.0) == doctest::Approx(5.0));
  CHECK(a.grad.data[0] == 3.f);  // below the bound: untouched
  CHECK(clip_grad_norm(ps, 1.0) == doctest::Approx(5.0));
  CHECK(grad_norm(ps) == doctest::Approx(1.0).epsilon(1e-5));
  CHECK(a.grad.data[0] == doctest::Approx(0.6).epsilon(1e-5));
}

TEST_CASE("learning-rate schedules: constant, step, cosine, warm-up") {
  Schedule s;
  s.base_lr = 0.1;
  CHECK(lr_at(s, 500) == 0.1);
  s.kind = Schedule::Kind::Step;
  s.step_size = 10;
  s.gamma = 0.5;
  CHECK(lr_at(s, 9) == doctest::Approx(0.1));
  CHECK(lr_at(s, 25) == doctest::Approx(0.025));
  s.kind = Schedule::Kind::Cosine;
  s.total = 100;
  s.min_lr = 0.01;
  CHECK(lr_at(s, 0) == doctest::Approx(0.1));
  CHECK(lr_at(s, 50) == doctest::Approx(0.055));
  CHECK(lr_at(s, 100) == doctest::Approx(0.01));
  s.warmup = 10;
  CHECK(lr_at(s, 0) == doctest::Approx(0.01));
  CHECK(lr_at(s, 4) == doctest::Approx(0.05));
  CHECK(lr_at(s, 10) == doctest::Approx(0.1));  // cosine starts after warm-up
  CHECK(std::string(schedule_name(Schedule::Kind::Cosine)) == "cosine");
}

TEST_CASE("gradient accumulation over 4 micro-batches of 8 equals one batch of 32") {
  Problem pr;
  ParamList ps;
  nn::collect(pr.fc, ps);
  Tape t;
  pr.loss_and_grad(t, ps);
  const Tensor full = pr.fc.weight.grad;

  zero_grad(ps);
  Accumulation acc{4, 0};
  Tensor xs, ys;
  int steps = 0;
  for (int k = 0; k < 4; ++k) {
    t.reset();
    Var xb = slice_rows(t, t.constant(pr.x), 8 * k, 8);
    Var yb = slice_rows(t, t.constant(pr.y), 8 * k, 8);
    t.backward(scale(t, mse(t, nn::forward(t, pr.fc, xb), yb), acc.loss_scale()));
    steps += acc.add();
  }
  CHECK(steps == 1);
  CHECK(acc.seen == 0);
  CHECK(max_abs_diff(full, pr.fc.weight.grad) < 1e-6);
}
