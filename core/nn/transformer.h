// Transformer blocks and the three model families the lessons compare:
//   DecoderLM     decoder-only, causal (GPT-style): next-token logits at every position
//   EncoderModel  encoder-only, bidirectional (BERT-style): a class per position, padding mask
//   Seq2Seq       encoder–decoder: the decoder's blocks add cross-attention to the encoder's output
//
// A block is pre-LN (x += attn(LN(x)); x += ffn(LN(x)), plus a final LN before the head) or post-LN
// (x = LN(x + attn(x)); x = LN(x + ffn(x))). Every model keeps the internals of its last forward: each
// block's attention records (per head Q, K, V, scores, weights) and the tape Vars of its residual stream
// (`BlockTrace`), whose values and gradients a trainer copies into a snapshot after backward.
//
//   nn::TransformerConfig c;             // the reference: vocab 64, d 64, 4 heads, 2 layers, ffn 256
//   nn::DecoderLM lm = nn::make_decoder_lm(c, /*seed=*/0);
//   Var logits = nn::forward(tape, lm, ids, /*batch=*/32, /*seq=*/32);   // (32·32)×64
#pragma once

#include <cstdint>
#include <vector>

#include "core/nn/attention.h"
#include "core/nn/layers.h"

namespace attend::nn {

struct TransformerConfig {
  int vocab = 64;           // token vocabulary (the decoder's, for Seq2Seq)
  int src_vocab = 0;        // Seq2Seq source vocabulary; 0 = vocab
  int out_classes = 0;      // EncoderModel classes per position; 0 = vocab
  int d_model = 64;
  int heads = 4;
  int layers = 2;           // blocks (the encoder's, for Seq2Seq)
  int decoder_layers = 0;   // Seq2Seq decoder blocks; 0 = layers
  int ffn = 256;
  int context = 32;         // longest sequence (positional table size)
  bool pre_ln = true;
  PositionalEncoding::Kind positional = PositionalEncoding::Kind::Learned;
  Activation ffn_activation = Activation::GELU;
  float dropout = 0.f;
  float init_std = 0.02f;   // N(0, std) for every Linear and Embedding weight; biases 0, LayerNorm 1/0
  // Decoder self-attention masks future keys. false lets each position see the whole sequence: in training
  // the next token is then in plain sight (the "future leak" the masking lesson shows), while generation,
  // where the future does not exist yet, fails.
  bool causal = true;
};

// Tape Vars of one block's last forward (valid on the tape that ran it, until that tape is reset): the
// residual stream entering the block, after self-attention, after cross-attention, the FFN's hidden
// activation and the block's output.
struct BlockTrace {
  Var input, after_attn, after_cross, ffn_hidden, output;
};

struct TransformerBlock {
  bool pre_ln = true;
  bool has_cross = false;
  LayerNorm ln1, ln2, ln_cross;
  MultiHeadAttention self_attn, cross_attn;
  Linear fc1, fc2;
  Activation activation = Activation::GELU;
  float dropout = 0.f;
  BlockTrace last;
};

// What a block needs to know about the batch it is run on.
struct SeqContext {
  int batch = 1, seq = 1;
  bool causal = false;
  const std::vector<uint8_t>* padding = nullptr;          // B×seq, 1 = padding key
  Var memory;                                             // cross-attention: encoder output (B·memory_seq)×d
  int memory_seq = 0;
  const std::vector<uint8_t>* memory_padding = nullptr;   // B×memory_seq
  bool training = true;
  SplitMix64* rng = nullptr;                              // dropout; null: no dropout
};

TransformerBlock make_block(const std::string& name, const TransformerConfig& c, bool cross, SplitMix64& rng);
Var forward(Tape& t, TransformerBlock& b, Var x, const SeqContext& ctx);
void collect(TransformerBlock& b, ParamList& out);

// ---- Decoder-only language model ----
struct DecoderLM {
  TransformerConfig config;
  Embedding tok;
  PositionalEncoding pos;
  std::vector<TransformerBlock> blocks;
  LayerNorm ln_f;           // pre-LN only
  Linear head;              // d → vocab, untied
  Var last_embedded;        // token + position embedding of the last forward
};
DecoderLM make_decoder_lm(const TransformerConfig& c, uint64_t seed);
// ids: B×seq row-major. Returns (B·seq)×vocab logits.
Var forward(Tape& t, DecoderLM& m, const std::vector<int>& ids, int batch, int seq, bool training = true,
            SplitMix64* dropout_rng = nullptr);
void collect(DecoderLM& m, ParamList& out);

// ---- Encoder-only (bidirectional) model ----
struct EncoderModel {
  TransformerConfig config;
  Embedding tok;
  PositionalEncoding pos;
  std::vector<TransformerBlock> blocks;
  LayerNorm ln_f;
  Linear head;              // d → out_classes
  Var last_embedded;
};
EncoderModel make_encoder_model(const TransformerConfig& c, uint64_t seed);
Var forward(Tape& t, EncoderModel& m, const std::vector<int>& ids, const std::vector<uint8_t>* padding, int batch,
            int seq, bool training = true, SplitMix64* dropout_rng = nullptr);
void collect(EncoderModel& m, ParamList& out);

// ---- Encoder–decoder ----
struct Seq2Seq {
  TransformerConfig config;
  Embedding src_tok, tgt_tok;
  PositionalEncoding src_pos, tgt_pos;
  std::vector<TransformerBlock> encoder, decoder;
  LayerNorm enc_ln, dec_ln;
  Linear head;
  Var last_memory;
};
Seq2Seq make_seq2seq(const TransformerConfig& c, uint64_t seed);
// Encoder output (B·src_len)×d.
Var encode(Tape& t, Seq2Seq& m, const std::vector<int>& src, const std::vector<uint8_t>* src_padding, int batch,
           int src_len, bool training = true, SplitMix64* dropout_rng = nullptr);
// Decoder logits (B·tgt_len)×vocab for decoder inputs tgt_in (B×tgt_len; BOS first), given the memory.
Var decode(Tape& t, Seq2Seq& m, Var memory, const std::vector<uint8_t>* src_padding, const std::vector<int>& tgt_in,
           int batch, int src_len, int tgt_len, bool training = true, SplitMix64* dropout_rng = nullptr);
Var forward(Tape& t, Seq2Seq& m, const std::vector<int>& src, const std::vector<uint8_t>* src_padding,
            const std::vector<int>& tgt_in, int batch, int src_len, int tgt_len, bool training = true,
            SplitMix64* dropout_rng = nullptr);
void collect(Seq2Seq& m, ParamList& out);

// Turns every attention layer's internals recording on or off (off saves copying in timed loops).
void set_keep_internals(std::vector<TransformerBlock>& blocks, bool on);

}  // namespace attend::nn
