#include "core/train/mlp_trainer.h"

#include <algorithm>

#include "core/util/rng.h"

namespace attend::train {

MlpModel make_mlp_model(const MlpTrainerConfig& c) {
  MlpModel m;
  configure(m, c, 0);
  return m;
}

void reset(MlpModel& m, uint64_t seed) {
  SplitMix64 rng(seed);
  m.net = nn::make_playground_net(m.config.net, rng);
  m.cursor = 0;
  m.updates = 0;
  m.last_loss = 0;
}

void configure(MlpModel& m, const MlpTrainerConfig& c, uint64_t seed) {
  m.config = c;
  reset(m, seed);
}

double train_step(MlpModel& m) {
  const data::Points2D& d = m.config.train;
  const int n = d.size();
  if (n == 0) return 0;
  const int batch = std::clamp(m.config.batch_size, 1, n);
  if (m.cursor + batch > n) m.cursor = 0;  // the last partial batch of an epoch is skipped, as in the bench
  const double loss = nn::train_step(m.net, d.xy.data() + 2 * m.cursor, d.label.data() + m.cursor, batch,
                                     m.config.lr, *m.ws);
  m.cursor += batch;
  if (m.cursor >= n) m.cursor = 0;
  ++m.updates;
  m.last_loss = loss;
  return loss;
}

bool set_mlp_hyper(MlpModel& m, const std::string& name, double v) {
  if (name == "lr") m.config.lr = static_cast<float>(v);
  else if (name == "batch_size") m.config.batch_size = std::clamp(static_cast<int>(v), 1, 100000);
  else if (name == "regularization_rate") m.net.regularization_rate = m.config.net.regularization_rate = static_cast<float>(v);
  else if (name == "regularization") {
    const int k = static_cast<int>(v);
    if (k < 0 || k > 2) return false;
    m.net.regularization = m.config.net.regularization = static_cast<nn::Regularization>(k);
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
}

void publish(const MlpModel& m, MlpSnapshot& s) {
  thread_local nn::PlaygroundWorkspace ws;  // publish sees a const model: its own scratch
  const MlpTrainerConfig& c = m.config;
  s.net = m.net;
  s.grid_res = c.grid_res;
  s.grid_lo = c.grid_lo;
  s.grid_hi = c.grid_hi;
  s.grid.resize(static_cast<size_t>(c.grid_res) * c.grid_res);
  nn::predict_grid(m.net, c.grid_res, c.grid_lo, c.grid_hi, s.grid.data(), ws);
  s.thumb_res = c.thumb_res;
  if (c.thumb_res >= 2) nn::neuron_grid(m.net, c.thumb_res, c.grid_lo, c.grid_hi, s.thumbnails, ws);
  else s.thumbnails.clear();
  if (c.train.size() > 0) {
    const nn::PlaygroundEval e = nn::evaluate(m.net, c.train.xy.data(), c.train.label.data(), c.train.size(), ws);
    s.train_loss = e.loss;
    s.train_accuracy = e.accuracy;
    s.epoch = static_cast<double>(m.updates) * std::min(c.batch_size, c.train.size()) / c.train.size();
  }
  if (c.test.size() > 0) {
    const nn::PlaygroundEval e = nn::evaluate(m.net, c.test.xy.data(), c.test.label.data(), c.test.size(), ws);
    s.test_loss = e.loss;
    s.test_accuracy = e.accuracy;
  }
}

Session<MlpModel, MlpSnapshot>::Hooks mlp_hooks() {
  Session<MlpModel, MlpSnapshot>::Hooks h;
  h.reset = [](MlpModel& m, uint64_t seed) { reset(m, seed); };
  h.step = [](MlpModel& m) { return StepReport{train_step(m), {}}; };
  h.set = [](MlpModel& m, const std::string& name, double v) { return set_mlp_hyper(m, name, v); };
  h.publish = [](const MlpModel& m, MlpSnapshot& s) { publish(m, s); };
  h.evaluate = [](MlpModel& m) {
    std::vector<std::pair<std::string, double>> out;
    const MlpTrainerConfig& c = m.config;
    if (c.train.size() > 0) {
      const nn::PlaygroundEval e = nn::evaluate(m.net, c.train.xy.data(), c.train.label.data(), c.train.size(), *m.ws);
      out.emplace_back("train_loss", e.loss);
      out.emplace_back("train_acc", e.accuracy);
    }
    if (c.test.size() > 0) {
      const nn::PlaygroundEval e = nn::evaluate(m.net, c.test.xy.data(), c.test.label.data(), c.test.size(), *m.ws);
      out.emplace_back("test_loss", e.loss);
      out.emplace_back("test_acc", e.accuracy);
    }
    return out;
  };
  h.evaluate_every = 10;
  h.publish_hz = 30;
  h.checkpoint_every = 200;
  h.max_checkpoints = 64;
  return h;
}

}  // namespace attend::train
