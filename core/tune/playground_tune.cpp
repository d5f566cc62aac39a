#include "core/tune/playground_tune.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/optim/rules.h"
#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::tune {
namespace {

constexpr const char* kKnobNames[kPlaygroundKnobCount] = {"lr", "l2", "batch_size", "neurons", "layers", "momentum"};
constexpr const char* kMethodNames[kSearchMethodCount] = {"grid", "random", "halving", "bayesian"};

// One trial's settings: the setup's defaults with the two searched knobs applied.
struct TrialSettings {
  nn::PlaygroundConfig net;
  float lr = 0.03f;
  int batch = 10;
  double momentum = 0;  // 0: Playground's plain SGD
};

TrialSettings settings_for(const PlaygroundTuneSetup& s, const std::vector<double>& x) {
  ATTEND_ASSERT(x.size() == 2, "playground search: two knob values");
  TrialSettings t;
  t.net = s.net;
  t.lr = s.lr;
  t.batch = s.batch;
  const PlaygroundKnob knobs[2] = {s.x, s.y};
  for (int k = 0; k < 2; ++k) {
    const double v = x[static_cast<size_t>(k)];
    const int n = static_cast<int>(std::lround(v));
    switch (knobs[k]) {
      case PlaygroundKnob::LearningRate: t.lr = static_cast<float>(v); break;
      case PlaygroundKnob::L2Rate:
        t.net.regularization = nn::Regularization::L2;
        t.net.regularization_rate = static_cast<float>(v);
        break;
      case PlaygroundKnob::BatchSize: t.batch = std::max(1, n); break;
      case PlaygroundKnob::Neurons:
        for (int& w : t.net.hidden) w = std::clamp(n, 1, nn::kPlaygroundMaxWidth);
        break;
      case PlaygroundKnob::Layers: {
        const int width = t.net.hidden.empty() ? 4 : t.net.hidden.front();
        t.net.hidden.assign(static_cast<size_t>(std::clamp(n, 0, nn::kPlaygroundMaxHidden)), width);
        break;
      }
      case PlaygroundKnob::Momentum: t.momentum = std::clamp(v, 0.0, 0.999); break;
    }
  }
  return t;
}

// Trains a fresh network on the fitting part for `budget` epochs (fractions of an epoch count: a rung of
// successive halving may give less than one).
nn::PlaygroundNet train_trial(const PlaygroundTuneSetup& s, const data::Points2D& fit, const std::vector<double>& x,
                              double budget) {
  const TrialSettings t = settings_for(s, x);
  SplitMix64 rng(s.init_seed);
  nn::PlaygroundNet net = nn::make_playground_net(t.net, rng);
  const int n = fit.size();
  if (n == 0) return net;
  const int batch = std::clamp(t.batch, 1, n);
  const int64_t steps = std::max<int64_t>(1, std::llround(budget * n / batch));
  nn::PlaygroundWorkspace ws;
  const size_t count = nn::parameter_count(net);
  std::vector<float> p, g, m;
  if (t.momentum > 0) p.resize(count), g.resize(count), m.assign(count, 0.f);
  optim::Hyper h;
  h.lr = t.lr;
  h.momentum = t.momentum;
  int cursor = 0;
  for (int64_t step = 0; step < steps; ++step) {
    if (cursor + batch > n) cursor = 0;
    const float* xy = fit.xy.data() + 2 * static_cast<size_t>(cursor);
    const float* labels = fit.label.data() + cursor;
    if (t.momentum > 0) {
      nn::compute_gradients(net, xy, labels, batch, ws);
      nn::get_parameters(net, p.data());
      nn::get_gradients(net, g.data());
      optim::apply_update<float>(optim::Method::Momentum, h, p.data(), g.data(), m.data(), nullptr, count, step + 1);
      nn::set_parameters(net, p.data());
      nn::apply_regularization(net, t.lr);
    } else {
      nn::train_step(net, xy, labels, batch, t.lr, ws);
    }
    cursor += batch;
    // A diverged trial stops early: its score is the worst there is.
    if ((step & 255) == 255 && !nn::parameters_finite(net)) break;
  }
  return net;
}

double loss_on(const nn::PlaygroundNet& net, const data::Points2D& d) {
  if (!nn::parameters_finite(net) || d.size() == 0) return std::numeric_limits<double>::infinity();
  nn::PlaygroundWorkspace ws;
  const double loss = nn::evaluate(net, d.xy.data(), d.label.data(), d.size(), ws).loss;
  return std::isfinite(loss) ? loss : std::numeric_limits<double>::infinity();
}

}  // namespace

const char* knob_name(PlaygroundKnob k) { return kKnobNames[static_cast<int>(k)]; }

bool parse_knob(const std::string& name, PlaygroundKnob* out) {
  for (int i = 0; i < kPlaygroundKnobCount; ++i)
    if (name == kKnobNames[i]) {
      *out = static_cast<PlaygroundKnob>(i);
      return true;
    }
  return false;
}

Param knob_param(PlaygroundKnob k) {
  switch (k) {
    case PlaygroundKnob::LearningRate: return {"lr", 1e-3, 3, true};
    case PlaygroundKnob::L2Rate: return {"l2", 1e-5, 1, true};
    case PlaygroundKnob::BatchSize: return {"batch_size", 1, 64, true};
    case PlaygroundKnob::Neurons: return {"neurons", 1, 8, false};
    case PlaygroundKnob::Layers: return {"layers", 1, 6, false};
    case PlaygroundKnob::Momentum: return {"momentum", 0, 0.99, false};
  }
  return {};
}

bool knob_is_integer(PlaygroundKnob k) {
  return k == PlaygroundKnob::BatchSize || k == PlaygroundKnob::Neurons || k == PlaygroundKnob::Layers;
}

PlaygroundTuneData make_tune_data(const PlaygroundTuneSetup& s) {
  Result<data::PlaygroundData> d = data::make_playground_data(s.data);
  ATTEND_ASSERT(d.ok(), "make_tune_data: the setup's dataset must be valid");
  PlaygroundTuneData out;
  const data::Points2D& train = d->train;
  // The training points are split again; their order is already random, so the last part validates.
  const int n = train.size();
  const int cut = std::clamp(static_cast<int>(std::lround(n * (1 - s.validation_fraction))), 1, std::max(1, n - 1));
  out.fit.xy.assign(train.xy.begin(), train.xy.begin() + 2 * cut);
  out.fit.label.assign(train.label.begin(), train.label.begin() + cut);
  out.validation.xy.assign(train.xy.begin() + 2 * cut, train.xy.end());
  out.validation.label.assign(train.label.begin() + cut, train.label.end());
  out.test = d->test;
  out.description = d->description;
  return out;
}

std::vector<Param> tune_space(const PlaygroundTuneSetup& s) { return {knob_param(s.x), knob_param(s.y)}; }

Objective playground_objective(const PlaygroundTuneSetup& s, std::shared_ptr<const PlaygroundTuneData> data) {
  ATTEND_ASSERT(data != nullptr, "playground_objective: no data");
  return [s, data](const std::vector<double>& x, double budget) {
    return loss_on(train_trial(s, data->fit, x, budget), data->validation);
  };
}

double playground_test_loss(const PlaygroundTuneSetup& s, const PlaygroundTuneData& d, const std::vector<double>& x,
                            double budget) {
  return loss_on(train_trial(s, d.fit, x, budget), d.test);
}

const char* method_name(SearchMethod m) { return kMethodNames[static_cast<int>(m)]; }

bool parse_method(const std::string& name, SearchMethod* out) {
  for (int i = 0; i < kSearchMethodCount; ++i)
    if (name == kMethodNames[i]) {
      *out = static_cast<SearchMethod>(i);
      return true;
    }
  return false;
}

SearchResult run_search(const std::vector<Param>& space, const SearchPlan& plan, const Objective& f,
                        Progress* progress) {
  switch (plan.method) {
    case SearchMethod::Grid: return grid_search(space, plan.grid_points, plan.budget, f, progress);
    case SearchMethod::Random: return random_search(space, plan.random_trials, plan.budget, plan.seed, f, progress);
    case SearchMethod::Halving: return successive_halving(space, plan.halving, plan.seed, f, progress);
    case SearchMethod::Bayesian:
      return bayesian_optimisation(space, plan.bayes_initial, plan.bayes_iterations, plan.budget, plan.seed, f,
                                   progress);
  }
  return {};
}

}  // namespace attend::tune
