// Fused multi-head scaled dot-product attention with a hand-written backward, and the record of its
// internals that the attention lab draws.
//
// For each batch item b and head h (Q, K, V are that head's dh-wide column blocks):
//   raw    = Q·Kᵀ                      tq×tk
//   scaled = raw · scale               (scale = 1/√dh unless given)
//   masked = scaled, with −inf where the key is in the future (causal) or is padding
//   P      = softmax(masked) per row   (a fully masked row gives zeros)
//   out    = P·V                       written into columns h·dh… of a (B·tq)×(H·dh) output
//
// Q, K and V are read in place from column offsets of their inputs, so the fused qkv projection of a
// self-attention layer ((B·T)×3d) feeds this op without a copy, and cross-attention reads Q from the
// decoder and K, V from the encoder's (B·S)×2d projection.
//
// With a record, the forward also copies per head Q, K, V, the raw, scaled and masked scores and the
// weights: the attention lab's numbers are those of the real forward pass, never a second pass.
#pragma once

#include <cstdint>
#include <vector>

#include "core/tensor/tape.h"

namespace attend::tensor {

struct AttentionRecord {
  int batch = 0, heads = 0, tq = 0, tk = 0, dh = 0;
  float scale = 0;
  bool causal = false;
  // [b][h][t][dh], row-major
  std::vector<float> q, k, v;
  // [b][h][i][j]: query i, key j. masked_scores holds -inf where masked.
  std::vector<float> raw_scores, scaled_scores, masked_scores, weights;
  // [b][i][j]: 1 where query i may not see key j (the overlay the view draws).
  std::vector<uint8_t> mask;

  size_t score_index(int b, int h, int i, int j) const {
    return ((static_cast<size_t>(b) * heads + h) * tq + i) * tk + j;
  }
  size_t qkv_index(int b, int h, int t, int d, int len) const {
    return ((static_cast<size_t>(b) * heads + h) * len + t) * dh + d;
  }
  float weight(int b, int h, int i, int j) const { return weights[score_index(b, h, i, j)]; }
};

struct AttentionArgs {
  Var q, k, v;                      // may all be the same Var (a fused qkv projection)
  int q_col = 0, k_col = 0, v_col = 0;  // first column of head 0 in each
  int batch = 1, tq = 1, tk = 1, heads = 1, dh = 1;
  bool causal = false;              // key j > query i + (tk − tq) is masked
  const std::vector<uint8_t>* key_padding = nullptr;  // batch×tk, 1 = padding (never attended to)
  float scale = 0;                  // 0: 1/√dh
  // Tests only: take the per-head sgemm path even where the fused kernels (attention_fused.h, heads of
  // 16·k columns, no record) apply, so the two can be compared.
  bool unfused = false;
};

// Output (B·tq)×(H·dh). `record` (may be null) receives the internals of this forward.
Var attention(Tape& t, const AttentionArgs& args, AttentionRecord* record = nullptr);

}  // namespace attend::tensor
