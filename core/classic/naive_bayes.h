// Gaussian naive Bayes (topic 27): each feature normal within each class and independent of the others, so
// the log posterior is a sum of per-feature terms; the boundary between two classes is a quadric. Matches
// sklearn's GaussianNB (population variances plus var_smoothing · the largest feature variance).
#pragma once

#include <vector>

#include "core/classic/matrix.h"

namespace attend::classic {

struct GaussianNb {
  int n_classes = 0;
  Matrix theta;               // K × d class means
  Matrix var;                 // K × d class variances, smoothing included
  std::vector<double> prior;  // K class frequencies
  double epsilon = 0;         // the smoothing added to every variance
};

Result<GaussianNb> fit_gaussian_nb(const Matrix& X, const std::vector<int>& y, double var_smoothing = 1e-9);
// n × K: log P(y=k) + Σ_j log N(x_j; θ_kj, σ²_kj).
Matrix joint_log_likelihood(const GaussianNb& m, const Matrix& X);
Matrix predict_proba(const GaussianNb& m, const Matrix& X);
std::vector<int> predict(const GaussianNb& m, const Matrix& X);

}  // namespace attend::classic
