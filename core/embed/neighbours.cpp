// GCC 12 reports false "may be used uninitialized" warnings inside Eigen's AVX-512 packet code
// (GCC bug 105593); they are not about this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "core/embed/neighbours.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>

namespace attend::embed {

namespace {
using MatrixXfR = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
}

CosineIndex::CosineIndex(const Embeddings& e) : m_rows(e.rows), m_dim(e.dim) {
  m_labels = e.labels;
  m_labels.resize(m_rows);
  for (int i = 0; i < m_rows; ++i)
    if (!m_labels[i].empty()) m_index.emplace(m_labels[i], i);
  m_unit.assign(e.data.begin(), e.data.end());
  for (int i = 0; i < m_rows; ++i) {
    float* r = m_unit.data() + static_cast<size_t>(i) * m_dim;
    double n2 = 0;
    for (int d = 0; d < m_dim; ++d) n2 += static_cast<double>(r[d]) * r[d];
    if (n2 > 0) {
      const float inv = static_cast<float>(1.0 / std::sqrt(n2));
      for (int d = 0; d < m_dim; ++d) r[d] *= inv;
    }
  }
}

std::vector<float> CosineIndex::similarities(const float* vector) const {
  std::vector<float> out(m_rows);
  if (m_rows == 0) return out;
  Eigen::Map<const Eigen::VectorXf> v(vector, m_dim);
  const float norm = v.norm();
  Eigen::Map<const MatrixXfR> U(m_unit.data(), m_rows, m_dim);
  Eigen::Map<Eigen::VectorXf> s(out.data(), m_rows);
  s.noalias() = U * v;
  if (norm > 0) s /= norm;
  return out;
}

std::vector<Neighbour> top_k(const std::vector<float>& scores, int k, const std::vector<int>& exclude) {
  std::vector<Neighbour> all;
  all.reserve(scores.size());
  for (int i = 0; i < static_cast<int>(scores.size()); ++i) {
    if (std::find(exclude.begin(), exclude.end(), i) != exclude.end()) continue;
    if (std::isnan(scores[i])) continue;
    all.push_back({i, scores[i]});
  }
  k = std::max(0, std::min<int>(k, static_cast<int>(all.size())));
  auto better = [](const Neighbour& a, const Neighbour& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.index < b.index;
  };
  std::partial_sort(all.begin(), all.begin() + k, all.end(), better);
  all.resize(k);
  return all;
}

std::vector<Neighbour> CosineIndex::nearest(int row, int k) const {
  if (row < 0 || row >= m_rows) return {};
  return top_k(similarities(unit_row(row)), k, {row});
}

std::vector<Neighbour> CosineIndex::nearest_to(const float* vector, int k, const std::vector<int>& exclude) const {
  return top_k(similarities(vector), k, exclude);
}

std::vector<Neighbour> CosineIndex::analogy(int a, int b, int c, int k) const {
  if (a < 0 || b < 0 || c < 0 || a >= m_rows || b >= m_rows || c >= m_rows) return {};
  std::vector<float> target(m_dim);
  for (int d = 0; d < m_dim; ++d) target[d] = unit_row(a)[d] - unit_row(b)[d] + unit_row(c)[d];
  return top_k(similarities(target.data()), k, {a, b, c});
}

Result<std::vector<Neighbour>> CosineIndex::analogy(const std::string& a, const std::string& b,
                                                    const std::string& c, int k) const {
  for (const std::string* w : {&a, &b, &c})
    if (find(*w) < 0) return make_error("'" + *w + "' is not in the vocabulary");
  return analogy(find(a), find(b), find(c), k);
}

}  // namespace attend::embed
