// Random forests (topic 27): many deep trees, each grown on a bootstrap sample with a random subset of
// features tried at every split; their averaged votes have far less variance than any one tree. Seeded the
// way sklearn's RandomForestClassifier seeds its trees (one RandomState(random_state) hands each tree a seed;
// that seed draws the bootstrap and the tree's feature order), so the same random_state grows the same
// forest. Trees are grown on `threads` threads; the result does not depend on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "core/classic/tree.h"

namespace attend::classic {

struct ForestOptions {
  int n_trees = 100;
  int max_depth = -1;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  int max_features = kSqrtFeatures;  // per split; 0 = all (sklearn's regressor default)
  bool bootstrap = true;
  uint32_t random_state = 0;
  int threads = 0;                   // 0: all hardware threads
};

struct RandomForest {
  int n_features = 0;
  int n_classes = 0;  // 0 for a regressor
  std::vector<DecisionTree> trees;
  size_t total_nodes() const;
};

Result<RandomForest> fit_forest_classifier(const Matrix& X, const std::vector<int>& y, const ForestOptions& o = {});
Result<RandomForest> fit_forest_regressor(const Matrix& X, const std::vector<double>& y, const ForestOptions& o = {});

Matrix predict_proba(const RandomForest& f, const Matrix& X);  // mean of the trees' leaf class fractions
std::vector<int> predict(const RandomForest& f, const Matrix& X);
std::vector<double> predict_values(const RandomForest& f, const Matrix& X);
std::vector<double> feature_importances(const RandomForest& f);

}  // namespace attend::classic
