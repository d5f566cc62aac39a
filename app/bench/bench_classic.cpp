// `attend bench classic_*`: the classic models on sklearn_classic.py's data and settings
// (../shared/bench/README.md, "sklearn_classic.py"), timed the way the peer times them — fit: the median of
// 7 fresh fits, or 3 when one fit takes ≥ 0.2 s; predict: the median of 5 runs on the 1000 test rows — with
// the same scores and checksums in the same field names, so the two JSON lines can be compared directly.
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "app/bench/bench.h"
#include "core/classic/elastic_net.h"
#include "core/classic/forest.h"
#include "core/classic/knn.h"
#include "core/classic/lda.h"
#include "core/classic/linear.h"
#include "core/classic/logistic.h"
#include "core/classic/naive_bayes.h"
#include "core/classic/svm.h"
#include "core/classic/tree.h"
#include "core/data/table.h"
#include "core/metrics/classification.h"
#include "core/metrics/regression.h"

namespace attend::bench {
namespace {

using namespace attend::classic;

struct Split {
  Matrix X_train, X_test;
  std::vector<double> y_train, y_test;
  std::vector<int> c_train, c_test;
};

// Rows 0..n_train−1 train, 4000..4999 test.
Split load(const Options& o, const char* file, int n_train = 4000) {
  const std::string path = o.data_dir + "/" + file;
  Result<data::Table> t = data::read_table(path);
  if (!t) throw std::runtime_error(t.error().to_string());
  const int rows = static_cast<int>(t->rows), d = static_cast<int>(t->columns.size()) - 1;
  if (rows < 5000) throw std::runtime_error(path + ": expected 5000 rows");
  Matrix X(rows, d);
  std::vector<double> y(static_cast<size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < d; ++j) X(i, j) = t->columns[static_cast<size_t>(j)].numbers[static_cast<size_t>(i)];
    y[static_cast<size_t>(i)] = t->columns[static_cast<size_t>(d)].numbers[static_cast<size_t>(i)];
  }
  Split s;
  s.X_train = row_range(X, 0, n_train);
  s.X_test = row_range(X, 4000, 5000);
  s.y_train.assign(y.begin(), y.begin() + n_train);
  s.y_test.assign(y.begin() + 4000, y.begin() + 5000);
  for (double v : s.y_train) s.c_train.push_back(static_cast<int>(v));
  for (double v : s.y_test) s.c_test.push_back(static_cast<int>(v));
  return s;
}

double seconds_of(const std::function<void()>& work) {
  const auto t0 = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The peer's timing: 7 fresh fits, 3 when the first takes ≥ 0.2 s; median.
double fit_seconds(const std::function<void()>& fit) {
  std::vector<double> s;
  size_t reps = 7;
  while (s.size() < reps) {
    s.push_back(seconds_of(fit));
    if (s.front() >= 0.2) reps = 3;
  }
  return summarize(s).median;
}

double predict_seconds(const std::function<void()>& predict) {
  std::vector<double> s;
  for (int i = 0; i < 5; ++i) s.push_back(seconds_of(predict));
  return summarize(s).median;
}

double r6(double v) { return std::round(v * 1e6) / 1e6; }
double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}
double abs_sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += std::abs(x);
  return s;
}

template <class T>
T unwrap(Result<T> r) {
  if (!r) throw std::runtime_error(r.error().to_string());
  return std::move(r.value());
}

nlohmann::json regressor_fields(const LinearModel& m, const Split& s, double fit_s, int n_iter) {
  std::vector<double> p;
  const double pred_s = predict_seconds([&] { p = predict(m, s.X_test); });
  int nz = 0;
  for (double c : m.coef) nz += c != 0;
  return {{"fit_s", fit_s},       {"predict_s", pred_s},
          {"test_r2", r6(metrics::r2_score(s.y_test, p))},
          {"coef_sum", r6(sum(m.coef))}, {"coef_abs_sum", r6(abs_sum(m.coef))},
          {"coef_nonzero", nz},   {"intercept", r6(m.intercept)}, {"n_iter", n_iter}};
}

template <class Model>
nlohmann::json classifier_fields(const Model& m, const Split& s, double fit_s) {
  std::vector<int> p;
  const double pred_s = predict_seconds([&] { p = predict(m, s.X_test); });
  return {{"fit_s", fit_s}, {"predict_s", pred_s}, {"test_accuracy", r6(metrics::accuracy(s.c_test, p))}};
}

}  // namespace

void add_classic_workloads(std::vector<Workload>& out) {
  const char* kCls = "classification_5000x20.csv";
  const char* kReg = "regression_5000x50.csv";
  out.push_back({"classic_logistic", "LogisticRegression(lbfgs, C=1) on classification_5000x20",
                 [=](const Options& o) {
                   const Split s = load(o, kCls);
                   LogisticFit f;
                   const double t = fit_seconds([&] { f = unwrap(fit_logistic(s.X_train, s.c_train)); });
                   nlohmann::json j = classifier_fields(f.model, s, t);
                   j["coef_sum"] = r6(sum(f.model.coef.data));
                   j["coef_abs_sum"] = r6(abs_sum(f.model.coef.data));
                   j["intercept"] = r6(f.model.intercept[0]);
                   j["n_iter"] = f.n_iter;
                   return j;
                 }});
  out.push_back({"classic_ridge", "Ridge(alpha=1), Cholesky, on regression_5000x50", [=](const Options& o) {
                   const Split s = load(o, kReg);
                   LinearModel m;
                   const double t = fit_seconds([&] { m = unwrap(fit_ridge(s.X_train, s.y_train, 1.0)); });
                   return regressor_fields(m, s, t, 0);
                 }});
  out.push_back({"classic_lasso", "Lasso(alpha=0.1), coordinate descent", [=](const Options& o) {
                   const Split s = load(o, kReg);
                   ElasticNetFit f;
                   const double t = fit_seconds([&] { f = unwrap(fit_lasso(s.X_train, s.y_train, 0.1)); });
                   return regressor_fields(f.model, s, t, f.n_iter);
                 }});
  out.push_back({"classic_elasticnet", "ElasticNet(alpha=0.1, l1_ratio=0.5)", [=](const Options& o) {
                   const Split s = load(o, kReg);
                   ElasticNetOptions eo;
                   eo.alpha = 0.1;
                   eo.l1_ratio = 0.5;
                   ElasticNetFit f;
                   const double t = fit_seconds([&] { f = unwrap(fit_elastic_net(s.X_train, s.y_train, eo)); });
                   return regressor_fields(f.model, s, t, f.n_iter);
                 }});
  out.push_back({"classic_knn", "KNeighborsClassifier(5), Euclidean, brute force", [=](const Options& o) {
                   const Split s = load(o, kCls);
                   Knn m;
                   const double t = fit_seconds([&] { m = unwrap(fit_knn(s.X_train, s.c_train)); });
                   return classifier_fields(m, s, t);
                 }});
  out.push_back({"classic_naive_bayes", "GaussianNB(var_smoothing=1e-9)", [=](const Options& o) {
                   const Split s = load(o, kCls);
                   GaussianNb m;
                   const double t = fit_seconds([&] { m = unwrap(fit_gaussian_nb(s.X_train, s.c_train)); });
                   nlohmann::json j = classifier_fields(m, s, t);
                   j["theta_sum"] = r6(sum(m.theta.data));
                   j["var_sum"] = r6(sum(m.var.data));
                   return j;
                 }});
  out.push_back({"classic_lda", "LinearDiscriminantAnalysis(svd) (no peer timing)", [=](const Options& o) {
                   const Split s = load(o, kCls);
                   Lda m;
                   const double t = fit_seconds([&] { m = unwrap(fit_lda(s.X_train, s.c_train)); });
                   nlohmann::json j = classifier_fields(m, s, t);
                   j["coef_sum"] = r6(sum(m.coef.data));
                   j["intercept"] = r6(m.intercept[0]);
                   return j;
                 }});
  out.push_back({"classic_tree", "DecisionTreeClassifier(max_depth=8, random_state=0)", [=](const Options& o) {
                   const Split s = load(o, kCls);
                   TreeOptions to;
                   to.max_depth = 8;
                   DecisionTree m;
                   const double t = fit_seconds([&] { m = unwrap(fit_tree_classifier(s.X_train, s.c_train, to)); });
                   nlohmann::json j = classifier_fields(m, s, t);
                   j["node_count"] = m.nodes.size();
                   j["leaves"] = m.n_leaves;
                   return j;
                 }});
  out.push_back({"classic_forest", "RandomForestClassifier(100, random_state=0), threads = --threads",
                 [=](const Options& o) {
                   const Split s = load(o, kCls);
                   ForestOptions fo;
                   fo.threads = o.threads;
                   RandomForest m;
                   const double t = fit_seconds([&] { m = unwrap(fit_forest_classifier(s.X_train, s.c_train, fo)); });
                   nlohmann::json j = classifier_fields(m, s, t);
                   j["total_nodes"] = m.total_nodes();
                   j["n_jobs"] = o.threads;
                   return j;
                 }});
  out.push_back({"classic_svc", "SVC(rbf, C=1, gamma='scale') on rows 0..1999", [=](const Options& o) {
                   const Split s = load(o, kCls, 2000);
                   Svm m;
                   const double t = fit_seconds([&] { m = unwrap(fit_svc(s.X_train, s.c_train)); });
                   nlohmann::json j = classifier_fields(m, s, t);
                   j["n_support"] = m.support.size();
                   j["dual_coef_abs_sum"] = r6(abs_sum(m.dual_coef));
                   j["intercept"] = r6(m.intercept);
                   j["n_iter"] = m.n_iter;
                   return j;
                 }});
}

}  // namespace attend::bench
