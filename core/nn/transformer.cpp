#include "core/nn/transformer.h"

#include "core/util/rng.h"

namespace attend::nn {

namespace {
Init normal_init(const TransformerConfig& c) { return Init{Init::Normal, c.init_std}; }

Var maybe_dropout(Tape& t, Var x, const SeqContext& ctx, float p) {
  if (p <= 0.f || !ctx.rng) return x;
  return tensor::dropout(t, x, p, *ctx.rng, ctx.training);
}
}  // namespace

// ============================================================================================= block
TransformerBlock make_block(const std::string& name, const TransformerConfig& c, bool cross, SplitMix64& rng) {
  TransformerBlock b;
  b.pre_ln = c.pre_ln;
  b.has_cross = cross;
  b.activation = c.ffn_activation;
  b.dropout = c.dropout;
  const Init init = normal_init(c);
  b.ln1 = make_layer_norm(name + ".ln1", c.d_model);
  b.self_attn = make_attention(name + ".attn", c.d_model, c.heads, false, rng, init);
  if (cross) {
    b.ln_cross = make_layer_norm(name + ".ln_cross", c.d_model);
    b.cross_attn = make_attention(name + ".cross", c.d_model, c.heads, true, rng, init);
  }
  b.ln2 = make_layer_norm(name + ".ln2", c.d_model);
  b.fc1 = make_linear(name + ".fc1", c.d_model, c.ffn, rng, init);
  b.fc2 = make_linear(name + ".fc2", c.ffn, c.d_model, rng, init);
  return b;
}

Var forward(Tape& t, TransformerBlock& b, Var x, const SeqContext& ctx) {
  b.last = BlockTrace{};
  b.last.input = x;
  const bool drop = b.dropout > 0.f && ctx.rng && ctx.training;
  auto self_heads = [&](Var h) {
    return self_attention_heads(t, b.self_attn, h, ctx.batch, ctx.seq, ctx.causal, ctx.padding);
  };
  auto cross_heads = [&](Var h) {
    return cross_attention_heads(t, b.cross_attn, h, ctx.memory, ctx.batch, ctx.seq, ctx.memory_seq, ctx.memory_padding);
  };
  auto ffn_hidden = [&](Var h) {
    b.last.ffn_hidden = tensor::activate(t, forward(t, b.fc1, h), b.activation);
    return b.last.ffn_hidden;
  };
  // residual + branch·W + bias: fused into one op (one pass over the stream) unless dropout sits between.
  auto residual = [&](Var stream, Linear& out, Var branch) {
    if (drop) return tensor::add(t, stream, maybe_dropout(t, forward(t, out, branch), ctx, b.dropout));
    return tensor::linear_residual(t, branch, t.param(out.weight), out.has_bias ? t.param(out.bias) : Var{}, stream);
  };
  if (b.pre_ln) {
    x = residual(x, b.self_attn.proj, self_heads(forward(t, b.ln1, x)));
    b.last.after_attn = x;
    if (b.has_cross) {
      x = residual(x, b.cross_attn.proj, cross_heads(forward(t, b.ln_cross, x)));
      b.last.after_cross = x;
    }
    x = residual(x, b.fc2, ffn_hidden(forward(t, b.ln2, x)));
  } else {
    x = forward(t, b.ln1, residual(x, b.self_attn.proj, self_heads(x)));
    b.last.after_attn = x;
    if (b.has_cross) {
      x = forward(t, b.ln_cross, residual(x, b.cross_attn.proj, cross_heads(x)));
      b.last.after_cross = x;
    }
    x = forward(t, b.ln2, residual(x, b.fc2, ffn_hidden(x)));
  }
  b.last.output = x;
  return x;
}

void collect(TransformerBlock& b, ParamList& out) {
  collect(b.ln1, out);
  collect(b.self_attn, out);
  if (b.has_cross) {
    collect(b.ln_cross, out);
    collect(b.cross_attn, out);
  }
  collect(b.ln2, out);
  collect(b.fc1, out);
  collect(b.fc2, out);
}

void set_keep_internals(std::vector<TransformerBlock>& blocks, bool on) {
  for (TransformerBlock& b : blocks) {
    b.self_attn.keep_internals = on;
    b.cross_attn.keep_internals = on;
  }
}

// ======================================================================================== DecoderLM
DecoderLM make_decoder_lm(const TransformerConfig& c, uint64_t seed) {
  SplitMix64 rng(seed);
  DecoderLM m;
  m.config = c;
  m.tok = make_embedding("tok", c.vocab, c.d_model, rng, c.init_std);
  m.pos = make_positional("pos", c.positional, c.context, c.d_model, rng, c.init_std);
  for (int i = 0; i < c.layers; ++i) m.blocks.push_back(make_block("blocks." + std::to_string(i), c, false, rng));
  m.ln_f = make_layer_norm("ln_f", c.d_model);
  m.head = make_linear("head", c.d_model, c.vocab, rng, normal_init(c));
  return m;
}

Var forward(Tape& t, DecoderLM& m, const std::vector<int>& ids, int batch, int seq, bool training,
            SplitMix64* dropout_rng) {
  ATTEND_ASSERT(ids.size() == static_cast<size_t>(batch) * seq, "DecoderLM forward: ids must hold batch×seq tokens");
  ATTEND_ASSERT(seq <= m.config.context, "DecoderLM forward: sequence longer than the context");
  Var x = forward(t, m.pos, forward(t, m.tok, ids), seq);
  m.last_embedded = x;
  SeqContext ctx;
  ctx.batch = batch, ctx.seq = seq, ctx.causal = m.config.causal, ctx.training = training, ctx.rng = dropout_rng;
  for (TransformerBlock& b : m.blocks) x = forward(t, b, x, ctx);
  if (m.config.pre_ln) x = forward(t, m.ln_f, x);
  return forward(t, m.head, x);
}

void collect(DecoderLM& m, ParamList& out) {
  collect(m.tok, out);
  collect(m.pos, out);
  for (TransformerBlock& b : m.blocks) collect(b, out);
  if (m.config.pre_ln) collect(m.ln_f, out);
  collect(m.head, out);
}

// ===================================================================================== EncoderModel
EncoderModel make_encoder_model(const TransformerConfig& c, uint64_t seed) {
  SplitMix64 rng(seed);
  EncoderModel m;
  m.config = c;
  m.tok = make_embedding("tok", c.vocab, c.d_model, rng, c.init_std);
  m.pos = make_positional("pos", c.positional, c.context, c.d_model, rng, c.init_std);
  for (int i = 0; i < c.layers; ++i) m.blocks.push_back(make_block("blocks." + std::to_string(i), c, false, rng));
  m.ln_f = make_layer_norm("ln_f", c.d_model);
  m.head = make_linear("head", c.d_model, c.out_classes > 0 ? c.out_classes : c.vocab, rng, normal_init(c));
  return m;
}

Var forward(Tape& t, EncoderModel& m, const std::vector<int>& ids, const std::vector<uint8_t>* padding, int batch,
            int seq, bool training, SplitMix64* dropout_rng) {
  ATTEND_ASSERT(ids.size() == static_cast<size_t>(batch) * seq, "EncoderModel forward: ids must hold batch×seq tokens");
  ATTEND_ASSERT(seq <= m.config.context, "EncoderModel forward: sequence longer than the context");
  Var x = forward(t, m.pos, forward(t, m.tok, ids), seq);
  m.last_embedded = x;
  SeqContext ctx;
  ctx.batch = batch, ctx.seq = seq, ctx.causal = false, ctx.padding = padding;
  ctx.training = training, ctx.rng = dropout_rng;
  for (TransformerBlock& b : m.blocks) x = forward(t, b, x, ctx);
  if (m.config.pre_ln) x = forward(t, m.ln_f, x);
  return forward(t, m.head, x);
}

void collect(EncoderModel& m, ParamList& out) {
  collect(m.tok, out);
  collect(m.pos, out);
  for (TransformerBlock& b : m.blocks) collect(b, out);
  if (m.config.pre_ln) collect(m.ln_f, out);
  collect(m.head, out);
}

// ========================================================================================== Seq2Seq
Seq2Seq make_seq2seq(const TransformerConfig& c, uint64_t seed) {
  SplitMix64 rng(seed);
  Seq2Seq m;
  m.config = c;
  const int src_vocab = c.src_vocab > 0 ? c.src_vocab : c.vocab;
  m.src_tok = make_embedding("src_tok", src_vocab, c.d_model, rng, c.init_std);
  m.tgt_tok = make_embedding("tgt_tok", c.vocab, c.d_model, rng, c.init_std);
  m.src_pos = make_positional("src_pos", c.positional, c.context, c.d_model, rng, c.init_std);
  m.tgt_pos = make_positional("tgt_pos", c.positional, c.context, c.d_model, rng, c.init_std);
  for (int i = 0; i < c.layers; ++i) m.encoder.push_back(make_block("encoder." + std::to_string(i), c, false, rng));
  const int dec = c.decoder_layers > 0 ? c.decoder_layers : c.layers;
  for (int i = 0; i < dec; ++i) m.decoder.push_back(make_block("decoder." + std::to_string(i), c, true, rng));
  m.enc_ln = make_layer_norm("enc_ln", c.d_model);
  m.dec_ln = make_layer_norm("dec_ln", c.d_model);
  m.head = make_linear("head", c.d_model, c.vocab, rng, normal_init(c));
  return m;
}

Var encode(Tape& t, Seq2Seq& m, const std::vector<int>& src, const std::vector<uint8_t>* src_padding, int batch,
           int src_len, bool training, SplitMix64* dropout_rng) {
  ATTEND_ASSERT(src.size() == static_cast<size_t>(batch) * src_len, "Seq2Seq encode: src must hold batch×src_len tokens");
  ATTEND_ASSERT(src_len <= m.config.context, "Seq2Seq encode: source longer than the context");
  Var x = forward(t, m.src_pos, forward(t, m.src_tok, src), src_len);
  SeqContext ctx;
  ctx.batch = batch, ctx.seq = src_len, ctx.causal = false, ctx.padding = src_padding;
  ctx.training = training, ctx.rng = dropout_rng;
  for (TransformerBlock& b : m.encoder) x = forward(t, b, x, ctx);
  if (m.config.pre_ln) x = forward(t, m.enc_ln, x);
  m.last_memory = x;
  return x;
}

Var decode(Tape& t, Seq2Seq& m, Var memory, const std::vector<uint8_t>* src_padding, const std::vector<int>& tgt_in,
           int batch, int src_len, int tgt_len, bool training, SplitMix64* dropout_rng) {
  ATTEND_ASSERT(tgt_in.size() == static_cast<size_t>(batch) * tgt_len, "Seq2Seq decode: tgt_in must hold batch×tgt_len tokens");
  ATTEND_ASSERT(tgt_len <= m.config.context, "Seq2Seq decode: target longer than the context");
  Var x = forward(t, m.tgt_pos, forward(t, m.tgt_tok, tgt_in), tgt_len);
  SeqContext ctx;
  ctx.batch = batch, ctx.seq = tgt_len, ctx.causal = m.config.causal;
  ctx.memory = memory, ctx.memory_seq = src_len, ctx.memory_padding = src_padding;
  ctx.training = training, ctx.rng = dropout_rng;
  for (TransformerBlock& b : m.decoder) x = forward(t, b, x, ctx);
  if (m.config.pre_ln) x = forward(t, m.dec_ln, x);
  return forward(t, m.head, x);
}

Var forward(Tape& t, Seq2Seq& m, const std::vector<int>& src, const std::vector<uint8_t>* src_padding,
            const std::vector<int>& tgt_in, int batch, int src_len, int tgt_len, bool training,
            SplitMix64* dropout_rng) {
  Var memory = encode(t, m, src, src_padding, batch, src_len, training, dropout_rng);
  return decode(t, m, memory, src_padding, tgt_in, batch, src_len, tgt_len, training, dropout_rng);
}

void collect(Seq2Seq& m, ParamList& out) {
  collect(m.src_tok, out);
  collect(m.tgt_tok, out);
  collect(m.src_pos, out);
  collect(m.tgt_pos, out);
  for (TransformerBlock& b : m.encoder) collect(b, out);
  if (m.config.pre_ln) collect(m.enc_ln, out);
  for (TransformerBlock& b : m.decoder) collect(b, out);
  if (m.config.pre_ln) collect(m.dec_ln, out);
  collect(m.head, out);
}

}  // namespace attend::nn
