#include "core/experiments/in_context.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/nn/decoding.h"
#include "core/tensor/ops.h"

namespace attend::experiments {

const char* icl_task_name(IclTask t) { return t == IclTask::Permutation ? "permutation" : "linear"; }

bool parse_icl_task(const std::string& name, IclTask* out) {
  if (name == "permutation") *out = IclTask::Permutation;
  else if (name == "linear") *out = IclTask::Linear;
  else return false;
  return true;
}

namespace {

bool is_prime(int p) {
  if (p < 2) return false;
  for (int d = 2; d * d <= p; ++d)
    if (p % d == 0) return false;
  return true;
}

int mod(int a, int p) { return ((a % p) + p) % p; }

}  // namespace

Status validate(const IclConfig& c) {
  if (c.symbols < 2 || c.symbols > 32) return make_error("in-context: symbols must be 2 to 32, not " + std::to_string(c.symbols));
  if (c.task == IclTask::Linear && !is_prime(c.symbols))
    return make_error("in-context: the linear task needs a prime number of symbols (5, 7, 11…), not " +
                      std::to_string(c.symbols));
  if (c.max_shots < 1 || c.max_shots > 16) return make_error("in-context: max_shots must be 1 to 16");
  if (c.d_model < 4 || c.heads < 1 || c.d_model % c.heads != 0)
    return make_error("in-context: d_model must be a multiple of heads");
  if (c.layers < 1 || c.layers > 4) return make_error("in-context: layers must be 1 to 4");
  if (c.ffn < 1) return make_error("in-context: ffn must be positive");
  if (!(c.lr > 0) || c.batch < 1 || c.eval_sequences < 1) return make_error("in-context: lr, batch and eval_sequences must be positive");
  return Ok{};
}

// ============================================================================================ tasks

IclMapping draw_mapping(const IclConfig& c, SplitMix64& rng) {
  IclMapping f;
  const int m = c.symbols;
  f.f.resize(static_cast<size_t>(m));
  if (c.task == IclTask::Permutation) {
    for (int i = 0; i < m; ++i) f.f[static_cast<size_t>(i)] = i;
    for (int i = m - 1; i > 0; --i) std::swap(f.f[static_cast<size_t>(i)], f.f[rng.below(static_cast<uint64_t>(i) + 1)]);
  } else {
    f.a = 1 + static_cast<int>(rng.below(static_cast<uint64_t>(m - 1)));
    f.b = static_cast<int>(rng.below(static_cast<uint64_t>(m)));
    for (int x = 0; x < m; ++x) f.f[static_cast<size_t>(x)] = mod(f.a * x + f.b, m);
  }
  return f;
}

std::string describe_mapping(const IclConfig& c, const IclMapping& f) {
  char buf[64];
  if (c.task == IclTask::Linear) {
    std::snprintf(buf, sizeof buf, "f(x) = %dx + %d mod %d", f.a, f.b, c.symbols);
    return buf;
  }
  std::string s = "f = (";
  for (size_t x = 0; x < f.f.size(); ++x) s += (x ? " " : "") + std::to_string(f.f[x]);
  return s + ")";
}

void make_icl_batch(const IclConfig& c, SplitMix64& rng, int batch, IclBatch& out) {
  const int T = icl_seq_len(c), m = c.symbols;
  out.batch = batch;
  out.seq = T;
  out.ids.assign(static_cast<size_t>(batch) * T, 0);
  out.targets.assign(static_cast<size_t>(batch) * T, -1);
  out.mappings.resize(static_cast<size_t>(batch));
  for (int b = 0; b < batch; ++b) {
    IclMapping& f = out.mappings[static_cast<size_t>(b)];
    f = draw_mapping(c, rng);
    int* ids = &out.ids[static_cast<size_t>(b) * T];
    int* tg = &out.targets[static_cast<size_t>(b) * T];
    for (int i = 0; i <= c.max_shots; ++i) {
      const int x = static_cast<int>(rng.below(static_cast<uint64_t>(m)));
      const int y = m + f.f[static_cast<size_t>(x)];
      ids[2 * i] = x;
      tg[2 * i] = y;
      if (2 * i + 1 < T) ids[2 * i + 1] = y;
    }
  }
}

double bayes_accuracy(const IclConfig& c, const std::vector<int>& xs, const std::vector<int>& ys, int query) {
  const int m = c.symbols;
  for (size_t i = 0; i < xs.size(); ++i)
    if (xs[i] == query) return 1.0;
  if (c.task == IclTask::Permutation) {
    // Every output not yet used by a shown input is equally likely.
    std::vector<char> seen(static_cast<size_t>(m), 0);
    int distinct = 0;
    for (int x : xs) distinct += !seen[static_cast<size_t>(x)], seen[static_cast<size_t>(x)] = 1;
    return 1.0 / (m - distinct);
  }
  // Linear: count the rules (a, b) consistent with the examples and what each says about the query.
  std::vector<int> votes(static_cast<size_t>(m), 0);
  int consistent = 0;
  for (int a = 1; a < m; ++a)
    for (int b = 0; b < m; ++b) {
      bool ok = true;
      for (size_t i = 0; i < xs.size() && ok; ++i) ok = mod(a * xs[i] + b, m) == ys[i];
      if (!ok) continue;
      ++consistent;
      ++votes[static_cast<size_t>(mod(a * query + b, m))];
    }
  return consistent > 0 ? static_cast<double>(*std::max_element(votes.begin(), votes.end())) / consistent : 0.0;
}

// ============================================================================================ model

namespace {

nn::TransformerConfig lm_config(const IclConfig& c) {
  nn::TransformerConfig t;
  t.vocab = icl_vocab(c);
  t.d_model = c.d_model;
  t.heads = c.heads;
  t.layers = c.layers;
  t.ffn = c.ffn;
  t.context = icl_seq_len(c);
  t.pre_ln = true;
  t.positional = nn::PositionalEncoding::Kind::Learned;
  t.ffn_activation = nn::Activation::GELU;
  return t;
}

optim::Hyper hyper_of(const IclConfig& c) {
  optim::Hyper h;
  h.lr = c.lr;
  h.weight_decay = 0.01;
  return h;
}

}  // namespace

IclModel make_icl_model(const IclConfig& c, uint64_t seed) {
  IclModel m;
  m.config = c;
  if (Status s = validate(c); !s) {
    m.error = s.error().message;
    m.config = IclConfig{};
  }
  reset(m, seed);
  return m;
}

void reset(IclModel& m, uint64_t seed) {
  m.lm = nn::make_decoder_lm(lm_config(m.config), seed * 2 + 1);
  m.params->clear();
  m.opt = optim::make_optimizer(optim::Method::AdamW, hyper_of(m.config));
  m.data_rng = SplitMix64(seed * 7919 + 3);
  SplitMix64 eval_rng(0xE7A1 + static_cast<uint64_t>(m.config.symbols) * 31 + static_cast<uint64_t>(m.config.task));
  make_icl_batch(m.config, eval_rng, m.config.eval_sequences, m.eval);
  m.steps = 0;
  m.last_loss = 0;
}

void configure(IclModel& m, const IclConfig& c, uint64_t seed) {
  if (Status s = validate(c); !s) {
    m.error = s.error().message;
  } else {
    m.error.clear();
    m.config = c;
  }
  reset(m, seed);
}

tensor::ParamList& parameters(IclModel& m) {
  tensor::ParamList& ps = *m.params;
  if (ps.empty()) nn::collect(m.lm, ps);
  return ps;
}

double icl_train_step(IclModel& m) {
  tensor::ParamList& ps = parameters(m);
  tensor::Tape& t = *m.tape;
  t.set_grad_enabled(true);
  nn::set_keep_internals(m.lm.blocks, false);
  make_icl_batch(m.config, m.data_rng, m.config.batch, m.train);
  tensor::zero_grad(ps);
  t.reset();
  const tensor::Var logits = nn::forward(t, m.lm, m.train.ids, m.train.batch, m.train.seq);
  const tensor::Var loss = tensor::cross_entropy(t, logits, m.train.targets);
  t.backward(loss);
  m.opt.hyper.lr = m.config.lr;
  optim::step(m.opt, ps);
  ++m.steps;
  m.last_loss = t.value(loss).data[0];
  return m.last_loss;
}

namespace {

// Arg-max over the m output tokens only (an input symbol is never an answer).
int best_output(const float* logits, int m) {
  int best = 0;
  for (int y = 1; y < m; ++y)
    if (logits[m + y] > logits[m + best]) best = y;
  return best;
}

// −log softmax(logits)[target] over the whole vocabulary, as training measures it.
double token_loss(const float* logits, int vocab, int target) {
  float mx = logits[0];
  for (int v = 1; v < vocab; ++v) mx = std::max(mx, logits[v]);
  double z = 0;
  for (int v = 0; v < vocab; ++v) z += std::exp(static_cast<double>(logits[v] - mx));
  return std::log(z) - static_cast<double>(logits[target] - mx);
}

}  // namespace

ShotCurve evaluate_shots(IclModel& m) {
  const IclConfig& c = m.config;
  const int K = c.max_shots, M = c.symbols, V = icl_vocab(c), T = m.eval.seq;
  tensor::Tape& t = *m.tape;
  t.set_grad_enabled(false);
  nn::set_keep_internals(m.lm.blocks, false);
  t.reset();
  const tensor::Tensor& logits = t.value(nn::forward(t, m.lm, m.eval.ids, m.eval.batch, T, /*training=*/false));
  ShotCurve out;
  out.chance = 1.0 / M;
  out.accuracy.assign(static_cast<size_t>(K) + 1, 0.0);
  out.ceiling.assign(static_cast<size_t>(K) + 1, 0.0);
  out.loss.assign(static_cast<size_t>(K) + 1, 0.0);
  std::vector<int> xs, ys;
  for (int b = 0; b < m.eval.batch; ++b) {
    const int* ids = &m.eval.ids[static_cast<size_t>(b) * T];
    const int* tg = &m.eval.targets[static_cast<size_t>(b) * T];
    xs.clear();
    ys.clear();
    for (int k = 0; k <= K; ++k) {
      const float* row = logits.row(b * T + 2 * k);
      const int answer = tg[2 * k] - M;
      out.accuracy[static_cast<size_t>(k)] += best_output(row, M) == answer;
      out.loss[static_cast<size_t>(k)] += token_loss(row, V, tg[2 * k]);
      out.ceiling[static_cast<size_t>(k)] += bayes_accuracy(c, xs, ys, ids[2 * k]);
      xs.push_back(ids[2 * k]);
      ys.push_back(answer);
    }
  }
  for (int k = 0; k <= K; ++k) {
    out.accuracy[static_cast<size_t>(k)] /= m.eval.batch;
    out.ceiling[static_cast<size_t>(k)] /= m.eval.batch;
    out.loss[static_cast<size_t>(k)] /= m.eval.batch;
  }
  t.set_grad_enabled(true);
  return out;
}

IclPrompt sample_prompt(const IclConfig& c, int shots, uint64_t seed) {
  SplitMix64 rng(seed * 0x9E37 + 11);
  IclPrompt p;
  p.mapping = draw_mapping(c, rng);
  shots = std::clamp(shots, 0, c.max_shots);
  for (int i = 0; i < shots; ++i) p.xs.push_back(static_cast<int>(rng.below(static_cast<uint64_t>(c.symbols))));
  p.query = static_cast<int>(rng.below(static_cast<uint64_t>(c.symbols)));
  return p;
}

PromptReading read_prompt(IclModel& m, const IclPrompt& p) {
  const IclConfig& c = m.config;
  const int M = c.symbols;
  PromptReading r;
  ATTEND_ASSERT(static_cast<int>(p.mapping.f.size()) == M, "read_prompt: the mapping has the wrong number of symbols");
  ATTEND_ASSERT(static_cast<int>(p.xs.size()) <= c.max_shots, "read_prompt: more examples than the model's context holds");
  std::vector<int> ys;
  for (int x : p.xs) {
    ATTEND_ASSERT(x >= 0 && x < M, "read_prompt: an example input is not a symbol");
    r.tokens.push_back(x);
    r.tokens.push_back(M + p.mapping.f[static_cast<size_t>(x)]);
    ys.push_back(p.mapping.f[static_cast<size_t>(x)]);
  }
  ATTEND_ASSERT(p.query >= 0 && p.query < M, "read_prompt: the query is not a symbol");
  r.tokens.push_back(p.query);
  r.answer = p.mapping.f[static_cast<size_t>(p.query)];
  r.ceiling = bayes_accuracy(c, p.xs, ys, p.query);

  const int T = static_cast<int>(r.tokens.size());
  tensor::Tape& t = *m.tape;
  t.set_grad_enabled(false);
  nn::set_keep_internals(m.lm.blocks, true);
  t.reset();
  const tensor::Tensor& logits = t.value(nn::forward(t, m.lm, r.tokens, 1, T, /*training=*/false));
  const float* last = logits.row(T - 1);
  nn::token_distribution(last + M, M, 1.0f, r.probs);  // renormalised over the answers
  r.predicted = best_output(last, M);
  for (const nn::TransformerBlock& b : m.lm.blocks) {
    const tensor::AttentionRecord& a = b.self_attn.last;
    for (int h = 0; h < a.heads; ++h) {
      std::vector<float> row(static_cast<size_t>(T));
      for (int j = 0; j < T; ++j) row[static_cast<size_t>(j)] = a.weight(0, h, T - 1, j);
      r.attention.push_back(std::move(row));
    }
  }
  nn::set_keep_internals(m.lm.blocks, false);
  t.set_grad_enabled(true);
  return r;
}

// ============================================================================================ session

IclSessionModel make_icl_session_model(const IclConfig& c) {
  IclSessionModel s;
  s.model = make_icl_model(c, 0);
  s.prompt = sample_prompt(s.model.config, s.prompt_shots, s.prompt_seed);
  return s;
}

bool set_icl_hyper(IclModel& m, const std::string& name, double value) {
  if (name == "lr" && value > 0) m.config.lr = value;
  else if (name == "batch_size" && value >= 1 && value <= 512) m.config.batch = static_cast<int>(value);
  else return false;
  return true;
}

train::Session<IclSessionModel, IclSnapshot>::Hooks icl_hooks(int evaluate_every) {
  train::Session<IclSessionModel, IclSnapshot>::Hooks h;
  h.reset = [](IclSessionModel& s, uint64_t seed) {
    reset(s.model, seed);
    s.curve = evaluate_shots(s.model);
    s.curve_step = 0;
  };
  h.step = [](IclSessionModel& s) { return train::StepReport{icl_train_step(s.model), {}}; };
  h.set = [](IclSessionModel& s, const std::string& name, double v) { return set_icl_hyper(s.model, name, v); };
  h.evaluate = [](IclSessionModel& s) {
    s.curve = evaluate_shots(s.model);
    s.curve_step = s.model.steps;
    std::vector<std::pair<std::string, double>> out;
    for (size_t k = 0; k < s.curve.accuracy.size(); ++k)
      out.emplace_back("acc_" + std::to_string(k) + "shot", s.curve.accuracy[k]);
    double loss = 0;
    for (double l : s.curve.loss) loss += l;
    out.emplace_back("eval_loss", loss / static_cast<double>(s.curve.loss.size()));
    return out;
  };
  h.evaluate_every = evaluate_every;
  h.publish = [](const IclSessionModel& s, IclSnapshot& snap) {
    // Reading a prompt runs a forward pass on the model's own tape; the session only publishes from its
    // worker thread, so the const_cast touches nothing another thread reads.
    IclModel& m = const_cast<IclModel&>(s.model);
    snap.config = m.config;
    snap.error = m.error;
    snap.curve = s.curve;
    snap.curve_step = s.curve_step;
    snap.prompt = s.prompt;
    snap.reading = read_prompt(m, s.prompt);
    snap.mapping_text = describe_mapping(m.config, s.prompt.mapping);
    snap.parameter_count = tensor::count_elements(parameters(m));
  };
  h.publish_hz = 10;
  h.checkpoint_every = 0;
  return h;
}

}  // namespace attend::experiments
