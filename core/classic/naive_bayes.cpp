#include "core/classic/naive_bayes.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace attend::classic {

Result<GaussianNb> fit_gaussian_nb(const Matrix& X, const std::vector<int>& y, double var_smoothing) {
  Status s = check_xy(X, y.size(), "naive Bayes");
  if (!s) return s.error();
  Result<int> k = check_labels(y, "naive Bayes");
  if (!k) return k.error();
  if (!(var_smoothing >= 0)) return make_error("naive Bayes: var_smoothing must be ≥ 0");
  const int K = *k, d = X.cols, n = X.rows;
  GaussianNb m;
  m.n_classes = K;
  m.theta = Matrix(K, d);
  m.var = Matrix(K, d);
  m.prior.assign(K, 0.0);
  std::vector<double> count(K, 0.0);
  for (int i = 0; i < n; ++i) {
    count[y[i]] += 1;
    for (int j = 0; j < d; ++j) m.theta(y[i], j) += X(i, j);
  }
  for (int c = 0; c < K; ++c) {
    if (count[c] == 0)
      return make_error("naive Bayes: class " + std::to_string(c) + " has no samples; labels must be 0..K-1 "
                        "with every class present");
    for (int j = 0; j < d; ++j) m.theta(c, j) /= count[c];
  }
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) {
      const double r = X(i, j) - m.theta(y[i], j);
      m.var(y[i], j) += r * r;
    }
  const ColumnStats all = column_stats(X);
  double max_var = 0;
  for (int j = 0; j < d; ++j) {
    // column_stats reports a zero deviation as 1; recompute the variance itself for the smoothing.
    double v = 0;
    for (int i = 0; i < n; ++i) v += (X(i, j) - all.mean[j]) * (X(i, j) - all.mean[j]);
    max_var = std::max(max_var, v / n);
  }
  m.epsilon = var_smoothing * max_var;
  for (int c = 0; c < K; ++c) {
    m.prior[c] = count[c] / n;
    for (int j = 0; j < d; ++j) m.var(c, j) = m.var(c, j) / count[c] + m.epsilon;
    for (int j = 0; j < d; ++j)
      if (!(m.var(c, j) > 0))
        return make_error("naive Bayes: feature " + std::to_string(j) + " is constant in every class and "
                          "var_smoothing is 0; the likelihood is undefined");
  }
  return m;
}

Matrix joint_log_likelihood(const GaussianNb& m, const Matrix& X) {
  ATTEND_ASSERT(m.theta.cols == X.cols, "naive Bayes: X has a different number of features than the model");
  const int K = m.n_classes, d = X.cols;
  constexpr double kTwoPi = 6.283185307179586;
  std::vector<double> norm(K, 0.0);
  for (int c = 0; c < K; ++c) {
    for (int j = 0; j < d; ++j) norm[c] += std::log(kTwoPi * m.var(c, j));
    norm[c] = std::log(m.prior[c]) - 0.5 * norm[c];
  }
  Matrix out(X.rows, K);
  for (int i = 0; i < X.rows; ++i) {
    const double* x = X.row(i);
    for (int c = 0; c < K; ++c) {
      const double* th = m.theta.row(c);
      const double* v = m.var.row(c);
      double q = 0;
      for (int j = 0; j < d; ++j) q += (x[j] - th[j]) * (x[j] - th[j]) / v[j];
      out(i, c) = norm[c] - 0.5 * q;
    }
  }
  return out;
}

Matrix predict_proba(const GaussianNb& m, const Matrix& X) {
  Matrix P = joint_log_likelihood(m, X);
  for (int i = 0; i < P.rows; ++i) {
    double* r = P.row(i);
    const double mx = *std::max_element(r, r + P.cols);
    double s = 0;
    for (int c = 0; c < P.cols; ++c) s += (r[c] = std::exp(r[c] - mx));
    for (int c = 0; c < P.cols; ++c) r[c] /= s;
  }
  return P;
}

std::vector<int> predict(const GaussianNb& m, const Matrix& X) {
  const Matrix J = joint_log_likelihood(m, X);
  std::vector<int> out(static_cast<size_t>(X.rows));
  for (int i = 0; i < X.rows; ++i)
    out[i] = static_cast<int>(std::max_element(J.row(i), J.row(i) + J.cols) - J.row(i));
  return out;
}

}  // namespace attend::classic
