#include "core/surface/race.h"

#include "core/surface/critical.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace attend::surface {

using optim::Method;

void Trace::add(int64_t t, Vec2 p, double f) {
  const bool keep = seen % stride == 0;
  ++seen;
  if (!keep) return;
  points.push_back(p);
  loss.push_back(f);
  step.push_back(t);
  if (points.size() > kMaxPoints) {
    size_t w = 0;
    for (size_t r = 0; r < points.size(); r += 2, ++w) {
      points[w] = points[r];
      loss[w] = loss[r];
      step[w] = step[r];
    }
    points.resize(w);
    loss.resize(w);
    step.resize(w);
    stride *= 2;
  }
}

void Trace::clear() {
  points.clear();
  loss.clear();
  step.clear();
  stride = 1;
  seen = 0;
}

namespace {

// Two significant digits: defaults people read in a table.
double round2(double v) {
  if (!(v > 0)) return v;
  const double e = std::pow(10.0, std::floor(std::log10(v)) - 1);
  return std::round(v / e) * e;
}

std::string unique_label(const Race& r, const std::string& want) {
  auto taken = [&](const std::string& l) {
    return std::any_of(r.racers.begin(), r.racers.end(), [&](const Racer& x) { return x.spec.label == l; });
  };
  if (!want.empty() && !taken(want)) return want;
  const std::string base = want.empty() ? "racer" : want;
  for (int k = 2;; ++k) {
    const std::string l = base + " " + std::to_string(k);
    if (!taken(l)) return l;
  }
}

void start_racer(Racer& racer, const Surface& s, Vec2 start) {
  racer.p = start;
  racer.m[0] = racer.m[1] = racer.s[0] = racer.s[1] = 0;
  racer.t = 0;
  racer.trace.clear();
  racer.has_last = false;
  racer.last = StepDetail{};
  racer.loss = s.value(start);
  racer.diverged = false;
  racer.why.clear();
  if (!std::isfinite(racer.loss)) {
    racer.diverged = true;
    racer.why = "the surface is not defined at the start point";
    return;
  }
  racer.trace.add(0, start, racer.loss);
}

bool set_field(optim::Hyper& h, const std::string& name, double v) {
  if (name == "lr") h.lr = v;
  else if (name == "momentum") h.momentum = v;
  else if (name == "rho") h.rho = v;
  else if (name == "beta1") h.beta1 = v;
  else if (name == "beta2") h.beta2 = v;
  else if (name == "eps") h.eps = v;
  else if (name == "weight_decay") h.weight_decay = v;
  else if (name == "bias_correction") h.bias_correction = v != 0;
  else return false;
  return true;
}

}  // namespace

namespace {

// The default learning rate of `m` on a surface whose curvature scale is L and whose view is w wide.
double default_lr(Method m, double L, double w) {
  switch (m) {
    case Method::SGD:
    case Method::Momentum:
    case Method::Nesterov: return round2(1.0 / L);
    case Method::AdaGrad: return round2(0.05 * w);
    case Method::RMSProp:
    case Method::Adam:
    case Method::AdamW: return round2(0.01 * w);
  }
  return 0.01;
}

}  // namespace

std::vector<RacerSpec> default_racers(const Surface& s, const std::vector<Method>& methods) {
  const double L = curvature_scale(s, s.box());
  const double w = std::min(s.box().width(), s.box().height());
  std::vector<RacerSpec> out;
  for (Method m : methods) {
    RacerSpec r;
    r.label = optim::method_name(m);
    r.method = m;
    r.hyper.lr = default_lr(m, L, w);
    out.push_back(r);
  }
  return out;
}

std::vector<RacerSpec> default_racers(const Surface& s) {
  return default_racers(s, {Method::SGD, Method::Momentum, Method::Nesterov, Method::AdaGrad, Method::RMSProp, Method::Adam});
}

Vec2 default_start(const Surface& s) {
  struct Pick {
    const char* id;
    Vec2 p;
  };
  // Starts that show what each surface is for (a zigzag, a stall at a saddle, a choice of minimum).
  static const Pick picks[] = {
      {"bowl", {-2.5, 1.5}},          {"ravine", {-3.5, 1.5}},      {"saddle", {-1.8, 0.05}},
      {"monkey-saddle", {1.5, 0.1}},  {"flat-saddle", {-2.5, 0.05}}, {"double-well", {-1.8, 0.02}},
      {"plateau", {-3.5, 3.0}},       {"rosenbrock", {-1.5, 2.5}},  {"himmelblau", {-0.5, -0.2}},
      {"beale", {-2.0, 3.5}},         {"six-hump-camel", {-1.8, 1.0}}, {"three-hump-camel", {-2.2, 1.5}},
      {"rastrigin", {-4.3, 4.1}},     {"ackley", {-4.2, 3.7}},      {"easom", {0.5, 1.0}},
  };
  for (const Pick& k : picks)
    if (s.id() == k.id) return k.p;
  const Box b = s.box();
  return {b.x0 + 0.15 * b.width(), b.y0 + 0.85 * b.height()};
}

Race make_race(Surface s, std::vector<RacerSpec> specs) {
  Race r;
  r.box = s.box();
  r.start = default_start(s);
  r.surface = std::move(s);
  for (RacerSpec& spec : specs) add_racer(r, std::move(spec));
  reset_racers(r);
  return r;
}

Race make_race(Surface s) {
  std::vector<RacerSpec> specs = default_racers(s);
  return make_race(std::move(s), std::move(specs));
}

void reset_racers(Race& r) {
  r.steps = 0;
  for (Racer& racer : r.racers) start_racer(racer, r.surface, r.start);
}

void set_start(Race& r, Vec2 p) {
  r.start = p;
  reset_racers(r);
}

void set_surface(Race& r, Surface s) {
  r.box = s.box();
  r.start = default_start(s);
  r.surface = std::move(s);
  reset_racers(r);
}

void set_box(Race& r, const Box& box) {
  if (box.valid()) r.box = box;
}

void add_racer(Race& r, RacerSpec spec) {
  Racer racer;
  spec.label = unique_label(r, spec.label.empty() ? optim::method_name(spec.method) : spec.label);
  racer.spec = std::move(spec);
  start_racer(racer, r.surface, r.start);
  r.racers.push_back(std::move(racer));
}

bool remove_racer(Race& r, const std::string& label) {
  auto it = std::find_if(r.racers.begin(), r.racers.end(), [&](const Racer& x) { return x.spec.label == label; });
  if (it == r.racers.end()) return false;
  r.racers.erase(it);
  return true;
}

void set_racers(Race& r, std::vector<RacerSpec> specs) {
  r.racers.clear();
  for (RacerSpec& spec : specs) add_racer(r, std::move(spec));
  reset_racers(r);
}

void retune_racers(Race& r) {
  const double L = curvature_scale(r.surface, r.surface.box());
  const double w = std::min(r.surface.box().width(), r.surface.box().height());
  for (Racer& x : r.racers) x.spec.hyper.lr = default_lr(x.spec.method, L, w);
}

bool set_hyper(Race& r, const std::string& name, double value) {
  const size_t dot_at = name.rfind('.');
  if (dot_at == std::string::npos) {
    if (r.racers.empty()) return false;
    for (Racer& x : r.racers)
      if (!set_field(x.spec.hyper, name, value)) return false;
    return true;
  }
  const std::string who = name.substr(0, dot_at), field = name.substr(dot_at + 1);
  for (size_t i = 0; i < r.racers.size(); ++i)
    if (r.racers[i].spec.label == who || std::to_string(i) == who) return set_field(r.racers[i].spec.hyper, field, value);
  return false;
}

StepDetail step_racer(const Surface& s, Racer& racer, const Box& box, double escape_factor) {
  StepDetail d;
  if (racer.diverged) return d;
  const RacerSpec& spec = racer.spec;
  const optim::Hyper& h = spec.hyper;
  const Method method = spec.method;
  d.t = racer.t + 1;
  d.from = racer.p;
  d.loss_from = racer.loss;

  const Vec2 grad = s.gradient(racer.p);
  if (!finite(grad)) {
    racer.diverged = true;
    racer.why = "the gradient is not finite at (" + std::to_string(racer.p.x) + ", " + std::to_string(racer.p.y) + ")";
    return d;
  }
  // The rule's own gradient includes L2 decay (rules.h adds λ·p for every method but AdamW).
  const bool l2 = h.weight_decay != 0 && method != Method::AdamW;
  d.gradient = l2 ? grad + h.weight_decay * racer.p : grad;

  double p[2] = {racer.p.x, racer.p.y};
  const double g[2] = {grad.x, grad.y};
  optim::apply_update<double>(method, h, p, g, racer.m, racer.s, 2, d.t);
  d.to = {p[0], p[1]};
  d.update = d.to - d.from;

  // The arrows' numbers, from the state the rule just wrote.
  const Vec2 m{racer.m[0], racer.m[1]}, sv{racer.s[0], racer.s[1]};
  auto adaptive = [&](Vec2 num, Vec2 s2, double correction) {  // num / (√(s/c) + ε), per coordinate
    return Vec2{num.x / (std::sqrt(s2.x / correction) + h.eps), num.y / (std::sqrt(s2.y / correction) + h.eps)};
  };
  d.velocity_hat = d.velocity = optim::uses_first_moment(method) ? m : Vec2{};
  d.second_moment = optim::uses_second_moment(method) ? sv : Vec2{};
  d.scale = {h.lr, h.lr};
  switch (method) {
    case Method::SGD: d.direction = d.gradient; break;
    case Method::Momentum: d.direction = m; break;
    case Method::Nesterov: d.direction = d.gradient + h.momentum * m; break;
    case Method::AdaGrad:
    case Method::RMSProp:
      d.direction = adaptive(d.gradient, sv, 1.0);
      d.scale = adaptive({h.lr, h.lr}, sv, 1.0);
      break;
    case Method::Adam:
    case Method::AdamW: {
      const double t = static_cast<double>(d.t);
      const double c1 = h.bias_correction ? 1.0 - std::pow(h.beta1, t) : 1.0;
      const double c2 = h.bias_correction ? 1.0 - std::pow(h.beta2, t) : 1.0;
      d.velocity_hat = (1.0 / c1) * m;
      d.direction = adaptive(d.velocity_hat, sv, c2);
      d.scale = adaptive({h.lr, h.lr}, sv, c2);
      if (method == Method::AdamW) d.direction = d.direction + h.weight_decay * d.from;
      break;
    }
  }

  racer.t = d.t;
  const Vec2 c = box.center();
  if (!finite(d.to)) {
    racer.diverged = true;
    racer.why = "the step overflowed to infinity or NaN: the learning rate is too large here";
  } else if (norm(d.to - c) > escape_factor * box.diagonal()) {
    racer.diverged = true;
    char buf[160];
    std::snprintf(buf, sizeof buf, "ran off to (%.3g, %.3g), over %g view diagonals away: diverged", d.to.x, d.to.y,
                  escape_factor);
    racer.why = buf;
  }
  d.loss_to = racer.diverged ? std::numeric_limits<double>::quiet_NaN() : s.value(d.to);
  if (!racer.diverged && !std::isfinite(d.loss_to)) {
    racer.diverged = true;
    racer.why = "the surface is not defined (or overflows) at the new point";
  }
  racer.has_last = true;
  racer.last = d;
  if (racer.diverged) return d;  // frozen at its last finite point, which the trail already holds
  racer.p = d.to;
  racer.loss = d.loss_to;
  racer.trace.add(d.t, d.to, d.loss_to);
  return d;
}

void step_race(Race& r) {
  ++r.steps;
  for (Racer& racer : r.racers) step_racer(r.surface, racer, r.box, r.escape_factor);
}

RaceSession::Hooks race_hooks() {
  RaceSession::Hooks h;
  h.reset = [](Race& r, uint64_t) { reset_racers(r); };
  h.step = [](Race& r) {
    step_race(r);
    train::StepReport rep;
    double best = std::numeric_limits<double>::infinity();
    for (const Racer& x : r.racers) {
      if (x.diverged) continue;
      best = std::min(best, x.loss);
      rep.metrics.emplace_back("loss/" + x.spec.label, x.loss);
    }
    rep.loss = std::isfinite(best) ? best : std::numeric_limits<double>::quiet_NaN();
    return rep;
  };
  h.set = [](Race& r, const std::string& name, double value) { return set_hyper(r, name, value); };
  h.publish = [](const Race& r, RaceSnapshot& snap) {
    snap.surface_id = r.surface.id();
    snap.surface_title = r.surface.title();
    snap.formula = r.surface.formula();
    snap.box = r.box;
    snap.start = r.start;
    snap.racers = r.racers;
  };
  h.evaluate_every = 0;
  return h;
}

}  // namespace attend::surface
