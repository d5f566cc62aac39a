// Embeddings: a table of vectors with a label per row (the word, or the first metadata column of a
// Projector file), the common currency of the lab. word2vec, GloVe and SVD produce one; the loaders read one;
// neighbours, analogies, projections and k-means take one.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attend::embed {

struct Embeddings {
  int rows = 0;
  int dim = 0;
  std::vector<float> data;          // rows x dim, row-major
  std::vector<std::string> labels;  // one per row, or empty
  // Extra per-row columns from a Projector metadata file (column names, then rows x columns values).
  std::vector<std::string> metadata_columns;
  std::vector<std::vector<std::string>> metadata;

  const float* row(int i) const { return data.data() + static_cast<size_t>(i) * dim; }
  float* row(int i) { return data.data() + static_cast<size_t>(i) * dim; }

  // Row of a label, or -1. The index is built on first use after index_labels().
  int find(std::string_view label) const {
    auto it = m_index.find(std::string(label));
    return it == m_index.end() ? -1 : it->second;
  }
  void index_labels() {
    m_index.clear();
    for (int i = 0; i < static_cast<int>(labels.size()); ++i) m_index.emplace(labels[i], i);
  }

 private:
  std::unordered_map<std::string, int> m_index;
};

}  // namespace attend::embed
