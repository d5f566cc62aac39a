// Zero-, one- and few-shot in-context learning (topic 25) on a small decoder-only transformer.
//
// Every training sequence is a fresh task: a mapping f drawn at random, shown as pairs
//   x₁ f(x₁)  x₂ f(x₂)  …  x_K f(x_K)  x_{K+1} → ?
// Inputs are drawn uniformly (they may repeat). The model is trained to predict each f(xᵢ) from the pairs before
// it, so one sequence teaches the 0-shot, 1-shot, …, K-shot predictions at once. Because each sequence has a
// new mapping the weights cannot memorise any answer: what the model learns is a way to read the examples in
// its prompt. After training the weights are frozen and the accuracy on the query is measured for each number
// of examples in the prompt — no gradient step at test time.
//
// Two task families:
//   Permutation  f is a random bijection of m symbols. The answer is knowable only when the query appeared
//                among the examples (or by elimination: a permutation never reuses an output), so accuracy
//                rises with the share of inputs the prompt covers.
//   Linear       f(x) = (a·x + b) mod p with a ≠ 0, p prime. Two examples with different inputs pin down the
//                rule, after which the model can answer queries it has never seen in the prompt.
// For each, `ceiling` is the accuracy of the Bayes-optimal reader of the same prompts (exact, by enumerating
// the mappings consistent with the examples), so the chart can show how close the network gets.
//
//   IclModel m = make_icl_model(IclConfig{}, /*seed=*/1);
//   for (int i = 0; i < 1500; ++i) icl_train_step(m);
//   ShotCurve c = evaluate_shots(m);     // c.accuracy[k]: k examples in the prompt, frozen weights
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/transformer.h"
#include "core/optim/optimizer.h"
#include "core/tensor/scratch.h"
#include "core/tensor/tape.h"
#include "core/train/session.h"
#include "core/util/result.h"
#include "core/util/rng.h"

namespace attend::experiments {

enum class IclTask { Permutation, Linear };
const char* icl_task_name(IclTask t);                 // "permutation", "linear"
bool parse_icl_task(const std::string& name, IclTask* out);

struct IclConfig {
  IclTask task = IclTask::Permutation;
  int symbols = 8;        // m: inputs and outputs are 0..m-1 (a prime for Linear)
  int max_shots = 8;      // K: examples before the last query of a training sequence
  int d_model = 48;
  int heads = 2;
  int layers = 2;
  int ffn = 96;
  double lr = 3e-3;
  int batch = 32;
  int eval_sequences = 384;  // the fixed evaluation set (same sequences every time)
};
Status validate(const IclConfig& c);

// Token ids: inputs are 0..m-1, outputs m..2m-1 (so the model can tell a question from an answer).
inline int icl_vocab(const IclConfig& c) { return 2 * c.symbols; }
// Input length of a sequence: K+1 pairs, without the last answer (it is only a target).
inline int icl_seq_len(const IclConfig& c) { return 2 * c.max_shots + 1; }

// One task: f as a table (f[x] = output symbol), plus what it is in words ("x ↦ 3x+1 mod 7").
struct IclMapping {
  std::vector<int> f;
  int a = 0, b = 0;       // Linear only
};
IclMapping draw_mapping(const IclConfig& c, SplitMix64& rng);
std::string describe_mapping(const IclConfig& c, const IclMapping& f);

// B sequences laid out B×T (T = icl_seq_len). targets[b·T + 2i] = f(xᵢ) as an output token; odd positions -1.
struct IclBatch {
  int batch = 0, seq = 0;
  std::vector<int> ids, targets;
  std::vector<IclMapping> mappings;
};
void make_icl_batch(const IclConfig& c, SplitMix64& rng, int batch, IclBatch& out);

// The best possible accuracy on a query after `examples` (x, f(x)) pairs, for a mapping drawn as the task
// family draws them: the largest posterior probability of any answer. 1 when the query was shown.
double bayes_accuracy(const IclConfig& c, const std::vector<int>& xs, const std::vector<int>& ys, int query);

struct IclModel {
  IclConfig config;
  std::string error;                  // why a requested configuration was refused (the previous one kept)
  nn::DecoderLM lm;
  optim::Optimizer opt;
  SplitMix64 data_rng{1};
  IclBatch train, eval;               // eval is made once per reset, from its own seed
  tensor::Scratch<tensor::Tape> tape;
  tensor::Scratch<tensor::ParamList> params;
  int64_t steps = 0;
  double last_loss = 0;
};

IclModel make_icl_model(const IclConfig& c, uint64_t seed);
// New weights, optimizer state and data stream from `seed` (same seed, same run).
void reset(IclModel& m, uint64_t seed);
// Applies a configuration (or records why not in m.error) and re-initialises from `seed`.
void configure(IclModel& m, const IclConfig& c, uint64_t seed);
tensor::ParamList& parameters(IclModel& m);

// One AdamW update on a fresh batch; returns the mean cross-entropy over every scored answer.
double icl_train_step(IclModel& m);

// Accuracy on the query against the number of examples before it, measured on the fixed evaluation set with
// the weights frozen (no gradient, nothing updated). Index k = k examples, k = 0..K.
struct ShotCurve {
  std::vector<double> accuracy;   // the network
  std::vector<double> ceiling;    // the Bayes-optimal reader of the same prompts
  std::vector<double> loss;       // the network's cross-entropy on the answer
  double chance = 0;              // 1/m: guessing without looking at the prompt
};
ShotCurve evaluate_shots(IclModel& m);

// One prompt a learner builds: examples (x, f(x)) then a query x. The network's distribution over the m
// possible answers and, per layer and head, the query's attention over the prompt's tokens.
struct IclPrompt {
  IclMapping mapping;
  std::vector<int> xs;   // example inputs, in order
  int query = 0;
};
struct PromptReading {
  std::vector<int> tokens;                 // the prompt as token ids
  std::vector<float> probs;                // m: P(answer = y | prompt)
  int predicted = 0, answer = 0;
  double ceiling = 0;                      // bayes_accuracy of this prompt
  std::vector<std::vector<float>> attention;  // [layer·heads + head][token]: the query's attention row
};
PromptReading read_prompt(IclModel& m, const IclPrompt& p);
// A prompt with `shots` examples drawn as training draws them, from `seed`.
IclPrompt sample_prompt(const IclConfig& c, int shots, uint64_t seed);

// ---- The training session (views and lessons) ----
struct IclSnapshot {
  train::Progress progress;
  IclConfig config;
  std::string error;
  ShotCurve curve;                 // at the last evaluation (empty before the first)
  int64_t curve_step = -1;         // the step it was measured at
  IclPrompt prompt;                // the prompt the view shows, and how the network reads it now
  PromptReading reading;
  std::string mapping_text;
  size_t parameter_count = 0;
};

// The model a session owns: the network plus what the view asked to be shown.
struct IclSessionModel {
  IclModel model;
  ShotCurve curve;
  int64_t curve_step = -1;
  IclPrompt prompt;
  uint64_t prompt_seed = 1;
  int prompt_shots = 4;
};
IclSessionModel make_icl_session_model(const IclConfig& c = {});
// Metrics recorded every `evaluate_every` steps: "acc_0shot", "acc_1shot", … "acc_<K>shot", "eval_loss".
train::Session<IclSessionModel, IclSnapshot>::Hooks icl_hooks(int evaluate_every = 100);
// Hyperparameters by name: lr, batch_size. False for an unknown name.
bool set_icl_hyper(IclModel& m, const std::string& name, double value);

}  // namespace attend::experiments
