// Linear discriminant analysis (topic 27): classes share one covariance, so the log posterior of each class
// is linear in x and the boundaries are straight lines. Fitted like sklearn's
// LinearDiscriminantAnalysis(solver='svd'): no covariance matrix is inverted; the within-class data are
// scaled and decomposed instead, and directions with singular values below tol are dropped (so collinear
// features are handled).
#pragma once

#include <vector>

#include "core/classic/matrix.h"

namespace attend::classic {

struct Lda {
  int n_classes = 0;
  Matrix coef;                    // binary: 1 × d (class 1 minus class 0); otherwise K × d
  std::vector<double> intercept;  // one per row of coef
  Matrix means;                   // K × d
  std::vector<double> prior;      // K
  Matrix scalings;                // d × r: x ↦ (x − x̄)·scalings projects onto the discriminant axes
  std::vector<double> xbar;       // prior-weighted mean of the class means
  std::vector<double> explained_variance_ratio;
};

Result<Lda> fit_lda(const Matrix& X, const std::vector<int>& y, double tol = 1e-4);
Matrix decision_function(const Lda& m, const Matrix& X);  // n × 1 (binary) or n × K
Matrix predict_proba(const Lda& m, const Matrix& X);
std::vector<int> predict(const Lda& m, const Matrix& X);
// The data on the discriminant axes (at most K − 1 of them): what an LDA projection view plots.
Matrix lda_transform(const Lda& m, const Matrix& X);

}  // namespace attend::classic
