// CART decision trees (topic 27): axis-aligned splits chosen greedily by the largest impurity decrease (Gini
// for classes, squared error for values), grown depth first, left child first. Built the way sklearn 1.2's
// BestSplitter builds them, so DecisionTreeClassifier(max_depth=8, random_state=0) and this give the same
// tree node for node:
//   - features are stored as float32 and thresholds are midpoints between neighbouring float32 values;
//   - the features tried at each node come from sklearn's Fisher–Yates draw with its rand_r generator seeded
//     by numpy's RandomState(random_state), and known-constant features are skipped the same way, so ties
//     between equally good splits go to the same feature;
//   - sample weights (a forest's bootstrap counts) enter the counts; zero-weight samples are left out.
// Each feature is sorted once per tree and each node's sorted lists are split stably into its children, so a
// node costs O(features × samples) instead of a sort.
#pragma once

#include <cstdint>
#include <vector>

#include "core/classic/matrix.h"

namespace attend::classic {

constexpr int kSqrtFeatures = -1;  // TreeOptions::max_features: ⌊√d⌋ features per split (forests)

struct TreeOptions {
  int max_depth = -1;            // −1: no limit (grow until leaves are pure)
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  int max_features = 0;          // features tried per split: 0 = all, kSqrtFeatures, or a count
  uint32_t random_state = 0;     // sklearn's random_state
};

struct TreeNode {
  int left = -1, right = -1;     // −1 for a leaf
  int feature = -1;
  double threshold = 0;          // go left when x[feature] (as float32) ≤ threshold
  double impurity = 0;
  int n_samples = 0;             // samples with positive weight that reached the node
  double weighted_n_samples = 0;
  int depth = 0;
};

struct DecisionTree {
  int n_features = 0;
  int n_classes = 0;             // 0 for a regression tree
  std::vector<TreeNode> nodes;   // nodes[0] is the root, in the order they were created (depth first)
  std::vector<double> value;     // per node: n_classes weighted class counts, or 1 mean value
  int max_depth = 0;
  int n_leaves = 0;
  const double* node_value(int node) const { return value.data() + static_cast<size_t>(node) * value_width(); }
  int value_width() const { return n_classes > 0 ? n_classes : 1; }
};

// Float32 feature-major copy of X with each feature's sample order sorted once. A forest makes one and grows
// every tree from it.
struct TreeInput {
  int n = 0, d = 0;
  std::vector<float> X;          // d × n
  std::vector<int> sorted;       // d × n: sample indices by increasing value of the feature
};
TreeInput make_tree_input(const Matrix& X);

// Grows one tree on `in`. Classification: `labels` (0..n_classes-1); regression: `targets`, n_classes = 0.
// `weight` empty means every sample counts once. Inputs are assumed checked (fit_* below check them).
DecisionTree grow_tree(const TreeInput& in, const std::vector<int>* labels, int n_classes,
                       const std::vector<double>* targets, const std::vector<double>& weight, const TreeOptions& o);

Result<DecisionTree> fit_tree_classifier(const Matrix& X, const std::vector<int>& y, const TreeOptions& o = {},
                                         const std::vector<double>* sample_weight = nullptr);
Result<DecisionTree> fit_tree_regressor(const Matrix& X, const std::vector<double>& y, const TreeOptions& o = {},
                                        const std::vector<double>* sample_weight = nullptr);

// Index of the leaf sample x (d values) ends in.
int tree_apply(const DecisionTree& t, const double* x);
Matrix predict_proba(const DecisionTree& t, const Matrix& X);   // leaf class fractions
std::vector<int> predict(const DecisionTree& t, const Matrix& X);
std::vector<double> predict_values(const DecisionTree& t, const Matrix& X);
// Total impurity decrease per feature, normalised to sum to 1 (sklearn's feature_importances_).
std::vector<double> feature_importances(const DecisionTree& t);

}  // namespace attend::classic
