#include <doctest/doctest.h>

#include <cmath>

#include "core/classic/forest.h"
#include "core/classic/numpy_random.h"
#include "core/classic/tree.h"
#include "tests/core/classic/bench_data.h"

using namespace attend;
using namespace attend::classic;

namespace {
int correct(const std::vector<int>& p, const std::vector<int>& y) {
  int ok = 0;
  for (size_t i = 0; i < p.size(); ++i) ok += p[i] == y[i];
  return ok;
}
}  // namespace

TEST_CASE("numpy's RandomState and sklearn's rand_r give the draws the Python side gives") {
  // np.random.RandomState(0).randint(2**31 - 1, size=3) == [209652396, 398764591, 924231285]
  NumpyRandomState rs(0);
  CHECK(rs.randint(0, 2147483647) == 209652396);
  CHECK(rs.randint(0, 2147483647) == 398764591);
  CHECK(rs.randint(0, 2147483647) == 924231285);
  CHECK(tree_rand_r_seed(0) == 209652396u);
  uint32_t s = 1;  // 1 → 1 ^ 1<<13 = 8193 → 8193 ^ 8193>>17 = 8193 → 8193 ^ 8193<<5 = 270369
  CHECK(sklearn_rand_r(s) == 270369u);
  CHECK(s == 270369u);
}

TEST_CASE("a stump splits at the midpoint of the best gap (hand computed)") {
  Matrix X(6, 1);
  const double v[6] = {1, 2, 3, 10, 11, 12};
  for (int i = 0; i < 6; ++i) X(i, 0) = v[i];
  TreeOptions o;
  o.max_depth = 1;
  const DecisionTree t = fit_tree_classifier(X, {0, 0, 0, 1, 1, 1}, o).value();
  REQUIRE(t.nodes.size() == 3);
  CHECK(t.nodes[0].feature == 0);
  CHECK(t.nodes[0].threshold == 6.5);
  CHECK(t.nodes[0].impurity == doctest::Approx(0.5));
  CHECK(t.nodes[1].impurity == 0);
  CHECK(t.n_leaves == 2);
  CHECK(t.node_value(1)[0] == 3);  // class counts in the left leaf
  Matrix q(2, 1);
  q(0, 0) = 6.4, q(1, 0) = 6.6;
  CHECK(predict(t, q) == std::vector<int>{0, 1});
  CHECK(feature_importances(t)[0] == doctest::Approx(1.0));
}

TEST_CASE("XOR needs depth 2 — sample weights act as repeated samples") {
  Matrix X(4, 2);
  const double a[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  for (int i = 0; i < 4; ++i) X(i, 0) = a[i][0], X(i, 1) = a[i][1];
  const std::vector<int> y = {0, 1, 1, 0};
  const DecisionTree t = fit_tree_classifier(X, y).value();
  CHECK(predict(t, X) == y);
  CHECK(t.max_depth == 2);
  // Weight 3 on sample 0 = three copies of it.
  const std::vector<double> w = {3, 1, 1, 1};
  const DecisionTree tw = fit_tree_classifier(X, y, {}, &w).value();
  CHECK(tw.nodes[0].weighted_n_samples == 6);
  CHECK(tw.nodes[0].n_samples == 4);
  const std::vector<double> bad = {1, -1, 1, 1};
  CHECK_FALSE(fit_tree_classifier(X, y, {}, &bad).ok());
}

TEST_CASE("a regression tree fits a step function with one split") {
  Matrix X(8, 1);
  std::vector<double> y;
  for (int i = 0; i < 8; ++i) X(i, 0) = i, y.push_back(i < 4 ? 1.0 : 5.0);
  TreeOptions o;
  o.max_depth = 3;
  const DecisionTree t = fit_tree_regressor(X, y, o).value();
  CHECK(t.nodes.size() == 3);
  CHECK(t.nodes[0].threshold == 3.5);
  CHECK(t.nodes[0].impurity == doctest::Approx(4.0));  // variance of four 1s and four 5s
  const std::vector<double> p = predict_values(t, X);
  for (int i = 0; i < 8; ++i) CHECK(p[i] == y[i]);
}

TEST_CASE("DecisionTreeClassifier(max_depth=8, random_state=0): sklearn's tree, node for node") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv");
  TreeOptions o;
  o.max_depth = 8;
  const DecisionTree t = fit_tree_classifier(b.X_train, b.labels_train, o).value();
  CHECK(t.nodes.size() == 249);
  CHECK(t.n_leaves == 125);
  CHECK(correct(predict(t, b.X_test), b.labels_test) == 871);
  // sklearn's tree_.feature[:5] = [2, 5, 7, 19, 18], tree_.threshold[0] = -0.5480294823646545.
  const int features[5] = {2, 5, 7, 19, 18};
  for (int k = 0; k < 5; ++k) CHECK(t.nodes[k].feature == features[k]);
  CHECK(t.nodes[0].threshold == -0.5480294823646545);
  CHECK(t.nodes[0].impurity == doctest::Approx(0.499902).epsilon(1e-12));
  CHECK(t.nodes[0].left == 1);
}

TEST_CASE("RandomForestClassifier(10, random_state=0): the same ten trees as sklearn, on any thread count") {
  const test::BenchData b = test::load_bench("classification_5000x20.csv");
  ForestOptions o;
  o.n_trees = 10;
  o.threads = 1;
  const RandomForest f1 = fit_forest_classifier(b.X_train, b.labels_train, o).value();
  o.threads = 2;
  const RandomForest f2 = fit_forest_classifier(b.X_train, b.labels_train, o).value();
  // Node counts of sklearn's first ten estimators (the same as the first ten of the 100-tree forest).
  const size_t sk[10] = {593, 591, 553, 619, 597, 567, 597, 559, 613, 615};
  for (int k = 0; k < 10; ++k) {
    CHECK(f1.trees[k].nodes.size() == sk[k]);
    CHECK(f2.trees[k].nodes.size() == sk[k]);
  }
  CHECK(f1.total_nodes() == 5904);
  const std::vector<int> p1 = predict(f1, b.X_test), p2 = predict(f2, b.X_test);
  CHECK(p1 == p2);
  CHECK(correct(p1, b.labels_test) == 926);
  const std::vector<double> imp = feature_importances(f1);
  CHECK(test::sum(imp) == doctest::Approx(1.0));
}

TEST_CASE("a forest regressor averages its trees") {
  Matrix X(50, 1);
  std::vector<double> y;
  for (int i = 0; i < 50; ++i) X(i, 0) = i, y.push_back(std::sin(i / 8.0));
  ForestOptions o;
  o.n_trees = 20;
  o.max_features = 0;
  const RandomForest f = fit_forest_regressor(X, y, o).value();
  const std::vector<double> p = predict_values(f, X);
  double err = 0;
  for (int i = 0; i < 50; ++i) err += std::abs(p[i] - y[i]) / 50;
  CHECK(err < 0.1);
  CHECK_FALSE(fit_forest_classifier(X, std::vector<int>(50, 0), {0}).ok());
}
