// k nearest neighbours (topic 27), brute force with uniform weights: a query takes the majority label (or the
// mean target) of the k training points nearest to it under the Minkowski distance (Σ|a−b|^p)^(1/p); p = 2 is
// Euclidean (round neighbourhoods), p = 1 Manhattan (diamonds). Ties in the vote go to the smaller class
// index, as sklearn's does.
//
//   Result<Knn> m = fit_knn(X, y, {5, 2.0});
//   std::vector<int> labels = predict(*m, queries);
#pragma once

#include <vector>

#include "core/classic/matrix.h"

namespace attend::classic {

struct KnnOptions {
  int k = 5;
  double p = 2.0;  // Minkowski exponent, ≥ 1
};

// Fitting a k-NN model only stores the data (classification: labels; regression: targets).
struct Knn {
  KnnOptions options;
  Matrix X;
  std::vector<int> labels;       // classification
  std::vector<double> targets;   // regression
  int n_classes = 0;             // 0 for a regressor
};

Result<Knn> fit_knn(const Matrix& X, const std::vector<int>& y, const KnnOptions& o = {});
Result<Knn> fit_knn_regressor(const Matrix& X, const std::vector<double>& y, const KnnOptions& o = {});

// For each query row, the indices of its k nearest training rows, nearest first (ties: lower index first).
std::vector<std::vector<int>> kneighbors(const Knn& m, const Matrix& queries);
Matrix predict_proba(const Knn& m, const Matrix& queries);        // n × K vote fractions
std::vector<int> predict(const Knn& m, const Matrix& queries);
std::vector<double> predict_values(const Knn& m, const Matrix& queries);  // regressor: neighbour mean

}  // namespace attend::classic
