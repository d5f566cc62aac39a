// GCC 12 reports false "may be used uninitialized" warnings inside Eigen's AVX-512 packet code
// (GCC bug 105593); they are not about this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "core/embed/cooccurrence.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::embed {

namespace {
using MatrixXdR = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Open-addressing map from (row, col) packed in 64 bits to an accumulated weight.
class PairCounts {
 public:
  void add(uint64_t key, float w) {
    if ((m_size + 1) * 2 > m_keys.size()) grow();
    size_t s = slot(key);
    while (m_keys[s] != kEmpty && m_keys[s] != key) s = (s + 1) & (m_keys.size() - 1);
    if (m_keys[s] == kEmpty) {
      m_keys[s] = key;
      ++m_size;
    }
    m_values[s] += w;
  }
  template <class F>
  void each(F&& f) const {
    for (size_t s = 0; s < m_keys.size(); ++s)
      if (m_keys[s] != kEmpty) f(m_keys[s], m_values[s]);
  }
  size_t size() const { return m_size; }

 private:
  static constexpr uint64_t kEmpty = ~0ull;
  size_t slot(uint64_t key) const {
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(h >> 20) & (m_keys.size() - 1);
  }
  void grow() {
    std::vector<uint64_t> keys;
    std::vector<float> values;
    keys.swap(m_keys);
    values.swap(m_values);
    const size_t cap = std::max<size_t>(1 << 16, keys.size() * 2);
    m_keys.assign(cap, kEmpty);
    m_values.assign(cap, 0.0f);
    for (size_t s = 0; s < keys.size(); ++s) {
      if (keys[s] == kEmpty) continue;
      size_t t = slot(keys[s]);
      while (m_keys[t] != kEmpty) t = (t + 1) & (cap - 1);
      m_keys[t] = keys[s];
      m_values[t] = values[s];
    }
  }
  std::vector<uint64_t> m_keys;
  std::vector<float> m_values;
  size_t m_size = 0;
};

// out (rows x k) = M (rows x cols) · D (cols x k)
MatrixXdR sparse_times(const SparseMatrix& m, const MatrixXdR& d) {
  MatrixXdR out = MatrixXdR::Zero(m.rows, d.cols());
  for (int r = 0; r < m.rows; ++r)
    for (int64_t e = m.indptr[r]; e < m.indptr[r + 1]; ++e) out.row(r) += m.values[e] * d.row(m.indices[e]);
  return out;
}

// out (cols x k) = Mᵀ · D (rows x k)
MatrixXdR sparse_transpose_times(const SparseMatrix& m, const MatrixXdR& d) {
  MatrixXdR out = MatrixXdR::Zero(m.cols, d.cols());
  for (int r = 0; r < m.rows; ++r)
    for (int64_t e = m.indptr[r]; e < m.indptr[r + 1]; ++e) out.row(m.indices[e]) += m.values[e] * d.row(r);
  return out;
}

MatrixXdR orthonormal_basis(const MatrixXdR& y) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(y);
  return qr.householderQ() * Eigen::MatrixXd::Identity(y.rows(), y.cols());
}

void fix_signs(SvdResult& r) {
  for (int c = 0; c < r.rank; ++c) {
    int best = 0;
    for (int i = 1; i < r.rows; ++i)
      if (std::fabs(r.u[static_cast<size_t>(i) * r.rank + c]) > std::fabs(r.u[static_cast<size_t>(best) * r.rank + c]))
        best = i;
    if (r.u[static_cast<size_t>(best) * r.rank + c] < 0) {
      for (int i = 0; i < r.rows; ++i) r.u[static_cast<size_t>(i) * r.rank + c] *= -1;
      for (int j = 0; j < r.cols; ++j) r.v[static_cast<size_t>(j) * r.rank + c] *= -1;
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------

float SparseMatrix::at(int r, int c) const {
  auto b = indices.begin() + indptr[r], e = indices.begin() + indptr[r + 1];
  auto it = std::lower_bound(b, e, c);
  return it != e && *it == c ? values[it - indices.begin()] : 0.0f;
}

SparseMatrix SparseMatrix::from_dense(const std::vector<float>& dense, int rows, int cols) {
  ATTEND_ASSERT(dense.size() == static_cast<size_t>(rows) * cols, "from_dense: size is not rows x cols");
  SparseMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.indptr.push_back(0);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const float v = dense[static_cast<size_t>(r) * cols + c];
      if (v == 0.0f) continue;
      m.indices.push_back(c);
      m.values.push_back(v);
    }
    m.indptr.push_back(static_cast<int64_t>(m.values.size()));
  }
  return m;
}

std::vector<float> SparseMatrix::to_dense() const {
  std::vector<float> d(static_cast<size_t>(rows) * cols, 0.0f);
  for (int r = 0; r < rows; ++r)
    for (int64_t e = indptr[r]; e < indptr[r + 1]; ++e) d[static_cast<size_t>(r) * cols + indices[e]] = values[e];
  return d;
}

SparseMatrix cooccurrence(const std::vector<int32_t>& ids, const std::vector<int64_t>& sentence_starts,
                          int vocab_size, const CooccurrenceOptions& options, TrainProgress* progress) {
  PairCounts counts;
  const int window = std::max(1, options.window);
  if (progress) {
    progress->total.store(static_cast<int64_t>(ids.size()));
    progress->done.store(0);
  }
  int64_t since = 0;
  for (size_t s = 0; s + 1 < sentence_starts.size(); ++s) {
    const int64_t b = sentence_starts[s], e = sentence_starts[s + 1];
    for (int64_t p = b; p < e; ++p) {
      const uint64_t w = static_cast<uint32_t>(ids[p]);
      // Left contexts; the right ones are the mirror image, added as (c, w).
      for (int64_t q = std::max(b, p - window); q < p; ++q) {
        const float weight = options.distance_weighting ? 1.0f / static_cast<float>(p - q) : 1.0f;
        const uint64_t c = static_cast<uint32_t>(ids[q]);
        counts.add(w << 32 | c, weight);
        if (options.symmetric) counts.add(c << 32 | w, weight);
      }
    }
    since += e - b;
    if (progress && since >= 100000) {
      progress->done.fetch_add(since);
      since = 0;
      if (progress->cancelled()) break;
    }
  }
  if (progress) progress->done.fetch_add(since);
  std::vector<std::pair<uint64_t, float>> entries;
  entries.reserve(counts.size());
  counts.each([&](uint64_t k, float v) { entries.emplace_back(k, v); });
  std::sort(entries.begin(), entries.end());
  SparseMatrix m;
  m.rows = m.cols = vocab_size;
  m.indptr.assign(vocab_size + 1, 0);
  m.indices.reserve(entries.size());
  m.values.reserve(entries.size());
  for (const auto& [k, v] : entries) {
    ++m.indptr[(k >> 32) + 1];
    m.indices.push_back(static_cast<int32_t>(k & 0xFFFFFFFFu));
    m.values.push_back(v);
  }
  for (int r = 0; r < vocab_size; ++r) m.indptr[r + 1] += m.indptr[r];
  return m;
}

SparseMatrix ppmi(const SparseMatrix& x, const PpmiOptions& options) {
  std::vector<double> row_sum(x.rows, 0.0), col_sum(x.cols, 0.0);
  for (int r = 0; r < x.rows; ++r)
    for (int64_t e = x.indptr[r]; e < x.indptr[r + 1]; ++e) {
      row_sum[r] += x.values[e];
      col_sum[x.indices[e]] += x.values[e];
    }
  std::vector<double> col_alpha(x.cols);
  double sum_alpha = 0;
  for (int c = 0; c < x.cols; ++c) sum_alpha += col_alpha[c] = std::pow(col_sum[c], options.alpha);
  const double log_shift = std::log(std::max(options.shift, 1e-300));
  SparseMatrix m;
  m.rows = x.rows;
  m.cols = x.cols;
  m.indptr.push_back(0);
  for (int r = 0; r < x.rows; ++r) {
    for (int64_t e = x.indptr[r]; e < x.indptr[r + 1]; ++e) {
      const int c = x.indices[e];
      if (x.values[e] <= 0) continue;
      // log( P(w,c) / (P(w) P_α(c)) ) = log( #(w,c) Σ_c' #(c')^α / (#(w) #(c)^α) )
      const double pmi = std::log(x.values[e] * sum_alpha / (row_sum[r] * col_alpha[c])) - log_shift;
      if (pmi <= 0) continue;
      m.indices.push_back(c);
      m.values.push_back(static_cast<float>(pmi));
    }
    m.indptr.push_back(static_cast<int64_t>(m.values.size()));
  }
  return m;
}

SvdResult truncated_svd(const SparseMatrix& m, const SvdOptions& options, TrainProgress* progress) {
  const int full = std::min(m.rows, m.cols);
  const int rank = std::max(1, std::min(options.rank, full));
  SvdResult r;
  r.rows = m.rows;
  r.cols = m.cols;
  r.rank = rank;
  const bool exact = options.method == SvdMethod::Exact ||
                     (options.method == SvdMethod::Auto && m.rows <= 1500 && m.cols <= 1500);
  const int steps = exact ? 1 : 3 + options.power_iterations;
  if (progress) {
    progress->total.store(steps);
    progress->done.store(0);
  }
  Eigen::MatrixXd U;
  Eigen::VectorXd S;
  Eigen::MatrixXd V;
  if (exact) {
    const std::vector<float> d = m.to_dense();
    const Eigen::MatrixXd A =
        Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(d.data(), m.rows, m.cols)
            .cast<double>();
    Eigen::BDCSVD<Eigen::MatrixXd> svd(A, Eigen::ComputeThinU | Eigen::ComputeThinV);
    U = svd.matrixU().leftCols(rank);
    S = svd.singularValues().head(rank);
    V = svd.matrixV().leftCols(rank);
    if (progress) progress->done.store(1);
  } else {
    const int l = std::min(full, rank + std::max(0, options.oversample));
    SplitMix64 rng(options.seed);
    MatrixXdR omega(m.cols, l);
    for (int i = 0; i < omega.rows(); ++i)
      for (int j = 0; j < l; ++j) omega(i, j) = rng.normal();
    MatrixXdR Q = orthonormal_basis(sparse_times(m, omega));
    if (progress) progress->done.store(1);
    for (int it = 0; it < options.power_iterations; ++it) {
      // Alternate with Mᵀ and re-orthonormalise each time, or the small singular directions drown.
      const MatrixXdR Z = orthonormal_basis(sparse_transpose_times(m, Q));
      Q = orthonormal_basis(sparse_times(m, Z));
      if (progress) {
        progress->done.store(2 + it);
        if (progress->cancelled()) break;
      }
    }
    const Eigen::MatrixXd B = sparse_transpose_times(m, Q).transpose();  // l x cols = Qᵀ M
    Eigen::BDCSVD<Eigen::MatrixXd> svd(B, Eigen::ComputeThinU | Eigen::ComputeThinV);
    U = (Q * svd.matrixU()).leftCols(rank);
    S = svd.singularValues().head(rank);
    V = svd.matrixV().leftCols(rank);
    if (progress) progress->done.store(steps);
  }
  r.u.resize(static_cast<size_t>(r.rows) * rank);
  r.v.resize(static_cast<size_t>(r.cols) * rank);
  r.s.assign(S.data(), S.data() + rank);
  for (int i = 0; i < r.rows; ++i)
    for (int c = 0; c < rank; ++c) r.u[static_cast<size_t>(i) * rank + c] = U(i, c);
  for (int j = 0; j < r.cols; ++j)
    for (int c = 0; c < rank; ++c) r.v[static_cast<size_t>(j) * rank + c] = V(j, c);
  fix_signs(r);
  return r;
}

Embeddings svd_embeddings(const SvdResult& svd, const std::vector<std::string>& labels, double power) {
  Embeddings e;
  e.rows = svd.rows;
  e.dim = svd.rank;
  e.data.resize(static_cast<size_t>(e.rows) * e.dim);
  for (int c = 0; c < svd.rank; ++c) {
    const double scale = power == 0 ? 1.0 : std::pow(svd.s[c], power);
    for (int i = 0; i < e.rows; ++i)
      e.data[static_cast<size_t>(i) * e.dim + c] = static_cast<float>(svd.u[static_cast<size_t>(i) * svd.rank + c] * scale);
  }
  e.labels = labels;
  e.labels.resize(e.rows);
  e.index_labels();
  return e;
}

}  // namespace attend::embed
