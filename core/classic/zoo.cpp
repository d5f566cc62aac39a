#include "core/classic/zoo.h"

#include <chrono>
#include <cmath>
#include <limits>

#include "core/metrics/classification.h"

namespace attend::classic {

const char* zoo_model_name(ZooModel m) {
  switch (m) {
    case ZooModel::Logistic: return "logistic";
    case ZooModel::Lda: return "lda";
    case ZooModel::LinearSvm: return "linear_svm";
    case ZooModel::RbfSvm: return "rbf_svm";
    case ZooModel::Tree: return "tree";
    case ZooModel::Forest: return "forest";
    case ZooModel::Knn: return "knn";
    case ZooModel::NaiveBayes: return "naive_bayes";
  }
  return "?";
}

bool parse_zoo_model(const std::string& name, ZooModel* out) {
  for (ZooModel m : all_zoo_models())
    if (name == zoo_model_name(m)) {
      *out = m;
      return true;
    }
  return false;
}

std::vector<ZooModel> all_zoo_models() {
  return {ZooModel::Logistic, ZooModel::Lda,    ZooModel::LinearSvm, ZooModel::RbfSvm,
          ZooModel::Tree,     ZooModel::Forest, ZooModel::Knn,       ZooModel::NaiveBayes};
}

bool score_is_probability(ZooModel m) { return m != ZooModel::LinearSvm && m != ZooModel::RbfSvm; }

Result<Classifier> fit_classifier(ZooModel kind, const Matrix& X, const std::vector<int>& y, const ZooParams& p) {
  Classifier c;
  c.kind = kind;
  auto wrap = [&](auto r) -> Result<Classifier> {
    if (!r) return r.error();
    c.model = std::move(r.value());
    return c;
  };
  Result<int> k = check_labels(y, zoo_model_name(kind));
  if (!k) return k.error();
  c.n_classes = *k;
  switch (kind) {
    case ZooModel::Logistic: {
      LogisticOptions o;
      o.C = p.C;
      Result<LogisticFit> f = fit_logistic(X, y, o);
      if (!f) return f.error();
      c.model = std::move(f->model);
      return c;
    }
    case ZooModel::Lda: return wrap(fit_lda(X, y));
    case ZooModel::LinearSvm:
    case ZooModel::RbfSvm: {
      SvmOptions o;
      o.kernel = kind == ZooModel::LinearSvm ? SvmKernel::Linear : SvmKernel::Rbf;
      o.C = p.C;
      o.gamma = p.gamma;
      if (c.n_classes > 2) return wrap(fit_svc_ovo(X, y, o));
      return wrap(fit_svc(X, y, o));
    }
    case ZooModel::Tree: {
      TreeOptions o;
      o.max_depth = p.max_depth;
      o.random_state = p.seed;
      return wrap(fit_tree_classifier(X, y, o));
    }
    case ZooModel::Forest: {
      ForestOptions o;
      o.n_trees = p.n_trees;
      o.random_state = p.seed;
      o.threads = p.threads;
      return wrap(fit_forest_classifier(X, y, o));
    }
    case ZooModel::Knn: {
      KnnOptions o;
      o.k = p.k;
      o.p = p.p;
      return wrap(fit_knn(X, y, o));
    }
    case ZooModel::NaiveBayes: return wrap(fit_gaussian_nb(X, y));
  }
  return make_error("unknown zoo model");
}

std::vector<int> predict(const Classifier& c, const Matrix& X) {
  return std::visit([&](const auto& m) { return classic::predict(m, X); }, c.model);
}

Matrix predict_proba(const Classifier& c, const Matrix& X) {
  if (const Svm* s = std::get_if<Svm>(&c.model)) {
    const std::vector<int> label = classic::predict(*s, X);
    Matrix P(X.rows, 2);
    for (int i = 0; i < X.rows; ++i) P(i, label[i]) = 1.0;
    return P;
  }
  return std::visit(
      [&](const auto& m) -> Matrix {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Svm>) return Matrix();
        else if constexpr (std::is_same_v<T, SvmOvo>) return vote_fractions(m, X);
        else return classic::predict_proba(m, X);
      },
      c.model);
}

std::vector<double> class1_score(const Classifier& c, const Matrix& X) {
  ATTEND_ASSERT(c.n_classes == 2, "class1_score: the classifier has more than two classes");
  if (const Svm* s = std::get_if<Svm>(&c.model)) return decision_function(*s, X);
  const Matrix P = predict_proba(c, X);
  std::vector<double> out(static_cast<size_t>(X.rows));
  for (int i = 0; i < X.rows; ++i) out[i] = P(i, 1);
  return out;
}

DecisionGrid decision_grid(const Classifier& c, const GridSpec& g) {
  DecisionGrid d;
  d.spec = g;
  d.probability = score_is_probability(c.kind);
  d.threshold = d.probability ? 0.5 : 0.0;
  const Matrix P = grid_points(g);
  d.label = predict(c, P);
  if (c.n_classes == 2) {
    d.score = class1_score(c, P);
  } else {  // several classes: the winning class's probability
    const Matrix pr = predict_proba(c, P);
    d.score.resize(static_cast<size_t>(P.rows));
    for (int i = 0; i < P.rows; ++i) d.score[i] = pr(i, d.label[i]);
  }
  return d;
}

Matrix points_matrix(const std::vector<data::Point2>& pts) {
  Matrix X(static_cast<int>(pts.size()), 2);
  for (size_t i = 0; i < pts.size(); ++i) {
    X(static_cast<int>(i), 0) = pts[i].x;
    X(static_cast<int>(i), 1) = pts[i].y;
  }
  return X;
}

std::vector<int> points_labels(const std::vector<data::Point2>& pts) {
  std::vector<int> y;
  y.reserve(pts.size());
  for (const data::Point2& p : pts) y.push_back(p.label > 0 ? 1 : 0);
  return y;
}

Result<ZooRun> run_zoo_on(const std::vector<data::Point2>& train, const std::vector<data::Point2>& test,
                          const std::vector<ZooModel>& models, const ZooParams& params, const GridSpec& grid) {
  ZooRun run;
  run.train = train;
  run.test = test;
  const Matrix Xtr = points_matrix(train), Xte = points_matrix(test);
  const std::vector<int> ytr = points_labels(train), yte = points_labels(test);
  Result<int> k = check_labels(ytr, "zoo");
  if (!k) return k.error();
  for (ZooModel kind : models) {
    ZooEntry e;
    e.kind = kind;
    e.name = zoo_model_name(kind);
    const auto t0 = std::chrono::steady_clock::now();
    Result<Classifier> c = fit_classifier(kind, Xtr, ytr, params);
    e.fit_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!c) {
      e.error = c.error().to_string();
      run.entries.push_back(std::move(e));
      continue;
    }
    e.train_accuracy = metrics::accuracy(ytr, predict(*c, Xtr));
    e.test_accuracy = test.empty() ? std::numeric_limits<double>::quiet_NaN() : metrics::accuracy(yte, predict(*c, Xte));
    e.test_log_loss = std::numeric_limits<double>::quiet_NaN();
    if (score_is_probability(kind) && !test.empty() && c->n_classes == 2)
      e.test_log_loss = metrics::log_loss(yte, predict_proba(*c, Xte).data, 2);
    e.grid = decision_grid(*c, grid);
    run.entries.push_back(std::move(e));
  }
  return run;
}

Result<ZooRun> run_zoo(data::Toy2DKind dataset, int n_points, double noise, double train_fraction, uint64_t seed,
                       const std::vector<ZooModel>& models, const ZooParams& params, const GridSpec& grid) {
  if (data::toy2d_is_regression(dataset))
    return make_error(std::string("zoo: '") + data::toy2d_name(dataset) +
                      "' is a regression dataset; the zoo compares classifiers (circle, xor, gauss, spiral)");
  if (n_points < 4) return make_error("zoo: need at least 4 points");
  if (!(train_fraction > 0 && train_fraction <= 1)) return make_error("zoo: train_fraction must lie in (0, 1]");
  const data::Split2 s = data::split_train_test(data::make_toy2d(dataset, n_points, noise, seed), train_fraction);
  return run_zoo_on(s.train, s.test, models, params, grid);
}

}  // namespace attend::classic
