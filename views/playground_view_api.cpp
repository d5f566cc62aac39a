// The playground view's lesson API: configure(key, value) sets what a person could set by hand, query(key)
// reads what a lesson's checks need. Unknown keys are errors that list the known ones.
//
// configure
//   mode                 "playground" | "regions" | "fit" | "logistic"
//   dataset              "circle", "xor", "gauss", "spiral" (classification), "plane", "multigauss" (regression)
//   csv                  path of the person's CSV (x,y,label); an unreadable file is an error with file and line
//   noise                percent, 0–50 (as the slider);  train_ratio  percent, 10–90;  data_seed
//   batch_size, lr, regularization_rate
//   regularization       "none" | "L1" | "L2"
//   activation           "relu" | "tanh" | "sigmoid" | "linear"
//   optimizer            "SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW"
//   norm                 "none" | "layer" | "batch"
//   layers               hidden widths, e.g. {8, 8} ({} for none): 0–6 layers of 1–8 neurons
//   features             "x1, x2, x1^2, x2^2, x1x2, sin(x1), sin(x2)" (any non-empty subset)
//   show_test, discretize   true/false
//   speed                steps per second of the shown session (0: as fast as it goes)
//   fit.target           "sine", "step", "abs", "square", "zigzag", "bump";  fit.neurons 1–64;
//   fit.activation       "relu" | "tanh" | "sigmoid";  fit.lr
//   logit.lr             the logistic-regression tab's SGD learning rate
//   memory.batch (1–250), memory.micro (micro-batches, 1–16)
//   paradigms.dataset   "circle", "xor", "gauss", "spiral": runs the paradigm experiments again
//   logs.p, logs.n (the product p^n), logs.scale (logits scale × (1, 2, 3, 4))
//   poly.degree (0–12), poly.function ("linear" | "quadratic" | "sine"), poly.noise (σ), poly.points, poly.seed
//   search.method        "grid" | "random" | "halving" | "bayesian";  search.x, search.y  "lr", "l2",
//                        "batch_size", "neurons", "layers", "momentum";  search.budget (epochs per full trial);
//   search.dataset       "circle", "xor", "gauss", "spiral";  search.run  true starts, false cancels
//   sawtooth             depth of the folding network drawn in the regions tab (1–8)
//   wide_deep            true: measure the wide-vs-deep table (regions tab)
//   highlight.<target>   true/false: "controls", "data", "network", "features", "output", "loss", "regions",
//                        "sawtooth", "table", "fit"
// query
//   mode, dataset, regression, train_loss, test_loss, train_accuracy, test_accuracy, epoch, steps, parameters,
//   layers (list), neurons (hidden neurons), inputs, diverged, error, lr, batch_size, norm, optimizer, activation,
//   regions, patterns (linear regions of the current network over the plane, ReLU only; −1 otherwise),
//   sawtooth.regions, wide_deep.depths, wide_deep.widths, wide_deep.mean (lists; empty until measured),
//   norm.before_sd, norm.after_sd, norm.after_mean (the first hidden layer's values on a batch, averaged over
//   its neurons for batch norm or over the points for layer norm; NaN without a norm),
//   fit.mse, fit.max_error, fit.construction_mse, fit.neurons, fit.steps,
//   logit.epoch, logit.loss (mean cross-entropy), logit.accuracy, logit.gd_steps, logit.gd_gap (GD's loss minus
//   the normal equation's), logit.normal_loss,
//   search.state ("idle", "running", "done", "cancelled"), search.trials, search.budget_spent, search.best_score,
//   search.best_x, search.best_y, search.test_loss (the winner's, NaN until done),
//   poly.degree, poly.points, poly.best_degree (lowest median test error), poly.train_mse, poly.test_mse (medians over 20
//   training sets at the chosen degree), poly.bias2, poly.variance,
//   logs.n, logs.scale, logs.zero_f32, logs.zero_f64 (n at which p^n is exactly 0, −1: not yet), logs.log_sum,
//   logs.nan_naive_f32, logs.nan_naive_f64 (NaN outputs of the naive softmax), logs.lse_stable,
//   paradigms.ready, paradigms.supervised, .noisy, .coarse, .semi_only, .semi_consistency, .active_uncertain,
//   .active_random (test accuracies; NaN until ready), paradigms.purity (of the k-means clusters),
//   memory.batch, memory.micro, memory.train_bytes, memory.inference_bytes (activations kept for backward),
//   memory.micro_bytes (per micro-batch pass), memory.gradient_difference (accumulated vs full batch), keys
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/data/toy2d.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

constexpr const char* kConfigureKeys =
    "mode, dataset, csv, noise, train_ratio, data_seed, batch_size, lr, regularization, regularization_rate, "
    "activation, optimizer, norm, layers, features, show_test, discretize, speed, fit.target, fit.neurons, "
    "fit.activation, fit.lr, logit.lr, search.method, search.x, search.y, search.budget, search.dataset, "
    "search.run, memory.batch, memory.micro, paradigms.dataset, logs.p, logs.n, logs.scale, poly.degree, poly.function, poly.noise, poly.points, poly.seed, sawtooth, wide_deep, highlight.<controls|data|network|features|output|loss|regions|"
    "sawtooth|table|fit|logistic|normal|search|budget|fits|errors|decomposition|product|softmax|memory|accumulation>";
constexpr const char* kQueryKeys =
    "mode, dataset, regression, train_loss, test_loss, train_accuracy, test_accuracy, epoch, steps, parameters, "
    "layers, neurons, inputs, diverged, error, lr, batch_size, norm, optimizer, activation, regions, patterns, "
    "sawtooth.regions, wide_deep.depths, wide_deep.widths, wide_deep.mean, norm.before_sd, norm.after_sd, "
    "norm.after_mean, fit.mse, fit.max_error, fit.construction_mse, fit.neurons, fit.steps, logit.epoch, logit.loss, "
    "logit.accuracy, logit.gd_steps, logit.gd_gap, logit.normal_loss, search.state, search.trials, "
    "search.budget_spent, search.best_score, search.best_x, search.best_y, search.test_loss, poly.degree, poly.points, "
    "poly.best_degree, poly.train_mse, poly.test_mse, poly.bias2, poly.variance, logs.n, logs.scale, logs.zero_f32, "
    "logs.zero_f64, logs.log_sum, logs.nan_naive_f32, logs.nan_naive_f64, logs.lse_stable, paradigms.ready, "
    "paradigms.dataset, "
    "paradigms.supervised, paradigms.purity, paradigms.noisy, paradigms.coarse, paradigms.semi_only, "
    "paradigms.semi_consistency, paradigms.active_uncertain, paradigms.active_random, memory.batch, memory.micro, "
    "memory.train_bytes, memory.inference_bytes, memory.micro_bytes, memory.gradient_difference, keys";
constexpr const char* kFeatureNames[] = {"x1", "x2", "x1^2", "x2^2", "x1x2", "sin(x1)", "sin(x2)"};
constexpr const char* kActivationNames[] = {"relu", "tanh", "sigmoid", "linear"};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

Result<double> number(const std::string& key, const Value& v) {
  if (const double* d = as_number(v)) return *d;
  return make_error("'" + key + "' needs a number");
}

Result<int> pick(const std::string& key, const Value& v, const char* const* names, int count) {
  const std::string* s = as_string(v);
  if (!s) return make_error("'" + key + "' needs a name");
  const std::string want = lower(trim(*s));
  std::string known;
  for (int i = 0; i < count; ++i) {
    if (want == lower(names[i])) return i;
    known += (i ? ", " : "") + std::string(names[i]);
  }
  return make_error("'" + *s + "' is not a choice for '" + key + "'; choose one of " + known);
}

uint64_t seed_of(const Lab& lab) { return lab.snap ? lab.snap->progress.seed : 1; }

Status set_features(Lab& lab, const Value& v) {
  const std::string* s = as_string(v);
  if (!s) return make_error("'features' needs names like \"x1, x2, sin(x1)\"");
  int mask = 0;
  std::stringstream in(*s);
  std::string part;
  while (std::getline(in, part, ',')) {
    const std::string name = lower(trim(part));
    if (name.empty()) continue;
    int found = -1;
    for (int k = 0; k < nn::kPlaygroundFeatures; ++k)
      if (name == kFeatureNames[k]) found = k;
    if (found < 0)
      return make_error("unknown feature '" + name + "'; the features are x1, x2, x1^2, x2^2, x1x2, sin(x1), sin(x2)");
    mask |= 1 << found;
  }
  if (mask == 0) return make_error("'features' needs at least one feature");
  lab.settings.features = mask;
  lab.net->set("features", mask);
  lab.net->reset(seed_of(lab));
  return Ok{};
}

Value list(const std::vector<double>& v) { return Value(v); }

}  // namespace

Status configure_lab(Lab& lab, const std::string& key, const Value& value) {
  Settings& st = lab.settings;
  if (key.rfind("highlight.", 0) == 0) {
    const std::string target = key.substr(10);
    static const char* const targets[] = {"controls", "data", "network", "features", "output", "loss",
                                          "regions", "sawtooth", "table", "fit", "logistic", "normal",
                                          "search", "budget", "fits", "errors", "decomposition", "product", "softmax", "memory", "accumulation"};
    if (std::find_if(std::begin(targets), std::end(targets), [&](const char* t) { return target == t; }) == std::end(targets))
      return make_error("the playground cannot highlight '" + target +
                        "'; it can highlight controls, data, network, features, output, loss, regions, sawtooth, table, fit, logistic, normal, search, budget, fits, errors, decomposition, product, softmax, memory, accumulation");
    const bool* on = as_bool(value);
    if (on && !*on) {
      if (lab.highlight == target) lab.highlight.clear();
    } else {
      lab.highlight = target;
    }
    return Ok{};
  }
  if (key == "mode") {
    const char* names[kModeCount] = {"playground", "regions", "fit", "logistic", "search", "poly", "logs", "paradigms", "memory"};
    Result<int> m = pick(key, value, names, kModeCount);
    if (!m) return m.error();
    lab.mode = static_cast<Mode>(*m);
    lab.select_tab = true;
    pause_hidden(lab);
    return Ok{};
  }
  if (key == "dataset") {
    const char* names[data::kToy2DKindCount];
    for (int k = 0; k < data::kToy2DKindCount; ++k) names[k] = data::toy2d_name(static_cast<data::Toy2DKind>(k));
    Result<int> d = pick(key, value, names, data::kToy2DKindCount);
    if (!d) return d.error();
    st.dataset = names[*d];
    if (!apply_dataset(lab)) return make_error(lab.data_error);
    return Ok{};
  }
  if (key == "csv") {
    const std::string* path = as_string(value);
    if (!path) return make_error("'csv' needs a file path");
    const std::string keep = st.dataset;
    st.dataset = "csv";
    st.csv_path = *path;
    if (!apply_dataset(lab)) {
      st.dataset = keep;
      return make_error(lab.data_error);
    }
    return Ok{};
  }
  if (key == "noise" || key == "train_ratio" || key == "data_seed") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    if (key == "noise") {
      if (!(*v >= 0 && *v <= 50)) return make_error("'noise' is a percentage from 0 to 50");
      st.noise = static_cast<float>(*v / 100);
    } else if (key == "train_ratio") {
      if (!(*v >= 10 && *v <= 90)) return make_error("'train_ratio' is a percentage from 10 to 90");
      st.train_ratio = static_cast<float>(*v / 100);
    } else {
      if (!(*v >= 0)) return make_error("'data_seed' must be 0 or more");
      st.data_seed = static_cast<uint64_t>(*v);
    }
    if (!apply_dataset(lab)) return make_error(lab.data_error);
    return Ok{};
  }
  if (key == "batch_size" || key == "lr" || key == "regularization_rate") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    if (key == "batch_size") {
      if (!(*v >= 1 && *v <= 500)) return make_error("'batch_size' must lie between 1 and 500");
      st.batch = static_cast<int>(*v);
    } else if (key == "lr") {
      if (!(*v > 0)) return make_error("'lr' must be positive");
      st.lr = static_cast<float>(*v);
    } else {
      if (!(*v >= 0)) return make_error("'regularization_rate' must be 0 or more");
      st.regularization_rate = static_cast<float>(*v);
    }
    lab.net->set(key, *v);
    return Ok{};
  }
  if (key == "regularization") {
    const char* names[] = {"none", "L1", "L2"};
    Result<int> r = pick(key, value, names, 3);
    if (!r) return r.error();
    st.regularization = *r;
    lab.net->set(key, *r);
    return Ok{};
  }
  if (key == "activation") {
    Result<int> a = pick(key, value, kActivationNames, 4);
    if (!a) return a.error();
    st.activation = *a;
    lab.net->set(key, *a);
    lab.net->reset(seed_of(lab));
    return Ok{};
  }
  if (key == "optimizer") {
    const char* names[] = {"SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW"};
    Result<int> o = pick(key, value, names, 7);
    if (!o) return o.error();
    st.optimizer = *o;
    lab.net->set(key, *o);
    return Ok{};
  }
  if (key == "norm") {
    const char* names[] = {"none", "layer", "batch"};
    Result<int> n = pick(key, value, names, 3);
    if (!n) return n.error();
    st.norm = *n;
    lab.net->set(key, *n);
    lab.net->reset(seed_of(lab));
    return Ok{};
  }
  if (key == "layers") {
    std::vector<int> hidden;
    if (const std::vector<double>* l = as_list(value)) {
      for (double w : *l) hidden.push_back(static_cast<int>(w));
    } else if (const double* one = as_number(value)) {
      hidden.push_back(static_cast<int>(*one));  // one hidden layer (a list of one from a command line)
    } else if (const std::string* s = as_string(value); s && trim(*s).empty()) {
      // An empty Lua table may arrive as an empty string: no hidden layers.
    } else {
      return make_error("'layers' needs a list of widths such as {8, 8}");
    }
    if (hidden.size() > static_cast<size_t>(nn::kPlaygroundMaxHidden)) return make_error("at most 6 hidden layers");
    for (int w : hidden)
      if (w < 1 || w > nn::kPlaygroundMaxWidth) return make_error("each hidden layer has 1 to 8 neurons");
    st.hidden = hidden;
    apply_layers(lab);
    return Ok{};
  }
  if (key == "features") return set_features(lab, value);
  if (key == "show_test" || key == "discretize") {
    const bool* b = as_bool(value);
    if (!b) return make_error("'" + key + "' needs true or false");
    (key == "show_test" ? st.show_test : st.discretize) = *b;
    return Ok{};
  }
  if (key == "search.method") {
    const char* names[] = {"grid", "random", "halving", "bayesian"};
    Result<int> m = pick(key, value, names, 4);
    if (!m) return m.error();
    lab.search.plan.method = static_cast<tune::SearchMethod>(*m);
    return Ok{};
  }
  if (key == "search.x" || key == "search.y") {
    const char* names[] = {"lr", "l2", "batch_size", "neurons", "layers", "momentum"};
    Result<int> k = pick(key, value, names, 6);
    if (!k) return k.error();
    (key == "search.x" ? lab.search.setup.x : lab.search.setup.y) = static_cast<tune::PlaygroundKnob>(*k);
    return Ok{};
  }
  if (key == "search.budget") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    if (!(*v >= 1 && *v <= 1000)) return make_error("'search.budget' is a number of epochs from 1 to 1000");
    lab.search.plan.budget = *v;
    lab.search.plan.halving = {36, *v / 9, *v, 3};
    return Ok{};
  }
  if (key == "search.dataset") {
    const std::string* d = as_string(value);
    if (!d || (*d != "circle" && *d != "xor" && *d != "gauss" && *d != "spiral"))
      return make_error("'search.dataset' is one of circle, xor, gauss, spiral");
    lab.search.dataset = *d;
    return Ok{};
  }
  if (key == "search.run") {
    const bool* b = as_bool(value);
    if (!b) return make_error("'search.run' needs true (start) or false (cancel)");
    if (*b) start_search(lab);
    else if (lab.search.job) lab.search.job->cancel();
    return Ok{};
  }
  if (key == "poly.degree" || key == "poly.noise" || key == "poly.points" || key == "poly.seed") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    PolyState& ps = lab.poly;
    if (key == "poly.degree") {
      if (!(*v >= 0 && *v <= ps.max_degree && *v == std::floor(*v))) return make_error("'poly.degree' is a whole number from 0 to 12");
      ps.degree = static_cast<int>(*v);
    } else if (key == "poly.noise") {
      if (!(*v >= 0 && *v <= 1)) return make_error("'poly.noise' is σ from 0 to 1");
      ps.setup.noise = *v;
    } else if (key == "poly.points") {
      if (!(*v >= 5 && *v <= 100)) return make_error("'poly.points' is from 5 to 100");
      ps.setup.n_train = static_cast<int>(*v);
    } else {
      ps.seed = static_cast<uint64_t>(std::max(0.0, *v));
    }
    ps.dirty = true;
    return Ok{};
  }
  if (key == "poly.function") {
    const char* names[] = {"linear", "quadratic", "sine"};
    Result<int> k = pick(key, value, names, 3);
    if (!k) return k.error();
    lab.poly.setup.f = static_cast<experiments::TrueFunction>(*k);
    lab.poly.dirty = true;
    return Ok{};
  }
  if (key == "logs.p" || key == "logs.n" || key == "logs.scale") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    LogsState& ls = lab.logs;
    if (key == "logs.p") {
      if (!(*v > 0 && *v < 1)) return make_error("'logs.p' is a probability between 0 and 1");
      ls.p = *v;
    } else if (key == "logs.n") {
      if (!(*v >= 1 && *v <= 5000)) return make_error("'logs.n' is from 1 to 5000");
      ls.n = static_cast<int>(*v);
    } else {
      if (!(*v > 0 && *v <= 1e4)) return make_error("'logs.scale' is from 0 to 10000");
      ls.scale = *v;
    }
    ls.dirty = true;
    return Ok{};
  }
  if (key == "memory.batch" || key == "memory.micro") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    if (key == "memory.batch") {
      if (!(*v >= 1 && *v <= 250)) return make_error("'memory.batch' is from 1 to 250");
      lab.memory.batch = static_cast<int>(*v);
    } else {
      if (!(*v >= 1 && *v <= 16)) return make_error("'memory.micro' is from 1 to 16");
      lab.memory.micro = static_cast<int>(*v);
    }
    return Ok{};
  }
  if (key == "paradigms.dataset") {
    const std::string* d = as_string(value);
    if (!d || (*d != "circle" && *d != "xor" && *d != "gauss" && *d != "spiral"))
      return make_error("'paradigms.dataset' is one of circle, xor, gauss, spiral");
    if (lab.paradigms.job.valid()) lab.paradigms.job.wait();
    lab.paradigms.setup.dataset = *d;
    start_paradigms(lab);
    return Ok{};
  }
  if (key == "logit.lr") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    if (!(*v > 0)) return make_error("'logit.lr' must be positive");
    lab.logit->set("lr", *v);
    return Ok{};
  }
  if (key == "speed") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    lab.net->set_speed(*v);
    lab.fit->set_speed(*v);
    lab.logit->set_speed(*v);
    lab.toolbar.speed = lab.fit_toolbar.speed = lab.logit_toolbar.speed = static_cast<float>(*v);
    return Ok{};
  }
  if (key == "fit.target") {
    const char* names[train::kTarget1DCount];
    for (int k = 0; k < train::kTarget1DCount; ++k) names[k] = train::target1d_name(static_cast<train::Target1D>(k));
    Result<int> t = pick(key, value, names, train::kTarget1DCount);
    if (!t) return t.error();
    lab.fit->set("target", *t);
    lab.fit->reset(1);
    return Ok{};
  }
  if (key == "fit.activation") {
    Result<int> a = pick(key, value, kActivationNames, 3);
    if (!a) return a.error();
    lab.fit->set("activation", *a);
    lab.fit->reset(1);
    return Ok{};
  }
  if (key == "fit.neurons" || key == "fit.lr") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    if (key == "fit.neurons" && !(*v >= 1 && *v <= train::kFit1DMaxNeurons && *v == std::floor(*v)))
      return make_error("'fit.neurons' is a whole number from 1 to 64");
    if (key == "fit.lr" && !(*v > 0)) return make_error("'fit.lr' must be positive");
    lab.fit->set(key.substr(4), *v);
    return Ok{};
  }
  if (key == "sawtooth") {
    Result<double> v = number(key, value);
    if (!v) return v.error();
    if (!(*v >= 1 && *v <= 8)) return make_error("'sawtooth' is a depth from 1 to 8");
    lab.sawtooth_depth = static_cast<int>(*v);
    lab.sawtooth = {};
    return Ok{};
  }
  if (key == "wide_deep") {
    const bool* b = as_bool(value);
    if (!b) return make_error("'wide_deep' needs true");
    if (*b) lab.wide_deep = nn::wide_vs_deep(lab.wide_deep_setup);
    else lab.wide_deep.clear();
    return Ok{};
  }
  return make_error("the playground view has no option '" + key + "'; the options are " + kConfigureKeys);
}

std::optional<Value> query_lab(Lab& lab, const std::string& key) {
  lab.snap = lab.net->latest();
  lab.fit_snap = lab.fit->latest();
  const train::MlpSnapshot& s = *lab.snap;
  const train::Fit1DSnapshot& f = *lab.fit_snap;
  if (key == "keys") return Value(std::string(kQueryKeys));
  if (key == "mode") return Value(std::string(mode_name(lab.mode)));
  if (key == "dataset") return Value(lab.settings.dataset);
  if (key == "regression") return Value(s.regression);
  if (key == "train_loss") return Value(s.train_loss);
  if (key == "test_loss") return Value(s.test_loss);
  if (key == "train_accuracy") return Value(s.train_accuracy);
  if (key == "test_accuracy") return Value(s.test_accuracy);
  if (key == "epoch") return Value(s.epoch);
  if (key == "steps") return Value(static_cast<double>(s.progress.step));
  if (key == "parameters") return Value(static_cast<double>(s.parameters));
  if (key == "layers") {
    std::vector<double> w;
    for (int l = 1; l < s.net.layers; ++l) w.push_back(s.net.width[static_cast<size_t>(l)]);
    return list(w);
  }
  if (key == "neurons") {
    int n = 0;
    for (int l = 1; l < s.net.layers; ++l) n += s.net.width[static_cast<size_t>(l)];
    return Value(static_cast<double>(n));
  }
  if (key == "inputs") return Value(static_cast<double>(s.net.inputs));
  if (key == "diverged") return Value(s.diverged);
  if (key == "error") return Value(s.progress.error);
  if (key == "lr") return Value(static_cast<double>(s.lr));
  if (key == "batch_size") return Value(static_cast<double>(s.batch_size));
  if (key == "norm") return Value(std::string(nn::norm_name(s.norm)));
  if (key == "optimizer") return Value(std::string(optim::method_name(s.optimizer)));
  if (key == "activation") {
    const char* name = s.net.activation == tensor::Activation::ReLU      ? "relu"
                       : s.net.activation == tensor::Activation::Tanh    ? "tanh"
                       : s.net.activation == tensor::Activation::Sigmoid ? "sigmoid"
                                                                         : "linear";
    return Value(std::string(name));
  }
  if (key == "regions" || key == "patterns") {
    refresh_regions(lab);
    if (s.net.activation != tensor::Activation::ReLU || s.norm != nn::PlaygroundNorm::None) return Value(-1.0);
    return Value(static_cast<double>(key == "regions" ? lab.regions.regions : lab.regions.patterns));
  }
  if (key == "sawtooth.regions") {
    refresh_regions(lab);
    return Value(static_cast<double>(lab.sawtooth.regions));
  }
  if (key == "wide_deep.depths" || key == "wide_deep.widths" || key == "wide_deep.mean") {
    std::vector<double> out;
    for (const nn::WideDeepRow& r : lab.wide_deep)
      out.push_back(key == "wide_deep.depths" ? r.depth : key == "wide_deep.widths" ? r.width : r.mean_regions);
    return list(out);
  }
  if (key == "norm.before_sd" || key == "norm.after_sd" || key == "norm.after_mean") {
    const train::NormStats n = train::norm_stats(s.probe, s.norm);
    return Value(key == "norm.before_sd" ? n.before_sd : key == "norm.after_sd" ? n.after_sd : n.after_mean);
  }
  const LogitSnapshot& g = *lab.logit->latest();
  if (key == "logit.epoch") return Value(static_cast<double>(g.epoch));
  if (key == "logit.loss") return Value(g.loss);
  if (key == "logit.accuracy") return Value(g.accuracy);
  if (key == "logit.gd_steps") return Value(static_cast<double>(g.gd_steps));
  if (key == "logit.gd_gap") return Value(g.gd_loss - g.normal_loss);
  if (key == "logit.normal_loss") return Value(g.normal_loss);
  if (key == "search.state") {
    poll_search(lab);
    return Value(std::string(search_state(lab)));
  }
  if (key == "search.trials" || key == "search.budget_spent" || key == "search.best_score" || key == "search.best_x" ||
      key == "search.best_y" || key == "search.test_loss") {
    poll_search(lab);
    const tune::SearchJob* job = lab.search.job.get();
    if (key == "search.trials") return Value(job ? static_cast<double>(job->trials_done()) : 0.0);
    if (key == "search.budget_spent") {
      double spent = 0;
      if (job)
        for (const tune::Trial& t : job->trials()) spent += t.budget;
      return Value(spent);
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (!job || !job->done() || job->result().trials.empty()) return Value(nan);
    const tune::Trial& b = job->result().best;
    if (key == "search.best_score") return Value(b.score);
    if (key == "search.best_x") return Value(b.x[0]);
    if (key == "search.best_y") return Value(b.x[1]);
    return Value(lab.search.test_loss);
  }
  if (key.rfind("memory.", 0) == 0) {
    refresh_memory(lab);
    const MemoryState& ms = lab.memory;
    if (key == "memory.batch") return Value(static_cast<double>(ms.batch));
    if (key == "memory.micro") return Value(static_cast<double>(ms.micro));
    if (key == "memory.train_bytes") return Value(static_cast<double>(ms.memory.activation_bytes_train));
    if (key == "memory.inference_bytes") return Value(static_cast<double>(ms.memory.activation_bytes_inference));
    if (key == "memory.micro_bytes") return Value(static_cast<double>(ms.accumulation.activation_bytes_micro));
    if (key == "memory.gradient_difference") return Value(ms.accumulation.max_abs_difference);
  }
  if (key.rfind("paradigms.", 0) == 0) {
    poll_paradigms(lab);
    const ParadigmView& pv = lab.paradigms;
    if (key == "paradigms.ready") return Value(pv.ready);
    if (key == "paradigms.dataset") return Value(pv.setup.dataset);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const experiments::Paradigms& r = pv.result;
    if (key == "paradigms.supervised") return Value(pv.ready ? r.supervised.test_accuracy : nan);
    if (key == "paradigms.purity") return Value(pv.ready ? r.clustering.purity : nan);
    if (key == "paradigms.noisy") return Value(pv.ready ? r.weak.noisy.test_accuracy : nan);
    if (key == "paradigms.coarse") return Value(pv.ready ? r.weak.coarse.test_accuracy : nan);
    if (key == "paradigms.semi_only") return Value(pv.ready ? r.semi.supervised_only.test_accuracy : nan);
    if (key == "paradigms.semi_consistency") return Value(pv.ready ? r.semi.consistency.test_accuracy : nan);
    if (key == "paradigms.active_uncertain") return Value(pv.ready ? r.active.accuracy_uncertain.back() : nan);
    if (key == "paradigms.active_random") return Value(pv.ready ? r.active.accuracy_random.back() : nan);
  }
  if (key.rfind("logs.", 0) == 0) {
    refresh_logs(lab);
    const LogsState& ls = lab.logs;
    // Counts of events (1-based); −1 when the product never reached 0 within n.
    auto count = [](int index) { return static_cast<double>(index >= 0 ? index + 1 : -1); };
    if (key == "logs.n") return Value(static_cast<double>(ls.n));
    if (key == "logs.scale") return Value(ls.scale);
    if (key == "logs.zero_f32") return Value(count(ls.product.first_zero_f32));
    if (key == "logs.zero_f64") return Value(count(ls.product.first_zero_f64));
    if (key == "logs.log_sum") return Value(ls.product.log_sum.back());
    if (key == "logs.nan_naive_f32") return Value(static_cast<double>(ls.softmax.nan_naive_f32));
    if (key == "logs.nan_naive_f64") return Value(static_cast<double>(ls.softmax.nan_naive_f64));
    if (key == "logs.lse_stable") return Value(ls.softmax.lse_stable_f64);
  }
  if (key.rfind("poly.", 0) == 0) {
    refresh_poly(lab);
    const PolyState& ps = lab.poly;
    const size_t d = static_cast<size_t>(ps.degree);
    if (key == "poly.degree") return Value(static_cast<double>(ps.degree));
    if (key == "poly.points") return Value(static_cast<double>(ps.setup.n_train));
    if (key == "poly.best_degree") return Value(static_cast<double>(ps.best_degree));
    if (key == "poly.train_mse") return Value(ps.sweep.median_train_mse[d]);
    if (key == "poly.test_mse") return Value(ps.sweep.median_test_mse[d]);
    if (key == "poly.bias2") return Value(ps.bvs.bias2[d]);
    if (key == "poly.variance") return Value(ps.bvs.variance[d]);
  }
  if (key == "fit.mse") return Value(f.grid_mse);
  if (key == "fit.max_error") return Value(f.grid_max_error);
  if (key == "fit.construction_mse") return Value(f.construction_mse);
  if (key == "fit.neurons") return Value(static_cast<double>(f.neurons));
  if (key == "fit.steps") return Value(static_cast<double>(f.progress.step));
  return std::nullopt;
}

}  // namespace attend::views::playground_view
