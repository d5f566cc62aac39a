// Reading attention layers the way the attention lab shows them.
//
// Stage by stage: `capture_internals` gathers, from a layer's last forward, everything between the input and
// the output projection that the op's record (tensor::AttentionRecord: per-head Q, K, V, scores, weights,
// mask) does not hold: the input X the projections read, the weights split into W_Q, W_K, W_V (head h owns
// columns h·dh…h·dh+dh−1 of each), the concatenated heads and the output projection applied to them.
//
// Where heads look: `head_focus` measures how much of each query's attention lands on the key that a task
// makes meaningful (the mirrored position in reversal, the token to predict next, the previous token…),
// averaged over the probe batch's scored queries, one number per head. Lessons wait on these numbers
// ("pause when a head looks at the mirrored position") and the model view prints them under each head.
//
//   nn::AttentionInternals in;
//   nn::capture_internals(block.self_attn, in);          // after a forward with keep_internals on
//   nn::FocusContext fc = ...;                           // the probe's tokens and targets
//   std::vector<double> mirror = nn::head_focus(block.self_attn.last, fc, nn::FocusPattern::Mirror);
#pragma once

#include <string>
#include <vector>

#include "core/nn/attention.h"

namespace attend::nn {

struct AttentionInternals {
  int d_model = 0;
  tensor::Tensor input;           // (B·Tq)×d: what the projections read (LN(x) in a pre-LN block)
  tensor::Tensor memory;          // cross-attention: (B·Tk)×d encoder output; empty for self-attention
  tensor::Tensor w_q, w_k, w_v;   // d×d: Q = X·W_Q + b_Q, K and V alike (from the memory for cross)
  tensor::Tensor b_q, b_k, b_v;   // 1×d
  tensor::Tensor concat;          // (B·Tq)×d: every head's weighted sum of V, side by side
  tensor::Tensor w_o, b_o;        // d×d, 1×d
  tensor::Tensor output;          // (B·Tq)×d: concat·W_O + b_O, what the layer adds to the residual stream
};

// Fills `out` from a layer whose keep_internals was on during its last forward (empty tensors otherwise).
void capture_internals(const MultiHeadAttention& a, AttentionInternals& out);

// One query's weighted sum of values, Σ_j w_ij·v_j (dh numbers), from a record: what head h of batch row b
// hands on for query i. Equal to the head's block of the concatenated output.
std::vector<float> weighted_value_sum(const tensor::AttentionRecord& r, int b, int h, int i);

// ---- Where heads look ----

enum class FocusPattern {
  Mirror,     // reversal: the key holding the token to predict next (the mirrored source position)
  Target,     // any source key holding the token to predict next (copy, sort, reversal)
  Previous,   // the key just before the query
  Self,       // the query's own position
  First,      // the first key
  Separator,  // the separator between source and answer
  Aligned,    // digits→words cross-attention: the digit whose word the predicted letter belongs to
};
constexpr int kFocusPatterns = 7;
const char* focus_name(FocusPattern p);   // "mirror", "target", "previous", "self", "first", "separator", "aligned"
bool parse_focus(const std::string& name, FocusPattern* out);

// The probe batch as the focus patterns need it, row by row.
struct FocusContext {
  std::vector<std::vector<int>> keys;     // key tokens: the input (self-attention) or the source (cross)
  std::vector<std::vector<int>> targets;  // per query position, the token to predict there (-1: not scored)
  int separator = -1;                     // the separator's id in `keys` (-1: none)
  int padding = 0;                        // keys holding this id are padding
  int space = -1;                         // Aligned: the id of the space between words in the targets
};

// Per head: the mean, over rows and scored queries where the pattern names a key, of the attention weight
// on that key (on all such keys for Target). 0 where no query qualifies.
std::vector<double> head_focus(const tensor::AttentionRecord& r, const FocusContext& c, FocusPattern p);
// Per head: the mean entropy of its scored rows divided by the log of the number of keys each row may see
// (1: spread evenly, 0: all on one key).
std::vector<double> head_entropy(const tensor::AttentionRecord& r, const FocusContext& c);

// The key(s) pattern `p` names for query i of row b (empty when none): what head_focus sums over. The
// view uses it to outline the expected cell.
std::vector<int> focus_keys(const FocusContext& c, FocusPattern p, int b, int i, int tk);

}  // namespace attend::nn
