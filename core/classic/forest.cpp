#include "core/classic/forest.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <thread>

#include "core/classic/numpy_random.h"

namespace attend::classic {
namespace {

int thread_count(int requested, int work) {
  int t = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, std::min(t, work));
}

// Runs body(i) for i in [0, n) on `threads` threads, each taking the next index.
template <class Body>
void parallel_for(int n, int threads, Body body) {
  if (threads <= 1) {
    for (int i = 0; i < n; ++i) body(i);
    return;
  }
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (int i = next++; i < n; i = next++) body(i);
    });
  for (std::thread& th : pool) th.join();
}

Result<RandomForest> fit_forest(const Matrix& X, const std::vector<int>* labels, int n_classes,
                                const std::vector<double>* targets, const ForestOptions& o) {
  if (o.n_trees < 1) return make_error("random forest: n_trees must be ≥ 1");
  if (o.min_samples_split < 2 || o.min_samples_leaf < 1)
    return make_error("random forest: min_samples_split must be ≥ 2 and min_samples_leaf ≥ 1");
  if (o.max_features < 0 && o.max_features != kSqrtFeatures)
    return make_error("random forest: max_features must be 0 (all), kSqrtFeatures or a positive count");
  const int n = X.rows;
  // sklearn: each estimator's random_state is RandomState(random_state).randint(MAX_INT), drawn in order.
  NumpyRandomState master(o.random_state);
  std::vector<uint32_t> seeds(static_cast<size_t>(o.n_trees));
  for (uint32_t& s : seeds) s = static_cast<uint32_t>(master.randint(0, std::numeric_limits<int32_t>::max()));
  const TreeInput in = make_tree_input(X);
  RandomForest f;
  f.n_features = X.cols;
  f.n_classes = n_classes;
  f.trees.resize(static_cast<size_t>(o.n_trees));
  parallel_for(o.n_trees, thread_count(o.threads, o.n_trees), [&](int t) {
    std::vector<double> weight;
    if (o.bootstrap) {
      // _generate_sample_indices: RandomState(seed).randint(0, n, n), counted into weights.
      NumpyRandomState rs(seeds[t]);
      weight.assign(static_cast<size_t>(n), 0.0);
      for (int k = 0; k < n; ++k) weight[static_cast<size_t>(rs.randint(0, n))] += 1.0;
    }
    TreeOptions to;
    to.max_depth = o.max_depth;
    to.min_samples_split = o.min_samples_split;
    to.min_samples_leaf = o.min_samples_leaf;
    to.max_features = o.max_features;
    to.random_state = seeds[t];
    f.trees[t] = grow_tree(in, labels, n_classes, targets, weight, to);
  });
  return f;
}

}  // namespace

size_t RandomForest::total_nodes() const {
  size_t s = 0;
  for (const DecisionTree& t : trees) s += t.nodes.size();
  return s;
}

Result<RandomForest> fit_forest_classifier(const Matrix& X, const std::vector<int>& y, const ForestOptions& o) {
  Status s = check_xy(X, y.size(), "random forest");
  if (!s) return s.error();
  Result<int> k = check_labels(y, "random forest", 1);
  if (!k) return k.error();
  return fit_forest(X, &y, *k, nullptr, o);
}

Result<RandomForest> fit_forest_regressor(const Matrix& X, const std::vector<double>& y, const ForestOptions& o) {
  Status s = check_xy(X, y.size(), "random forest");
  if (!s) return s.error();
  if (!(s = check_finite(y, "random forest", "y"))) return s.error();
  return fit_forest(X, nullptr, 0, &y, o);
}

Matrix predict_proba(const RandomForest& f, const Matrix& X) {
  ATTEND_ASSERT(f.n_classes > 0, "predict_proba: this forest is a regressor; use predict_values");
  ATTEND_ASSERT(X.cols == f.n_features, "random forest: X has a different number of features than the forest");
  Matrix P(X.rows, f.n_classes);
  for (const DecisionTree& t : f.trees)
    for (int i = 0; i < X.rows; ++i) {
      const double* v = t.node_value(tree_apply(t, X.row(i)));
      double s = 0;
      for (int c = 0; c < f.n_classes; ++c) s += v[c];
      if (s > 0)
        for (int c = 0; c < f.n_classes; ++c) P(i, c) += v[c] / s;
    }
  const double inv = 1.0 / static_cast<double>(f.trees.size());
  for (double& v : P.data) v *= inv;
  return P;
}

std::vector<int> predict(const RandomForest& f, const Matrix& X) {
  const Matrix P = predict_proba(f, X);
  std::vector<int> out(static_cast<size_t>(X.rows));
  for (int i = 0; i < X.rows; ++i) out[i] = static_cast<int>(std::max_element(P.row(i), P.row(i) + P.cols) - P.row(i));
  return out;
}

std::vector<double> predict_values(const RandomForest& f, const Matrix& X) {
  ATTEND_ASSERT(f.n_classes == 0, "predict_values: this forest is a classifier; use predict");
  ATTEND_ASSERT(X.cols == f.n_features, "random forest: X has a different number of features than the forest");
  std::vector<double> out(static_cast<size_t>(X.rows), 0.0);
  for (const DecisionTree& t : f.trees)
    for (int i = 0; i < X.rows; ++i) out[i] += t.node_value(tree_apply(t, X.row(i)))[0];
  for (double& v : out) v /= static_cast<double>(f.trees.size());
  return out;
}

std::vector<double> feature_importances(const RandomForest& f) {
  std::vector<double> imp(static_cast<size_t>(f.n_features), 0.0);
  for (const DecisionTree& t : f.trees) {
    const std::vector<double> ti = feature_importances(t);
    for (size_t j = 0; j < imp.size(); ++j) imp[j] += ti[j];
  }
  const double s = std::accumulate(imp.begin(), imp.end(), 0.0);
  if (s > 0)
    for (double& v : imp) v /= s;
  return imp;
}

}  // namespace attend::classic
