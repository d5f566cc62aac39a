#include "core/nn/attention.h"

namespace attend::nn {

MultiHeadAttention make_attention(const std::string& name, int d_model, int heads, bool cross, SplitMix64& rng,
                                  Init init) {
  ATTEND_ASSERT(heads > 0 && d_model % heads == 0, "make_attention: d_model must be a multiple of heads");
  MultiHeadAttention a;
  a.d_model = d_model;
  a.heads = heads;
  a.cross = cross;
  if (cross) {
    a.q = make_linear(name + ".q", d_model, d_model, rng, init);
    a.kv = make_linear(name + ".kv", d_model, 2 * d_model, rng, init);
  } else {
    a.qkv = make_linear(name + ".qkv", d_model, 3 * d_model, rng, init);
  }
  a.proj = make_linear(name + ".proj", d_model, d_model, rng, init);
  return a;
}

Var self_attention(Tape& t, MultiHeadAttention& a, Var x, int batch, int seq, bool causal,
                   const std::vector<uint8_t>* padding) {
  return forward(t, a.proj, self_attention_heads(t, a, x, batch, seq, causal, padding));
}

Var cross_attention(Tape& t, MultiHeadAttention& a, Var x, Var memory, int batch, int tq, int tk,
                    const std::vector<uint8_t>* memory_padding) {
  return forward(t, a.proj, cross_attention_heads(t, a, x, memory, batch, tq, tk, memory_padding));
}

Var self_attention_heads(Tape& t, MultiHeadAttention& a, Var x, int batch, int seq, bool causal,
                         const std::vector<uint8_t>* padding) {
  ATTEND_ASSERT(!a.cross, "self_attention: this layer was made for cross-attention");
  Var qkv = forward(t, a.qkv, x);
  tensor::AttentionArgs args;
  args.q = args.k = args.v = qkv;
  args.q_col = 0;
  args.k_col = a.d_model;
  args.v_col = 2 * a.d_model;
  args.batch = batch;
  args.tq = args.tk = seq;
  args.heads = a.heads;
  args.dh = a.d_model / a.heads;
  args.causal = causal;
  args.key_padding = padding;
  a.last_context = tensor::attention(t, args, a.keep_internals ? &a.last : nullptr);
  if (a.keep_internals) {
    a.last_input = t.value(x);
    a.last_memory.resize(0, 0);
    a.last_concat = t.value(a.last_context);
  }
  return a.last_context;
}

Var cross_attention_heads(Tape& t, MultiHeadAttention& a, Var x, Var memory, int batch, int tq, int tk,
                          const std::vector<uint8_t>* memory_padding) {
  ATTEND_ASSERT(a.cross, "cross_attention: this layer was made for self-attention");
  Var q = forward(t, a.q, x);
  Var kv = forward(t, a.kv, memory);
  tensor::AttentionArgs args;
  args.q = q;
  args.k = args.v = kv;
  args.k_col = 0;
  args.v_col = a.d_model;
  args.batch = batch;
  args.tq = tq;
  args.tk = tk;
  args.heads = a.heads;
  args.dh = a.d_model / a.heads;
  args.key_padding = memory_padding;
  a.last_context = tensor::attention(t, args, a.keep_internals ? &a.last : nullptr);
  if (a.keep_internals) {
    a.last_input = t.value(x);
    a.last_memory = t.value(memory);
    a.last_concat = t.value(a.last_context);
  }
  return a.last_context;
}

void collect(MultiHeadAttention& a, ParamList& out) {
  if (a.cross) {
    collect(a.q, out);
    collect(a.kv, out);
  } else {
    collect(a.qkv, out);
  }
  collect(a.proj, out);
}

}  // namespace attend::nn
