// t-SNE affinities: exact k nearest neighbours, the per-point perplexity search, and the symmetric joint P,
// as scikit-learn 1.2 computes them for method='barnes_hut'.
// GCC 12 reports false "may be used uninitialized" warnings inside Eigen's AVX-512 packet code
// (GCC bug 105593); they are not about this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Dense>
#if defined(__AVX512F__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/embed/tsne.h"
#include "core/embed/worker_pool.h"
#include "core/util/assert.h"

namespace attend::embed {

namespace {

using MatrixXdR = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

WorkerPool& pool_or_local(WorkerPool* pool, std::unique_ptr<WorkerPool>& local) {
  if (pool) return *pool;
  local = std::make_unique<WorkerPool>(1);
  return *local;
}

// out[j] = exp(-d[j]·beta) for j < k.
void exp_neg_scaled(const float* d, float beta, int k, float* out) {
  int j = 0;
#if defined(__AVX512F__)
  // Cephes' expf: 2^n·e^r with |r| <= ln2/2 and a degree-6 polynomial (relative error ~1e-7), the 2^n by
  // vscalefps, which also takes care of underflow to zero for far neighbours.
  const __m512 vb = _mm512_set1_ps(-beta);
  const __m512 log2e = _mm512_set1_ps(1.44269504088896341f);
  const __m512 c1 = _mm512_set1_ps(0.693359375f), c2 = _mm512_set1_ps(-2.12194440e-4f);
  const __m512 lo = _mm512_set1_ps(-103.0f);
  for (; j < k; j += 16) {
    const int rest = k - j;
    const __mmask16 m = rest >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << rest) - 1);
    __m512 x = _mm512_max_ps(_mm512_mul_ps(_mm512_maskz_loadu_ps(m, d + j), vb), lo);
    const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, log2e), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    x = _mm512_fnmadd_ps(n, c1, x);
    x = _mm512_fnmadd_ps(n, c2, x);
    __m512 y = _mm512_set1_ps(1.9875691500e-4f);
    y = _mm512_fmadd_ps(y, x, _mm512_set1_ps(1.3981999507e-3f));
    y = _mm512_fmadd_ps(y, x, _mm512_set1_ps(8.3334519073e-3f));
    y = _mm512_fmadd_ps(y, x, _mm512_set1_ps(4.1665795894e-2f));
    y = _mm512_fmadd_ps(y, x, _mm512_set1_ps(1.6666665459e-1f));
    y = _mm512_fmadd_ps(y, x, _mm512_set1_ps(5.0000001201e-1f));
    y = _mm512_fmadd_ps(y, _mm512_mul_ps(x, x), _mm512_add_ps(x, _mm512_set1_ps(1.0f)));
    _mm512_mask_storeu_ps(out + j, m, _mm512_scalef_ps(y, n));
  }
#endif
  for (; j < k; ++j) out[j] = std::exp(-d[j] * beta);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// Affinities

TsneNeighbours tsne_neighbours(const double* X, int n, int dim, int k, WorkerPool* pool) {
  ATTEND_ASSERT(n >= 2 && k >= 1 && k < n, "tsne_neighbours: need 1 <= k < n");
  std::unique_ptr<WorkerPool> local;
  WorkerPool& W = pool_or_local(pool, local);
  using MatrixXfR = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<const MatrixXdR> Xd(X, n, dim);
  // Candidates come from float32 distances (|x|² + |y|² − 2x·y by one matrix product per block of rows);
  // every candidate within the float error bound of the k-th is then measured exactly in double, so the
  // result is the exact k nearest neighbours at a quarter of the cost of a double-precision product.
  const MatrixXfR Xf = Xd.cast<float>();
  const Eigen::VectorXf norms = Xf.rowwise().squaredNorm();
  const float max_norm = norms.maxCoeff();
  TsneNeighbours nn;
  nn.n = n;
  nn.k = k;
  nn.index.resize(static_cast<size_t>(n) * k);
  nn.sqdist.resize(static_cast<size_t>(n) * k);
  constexpr int kBlock = 256;
  const int blocks = (n + kBlock - 1) / kBlock;
  struct Scratch {
    MatrixXfR dots;
    std::vector<float> row, sample;
    std::vector<std::pair<float, int32_t>> cand;
    std::vector<std::pair<double, int32_t>> exact;
  };
  std::vector<Scratch> scratch(W.threads());
  W.for_each(blocks, [&](int64_t bi, int thread) {
    Scratch& S = scratch[thread];
    const int r0 = static_cast<int>(bi) * kBlock;
    const int rows = std::min(kBlock, n - r0);
    S.dots.resize(rows, n);
    S.dots.noalias() = Xf.middleRows(r0, rows) * Xf.transpose();
    S.row.resize(n);
    for (int r = 0; r < rows; ++r) {
      const int i = r0 + r;
      for (int j = 0; j < n; ++j) S.row[j] = norms[i] + norms[j] - 2.0f * S.dots(r, j);
      S.row[i] = INFINITY;  // a point is not its own neighbour
      // The k-th smallest float distance: a threshold from a regular sample keeps a few times k entries,
      // so the selection sorts hundreds instead of n (an unlucky sample falls back to the whole row).
      float threshold = INFINITY;
      const int stride = std::max(1, n / 512);
      S.sample.clear();
      for (int j = 0; j < n; j += stride) S.sample.push_back(S.row[j]);
      const size_t rank = static_cast<size_t>(3.0 * k * S.sample.size() / n) + 8;
      if (rank < S.sample.size()) {
        std::nth_element(S.sample.begin(), S.sample.begin() + rank, S.sample.end());
        threshold = S.sample[rank];
      }
      for (int attempt = 0; attempt < 2; ++attempt) {
        S.cand.clear();
        for (int j = 0; j < n; ++j)
          if (S.row[j] <= threshold && j != i) S.cand.emplace_back(S.row[j], j);
        if (static_cast<int>(S.cand.size()) >= k) break;
        threshold = INFINITY;
      }
      std::nth_element(S.cand.begin(), S.cand.begin() + (k - 1), S.cand.end());
      const float kth = S.cand[k - 1].first;
      // Float error of the expansion: a few ulps of |x|² + |y|² per term of the dot product; 2e-5 of the
      // norms is far above it.
      const float slack = 2e-5f * (norms[i] + max_norm);
      const float limit = kth + slack;
      S.exact.clear();
      auto add_exact = [&](int j) { S.exact.emplace_back((Xd.row(i) - Xd.row(j)).squaredNorm(), j); };
      if (limit <= threshold) {
        for (const auto& c : S.cand)
          if (c.first <= limit) add_exact(c.second);
      } else {
        for (int j = 0; j < n; ++j)
          if (j != i && S.row[j] <= limit) add_exact(j);
      }
      std::nth_element(S.exact.begin(), S.exact.begin() + (k - 1), S.exact.end());
      std::sort(S.exact.begin(), S.exact.begin() + k);
      for (int c = 0; c < k; ++c) {
        nn.index[static_cast<size_t>(i) * k + c] = S.exact[c].second;
        nn.sqdist[static_cast<size_t>(i) * k + c] = static_cast<float>(S.exact[c].first);
      }
    }
  });
  return nn;
}

TsneConditional tsne_conditional_affinities(const TsneNeighbours& nn, double perplexity, WorkerPool* pool) {
  ATTEND_ASSERT(perplexity > 0, "perplexity must be positive");
  std::unique_ptr<WorkerPool> local;
  WorkerPool& P = pool_or_local(pool, local);
  const int n = nn.n, k = nn.k;
  TsneConditional c;
  c.n = n;
  c.k = k;
  c.p.resize(static_cast<size_t>(n) * k);
  c.beta.resize(n);
  c.entropy.resize(n);
  const double desired = std::log(perplexity);
  constexpr int kSteps = 100;
  constexpr double kTolerance = 1e-5;
  constexpr double kEpsilon = 1e-8;
  constexpr int kChunk = 64;
  P.for_each((n + kChunk - 1) / kChunk, [&](int64_t ci, int) {
    std::vector<float> p(k);
    const int i_end = std::min<int>(n, static_cast<int>(ci + 1) * kChunk);
    for (int i = static_cast<int>(ci) * kChunk; i < i_end; ++i) {
      const float* d = &nn.sqdist[static_cast<size_t>(i) * k];
      // sklearn's _binary_search_perplexity: double the precision until the entropy drops below the
      // target, halve it until above, then bisect.
      double beta = 1.0, beta_min = -INFINITY, beta_max = INFINITY, entropy = 0;
      for (int step = 0; step < kSteps; ++step) {
        // sklearn evaluates exp in double and stores float32; a float32 exp of the float argument differs
        // from that by about an ulp of the stored value, and runs sixteen at a time.
        exp_neg_scaled(d, static_cast<float>(beta), k, p.data());
        // Eight partial sums: independent chains the compiler can keep in vector lanes.
        double acc[8] = {};
        for (int j = 0; j < k; ++j) acc[j & 7] += p[j];
        double sum = 0;
        for (double a : acc) sum += a;
        if (sum == 0.0) sum = kEpsilon;
        const double inv_sum = 1.0 / sum;
        double acc_dp[8] = {};
        for (int j = 0; j < k; ++j) {
          p[j] = static_cast<float>(p[j] * inv_sum);
          acc_dp[j & 7] += static_cast<double>(d[j]) * p[j];
        }
        double sum_dp = 0;
        for (double a : acc_dp) sum_dp += a;
        entropy = std::log(sum) + beta * sum_dp;
        const double diff = entropy - desired;
        if (std::fabs(diff) <= kTolerance) break;
        if (diff > 0) {
          beta_min = beta;
          beta = beta_max == INFINITY ? beta * 2.0 : (beta + beta_max) / 2.0;
        } else {
          beta_max = beta;
          beta = beta_min == -INFINITY ? beta / 2.0 : (beta + beta_min) / 2.0;
        }
      }
      c.beta[i] = beta;
      c.entropy[i] = entropy;
      for (int j = 0; j < k; ++j) c.p[static_cast<size_t>(i) * k + j] = static_cast<float>(p[j]);
    }
  });
  const double beta_sum = std::accumulate(c.beta.begin(), c.beta.end(), 0.0);
  c.mean_sigma = beta_sum > 0 ? std::sqrt(n / beta_sum) : 0.0;
  return c;
}

TsneAffinities tsne_joint_affinities(const TsneConditional& cond, const TsneNeighbours& nn) {
  const int n = nn.n, k = nn.k;
  // P_cond + P_condᵀ row by row: row i of P_cond (sorted by column) merged with column i of P_cond, which a
  // counting pass lists in increasing row order, so no row needs a general sort.
  std::vector<int64_t> tptr(n + 1, 0);
  for (size_t e = 0; e < nn.index.size(); ++e) ++tptr[nn.index[e] + 1];
  for (int i = 0; i < n; ++i) tptr[i + 1] += tptr[i];
  std::vector<std::pair<int32_t, float>> trans(tptr[n]);
  {
    std::vector<int64_t> fill(tptr.begin(), tptr.end() - 1);
    for (int i = 0; i < n; ++i)
      for (int c = 0; c < k; ++c) {
        const size_t e = static_cast<size_t>(i) * k + c;
        trans[fill[nn.index[e]]++] = {i, cond.p[e]};
      }
  }
  TsneAffinities P;
  P.n = n;
  P.indptr.assign(n + 1, 0);
  P.indices.reserve(2 * nn.index.size());
  P.values.reserve(2 * nn.index.size());
  std::vector<std::pair<int32_t, float>> own(k);
  double total = 0;
  for (int i = 0; i < n; ++i) {
    for (int c = 0; c < k; ++c) {
      const size_t e = static_cast<size_t>(i) * k + c;
      own[c] = {nn.index[e], cond.p[e]};
    }
    std::sort(own.begin(), own.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    auto a = own.begin();
    auto b = trans.begin() + tptr[i], b_end = trans.begin() + tptr[i + 1];
    while (a != own.end() || b != b_end) {
      int32_t j;
      float v = 0;
      if (b == b_end || (a != own.end() && a->first < b->first)) {
        j = a->first;
        v = (a++)->second;
      } else if (a == own.end() || b->first < a->first) {
        j = b->first;
        v = (b++)->second;
      } else {
        j = a->first;
        v = (a++)->second + (b++)->second;
      }
      P.indices.push_back(j);
      P.values.push_back(v);
      total += v;
    }
    P.indptr[i + 1] = static_cast<int64_t>(P.indices.size());
  }
  const double inv = 1.0 / std::max(total, 2.220446049250313e-16);
  for (float& v : P.values) v = static_cast<float>(v * inv);
  return P;
}

}  // namespace attend::embed
