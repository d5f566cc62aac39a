// Count-based word vectors (topic 10): the sliding-window co-occurrence matrix, PPMI, and a truncated SVD
// whose rows are the embeddings.
//
//   SparseMatrix X = cooccurrence(corpus.ids, corpus.sentence_starts, vocab.size(), {});
//   SparseMatrix M = ppmi(X, {});                        // max(0, PMI) with smoothed context counts
//   SvdResult s = truncated_svd(M, {.rank = 50});        // M ≈ U Σ Vᵀ
//   Embeddings e = svd_embeddings(s, vocab.words, 0.5);  // rows of U Σ^0.5
//
// Co-occurrence: for each token and each other token within `window` positions in the same sentence, the
// pair (word, context) gains 1, or 1/distance with distance weighting (GloVe's and word2vec's dynamic
// window in expectation both favour near words). The matrix is symmetric when both sides are counted.
//
// PPMI(w, c) = max(0, log(#(w,c)·D / (#(w)·#_α(c))) − log k), with #_α(c) = #(c)^α·D / Σ_c' #(c')^α the
// context-distribution smoothing of Levy, Goldberg & Dagan (2015) (α = 1 turns it off) and k the shift
// (SPPMI; k = 1: none). D is the total count.
//
// Truncated SVD: exact (a dense decomposition, for small vocabularies and tests) or randomized (Halko,
// Martinsson & Tropp 2011: a Gaussian sketch, power iterations with re-orthonormalisation, then the SVD of
// a small dense matrix), which only multiplies the sparse matrix by thin dense ones.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/embed/embeddings.h"
#include "core/embed/train_progress.h"

namespace attend::embed {

// Compressed sparse rows.
struct SparseMatrix {
  int rows = 0, cols = 0;
  std::vector<int64_t> indptr;  // rows + 1
  std::vector<int32_t> indices; // column of each entry, increasing within a row
  std::vector<float> values;

  int64_t nnz() const { return static_cast<int64_t>(values.size()); }
  float at(int r, int c) const;  // 0 where no entry (binary search in the row)
  static SparseMatrix from_dense(const std::vector<float>& dense, int rows, int cols);
  std::vector<float> to_dense() const;  // rows x cols, row-major
};

struct CooccurrenceOptions {
  int window = 5;
  bool distance_weighting = true;  // 1/distance instead of 1
  bool symmetric = true;           // count contexts on both sides (false: only the left context)
};

// ids: token ids sentence after sentence; sentence_starts: n_sentences + 1 offsets.
SparseMatrix cooccurrence(const std::vector<int32_t>& ids, const std::vector<int64_t>& sentence_starts,
                          int vocab_size, const CooccurrenceOptions& options, TrainProgress* progress = nullptr);

struct PpmiOptions {
  double alpha = 0.75;  // context-distribution smoothing; 1 = none
  double shift = 1.0;   // k of shifted PPMI; 1 = none
};

SparseMatrix ppmi(const SparseMatrix& counts, const PpmiOptions& options);

enum class SvdMethod { Auto, Exact, Randomized };

struct SvdOptions {
  int rank = 50;
  SvdMethod method = SvdMethod::Auto;  // Auto: exact up to 1500 rows and columns, else randomized
  int oversample = 10;
  int power_iterations = 4;
  uint64_t seed = 0;
};

struct SvdResult {
  int rows = 0, cols = 0, rank = 0;
  std::vector<double> u;      // rows x rank, row-major
  std::vector<double> s;      // rank, decreasing
  std::vector<double> v;      // cols x rank, row-major
};

// Signs are fixed so that in each column of U the entry of largest magnitude is positive.
SvdResult truncated_svd(const SparseMatrix& m, const SvdOptions& options, TrainProgress* progress = nullptr);

// Rows of U·Σ^power (power 1: the classic LSA vectors; 0.5: symmetric; 0: U alone), labelled.
Embeddings svd_embeddings(const SvdResult& svd, const std::vector<std::string>& labels, double power = 0.5);

}  // namespace attend::embed
