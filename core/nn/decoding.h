// Decoding: turning a trained sequence model into outputs.
//   Teacher forcing (training and teacher-forced evaluation) feeds the true previous tokens: that is just
//   the model's forward on a batch. Free-running decoding feeds the model's own predictions back, one token
//   at a time, which is how the model is used and where early mistakes compound.
//   Greedy decoding takes the arg-max; temperature sampling draws from softmax(logits / T) (T → 0: greedy,
//   T = 1: the model's distribution, T > 1: flatter).
//
//   std::vector<std::vector<int>> out;
//   nn::free_run(lm, tape, prompts, /*max_new=*/9, /*stop=*/data::kEos, /*temperature=*/0, nullptr, out);
#pragma once

#include <functional>
#include <vector>

#include "core/nn/recurrent.h"
#include "core/nn/transformer.h"

namespace attend::nn {

// Index drawn from softmax(logits / temperature); temperature ≤ 0 gives the arg-max (lowest id on ties).
int sample_token(const float* logits, int n, float temperature, SplitMix64* rng);
// softmax(logits / temperature) into probs (temperature ≤ 0 is treated as a one-hot arg-max).
void token_distribution(const float* logits, int n, float temperature, std::vector<float>& probs);

// Logits (B·T)×V of a causal model for ids B×T, on the given tape.
using CausalLogits = std::function<Var(Tape&, const std::vector<int>& ids, int batch, int seq)>;
CausalLogits causal_logits(DecoderLM& m);
CausalLogits causal_logits(RecurrentLM& m);

// Free-running generation for every prompt at once (a batched forward per new token, prompts of any
// lengths). Each output holds only the new tokens, up to and including `stop` (−1: never stop early), at
// most max_new of them. `context` limits the sequence fed to the model (its positional table).
void free_run(const CausalLogits& model, Tape& t, const std::vector<std::vector<int>>& prompts, int max_new, int stop,
              float temperature, SplitMix64* rng, int context, std::vector<std::vector<int>>& out);
void free_run(DecoderLM& m, Tape& t, const std::vector<std::vector<int>>& prompts, int max_new, int stop,
              float temperature, SplitMix64* rng, std::vector<std::vector<int>>& out);

// Encoder–decoder: encode once, then decode from <bos> feeding predictions back until <eos> or max_len.
// Outputs exclude <bos> and <eos>.
void free_run(Seq2Seq& m, Tape& t, const std::vector<int>& src, const std::vector<uint8_t>& src_padding, int batch,
              int src_len, int max_len, int bos, int eos, float temperature, SplitMix64* rng,
              std::vector<std::vector<int>>& out);

}  // namespace attend::nn
