#include "core/nn/playground_tape.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/util/assert.h"

namespace attend::nn {

const char* norm_name(PlaygroundNorm norm) {
  switch (norm) {
    case PlaygroundNorm::None: return "none";
    case PlaygroundNorm::Layer: return "layer";
    case PlaygroundNorm::Batch: return "batch";
  }
  return "?";
}

bool parse_norm(const std::string& name, PlaygroundNorm* out) {
  for (PlaygroundNorm n : {PlaygroundNorm::None, PlaygroundNorm::Layer, PlaygroundNorm::Batch})
    if (name == norm_name(n)) {
      *out = n;
      return true;
    }
  return false;
}

PlaygroundTapeNet make_tape_net(const PlaygroundNet& net, PlaygroundNorm norm) {
  PlaygroundTapeNet t;
  t.norm = norm;
  for (int l = 0; l < net.layers; ++l) {
    const int in = net.width[static_cast<size_t>(l)], out = net.width[static_cast<size_t>(l + 1)];
    t.weight.emplace_back("layer" + std::to_string(l + 1) + ".weight", in, out);
    t.bias.emplace_back("layer" + std::to_string(l + 1) + ".bias", 1, out);
    t.bias.back().decay = false;
    if (l + 1 < net.layers) {
      const std::string name = "layer" + std::to_string(l + 1) + ".norm";
      if (norm == PlaygroundNorm::Layer) t.layer_norms.push_back(make_layer_norm(name, out));
      if (norm == PlaygroundNorm::Batch) t.batch_norms.push_back(make_batch_norm(name, out));
    }
  }
  load_weights(t, net);
  return t;
}

void load_weights(PlaygroundTapeNet& t, const PlaygroundNet& net) {
  ATTEND_ASSERT(static_cast<int>(t.weight.size()) == net.layers, "load_weights: the tape net has another architecture");
  for (int l = 0; l < net.layers; ++l) {
    Tensor& w = t.weight[static_cast<size_t>(l)].value;
    Tensor& b = t.bias[static_cast<size_t>(l)].value;
    for (int j = 0; j < w.cols; ++j) {
      b(0, j) = net.b[l][j];
      for (int i = 0; i < w.rows; ++i) w(i, j) = net.w[l][j][i];
    }
  }
}

void store_weights(const PlaygroundTapeNet& t, PlaygroundNet& net, bool grads) {
  ATTEND_ASSERT(static_cast<int>(t.weight.size()) == net.layers, "store_weights: the tape net has another architecture");
  for (int l = 0; l < net.layers; ++l) {
    const Parameter& w = t.weight[static_cast<size_t>(l)];
    const Parameter& b = t.bias[static_cast<size_t>(l)];
    for (int j = 0; j < w.value.cols; ++j) {
      net.b[l][j] = b.value(0, j);
      if (grads && b.grad.size() == b.value.size()) net.gb[l][j] = b.grad(0, j);
      for (int i = 0; i < w.value.rows; ++i) {
        net.w[l][j][i] = w.value(i, j);
        if (grads && w.grad.size() == w.value.size()) net.gw[l][j][i] = w.grad(i, j);
      }
    }
  }
}

void collect(PlaygroundTapeNet& t, ParamList& out) {
  for (size_t l = 0; l < t.weight.size(); ++l) {
    out.push_back(&t.weight[l]);
    out.push_back(&t.bias[l]);
  }
  for (LayerNorm& ln : t.layer_norms) collect(ln, out);
  for (BatchNorm& bn : t.batch_norms) collect(bn, out);
}

void feature_matrix(const PlaygroundNet& shape, const float* xy, int n, Tensor& out) {
  out.resize(n, shape.inputs);
  for (int k = 0; k < n; ++k) playground_features(shape, xy[2 * k], xy[2 * k + 1], out.row(k));
}

PlaygroundTapeForward tape_forward(Tape& tape, PlaygroundTapeNet& t, const PlaygroundNet& shape, const Tensor& features,
                                   bool training) {
  ATTEND_ASSERT(static_cast<int>(t.weight.size()) == shape.layers, "tape_forward: the tape net has another architecture");
  PlaygroundTapeForward f;
  Var h = tape.constant(features);
  f.activations.push_back(h);
  for (int l = 0; l < shape.layers; ++l) {
    const size_t k = static_cast<size_t>(l);
    Var z = tensor::linear(tape, h, tape.param(t.weight[k]), tape.param(t.bias[k]));
    const bool hidden = l + 1 < shape.layers;
    if (hidden && t.norm != PlaygroundNorm::None) {
      f.pre_norm.push_back(z);
      if (t.norm == PlaygroundNorm::Layer) z = forward(tape, t.layer_norms[k], z);
      else z = forward(tape, t.batch_norms[k], z, training);
      f.post_norm.push_back(z);
    }
    h = tensor::activate(tape, z, hidden ? shape.activation : shape.output);
    f.activations.push_back(h);
  }
  f.output = h;
  return f;
}

float tape_gradients(Tape& tape, PlaygroundTapeNet& t, const PlaygroundNet& shape, const float* xy, const float* labels,
                     int n, Tensor& features) {
  ATTEND_ASSERT(n > 0, "tape_gradients: empty batch");
  tape.reset();
  tape.set_grad_enabled(true);
  ParamList params;
  collect(t, params);
  tensor::zero_grad(params);
  feature_matrix(shape, xy, n, features);
  Var target = tape.input(n, 1);
  std::memcpy(tape.value_mut(target).ptr(), labels, sizeof(float) * static_cast<size_t>(n));
  const PlaygroundTapeForward f = tape_forward(tape, t, shape, features, true);
  // mse is mean (out − y)²: half of it is Playground's ½(out − y)² averaged.
  Var loss = tensor::scale(tape, tensor::mse(tape, f.output, target), 0.5f);
  tape.backward(loss);
  return tape.value(loss)(0, 0);
}

void tape_predict(Tape& tape, PlaygroundTapeNet& t, const PlaygroundNet& shape, const float* xy, int n, float* out,
                  Tensor& features) {
  tape.reset();
  tape.set_grad_enabled(false);
  feature_matrix(shape, xy, n, features);
  const PlaygroundTapeForward f = tape_forward(tape, t, shape, features, false);
  const Tensor& v = tape.value(f.output);
  for (int k = 0; k < n; ++k) out[k] = v(k, 0);
  tape.set_grad_enabled(true);
}

void tape_neuron_grid(Tape& tape, PlaygroundTapeNet& t, const PlaygroundNet& shape, int res, float lo, float hi,
                      std::vector<float>& out, Tensor& features) {
  ATTEND_ASSERT(res >= 2, "tape_neuron_grid: resolution of at least 2");
  const size_t cells = static_cast<size_t>(res) * res;
  std::vector<float> xy(2 * cells);
  for (int i = 0; i < res; ++i)
    for (int j = 0; j < res; ++j) {
      const size_t c = static_cast<size_t>(i) * res + j;
      xy[2 * c] = static_cast<float>(lo + (static_cast<double>(hi) - lo) * j / (res - 1));
      xy[2 * c + 1] = static_cast<float>(lo + (static_cast<double>(hi) - lo) * i / (res - 1));
    }
  tape.reset();
  tape.set_grad_enabled(false);
  feature_matrix(shape, xy.data(), static_cast<int>(cells), features);
  const PlaygroundTapeForward f = tape_forward(tape, t, shape, features, false);
  out.resize(cells * static_cast<size_t>(neuron_count(shape)));
  size_t neuron = 0;
  for (const Var& a : f.activations) {
    const Tensor& v = tape.value(a);
    for (int j = 0; j < v.cols; ++j, ++neuron)
      for (size_t c = 0; c < cells; ++c) out[neuron * cells + c] = v(static_cast<int>(c), j);
  }
  tape.set_grad_enabled(true);
}

namespace {

std::vector<float> flat_grads(PlaygroundTapeNet& t) {
  ParamList params;
  collect(t, params);
  std::vector<float> out;
  for (const Parameter* p : params)
    for (size_t i = 0; i < p->value.size(); ++i) out.push_back(p->grad.size() == p->value.size() ? p->grad.data[i] : 0.f);
  return out;
}

}  // namespace

PlaygroundMemory playground_memory(const PlaygroundNet& net, PlaygroundNorm norm, optim::Method method, int batch) {
  ATTEND_ASSERT(batch >= 1, "playground_memory: a batch of at least one point");
  PlaygroundMemory m;
  PlaygroundTapeNet t = make_tape_net(net, norm);
  ParamList params;
  collect(t, params);
  m.parameters = tensor::count_elements(params);
  m.parameter_bytes = m.gradient_bytes = m.parameters * sizeof(float);
  const int states = (optim::uses_first_moment(method) ? 1 : 0) + (optim::uses_second_moment(method) ? 1 : 0);
  m.optimizer_bytes = static_cast<size_t>(states) * m.parameter_bytes;
  // The counts depend on shapes only: any points will do.
  std::vector<float> xy(2 * static_cast<size_t>(batch)), labels(static_cast<size_t>(batch));
  for (int k = 0; k < batch; ++k) {
    xy[2 * static_cast<size_t>(k)] = 0.01f * static_cast<float>(k % 97) - 0.5f;
    xy[2 * static_cast<size_t>(k) + 1] = 0.5f - 0.013f * static_cast<float>(k % 89);
    labels[static_cast<size_t>(k)] = (k % 2) ? 1.f : -1.f;
  }
  Tape tape;
  Tensor features;
  (void)tape_gradients(tape, t, net, xy.data(), labels.data(), batch, features);
  m.activation_bytes_train = tape.activation_bytes();
  std::vector<float> out(static_cast<size_t>(batch));
  tape_predict(tape, t, net, xy.data(), batch, out.data(), features);
  tape.set_grad_enabled(false);  // tape_predict re-enables grad on return; the count reads its graph as it ran
  m.activation_bytes_inference = tape.activation_bytes();
  tape.set_grad_enabled(true);
  size_t widest = 0;
  for (int l = 0; l < net.layers; ++l)
    widest = std::max(widest, static_cast<size_t>(net.width[static_cast<size_t>(l)] + net.width[static_cast<size_t>(l + 1)]));
  m.inference_live_bytes = widest * static_cast<size_t>(batch) * sizeof(float);
  return m;
}

AccumulationCheck check_accumulation(const PlaygroundNet& net, PlaygroundNorm norm, const float* xy, const float* labels,
                                     int n, int micro) {
  ATTEND_ASSERT(n >= 1 && micro >= 1 && micro <= n, "check_accumulation: 1 ≤ micro ≤ n");
  AccumulationCheck c;
  c.micro = micro;
  PlaygroundTapeNet t = make_tape_net(net, norm);
  Tape tape;
  Tensor features;
  c.loss_full = tape_gradients(tape, t, net, xy, labels, n, features);
  c.activation_bytes_full = tape.activation_bytes();
  const std::vector<float> full = flat_grads(t);
  std::vector<double> acc(full.size(), 0.0);
  int begin = 0;
  for (int k = 0; k < micro; ++k) {
    const int end = static_cast<int>((static_cast<int64_t>(n) * (k + 1)) / micro);
    const int size = end - begin;
    if (size <= 0) continue;
    PlaygroundTapeNet part = make_tape_net(net, norm);  // the same weights; fresh running statistics
    const float loss = tape_gradients(tape, part, net, xy + 2 * static_cast<size_t>(begin), labels + begin, size, features);
    c.activation_bytes_micro = std::max(c.activation_bytes_micro, tape.activation_bytes());
    const double share = static_cast<double>(size) / n;
    c.loss_accumulated += share * loss;
    const std::vector<float> g = flat_grads(part);
    for (size_t i = 0; i < g.size(); ++i) acc[i] += share * g[i];
    begin = end;
  }
  for (size_t i = 0; i < full.size(); ++i) {
    c.max_abs_difference = std::max(c.max_abs_difference, std::abs(acc[i] - full[i]));
    c.max_abs_gradient = std::max(c.max_abs_gradient, static_cast<double>(std::abs(full[i])));
  }
  return c;
}

}  // namespace attend::nn
