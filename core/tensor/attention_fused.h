// The per-(batch item, head) kernels of the attention op (attention_op.cpp): scores, causal mask, softmax and
// the product with V in one pass over L1-resident data, and the matching backward. Internal to core/tensor.
//
// Why: at a transformer's head shapes (T = 32 queries and keys, 16-wide heads) a general matrix product per
// head spends most of its time on call overhead and on packing Kᵀ, and a causal row i only needs keys 0…i.
// These kernels transpose K (and V, for the backward) once per head into a small buffer, stop every key
// loop at the row's causal limit, and keep 8 query rows (or 8 keys) in flight so the FMA chains overlap.
//
// The arithmetic is that of the sgemm path it replaces, term for term in the same order (the terms it
// skips are exact zeros), so both give the same numbers; the tests check it against that path.
#pragma once

#include <cstddef>

namespace attend::tensor::detail {

// Whether the kernels handle heads of width dh (whole 16-float vectors).
inline bool fused_attention_supports(int dh) { return dh > 0 && dh % 16 == 0; }

// Padded width of a key row: tk rounded up to whole vectors.
inline int fused_attention_tk_padded(int tk) { return (tk + 15) / 16 * 16; }

// Floats of scratch fused_head_forward / fused_head_backward need.
size_t fused_forward_scratch(int tq, int tk, int dh);
size_t fused_backward_scratch(int tq, int tk, int dh);

struct FusedHead {
  int tq = 0, tk = 0, dh = 0;
  float scale = 1;
  bool causal = false;        // key j > query i + (tk − tq) is masked
  const float* mask = nullptr;  // tq × tk_padded additive mask (0 or −inf; −inf in the padding columns)
  const float* q = nullptr;
  const float* k = nullptr;
  const float* v = nullptr;
  long ldq = 0, ldk = 0, ldv = 0;
};

// P (tq×tk, leading dimension tk) = softmax(Q·Kᵀ·scale + mask) per row (a fully masked row gives zeros);
// O (tq×dh, leading dimension ldo) = P·V.
void fused_head_forward(const FusedHead& h, float* P, float* O, long ldo, float* scratch);

// Given P from the forward and dO (tq×dh, leading dimension ldo): dQ, dK, dV (each may be null), written
// (or, with accumulate, added) in place with their own leading dimensions.
void fused_head_backward(const FusedHead& h, const float* P, const float* dO, long ldo, float* dQ, long lddq,
                         float* dK, long lddk, float* dV, long lddv, bool accumulate, float* scratch);

}  // namespace attend::tensor::detail
