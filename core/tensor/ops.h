// Tape ops: each takes tape Vars, appends one node and returns its output Var; its backward lives right
// below its forward in ops_*.cpp. Shapes are written rows×cols; sequences are (B·T)×d with row b·T + t.
//
//   Var h = gelu(t, linear(t, x, t.param(fc1.weight), t.param(fc1.bias)));   // (B·T)×ffn
//   Var loss = cross_entropy(t, logits, targets);                             // 1×1, ignores target -1
//
// Every op here has a finite-difference gradient check in tests/core/tensor. The fused ops (layer norm,
// batch norm, softmax cross-entropy, attention in attention_op.h) have hand-written backward passes.
#pragma once

#include <cstdint>
#include <vector>

#include "core/tensor/tape.h"

namespace attend {
struct SplitMix64;
}

namespace attend::tensor {

// ---- Linear algebra ----
Var matmul(Tape& t, Var a, Var b);                 // (n×k)·(k×m) → n×m
Var linear(Tape& t, Var x, Var w, Var b);          // x·w + b: x n×in, w in×out, b 1×out (b may be invalid)
// residual + x·w + b in one pass (a transformer's residual connection around its output projection).
Var linear_residual(Tape& t, Var x, Var w, Var b, Var residual);
// Batched product over `batch` stacked blocks: a (batch·n)×k, b (batch·k)×m → (batch·n)×m;
// with transpose_b, b is (batch·m)×k and each block of b is used transposed.
Var bmm(Tape& t, Var a, Var b, int batch, bool transpose_b);

// ---- Elementwise ----
Var add(Tape& t, Var a, Var b);                    // same shape, or b 1×cols broadcast over rows
Var sub(Tape& t, Var a, Var b);                    // same shape
Var mul(Tape& t, Var a, Var b);                    // same shape, elementwise
Var scale(Tape& t, Var a, float s);
Var add_scalar(Tape& t, Var a, float s);
Var relu(Tape& t, Var x);
Var tanh(Tape& t, Var x);
Var sigmoid(Tape& t, Var x);
Var gelu(Tape& t, Var x);                          // exact: x·Φ(x)
Var exp(Tape& t, Var x);
Var log(Tape& t, Var x);                           // of positive inputs
Var square(Tape& t, Var x);

enum class Activation { Linear, ReLU, Tanh, Sigmoid, GELU };
const char* activation_name(Activation a);
bool parse_activation(const char* name, Activation* out);   // case-insensitive
Var activate(Tape& t, Var x, Activation a);

// ---- Reductions ----
Var sum(Tape& t, Var x);                           // 1×1
Var mean(Tape& t, Var x);                          // 1×1
Var sum_rows(Tape& t, Var x);                      // 1×cols: the sum over rows (a bias gradient's shape)
Var sum_cols(Tape& t, Var x);                      // rows×1

// ---- Softmax family and losses ----
Var softmax(Tape& t, Var x);                       // row-wise
Var log_softmax(Tape& t, Var x);                   // row-wise
// Mean cross-entropy of row-wise softmax(logits) against class ids; rows whose target is `ignore` do not
// count. Fused: the backward is softmax − one-hot, scaled by 1/count.
Var cross_entropy(Tape& t, Var logits, const std::vector<int>& targets, int ignore = -1);
Var mse(Tape& t, Var pred, Var target);            // mean of (pred − target)²
Var l1_penalty(Tape& t, Var w);                    // Σ|w| (subgradient 0 at 0)
Var l2_penalty(Tape& t, Var w);                    // ½Σw²

// ---- Masking ----
// Where mask is nonzero, the output is `value` (e.g. -inf) and no gradient flows. The mask is
// mask_rows×cols and tiles down the rows of x (x.rows must be a multiple), so one T×T causal mask serves
// every (batch, head) block of a (B·H·T)×T score matrix.
Var masked_fill(Tape& t, Var x, const std::vector<uint8_t>& mask, int mask_rows, float value);
// An upper-triangular (j > i) T×T mask, for masked_fill.
void causal_mask(int seq, std::vector<uint8_t>& out);

// ---- Shape ----
Var slice_cols(Tape& t, Var x, int start, int count);
Var concat_cols(Tape& t, Var a, Var b);
Var slice_rows(Tape& t, Var x, int start, int count);
Var split_heads(Tape& t, Var x, int batch, int seq, int heads);  // (B·T)×(H·dh) → (B·H·T)×dh
Var merge_heads(Tape& t, Var x, int batch, int seq, int heads);  // (B·H·T)×dh → (B·T)×(H·dh)
Var step_rows(Tape& t, Var x, int batch, int seq, int step);     // rows b·T + step of (B·T)×d → B×d
Var stack_steps(Tape& t, const Var* steps, int count);           // count of B×d → (B·count)×d, row b·count + s

// ---- Embeddings, positions, dropout ----
Var embedding(Tape& t, Var table, const std::vector<int>& ids);  // table V×d, ids n → n×d
// out[b·T + s] = x[b·T + s] + table[s] for s < seq: learned positions (a parameter) or sinusoidal (constant).
Var add_positions(Tape& t, Var x, Var table, int seq);
// Inverted dropout: zero with probability p, scale the rest by 1/(1−p); identity when !training or p = 0.
Var dropout(Tape& t, Var x, float p, SplitMix64& rng, bool training);

// ---- Normalisation (fused) ----
// Over each row's features: y = (x − mean)/√(var + eps)·γ + β, γ and β 1×d. Biased variance (as torch).
Var layer_norm(Tape& t, Var x, Var gamma, Var beta, float eps = 1e-5f);
// Over each column across the batch. Training: batch statistics, and running stats are updated with
// `momentum` (running = (1−m)·running + m·batch, unbiased variance, as torch). Eval: running statistics.
Var batch_norm(Tape& t, Var x, Var gamma, Var beta, Tensor& running_mean, Tensor& running_var, bool training,
               float momentum = 0.1f, float eps = 1e-5f);

}  // namespace attend::tensor
