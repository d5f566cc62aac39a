#include "core/tensor/attention_fused.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/tensor/simd.h"

namespace attend::tensor::detail {

namespace {

using simd::F16;
constexpr int L = simd::kLanes;
constexpr int kRows = 8;  // query rows (or keys) per block: 8 independent FMA chains hide the FMA latency
constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// a·b + c with one rounding, as sgemm's kernel computes it (the vector-extension form may or may not fuse).
inline F16 fmadd(F16 a, F16 b, F16 c) {
#if defined(__AVX512F__)
  return _mm512_fmadd_ps(a, b, c);
#else
  return a * b + c;
#endif
}

// A vector of x (a broadcast load; the FMAs below take it as an embedded {1to16} operand).
inline F16 bcast(const float* x) {
#if defined(__AVX512F__)
  return _mm512_set1_ps(*x);
#else
  return simd::splat(*x);
#endif
}

// The largest lane, as a tree of shuffles (simd::hsum's shape).
inline float hmax(F16 v) {
  using simd::F4;
  using simd::F8;
  const F8 lo = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7);
  const F8 hi = __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
  const F8 a = lo > hi ? lo : hi;
  const F4 alo = __builtin_shufflevector(a, a, 0, 1, 2, 3), ahi = __builtin_shufflevector(a, a, 4, 5, 6, 7);
  const F4 b = alo > ahi ? alo : ahi;
  return std::max(std::max(b[0], b[1]), std::max(b[2], b[3]));
}

// Keys query i may see: 0 … key_limit − 1.
inline int key_limit(const FusedHead& h, int i) {
  return h.causal ? std::clamp(i + h.tk - h.tq + 1, 0, h.tk) : h.tk;
}
// The first query that may see key j.
inline int first_query(const FusedHead& h, int j) { return h.causal ? std::max(0, j - (h.tk - h.tq)) : 0; }
inline int vectors(int n) { return (n + L - 1) / L; }

// dst (dh × ldt) = transpose of src (rows × dh, leading dimension ld); columns rows … ldt − 1 are zero.
void transpose_head(const float* src, long ld, int rows, int dh, float* dst, int ldt) {
  for (int d = 0; d < dh; ++d) {
    float* out = dst + static_cast<long>(d) * ldt;
    for (int j = 0; j < rows; ++j) out[j] = src[static_cast<long>(j) * ld + d];
    std::fill(out + rows, out + ldt, 0.f);
  }
}

// out[r][0 … 16·nv) = Σ_d a[r][d] · bt[d][…] for R rows of a; bt is dh × ldb (a transposed K or V).
template <int R>
void rows_times(const float* a, long lda, int dh, const float* bt, int ldb, int nv, float* out, int ldo) {
  for (int v = 0; v < nv; ++v) {
    F16 acc[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) acc[r] = simd::splat(0.f);
    for (int d = 0; d < dh; ++d) {
      const F16 b = simd::load(bt + static_cast<long>(d) * ldb + v * L);
#pragma GCC unroll 8
      for (int r = 0; r < R; ++r) acc[r] = fmadd(bcast(a + r * lda + d), b, acc[r]);
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) simd::store(out + static_cast<long>(r) * ldo + v * L, acc[r]);
  }
}

// out[r][c] (= or +=) Σ_{s0 ≤ s < s1} w[r·wr + s·ws] · m[s][c] for R rows and every column c < dh. With
// (wr, ws) = (ld, 1) the weights are rows (P·V, dS·K); with (1, ld) columns (Pᵀ·dO, dSᵀ·Q).
template <int R>
void weighted_rows(const float* w, long wr, long ws, int s0, int s1, const float* m, long ldm, int dh, float* out,
                   long ldout, bool accumulate) {
  for (int c = 0; c < dh; c += L) {
    F16 acc[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) acc[r] = simd::splat(0.f);
    for (int s = s0; s < s1; ++s) {
      const F16 mv = simd::load(m + s * ldm + c);
      const float* ws_ = w + s * ws;
#pragma GCC unroll 8
      for (int r = 0; r < R; ++r) acc[r] = fmadd(bcast(ws_ + r * wr), mv, acc[r]);
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
      float* o = out + r * ldout + c;
      simd::store(o, accumulate ? acc[r] + simd::load(o) : acc[r]);
    }
  }
}

// r[from … to) = 0, both multiples of 16 (a store or two; std::fill would call memset).
inline void zero_vectors(float* r, int from, int to) {
  for (int j = from; j < to; j += L) simd::store(r + j, simd::splat(0.f));
}

template <class F>
void by_blocks(int n, F f) {
  for (int i = 0; i < n;) {
    const int r = n - i >= kRows ? kRows : 1;
    f(i, r);
    i += r;
  }
}

// r[0 … tkp) = softmax(r·scale + mask) over the first `lim` keys, zeros after; a fully masked row is zeros.
// The same arithmetic as attention_op.cpp's softmax_row (the skipped vectors hold only masked keys).
void softmax_padded(float* r, const float* mask, int lim, int tkp, float scale) {
  const int nv = vectors(lim);
  F16 vmax = simd::splat(kNegInf);
  for (int v = 0; v < nv; ++v) {
    const F16 x = simd::load(r + v * L) * scale + simd::load(mask + v * L);
    simd::store(r + v * L, x);
    vmax = simd::max(vmax, x);
  }
  const float mx = hmax(vmax);
  if (mx == kNegInf) {
    zero_vectors(r, 0, tkp);
    return;
  }
  F16 vsum = simd::splat(0.f);
  for (int v = 0; v < nv; ++v) {
    const F16 e = simd::exp(simd::load(r + v * L) - mx);
    simd::store(r + v * L, e);
    vsum += e;
  }
  const float inv = 1.f / simd::hsum(vsum);
  for (int v = 0; v < nv; ++v) simd::store(r + v * L, simd::load(r + v * L) * inv);
  zero_vectors(r, nv * L, tkp);
}

}  // namespace

size_t fused_forward_scratch(int, int tk, int dh) {
  const size_t tkp = static_cast<size_t>(fused_attention_tk_padded(tk));
  return tkp * static_cast<size_t>(dh) + tkp * kRows;
}

size_t fused_backward_scratch(int tq, int tk, int dh) {
  const size_t tkp = static_cast<size_t>(fused_attention_tk_padded(tk));
  return tkp * static_cast<size_t>(dh) + tkp * static_cast<size_t>(tq) + tkp;
}

void fused_head_forward(const FusedHead& h, float* P, float* O, long ldo, float* scratch) {
  const int tkp = fused_attention_tk_padded(h.tk);
  const bool direct = tkp == h.tk;                      // P's rows are whole vectors: work in place
  float* kt = scratch;                                  // Kᵀ: dh × tkp
  transpose_head(h.k, h.ldk, h.tk, h.dh, kt, tkp);
  by_blocks(h.tq, [&](int i0, int rows) {
    const int lim = key_limit(h, i0 + rows - 1);         // the block's last row sees the most keys
    const float* q = h.q + i0 * h.ldq;
    // One block's scores, then weights: kRows × tkp (P itself when its rows are whole vectors)
    float* sc = direct ? P + static_cast<long>(i0) * tkp : kt + static_cast<long>(h.dh) * tkp;
    if (rows == kRows) rows_times<kRows>(q, h.ldq, h.dh, kt, tkp, vectors(lim), sc, tkp);
    else rows_times<1>(q, h.ldq, h.dh, kt, tkp, vectors(lim), sc, tkp);
    for (int r = 0; r < rows; ++r) {
      const int i = i0 + r;
      float* row = sc + static_cast<long>(r) * tkp;
      softmax_padded(row, h.mask + static_cast<long>(i) * tkp, key_limit(h, i), tkp, h.scale);
      if (!direct) std::memcpy(P + static_cast<long>(i) * h.tk, row, sizeof(float) * static_cast<size_t>(h.tk));
    }
    // Rows that see fewer keys than the block's last have zero weights there: exact zero terms.
    float* o = O + i0 * ldo;
    if (rows == kRows) weighted_rows<kRows>(sc, tkp, 1, 0, lim, h.v, h.ldv, h.dh, o, ldo, false);
    else weighted_rows<1>(sc, tkp, 1, 0, lim, h.v, h.ldv, h.dh, o, ldo, false);
  });
}

void fused_head_backward(const FusedHead& h, const float* P, const float* dO, long ldo, float* dQ, long lddq,
                         float* dK, long lddk, float* dV, long lddv, bool accumulate, float* scratch) {
  const int tkp = fused_attention_tk_padded(h.tk);
  float* vt = scratch;                                  // Vᵀ: dh × tkp
  float* ds = vt + static_cast<long>(h.dh) * tkp;       // dP, then dS: tq × tkp, zero past each row's keys
  float* prow = ds + static_cast<long>(h.tq) * tkp;     // one row of P, padded: tkp
  transpose_head(h.v, h.ldv, h.tk, h.dh, vt, tkp);
  std::fill(prow, prow + tkp, 0.f);
  by_blocks(h.tq, [&](int i0, int rows) {
    const int lim = key_limit(h, i0 + rows - 1);
    const int nv = vectors(lim);
    float* d = ds + static_cast<long>(i0) * tkp;
    // dP = dO·Vᵀ
    if (rows == kRows) rows_times<kRows>(dO + i0 * ldo, ldo, h.dh, vt, tkp, nv, d, tkp);
    else rows_times<1>(dO + i0 * ldo, ldo, h.dh, vt, tkp, nv, d, tkp);
    // dS = P ∘ (dP − Σ_j dP∘P) · scale (attention_op.cpp's softmax_backward_row)
    for (int r = 0; r < rows; ++r) {
      float* dr = d + static_cast<long>(r) * tkp;
      const float* pr = P + static_cast<long>(i0 + r) * h.tk;
      if (h.tk != tkp) {  // a padded copy, so whole vectors read zeros past the last key
        std::memcpy(prow, pr, sizeof(float) * static_cast<size_t>(h.tk));
        pr = prow;
      }
      F16 vdot = simd::splat(0.f);
      for (int v = 0; v < nv; ++v) vdot += simd::load(dr + v * L) * simd::load(pr + v * L);
      const float dot = simd::hsum(vdot);
      for (int v = 0; v < nv; ++v)
        simd::store(dr + v * L, simd::load(pr + v * L) * (simd::load(dr + v * L) - dot) * h.scale);
      zero_vectors(dr, nv * L, tkp);
    }
    // dQ = dS·K
    if (dQ) {
      float* o = dQ + i0 * lddq;
      if (rows == kRows) weighted_rows<kRows>(d, tkp, 1, 0, lim, h.k, h.ldk, h.dh, o, lddq, accumulate);
      else weighted_rows<1>(d, tkp, 1, 0, lim, h.k, h.ldk, h.dh, o, lddq, accumulate);
    }
  });
  // dV = Pᵀ·dO and dK = dSᵀ·Q, a block of keys at a time; queries before the block's first viewer add zeros.
  by_blocks(h.tk, [&](int j0, int keys) {
    const int s0 = first_query(h, j0);
    if (dV) {
      float* o = dV + j0 * lddv;
      if (keys == kRows) weighted_rows<kRows>(P + j0, 1, h.tk, s0, h.tq, dO, ldo, h.dh, o, lddv, accumulate);
      else weighted_rows<1>(P + j0, 1, h.tk, s0, h.tq, dO, ldo, h.dh, o, lddv, accumulate);
    }
    if (dK) {
      float* o = dK + j0 * lddk;
      if (keys == kRows) weighted_rows<kRows>(ds + j0, 1, tkp, s0, h.tq, h.q, h.ldq, h.dh, o, lddk, accumulate);
      else weighted_rows<1>(ds + j0, 1, tkp, s0, h.tq, h.q, h.ldq, h.dh, o, lddk, accumulate);
    }
  });
}

}  // namespace attend::tensor::detail
