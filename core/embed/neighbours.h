// Nearest neighbours by cosine similarity in the full embedding space, and analogies (a − b + c), as the
// Embedding Projector and gensim's most_similar compute them.
//
//   CosineIndex idx(embeddings);                      // unit-length copy of every row
//   auto near = idx.nearest(idx.find("hacker"), 5);    // excludes the word itself
//   auto ans = idx.analogy("king", "man", "woman", 1); // king − man + woman, inputs excluded
//
// Analogy follows gensim (3CosAdd): the unit vectors of a and c minus that of b, normalised, then the rows
// most similar to it, leaving out a, b and c.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/embed/embeddings.h"
#include "core/util/result.h"

namespace attend::embed {

struct Neighbour {
  int index = -1;
  float similarity = 0;  // cosine, in [-1, 1]
};

class CosineIndex {
 public:
  CosineIndex() = default;
  explicit CosineIndex(const Embeddings& e);

  int rows() const { return m_rows; }
  int dim() const { return m_dim; }
  int find(const std::string& label) const {
    auto it = m_index.find(label);
    return it == m_index.end() ? -1 : it->second;
  }
  const std::string& label(int i) const { return m_labels[i]; }  // empty when the rows have no labels
  const float* unit_row(int i) const { return m_unit.data() + static_cast<size_t>(i) * m_dim; }

  // The k rows most similar to row i (i excluded), most similar first.
  std::vector<Neighbour> nearest(int row, int k) const;
  // The k rows most similar to an arbitrary vector (dim values), leaving out the rows in `exclude`.
  std::vector<Neighbour> nearest_to(const float* vector, int k, const std::vector<int>& exclude = {}) const;
  // a − b + c by rows, or by labels (an error names a missing word).
  std::vector<Neighbour> analogy(int a, int b, int c, int k) const;
  Result<std::vector<Neighbour>> analogy(const std::string& a, const std::string& b, const std::string& c,
                                         int k) const;
  // Cosine similarity of every row with `vector` (rows values).
  std::vector<float> similarities(const float* vector) const;

 private:
  std::vector<std::string> m_labels;
  std::unordered_map<std::string, int> m_index;
  int m_rows = 0, m_dim = 0;
  std::vector<float> m_unit;  // rows x dim, each row of length 1 (zero rows stay zero)
};

// Top k of scores, excluding listed indices, highest first (ties: lower index first).
std::vector<Neighbour> top_k(const std::vector<float>& scores, int k, const std::vector<int>& exclude = {});

}  // namespace attend::embed
