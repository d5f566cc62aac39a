// The loss-surface view's lesson API: configure(key, value) sets what a person could set by hand, query(key)
// reads what a lesson's checks need. Unknown keys are errors that list the known ones.
//
// configure
//   mode                 "race" | "saddles" | "slice"
//   surface, formula     a built-in id ("rosenbrock") or a formula in x and y; a bad formula is an error
//                        naming the column (and the field shows it)
//   start                {x, y}: every racer restarts there
//   box                  {x0, x1, y0, y1}: the region shown (zoom); "fit" resets it
//   racers               "SGD, Momentum, Adam": racers by method, with the surface's default rates
//   lr                   every racer's learning rate; <Racer>.<name> one racer's: lr, momentum, rho, beta1,
//                        beta2, eps, weight_decay, bias_correction ("Adam.lr", "Momentum.momentum")
//   speed                steps per second (0: as fast as it goes)
//   advance              take that many steps now;  run  true/false
//   step_by_step, wireframe, show_critical, show_field, log_gap   true/false
//   focus                the racer the step card and arrows follow
//   select               index of a critical point whose readout is pinned (−1: none)
//   probe                {x, y}: pin the readout (Hessian, eigen-axes) at a point
//   camera               {yaw, pitch, distance} of the 3-D view (radians, world units)
//   saddles.max_d, saddles.trials (random matrices), saddles.field_max_d (random functions), saddles.run
//                        (true starts the experiment, false cancels it)
//   slice.dataset ("circle", "spiral", "xor", "gauss"), slice.method, slice.lr, slice.steps,
//   slice.directions ("random" | "pca"), slice.n, slice.range, slice.run (true starts it)
// query
//   mode, surface, formula_error, steps, running, racers ("SGD,Momentum,…"), leader (lowest loss), start, box,
//   <Racer>.x | .y | .loss | .steps | .diverged | .grad (|∇f| where it is) | .near (the kind of critical point
//   it sits at, "" if none) | .<hyperparameter>,
//   critical.ready, critical.count, critical.minima, critical.maxima, critical.saddles, critical.degenerate,
//   selected (index), selected.kind, selected.x, selected.y,
//   saddles.state ("idle", "running", "done"), saddles.goe, saddles.exact, saddles.field (lists over d),
//   saddles.net_points, saddles.net_low_index, saddles.net_high_index,
//   slice.state, slice.final_loss, slice.accuracy, slice.center_loss, slice.explained, slice.residual,
//   settled (waits for every background job; for tests and headless runs), keys (this list)
#include <algorithm>
#include <cmath>
#include <sstream>

#include "views/surface_view_state.h"

namespace attend::views::surface_view {

using surface::Racer;

namespace {

constexpr const char* kConfigureKeys =
    "mode, surface, formula, start, box, racers, lr, <Racer>.<lr|momentum|rho|beta1|beta2|eps|weight_decay|"
    "bias_correction>, speed, advance, run, step_by_step, wireframe, show_critical, show_field, log_gap, focus, "
    "select, probe, camera, saddles.max_d, saddles.trials, saddles.field_max_d, saddles.run, slice.dataset, slice.method, slice.lr, "
    "slice.steps, slice.directions, slice.n, slice.range, slice.run";
constexpr const char* kQueryKeys =
    "mode, surface, formula_error, steps, running, racers, leader, start, box, <Racer>.<x|y|loss|steps|diverged|grad|"
    "near|lr|…>, critical.ready, critical.count, critical.minima, critical.maxima, critical.saddles, "
    "critical.degenerate, selected, selected.kind, selected.x, selected.y, saddles.state, saddles.goe, saddles.exact, "
    "saddles.field, saddles.net_points, saddles.net_low_index, saddles.net_high_index, slice.state, slice.final_loss, "
    "slice.accuracy, slice.center_loss, slice.explained, slice.residual, settled, keys";
const char* const kHyperNames[] = {"lr", "momentum", "rho", "beta1", "beta2", "eps", "weight_decay", "bias_correction"};

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

bool is_hyper_name(const std::string& n) {
  return std::find(std::begin(kHyperNames), std::end(kHyperNames), n) != std::end(kHyperNames);
}

double hyper_value(const optim::Hyper& h, const std::string& n) {
  if (n == "lr") return h.lr;
  if (n == "momentum") return h.momentum;
  if (n == "rho") return h.rho;
  if (n == "beta1") return h.beta1;
  if (n == "beta2") return h.beta2;
  if (n == "eps") return h.eps;
  if (n == "weight_decay") return h.weight_decay;
  return h.bias_correction ? 1.0 : 0.0;
}

// The snapshot after every command sent so far has been applied (a lesson sets racers, then one racer's rate).
void sync(Lab& lab) {
  lab.race->wait_idle();
  lab.snap = lab.race->latest();
}

const Racer* find_racer(const Lab& lab, const std::string& label) {
  if (!lab.snap) return nullptr;
  for (const Racer& r : lab.snap->racers)
    if (r.spec.label == label) return &r;
  return nullptr;
}

std::string racer_labels(const Lab& lab) {
  std::string out;
  if (!lab.snap) return out;
  for (const Racer& r : lab.snap->racers) out += (out.empty() ? "" : ",") + r.spec.label;
  return out;
}

const char* job_state(bool active, bool has_result) { return active ? "running" : (has_result ? "done" : "idle"); }

}  // namespace

Status configure_lab(Lab& lab, const std::string& key, const Value& value) {
  auto bad = [&](const std::string& what) { return make_error("surface: option '" + key + "' takes " + what); };
  const double* num = as_number(value);
  const bool* flag = as_bool(value);
  const std::string* text = as_string(value);
  const std::vector<double>* list = as_list(value);
  auto finite_list = [&](size_t n) {
    return list && list->size() == n && std::all_of(list->begin(), list->end(), [](double v) { return std::isfinite(v); });
  };

  if (key == "mode") {
    if (!text) return bad("\"race\", \"saddles\" or \"slice\"");
    if (*text == "race") lab.mode = Mode::Race;
    else if (*text == "saddles") lab.mode = Mode::Saddles;
    else if (*text == "slice") lab.mode = Mode::Slice;
    else return bad("\"race\", \"saddles\" or \"slice\"");
    lab.select_tab = true;
    if (lab.mode != Mode::Race) lab.race->pause();
  } else if (key == "surface" || key == "formula") {
    if (!text || trim(*text).empty()) return bad("a built-in surface id or a formula in x and y");
    if (key == "formula") std::snprintf(lab.formula_buf, sizeof lab.formula_buf, "%s", text->c_str());
    if (Status s = apply_surface(lab, trim(*text)); !s) return s;
    sync(lab);
  } else if (key == "start") {
    if (!finite_list(2)) return bad("a list {x, y}");
    const surface::Vec2 p{(*list)[0], (*list)[1]};
    lab.race->post([p](surface::Race& r) { surface::set_start(r, p); });
    lab.race->reset(lab.snap ? lab.snap->progress.seed : 0);
    sync(lab);
  } else if (key == "box") {
    if (text && *text == "fit") {
      set_view_box(lab, lab.surface.box());
    } else {
      if (!finite_list(4) || !((*list)[1] > (*list)[0] && (*list)[3] > (*list)[2])) return bad("{x0, x1, y0, y1} with x0 < x1, y0 < y1, or \"fit\"");
      set_view_box(lab, surface::Box{(*list)[0], (*list)[1], (*list)[2], (*list)[3]});
    }
    sync(lab);
  } else if (key == "racers") {
    if (!text) return bad("method names separated by commas, e.g. \"SGD, Momentum, Adam\"");
    std::vector<optim::Method> methods;
    std::stringstream ss(*text);
    std::string item;
    while (std::getline(ss, item, ',')) {
      optim::Method m;
      if (!optim::parse_method(trim(item), &m))
        return make_error("surface: racers: unknown method '" + trim(item) +
                          "'; known: SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW");
      methods.push_back(m);
    }
    if (methods.empty()) return bad("at least one method");
    lab.race->post([methods](surface::Race& r) { surface::set_racers(r, surface::default_racers(r.surface, methods)); });
    lab.race->reset(lab.snap ? lab.snap->progress.seed : 0);
    lab.hidden.clear();
    sync(lab);
  } else if (key == "lr" || (key.find('.') != std::string::npos && key.rfind("saddles.", 0) != 0 && key.rfind("slice.", 0) != 0)) {
    if (!num || !std::isfinite(*num) || *num < 0) return bad("a number ≥ 0");
    if (key != "lr") {
      sync(lab);
      const std::string who = key.substr(0, key.rfind('.')), name = key.substr(key.rfind('.') + 1);
      if (!find_racer(lab, who)) return make_error("surface: no racer '" + who + "'; racers: " + racer_labels(lab));
      if (!is_hyper_name(name))
        return make_error("surface: '" + name + "' is not a hyperparameter; known: lr, momentum, rho, beta1, beta2, eps, "
                          "weight_decay, bias_correction");
    }
    lab.race->set(key, *num);
    sync(lab);
  } else if (key == "speed") {
    if (!num || !(*num >= 0)) return bad("steps per second ≥ 0 (0: as fast as it goes)");
    lab.toolbar.speed = static_cast<float>(*num);
    lab.race->set_speed(*num);
  } else if (key == "advance") {
    if (!num || !(*num >= 1) || *num != std::floor(*num)) return bad("a whole number of steps ≥ 1");
    lab.race->step(static_cast<int64_t>(*num));
  } else if (key == "run") {
    if (!flag) return bad("true or false");
    if (*flag) lab.race->run();
    else lab.race->pause();
  } else if (key == "step_by_step" || key == "wireframe" || key == "show_critical" || key == "show_field" || key == "log_gap") {
    if (!flag) return bad("true or false");
    bool* target = key == "step_by_step" ? &lab.step_by_step
                   : key == "wireframe"  ? &lab.wireframe
                   : key == "show_critical" ? &lab.show_critical
                   : key == "show_field" ? &lab.show_field
                                         : &lab.log_gap;
    *target = *flag;
    if (key == "step_by_step" && *flag) lab.race->pause();
  } else if (key == "focus") {
    if (!text) return bad("a racer's name");
    sync(lab);
    if (!find_racer(lab, *text)) return make_error("surface: no racer '" + *text + "'; racers: " + racer_labels(lab));
    lab.focus = *text;
  } else if (key == "select") {
    if (!num || *num != std::floor(*num)) return bad("the index of a critical point, or -1");
    poll_jobs(lab, true);
    const int n = lab.critical ? static_cast<int>(lab.critical->result.points.size()) : 0;
    if (*num < -1 || *num >= n) return make_error("surface: select: there are " + std::to_string(n) + " critical points (0 to " + std::to_string(n - 1) + ")");
    lab.selected_critical = static_cast<int>(*num);
  } else if (key == "probe") {
    if (!finite_list(2)) return bad("a list {x, y}");
    lab.probe = surface::Vec2{(*list)[0], (*list)[1]};
  } else if (key == "camera") {
    if (!finite_list(3) || !((*list)[2] > 0)) return bad("{yaw, pitch, distance} with distance > 0");
    lab.camera.yaw = static_cast<float>((*list)[0]);
    lab.camera.pitch = std::clamp(static_cast<float>((*list)[1]), -1.5f, 1.5f);
    lab.camera.distance = std::clamp(static_cast<float>((*list)[2]), lab.camera.min_distance, lab.camera.max_distance);
  } else if (key == "saddles.max_d") {
    if (!num || *num < 2 || *num > 12 || *num != std::floor(*num)) return bad("a whole number from 2 to 12");
    lab.saddles.spec.goe.max_d = static_cast<int>(*num);
  } else if (key == "saddles.trials") {
    if (!num || *num < 100 || *num > 1e6 || *num != std::floor(*num)) return bad("a whole number from 100 to 1000000");
    lab.saddles.spec.goe.trials = static_cast<int>(*num);
  } else if (key == "saddles.field_max_d") {
    if (!num || *num < 1 || *num > 10 || *num != std::floor(*num)) return bad("a whole number from 1 to 10");
    lab.saddles.spec.field.max_d = static_cast<int>(*num);
  } else if (key == "saddles.run") {
    if (!flag) return bad("true (starts the experiment) or false (cancels it)");
    if (*flag) start_saddle_study(lab);
    else lab.saddles.job.cancel();
  } else if (key == "slice.dataset") {
    data::Toy2DKind k;
    if (!text || !data::parse_toy2d(*text, &k) || data::toy2d_is_regression(k))
      return bad("a classification dataset: \"circle\", \"spiral\", \"xor\" or \"gauss\"");
    lab.slice.spec.dataset = k;
  } else if (key == "slice.method") {
    optim::Method m;
    if (!text || !optim::parse_method(*text, &m)) return bad("an optimizer: SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW");
    lab.slice.spec.method = m;
  } else if (key == "slice.lr") {
    if (!num || !(*num > 0 && *num < 100)) return bad("a learning rate between 0 and 100");
    lab.slice.spec.lr = *num;
  } else if (key == "slice.steps") {
    if (!num || *num < 1 || *num > 100000 || *num != std::floor(*num)) return bad("a whole number of steps from 1 to 100000");
    lab.slice.spec.steps = static_cast<int>(*num);
  } else if (key == "slice.directions") {
    if (!text || (*text != "random" && *text != "pca")) return bad("\"random\" (filter-normalised) or \"pca\" (of the trajectory)");
    lab.slice.spec.directions = *text == "pca" ? surface::SliceDirections::Pca : surface::SliceDirections::Random;
  } else if (key == "slice.n") {
    if (!num || *num < 5 || *num > 101 || *num != std::floor(*num)) return bad("a grid size from 5 to 101");
    lab.slice.spec.n = static_cast<int>(*num);
  } else if (key == "slice.range") {
    if (!num || !(*num > 0 && *num <= 10)) return bad("a range in (0, 10]");
    lab.slice.spec.range = *num;
  } else if (key == "slice.run") {
    if (!flag) return bad("true (trains and slices) or false (cancels)");
    if (*flag) start_net_slice(lab);
    else lab.slice.job.cancel();
  } else {
    return make_error("surface: unknown option '" + key + "'; known: " + kConfigureKeys);
  }
  return Ok{};
}

std::optional<Value> query_lab(Lab& lab, const std::string& key) {
  poll_jobs(lab, false);
  lab.snap = lab.race->latest();
  const surface::RaceSnapshot& snap = *lab.snap;
  auto number = [](double v) { return std::optional<Value>(Value(v)); };

  if (key == "settled") {
    poll_jobs(lab, true);
    return Value(true);
  }
  if (key == "keys") return Value(std::string(kQueryKeys));
  if (key == "mode") return Value(std::string(mode_name(lab.mode)));
  if (key == "surface") return Value(lab.surface.id());
  if (key == "formula_error") return Value(lab.formula_error);
  if (key == "steps") return number(static_cast<double>(snap.progress.step));
  if (key == "running") return Value(snap.progress.running);
  if (key == "racers") return Value(racer_labels(lab));
  if (key == "start") return Value(std::vector<double>{snap.start.x, snap.start.y});
  if (key == "box") return Value(std::vector<double>{lab.box.x0, lab.box.x1, lab.box.y0, lab.box.y1});
  if (key == "step_by_step") return Value(lab.step_by_step);
  if (key == "wireframe") return Value(lab.wireframe);
  if (key == "show_critical") return Value(lab.show_critical);
  if (key == "show_field") return Value(lab.show_field);
  if (key == "log_gap") return Value(lab.log_gap);
  if (key == "focus") {
    const Racer* r = focus_racer(lab);
    return Value(r ? r->spec.label : std::string());
  }
  if (key == "leader") {
    const Racer* best = nullptr;
    for (const Racer& r : snap.racers)
      if (!r.diverged && (!best || r.loss < best->loss)) best = &r;
    return Value(best ? best->spec.label : std::string());
  }
  if (key.rfind("critical.", 0) == 0) {
    const std::string what = key.substr(9);
    if (what == "ready") return Value(lab.critical != nullptr && lab.critical->generation == lab.generation);
    if (!lab.critical) return std::nullopt;
    const surface::CriticalCounts& c = lab.critical->counts;
    if (what == "count") return number(c.total());
    if (what == "minima") return number(c.minima);
    if (what == "maxima") return number(c.maxima);
    if (what == "saddles") return number(c.saddles);
    if (what == "degenerate") return number(c.degenerate);
    return std::nullopt;
  }
  if (key == "selected") return number(lab.selected_critical);
  if (key.rfind("selected.", 0) == 0) {
    const std::string what = key.substr(9);
    // Nothing pinned yet is an answer a check can wait on, not an unknown key.
    if (!lab.critical || lab.selected_critical < 0) return what == "kind" ? std::optional<Value>(Value(std::string("none"))) : std::nullopt;
    const surface::CriticalPoint& c = lab.critical->result.points[lab.selected_critical];
    if (what == "kind") return Value(std::string(surface::kind_name(c.kind)));
    if (what == "x") return number(c.info.p.x);
    if (what == "y") return number(c.info.p.y);
    if (what == "f") return number(c.info.f);
    return std::nullopt;
  }
  if (key.rfind("saddles.", 0) == 0) {
    const std::string what = key.substr(8);
    const surface::SaddleStudy* st = lab.saddles.study.get();
    if (what == "state") return Value(std::string(job_state(lab.saddles.job.active(), st != nullptr)));
    if (!st) return std::nullopt;
    std::vector<double> v;
    if (what == "goe") {
      for (const surface::GoeRow& r : st->goe) v.push_back(r.fraction);
      return Value(v);
    }
    if (what == "exact") return Value(st->exact);
    if (what == "field") {
      for (const surface::RandomFieldRow& r : st->field) v.push_back(r.fraction_minima);
      return Value(v);
    }
    const auto& pts = st->net.points;
    if (what == "net_points") return number(static_cast<double>(pts.size()));
    if (what == "net_low_index" || what == "net_high_index") {
      // Points are ordered by loss: the mean index of the lower or the upper half.
      const size_t half = pts.size() / 2;
      if (half == 0) return std::nullopt;
      double sum = 0;
      for (size_t k = 0; k < half; ++k) sum += pts[what == "net_low_index" ? k : pts.size() - 1 - k].index;
      return number(sum / static_cast<double>(half));
    }
    return std::nullopt;
  }
  if (key.rfind("slice.", 0) == 0) {
    const std::string what = key.substr(6);
    const surface::NetSliceResult* r = lab.slice.result.get();
    if (what == "state") return Value(std::string(job_state(lab.slice.job.active(), r != nullptr)));
    if (!r) return std::nullopt;
    if (what == "final_loss") return number(r->final_loss);
    if (what == "accuracy") return number(r->final_accuracy);
    if (what == "center_loss") return number(r->slice.center_loss);
    if (what == "explained") return Value(std::vector<double>{r->explained[0], r->explained[1]});
    if (what == "residual") return r->trajectory.empty() ? std::nullopt : number(r->trajectory.front().residual);
    return std::nullopt;
  }
  // <Racer>.<field>
  if (const size_t dot = key.rfind('.'); dot != std::string::npos) {
    const Racer* r = find_racer(lab, key.substr(0, dot));
    if (!r) return std::nullopt;
    const std::string what = key.substr(dot + 1);
    if (what == "x") return number(r->p.x);
    if (what == "y") return number(r->p.y);
    if (what == "loss") return number(r->loss);
    if (what == "steps") return number(static_cast<double>(r->t));
    if (what == "diverged") return Value(r->diverged);
    if (what == "grad") return number(surface::norm(lab.surface.gradient(r->p)));
    if (what == "near") {
      if (!lab.critical) return Value(std::string());
      const int i = surface::nearest_critical(lab.critical->result, r->p, 0.01 * lab.box.diagonal());
      return Value(std::string(i >= 0 ? surface::kind_name(lab.critical->result.points[i].kind) : ""));
    }
    if (is_hyper_name(what)) return number(hyper_value(r->spec.hyper, what));
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace attend::views::surface_view
