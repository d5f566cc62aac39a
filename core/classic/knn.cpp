#include "core/classic/knn.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string>

namespace attend::classic {
namespace {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Status check_options(const Matrix& X, const KnnOptions& o) {
  if (o.k < 1) return make_error("k-NN: k must be ≥ 1");
  if (o.k > X.rows)
    return make_error("k-NN: k = " + std::to_string(o.k) + " but there are only " + std::to_string(X.rows) +
                      " training samples");
  if (!(o.p >= 1) || !std::isfinite(o.p)) return make_error("k-NN: the Minkowski p must be a finite number ≥ 1");
  return Ok{};
}

// Keeps the k smallest (distance, index) pairs seen, sorted; a tie keeps the earlier (lower) index first.
struct TopK {
  int k;
  std::vector<double> dist;
  std::vector<int> idx;
  explicit TopK(int k_) : k(k_) {}
  bool full = false;
  void reset() { dist.clear(), idx.clear(), full = false; }
  void offer(double d, int i) {
    if (full && !(d < dist.back())) return;
    int pos = static_cast<int>(dist.size());
    if (pos == k) --pos;
    else dist.push_back(0), idx.push_back(0);
    while (pos > 0 && d < dist[pos - 1]) {
      dist[pos] = dist[pos - 1];
      idx[pos] = idx[pos - 1];
      --pos;
    }
    dist[pos] = d;
    idx[pos] = i;
    full = static_cast<int>(dist.size()) == k;
  }
};

// Calls visit(query, neighbours) for every query row, in blocks so the distance matrix stays in cache.
template <class Visit>
void for_each_neighbours(const Knn& m, const Matrix& Q, Visit visit) {
  ATTEND_ASSERT(Q.cols == m.X.cols, "k-NN: queries have a different number of features than the training data");
  const int n = m.X.rows, d = m.X.cols, k = m.options.k;
  const double p = m.options.p;
  TopK top(k);
  constexpr int kBlock = 32;  // n × 32 doubles of products stay in the L2 cache
  if (p == 2.0) {
    // ‖q − x‖² = ‖q‖² − 2 q·x + ‖x‖²: one matrix product per block of queries, as sklearn computes it.
    const Eigen::Map<const RowMat> Xe(m.X.data.data(), n, d);
    const Eigen::ArrayXd xx = Xe.rowwise().squaredNorm();
    Eigen::MatrixXd D(n, kBlock);  // column q holds x_i·q
    Eigen::ArrayXd dist(n);
    for (int q0 = 0; q0 < Q.rows; q0 += kBlock) {
      const int b = std::min(kBlock, Q.rows - q0);
      const Eigen::Map<const RowMat> Qb(Q.row(q0), b, d);
      D.leftCols(b).noalias() = Xe * Qb.transpose();
      for (int q = 0; q < b; ++q) {
        const double qq = Qb.row(q).squaredNorm();
        dist = (xx - 2.0 * D.col(q).array() + qq).max(0.0);  // vectorised; the scan below rarely inserts
        top.reset();
        for (int i = 0; i < n; ++i) top.offer(dist(i), i);
        visit(q0 + q, top.idx);
      }
    }
    return;
  }
  for (int q = 0; q < Q.rows; ++q) {
    const double* a = Q.row(q);
    top.reset();
    for (int i = 0; i < n; ++i) {
      const double* x = m.X.row(i);
      double s = 0;
      if (p == 1.0) {
        for (int j = 0; j < d; ++j) s += std::abs(a[j] - x[j]);
      } else {
        for (int j = 0; j < d; ++j) s += std::pow(std::abs(a[j] - x[j]), p);
      }
      top.offer(s, i);  // the p-th root is monotone: rank by the sum
    }
    visit(q, top.idx);
  }
}

}  // namespace

Result<Knn> fit_knn(const Matrix& X, const std::vector<int>& y, const KnnOptions& o) {
  Status s = check_xy(X, y.size(), "k-NN");
  if (!s) return s.error();
  Result<int> k = check_labels(y, "k-NN", 1);
  if (!k) return k.error();
  s = check_options(X, o);
  if (!s) return s.error();
  Knn m;
  m.options = o;
  m.X = X;
  m.labels = y;
  m.n_classes = *k;
  return m;
}

Result<Knn> fit_knn_regressor(const Matrix& X, const std::vector<double>& y, const KnnOptions& o) {
  Status s = check_xy(X, y.size(), "k-NN regressor");
  if (!s) return s.error();
  s = check_finite(y, "k-NN regressor", "y");
  if (!s) return s.error();
  s = check_options(X, o);
  if (!s) return s.error();
  Knn m;
  m.options = o;
  m.X = X;
  m.targets = y;
  return m;
}

std::vector<std::vector<int>> kneighbors(const Knn& m, const Matrix& queries) {
  std::vector<std::vector<int>> out(static_cast<size_t>(queries.rows));
  for_each_neighbours(m, queries, [&](int q, const std::vector<int>& nb) { out[q] = nb; });
  return out;
}

Matrix predict_proba(const Knn& m, const Matrix& queries) {
  ATTEND_ASSERT(m.n_classes > 0, "k-NN predict_proba: this model is a regressor");
  Matrix P(queries.rows, m.n_classes);
  const double w = 1.0 / m.options.k;
  for_each_neighbours(m, queries, [&](int q, const std::vector<int>& nb) {
    for (int i : nb) P(q, m.labels[i]) += w;
  });
  return P;
}

std::vector<int> predict(const Knn& m, const Matrix& queries) {
  ATTEND_ASSERT(m.n_classes > 0, "k-NN predict: this model is a regressor; use predict_values");
  std::vector<int> out(static_cast<size_t>(queries.rows));
  std::vector<int> votes(static_cast<size_t>(m.n_classes));
  for_each_neighbours(m, queries, [&](int q, const std::vector<int>& nb) {
    std::fill(votes.begin(), votes.end(), 0);
    for (int i : nb) ++votes[m.labels[i]];
    out[q] = static_cast<int>(std::max_element(votes.begin(), votes.end()) - votes.begin());
  });
  return out;
}

std::vector<double> predict_values(const Knn& m, const Matrix& queries) {
  ATTEND_ASSERT(m.n_classes == 0, "k-NN predict_values: this model is a classifier; use predict");
  std::vector<double> out(static_cast<size_t>(queries.rows));
  for_each_neighbours(m, queries, [&](int q, const std::vector<int>& nb) {
    double s = 0;
    for (int i : nb) s += m.targets[i];
    out[q] = s / static_cast<double>(nb.size());
  });
  return out;
}

}  // namespace attend::classic
