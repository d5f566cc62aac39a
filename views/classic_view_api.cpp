// The classic lab's lesson API: configure(key, value) sets what a person could set by hand, query(key) reads
// what a lesson's checks need. Unknown keys are errors that list the known ones. A query also starts the
// jobs a configure asked for and takes finished results, so checks see new numbers without a frame drawn.
//
// configure
//   mode                  "zoo" | "metrics" | "regression" | "pipeline" | "drift" | "inference" | "icl"
//   highlight.<part>      true points at a panel title: data, hyper, model, threshold, confusion, report, r2,
//                         file, steps, models, monitor, offloading, distributed, prompt; false clears
//   zoo.dataset ("circle", "xor", "gauss", "spiral"), zoo.noise, zoo.seed, C, gamma (0: 'scale'), depth (−1:
//   full), trees, k, p (1 or 2)
//   metrics.model (a zoo name: "logistic", "rbf_svm", …), metrics.dataset, metrics.noise, threshold,
//   metrics.reference, metrics.candidate (BLEU's sentences), metrics.bleu_smooth
//   regression.noise, regression.scale2 (the raw second feature's scale), regression.ridge_alpha
//   pipeline.path ("" = houses.csv), pipeline.target, pipeline.drop_missing, pipeline.one_hot, pipeline.scale,
//   pipeline.seed
//   drift.shift, drift.turn, drift.psi_threshold, drift.start, drift.t (replay cursor), drift.play
//   inference.pcie_gbs, inference.network_gbit, inference.latency_ms, inference.servers, inference.batch,
//   inference.overlap
//   icl.shots (examples in the shown prompt), icl.prompt_seed
// query
//   mode, keys, settled (waits for every background job; tests and headless runs)
//   zoo.ready, zoo.error, zoo.<model>.train | .test (accuracy; model: logistic, lda, linear_svm, rbf_svm, tree,
//   forest, knn, naive_bayes), zoo.dataset, C, gamma, depth, trees, k, p
//   metrics.ready, metrics.model, metrics.auc, metrics.accuracy, metrics.tp | .fp | .tn | .fn,
//   metrics.precision | .recall | .f1 (class 1), metrics.log_loss (NaN for SVMs), metrics.r2, threshold,
//   metrics.bleu, metrics.bleu_bp, metrics.bleu_precision (p1..p4), metrics.candidate
//   regression.ready, regression.steps_raw | .steps_scaled (−1: not within 500), regression.condition_raw |
//   .condition_scaled, regression.scale2, regression.noise, regression.ridge_alpha, regression.lasso_zeros (coefficients at exactly 0 in the middle of
//   the lasso path), regression.ridge_zeros, regression.var_ols | .var_ridge (variance of β1 at ρ = 0.99)
//   pipeline.ready, pipeline.seed, pipeline.error, pipeline.rows_in | .rows_dropped | .rows_train | .rows_test,
//   pipeline.features, pipeline.best, pipeline.best_score, pipeline.score.<model>
//   drift.ready, drift.first_alarm, drift.retrains, drift.early, drift.late_static, drift.late_monitored, drift.t,
//   drift.shift
//   inference.offload_s, inference.distributed_s, inference.faster ("offloading" | "distributed"),
//   inference.offload_bottleneck, inference.distributed_bottleneck, inference.batch, inference.servers,
//   inference.pcie_gbs, inference.network_gbit, inference.latency_ms
//   icl.accuracy (list over 0..K examples), icl.acc<k>, icl.ceiling<k>, icl.chance, icl.parameters, icl.curve_step, icl.shots,
//   icl.answer, icl.predicted, icl.correct
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "views/classic_view_state.h"

namespace attend::views::classic_view {

namespace {

constexpr const char* kConfigureKeys =
    "mode, highlight.<part>, zoo.dataset, zoo.noise, zoo.seed, C, gamma, depth, trees, k, p, metrics.model, "
    "metrics.dataset, metrics.noise, threshold, metrics.reference, metrics.candidate, metrics.bleu_smooth, regression.noise, regression.scale2, regression.ridge_alpha, "
    "pipeline.path, pipeline.target, pipeline.drop_missing, pipeline.one_hot, pipeline.scale, pipeline.seed, "
    "drift.shift, drift.turn, drift.psi_threshold, drift.start, drift.t, drift.play, inference.pcie_gbs, "
    "inference.network_gbit, inference.latency_ms, inference.servers, inference.batch, inference.overlap, icl.shots, "
    "icl.prompt_seed";
constexpr const char* kQueryKeys =
    "mode, keys, settled, zoo.ready, zoo.error, zoo.<model>.train, zoo.<model>.test, zoo.dataset, C, gamma, depth, "
    "trees, k, p, metrics.ready, metrics.model, metrics.auc, metrics.accuracy, metrics.tp, metrics.fp, metrics.tn, "
    "metrics.fn, metrics.precision, metrics.recall, metrics.f1, metrics.log_loss, metrics.r2, metrics.bleu, metrics.bleu_bp, "
    "metrics.bleu_precision, metrics.candidate, threshold, "
    "regression.ready, regression.steps_raw, regression.steps_scaled, regression.condition_raw, "
    "regression.condition_scaled, regression.scale2, regression.noise, regression.ridge_alpha, regression.lasso_zeros, regression.ridge_zeros, "
    "regression.var_ols, regression.var_ridge, pipeline.ready, pipeline.seed, pipeline.error, pipeline.rows_in, "
    "pipeline.rows_dropped, pipeline.rows_train, pipeline.rows_test, pipeline.features, pipeline.best, "
    "pipeline.best_score, pipeline.score.<model>, drift.ready, drift.first_alarm, drift.retrains, drift.early, "
    "drift.late_static, drift.late_monitored, drift.t, drift.shift, inference.offload_s, inference.distributed_s, "
    "inference.faster, inference.offload_bottleneck, inference.distributed_bottleneck, inference.batch, "
    "inference.servers, inference.pcie_gbs, inference.network_gbit, inference.latency_ms, icl.accuracy, icl.acc<k>, "
    "icl.ceiling<k>, icl.chance, icl.parameters, icl.curve_step, icl.shots, icl.answer, icl.predicted, icl.correct";

Status need_number(const std::string& key, const Value& v, double lo, double hi, double* out) {
  const double* d = as_number(v);
  if (!d || !std::isfinite(*d)) return make_error("'" + key + "' needs a number");
  if (*d < lo || *d > hi)
    return make_error("'" + key + "' must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  *out = *d;
  return Ok{};
}

Status need_bool(const std::string& key, const Value& v, bool* out) {
  if (const bool* b = as_bool(v)) {
    *out = *b;
    return Ok{};
  }
  if (const double* d = as_number(v)) {
    *out = *d != 0;
    return Ok{};
  }
  return make_error("'" + key + "' needs true or false");
}

Status need_string(const std::string& key, const Value& v, std::string* out) {
  const std::string* s = as_string(v);
  if (!s) return make_error("'" + key + "' needs a string");
  *out = *s;
  return Ok{};
}

Status dataset_of(const std::string& key, const Value& v, data::Toy2DKind* out) {
  std::string name;
  if (Status s = need_string(key, v, &name); !s) return s;
  data::Toy2DKind k;
  if (!data::parse_toy2d(name, &k) || k == data::Toy2DKind::Plane || k == data::Toy2DKind::MultiGauss)
    return make_error("'" + key + "': unknown dataset '" + name + "'; use circle, xor, gauss or spiral");
  *out = k;
  return Ok{};
}

void post_prompt(Lab& lab) {
  const int shots = lab.icl_shots;
  const uint64_t seed = lab.icl_prompt_seed;
  icl_session(lab).post([shots, seed](experiments::IclSessionModel& m) {
    m.prompt_shots = shots;
    m.prompt_seed = seed;
    m.prompt = experiments::sample_prompt(m.model.config, shots, seed);
  });
}

int count_zeros(const experiments::CoefPathData& p) {
  if (p.coefs.empty()) return 0;
  const std::vector<double>& mid = p.coefs[p.coefs.size() / 2];
  return static_cast<int>(std::count(mid.begin(), mid.end(), 0.0));
}

}  // namespace

Status configure_lab(Lab& lab, const std::string& key, const Value& value) {
  double d = 0;
  bool b = false;
  std::string str;
  auto num = [&](double lo, double hi) { return need_number(key, value, lo, hi, &d); };
#define ATTEND_TRY(expr)      \
  do {                        \
    Status st_ = (expr);      \
    if (!st_) return st_;     \
  } while (0)
  if (key == "mode") {
    ATTEND_TRY(need_string(key, value, &str));
    Mode m;
    if (!parse_mode(str, &m))
      return make_error("unknown mode '" + str + "'; use zoo, metrics, regression, pipeline, drift, inference or icl");
    lab.mode = m;
    lab.select_frames = 2;
    return Ok{};
  }
  if (key.rfind("highlight.", 0) == 0) {
    const std::string part = key.substr(10);
    const bool* on = as_bool(value);
    if (on && !*on) lab.highlight.clear();
    else lab.highlight = part;
    return Ok{};
  }
  // ---- zoo
  ZooRequest& z = lab.zoo;
  if (key == "zoo.dataset") ATTEND_TRY(dataset_of(key, value, &z.dataset));
  else if (key == "zoo.noise") { ATTEND_TRY(num(0, 1)); z.noise = d; }
  else if (key == "zoo.seed") { ATTEND_TRY(num(0, 1e9)); z.seed = static_cast<uint64_t>(d); }
  else if (key == "C") { ATTEND_TRY(num(1e-4, 1e5)); z.params.C = d; }
  else if (key == "gamma") { ATTEND_TRY(num(0, 1e5)); z.params.gamma = d; }
  else if (key == "depth") { ATTEND_TRY(num(-1, 30)); z.params.max_depth = static_cast<int>(d); }
  else if (key == "trees") { ATTEND_TRY(num(1, 500)); z.params.n_trees = static_cast<int>(d); }
  else if (key == "k") { ATTEND_TRY(num(1, 100)); z.params.k = static_cast<int>(d); }
  else if (key == "p") {
    ATTEND_TRY(num(1, 2));
    if (d != 1 && d != 2) return make_error("'p' is 1 (Manhattan) or 2 (Euclidean)");
    z.params.p = d;
  } else if (key.rfind("zoo.", 0) == 0 && key != "zoo.dataset") {
    return make_error("the classic view has no option '" + key + "'; the options are " + kConfigureKeys);
  }
  if (key == "zoo.dataset" || key == "zoo.noise" || key == "zoo.seed" || key == "C" || key == "gamma" || key == "depth" ||
      key == "trees" || key == "k" || key == "p") {
    lab.zoo_dirty = true;
    return Ok{};
  }
  // ---- metrics
  MetricsRequest& m = lab.metrics;
  if (key == "metrics.model") {
    ATTEND_TRY(need_string(key, value, &str));
    if (!classic::parse_zoo_model(str, &m.model))
      return make_error("unknown model '" + str + "'; use logistic, lda, linear_svm, rbf_svm, tree, forest, knn or naive_bayes");
    lab.metrics_dirty = true;
    lab.threshold = classic::score_is_probability(m.model) ? 0.5 : 0.0;
    return Ok{};
  }
  if (key == "metrics.dataset") { ATTEND_TRY(dataset_of(key, value, &m.dataset)); lab.metrics_dirty = true; return Ok{}; }
  if (key == "metrics.noise") { ATTEND_TRY(num(0, 1)); m.noise = d; lab.metrics_dirty = true; return Ok{}; }
  if (key == "threshold") { ATTEND_TRY(num(-1e6, 1e6)); lab.threshold = d; lab.thr_dirty = true; return Ok{}; }
  if (key == "metrics.reference" || key == "metrics.candidate") {
    ATTEND_TRY(need_string(key, value, &str));
    char* buf = key == "metrics.reference" ? lab.bleu_reference : lab.bleu_candidate;
    std::snprintf(buf, sizeof lab.bleu_reference, "%s", str.c_str());
    lab.bleu_dirty = true;
    return Ok{};
  }
  if (key == "metrics.bleu_smooth") { ATTEND_TRY(need_bool(key, value, &lab.bleu_smooth)); lab.bleu_dirty = true; return Ok{}; }
  // ---- regression
  RegressionRequest& r = lab.regression;
  if (key == "regression.noise") { ATTEND_TRY(num(0.01, 10)); r.shrink_noise = d; lab.regression_dirty = true; return Ok{}; }
  if (key == "regression.scale2") { ATTEND_TRY(num(0.01, 1e4)); r.scale2 = d; lab.regression_dirty = true; return Ok{}; }
  if (key == "regression.ridge_alpha")
    { ATTEND_TRY(num(1e-4, 1e4)); r.ridge_alpha = d; lab.regression_dirty = true; return Ok{}; }
  // ---- pipeline
  PipelineRequest& pr = lab.pipeline;
  if (key == "pipeline.path") {
    ATTEND_TRY(need_string(key, value, &pr.path));
    std::snprintf(lab.path_buf, sizeof lab.path_buf, "%s", pr.path.c_str());
    lab.pipeline_dirty = true;
    return Ok{};
  }
  if (key == "pipeline.target") {
    ATTEND_TRY(need_string(key, value, &pr.target));
    std::snprintf(lab.target_buf, sizeof lab.target_buf, "%s", pr.target.c_str());
    lab.pipeline_dirty = true;
    return Ok{};
  }
  if (key == "pipeline.drop_missing") { ATTEND_TRY(need_bool(key, value, &pr.drop_missing)); lab.pipeline_dirty = true; return Ok{}; }
  if (key == "pipeline.one_hot") { ATTEND_TRY(need_bool(key, value, &pr.one_hot)); lab.pipeline_dirty = true; return Ok{}; }
  if (key == "pipeline.scale") { ATTEND_TRY(need_bool(key, value, &pr.scale)); lab.pipeline_dirty = true; return Ok{}; }
  if (key == "pipeline.seed")
    { ATTEND_TRY(num(0, 1e9)); pr.seed = static_cast<uint64_t>(d); lab.pipeline_dirty = true; return Ok{}; }
  // ---- drift
  experiments::DriftSetup& ds = lab.drift;
  auto drift_changed = [&]() -> Status {
    lab.drift_dirty = true;
    lab.drift_t = 0;
    lab.drift_playing = true;
    return Ok{};
  };
  if (key == "drift.shift") { ATTEND_TRY(num(0, 1)); ds.shift_per_step = d; return drift_changed(); }
  if (key == "drift.turn") { ATTEND_TRY(num(0, 1)); ds.turn_per_step = d; return drift_changed(); }
  if (key == "drift.psi_threshold") { ATTEND_TRY(num(0.001, 10)); ds.psi_threshold = d; return drift_changed(); }
  if (key == "drift.start") { ATTEND_TRY(num(1, 50)); ds.drift_start = static_cast<int>(d); return drift_changed(); }
  if (key == "drift.t") { ATTEND_TRY(num(0, 1e4)); lab.drift_t = d; return Ok{}; }
  if (key == "drift.play") { ATTEND_TRY(need_bool(key, value, &lab.drift_playing));  return Ok{}; }
  // ---- inference
  experiments::Hardware& h = lab.hardware;
  if (key == "inference.pcie_gbs") { ATTEND_TRY(num(0.1, 1000)); h.pcie_bandwidth = d * 1e9; lab.inference_dirty = true; return Ok{}; }
  if (key == "inference.network_gbit")
    { ATTEND_TRY(num(0.01, 10000)); h.network_bandwidth = d * 1e9 / 8; lab.inference_dirty = true; return Ok{}; }
  if (key == "inference.latency_ms")
    { ATTEND_TRY(num(0.001, 1000)); h.network_latency = d * 1e-3; lab.inference_dirty = true; return Ok{}; }
  if (key == "inference.servers") { ATTEND_TRY(num(1, 70)); h.servers = static_cast<int>(d); lab.inference_dirty = true; return Ok{}; }
  if (key == "inference.batch") { ATTEND_TRY(num(1, 4096)); h.batch = static_cast<int>(d); lab.inference_dirty = true; return Ok{}; }
  if (key == "inference.overlap") { ATTEND_TRY(need_bool(key, value, &h.overlap)); lab.inference_dirty = true; return Ok{}; }
  // ---- in-context
  if (key == "icl.shots") { ATTEND_TRY(num(0, 16)); lab.icl_shots = static_cast<int>(d); post_prompt(lab); return Ok{}; }
  if (key == "icl.prompt_seed")
    { ATTEND_TRY(num(0, 1e9)); lab.icl_prompt_seed = static_cast<uint64_t>(d); post_prompt(lab); return Ok{}; }
  (void)b;
#undef ATTEND_TRY
  return make_error("the classic view has no option '" + key + "'; the options are " + kConfigureKeys);
}

std::optional<Value> query_lab(Lab& lab, const std::string& key) {
  update_jobs(lab, key == "settled");
  if (key == "settled") return Value(true);
  if (key == "keys") return Value(std::string(kQueryKeys));
  if (key == "mode") return Value(std::string(mode_name(lab.mode)));
  const double nan = std::nan("");
  // ---- zoo
  const classic::ZooParams& zp = lab.zoo.params;
  if (key == "zoo.ready") return Value(lab.zoo_out != nullptr && !lab.zoo_job.active());
  if (key == "zoo.error") return Value(lab.zoo_out ? lab.zoo_out->error : std::string());
  if (key == "zoo.dataset") return Value(std::string(data::toy2d_name(lab.zoo.dataset)));
  if (key == "C") return Value(zp.C);
  if (key == "gamma") return Value(zp.gamma);
  if (key == "depth") return Value(static_cast<double>(zp.max_depth));
  if (key == "trees") return Value(static_cast<double>(zp.n_trees));
  if (key == "k") return Value(static_cast<double>(zp.k));
  if (key == "p") return Value(zp.p);
  if (key.rfind("zoo.", 0) == 0) {
    const size_t dot = key.rfind('.');
    const std::string model = key.substr(4, dot - 4), what = key.substr(dot + 1);
    classic::ZooModel zm;
    if (dot > 4 && classic::parse_zoo_model(model, &zm) && (what == "train" || what == "test")) {
      // NaN until the fit with the current settings has finished, so a check waits instead of reading old numbers.
      if (!lab.zoo_out || lab.zoo_job.active()) return Value(nan);
      for (const classic::ZooEntry& e : lab.zoo_out->run.entries)
        if (e.kind == zm) return Value(what == "train" ? e.train_accuracy : e.test_accuracy);
      return Value(nan);
    }
    return std::nullopt;
  }
  // ---- metrics
  if (key == "threshold") return Value(lab.threshold);
  if (key == "metrics.model") return Value(std::string(classic::zoo_model_name(lab.metrics.model)));
  if (key == "metrics.bleu") return Value(lab.bleu.bleu);
  if (key == "metrics.bleu_bp") return Value(lab.bleu.brevity_penalty);
  if (key == "metrics.bleu_precision") return Value(lab.bleu.precision);
  if (key == "metrics.candidate") return Value(std::string(lab.bleu_candidate));
  if (key.rfind("metrics.", 0) == 0) {
    const bool ready = lab.metrics_out && !lab.metrics_job.active() && lab.metrics_out->error.empty();
    if (key == "metrics.ready") return Value(ready);
    const std::string what = key.substr(8);
    if (!ready) return what == "auc" || what == "accuracy" || what == "tp" || what == "fp" || what == "tn" ||
                               what == "fn" || what == "precision" || what == "recall" || what == "f1" ||
                               what == "log_loss" || what == "r2"
                           ? std::optional<Value>(Value(nan))
                           : std::nullopt;
    const ThresholdView& v = lab.thr;
    if (what == "auc") return Value(lab.metrics_out->roc.auc);
    if (what == "accuracy") return Value(v.report.accuracy);
    if (what == "tp") return Value(static_cast<double>(v.confusion.at(1, 1)));
    if (what == "fp") return Value(static_cast<double>(v.confusion.at(0, 1)));
    if (what == "tn") return Value(static_cast<double>(v.confusion.at(0, 0)));
    if (what == "fn") return Value(static_cast<double>(v.confusion.at(1, 0)));
    if (what == "precision") return Value(v.report.per_class[1].precision);
    if (what == "recall") return Value(v.report.per_class[1].recall);
    if (what == "f1") return Value(v.report.per_class[1].f1);
    if (what == "log_loss") return Value(lab.metrics_out->log_loss);
    if (what == "r2") return Value(lab.metrics_out->houses_r2);
    return std::nullopt;
  }
  // ---- regression
  if (key == "regression.scale2") return Value(lab.regression.scale2);
  if (key == "regression.noise") return Value(lab.regression.shrink_noise);
  if (key == "regression.ridge_alpha") return Value(lab.regression.ridge_alpha);
  if (key.rfind("regression.", 0) == 0) {
    const bool ready = lab.regression_out && !lab.regression_job.active() && lab.regression_out->error.empty();
    if (key == "regression.ready") return Value(ready);
    const std::string what = key.substr(11);
    const RegressionOut* o = ready ? lab.regression_out.get() : nullptr;
    if (what == "steps_raw") return Value(o ? static_cast<double>(o->race.steps_raw) : nan);
    if (what == "steps_scaled") return Value(o ? static_cast<double>(o->race.steps_scaled) : nan);
    if (what == "condition_raw") return Value(o ? o->race.condition_raw : nan);
    if (what == "condition_scaled") return Value(o ? o->race.condition_scaled : nan);
    if (what == "lasso_zeros") return Value(o ? static_cast<double>(count_zeros(o->paths.lasso)) : nan);
    if (what == "ridge_zeros") return Value(o ? static_cast<double>(count_zeros(o->paths.ridge)) : nan);
    if (what == "var_ols") return Value(o && !o->ols_var.empty() ? o->ols_var.back() : nan);
    if (what == "var_ridge") return Value(o && !o->ridge_var.empty() ? o->ridge_var.back() : nan);
    return std::nullopt;
  }
  // ---- pipeline
  if (key.rfind("pipeline.", 0) == 0) {
    const bool ready = lab.pipeline_out && !lab.pipeline_job.active();
    if (key == "pipeline.ready") return Value(ready);
    if (key == "pipeline.seed") return Value(static_cast<double>(lab.pipeline.seed));
    if (key == "pipeline.error") return Value(ready ? lab.pipeline_out->error : std::string());
    const classic::PipelineReport* rep = ready && lab.pipeline_out->error.empty() ? &lab.pipeline_out->report : nullptr;
    const std::string what = key.substr(9);
    if (what == "rows_in") return Value(rep ? static_cast<double>(rep->rows_in) : nan);
    if (what == "rows_dropped") return Value(rep ? static_cast<double>(rep->rows_dropped) : nan);
    if (what == "rows_train") return Value(rep ? static_cast<double>(rep->rows_train) : nan);
    if (what == "rows_test") return Value(rep ? static_cast<double>(rep->rows_test) : nan);
    if (what == "features") return Value(rep ? static_cast<double>(rep->feature_names.size()) : nan);
    if (what == "best") return Value(rep && rep->best >= 0 ? rep->models[static_cast<size_t>(rep->best)].name : std::string());
    if (what == "best_score")
      return Value(rep && rep->best >= 0 ? rep->models[static_cast<size_t>(rep->best)].test_score : nan);
    if (what.rfind("score.", 0) == 0) {
      if (!rep) return Value(nan);
      for (const classic::ModelResult& mr : rep->models)
        if (mr.name == what.substr(6)) return Value(mr.error.empty() ? mr.test_score : nan);
      return std::nullopt;
    }
    return std::nullopt;
  }
  // ---- drift
  if (key.rfind("drift.", 0) == 0) {
    const DriftOut* o = lab.drift_out && !lab.drift_job.active() ? lab.drift_out.get() : nullptr;
    const std::string what = key.substr(6);
    if (what == "ready") return Value(o != nullptr);
    if (what == "t") return Value(lab.drift_t);
    if (what == "shift") return Value(lab.drift.shift_per_step);
    if (what == "first_alarm") return Value(o ? static_cast<double>(o->run.first_alarm) : nan);
    if (what == "retrains") return Value(o ? static_cast<double>(o->run.retrains.size()) : nan);
    if (what == "early") return Value(o ? o->early : nan);
    if (what == "late_static") return Value(o ? o->late_static : nan);
    if (what == "late_monitored") return Value(o ? o->late_monitored : nan);
    return std::nullopt;
  }
  // ---- inference
  if (key.rfind("inference.", 0) == 0) {
    const InferenceOut& o = lab.inference;
    const experiments::Hardware& h = lab.hardware;
    const std::string what = key.substr(10);
    if (what == "offload_s") return Value(o.offloading.seconds);
    if (what == "distributed_s") return Value(o.distributed.seconds);
    if (what == "faster") return Value(std::string(o.offloading.seconds < o.distributed.seconds ? "offloading" : "distributed"));
    if (what == "offload_bottleneck") return Value(o.offloading.bottleneck);
    if (what == "distributed_bottleneck") return Value(o.distributed.bottleneck);
    if (what == "batch") return Value(static_cast<double>(h.batch));
    if (what == "servers") return Value(static_cast<double>(h.servers));
    if (what == "pcie_gbs") return Value(h.pcie_bandwidth / 1e9);
    if (what == "network_gbit") return Value(h.network_bandwidth * 8 / 1e9);
    if (what == "latency_ms") return Value(h.network_latency * 1e3);
    return std::nullopt;
  }
  // ---- in-context
  if (key.rfind("icl.", 0) == 0) {
    const std::shared_ptr<const experiments::IclSnapshot> snap = icl_session(lab).latest();
    const experiments::ShotCurve& c = snap->curve;
    const std::string what = key.substr(4);
    if (what == "accuracy") return Value(c.accuracy);
    if (what == "chance") return Value(c.chance);
    if (what == "parameters") return Value(static_cast<double>(snap->parameter_count));
    if (what == "curve_step") return Value(static_cast<double>(snap->curve_step));
    if (what == "shots") return Value(static_cast<double>(snap->prompt.xs.size()));
    if (what == "answer") return Value(static_cast<double>(snap->reading.answer));
    if (what == "predicted") return Value(static_cast<double>(snap->reading.predicted));
    if (what == "correct") return Value(snap->reading.answer == snap->reading.predicted);
    for (const char* prefix : {"acc", "ceiling"}) {
      const std::string pre = prefix;
      if (what.rfind(pre, 0) == 0 && what.size() > pre.size() && std::isdigit(static_cast<unsigned char>(what[pre.size()]))) {
        const size_t k = static_cast<size_t>(std::atoi(what.c_str() + pre.size()));
        const std::vector<double>& v = pre == "acc" ? c.accuracy : c.ceiling;
        return Value(k < v.size() ? v[k] : nan);
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace attend::views::classic_view
