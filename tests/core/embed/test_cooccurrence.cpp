// GCC 12 reports false "may be used uninitialized" warnings inside Eigen's AVX-512 packet code (GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <doctest/doctest.h>

#include <Eigen/Dense>

#include <cmath>
#include <vector>

#include "core/data/corpus_vocab.h"
#include "core/embed/cooccurrence.h"

using namespace attend;
using namespace attend::embed;

TEST_CASE("co-occurrence: a hand-counted window with 1/distance weighting") {
  data::CorpusOptions co;
  co.min_count = 1;
  const data::LoadedCorpus c = data::build_corpus({"a b c", "a b"}, co);  // ids: a 0, b 1, c 2
  CooccurrenceOptions o;
  o.window = 2;
  const SparseMatrix x = cooccurrence(c.corpus.ids, c.corpus.sentence_starts, 3, o);
  // a–b at distance 1 in both sentences; b–c at 1; a–c at 2 (weight 1/2). Symmetric.
  CHECK(x.at(0, 1) == 2.0f);
  CHECK(x.at(1, 0) == 2.0f);
  CHECK(x.at(1, 2) == 1.0f);
  CHECK(x.at(2, 1) == 1.0f);
  CHECK(x.at(0, 2) == 0.5f);
  CHECK(x.at(2, 0) == 0.5f);
  CHECK(x.at(0, 0) == 0.0f);
  CHECK(x.nnz() == 6);
  // Window 1 drops the a–c pair; unweighted counts 1 per pair; left-only counts one direction.
  o.window = 1;
  CHECK(cooccurrence(c.corpus.ids, c.corpus.sentence_starts, 3, o).at(0, 2) == 0.0f);
  o.window = 2;
  o.distance_weighting = false;
  CHECK(cooccurrence(c.corpus.ids, c.corpus.sentence_starts, 3, o).at(0, 2) == 1.0f);
  o.symmetric = false;
  const SparseMatrix left = cooccurrence(c.corpus.ids, c.corpus.sentence_starts, 3, o);
  CHECK(left.at(1, 0) == 2.0f);  // b sees a on its left
  CHECK(left.at(0, 1) == 0.0f);
}

TEST_CASE("PPMI: values by hand, with and without context smoothing and shift") {
  const std::vector<float> dense = {0, 2, 0.5f, 2, 0, 1, 0.5f, 1, 0};
  const SparseMatrix x = SparseMatrix::from_dense(dense, 3, 3);
  const double row[3] = {2.5, 3, 1.5}, total = 7;
  for (double alpha : {1.0, 0.75}) {
    PpmiOptions o;
    o.alpha = alpha;
    const SparseMatrix m = ppmi(x, o);
    double norm = 0;
    for (double r : row) norm += std::pow(r, alpha);  // column sums equal the row sums here
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        const double xij = dense[i * 3 + j];
        double expected = 0;
        if (xij > 0) {
          const double p_wc = xij / total, p_w = row[i] / total, p_c = std::pow(row[j], alpha) / norm;
          expected = std::max(0.0, std::log(p_wc / (p_w * p_c)));
        }
        CHECK(m.at(i, j) == doctest::Approx(expected).epsilon(1e-6));
      }
  }
  // PMI(a, b) = log(2·7 / (2.5·3)) without smoothing; shift 2 subtracts log 2 and clips at zero.
  PpmiOptions plain;
  plain.alpha = 1;
  CHECK(ppmi(x, plain).at(0, 1) == doctest::Approx(std::log(14.0 / 7.5)));
  plain.shift = 2;
  CHECK(ppmi(x, plain).at(0, 1) == doctest::Approx(0.0).epsilon(1e-9));  // log(1.867) − log 2 < 0 → clipped
  CHECK(ppmi(x, plain).nnz() < ppmi(x, PpmiOptions{}).nnz());
}

TEST_CASE("SVD embeddings of a hand-made co-occurrence matrix match the exact decomposition") {
  const int n = 5;
  const std::vector<float> dense = {0, 4, 1, 0, 2,  //
                                    4, 0, 3, 1, 0,  //
                                    1, 3, 0, 5, 1,  //
                                    0, 1, 5, 0, 2,  //
                                    2, 0, 1, 2, 0};
  const SparseMatrix x = SparseMatrix::from_dense(dense, n, n);
  Eigen::MatrixXd A(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) A(i, j) = dense[i * n + j];
  Eigen::JacobiSVD<Eigen::MatrixXd> ref(A, Eigen::ComputeFullU | Eigen::ComputeFullV);
  for (SvdMethod method : {SvdMethod::Exact, SvdMethod::Randomized}) {
    SvdOptions o;
    o.rank = 3;
    o.method = method;
    o.power_iterations = 8;
    const SvdResult s = truncated_svd(x, o);
    REQUIRE(s.rank == 3);
    for (int c = 0; c < 3; ++c) {
      CHECK(s.s[c] == doctest::Approx(ref.singularValues()(c)).epsilon(1e-6));
      // Columns of U agree up to sign; ours has its largest-magnitude entry positive.
      double sign = 0;
      for (int i = 0; i < n; ++i) sign += s.u[i * 3 + c] * ref.matrixU()(i, c);
      sign = sign < 0 ? -1 : 1;
      for (int i = 0; i < n; ++i) CHECK(s.u[i * 3 + c] == doctest::Approx(sign * ref.matrixU()(i, c)).epsilon(1e-5).scale(1e-5));
    }
    // Embeddings are the rows of U Σ^p.
    const Embeddings e = svd_embeddings(s, {"a", "b", "c", "d", "e"}, 0.5);
    CHECK(e.dim == 3);
    CHECK(e.find("c") == 2);
    for (int i = 0; i < n; ++i)
      for (int c = 0; c < 3; ++c) CHECK(e.row(i)[c] == doctest::Approx(s.u[i * 3 + c] * std::sqrt(s.s[c])).epsilon(1e-5));
  }
  // Full rank reproduces the matrix: U Σ Vᵀ = A.
  SvdOptions full;
  full.rank = n;
  const SvdResult s = truncated_svd(x, full);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double r = 0;
      for (int c = 0; c < n; ++c) r += s.u[i * n + c] * s.s[c] * s.v[j * n + c];
      CHECK(r == doctest::Approx(dense[i * n + j]).epsilon(1e-6).scale(1e-6));
    }
}
