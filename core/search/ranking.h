// Keyword ranking over a fixed set of documents: BM25 (Robertson/Spärck Jones with Lucene's non-negative
// idf) and TF-IDF with cosine similarity (scikit-learn's TfidfVectorizer defaults: raw counts, smooth idf
// ln((1+N)/(1+df))+1, l2-normalised vectors). Both tokenise with tokenizer.h, so Russian and English notes
// rank alike. Indexes are immutable once built, so several threads may search one at the same time.
//
//   Bm25Index index({"the cat sat", "dogs and cats"});
//   for (const Hit& h : index.search("cat", 10)) printf("%zu %.3f\n", h.doc, h.score);
//
// explain() breaks a score into per-term parts, for a view that shows why a document ranked where it did.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/search/tokenizer.h"

namespace attend::search {

struct Hit {
  size_t doc = 0;     // index of the document in the order it was given
  double score = 0;
};

struct TermContribution {
  std::string term;
  int tf = 0;         // occurrences in the document
  int df = 0;         // documents containing the term
  double idf = 0;
  double score = 0;   // this term's share of the document's score
};

// Terms → postings, shared by both rankers.
struct InvertedIndex {
  std::unordered_map<std::string, uint32_t> vocabulary;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> postings;  // per term: (doc, tf), docs ascending
  std::vector<uint32_t> length;                                      // per doc: number of terms
  std::vector<std::string> terms;                                    // per term id: the term

  explicit InvertedIndex(const std::vector<std::vector<std::string>>& tokenized = {});
  const std::vector<std::pair<uint32_t, uint32_t>>* find(const std::string& term) const;
  uint32_t tf(const std::string& term, size_t doc) const;
  size_t size() const { return length.size(); }
};

// Distinct query terms in first-seen order, with their counts.
std::vector<std::pair<std::string, int>> query_terms(std::string_view query, const TokenizeOptions& options);

struct Bm25Params {
  double k1 = 1.2;   // term-frequency saturation
  double b = 0.75;   // length normalisation
};

class Bm25Index {
 public:
  using Params = Bm25Params;

  Bm25Index() = default;
  explicit Bm25Index(const std::vector<std::string>& documents, Params params = {}, TokenizeOptions options = {});
  Bm25Index(const std::vector<std::vector<std::string>>& tokenized, Params params, TokenizeOptions options);

  // The best `top_k` documents with a positive score (all of them for 0), best first; ties by index.
  std::vector<Hit> search(std::string_view query, size_t top_k = 0) const;
  std::vector<double> scores(std::string_view query) const;  // one per document
  std::vector<TermContribution> explain(std::string_view query, size_t doc) const;

  double idf(const std::string& term) const;
  size_t size() const { return m_index.size(); }
  size_t vocabulary_size() const { return m_index.terms.size(); }
  double average_length() const { return m_average_length; }

 private:
  double term_score(uint32_t tf, size_t doc, double idf) const;

  Params m_params;
  TokenizeOptions m_options;
  InvertedIndex m_index;
  double m_average_length = 0;
};

class TfIdfIndex {
 public:
  TfIdfIndex() = default;
  explicit TfIdfIndex(const std::vector<std::string>& documents, TokenizeOptions options = {});
  TfIdfIndex(const std::vector<std::vector<std::string>>& tokenized, TokenizeOptions options);

  // Cosine similarity between the query's and each document's l2-normalised tf-idf vectors.
  std::vector<Hit> search(std::string_view query, size_t top_k = 0) const;
  std::vector<double> scores(std::string_view query) const;
  std::vector<TermContribution> explain(std::string_view query, size_t doc) const;

  double idf(const std::string& term) const;
  // A document's normalised vector as (term, weight), heaviest first.
  std::vector<std::pair<std::string, double>> vector(size_t doc) const;
  size_t size() const { return m_index.size(); }

 private:
  std::vector<std::pair<uint32_t, double>> query_vector(std::string_view query) const;

  TokenizeOptions m_options;
  InvertedIndex m_index;
  std::vector<double> m_idf;   // per term
  std::vector<double> m_norm;  // per document: length of its tf-idf vector
};

// Sorts scores into hits: positive scores only, best first, ties by document index, at most top_k (0: all).
std::vector<Hit> rank(const std::vector<double>& scores, size_t top_k);

}  // namespace attend::search
