#include "core/tensor/attention_op.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/tensor/attention_fused.h"
#include "core/tensor/fast_math.h"
#include "core/tensor/gemm.h"
#include "core/tensor/op_util.h"
#include "core/tensor/simd.h"

namespace attend::tensor {

using namespace detail;

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Attribute layout in Node::i: batch, tq, tk, heads, dh, q_col, k_col, v_col; f[0] = scale, f[1] = causal,
// f[2] = fused kernels used. ints = key padding (batch×tk) or empty. cache[0] = weights [b][h][tq][tk];
// cache[1] = backward scratch; cache[2] = forward scratch (one batch item's additive mask, kernel scratch).
struct Dims {
  int batch, tq, tk, heads, dh, q_col, k_col, v_col;
  float scale;
  bool causal;
};

Dims dims_of(const Node& n) {
  return Dims{n.i[0], n.i[1], n.i[2], n.i[3], n.i[4], n.i[5], n.i[6], n.i[7], n.f[0], n.f[1] != 0.f};
}

inline bool is_masked(const Dims& d, const int* pad, int b, int i, int j) {
  if (d.causal && j > i + (d.tk - d.tq)) return true;
  return pad && pad[b * d.tk + j] != 0;
}

// The additive mask of batch item b: 0 where query i may see key j, −inf where not (tq rows of ld ≥ tk
// floats; columns tk … ld − 1 are −inf).
void additive_mask(const Dims& d, const int* pad, int b, float* out, int ld) {
  for (int i = 0; i < d.tq; ++i) {
    for (int j = 0; j < d.tk; ++j) out[i * ld + j] = is_masked(d, pad, b, i, j) ? kNegInf : 0.f;
    for (int j = d.tk; j < ld; ++j) out[i * ld + j] = kNegInf;
  }
}

detail::FusedHead fused_head(const Dims& d, const Tensor& qv, const Tensor& kv, const Tensor& vv, int b, int h) {
  detail::FusedHead f;
  f.tq = d.tq, f.tk = d.tk, f.dh = d.dh, f.scale = d.scale, f.causal = d.causal;
  f.ldq = qv.cols, f.ldk = kv.cols, f.ldv = vv.cols;
  f.q = qv.ptr() + static_cast<long>(b) * d.tq * f.ldq + d.q_col + h * d.dh;
  f.k = kv.ptr() + static_cast<long>(b) * d.tk * f.ldk + d.k_col + h * d.dh;
  f.v = vv.ptr() + static_cast<long>(b) * d.tk * f.ldv + d.v_col + h * d.dh;
  return f;
}

// r = softmax(r·scale + mask) over n entries; a row with every entry masked becomes zeros.
void softmax_row(float* r, const float* mask, int n, float scale) {
  using simd::F16;
  constexpr int L = simd::kLanes;
  const int nv = n / L * L;
  F16 vmax = simd::splat(kNegInf);
  for (int j = 0; j < nv; j += L) {
    const F16 v = simd::load(r + j) * scale + simd::load(mask + j);
    simd::store(r + j, v);
    vmax = simd::max(vmax, v);
  }
  float mx = kNegInf;
  for (int j = 0; j < L; ++j) mx = std::max(mx, vmax[j]);
  for (int j = nv; j < n; ++j) {
    r[j] = r[j] * scale + mask[j];
    mx = std::max(mx, r[j]);
  }
  if (mx == kNegInf) {
    std::fill(r, r + n, 0.f);
    return;
  }
  F16 vsum = simd::splat(0.f);
  for (int j = 0; j < nv; j += L) {
    const F16 e = simd::exp(simd::load(r + j) - mx);
    simd::store(r + j, e);
    vsum += e;
  }
  float sum = simd::hsum(vsum);
  for (int j = nv; j < n; ++j) {
    r[j] = fm::exp(r[j] - mx);
    sum += r[j];
  }
  const float inv = 1.f / sum;
  for (int j = 0; j < nv; j += L) simd::store(r + j, simd::load(r + j) * inv);
  for (int j = nv; j < n; ++j) r[j] *= inv;
}

// dS = P ∘ (dP − Σ_j dP∘P) · scale, in place over dP.
void softmax_backward_row(float* r, const float* p, int n, float scale) {
  using simd::F16;
  constexpr int L = simd::kLanes;
  const int nv = n / L * L;
  F16 vdot = simd::splat(0.f);
  for (int j = 0; j < nv; j += L) vdot += simd::load(r + j) * simd::load(p + j);
  float dot = simd::hsum(vdot);
  for (int j = nv; j < n; ++j) dot += r[j] * p[j];
  for (int j = 0; j < nv; j += L) simd::store(r + j, simd::load(p + j) * (simd::load(r + j) - dot) * scale);
  for (int j = nv; j < n; ++j) r[j] = p[j] * (r[j] - dot) * scale;
}

void attention_backward(Tape& t, Node& n) {
  const Dims d = dims_of(n);
  const Tensor& qv = t.value(n.in[0]);
  const Tensor& kv = t.value(n.in[1]);
  const Tensor& vv = t.value(n.in[2]);
  const Tensor& g = n.grad;  // (B·tq)×(H·dh)
  const Tensor& P = n.cache[0];
  Tensor& scratch = n.cache[1];
  scratch.resize(d.tq, d.tk);

  // When q, k and v are one fused projection whose gradient nobody has written yet and whose columns they
  // tile exactly, every element is written once: assign. Otherwise zero on first use and add.
  Tensor* gq = nullptr;
  Tensor* gk = nullptr;
  Tensor* gv = nullptr;
  bool acc = true;
  const int width = d.heads * d.dh;
  const bool fused = n.in[0] == n.in[1] && n.in[1] == n.in[2] && qv.cols == 3 * width && d.q_col == 0 &&
                     d.k_col == width && d.v_col == 2 * width;
  if (fused) {
    bool assign = false;
    gq = gk = gv = t.grad_target(n.in[0], &assign);
    acc = !assign;
  } else {
    gq = t.grad_accum(n.in[0]);
    gk = t.grad_accum(n.in[1]);
    gv = t.grad_accum(n.in[2]);
  }
  const long ldq = qv.cols, ldk = kv.cols, ldv = vv.cols, ldo = g.cols;
  if (n.f[2] != 0.f) {
    scratch.resize(1, static_cast<int>(detail::fused_backward_scratch(d.tq, d.tk, d.dh)));
    for (int b = 0; b < d.batch; ++b)
      for (int h = 0; h < d.heads; ++h) {
        const long col = static_cast<long>(h) * d.dh;
        detail::fused_head_backward(
            fused_head(d, qv, kv, vv, b, h), P.ptr() + (static_cast<long>(b) * d.heads + h) * d.tq * d.tk,
            g.ptr() + static_cast<long>(b) * d.tq * ldo + col, ldo,
            gq ? gq->ptr() + static_cast<long>(b) * d.tq * ldq + d.q_col + col : nullptr, ldq,
            gk ? gk->ptr() + static_cast<long>(b) * d.tk * ldk + d.k_col + col : nullptr, ldk,
            gv ? gv->ptr() + static_cast<long>(b) * d.tk * ldv + d.v_col + col : nullptr, ldv, acc, scratch.ptr());
      }
    return;
  }
  float* dS = scratch.ptr();
  for (int b = 0; b < d.batch; ++b)
    for (int h = 0; h < d.heads; ++h) {
      const float* Q = qv.ptr() + static_cast<long>(b) * d.tq * ldq + d.q_col + h * d.dh;
      const float* K = kv.ptr() + static_cast<long>(b) * d.tk * ldk + d.k_col + h * d.dh;
      const float* V = vv.ptr() + static_cast<long>(b) * d.tk * ldv + d.v_col + h * d.dh;
      const float* dO = g.ptr() + static_cast<long>(b) * d.tq * ldo + h * d.dh;
      const float* Pbh = P.ptr() + (static_cast<long>(b) * d.heads + h) * d.tq * d.tk;
      // dP = dO·Vᵀ
      sgemm(false, true, d.tq, d.tk, d.dh, dO, static_cast<int>(ldo), V, static_cast<int>(ldv), dS, d.tk, false);
      // dV (+)= Pᵀ·dO
      if (gv)
        sgemm(true, false, d.tk, d.dh, d.tq, Pbh, d.tk, dO, static_cast<int>(ldo),
              gv->ptr() + static_cast<long>(b) * d.tk * ldv + d.v_col + h * d.dh, static_cast<int>(ldv), acc);
      // dS = P ∘ (dP − Σ_j dP∘P) · scale (masked entries have P = 0 and get no gradient)
      for (int i = 0; i < d.tq; ++i)
        softmax_backward_row(dS + static_cast<long>(i) * d.tk, Pbh + static_cast<long>(i) * d.tk, d.tk, d.scale);
      // dQ (+)= dS·K,  dK (+)= dSᵀ·Q
      if (gq)
        sgemm(false, false, d.tq, d.dh, d.tk, dS, d.tk, K, static_cast<int>(ldk),
              gq->ptr() + static_cast<long>(b) * d.tq * ldq + d.q_col + h * d.dh, static_cast<int>(ldq), acc);
      if (gk)
        sgemm(true, false, d.tk, d.dh, d.tq, dS, d.tk, Q, static_cast<int>(ldq),
              gk->ptr() + static_cast<long>(b) * d.tk * ldk + d.k_col + h * d.dh, static_cast<int>(ldk), acc);
    }
}

}  // namespace

Var attention(Tape& t, const AttentionArgs& a, AttentionRecord* record) {
  const Tensor& qv = t.value(a.q);
  const Tensor& kv = t.value(a.k);
  const Tensor& vv = t.value(a.v);
  const int width = a.heads * a.dh;
  ATTEND_ASSERT(a.batch > 0 && a.tq > 0 && a.tk > 0 && a.heads > 0 && a.dh > 0, "attention: empty dimensions");
  ATTEND_ASSERT(qv.rows == a.batch * a.tq && a.q_col + width <= qv.cols, "attention: q must be (B·tq)×(≥ q_col + H·dh)");
  ATTEND_ASSERT(kv.rows == a.batch * a.tk && a.k_col + width <= kv.cols, "attention: k must be (B·tk)×(≥ k_col + H·dh)");
  ATTEND_ASSERT(vv.rows == a.batch * a.tk && a.v_col + width <= vv.cols, "attention: v must be (B·tk)×(≥ v_col + H·dh)");
  ATTEND_ASSERT(!a.key_padding || a.key_padding->size() == static_cast<size_t>(a.batch) * a.tk,
                "attention: key_padding must hold batch×tk flags");
  Node& n = new_node(t, "attention", attention_backward, {a.q, a.k, a.v}, a.batch * a.tq, width);
  n.i[0] = a.batch, n.i[1] = a.tq, n.i[2] = a.tk, n.i[3] = a.heads, n.i[4] = a.dh;
  n.i[5] = a.q_col, n.i[6] = a.k_col, n.i[7] = a.v_col;
  n.f[0] = a.scale > 0 ? a.scale : 1.f / std::sqrt(static_cast<float>(a.dh));
  n.f[1] = a.causal ? 1.f : 0.f;
  const bool fused = !record && !a.unfused && detail::fused_attention_supports(a.dh);
  n.f[2] = fused ? 1.f : 0.f;
  if (a.key_padding) n.ints.assign(a.key_padding->begin(), a.key_padding->end());
  else n.ints.clear();
  const Dims d = dims_of(n);
  const int* pad = a.key_padding ? n.ints.data() : nullptr;

  // The weights are the backward's cache; without grad one head's worth of scratch is enough.
  const bool keep = n.needs_grad;
  Tensor& P = keep ? Tape::use_cache(n, 0, a.batch * a.heads * a.tq, a.tk) : n.cache[0];
  if (!keep) P.resize(a.tq, a.tk);

  if (record) {
    record->batch = a.batch, record->heads = a.heads, record->tq = a.tq, record->tk = a.tk, record->dh = a.dh;
    record->scale = d.scale;
    record->causal = a.causal;
    const size_t nq = static_cast<size_t>(a.batch) * a.heads * a.tq * a.dh;
    const size_t nk = static_cast<size_t>(a.batch) * a.heads * a.tk * a.dh;
    const size_t ns = static_cast<size_t>(a.batch) * a.heads * a.tq * a.tk;
    record->q.resize(nq), record->k.resize(nk), record->v.resize(nk);
    record->raw_scores.resize(ns), record->scaled_scores.resize(ns), record->masked_scores.resize(ns);
    record->weights.resize(ns);
    record->mask.resize(static_cast<size_t>(a.batch) * a.tq * a.tk);
    for (int b = 0; b < a.batch; ++b)
      for (int i = 0; i < a.tq; ++i)
        for (int j = 0; j < a.tk; ++j)
          record->mask[(static_cast<size_t>(b) * a.tq + i) * a.tk + j] = is_masked(d, pad, b, i, j) ? 1 : 0;
  }

  const long ldq = qv.cols, ldk = kv.cols, ldv = vv.cols, ldo = width;
  Tensor& mask = n.cache[2];  // one batch item's additive mask, shared by its heads (scratch, not counted)
  if (fused) {
    // The mask's rows padded to whole vectors, then the kernel's scratch.
    const int tkp = detail::fused_attention_tk_padded(a.tk);
    mask.resize(1, static_cast<int>(static_cast<size_t>(a.tq) * tkp + detail::fused_forward_scratch(a.tq, a.tk, a.dh)));
    float* scratch = mask.ptr() + static_cast<long>(a.tq) * tkp;
    for (int b = 0; b < a.batch; ++b) {
      additive_mask(d, pad, b, mask.ptr(), tkp);
      for (int h = 0; h < a.heads; ++h) {
        detail::FusedHead f = fused_head(d, qv, kv, vv, b, h);
        f.mask = mask.ptr();
        float* S = keep ? P.ptr() + (static_cast<long>(b) * a.heads + h) * a.tq * a.tk : P.ptr();
        detail::fused_head_forward(f, S, n.value.ptr() + static_cast<long>(b) * a.tq * ldo + h * a.dh, ldo, scratch);
      }
    }
    return Var{n.id};
  }
  mask.resize(a.tq, a.tk);
  for (int b = 0; b < a.batch; ++b) {
    additive_mask(d, pad, b, mask.ptr(), a.tk);
    for (int h = 0; h < a.heads; ++h) {
      const float* Q = qv.ptr() + static_cast<long>(b) * a.tq * ldq + a.q_col + h * a.dh;
      const float* K = kv.ptr() + static_cast<long>(b) * a.tk * ldk + a.k_col + h * a.dh;
      const float* V = vv.ptr() + static_cast<long>(b) * a.tk * ldv + a.v_col + h * a.dh;
      float* S = keep ? P.ptr() + (static_cast<long>(b) * a.heads + h) * a.tq * a.tk : P.ptr();
      sgemm(false, true, a.tq, a.tk, a.dh, Q, static_cast<int>(ldq), K, static_cast<int>(ldk), S, a.tk, false);
      if (record) {
        const size_t at = record->score_index(b, h, 0, 0);
        const size_t count = static_cast<size_t>(a.tq) * a.tk;
        std::memcpy(record->raw_scores.data() + at, S, sizeof(float) * count);
        for (size_t e = 0; e < count; ++e) {
          record->scaled_scores[at + e] = S[e] * d.scale;
          record->masked_scores[at + e] = record->scaled_scores[at + e] + mask.data[e];
        }
        for (int i = 0; i < a.tq; ++i)
          for (int dd = 0; dd < a.dh; ++dd)
            record->q[record->qkv_index(b, h, i, dd, a.tq)] = Q[static_cast<long>(i) * ldq + dd];
        for (int j = 0; j < a.tk; ++j)
          for (int dd = 0; dd < a.dh; ++dd) {
            record->k[record->qkv_index(b, h, j, dd, a.tk)] = K[static_cast<long>(j) * ldk + dd];
            record->v[record->qkv_index(b, h, j, dd, a.tk)] = V[static_cast<long>(j) * ldv + dd];
          }
      }
      for (int i = 0; i < a.tq; ++i)
        softmax_row(S + static_cast<long>(i) * a.tk, mask.ptr() + static_cast<long>(i) * a.tk, a.tk, d.scale);
      if (record)
        std::memcpy(record->weights.data() + record->score_index(b, h, 0, 0), S, sizeof(float) * a.tq * a.tk);
      sgemm(false, false, a.tq, a.dh, a.tk, S, a.tk, V, static_cast<int>(ldv),
            n.value.ptr() + static_cast<long>(b) * a.tq * ldo + h * a.dh, static_cast<int>(ldo), false);
    }
  }
  return Var{n.id};
}

}  // namespace attend::tensor
