#include "core/train/mlp_trainer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/util/rng.h"

namespace attend::train {
namespace {

constexpr tensor::Activation kActivations[4] = {tensor::Activation::ReLU, tensor::Activation::Tanh,
                                                tensor::Activation::Sigmoid, tensor::Activation::Linear};

bool uses_tape(const MlpModel& m) { return m.config.norm != nn::PlaygroundNorm::None; }

void reset_optimizer(MlpModel& m) {
  const size_t n = nn::parameter_count(m.net);
  m.opt_m.assign(n, 0.f);
  m.opt_s.assign(n, 0.f);
  m.flat_p.assign(n, 0.f);
  m.flat_g.assign(n, 0.f);
  m.opt_t = 0;
  optim::Hyper h = m.config.hyper;
  h.lr = m.config.lr;
  h.weight_decay = 0;  // regularisation is Playground's own step, after the update
  m.tape_opt = optim::make_optimizer(m.config.optimizer, h);
}

// Fast path with an optimizer other than SGD: the update rule on the flat parameter vector, then
// Playground's regularisation.
void optimizer_update(MlpModel& m) {
  m.tape_opt.hyper.lr = m.config.lr;
  nn::get_parameters(m.net, m.flat_p.data());
  nn::get_gradients(m.net, m.flat_g.data());
  ++m.opt_t;
  optim::apply_update(m.config.optimizer, m.tape_opt.hyper, m.flat_p.data(), m.flat_g.data(), m.opt_m.data(),
                      m.opt_s.data(), m.flat_p.size(), m.opt_t);
  nn::set_parameters(m.net, m.flat_p.data());
  nn::apply_regularization(m.net, m.config.lr);
}

double tape_step(MlpModel& m, const float* xy, const float* labels, int n) {
  const float loss = nn::tape_gradients(*m.tape, m.tape_net, m.net, xy, labels, n, *m.features);
  tensor::ParamList params;
  nn::collect(m.tape_net, params);
  m.tape_opt.hyper.lr = m.config.lr;
  optim::step(m.tape_opt, params);
  // Regularise the weights exactly as the fast path does, in the fast layout the diagram reads.
  nn::store_weights(m.tape_net, m.net, true);
  nn::apply_regularization(m.net, m.config.lr);
  nn::load_weights(m.tape_net, m.net);
  return loss;
}

struct Eval {
  double loss = 0, accuracy = 0;
};

Eval evaluate_points(const MlpModel& m, const data::Points2D& d, nn::PlaygroundWorkspace& ws, tensor::Tape& tape,
                     tensor::Tensor& features) {
  Eval e;
  if (d.size() == 0) return e;
  if (!uses_tape(m)) {
    const nn::PlaygroundEval r = nn::evaluate(m.net, d.xy.data(), d.label.data(), d.size(), ws);
    return {r.loss, r.accuracy};
  }
  std::vector<float> out(static_cast<size_t>(d.size()));
  nn::PlaygroundTapeNet copy = m.tape_net;  // eval mode reads the running statistics and changes nothing
  nn::tape_predict(tape, copy, m.net, d.xy.data(), d.size(), out.data(), features);
  for (int k = 0; k < d.size(); ++k) {
    const double err = static_cast<double>(out[static_cast<size_t>(k)]) - d.label[static_cast<size_t>(k)];
    e.loss += 0.5 * err * err;
    e.accuracy += ((out[static_cast<size_t>(k)] >= 0.f) == (d.label[static_cast<size_t>(k)] > 0.f)) ? 1 : 0;
  }
  e.loss /= d.size();
  e.accuracy /= d.size();
  return e;
}

std::vector<nn::PlaygroundFeature> features_from_mask(int mask) {
  std::vector<nn::PlaygroundFeature> f;
  for (int k = 0; k < nn::kPlaygroundFeatures; ++k)
    if (mask & (1 << k)) f.push_back(static_cast<nn::PlaygroundFeature>(k));
  return f;
}

// Rebuilds the network after a structural change (same seed: the person compares architectures, not draws).
void rebuild(MlpModel& m) { reset(m, m.seed); }

}  // namespace

Status apply_data(MlpTrainerConfig& c, const data::PlaygroundDataSpec& spec) {
  Result<data::PlaygroundData> d = data::make_playground_data(spec);
  if (!d) return d.error();
  c.train = std::move(d->train);
  c.test = std::move(d->test);
  c.data_description = d->description;
  c.net.output = d->regression ? tensor::Activation::Linear : tensor::Activation::Tanh;
  c.grid_lo = -d->extent;
  c.grid_hi = d->extent;
  return Ok{};
}

MlpModel make_mlp_model(const MlpTrainerConfig& c) {
  MlpModel m;
  configure(m, c, 0);
  return m;
}

void reset(MlpModel& m, uint64_t seed) {
  SplitMix64 rng(seed);
  m.seed = seed;
  m.net = nn::make_playground_net(m.config.net, rng);
  if (uses_tape(m)) m.tape_net = nn::make_tape_net(m.net, m.config.norm);
  else m.tape_net = {};
  reset_optimizer(m);
  m.cursor = 0;
  m.updates = 0;
  m.last_loss = 0;
  m.diverged = false;
}

void configure(MlpModel& m, const MlpTrainerConfig& c, uint64_t seed) {
  m.config = c;
  m.shown_train = std::make_shared<const data::Points2D>(c.train);
  m.shown_test = std::make_shared<const data::Points2D>(c.test);
  reset(m, seed);
}

Status set_data(MlpModel& m, const data::PlaygroundDataSpec& spec) {
  MlpTrainerConfig next = m.config;
  if (Status st = apply_data(next, spec); !st) return st;
  m.spec = spec;
  configure(m, next, m.seed);
  return Ok{};
}

std::string step_problem(const MlpModel& m) {
  char buf[256];
  if (m.config.train.size() == 0) return "there are no training points";
  if (m.diverged) {
    std::snprintf(buf, sizeof buf,
                  "diverged at step %lld: the loss or a weight became NaN or infinite. Lower the learning rate "
                  "(now %g) and press Reset.",
                  static_cast<long long>(m.updates), static_cast<double>(m.config.lr));
    return buf;
  }
  const int batch = std::clamp(m.config.batch_size, 1, std::max(1, m.config.train.size()));
  if (m.config.norm == nn::PlaygroundNorm::Batch && batch < 2)
    return "batch norm needs at least 2 examples per batch: with one, every neuron's batch variance is 0 and its "
           "normalised output is always β. Raise the batch size or switch to layer norm.";
  return "";
}

double train_step(MlpModel& m) {
  const data::Points2D& d = m.config.train;
  const int n = d.size();
  if (n == 0 || !step_problem(m).empty()) return std::nan("");
  const int batch = std::clamp(m.config.batch_size, 1, n);
  if (m.cursor + batch > n) m.cursor = 0;  // the last partial batch of an epoch is skipped, as in the bench
  const float* xy = d.xy.data() + 2 * m.cursor;
  const float* labels = d.label.data() + m.cursor;
  double loss;
  if (uses_tape(m)) {
    loss = tape_step(m, xy, labels, batch);
  } else if (m.config.optimizer == optim::Method::SGD) {
    loss = nn::train_step(m.net, xy, labels, batch, m.config.lr, *m.ws);  // Playground's exact arithmetic
  } else {
    loss = nn::compute_gradients(m.net, xy, labels, batch, *m.ws);
    optimizer_update(m);
  }
  m.cursor += batch;
  if (m.cursor >= n) m.cursor = 0;
  ++m.updates;
  m.last_loss = loss;
  if (!std::isfinite(loss) || !nn::parameters_finite(m.net)) m.diverged = true;
  return loss;
}

std::string mlp_hyper_names() {
  return "lr, batch_size, regularization, regularization_rate, optimizer, momentum, beta1, beta2, activation, norm, "
         "layers, layer1 … layer6, features, dataset, noise, train_ratio, data_seed";
}

bool set_mlp_hyper(MlpModel& m, const std::string& name, double v) {
  MlpTrainerConfig& c = m.config;
  const int k = static_cast<int>(v);
  const bool integral = v == std::floor(v);
  if (name == "lr") {
    if (!(v > 0 && std::isfinite(v))) return false;
    c.lr = static_cast<float>(v);
  } else if (name == "batch_size") {
    if (!(v >= 1 && integral)) return false;
    c.batch_size = std::min(k, 100000);
  } else if (name == "regularization_rate") {
    if (!(v >= 0 && std::isfinite(v))) return false;
    m.net.regularization_rate = c.net.regularization_rate = static_cast<float>(v);
  } else if (name == "regularization") {
    if (k < 0 || k > 2 || !integral) return false;
    m.net.regularization = c.net.regularization = static_cast<nn::Regularization>(k);
  } else if (name == "optimizer") {
    if (k < 0 || k >= optim::kMethodCount || !integral) return false;
    c.optimizer = static_cast<optim::Method>(k);
    // The moments of one method mean nothing to another: start the new one fresh on the current weights.
    const nn::PlaygroundNet keep = m.net;
    reset_optimizer(m);
    m.net = keep;
  } else if (name == "momentum" || name == "beta1" || name == "beta2") {
    if (!(v >= 0 && v < 1)) return false;
    double& field = name == "momentum" ? c.hyper.momentum : name == "beta1" ? c.hyper.beta1 : c.hyper.beta2;
    field = v;
    (name == "momentum" ? m.tape_opt.hyper.momentum : name == "beta1" ? m.tape_opt.hyper.beta1 : m.tape_opt.hyper.beta2) = v;
  } else if (name == "activation") {
    if (k < 0 || k > 3 || !integral) return false;
    c.net.activation = kActivations[k];
    rebuild(m);
  } else if (name == "norm") {
    if (k < 0 || k > 2 || !integral) return false;
    c.norm = static_cast<nn::PlaygroundNorm>(k);
    rebuild(m);
  } else if (name == "layers") {
    if (k < 0 || k > nn::kPlaygroundMaxHidden || !integral) return false;
    c.net.hidden.resize(static_cast<size_t>(k), c.net.hidden.empty() ? 4 : c.net.hidden.back());
    rebuild(m);
  } else if (name.size() == 6 && name.compare(0, 5, "layer") == 0 && name[5] >= '1' && name[5] <= '6') {
    const size_t l = static_cast<size_t>(name[5] - '1');
    if (l >= c.net.hidden.size() || k < 1 || k > nn::kPlaygroundMaxWidth || !integral) return false;
    c.net.hidden[l] = k;
    rebuild(m);
  } else if (name == "features") {
    if (k < 1 || k >= (1 << nn::kPlaygroundFeatures) || !integral) return false;
    c.net.features = features_from_mask(k);
    rebuild(m);
  } else if (name == "dataset" || name == "noise" || name == "train_ratio" || name == "data_seed") {
    data::PlaygroundDataSpec spec = m.spec;
    if (name == "dataset") {
      if (k < 0 || k >= data::kToy2DKindCount || !integral) return false;
      spec.dataset = data::toy2d_name(static_cast<data::Toy2DKind>(k));
    } else if (name == "noise") {
      spec.noise = v;
    } else if (name == "train_ratio") {
      spec.train_fraction = v;
    } else {
      if (!(v >= 0 && integral)) return false;
      spec.seed = static_cast<uint64_t>(v);
    }
    if (!set_data(m, spec)) return false;
  } else {
    return false;
  }
  return true;
}

void set_weight(MlpModel& m, int layer, int out, int in, float value) {
  ATTEND_ASSERT(layer >= 0 && layer < m.net.layers, "set_weight: layer out of range");
  ATTEND_ASSERT(out >= 0 && out < m.net.width[static_cast<size_t>(layer + 1)], "set_weight: neuron out of range");
  ATTEND_ASSERT(in >= -1 && in < m.net.width[static_cast<size_t>(layer)], "set_weight: input out of range");
  if (in < 0) m.net.b[layer][out] = value;
  else m.net.w[layer][out][in] = value;
  if (uses_tape(m)) nn::load_weights(m.tape_net, m.net);
  m.diverged = !nn::parameters_finite(m.net);
}

namespace {

void publish_probe(const MlpModel& m, MlpSnapshot& s, tensor::Tape& tape, tensor::Tensor& features) {
  const data::Points2D& d = m.config.train;
  const int rows = std::min({m.config.probe_rows, std::max(m.config.batch_size, 2), d.size()});
  if (!uses_tape(m) || m.net.layers < 2 || rows < 2) {
    s.probe = {};
    return;
  }
  nn::PlaygroundTapeNet copy = m.tape_net;  // a training-mode forward updates running statistics: not the model's
  tape.reset();
  tape.set_grad_enabled(false);
  nn::feature_matrix(m.net, d.xy.data(), rows, features);
  const nn::PlaygroundTapeForward f = nn::tape_forward(tape, copy, m.net, features, true);
  const tensor::Tensor& before = tape.value(f.pre_norm[0]);
  const tensor::Tensor& after = tape.value(f.post_norm[0]);
  s.probe.rows = before.rows;
  s.probe.cols = before.cols;
  s.probe.before.assign(before.data.begin(), before.data.end());
  s.probe.after.assign(after.data.begin(), after.data.end());
  tape.set_grad_enabled(true);
}

}  // namespace

NormStats norm_stats(const NormProbe& probe, nn::PlaygroundNorm norm) {
  const double nan = std::nan("");
  NormStats out{nan, nan, nan};
  if (norm == nn::PlaygroundNorm::None || probe.rows < 2 || probe.cols < 1) return out;
  const bool by_column = norm == nn::PlaygroundNorm::Batch;
  const int groups = by_column ? probe.cols : probe.rows, members = by_column ? probe.rows : probe.cols;
  auto at = [&](const std::vector<float>& v, int g, int k) {
    return static_cast<double>(by_column ? v[static_cast<size_t>(k) * probe.cols + g] : v[static_cast<size_t>(g) * probe.cols + k]);
  };
  double before = 0, after = 0, mean_after = 0;
  for (int g = 0; g < groups; ++g) {
    double mb = 0, ma = 0;
    for (int k = 0; k < members; ++k) mb += at(probe.before, g, k), ma += at(probe.after, g, k);
    mb /= members, ma /= members;
    double vb = 0, va = 0;
    for (int k = 0; k < members; ++k) {
      vb += (at(probe.before, g, k) - mb) * (at(probe.before, g, k) - mb);
      va += (at(probe.after, g, k) - ma) * (at(probe.after, g, k) - ma);
    }
    before += std::sqrt(vb / members);
    after += std::sqrt(va / members);
    mean_after += std::abs(ma);
  }
  out.before_sd = before / groups;
  out.after_sd = after / groups;
  out.after_mean = mean_after / groups;
  return out;
}

void publish(const MlpModel& m, MlpSnapshot& s) {
  thread_local nn::PlaygroundWorkspace ws;  // publish sees a const model: its own scratch
  thread_local tensor::Tape tape;
  thread_local tensor::Tensor features;
  const MlpTrainerConfig& c = m.config;
  s.net = m.net;
  s.norm = c.norm;
  s.optimizer = c.optimizer;
  s.lr = c.lr;
  s.batch_size = static_cast<float>(c.batch_size);
  s.regression = c.net.output == tensor::Activation::Linear;
  s.diverged = m.diverged;
  s.train = m.shown_train;
  s.test = m.shown_test;
  s.data_description = c.data_description;
  s.parameters = nn::parameter_count(m.net);
  if (uses_tape(m)) {
    tensor::ParamList params;
    nn::collect(const_cast<nn::PlaygroundTapeNet&>(m.tape_net), params);  // counted, not changed
    s.parameters = tensor::count_elements(params);
  }
  s.grid_res = c.grid_res;
  s.grid_lo = c.grid_lo;
  s.grid_hi = c.grid_hi;
  s.thumb_res = c.thumb_res;
  s.grid.resize(static_cast<size_t>(c.grid_res) * c.grid_res);
  if (!uses_tape(m)) {
    nn::predict_grid(m.net, c.grid_res, c.grid_lo, c.grid_hi, s.grid.data(), ws);
    if (c.thumb_res >= 2) nn::neuron_grid(m.net, c.thumb_res, c.grid_lo, c.grid_hi, s.thumbnails, ws);
    else s.thumbnails.clear();
  } else {
    nn::PlaygroundTapeNet copy = m.tape_net;
    std::vector<float> all;
    nn::tape_neuron_grid(tape, copy, m.net, c.grid_res, c.grid_lo, c.grid_hi, all, features);
    const size_t cells = s.grid.size();
    std::copy(all.end() - static_cast<std::ptrdiff_t>(cells), all.end(), s.grid.begin());
    if (c.thumb_res >= 2) nn::tape_neuron_grid(tape, copy, m.net, c.thumb_res, c.grid_lo, c.grid_hi, s.thumbnails, features);
    else s.thumbnails.clear();
  }
  const Eval tr = evaluate_points(m, c.train, ws, tape, features);
  s.train_loss = tr.loss;
  s.train_accuracy = tr.accuracy;
  if (c.train.size() > 0)
    s.epoch = static_cast<double>(m.updates) * std::min(c.batch_size, c.train.size()) / c.train.size();
  const Eval te = evaluate_points(m, c.test, ws, tape, features);
  s.test_loss = te.loss;
  s.test_accuracy = te.accuracy;
  publish_probe(m, s, tape, features);
}

Session<MlpModel, MlpSnapshot>::Hooks mlp_hooks() {
  Session<MlpModel, MlpSnapshot>::Hooks h;
  h.reset = [](MlpModel& m, uint64_t seed) { reset(m, seed); };
  h.step = [](MlpModel& m) {
    StepReport r;
    r.loss = train_step(m);
    r.stop = step_problem(m);
    return r;
  };
  h.set = [](MlpModel& m, const std::string& name, double v) { return set_mlp_hyper(m, name, v); };
  h.publish = [](const MlpModel& m, MlpSnapshot& s) { publish(m, s); };
  h.evaluate = [](MlpModel& m) {
    std::vector<std::pair<std::string, double>> out;
    const MlpTrainerConfig& c = m.config;
    const bool classify = c.net.output != tensor::Activation::Linear;
    if (c.train.size() > 0) {
      const Eval e = evaluate_points(m, c.train, *m.ws, *m.tape, *m.features);
      out.emplace_back("train_loss", e.loss);
      if (classify) out.emplace_back("train_acc", e.accuracy);
    }
    if (c.test.size() > 0) {
      const Eval e = evaluate_points(m, c.test, *m.ws, *m.tape, *m.features);
      out.emplace_back("test_loss", e.loss);
      if (classify) out.emplace_back("test_acc", e.accuracy);
    }
    return out;
  };
  h.evaluate_every = 10;
  // Fifteen pictures a second of a model that takes a thousand steps in that time look continuous; each
  // costs a 100×100 decision grid here and a redraw of most of the view on a software renderer.
  h.publish_hz = 15;
  h.checkpoint_every = 200;
  h.max_checkpoints = 64;
  return h;
}

}  // namespace attend::train
