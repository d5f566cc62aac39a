#include "core/train/fit1d_trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::train {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr tensor::Activation kActivations[3] = {tensor::Activation::ReLU, tensor::Activation::Tanh,
                                                tensor::Activation::Sigmoid};

double act(tensor::Activation a, double z) {
  switch (a) {
    case tensor::Activation::ReLU: return z > 0 ? z : 0;
    case tensor::Activation::Sigmoid: return 1 / (1 + std::exp(-z));
    case tensor::Activation::Tanh: return std::tanh(z);
    default: return z;
  }
}

double act_grad(tensor::Activation a, double z) {
  switch (a) {
    case tensor::Activation::ReLU: return z > 0 ? 1 : 0;
    case tensor::Activation::Sigmoid: {
      const double s = 1 / (1 + std::exp(-z));
      return s * (1 - s);
    }
    case tensor::Activation::Tanh: {
      const double t = std::tanh(z);
      return 1 - t * t;
    }
    default: return 1;
  }
}

// A new neuron: a slope of random sign and size, its kink (or centre) at a random x in the domain, v = 0.
void draw_neuron(Fit1DModel& m, double& w, double& b) {
  SplitMix64 rng(m.seed * 0x9E3779B97F4A7C15ull + ++m.neuron_draws);
  const double sign = rng.uniform() < 0.5 ? -1 : 1;
  w = sign * (1 + 4 * rng.uniform());
  b = -w * rng.uniform(-1, 1);
}

void make_data(Fit1DModel& m) {
  const Fit1DConfig& c = m.config;
  SplitMix64 rng(m.seed + 0x51ED);
  m.x.resize(static_cast<size_t>(c.points));
  m.y.resize(m.x.size());
  for (int i = 0; i < c.points; ++i) {
    const double x = c.points > 1 ? -1 + 2.0 * i / (c.points - 1) : 0;
    m.x[static_cast<size_t>(i)] = x;
    m.y[static_cast<size_t>(i)] = target1d(c.target, x) + c.noise * rng.normal();
  }
}

void reset_optimizer(Fit1DModel& m) {
  const size_t n = 3 * m.w.size() + 1;
  m.opt_m.assign(n, 0);
  m.opt_s.assign(n, 0);
  m.t = 0;
}

}  // namespace

const char* target1d_name(Target1D t) {
  switch (t) {
    case Target1D::Sine: return "sine";
    case Target1D::Step: return "step";
    case Target1D::Abs: return "abs";
    case Target1D::Square: return "square";
    case Target1D::Zigzag: return "zigzag";
    case Target1D::Bump: return "bump";
  }
  return "?";
}

bool parse_target1d(const std::string& name, Target1D* out) {
  for (int i = 0; i < kTarget1DCount; ++i)
    if (name == target1d_name(static_cast<Target1D>(i))) {
      *out = static_cast<Target1D>(i);
      return true;
    }
  return false;
}

double target1d(Target1D t, double x) {
  switch (t) {
    case Target1D::Sine: return std::sin(kPi * x);
    case Target1D::Step: return x > 0 ? 1 : 0;
    case Target1D::Abs: return std::abs(x);
    case Target1D::Square: return x * x;
    case Target1D::Zigzag: {
      const double u = 2 * (x + 1);  // 0 … 4: four teeth
      return 2 * std::abs(u - std::floor(u) - 0.5);
    }
    case Target1D::Bump: return std::exp(-x * x / 0.02);
  }
  return 0;
}

Fit1DModel make_fit1d_model(const Fit1DConfig& c) {
  Fit1DModel m;
  m.config = c;
  reset(m, 0);
  return m;
}

void reset(Fit1DModel& m, uint64_t seed) {
  m.seed = seed;
  m.neuron_draws = 0;
  const int n = std::clamp(m.config.neurons, 1, kFit1DMaxNeurons);
  m.w.assign(static_cast<size_t>(n), 0);
  m.b.assign(static_cast<size_t>(n), 0);
  m.v.assign(static_cast<size_t>(n), 0);
  for (int k = 0; k < n; ++k) draw_neuron(m, m.w[static_cast<size_t>(k)], m.b[static_cast<size_t>(k)]);
  m.c = 0;
  make_data(m);
  reset_optimizer(m);
  m.last_loss = 0;
}

double fit1d_output(const Fit1DModel& m, double x) {
  double s = m.c;
  for (size_t k = 0; k < m.w.size(); ++k) s += m.v[k] * act(m.config.activation, m.w[k] * x + m.b[k]);
  return s;
}

double fit1d_gradient(const Fit1DModel& m, std::vector<double>& g) {
  const size_t n = m.w.size();
  g.assign(3 * n + 1, 0);
  const size_t N = m.x.size();
  if (N == 0) return 0;
  double loss = 0;
  for (size_t i = 0; i < N; ++i) {
    const double x = m.x[i];
    const double e = fit1d_output(m, x) - m.y[i];
    loss += 0.5 * e * e;
    for (size_t k = 0; k < n; ++k) {
      const double z = m.w[k] * x + m.b[k];
      const double d = e * m.v[k] * act_grad(m.config.activation, z);
      g[k] += d * x;
      g[n + k] += d;
      g[2 * n + k] += e * act(m.config.activation, z);
    }
    g[3 * n] += e;
  }
  for (double& v : g) v /= static_cast<double>(N);
  return loss / static_cast<double>(N);
}

double train_step(Fit1DModel& m) {
  std::vector<double> g;
  const double loss = fit1d_gradient(m, g);
  const size_t n = m.w.size();
  std::vector<double> p(3 * n + 1);
  std::copy(m.w.begin(), m.w.end(), p.begin());
  std::copy(m.b.begin(), m.b.end(), p.begin() + static_cast<std::ptrdiff_t>(n));
  std::copy(m.v.begin(), m.v.end(), p.begin() + static_cast<std::ptrdiff_t>(2 * n));
  p[3 * n] = m.c;
  optim::Hyper h;
  h.lr = m.config.lr;
  ++m.t;
  optim::apply_update(m.config.optimizer, h, p.data(), g.data(), m.opt_m.data(), m.opt_s.data(), p.size(), m.t);
  std::copy(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(n), m.w.begin());
  std::copy(p.begin() + static_cast<std::ptrdiff_t>(n), p.begin() + static_cast<std::ptrdiff_t>(2 * n), m.b.begin());
  std::copy(p.begin() + static_cast<std::ptrdiff_t>(2 * n), p.begin() + static_cast<std::ptrdiff_t>(3 * n), m.v.begin());
  m.c = p[3 * n];
  m.last_loss = loss;
  return loss;
}

void set_neurons(Fit1DModel& m, int target) {
  target = std::clamp(target, 1, kFit1DMaxNeurons);
  const size_t n = m.w.size();
  // Which old neurons stay: all when growing; the largest |v| when shrinking (the least missed go).
  std::vector<size_t> keep(n);
  std::iota(keep.begin(), keep.end(), 0);
  if (static_cast<size_t>(target) < n) {
    std::stable_sort(keep.begin(), keep.end(), [&](size_t a, size_t b) { return std::abs(m.v[a]) > std::abs(m.v[b]); });
    keep.resize(static_cast<size_t>(target));
    std::sort(keep.begin(), keep.end());
  }
  const size_t t = static_cast<size_t>(target);
  std::vector<double> w(t), b(t), v(t, 0), om(3 * t + 1, 0), os(3 * t + 1, 0);
  for (size_t k = 0; k < t; ++k) {
    if (k < keep.size()) {
      const size_t o = keep[k];
      w[k] = m.w[o], b[k] = m.b[o], v[k] = m.v[o];
      for (size_t part = 0; part < 3; ++part) {
        om[part * t + k] = m.opt_m[part * n + o];
        os[part * t + k] = m.opt_s[part * n + o];
      }
    } else {
      draw_neuron(m, w[k], b[k]);
    }
  }
  om[3 * t] = m.opt_m[3 * n];
  os[3 * t] = m.opt_s[3 * n];
  m.w = std::move(w), m.b = std::move(b), m.v = std::move(v);
  m.opt_m = std::move(om), m.opt_s = std::move(os);
  m.config.neurons = target;
}

bool set_fit1d_hyper(Fit1DModel& m, const std::string& name, double value) {
  Fit1DConfig& c = m.config;
  const int k = static_cast<int>(value);
  const bool integral = value == std::floor(value);
  if (name == "lr") {
    if (!(value > 0 && std::isfinite(value))) return false;
    c.lr = value;
  } else if (name == "neurons") {
    if (!integral || k < 1 || k > kFit1DMaxNeurons) return false;
    set_neurons(m, k);
  } else if (name == "target") {
    if (!integral || k < 0 || k >= kTarget1DCount) return false;
    c.target = static_cast<Target1D>(k);
    reset(m, m.seed);
  } else if (name == "activation") {
    if (!integral || k < 0 || k > 2) return false;
    c.activation = kActivations[k];
    reset(m, m.seed);
  } else if (name == "optimizer") {
    if (!integral || k < 0 || k >= optim::kMethodCount) return false;
    c.optimizer = static_cast<optim::Method>(k);
    reset_optimizer(m);
  } else if (name == "noise") {
    if (!(value >= 0 && value <= 1)) return false;
    c.noise = value;
    make_data(m);
  } else if (name == "points") {
    if (!integral || k < 2 || k > 2000) return false;
    c.points = k;
    make_data(m);
  } else {
    return false;
  }
  return true;
}

std::vector<double> relu_interpolant(Target1D target, int neurons, const std::vector<double>& xs) {
  const int n = std::max(1, neurons);
  std::vector<double> out;
  out.reserve(xs.size());
  for (double x : xs) {
    const double u = std::clamp((x + 1) / 2 * n, 0.0, static_cast<double>(n));
    const int j = std::min(static_cast<int>(std::floor(u)), n - 1);
    const double t0 = -1 + 2.0 * j / n, t1 = -1 + 2.0 * (j + 1) / n;
    const double f0 = target1d(target, t0), f1 = target1d(target, t1);
    out.push_back(f0 + (f1 - f0) * (x - t0) / (t1 - t0));
  }
  return out;
}

void publish(const Fit1DModel& m, Fit1DSnapshot& s) {
  const Fit1DConfig& c = m.config;
  s.config = c;
  s.x = m.x;
  s.y = m.y;
  const int G = std::max(2, c.curve_points);
  s.curve_x.resize(static_cast<size_t>(G));
  for (int i = 0; i < G; ++i) s.curve_x[static_cast<size_t>(i)] = -1 + 2.0 * i / (G - 1);
  s.truth.resize(s.curve_x.size());
  s.fit.resize(s.curve_x.size());
  s.parts.assign(m.w.size(), std::vector<double>(s.curve_x.size()));
  double se = 0, worst = 0;
  for (size_t i = 0; i < s.curve_x.size(); ++i) {
    const double x = s.curve_x[i];
    s.truth[i] = target1d(c.target, x);
    s.fit[i] = fit1d_output(m, x);
    for (size_t k = 0; k < m.w.size(); ++k) s.parts[k][i] = m.v[k] * act(c.activation, m.w[k] * x + m.b[k]);
    const double e = s.fit[i] - s.truth[i];
    se += e * e;
    worst = std::max(worst, std::abs(e));
  }
  s.grid_mse = se / static_cast<double>(s.curve_x.size());
  s.grid_max_error = worst;
  double tr = 0;
  for (size_t i = 0; i < m.x.size(); ++i) {
    const double e = fit1d_output(m, m.x[i]) - m.y[i];
    tr += e * e;
  }
  s.train_mse = m.x.empty() ? 0 : tr / static_cast<double>(m.x.size());
  s.construction = relu_interpolant(c.target, static_cast<int>(m.w.size()), s.curve_x);
  double cs = 0;
  for (size_t i = 0; i < s.curve_x.size(); ++i) cs += (s.construction[i] - s.truth[i]) * (s.construction[i] - s.truth[i]);
  s.construction_mse = cs / static_cast<double>(s.curve_x.size());
  s.neurons = static_cast<int>(m.w.size());
}

Session<Fit1DModel, Fit1DSnapshot>::Hooks fit1d_hooks() {
  Session<Fit1DModel, Fit1DSnapshot>::Hooks h;
  h.reset = [](Fit1DModel& m, uint64_t seed) { reset(m, seed); };
  h.step = [](Fit1DModel& m) {
    StepReport r;
    r.loss = train_step(m);
    if (!std::isfinite(r.loss)) r.stop = "diverged: the loss became NaN or infinite; lower the learning rate and reset";
    return r;
  };
  h.set = [](Fit1DModel& m, const std::string& name, double v) { return set_fit1d_hyper(m, name, v); };
  h.publish = [](const Fit1DModel& m, Fit1DSnapshot& s) { publish(m, s); };
  h.evaluate = [](Fit1DModel& m) {
    double se = 0;
    const int G = 201;
    for (int i = 0; i < G; ++i) {
      const double x = -1 + 2.0 * i / (G - 1);
      const double e = fit1d_output(m, x) - target1d(m.config.target, x);
      se += e * e;
    }
    return std::vector<std::pair<std::string, double>>{{"target_mse", se / G},
                                                       {"neurons", static_cast<double>(m.w.size())}};
  };
  h.evaluate_every = 20;
  h.publish_hz = 30;
  h.checkpoint_every = 500;
  return h;
}

}  // namespace attend::train
