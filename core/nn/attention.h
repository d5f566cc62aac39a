// Multi-head attention as a layer: the projections around the fused attention op, for self-attention
// (one d→3d projection whose columns are q, k, v in that order; head h uses columns h·dh… of each) and
// cross-attention (q from the decoder, d→d; k and v from the encoder's memory, d→2d).
//
// `last` holds the internals of the most recent forward (per head Q, K, V, raw, scaled and masked scores,
// weights; see tensor::AttentionRecord) when keep_internals is on, so a view can show exactly what the
// model computed on the batch it just saw.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/layers.h"
#include "core/tensor/attention_op.h"

namespace attend::nn {

struct MultiHeadAttention {
  int d_model = 0, heads = 1;
  bool cross = false;
  Linear qkv;       // self: d → 3d
  Linear q, kv;     // cross: d → d and d → 2d
  Linear proj;      // d → d, applied to the concatenated heads
  bool keep_internals = true;
  tensor::AttentionRecord last;
  Var last_context; // the concatenated heads before proj, on the tape of the last forward
  // With keep_internals, copies from the last forward (the attention lab's stage view): the input the
  // projections read (B·Tq)×d, the encoder memory (B·Tk)×d for cross-attention, and the concatenated heads
  // (B·Tq)×d before `proj`.
  tensor::Tensor last_input, last_memory, last_concat;
};

MultiHeadAttention make_attention(const std::string& name, int d_model, int heads, bool cross, SplitMix64& rng,
                                  Init init = {});
// x (B·T)×d → (B·T)×d. `padding` (B×T flags, may be null) masks padded keys.
Var self_attention(Tape& t, MultiHeadAttention& a, Var x, int batch, int seq, bool causal,
                   const std::vector<uint8_t>* padding = nullptr);
// x (B·Tq)×d attends to memory (B·Tk)×d. `memory_padding` (B×Tk flags, may be null).
Var cross_attention(Tape& t, MultiHeadAttention& a, Var x, Var memory, int batch, int tq, int tk,
                    const std::vector<uint8_t>* memory_padding = nullptr);
// The same without the output projection: the concatenated heads (B·T)×d, for callers that fuse the
// projection with a residual connection (tensor::linear_residual).
Var self_attention_heads(Tape& t, MultiHeadAttention& a, Var x, int batch, int seq, bool causal,
                         const std::vector<uint8_t>* padding = nullptr);
Var cross_attention_heads(Tape& t, MultiHeadAttention& a, Var x, Var memory, int batch, int tq, int tk,
                          const std::vector<uint8_t>* memory_padding = nullptr);
void collect(MultiHeadAttention& a, ParamList& out);

}  // namespace attend::nn
