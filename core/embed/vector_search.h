// Semantic search over text chunks with word vectors (topic 13): a chunk's vector is the average of its
// words' vectors, a query is embedded the same way, and chunks are ranked by cosine similarity. The keyword
// side (TF-IDF, BM25) lives in core/search; the lab shows both rankings of the same query side by side, and
// the top n chunks are what retrieval-augmented generation would put into a prompt.
//
//   ChunkVectors cv = chunk_vectors(vectors, chunks, {});
//   auto hits = vector_search(vectors, cv, "how does attention scale?", 5);   // best first
//
// Words without a vector are skipped (chunk_vectors counts how many each chunk had). Word vectors are
// normalised before averaging by default, so frequent words with long vectors do not dominate; idf weights
// (log(N / df) over the chunks) can further damp words that occur everywhere. Centring subtracts the mean
// (unit) word vector first: trained word vectors share a common direction, which otherwise makes every
// average point almost the same way and every cosine close to 1 (Mu & Viswanath 2018).
#pragma once

#include <string>
#include <vector>

#include "core/data/tokenizer.h"
#include "core/embed/embeddings.h"

namespace attend::embed {

struct ChunkVectorOptions {
  data::TokenMode mode = data::TokenMode::Unicode;
  bool normalize_words = true;  // average unit word vectors
  bool idf_weights = false;     // weight each word by log(N / df) over the chunks
  bool center = false;          // subtract the mean word vector (after normalising) before averaging
};

struct ChunkVectors {
  int rows = 0, dim = 0;
  std::vector<float> data;          // rows x dim, each row of unit length (or zero: no known word)
  std::vector<int> known_words;     // per chunk: tokens that had a vector
  std::vector<float> idf;           // per embedding row, when idf_weights (else empty)
  std::vector<float> mean;          // dim: the mean word vector subtracted, when center (else empty)
  ChunkVectorOptions options;
};

ChunkVectors chunk_vectors(const Embeddings& words, const std::vector<std::string>& chunks,
                           const ChunkVectorOptions& options = {});

// What one occurrence of word `row` adds to a chunk's (or query's) sum before the sum is normalised: the
// word's vector, normalised, centred and idf-weighted as `reference` says. Returns false for a zero vector.
bool word_contribution(const Embeddings& words, int row, const ChunkVectors& reference, std::vector<double>& out);

// The query's vector as chunk_vectors would make it (unit length; zero when no word is known).
std::vector<float> embed_text(const Embeddings& words, const std::string& text, const ChunkVectors& reference);

struct SearchHit {
  int chunk = -1;
  float score = 0;  // cosine similarity
};

// The top_n chunks by cosine similarity to the query, best first. Empty when no query word is known.
std::vector<SearchHit> vector_search(const Embeddings& words, const ChunkVectors& chunks, const std::string& query,
                                     int top_n);

}  // namespace attend::embed
