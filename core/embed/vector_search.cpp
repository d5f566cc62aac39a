#include "core/embed/vector_search.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace attend::embed {

namespace {

// Adds the contributions of text's words into acc; returns how many words had a vector.
int accumulate(const Embeddings& words, const std::string& text, const ChunkVectors& cv, std::vector<double>& acc) {
  data::Tokenizer tok(cv.options.mode);
  std::vector<double> part(words.dim);
  int known = 0;
  tok.each(text, [&](std::string_view w) {
    const int r = words.find(w);
    if (r < 0 || !word_contribution(words, r, cv, part)) return;
    for (int d = 0; d < words.dim; ++d) acc[d] += part[d];
    ++known;
  });
  return known;
}

void to_unit(const std::vector<double>& acc, float* out) {
  double n2 = 0;
  for (double v : acc) n2 += v * v;
  const double inv = n2 > 0 ? 1.0 / std::sqrt(n2) : 0.0;
  for (size_t d = 0; d < acc.size(); ++d) out[d] = static_cast<float>(acc[d] * inv);
}

}  // namespace

bool word_contribution(const Embeddings& words, int row, const ChunkVectors& cv, std::vector<double>& out) {
  const float* v = words.row(row);
  out.assign(words.dim, 0.0);
  double scale = 1.0;
  if (cv.options.normalize_words) {
    double n2 = 0;
    for (int d = 0; d < words.dim; ++d) n2 += static_cast<double>(v[d]) * v[d];
    if (n2 <= 0) return false;
    scale = 1.0 / std::sqrt(n2);
  }
  for (int d = 0; d < words.dim; ++d) out[d] = scale * v[d];
  if (!cv.mean.empty())
    for (int d = 0; d < words.dim; ++d) out[d] -= cv.mean[d];
  const double w = cv.idf.empty() ? 1.0 : cv.idf[row];
  for (double& x : out) x *= w;
  return true;
}

ChunkVectors chunk_vectors(const Embeddings& words, const std::vector<std::string>& chunks,
                           const ChunkVectorOptions& options) {
  ChunkVectors cv;
  cv.rows = static_cast<int>(chunks.size());
  cv.dim = words.dim;
  cv.options = options;
  cv.data.assign(static_cast<size_t>(cv.rows) * cv.dim, 0.0f);
  cv.known_words.assign(cv.rows, 0);
  if (options.idf_weights) {
    // Document frequency of each known word over the chunks.
    std::vector<int> df(words.rows, 0);
    data::Tokenizer tok(options.mode);
    for (const std::string& c : chunks) {
      std::unordered_set<int> seen;
      tok.each(c, [&](std::string_view w) {
        const int r = words.find(w);
        if (r >= 0 && seen.insert(r).second) ++df[r];
      });
    }
    cv.idf.assign(words.rows, 0.0f);
    for (int r = 0; r < words.rows; ++r)
      cv.idf[r] = static_cast<float>(std::log((cv.rows + 1.0) / (df[r] + 1.0)) + 1.0);  // smoothed, never 0
  }
  if (options.center && words.rows > 0) {
    // The mean of the (normalised) word vectors over the whole vocabulary.
    std::vector<double> mean(cv.dim, 0.0);
    for (int r = 0; r < words.rows; ++r) {
      const float* v = words.row(r);
      double n2 = 0;
      for (int d = 0; d < cv.dim; ++d) n2 += static_cast<double>(v[d]) * v[d];
      const double scale = !options.normalize_words ? 1.0 : n2 > 0 ? 1.0 / std::sqrt(n2) : 0.0;
      for (int d = 0; d < cv.dim; ++d) mean[d] += scale * v[d];
    }
    cv.mean.resize(cv.dim);
    for (int d = 0; d < cv.dim; ++d) cv.mean[d] = static_cast<float>(mean[d] / words.rows);
  }
  std::vector<double> acc(cv.dim);
  for (int c = 0; c < cv.rows; ++c) {
    std::fill(acc.begin(), acc.end(), 0.0);
    cv.known_words[c] = accumulate(words, chunks[c], cv, acc);
    to_unit(acc, cv.data.data() + static_cast<size_t>(c) * cv.dim);
  }
  return cv;
}

std::vector<float> embed_text(const Embeddings& words, const std::string& text, const ChunkVectors& reference) {
  std::vector<double> acc(words.dim, 0.0);
  accumulate(words, text, reference, acc);
  std::vector<float> out(words.dim);
  to_unit(acc, out.data());
  return out;
}

std::vector<SearchHit> vector_search(const Embeddings& words, const ChunkVectors& chunks, const std::string& query,
                                     int top_n) {
  const std::vector<float> q = embed_text(words, query, chunks);
  bool any = false;
  for (float v : q) any = any || v != 0.0f;
  if (!any || chunks.dim != words.dim) return {};
  std::vector<SearchHit> hits;
  for (int c = 0; c < chunks.rows; ++c) {
    if (chunks.known_words[c] == 0) continue;
    const float* v = chunks.data.data() + static_cast<size_t>(c) * chunks.dim;
    float s = 0;
    for (int d = 0; d < chunks.dim; ++d) s += v[d] * q[d];
    hits.push_back({c, s});
  }
  const size_t k = std::min<size_t>(std::max(0, top_n), hits.size());
  std::partial_sort(hits.begin(), hits.begin() + k, hits.end(), [](const SearchHit& a, const SearchHit& b) {
    return a.score != b.score ? a.score > b.score : a.chunk < b.chunk;
  });
  hits.resize(k);
  return hits;
}

}  // namespace attend::embed
