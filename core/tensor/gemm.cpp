#include "core/tensor/gemm.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "core/util/assert.h"

#if defined(__AVX512F__)
#include <immintrin.h>
#define ATTEND_GEMM_AVX512 1
#else
#include <Eigen/Core>
#endif

namespace attend::tensor {

void sgemm_reference(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b,
                     int ldb, float* c, int ldc, bool accumulate) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double s = 0;
      for (int p = 0; p < k; ++p) {
        const double x = trans_a ? a[static_cast<long>(p) * lda + i] : a[static_cast<long>(i) * lda + p];
        const double y = trans_b ? b[static_cast<long>(j) * ldb + p] : b[static_cast<long>(p) * ldb + j];
        s += x * y;
      }
      float& out = c[static_cast<long>(i) * ldc + j];
      out = accumulate ? static_cast<float>(out + s) : static_cast<float>(s);
    }
}

#if ATTEND_GEMM_AVX512

bool sgemm_is_vectorized() { return true; }

namespace {

constexpr int kMR = 6;   // rows per micro-tile: 6 rows × 4 vectors (64 columns) = 24 accumulators
constexpr int kKC = 256; // k-block: a 128×64 panel of B (32 KiB) stays in L1 while A streams past it

// One micro-tile: rows i..i+MR of op(A) times columns j..j+16·NV of B (row-major, in place), over k.
// `last_mask` masks the last vector's columns (a partial tile at the right edge).
template <int MR, int NV>
inline void micro_tile(int k, const float* a, long a_rs, long a_cs, const float* b, long ldb, float* c, long ldc,
                       bool accumulate, const float* bias, __mmask16 last_mask) {
  __m512 acc[MR][NV];
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_setzero_ps();
  for (int p = 0; p < k; ++p) {
    __m512 bv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      bv[v] = v == NV - 1 ? _mm512_maskz_loadu_ps(last_mask, b + v * 16) : _mm512_loadu_ps(b + v * 16);
    const float* ap = a;
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      const __m512 av = _mm512_set1_ps(ap[r * a_rs]);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_fmadd_ps(av, bv[v], acc[r][v]);
    }
    a += a_cs;
    b += ldb;
  }
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
    float* cr = c + r * ldc;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const __mmask16 mk = v == NV - 1 ? last_mask : static_cast<__mmask16>(0xFFFF);
      __m512 out = acc[r][v];
      if (accumulate) out = _mm512_add_ps(out, _mm512_maskz_loadu_ps(mk, cr + v * 16));
      if (bias) out = _mm512_add_ps(out, _mm512_maskz_loadu_ps(mk, bias + v * 16));
      _mm512_mask_storeu_ps(cr + v * 16, mk, out);
    }
  }
}

using TileFn = void (*)(int, const float*, long, long, const float*, long, float*, long, bool, const float*, __mmask16);

template <int NV, int... R>
constexpr auto make_tiles(std::integer_sequence<int, R...>) {
  return std::array<TileFn, sizeof...(R)>{&micro_tile<R + 1, NV>...};
}

// Tiles for 1..kMR rows, one to four vectors wide.
const auto kTiles1 = make_tiles<1>(std::make_integer_sequence<int, kMR>{});
const auto kTiles2 = make_tiles<2>(std::make_integer_sequence<int, kMR>{});
const auto kTiles3 = make_tiles<3>(std::make_integer_sequence<int, kMR>{});
const auto kTiles4 = make_tiles<4>(std::make_integer_sequence<int, kMR>{});

// B is packed, one k-block × 64-column panel at a time, into a contiguous kKC × 64 buffer that the
// micro-tiles of every row block then read. In place, a panel's rows sit ldb floats apart: with ldb = 256
// (a 256-wide layer) they fall into a quarter of L1's sets and evict each other, and Bᵀ would have to be
// transposed anyway. Packed, the panel (32 KiB) stays in L1 while A streams past it.
// thread_local: each worker thread keeps its own, so calls allocate nothing.
alignas(64) thread_local float t_panel[kKC * 64];

// panel[p][0 … w) = op(B)[p0 + p][j0 …] for p < kc.
void pack_panel(bool trans_b, const float* b, long ldb, int p0, int kc, int j0, int w, float* panel) {
  if (!trans_b) {
    for (int p = 0; p < kc; ++p) {
      const float* src = b + static_cast<long>(p0 + p) * ldb + j0;
      float* dst = panel + p * 64;
      int j = 0;
      for (; j + 16 <= w; j += 16) _mm512_store_ps(dst + j, _mm512_loadu_ps(src + j));
      if (j < w) {
        const __mmask16 m = static_cast<__mmask16>((1u << (w - j)) - 1u);
        _mm512_mask_storeu_ps(dst + j, m, _mm512_maskz_loadu_ps(m, src + j));
      }
    }
    return;
  }
  // op(B)[p][j] = b[j·ldb + p]: read a row of Bᵀ's source (contiguous in p), write a column of the panel.
  for (int j = 0; j < w; ++j) {
    const float* src = b + static_cast<long>(j0 + j) * ldb + p0;
    for (int p = 0; p < kc; ++p) panel[p * 64 + j] = src[p];
  }
}

void sgemm_impl(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
                float* c, int ldc, bool accumulate, const float* bias) {
  ATTEND_ASSERT(m >= 0 && n >= 0 && k >= 0, "sgemm: negative size");
  if (m == 0 || n == 0) return;
  if (k == 0) {
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) {
        float& out = c[static_cast<long>(i) * ldc + j];
        out = (accumulate ? out : 0.f) + (bias ? bias[j] : 0.f);
      }
    return;
  }
  const long a_rs = trans_a ? 1 : lda;
  const long a_cs = trans_a ? lda : 1;
  float* panel = t_panel;
  for (int p0 = 0; p0 < k; p0 += kKC) {
    const int kc = std::min(kKC, k - p0);
    const bool acc = accumulate || p0 > 0;
    for (int j = 0; j < n; j += 64) {
      const int w = std::min(64, n - j);
      const int nv = (w + 15) / 16;
      const int tail = w - (nv - 1) * 16;
      const __mmask16 mask = static_cast<__mmask16>(tail == 16 ? 0xFFFF : (1u << tail) - 1u);
      const auto& tiles = nv == 4 ? kTiles4 : nv == 3 ? kTiles3 : nv == 2 ? kTiles2 : kTiles1;
      pack_panel(trans_b, b, ldb, p0, kc, j, w, panel);
      for (int i = 0; i < m; i += kMR) {
        const int mr = std::min(kMR, m - i);
        tiles[static_cast<size_t>(mr - 1)](kc, a + i * a_rs + p0 * a_cs, a_rs, a_cs, panel, 64,
                                          c + static_cast<long>(i) * ldc + j, ldc, acc,
                                          bias && p0 == 0 ? bias + j : nullptr, mask);
      }
    }
  }
}

}  // namespace

void sgemm(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
           float* c, int ldc, bool accumulate) {
  sgemm_impl(trans_a, trans_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate, nullptr);
}

void sgemm_bias(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
                float* c, int ldc, const float* bias, bool accumulate) {
  sgemm_impl(trans_a, trans_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate, bias);
}

#else  // portable fallback

bool sgemm_is_vectorized() { return false; }

namespace {
using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using CMap = Eigen::Map<const RowMat, 0, Eigen::OuterStride<>>;
using MMap = Eigen::Map<RowMat, 0, Eigen::OuterStride<>>;
}  // namespace

void sgemm(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
           float* c, int ldc, bool accumulate) {
  if (m == 0 || n == 0) return;
  MMap C(c, m, n, Eigen::OuterStride<>(ldc));
  if (!accumulate) C.setZero();
  if (k == 0) return;
  CMap A(a, trans_a ? k : m, trans_a ? m : k, Eigen::OuterStride<>(lda));
  CMap B(b, trans_b ? n : k, trans_b ? k : n, Eigen::OuterStride<>(ldb));
  if (!trans_a && !trans_b) C.noalias() += A * B;
  else if (!trans_a && trans_b) C.noalias() += A * B.transpose();
  else if (trans_a && !trans_b) C.noalias() += A.transpose() * B;
  else C.noalias() += A.transpose() * B.transpose();
}

void sgemm_bias(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
                float* c, int ldc, const float* bias, bool accumulate) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      float& out = c[static_cast<long>(i) * ldc + j];
      out = (accumulate ? out : 0.f) + bias[j];
    }
  sgemm(trans_a, trans_b, m, n, k, a, lda, b, ldb, c, ldc, true);
}

#endif

}  // namespace attend::tensor
