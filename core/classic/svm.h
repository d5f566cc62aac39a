// Support vector classification (topic 27): the maximum-margin boundary, soft (C) and, with the RBF kernel
// K(a, b) = exp(−γ‖a − b‖²), curved without ever forming the features the kernel stands for (the kernel
// trick). Trained by SMO exactly as libsvm — and so sklearn's SVC — trains it: second-order working-set
// selection, shrinking, kernel values cached in float, stopping when the largest KKT violation is below tol.
// Two classes; the samples are grouped by class first, as libsvm groups them, so the path is the same.
// More classes: one-vs-one, as libsvm does it — a binary SVM per pair of classes, each test point voting.
//
//   SvmOptions o;  o.kernel = SvmKernel::Rbf;        // gamma 0 means 'scale': 1 / (d · Var(X))
//   Result<Svm> m = fit_svc(X, y, o);
//   std::vector<double> score = decision_function(*m, grid);   // > 0: class 1; |score| = 1 on the margins
#pragma once

#include <utility>
#include <vector>

#include "core/classic/matrix.h"

namespace attend::classic {

enum class SvmKernel { Linear, Rbf };

struct SvmOptions {
  SvmKernel kernel = SvmKernel::Rbf;
  double C = 1.0;
  double gamma = 0;        // RBF width; 0: sklearn's gamma='scale' = 1 / (n_features · X.var())
  double tol = 1e-3;       // libsvm's eps
  bool shrinking = true;
  int max_iter = -1;       // −1: libsvm's own limit (max(10⁷, 100·n))
  double cache_mb = 200;   // kernel rows kept (float); rows beyond it are recomputed when needed
};

struct Svm {
  SvmKernel kernel = SvmKernel::Rbf;
  double gamma = 0;
  Matrix support_vectors;         // one row per support vector, class 0's first
  std::vector<int> support;       // their rows in the training X
  std::vector<double> dual_coef;  // y_i·α_i with y = +1 for class 1 (sklearn's dual_coef_ for two classes)
  double intercept = 0;           // sklearn's intercept_
  std::vector<double> w;          // linear kernel: Σ dual_coef_i · sv_i, so the boundary is w·x + b = 0
  int n_support[2] = {0, 0};      // per class
  int n_iter = 0;
  double objective = 0;           // the dual objective ½αᵀQα − Σα at the solution
};

Result<Svm> fit_svc(const Matrix& X, const std::vector<int>& y, const SvmOptions& o = {});
// Σ dual_coef_i·K(sv_i, x) + intercept for every row of X.
std::vector<double> decision_function(const Svm& m, const Matrix& X);
std::vector<int> predict(const Svm& m, const Matrix& X);

// One-vs-one for K ≥ 2 classes: pairs (a, b), a < b, in libsvm's order (0,1), (0,2), …, (1,2), …; each
// model sees class a as 0 and class b as 1. Prediction: most votes, ties to the smaller class (libsvm).
struct SvmOvo {
  int n_classes = 0;
  std::vector<std::pair<int, int>> pairs;
  std::vector<Svm> models;
  size_t n_support() const;  // summed over the pairwise models
};
Result<SvmOvo> fit_svc_ovo(const Matrix& X, const std::vector<int>& y, const SvmOptions& o = {});
std::vector<int> predict(const SvmOvo& m, const Matrix& X);
// n × K vote counts divided by K − 1 (each class takes part in K − 1 duels).
Matrix vote_fractions(const SvmOvo& m, const Matrix& X);

}  // namespace attend::classic
