// t-SNE: the start layout, the optimiser step, the attractive forces and the KL divergence. The affinities
// are in tsne_affinities.cpp, the Barnes–Hut repulsion in tsne_bh.cpp.
// GCC 12 reports false "may be used uninitialized" warnings inside its AVX-512 reduction intrinsics
// (GCC bug 105593); they are not about this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "core/embed/tsne.h"

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/embed/pca.h"
#include "core/embed/tsne_internal.h"
#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::embed {

namespace {

constexpr float kFloatTiny = 1.17549435e-38f;  // np.finfo(np.float32).tiny, sklearn's floor inside the log

WorkerPool& pool_or_local(WorkerPool* pool, std::unique_ptr<WorkerPool>& local) {
  if (pool) return *pool;
  local = std::make_unique<WorkerPool>(1);
  return *local;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// Set-up

namespace {

Status check_options(int n, const TsneOptions& o) {
  if (n < 2) return make_error("t-SNE needs at least 2 points, got " + std::to_string(n));
  if (o.dims != 2 && o.dims != 3) return make_error("t-SNE maps to 2 or 3 dimensions, not " + std::to_string(o.dims));
  if (!(o.perplexity > 0) || o.perplexity >= n)
    return make_error("perplexity must be positive and below the number of points (" + std::to_string(n) + ")");
  if (o.theta < 0) return make_error("the Barnes-Hut angle theta must be 0 (exact) or positive");
  return Ok{};
}

std::vector<float> start_layout(const double* X, int n, int dim, const TsneOptions& o) {
  std::vector<float> y(static_cast<size_t>(n) * o.dims);
  if (o.init == TsneInit::Pca && dim >= o.dims) {
    const PcaResult p = pca(X, n, dim, o.dims);
    for (size_t i = 0; i < y.size(); ++i) y[i] = static_cast<float>(p.coords[i]);
    // sklearn: scale so that column 0 has standard deviation 1e-4 (np.std, population).
    double mean = 0;
    for (int i = 0; i < n; ++i) mean += y[static_cast<size_t>(i) * o.dims];
    mean /= n;
    double var = 0;
    for (int i = 0; i < n; ++i) {
      const double v = y[static_cast<size_t>(i) * o.dims] - mean;
      var += v * v;
    }
    const double sd = std::sqrt(var / n);
    const float scale = static_cast<float>(sd > 0 ? 1e-4 / sd : 1.0);
    for (float& v : y) v *= scale;
  } else {
    SplitMix64 rng(o.seed);
    for (float& v : y) v = static_cast<float>(1e-4 * rng.normal());
  }
  return y;
}

}  // namespace

TsneState tsne_init_from(TsneAffinities P, std::vector<float> y0, int dims, const TsneOptions& options) {
  ATTEND_ASSERT(dims == 2 || dims == 3, "t-SNE maps are 2-D or 3-D");
  ATTEND_ASSERT(y0.size() == static_cast<size_t>(P.n) * dims, "start layout must be n x dims");
  TsneState s;
  s.options = options;
  s.options.dims = dims;
  s.n = P.n;
  s.dims = dims;
  s.P = std::move(P);
  s.y = std::move(y0);
  s.update.assign(s.y.size(), 0.0f);
  s.gains.assign(s.y.size(), 1.0f);
  s.grad.assign(s.y.size(), 0.0f);
  s.learning_rate = options.learning_rate > 0
                        ? options.learning_rate
                        : std::max(s.n / options.early_exaggeration / 4.0, 50.0);
  s.ws = std::make_shared<detail::TsneWorkspace>();
  s.ws->owned_pool = std::make_unique<WorkerPool>(std::max(1, options.threads));
  s.ws->pool = s.ws->owned_pool.get();
  return s;
}

Result<TsneState> tsne_init(const double* X, int n, int dim, const TsneOptions& options) {
  Status ok = check_options(n, options);
  if (!ok) return ok.error();
  auto pool = std::make_unique<WorkerPool>(std::max(1, options.threads));
  const int k = std::min(n - 1, static_cast<int>(3.0 * options.perplexity + 1.0));
  const TsneNeighbours nn = tsne_neighbours(X, n, dim, k, pool.get());
  const TsneConditional cond = tsne_conditional_affinities(nn, options.perplexity, pool.get());
  TsneState s = tsne_init_from(tsne_joint_affinities(cond, nn), start_layout(X, n, dim, options), options.dims, options);
  s.ws->owned_pool = std::move(pool);
  s.ws->pool = s.ws->owned_pool.get();
  s.mean_sigma = cond.mean_sigma;
  return s;
}

Status tsne_set_perplexity(TsneState& s, const double* X, int n, int dim, double perplexity) {
  if (n != s.n) return make_error("t-SNE: the input has " + std::to_string(n) + " rows, the map " + std::to_string(s.n));
  TsneOptions o = s.options;
  o.perplexity = perplexity;
  Status ok = check_options(n, o);
  if (!ok) return ok;
  const int k = std::min(n - 1, static_cast<int>(3.0 * perplexity + 1.0));
  const TsneNeighbours nn = tsne_neighbours(X, n, dim, k, s.ws->pool);
  const TsneConditional cond = tsne_conditional_affinities(nn, perplexity, s.ws->pool);
  s.P = tsne_joint_affinities(cond, nn);
  s.mean_sigma = cond.mean_sigma;
  s.options.perplexity = perplexity;
  return Ok{};
}

Result<TsneState> tsne_init(const float* X, int n, int dim, const TsneOptions& options) {
  std::vector<double> Xd(X, X + static_cast<size_t>(n) * dim);
  return tsne_init(Xd.data(), n, dim, options);
}

// ---------------------------------------------------------------------------------------------------------
// Gradient and step

namespace {

// Σ_j p_ij q_ij Z (y_i − y_j) for one row, from the row's neighbour coordinates copied into `buf` first:
// the copy is plain scalar loads (vector gathers are slower on this hardware), the arithmetic then runs on
// contiguous memory.
template <int D>
void attraction_row(const TsneAffinities& P, const float* y, int i, std::vector<float>& buf, float* pos) {
  const int64_t b = P.indptr[i], e = P.indptr[i + 1];
  const int m = static_cast<int>(e - b);
  const size_t stride = static_cast<size_t>(m + 16);
  if (buf.size() < stride * D) buf.resize(stride * D);
  float yi[D];
  for (int d = 0; d < D; ++d) yi[d] = y[i * D + d];
#if defined(__AVX512F__)
  if constexpr (D == 2) {
    // Each neighbour's (x, y) moves as one 64-bit word; a permute splits them into x and y lanes.
    double* pairs = reinterpret_cast<double*>(buf.data());
    const double* yd = reinterpret_cast<const double*>(y);
    for (int k = 0; k < m; ++k) {
      int j = P.indices[b + k];
      asm("" : "+r"(j));  // keeps the compiler from turning this copy into (slower) gathers
      pairs[k] = yd[j];
    }
    const __m512 one = _mm512_set1_ps(1.0f), two = _mm512_set1_ps(2.0f);
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    const __m512 y0 = _mm512_set1_ps(yi[0]), y1 = _mm512_set1_ps(yi[1]);
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
    for (int k = 0; k < m; k += 16) {
      const int rest = m - k;
      const __mmask16 mask = rest >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << rest) - 1);
      const __m512 lo = _mm512_castpd_ps(_mm512_maskz_loadu_pd(__mmask8(mask), pairs + k));
      const __m512 hi = _mm512_castpd_ps(_mm512_maskz_loadu_pd(__mmask8(mask >> 8), pairs + k + 8));
      const __m512 d0 = _mm512_sub_ps(y0, _mm512_permutex2var_ps(lo, even, hi));
      const __m512 d1 = _mm512_sub_ps(y1, _mm512_permutex2var_ps(lo, odd, hi));
      const __m512 den = _mm512_fmadd_ps(d0, d0, _mm512_fmadd_ps(d1, d1, one));
      __m512 q = _mm512_rcp14_ps(den);
      q = _mm512_mul_ps(q, _mm512_fnmadd_ps(den, q, two));  // one Newton step: float32 accuracy
      const __m512 pq = _mm512_mul_ps(_mm512_maskz_loadu_ps(mask, &P.values[b + k]), q);
      a0 = _mm512_fmadd_ps(pq, d0, a0);
      a1 = _mm512_fmadd_ps(pq, d1, a1);
    }
    pos[0] = _mm512_reduce_add_ps(a0);
    pos[1] = _mm512_reduce_add_ps(a1);
    return;
  }
#endif
  float* c[D];
  for (int d = 0; d < D; ++d) c[d] = buf.data() + d * stride;
  for (int k = 0; k < m; ++k) {
    int j = P.indices[b + k];
    asm("" : "+r"(j));
    for (int d = 0; d < D; ++d) c[d][k] = y[j * D + d];
  }
  alignas(64) float acc[D][16] = {};
  int k = 0;
  for (; k + 16 <= m; k += 16)
    for (int l = 0; l < 16; ++l) {
      float dd[D];
      float d2 = 1.0f;
      for (int d = 0; d < D; ++d) {
        dd[d] = yi[d] - c[d][k + l];
        d2 += dd[d] * dd[d];
      }
      const float pq = P.values[b + k + l] / d2;
      for (int d = 0; d < D; ++d) acc[d][l] += pq * dd[d];
    }
  for (int l = 0; k < m; ++k, ++l) {
    float dd[D];
    float d2 = 1.0f;
    for (int d = 0; d < D; ++d) {
      dd[d] = yi[d] - c[d][k];
      d2 += dd[d] * dd[d];
    }
    const float pq = P.values[b + k] / d2;
    for (int d = 0; d < D; ++d) acc[d][l] += pq * dd[d];
  }
  for (int d = 0; d < D; ++d) {
    pos[d] = 0;
    for (int l = 0; l < 16; ++l) pos[d] += acc[d][l];
  }
}

// sklearn's KL estimate for one row: Σ_j p_ij log(p_ij / q_ij) with the exaggerated p and the approximated Z.
template <int D>
double kl_row(const TsneAffinities& P, const float* y, int i, float exag, float inv_z) {
  double kl = 0;
  for (int64_t k = P.indptr[i]; k < P.indptr[i + 1]; ++k) {
    const int j = P.indices[k];
    float d2 = 1.0f;
    for (int d = 0; d < D; ++d) {
      const float dd = y[i * D + d] - y[j * D + d];
      d2 += dd * dd;
    }
    const float q = 1.0f / d2;
    const float p = P.values[k] * exag;
    kl += p * std::log(std::max(p, kFloatTiny) / std::max(q * inv_z, kFloatTiny));
  }
  return kl;
}

// Attractive part of the gradient and, optionally, sklearn's KL estimate; writes grad = 4(exag·pos − neg/Z).
template <int D>
double finish_gradient(const TsneAffinities& P, const float* y, double exaggeration, double z,
                       const std::vector<float>& neg, float* grad, bool compute_kl, detail::TsneWorkspace& ws) {
  const int n = P.n;
  constexpr int kChunk = 256;
  const int chunks = (n + kChunk - 1) / kChunk;
  ws.chunk_sums.assign(chunks, 0.0);
  if (ws.row_buffers.size() < static_cast<size_t>(ws.pool->threads())) ws.row_buffers.resize(ws.pool->threads());
  const float exag = static_cast<float>(exaggeration);
  const float inv_z = static_cast<float>(1.0 / z);
  ws.pool->for_each(chunks, [&](int64_t ci, int thread) {
    double kl = 0;
    std::vector<float>& buf = ws.row_buffers[thread];
    const int i_end = std::min(n, static_cast<int>(ci + 1) * kChunk);
    for (int i = static_cast<int>(ci) * kChunk; i < i_end; ++i) {
      float pos[D];
      attraction_row<D>(P, y, i, buf, pos);
      for (int d = 0; d < D; ++d)
        grad[i * D + d] = 4.0f * (exag * pos[d] - neg[static_cast<size_t>(i) * D + d] * inv_z);
      if (compute_kl) kl += kl_row<D>(P, y, i, exag, inv_z);
    }
    ws.chunk_sums[ci] = kl;
  });
  double kl = 0;
  for (double v : ws.chunk_sums) kl += v;
  return kl;
}

double gradient_into(const TsneAffinities& P, const float* y, int dims, double exaggeration, double theta,
                     float* grad, bool compute_kl, double* kl, detail::TsneWorkspace& ws) {
  const double z = detail::tsne_repulsion(y, P.n, dims, theta, ws);
  const double c = dims == 2 ? finish_gradient<2>(P, y, exaggeration, z, ws.neg, grad, compute_kl, ws)
                             : finish_gradient<3>(P, y, exaggeration, z, ws.neg, grad, compute_kl, ws);
  if (kl) *kl = c;
  return z;
}

}  // namespace

double tsne_gradient(const TsneAffinities& P, const std::vector<float>& y, int dims, double exaggeration,
                     double theta, std::vector<float>& grad, WorkerPool* pool) {
  ATTEND_ASSERT(y.size() == static_cast<size_t>(P.n) * dims, "tsne_gradient: y must be n x dims");
  detail::TsneWorkspace ws;
  if (!pool) ws.owned_pool = std::make_unique<WorkerPool>(1);
  ws.pool = pool ? pool : ws.owned_pool.get();
  grad.resize(y.size());
  return gradient_into(P, y.data(), dims, exaggeration, theta, grad.data(), false, nullptr, ws);
}

TsneStepReport tsne_step(TsneState& s, bool compute_kl) {
  ATTEND_ASSERT(s.ws != nullptr, "tsne_step: the state was not made by tsne_init");
  TsneStepReport r;
  r.iter = s.iter;
  if (s.iter == s.options.exaggeration_iters) {
    // sklearn runs the two phases as two calls of its optimiser, each starting from zero update, unit gains.
    std::fill(s.update.begin(), s.update.end(), 0.0f);
    std::fill(s.gains.begin(), s.gains.end(), 1.0f);
  }
  double kl = 0;
  s.z = gradient_into(s.P, s.y.data(), s.dims, s.exaggeration(), s.options.theta, s.grad.data(), compute_kl, &kl, *s.ws);
  if (compute_kl) r.kl = kl;
  const float momentum = static_cast<float>(s.iter < s.options.exaggeration_iters ? s.options.momentum_early
                                                                                  : s.options.momentum_late);
  const float lr = static_cast<float>(s.learning_rate);
  const float min_gain = static_cast<float>(s.options.min_gain);
  double norm2 = 0;
  for (size_t i = 0; i < s.y.size(); ++i) {
    const float g = s.grad[i];
    float gain = s.gains[i];
    gain = (s.update[i] * g < 0.0f) ? gain + 0.2f : gain * 0.8f;
    gain = std::max(gain, min_gain);
    s.gains[i] = gain;
    const float gg = g * gain;
    norm2 += static_cast<double>(gg) * gg;
    s.update[i] = momentum * s.update[i] - lr * gg;
    s.y[i] += s.update[i];
  }
  r.grad_norm = std::sqrt(norm2);
  ++s.iter;
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// KL divergence

namespace {

template <int D>
double exact_z(const float* y, int n, WorkerPool& pool) {
  constexpr int kChunk = 64;
  const int chunks = (n + kChunk - 1) / kChunk;
  std::vector<double> sums(chunks, 0.0);
  std::vector<float> coords[D];
  for (int d = 0; d < D; ++d) {
    coords[d].resize(n);
    for (int i = 0; i < n; ++i) coords[d][i] = y[i * D + d];
  }
  pool.for_each(chunks, [&](int64_t ci, int) {
    double total = 0;
    const int i_end = std::min(n, static_cast<int>(ci + 1) * kChunk);
    for (int i = static_cast<int>(ci) * kChunk; i < i_end; ++i) {
      float yi[D];
      for (int d = 0; d < D; ++d) yi[d] = coords[d][i];
      alignas(64) float acc[16] = {};
      int j = i + 1;
      for (; j + 16 <= n; j += 16)
        for (int l = 0; l < 16; ++l) {
          float d2 = 1.0f;
          for (int d = 0; d < D; ++d) {
            const float dd = yi[d] - coords[d][j + l];
            d2 += dd * dd;
          }
          acc[l] += 1.0f / d2;
        }
      double row = 0;
      for (int l = 0; l < 16; ++l) row += acc[l];
      for (; j < n; ++j) {
        float d2 = 1.0f;
        for (int d = 0; d < D; ++d) {
          const float dd = yi[d] - coords[d][j];
          d2 += dd * dd;
        }
        row += 1.0f / d2;
      }
      total += row;
    }
    sums[ci] = total;
  });
  double z = 0;
  for (double v : sums) z += v;
  return 2.0 * z;  // each unordered pair counted once above
}

}  // namespace

double tsne_kl_divergence(const TsneAffinities& P, const std::vector<float>& y, int dims, WorkerPool* pool) {
  ATTEND_ASSERT(y.size() == static_cast<size_t>(P.n) * dims, "tsne_kl_divergence: y must be n x dims");
  std::unique_ptr<WorkerPool> local;
  WorkerPool& W = pool_or_local(pool, local);
  const double z = dims == 2 ? exact_z<2>(y.data(), P.n, W) : exact_z<3>(y.data(), P.n, W);
  double kl = 0;
  for (int i = 0; i < P.n; ++i)
    for (int64_t e = P.indptr[i]; e < P.indptr[i + 1]; ++e) {
      const int j = P.indices[e];
      const double p = P.values[e];
      if (p <= 0) continue;
      double d2 = 0;
      for (int d = 0; d < dims; ++d) {
        const double dd = static_cast<double>(y[static_cast<size_t>(i) * dims + d]) - y[static_cast<size_t>(j) * dims + d];
        d2 += dd * dd;
      }
      const double q = 1.0 / ((1.0 + d2) * z);
      kl += p * std::log(p / q);
    }
  return kl;
}

double tsne_kl_divergence(const TsneState& s) {
  return tsne_kl_divergence(s.P, s.y, s.dims, s.ws ? s.ws->pool : nullptr);
}

}  // namespace attend::embed
