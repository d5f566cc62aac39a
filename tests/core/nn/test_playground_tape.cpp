// The playground network on the engine's tape: without a norm it is the fast network (same loss and
// gradients); with layer or batch norm its gradients match finite differences and the normalised outputs
// have the statistics the norm promises.
#include <doctest/doctest.h>

#include <cmath>

#include "core/data/points_csv.h"
#include "core/nn/playground_tape.h"
#include "core/tensor/grad_check.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::nn;

namespace {
PlaygroundNet small_net() {
  PlaygroundConfig c;
  c.hidden = {5, 4};
  c.features = {PlaygroundFeature::X1, PlaygroundFeature::X2, PlaygroundFeature::X1TimesX2};
  SplitMix64 rng(3);
  return make_playground_net(c, rng);
}
}  // namespace

TEST_CASE("playground tape net without a norm has the fast network's loss and gradients") {
  PlaygroundNet net = small_net();
  const data::Points2D pts = data::make_spiral(16, 0.1, 5);
  PlaygroundTapeNet t = make_tape_net(net, PlaygroundNorm::None);
  tensor::Tape tape;
  tensor::Tensor features;
  const float tape_loss = tape_gradients(tape, t, net, pts.xy.data(), pts.label.data(), 16, features);
  PlaygroundWorkspace ws;
  const float fast_loss = compute_gradients(net, pts.xy.data(), pts.label.data(), 16, ws);
  CHECK(tape_loss == doctest::Approx(fast_loss).epsilon(1e-5));
  PlaygroundNet copy = net;
  store_weights(t, copy, true);
  for (int l = 0; l < net.layers; ++l)
    for (int j = 0; j < net.width[static_cast<size_t>(l + 1)]; ++j) {
      CHECK(copy.gb[l][j] == doctest::Approx(net.gb[l][j]).epsilon(1e-4));
      for (int i = 0; i < net.width[static_cast<size_t>(l)]; ++i)
        CHECK(copy.gw[l][j][i] == doctest::Approx(net.gw[l][j][i]).epsilon(1e-4));
    }
  std::vector<float> grid, fast;
  tape_neuron_grid(tape, t, net, 6, -6, 6, grid, features);
  neuron_grid(net, 6, -6, 6, fast, ws);
  REQUIRE(grid.size() == fast.size());
  for (size_t k = 0; k < grid.size(); ++k) CHECK(grid[k] == doctest::Approx(fast[k]).epsilon(1e-4));
}

TEST_CASE("playground tape net with layer or batch norm: gradients match finite differences") {
  for (PlaygroundNorm norm : {PlaygroundNorm::Layer, PlaygroundNorm::Batch}) {
    const PlaygroundNet net = small_net();
    const data::Points2D pts = data::make_spiral(12, 0.1, 9);
    PlaygroundTapeNet t = make_tape_net(net, norm);
    tensor::ParamList params;
    collect(t, params);
    CHECK(params.size() == 2 * 3 + 2 * 2);  // weights and biases of 3 layers, γ and β of 2 norms
    tensor::Tensor features, labels(12, 1);
    feature_matrix(net, pts.xy.data(), 12, features);
    for (int k = 0; k < 12; ++k) labels(k, 0) = pts.label[static_cast<size_t>(k)];
    const tensor::GradCheckReport r = tensor::grad_check(params, [&](tensor::Tape& tape) {
      const PlaygroundTapeForward f = tape_forward(tape, t, net, features, true);
      return tensor::mse(tape, f.output, tape.constant(labels));
    });
    CHECK_MESSAGE(r.ok, norm_name(norm), ": ", r.summary());
    CHECK(r.max_abs_grad > 1e-3);
  }
}

TEST_CASE("batch norm makes each neuron's batch mean 0 and variance 1, layer norm each point's") {
  const PlaygroundNet net = small_net();
  const data::Points2D pts = data::make_spiral(20, 0.1, 11);
  for (PlaygroundNorm norm : {PlaygroundNorm::Layer, PlaygroundNorm::Batch}) {
    PlaygroundTapeNet t = make_tape_net(net, norm);
    tensor::Tape tape;
    tensor::Tensor features;
    feature_matrix(net, pts.xy.data(), 20, features);
    const PlaygroundTapeForward f = tape_forward(tape, t, net, features, true);
    REQUIRE(f.post_norm.size() == 2);
    const tensor::Tensor& z = tape.value(f.post_norm[0]);
    if (norm == PlaygroundNorm::Batch) {
      for (int j = 0; j < z.cols; ++j) {
        double m = 0, v = 0;
        for (int i = 0; i < z.rows; ++i) m += z(i, j);
        m /= z.rows;
        for (int i = 0; i < z.rows; ++i) v += (z(i, j) - m) * (z(i, j) - m);
        CHECK(m == doctest::Approx(0).epsilon(1e-4));
        CHECK(v / z.rows == doctest::Approx(1).epsilon(1e-2));
      }
    } else {
      for (int i = 0; i < z.rows; ++i) {
        double m = 0;
        for (int j = 0; j < z.cols; ++j) m += z(i, j);
        CHECK(m / z.cols == doctest::Approx(0).epsilon(1e-4));
      }
    }
  }
  PlaygroundNorm parsed;
  CHECK(parse_norm("batch", &parsed));
  CHECK(parsed == PlaygroundNorm::Batch);
  CHECK_FALSE(parse_norm("group", &parsed));
}

TEST_CASE("training keeps activations for backward, inference none, and they grow with the batch") {
  const PlaygroundNet net = small_net();
  const PlaygroundMemory a = playground_memory(net, PlaygroundNorm::None, optim::Method::Adam, 10);
  const PlaygroundMemory b = playground_memory(net, PlaygroundNorm::None, optim::Method::Adam, 40);
  CHECK(a.parameters == parameter_count(net));
  CHECK(a.gradient_bytes == a.parameter_bytes);
  CHECK(a.optimizer_bytes == 2 * a.parameter_bytes);  // Adam: two moments
  CHECK(playground_memory(net, PlaygroundNorm::None, optim::Method::SGD, 10).optimizer_bytes == 0);
  CHECK(a.activation_bytes_train > 0);
  CHECK(a.activation_bytes_inference == 0);
  // Activations scale with the batch (weights, kept as constants, do not count).
  CHECK(b.activation_bytes_train == doctest::Approx(4.0 * a.activation_bytes_train).epsilon(0.1));
  CHECK(b.inference_live_bytes == 4 * a.inference_live_bytes);
}

TEST_CASE("gradient accumulation equals the full batch's gradient except under batch norm") {
  const PlaygroundNet net = small_net();
  const data::Points2D pts = data::make_spiral(40, 0.1, 13);
  const AccumulationCheck none = check_accumulation(net, PlaygroundNorm::None, pts.xy.data(), pts.label.data(), 40, 4);
  CHECK(none.max_abs_gradient > 1e-3);
  CHECK(none.max_abs_difference < 1e-5);
  CHECK(none.loss_accumulated == doctest::Approx(none.loss_full).epsilon(1e-5));
  CHECK(none.activation_bytes_micro * 3 < none.activation_bytes_full);
  const AccumulationCheck layer = check_accumulation(net, PlaygroundNorm::Layer, pts.xy.data(), pts.label.data(), 40, 4);
  CHECK(layer.max_abs_difference < 1e-5);
  const AccumulationCheck batch = check_accumulation(net, PlaygroundNorm::Batch, pts.xy.data(), pts.label.data(), 40, 4);
  CHECK(batch.max_abs_difference > 1e-3);
}
