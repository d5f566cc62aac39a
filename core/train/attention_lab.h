// The attention lab's training session: the engine's sequence trainer (seq_trainer.h) wrapped with what the
// lab shows beside it, all computed on the worker thread from the published weights so the view only draws.
//
//   - Settings by name: task (copy, reverse, sort, digits→words, a text), model family, layers, heads,
//     d_model, length, positional encoding, causal mask. They travel through Session::set (so each archived
//     run is labelled with them) and re-initialise the model from the run's seed; "causal" alone flips the
//     mask on the live weights (the future-leak demonstration: training accuracy jumps, generation fails).
//   - Per attention layer: where each head looks (nn::head_focus for every pattern) and how spread its rows
//     are; for the encoder–decoder, the attention of the free-running pass beside the teacher-forced one.
//   - The person's own input: parsed with a clear message, run through the model (prompt, generated answer,
//     every layer's attention; for a text LM the next-token logits and a sampled continuation).
//   - Recurrence vs attention: ‖∂L/∂(state at t)‖ of the last answer token's loss against the distance to t
//     (hidden states for an RNN/LSTM, the embedded inputs for a transformer), and accuracy by answer position.
//   - The model's positional table and the cosine similarity of its rows.
//
//   train::LabSettings s;                                  // 2-layer, 4-head decoder on reversal
//   train::Session<train::LabModel, train::LabSnapshot> lab(train::make_lab_model(s), train::lab_hooks());
//   lab.run();
//   lab.reset(1); lab.set("positional", 0);                // a fresh run without positions
//   lab.post([](train::LabModel& m) { m.input.text = "abcdefgh"; });
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/nn/attention_inspect.h"
#include "core/train/seq_trainer.h"

namespace attend::train {

enum class LabTask { Copy, Reverse, Sort, Digits, Text };
constexpr int kLabTasks = 5;
const char* lab_task_name(LabTask t);   // "copy", "reverse", "sort", "digits", "text"
bool parse_lab_task(const std::string& name, LabTask* out);

struct LabSettings {
  LabTask task = LabTask::Reverse;
  SeqArch arch = SeqArch::Decoder;
  int layers = 2, heads = 4, d_model = 64;
  int length = 8;                  // source length (tasks: digits for digits→words) or the text window
  bool variable_length = false;    // sources from length/2 to length long: shorter ones are padded
  int symbols = 10;                // letters a… of copy, reverse and sort
  nn::PositionalEncoding::Kind positional = nn::PositionalEncoding::Kind::Learned;
  bool causal = true;              // decoder self-attention masks the future
  int rnn_hidden = 64;
  std::shared_ptr<const std::string> text;   // the text LM's text
  std::string text_name;                     // where it came from, for labels
};

// Defaults that suit a task: digits→words is an encoder–decoder on 1–3 digits, a text a decoder with a
// 48-character window; other fields keep their values from `from`.
LabSettings settings_for_task(const LabSettings& from, LabTask task);
SeqTrainerConfig to_config(const LabSettings& s);
Status validate(const LabSettings& s);

// Applies one setting by name (task, arch, layers, heads, d_model, length, variable_length, symbols,
// positional, causal, rnn_hidden) with the value a Session::set carries (an index for task, arch and
// positional: see the enums; 0/1 for flags). False for an unknown name; an invalid value leaves `s` as it
// was and says why in `error`.
bool apply_setting(LabSettings& s, const std::string& name, double value, std::string* error);
// The settings by name as apply_setting takes them, for labels and queries.
std::vector<std::pair<std::string, double>> setting_values(const LabSettings& s);

// The person's own input.
struct LabInput {
  std::string text;          // a task's symbols ("cfbaegh", "c f b a", "307") or any text for a text LM
  float temperature = 1.f;   // sampling temperature of the text LM's continuation
};

struct LabInputResult {
  std::string text;
  std::string error;                         // why the text could not be read (empty: fine)
  std::string note;                          // e.g. characters skipped because the text never uses them
  std::vector<int> tokens;                   // what the model read: prompt and generated answer
  std::vector<int> source;                   // encoder–decoder: the source
  int prompt_len = 0;                        // tokens given (the rest were generated)
  std::vector<int> predictions;              // arg-max at each position (teacher-forced over `tokens`)
  std::vector<AttentionLayer> attention;     // batch of one
  std::vector<float> next_logits;            // LM: logits at the last position
  std::vector<int> continuation;             // text LM: sampled continuation at `temperature`
  std::vector<int> answer;                   // tasks: the expected answer, when the input is a valid source
};

// Where each head of one attention layer looks: one value per head for every pattern, and row entropy.
struct LayerFocus {
  std::array<std::vector<double>, nn::kFocusPatterns> pattern;
  std::vector<double> entropy;
};

struct LabModel {
  LabSettings settings;
  SeqModel seq;
  uint64_t seed = 0;
  std::string error;                         // the last setting that could not be applied
  LabInput input;
  std::vector<double> position_accuracy;     // per answer position, teacher-forced, at the last evaluation
};

struct LabSnapshot {
  Progress progress;
  LabSettings settings;
  SeqSnapshot seq;                           // the engine's snapshot: probe batch, attention, samples…
  std::string error;
  std::vector<LayerFocus> focus;             // parallel to seq.attention
  nn::FocusContext self_context, cross_context;   // the probe as the focus patterns read it
  // Encoder–decoder: one teacher-forced pass over the free-running outputs (<bos> + generated), i.e. what
  // the decoder attended to while it generated; inputs row by row.
  std::vector<AttentionLayer> free_attention;
  std::vector<std::vector<int>> free_inputs;
  LabInputResult input;
  std::vector<double> grad_by_distance;      // index k: ‖∂L_last/∂state_{t−k}‖, summed over the probe rows
  std::string grad_what;                     // "hidden state h" or "embedded input x"
  std::vector<double> position_accuracy;
  tensor::Tensor positions;                  // the positional table the model adds (context × d); empty: none
  std::vector<float> position_similarity;    // cosine similarity of its rows, context × context
};

LabModel make_lab_model(const LabSettings& s);
Session<LabModel, LabSnapshot>::Hooks lab_hooks();

// Applies a Session::set name to the model: a lab setting (re-initialises from m.seed unless the settings
// come out unchanged; "causal" flips the mask on the current weights) or an optimizer hyperparameter
// (set_seq_hyper).
bool lab_set(LabModel& m, const std::string& name, double value);
void lab_publish(const LabModel& m, LabSnapshot& s);
std::vector<std::pair<std::string, double>> lab_evaluate(LabModel& m);

// Reads the person's text into source token ids for the model's task (ids of the task's symbols, without
// specials), or an error naming the first character it does not know and the ones it does.
Result<std::vector<int>> parse_task_input(const data::SeqTask& task, const std::string& text);
LabInputResult run_input(const SeqModel& m, const LabInput& input);

// The gradient reaching each earlier position from the loss of the last answer token of each probe row.
std::vector<double> gradient_by_distance(const SeqModel& m, std::string* what);
// Teacher-forced accuracy at each answer position of the held-out batch (LM layout: position after the
// separator; tagging and seq2seq: target position).
std::vector<double> accuracy_by_position(SeqModel& m);

// A text for the character LM: "licenses" (the GPL from /usr/share/common-licenses), "lessons" (the lesson
// files), or a path to any UTF-8 text file. Errors name the path.
Result<std::string> load_lab_text(const std::string& name);

}  // namespace attend::train
