// What each tab of the classic lab asks core for. These run on BackgroundJob threads (or, for the cheap
// inference cost model, on the UI thread); every number is a core function's result, only rearranged into
// the arrays the plots draw.
#include <cctype>
#include <cmath>
#include <map>

#include "core/data/table.h"
#include "core/metrics/regression.h"
#include "core/util/paths.h"
#include "views/classic_view_state.h"

namespace attend::views::classic_view {

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::Zoo: return "zoo";
    case Mode::Metrics: return "metrics";
    case Mode::Regression: return "regression";
    case Mode::Pipeline: return "pipeline";
    case Mode::Drift: return "drift";
    case Mode::Inference: return "inference";
    case Mode::InContext: return "icl";
  }
  return "zoo";
}

const char* mode_title(Mode m) {
  switch (m) {
    case Mode::Zoo: return "Model zoo";
    case Mode::Metrics: return "Metrics";
    case Mode::Regression: return "Regression family";
    case Mode::Pipeline: return "Tabular pipeline";
    case Mode::Drift: return "Production & drift";
    case Mode::Inference: return "Inference cost";
    case Mode::InContext: return "In-context learning";
  }
  return "";
}

bool parse_mode(const std::string& s, Mode* out) {
  for (int i = 0; i < kModeCount; ++i)
    if (s == mode_name(static_cast<Mode>(i))) {
      *out = static_cast<Mode>(i);
      return true;
    }
  return false;
}

ZooOut compute_zoo(const ZooRequest& r) {
  ZooOut out;
  classic::GridSpec g;
  g.nx = g.ny = r.grid;
  Result<classic::ZooRun> run =
      classic::run_zoo(r.dataset, r.points, r.noise, 0.5, r.seed, classic::all_zoo_models(), r.params, g);
  if (!run) out.error = run.error().to_string();
  else out.run = std::move(run).value();
  return out;
}

MetricsOut compute_metrics(const MetricsRequest& r) {
  MetricsOut out;
  classic::GridSpec tiny;
  tiny.nx = tiny.ny = 2;
  Result<classic::ZooRun> run = classic::run_zoo(r.dataset, r.points, r.noise, 0.5, r.seed, {r.model}, r.params, tiny);
  if (!run) {
    out.error = run.error().to_string();
    return out;
  }
  const classic::Matrix X = classic::points_matrix(run->train), Xt = classic::points_matrix(run->test);
  Result<classic::Classifier> c = classic::fit_classifier(r.model, X, classic::points_labels(run->train), r.params);
  if (!c) {
    out.error = c.error().to_string();
    return out;
  }
  out.y_test = classic::points_labels(run->test);
  out.score = classic::class1_score(*c, Xt);
  out.probability = classic::score_is_probability(r.model);
  out.log_loss = out.probability ? metrics::log_loss_binary(out.y_test, out.score) : std::nan("");
  Result<metrics::RocCurve> roc = metrics::roc_curve(out.y_test, out.score);
  if (!roc) out.error = roc.error().to_string();
  else out.roc = std::move(roc).value();

  Result<data::Table> t = data::read_table(assets_dir() + "/data/houses.csv");
  if (!t) {
    out.houses_error = t.error().to_string();
    return out;
  }
  classic::PipelineOptions o;
  o.target = "price_k";
  o.features = {"area_m2", "rooms", "age_years", "neighbourhood", "distance_km", "garden", "energy_label"};
  Result<classic::PipelineReport> p = classic::run_regression_pipeline(*t, o, {classic::RegressorKind::Linear});
  if (!p) out.houses_error = p.error().to_string();
  else out.houses_r2 = metrics::r2_score(p->test_target, p->models[0].test_prediction);
  return out;
}

ThresholdView at_threshold(const MetricsOut& m, double threshold) {
  ThresholdView v;
  v.threshold = threshold;
  v.predicted.resize(m.score.size());
  for (size_t i = 0; i < m.score.size(); ++i) v.predicted[i] = m.score[i] >= threshold ? 1 : 0;
  v.confusion = metrics::confusion_matrix(m.y_test, v.predicted, 2);
  v.report = metrics::classification_report(m.y_test, v.predicted, 2);
  v.report_text = metrics::format_report(v.report, {"class 0", "class 1"});
  const double pos = v.confusion.at(1, 0) + v.confusion.at(1, 1), neg = v.confusion.at(0, 0) + v.confusion.at(0, 1);
  v.tpr = pos > 0 ? v.confusion.at(1, 1) / pos : 0;
  v.fpr = neg > 0 ? v.confusion.at(0, 1) / neg : 0;
  return v;
}

metrics::BleuReport compute_bleu(const std::string& reference, const std::string& candidate, bool smooth) {
  std::map<std::string, int> ids;
  auto tokens = [&](const std::string& text) {
    std::vector<int> out;
    std::string word;
    for (size_t i = 0; i <= text.size(); ++i) {
      const char ch = i < text.size() ? text[i] : ' ';
      if (ch == ' ' || ch == '\t' || ch == '\n') {
        if (!word.empty()) out.push_back(ids.emplace(word, static_cast<int>(ids.size())).first->second);
        word.clear();
      } else {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
    }
    return out;
  };
  const std::vector<int> ref = tokens(reference), cand = tokens(candidate);
  return metrics::bleu({cand}, {ref}, 4, smooth);
}

RegressionOut compute_regression(const RegressionRequest& r) {
  RegressionOut out;
  experiments::ShrinkageSetup ss;
  ss.noise = r.shrink_noise;
  Result<experiments::ShrinkagePaths> paths = experiments::shrinkage_paths(ss, r.seed);
  if (!paths) {
    out.error = paths.error().to_string();
    return out;
  }
  out.paths = std::move(paths).value();
  for (double a : out.paths.lasso.alphas) out.log_alpha_lasso.push_back(std::log10(a));
  for (double a : out.paths.ridge.alphas) out.log_alpha_ridge.push_back(std::log10(a));

  experiments::ScalingSetup sc;
  sc.scales = {1.0, r.scale2};
  Result<experiments::ScalingRace> race = experiments::scaling_race(sc, r.seed);
  if (!race) {
    out.error = race.error().to_string();
    return out;
  }
  out.race = std::move(race).value();

  experiments::CollinearitySetup cs;
  cs.repeats = 100;
  cs.ridge_alpha = r.ridge_alpha;
  out.rhos = {0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99};
  out.collinearity = experiments::collinearity_sweep(cs, out.rhos, r.seed);
  for (const experiments::CollinearityPoint& p : out.collinearity) {
    out.ols_var.push_back(p.var_b1);
    out.ridge_var.push_back(p.ridge_var_b1);
    out.theory_var.push_back(p.var_b1_theory);
  }
  return out;
}

PipelineOut compute_pipeline(const PipelineRequest& r) {
  PipelineOut out;
  out.source = r.path.empty() ? assets_dir() + "/data/houses.csv" : r.path;
  Result<data::Table> t = data::read_table(out.source);
  if (!t) {
    out.error = t.error().to_string();
    if (out.error.find(out.source) == std::string::npos) out.error = out.source + ": " + out.error;
    return out;
  }
  out.rows = t->rows;
  out.columns = t->columns.size();
  out.column_names = t->names();
  classic::PipelineOptions o;
  o.target = r.target;
  if (r.path.empty() && r.target == "price_k") {
    // sold_fast is only known after the sale: a price model that used it could not be used before one.
    for (const std::string& n : out.column_names)
      if (n != "price_k" && n != "sold_fast") o.features.push_back(n);
    out.left_out = "left out sold_fast: it is only known after the sale, so using it to predict the price would be leakage";
  }
  o.drop_missing = r.drop_missing;
  o.one_hot = r.one_hot;
  o.scale = r.scale;
  o.seed = r.seed;
  o.forest_trees = 50;
  const int ti = t->find(r.target);
  if (ti < 0) {
    std::string names;
    for (const std::string& n : out.column_names) names += (names.empty() ? "" : ", ") + n;
    out.error = out.source + ": no column '" + r.target + "'; the columns are " + names;
    return out;
  }
  Result<classic::PipelineReport> rep =
      t->columns[static_cast<size_t>(ti)].type == data::ColumnType::Numeric
          ? classic::run_regression_pipeline(*t, o, classic::all_regressors())
          : classic::run_classification_pipeline(
                *t, o, {classic::ZooModel::Logistic, classic::ZooModel::Tree, classic::ZooModel::Forest, classic::ZooModel::Knn});
  if (!rep) {
    out.error = rep.error().to_string();
    return out;
  }
  out.report = std::move(rep).value();
  return out;
}

DriftOut compute_drift(const experiments::DriftSetup& s) {
  DriftOut out;
  out.run = experiments::simulate_drift(s);
  const size_t n = out.run.steps.size();
  for (const experiments::DriftStep& d : out.run.steps) {
    out.t.push_back(d.t);
    out.acc_static.push_back(d.accuracy_static);
    out.acc_monitored.push_back(d.accuracy_monitored);
    out.psi.push_back(d.psi);
  }
  const size_t w = std::min<size_t>(10, n);
  for (size_t i = 0; i < w; ++i) {
    out.early += out.acc_static[i] / static_cast<double>(w);
    out.late_static += out.acc_static[n - w + i] / static_cast<double>(w);
    out.late_monitored += out.acc_monitored[n - w + i] / static_cast<double>(w);
  }
  return out;
}

InferenceOut compute_inference(const experiments::ModelShape& m, const experiments::Hardware& h) {
  InferenceOut out;
  out.offloading = experiments::offloading_cost(m, h);
  out.distributed = experiments::distributed_cost(m, h);
  const std::vector<int> batches = {1, 2, 4, 8, 16, 32, 64, 128};
  for (const experiments::CostRow& row : experiments::cost_by_batch(m, h, batches)) {
    out.batches.push_back(row.batch);
    out.offload_tps.push_back(row.batch * row.offloading.tokens_per_second());
    out.distributed_tps.push_back(row.batch * row.distributed.tokens_per_second());
  }
  return out;
}

experiments::IclConfig default_icl_config() {
  experiments::IclConfig c;
  c.task = experiments::IclTask::Permutation;
  c.symbols = 4;
  c.max_shots = 6;
  c.d_model = 48;
  c.heads = 2;
  c.layers = 2;
  c.ffn = 96;
  c.lr = 1e-3;
  c.batch = 32;
  c.eval_sequences = 256;
  return c;
}

}  // namespace attend::views::classic_view
