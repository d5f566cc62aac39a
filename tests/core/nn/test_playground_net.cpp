// The playground network: the bench's reference numbers, gradients against the tape (autograd) version of
// the same network and against finite differences, features, regularisation and the flat parameter view.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/data/points_csv.h"
#include "core/nn/playground_net.h"
#include "core/tensor/ops.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::nn;

namespace {
PlaygroundNet bench_net() {
  SplitMix64 rng(42);
  return make_playground_net(PlaygroundConfig{}, rng);
}

// The same network on the tape: inputs n×features, weights transposed to in×out.
struct TapeVersion {
  std::vector<tensor::Parameter> w, b;
  tensor::Tensor x, y;
  Activation hidden, output;
  explicit TapeVersion(const PlaygroundNet& net, const data::Points2D& pts, int n) {
    hidden = net.activation, output = net.output;
    x = tensor::Tensor(n, net.inputs);
    for (int k = 0; k < n; ++k) playground_features(net, pts.xy[2 * k], pts.xy[2 * k + 1], x.row(k));
    y = tensor::Tensor(n, 1);
    for (int k = 0; k < n; ++k) y.data[static_cast<size_t>(k)] = pts.label[static_cast<size_t>(k)];
    for (int l = 0; l < net.layers; ++l) {
      const int in = net.width[static_cast<size_t>(l)], out = net.width[static_cast<size_t>(l + 1)];
      w.emplace_back("w" + std::to_string(l), in, out);
      b.emplace_back("b" + std::to_string(l), 1, out);
      for (int j = 0; j < out; ++j) {
        b.back().value(0, j) = net.b[l][j];
        for (int i = 0; i < in; ++i) w.back().value(i, j) = net.w[l][j][i];
      }
    }
  }
  tensor::Var loss(tensor::Tape& t) {
    tensor::Var h = t.constant(x);
    for (size_t l = 0; l < w.size(); ++l)
      h = tensor::activate(t, tensor::linear(t, h, t.param(w[l]), t.param(b[l])), l + 1 == w.size() ? output : hidden);
    return tensor::scale(t, tensor::mse(t, h, t.constant(y)), 0.5f);
  }
};
}  // namespace

TEST_CASE("playground MLP reproduces the bench's reference runs A, B and the grid") {
  const data::Points2D pts = data::make_spiral(500, 0.1, 2016);
  PlaygroundWorkspace ws;
  PlaygroundNet a = bench_net();
  for (int k = 0; k < 1000; ++k) {
    const int start = 10 * (k % 50);
    train_step(a, pts.xy.data() + 2 * start, pts.label.data() + start, 10, 0.03f, ws);
  }
  const PlaygroundEval ea = evaluate(a, pts.xy.data(), pts.label.data(), 500, ws);
  CHECK(std::fabs(ea.loss - 0.475376) < 1e-4);
  CHECK(ea.accuracy == doctest::Approx(0.576));

  PlaygroundNet b = bench_net();
  for (int k = 0; k < 1000; ++k) train_step(b, pts.xy.data(), pts.label.data(), 500, 0.03f, ws);
  const PlaygroundEval eb = evaluate(b, pts.xy.data(), pts.label.data(), 500, ws);
  CHECK(std::fabs(eb.loss - 0.472946) < 1e-4);
  CHECK(eb.accuracy == doctest::Approx(0.574));

  std::vector<float> grid(100 * 100);
  predict_grid(a, 100, -6.f, 6.f, grid.data(), ws);
  double sum = 0;
  int positive = 0;
  for (float v : grid) sum += v, positive += v >= 0.f;
  CHECK(std::fabs(sum - (-118.4253)) < 0.01);
  CHECK(positive == 4930);
  MESSAGE("A loss " << ea.loss << " acc " << ea.accuracy << "; B loss " << eb.loss << " acc " << eb.accuracy
                    << "; grid sum " << sum << ", " << positive << " cells ≥ 0");
}

TEST_CASE("playground gradients equal the tape's for every architecture option") {
  const data::Points2D pts = data::make_spiral(40, 0.1, 7);
  const Activation acts[] = {Activation::Tanh, Activation::ReLU, Activation::Sigmoid, Activation::Linear};
  for (Activation act : acts)
    for (int depth : {0, 1, 3, 6}) {
      PlaygroundConfig c;
      c.features = {PlaygroundFeature::X1, PlaygroundFeature::X2, PlaygroundFeature::X1Squared,
                    PlaygroundFeature::X2Squared, PlaygroundFeature::X1TimesX2, PlaygroundFeature::SinX1,
                    PlaygroundFeature::SinX2};
      c.hidden.clear();
      for (int l = 0; l < depth; ++l) c.hidden.push_back(1 + (l * 3 + 4) % 8);
      c.activation = act;
      c.output = act == Activation::Linear ? Activation::Linear : Activation::Tanh;
      SplitMix64 rng(3);
      PlaygroundNet net = make_playground_net(c, rng);
      PlaygroundWorkspace ws;
      for (int n : {1, 17, 40}) {
        const float loss = compute_gradients(net, pts.xy.data(), pts.label.data(), n, ws);
        TapeVersion tv(net, pts, n);
        tensor::Tape t;
        tensor::Var l = tv.loss(t);
        t.backward(l);
        INFO("activation " << tensor::activation_name(act) << ", " << depth << " hidden layers, batch " << n);
        CHECK(loss == doctest::Approx(t.value(l).data[0]).epsilon(1e-5));
        double worst = 0;
        for (int layer = 0; layer < net.layers; ++layer)
          for (int j = 0; j < net.width[static_cast<size_t>(layer + 1)]; ++j) {
            worst = std::max(worst, static_cast<double>(std::fabs(net.gb[layer][j] - tv.b[static_cast<size_t>(layer)].grad(0, j))));
            for (int i = 0; i < net.width[static_cast<size_t>(layer)]; ++i)
              worst = std::max(worst, static_cast<double>(std::fabs(net.gw[layer][j][i] - tv.w[static_cast<size_t>(layer)].grad(i, j))));
          }
        CHECK(worst < 1e-5);
      }
    }
}

TEST_CASE("playground gradients match finite differences of the loss") {
  const data::Points2D pts = data::make_spiral(30, 0.1, 9);
  PlaygroundConfig c;
  c.hidden = {5, 3};
  SplitMix64 rng(11);
  PlaygroundNet net = make_playground_net(c, rng);
  PlaygroundWorkspace ws;
  compute_gradients(net, pts.xy.data(), pts.label.data(), 30, ws);
  const size_t np = parameter_count(net);
  CHECK(np == 5 * 3 + 3 * 6 + 1 * 4);
  std::vector<float> theta(np), grad(np);
  get_parameters(net, theta.data());
  get_gradients(net, grad.data());
  double worst = 0;
  for (size_t k = 0; k < np; ++k) {
    const float eps = 1e-3f;
    std::vector<float> p = theta;
    p[k] = theta[k] + eps;
    set_parameters(net, p.data());
    const double up = evaluate(net, pts.xy.data(), pts.label.data(), 30, ws).loss;
    p[k] = theta[k] - eps;
    set_parameters(net, p.data());
    const double down = evaluate(net, pts.xy.data(), pts.label.data(), 30, ws).loss;
    const double numeric = (up - down) / (2 * eps);
    worst = std::max(worst, std::fabs(numeric - grad[k]) / (5e-4 + 2e-2 * std::fabs(numeric)));
  }
  CHECK(worst <= 1.0);
  set_parameters(net, theta.data());
  CHECK(parameter_name(net, 0) == "w1[0][0]");
  CHECK(parameter_name(net, 10) == "b1[0]");
  CHECK(parameter_name(net, np - 1) == "b3[0]");
}

TEST_CASE("playground regularisation: L2 shrinks weights, L1 lands on zero instead of crossing it") {
  PlaygroundConfig c;
  c.hidden = {2};
  c.regularization = Regularization::L2;
  c.regularization_rate = 0.5f;
  SplitMix64 rng(1);
  PlaygroundNet net = make_playground_net(c, rng);
  std::memset(net.gw, 0, sizeof net.gw);
  std::memset(net.gb, 0, sizeof net.gb);
  const float w0 = net.w[0][0][0];
  sgd_update(net, 0.1f);
  CHECK(net.w[0][0][0] == doctest::Approx(w0 * (1 - 0.05f)));
  net.regularization = Regularization::L1;
  net.w[0][0][0] = 0.01f;
  net.w[0][1][0] = 0.5f;
  sgd_update(net, 0.1f);
  CHECK(net.w[0][0][0] == 0.f);  // 0.01 − 0.05 would cross zero
  CHECK(net.w[0][1][0] == doctest::Approx(0.45f));
  CHECK(net.b[0][0] == 0.1f);    // biases are not regularised
}

TEST_CASE("neuron thumbnails: every neuron's output over the grid") {
  PlaygroundNet net = bench_net();
  PlaygroundWorkspace ws;
  std::vector<float> all, out(25);
  neuron_grid(net, 5, -1.f, 1.f, all, ws);
  CHECK(neuron_count(net) == 2 + 8 + 8 + 1);
  CHECK(all.size() == 19u * 25u);
  predict_grid(net, 5, -1.f, 1.f, out.data(), ws);
  for (int k = 0; k < 25; ++k) CHECK(all[18 * 25 + static_cast<size_t>(k)] == out[static_cast<size_t>(k)]);
  // Neuron 0 is the x1 input: column j has x = −1 + 2j/4; neuron 1 is x2, constant along a row.
  CHECK(all[0 * 25 + 2 * 5 + 3] == doctest::Approx(0.5));
  CHECK(all[1 * 25 + 2 * 5 + 3] == doctest::Approx(0.0));
}
