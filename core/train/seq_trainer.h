// The sequence trainer: any of the engine's sequence models (decoder-only, encoder-only, encoder–decoder
// transformer, RNN, LSTM) on a sequence task or a character-level text, with any optimizer, inside a
// training Session. Each step reads like llm.c's main: batch, forward, loss, backward, (clip), update.
//
//   train::SeqTrainerConfig cfg;                         // decoder-only transformer on reversal
//   train::Session<train::SeqModel, train::SeqSnapshot> s(train::make_seq_model(cfg), train::seq_hooks(), 1);
//   s.run();
//   auto snap = s.latest();      // loss history, attention of the probe batch, samples, gradient norms…
//   s.set("lr", 1e-3);           // hyperparameters by name (see set_seq_hyper)
//   s.post([cfg2](train::SeqModel& m) { train::configure(m, cfg2); });   // a new architecture; then s.reset()
//
// The snapshot's internals come from one forward pass of the published weights over a fixed probe batch
// (the same examples every time, so a view's heatmaps change only because the model does).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/data/char_text.h"
#include "core/data/seq_tasks.h"
#include "core/nn/attention_inspect.h"
#include "core/nn/recurrent.h"
#include "core/nn/transformer.h"
#include "core/optim/optimizer.h"
#include "core/tensor/scratch.h"
#include "core/train/session.h"
#include "core/util/result.h"
#include "core/util/rng.h"

namespace attend::train {

enum class SeqArch { Decoder, Encoder, EncoderDecoder, RNN, LSTM };
const char* arch_name(SeqArch a);   // "decoder", "encoder", "encoder-decoder", "rnn", "lstm"
bool parse_arch(const std::string& name, SeqArch* out);

struct SeqTrainerConfig {
  SeqArch arch = SeqArch::Decoder;
  data::SeqTask task;               // reverse, 8 of 10 symbols
  // Non-null and non-empty: a character-level LM on this text (decoder, RNN, LSTM). Shared, so the
  // session's checkpoints (copies of the model) do not copy the text.
  std::shared_ptr<const std::string> text;
  int text_window = 64;
  nn::TransformerConfig model;      // d_model, heads, layers, ffn, pre_ln, positional, dropout (vocab and
                                    // context are derived from the task)
  int rnn_embed = 32, rnn_hidden = 64;
  optim::Method method = optim::Method::AdamW;
  optim::Hyper hyper = default_hyper();
  bool use_schedule = false;        // else constant hyper.lr
  optim::Schedule schedule;         // base_lr follows hyper.lr
  double clip_norm = 0;             // 0: no clipping
  int batch_size = 32;
  int micro_batches = 1;            // gradient accumulation: one step = micro_batches × batch_size examples
  int probe_rows = 4;               // rows of the fixed probe batch the snapshot shows
  int eval_rows = 64;
  float temperature = 0.f;          // free-running samples in the snapshot (0: greedy)

  static optim::Hyper default_hyper() {
    optim::Hyper h;
    h.lr = 3e-3;
    h.weight_decay = 0.01;
    return h;
  }
};

// Checks a configuration before it is applied (the message says what to change).
Status validate(const SeqTrainerConfig& c);

// What one update measured (no strings: a training step allocates nothing in steady state).
struct SeqStepResult {
  double loss = 0;
  double token_accuracy = 0;   // teacher-forced, on the step's batch
  double grad_norm = 0;        // before clipping
  double lr = 0;
};

// The Session's model: the networks, optimizer, data and reusable buffers.
struct SeqModel {
  SeqTrainerConfig config;
  std::string error;                 // why the requested configuration was refused (the default ran instead)
  nn::DecoderLM decoder;
  nn::EncoderModel encoder;
  nn::Seq2Seq seq2seq;
  nn::RecurrentLM recurrent;
  std::shared_ptr<const data::CharCorpus> corpus;   // text LMs only; shared by checkpoints
  optim::Optimizer opt;
  SplitMix64 data_rng{1}, dropout_rng{2};
  data::LmBatch lm, probe_lm, eval_lm;
  data::TaggingBatch tagging, probe_tagging, eval_tagging;
  data::Seq2SeqBatch s2s, probe_s2s, eval_s2s;
  tensor::Scratch<tensor::Tape> tape;
  tensor::Scratch<tensor::ParamList> params;   // rebuilt when empty (after a copy)
  SeqStepResult last;
  std::vector<double> block_grad_norms;        // ‖dL/d(block output)‖ of the last step, per block
  std::vector<double> hidden_grad_norms;       // RNN/LSTM: ‖dL/dh_t‖ of the last step, per time step
  size_t activation_bytes = 0;                 // kept for backward by the last step
};

SeqModel make_seq_model(const SeqTrainerConfig& c);
// Applies a configuration (or records why not in m.error) and re-initialises from `seed`.
void configure(SeqModel& m, const SeqTrainerConfig& c, uint64_t seed = 0);
void reset(SeqModel& m, uint64_t seed);
tensor::ParamList& parameters(SeqModel& m);
int model_vocab(const SeqModel& m);
std::string token_label(const SeqModel& m, int id);

// One optimizer update (micro_batches forward/backward passes). Allocation-free in steady state.
SeqStepResult train_step(SeqModel& m);
// Held-out metrics: loss, teacher-forced token accuracy, and for tasks free-running exact match and BLEU.
std::vector<std::pair<std::string, double>> evaluate(SeqModel& m);
// Hyperparameters by name: lr, weight_decay, momentum, beta1, beta2, eps, rho, batch_size, micro_batches,
// clip_norm, temperature, dropout, warmup, method (index of optim::Method). False for an unknown name.
bool set_seq_hyper(SeqModel& m, const std::string& name, double value);

struct ParamInfo {
  std::string name;
  int rows = 0, cols = 0;
  double norm = 0, grad_norm = 0;
};

struct AttentionLayer {
  std::string name;        // "blocks.0.attn", "decoder.1.cross", …
  bool cross = false;
  tensor::AttentionRecord record;
  nn::AttentionInternals internals;   // input, weights, concatenated heads and output projection
};

// Every attention layer of `blocks` (self, then cross, block by block), named prefix.i.attn / prefix.i.cross,
// appended to `out` from their last forward (which must have kept internals).
void collect_attention(const std::vector<nn::TransformerBlock>& blocks, const std::string& prefix,
                       std::vector<AttentionLayer>& out);

struct SeqSnapshot {
  Progress progress;
  SeqArch arch = SeqArch::Decoder;
  std::string task;                      // "reverse", "text", …
  std::string error;
  std::vector<std::string> vocab;        // label of each token id
  // The probe batch, row by row: the model's input (for encoder–decoder the decoder input), the source
  // (encoder–decoder only), the targets (-1 = not scored) and the model's arg-max prediction per position.
  std::vector<std::vector<int>> inputs, sources, targets, predictions;
  std::vector<AttentionLayer> attention;                // every attention layer, probe batch
  std::vector<float> next_token_probs;                  // probe row 0 at its first scored position, T = 1
  std::vector<std::vector<int>> samples;                // free-running continuations of the probe prompts
  nn::RecurrentTrace recurrent;                         // RNN/LSTM: the probe's hidden states
  std::vector<double> hidden_grad_norms;                // RNN/LSTM: ‖dL/dh_t‖ of the last training step
  std::vector<double> block_grad_norms;                 // ‖dL/d(block output)‖ of the last training step
  std::vector<ParamInfo> params;
  SeqStepResult last;
  size_t activation_bytes_train = 0;                    // kept for backward by a training step
  size_t activation_bytes_inference = 0;                // kept by the probe forward without grad: 0
  size_t parameter_count = 0;
};

void publish(const SeqModel& m, SeqSnapshot& s);
Session<SeqModel, SeqSnapshot>::Hooks seq_hooks();

}  // namespace attend::train
