#include "core/classic/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/classic/elastic_net.h"
#include "core/classic/linear.h"
#include "core/classic/preprocess.h"
#include "core/metrics/classification.h"
#include "core/metrics/regression.h"

namespace attend::classic {

const char* regressor_name(RegressorKind k) {
  switch (k) {
    case RegressorKind::Linear: return "linear";
    case RegressorKind::Ridge: return "ridge";
    case RegressorKind::Lasso: return "lasso";
    case RegressorKind::ElasticNet: return "elastic_net";
    case RegressorKind::Knn: return "knn";
    case RegressorKind::Tree: return "tree";
    case RegressorKind::Forest: return "forest";
  }
  return "?";
}

bool parse_regressor(const std::string& name, RegressorKind* out) {
  for (RegressorKind k : all_regressors())
    if (name == regressor_name(k)) {
      *out = k;
      return true;
    }
  return false;
}

std::vector<RegressorKind> all_regressors() {
  return {RegressorKind::Linear, RegressorKind::Ridge, RegressorKind::Lasso, RegressorKind::ElasticNet,
          RegressorKind::Knn,    RegressorKind::Tree,  RegressorKind::Forest};
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What both pipelines share: column choice, missing rows, split, encoding, scaling.
struct Prepared {
  PipelineReport report;
  std::vector<int> usable;             // table rows with no missing value in a used column
  std::vector<std::string> used;       // feature columns
  Matrix Xtr, Xte;
};

std::string plural(size_t n, const char* word, const char* words = nullptr) {
  return std::to_string(n) + " " + (n == 1 ? std::string(word) : words ? std::string(words) : std::string(word) + "s");
}

Result<Prepared> prepare(const data::Table& t, const PipelineOptions& o, bool classification) {
  Prepared p;
  PipelineReport& r = p.report;
  r.classification = classification;
  r.target = o.target;
  r.rows_in = t.rows;
  const int tcol = t.find(o.target);
  if (tcol < 0) {
    std::string known;
    for (const std::string& n : t.names()) known += (known.empty() ? "" : ", ") + n;
    return make_error(t.source, 0, 0, "no target column named '" + o.target + "' (the columns are: " + known + ")");
  }
  const data::Column& target = t.columns[static_cast<size_t>(tcol)];
  if (!classification && target.type != data::ColumnType::Numeric)
    return make_error(t.source, 0, 0, "the target '" + o.target + "' is categorical; regression needs numbers "
                                      "(use the classification pipeline)");
  if (!(o.test_fraction > 0 && o.test_fraction < 1))
    return make_error("pipeline: test_fraction must lie strictly between 0 and 1");
  std::vector<std::string> features = o.features;
  if (features.empty())
    for (const data::Column& c : t.columns)
      if (c.name != o.target) features.push_back(c.name);
  std::vector<std::string> used;
  for (const std::string& f : features) {
    const int c = t.find(f);
    if (c < 0) return make_error(t.source, 0, 0, "no feature column named '" + f + "'");
    if (f == o.target) return make_error(t.source, 0, 0, "the target '" + f + "' cannot also be a feature");
    if (t.columns[static_cast<size_t>(c)].type == data::ColumnType::Categorical && !o.one_hot) continue;
    used.push_back(f);
  }
  if (used.empty()) return make_error(t.source, 0, 0, "no feature columns left to train on");
  r.steps.push_back("read " + plural(t.rows, "row") + " × " + plural(t.columns.size(), "column") +
                    (t.source.empty() ? "" : " from " + t.source));

  std::vector<std::string> needed = used;
  needed.push_back(o.target);
  std::vector<int> rows = complete_rows(t, needed);
  if (rows.size() < t.rows) {
    if (!o.drop_missing) {
      for (const std::string& n : needed) {
        const data::Column& c = t.columns[static_cast<size_t>(t.find(n))];
        if (c.missing)
          return make_error(t.source, 0, 0, "column '" + n + "' has " + plural(c.missing, "missing value") +
                                                "; drop those rows (drop_missing) or fill them in first");
      }
    }
    r.rows_dropped = t.rows - rows.size();
    r.steps.push_back("dropped " + plural(r.rows_dropped, "row") + " with a missing value (" +
                      std::to_string(rows.size()) + " left)");
  }
  if (rows.size() < 4) return make_error(t.source, 0, 0, "only " + plural(rows.size(), "complete row") + " to learn from");

  p.usable = rows;
  p.used = used;
  return p;
}

// Splits, encodes and scales, given the labels used for stratification (one per usable row).
Status finish_prepare(const data::Table& t, const PipelineOptions& o, const std::vector<int>& strata,
                      const std::string& strata_words, Prepared& p) {
  PipelineReport& r = p.report;
  const std::vector<int>& rows = p.usable;
  const std::vector<std::string>& used = p.used;
  const RowSplit split =
      o.stratify ? stratified_split(strata, o.test_fraction, o.seed) : random_split(static_cast<int>(rows.size()), o.test_fraction, o.seed);
  if (split.train.empty() || split.test.empty())
    return make_error("pipeline: the split left no training or no test rows; change test_fraction");
  r.train_rows = take(rows, split.train);
  r.test_rows = take(rows, split.test);
  r.rows_train = r.train_rows.size();
  r.rows_test = r.test_rows.size();
  r.steps.push_back("split " + std::to_string(r.rows_train) + " train / " + std::to_string(r.rows_test) + " test" +
                    (o.stratify ? ", stratified by " + strata_words : ", at random") + ", seed " +
                    std::to_string(o.seed));
  Result<FeatureEncoder> enc = fit_encoder(t, used, r.train_rows);
  if (!enc) return enc.error();
  std::string onehot;
  std::vector<char> skip;
  for (const FeatureEncoder::Source& s : enc->sources) {
    const data::Column& c = t.columns[static_cast<size_t>(s.column)];
    if (s.categorical) {
      onehot += (onehot.empty() ? "" : ", ") + c.name + " (" + plural(s.codes.size(), "category", "categories") + ")";
      skip.insert(skip.end(), s.codes.size(), 1);
    } else {
      skip.push_back(0);
    }
  }
  if (!onehot.empty()) r.steps.push_back("one-hot encoded " + onehot + ", categories from the training rows");
  p.Xtr = encode(*enc, t, r.train_rows);
  p.Xte = encode(*enc, t, r.test_rows);
  r.feature_names = enc->feature_names;
  if (o.scale) {
    const Scaler sc = fit_scaler(p.Xtr, skip);
    p.Xtr = apply_scaler(sc, p.Xtr);
    p.Xte = apply_scaler(sc, p.Xte);
    const size_t numeric = static_cast<size_t>(std::count(skip.begin(), skip.end(), 0));
    r.steps.push_back("standardised " + plural(numeric, "numeric feature") +
                      " with the training rows' mean and deviation");
  }
  return Ok{};
}

void pick_best(PipelineReport& r) {
  double best = -std::numeric_limits<double>::infinity();
  for (size_t k = 0; k < r.models.size(); ++k)
    if (r.models[k].error.empty() && r.models[k].test_score > best) {
      best = r.models[k].test_score;
      r.best = static_cast<int>(k);
    }
  if (r.best >= 0)
    r.steps.push_back("best on the test rows: " + r.models[static_cast<size_t>(r.best)].name);
}

}  // namespace

Result<PipelineReport> run_regression_pipeline(const data::Table& t, const PipelineOptions& o,
                                               const std::vector<RegressorKind>& models) {
  Result<Prepared> pr = prepare(t, o, false);
  if (!pr) return pr.error();
  Prepared& p = *pr;
  const data::Column& target = t.columns[static_cast<size_t>(t.find(o.target))];
  std::vector<double> y_all;
  for (int r : p.usable) y_all.push_back(target.numbers[static_cast<size_t>(r)]);
  Status s = finish_prepare(t, o, quantile_bins(y_all, 5), "5 quantile bins of " + o.target, p);
  if (!s) return s.error();
  PipelineReport& r = p.report;
  std::vector<double> ytr, yte;
  for (int row : r.train_rows) ytr.push_back(target.numbers[static_cast<size_t>(row)]);
  for (int row : r.test_rows) yte.push_back(target.numbers[static_cast<size_t>(row)]);
  r.test_target = yte;
  for (RegressorKind kind : models) {
    ModelResult m;
    m.name = regressor_name(kind);
    std::vector<double> ptr, pte;
    std::string err;
    const auto t0 = std::chrono::steady_clock::now();
    auto linear = [&](Result<LinearModel> f) {
      if (!f) return void(err = f.error().to_string());
      ptr = predict(*f, p.Xtr), pte = predict(*f, p.Xte);
    };
    switch (kind) {
      case RegressorKind::Linear: linear(fit_linear_regression(p.Xtr, ytr)); break;
      case RegressorKind::Ridge: linear(fit_ridge(p.Xtr, ytr, o.ridge_alpha)); break;
      case RegressorKind::Lasso:
      case RegressorKind::ElasticNet: {
        ElasticNetOptions eo;
        eo.alpha = kind == RegressorKind::Lasso ? o.lasso_alpha : o.enet_alpha;
        eo.l1_ratio = kind == RegressorKind::Lasso ? 1.0 : o.enet_l1_ratio;
        Result<ElasticNetFit> f = fit_elastic_net(p.Xtr, ytr, eo);
        if (!f) err = f.error().to_string();
        else linear(f->model);
        break;
      }
      case RegressorKind::Knn: {
        KnnOptions ko;
        ko.k = o.knn_k;
        Result<Knn> f = fit_knn_regressor(p.Xtr, ytr, ko);
        if (!f) err = f.error().to_string();
        else ptr = predict_values(*f, p.Xtr), pte = predict_values(*f, p.Xte);
        break;
      }
      case RegressorKind::Tree: {
        TreeOptions to;
        to.max_depth = o.tree_depth;
        to.random_state = static_cast<uint32_t>(o.seed);
        Result<DecisionTree> f = fit_tree_regressor(p.Xtr, ytr, to);
        if (!f) err = f.error().to_string();
        else ptr = predict_values(*f, p.Xtr), pte = predict_values(*f, p.Xte);
        break;
      }
      case RegressorKind::Forest: {
        ForestOptions fo;
        fo.n_trees = o.forest_trees;
        fo.max_features = 0;  // sklearn's RandomForestRegressor default: every feature at every split
        fo.random_state = static_cast<uint32_t>(o.seed);
        fo.threads = o.threads;
        Result<RandomForest> f = fit_forest_regressor(p.Xtr, ytr, fo);
        if (!f) err = f.error().to_string();
        else ptr = predict_values(*f, p.Xtr), pte = predict_values(*f, p.Xte);
        break;
      }
    }
    m.fit_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!err.empty()) {
      m.error = err;
    } else {
      m.train_score = metrics::r2_score(ytr, ptr);
      m.test_score = metrics::r2_score(yte, pte);
      m.test_rmse = metrics::root_mean_squared_error(yte, pte);
      m.test_mae = metrics::mean_absolute_error(yte, pte);
      m.test_log_loss = kNaN;
      m.test_prediction = pte;
    }
    r.models.push_back(std::move(m));
  }
  pick_best(r);
  return r;
}

Result<PipelineReport> run_classification_pipeline(const data::Table& t, const PipelineOptions& o,
                                                   const std::vector<ZooModel>& models) {
  Result<Prepared> pr = prepare(t, o, true);
  if (!pr) return pr.error();
  Prepared& p = *pr;
  PipelineReport& r = p.report;
  const data::Column& target = t.columns[static_cast<size_t>(t.find(o.target))];
  // Class indices over the usable rows: categories in table order, or sorted distinct numbers.
  std::vector<int> label_of_row(t.rows, -1);
  if (target.type == data::ColumnType::Categorical) {
    std::vector<int> remap(target.categories.size(), -1);
    for (int row : p.usable) {
      const int code = target.codes[static_cast<size_t>(row)];
      if (remap[static_cast<size_t>(code)] < 0) remap[static_cast<size_t>(code)] = 0;
    }
    int next = 0;
    for (size_t k = 0; k < remap.size(); ++k)
      if (remap[k] == 0) {
        remap[k] = next++;
        r.class_names.push_back(target.categories[k]);
      }
    for (int row : p.usable) label_of_row[static_cast<size_t>(row)] = remap[static_cast<size_t>(target.codes[static_cast<size_t>(row)])];
  } else {
    std::vector<double> values;
    for (int row : p.usable) values.push_back(target.numbers[static_cast<size_t>(row)]);
    const LabelEncoding enc = encode_labels(values);
    if (enc.classes.size() > 50)
      return make_error(t.source, 0, 0, "the target '" + o.target + "' has " + std::to_string(enc.classes.size()) +
                                            " distinct numbers; that looks like a regression target");
    for (double c : enc.classes) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", c);
      r.class_names.push_back(buf);
    }
    for (size_t i = 0; i < p.usable.size(); ++i) label_of_row[static_cast<size_t>(p.usable[i])] = enc.y[i];
  }
  if (r.class_names.size() < 2)
    return make_error(t.source, 0, 0, "the target '" + o.target + "' has a single class among the complete rows");
  std::vector<int> strata;
  for (int row : p.usable) strata.push_back(label_of_row[static_cast<size_t>(row)]);
  Status s = finish_prepare(t, o, strata, "class", p);
  if (!s) return s.error();
  std::vector<int> ytr, yte;
  for (int row : r.train_rows) ytr.push_back(label_of_row[static_cast<size_t>(row)]);
  for (int row : r.test_rows) yte.push_back(label_of_row[static_cast<size_t>(row)]);
  for (int v : yte) r.test_target.push_back(v);
  const int K = static_cast<int>(r.class_names.size());
  for (ZooModel kind : models) {
    ModelResult m;
    m.name = zoo_model_name(kind);
    const auto t0 = std::chrono::steady_clock::now();
    Result<Classifier> c = fit_classifier(kind, p.Xtr, ytr, o.classifier);
    m.fit_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!c) {
      m.error = c.error().to_string();
      r.models.push_back(std::move(m));
      continue;
    }
    const std::vector<int> pte = predict(*c, p.Xte);
    m.train_score = metrics::accuracy(ytr, predict(*c, p.Xtr));
    m.test_score = metrics::accuracy(yte, pte);
    m.test_log_loss = kNaN;
    if (score_is_probability(kind)) {
      Matrix P = predict_proba(*c, p.Xte);
      if (P.cols < K) {  // a class absent from training: pad its probability column with zeros
        Matrix Q(P.rows, K);
        for (int i = 0; i < P.rows; ++i)
          for (int j = 0; j < P.cols; ++j) Q(i, j) = P(i, j);
        P = Q;
      }
      m.test_log_loss = metrics::log_loss(yte, P.data, K);
    }
    for (int v : pte) m.test_prediction.push_back(v);
    r.models.push_back(std::move(m));
  }
  pick_best(r);
  return r;
}

}  // namespace attend::classic
