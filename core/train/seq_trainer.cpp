#include "core/train/seq_trainer.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/metrics/seq_metrics.h"
#include "core/nn/decoding.h"

namespace attend::train {

namespace {

enum class Which { Train, Probe, Eval };

bool is_recurrent(SeqArch a) { return a == SeqArch::RNN || a == SeqArch::LSTM; }
bool uses_lm_layout(SeqArch a) { return a == SeqArch::Decoder || is_recurrent(a); }
bool is_text(const SeqTrainerConfig& c) { return c.text && !c.text->empty(); }

const data::LmBatch& lm_of(const SeqModel& m, Which w) {
  return w == Which::Train ? m.lm : (w == Which::Probe ? m.probe_lm : m.eval_lm);
}
const data::TaggingBatch& tagging_of(const SeqModel& m, Which w) {
  return w == Which::Train ? m.tagging : (w == Which::Probe ? m.probe_tagging : m.eval_tagging);
}
const data::Seq2SeqBatch& s2s_of(const SeqModel& m, Which w) {
  return w == Which::Train ? m.s2s : (w == Which::Probe ? m.probe_s2s : m.eval_s2s);
}

const std::vector<int>& targets_of(const SeqModel& m, Which w) {
  switch (m.config.arch) {
    case SeqArch::Encoder: return tagging_of(m, w).targets;
    case SeqArch::EncoderDecoder: return s2s_of(m, w).targets;
    default: return lm_of(m, w).targets;
  }
}

// Draws a batch of `rows` into the layout the architecture trains on.
void make_batch(SeqModel& m, SplitMix64& rng, int rows, Which w, bool validation) {
  const SeqTrainerConfig& c = m.config;
  switch (c.arch) {
    case SeqArch::Encoder: {
      data::TaggingBatch& b = w == Which::Train ? m.tagging : (w == Which::Probe ? m.probe_tagging : m.eval_tagging);
      data::make_tagging_batch(c.task, rng, rows, b);
      break;
    }
    case SeqArch::EncoderDecoder: {
      data::Seq2SeqBatch& b = w == Which::Train ? m.s2s : (w == Which::Probe ? m.probe_s2s : m.eval_s2s);
      data::make_seq2seq_batch(c.task, rng, rows, b);
      break;
    }
    default: {
      data::LmBatch& b = w == Which::Train ? m.lm : (w == Which::Probe ? m.probe_lm : m.eval_lm);
      if (is_text(c)) data::sample_windows(*m.corpus, rng, rows, c.text_window, validation, b);
      else data::make_lm_batch(c.task, rng, rows, b);
      break;
    }
  }
}

// The logits of the chosen batch on tape t, from the given networks (the trainer's own, or a copy).
struct Nets {
  nn::DecoderLM* decoder;
  nn::EncoderModel* encoder;
  nn::Seq2Seq* seq2seq;
  nn::RecurrentLM* recurrent;
};

tensor::Var run_forward(const SeqModel& m, const Nets& n, tensor::Tape& t, Which w, bool training, SplitMix64* rng) {
  switch (m.config.arch) {
    case SeqArch::Decoder: {
      const data::LmBatch& b = lm_of(m, w);
      return nn::forward(t, *n.decoder, b.ids, b.batch, b.seq, training, rng);
    }
    case SeqArch::RNN:
    case SeqArch::LSTM: {
      const data::LmBatch& b = lm_of(m, w);
      return nn::forward(t, *n.recurrent, b.ids, b.batch, b.seq);
    }
    case SeqArch::Encoder: {
      const data::TaggingBatch& b = tagging_of(m, w);
      return nn::forward(t, *n.encoder, b.ids, &b.padding, b.batch, b.seq, training, rng);
    }
    case SeqArch::EncoderDecoder: {
      const data::Seq2SeqBatch& b = s2s_of(m, w);
      return nn::forward(t, *n.seq2seq, b.src, &b.src_padding, b.tgt_in, b.batch, b.src_len, b.tgt_len, training, rng);
    }
  }
  return tensor::Var{};
}

Nets nets_of(SeqModel& m) { return Nets{&m.decoder, &m.encoder, &m.seq2seq, &m.recurrent}; }

std::vector<nn::TransformerBlock>* blocks_of(SeqModel& m) {
  switch (m.config.arch) {
    case SeqArch::Decoder: return &m.decoder.blocks;
    case SeqArch::Encoder: return &m.encoder.blocks;
    case SeqArch::EncoderDecoder: return &m.seq2seq.decoder;
    default: return nullptr;
  }
}

void set_dropout(SeqModel& m, float p) {
  m.config.model.dropout = p;
  for (auto* blocks : {&m.decoder.blocks, &m.encoder.blocks, &m.seq2seq.encoder, &m.seq2seq.decoder})
    for (nn::TransformerBlock& b : *blocks) b.dropout = p;
}

}  // namespace

const char* arch_name(SeqArch a) {
  switch (a) {
    case SeqArch::Decoder: return "decoder";
    case SeqArch::Encoder: return "encoder";
    case SeqArch::EncoderDecoder: return "encoder-decoder";
    case SeqArch::RNN: return "rnn";
    case SeqArch::LSTM: return "lstm";
  }
  return "?";
}

bool parse_arch(const std::string& name, SeqArch* out) {
  std::string lower;
  for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (SeqArch a : {SeqArch::Decoder, SeqArch::Encoder, SeqArch::EncoderDecoder, SeqArch::RNN, SeqArch::LSTM})
    if (lower == arch_name(a)) {
      *out = a;
      return true;
    }
  return false;
}

Status validate(const SeqTrainerConfig& c) {
  if (c.batch_size < 1 || c.batch_size > 4096) return make_error("batch_size must be between 1 and 4096");
  if (c.micro_batches < 1 || c.micro_batches > 64) return make_error("micro_batches must be between 1 and 64");
  if (c.probe_rows < 1 || c.eval_rows < 1) return make_error("probe_rows and eval_rows must be positive");
  if (is_text(c)) {
    if (!uses_lm_layout(c.arch))
      return make_error(std::string("a text corpus trains a language model: use decoder, rnn or lstm, not ") +
                        arch_name(c.arch));
    if (c.text_window < 2 || c.text_window > 512) return make_error("text_window must be between 2 and 512");
    Result<data::CharCorpus> corpus = data::make_char_corpus(*c.text, "", c.text_window);
    if (!corpus) return corpus.error();
  } else {
    if (c.task.min_len < 1 || c.task.max_len < c.task.min_len || c.task.max_len > 64)
      return make_error("task lengths must satisfy 1 ≤ min_len ≤ max_len ≤ 64");
    if (c.task.kind != data::SeqTaskKind::DigitsToWords && (c.task.symbols < 2 || c.task.symbols > 200))
      return make_error("task symbols must be between 2 and 200");
    if (c.arch == SeqArch::Encoder && !data::supports_tagging(c.task))
      return make_error(std::string("an encoder-only model predicts one output per input position; '") +
                        data::task_name(c.task.kind) + "' changes the length: use decoder or encoder-decoder");
  }
  if (!is_recurrent(c.arch)) {
    const nn::TransformerConfig& t = c.model;
    if (t.d_model < 1 || t.heads < 1 || t.d_model % t.heads != 0)
      return make_error("d_model must be a positive multiple of heads");
    if (t.layers < 1 || t.layers > 12 || t.ffn < 1) return make_error("layers must be 1 to 12 and ffn positive");
    if (t.dropout < 0.f || t.dropout >= 1.f) return make_error("dropout must be in [0, 1)");
  } else if (c.rnn_embed < 1 || c.rnn_hidden < 1) {
    return make_error("rnn_embed and rnn_hidden must be positive");
  }
  return Ok{};
}

SeqModel make_seq_model(const SeqTrainerConfig& c) {
  SeqModel m;
  configure(m, c, 0);
  return m;
}

void configure(SeqModel& m, const SeqTrainerConfig& c, uint64_t seed) {
  Status ok = validate(c);
  m.error = ok ? std::string() : ok.error().to_string();
  m.config = ok ? c : SeqTrainerConfig{};
  reset(m, seed);
}

void reset(SeqModel& m, uint64_t seed) {
  SeqTrainerConfig& c = m.config;
  m.corpus.reset();
  if (is_text(c))
    m.corpus = std::make_shared<const data::CharCorpus>(data::make_char_corpus(*c.text, "", c.text_window).value());
  const int vocab = is_text(c) ? m.corpus->vocab() : data::vocab_size(c.task);
  nn::TransformerConfig t = c.model;
  t.vocab = vocab;
  t.src_vocab = vocab;
  t.out_classes = vocab;
  switch (c.arch) {
    case SeqArch::Decoder: t.context = is_text(c) ? c.text_window : data::lm_seq_len(c.task); break;
    case SeqArch::Encoder: t.context = c.task.max_len; break;
    case SeqArch::EncoderDecoder: t.context = std::max(c.task.max_len, data::max_target_len(c.task) + 1); break;
    default: break;
  }
  c.model = t;
  m.decoder = nn::DecoderLM{};
  m.encoder = nn::EncoderModel{};
  m.seq2seq = nn::Seq2Seq{};
  m.recurrent = nn::RecurrentLM{};
  switch (c.arch) {
    case SeqArch::Decoder: m.decoder = nn::make_decoder_lm(t, seed); break;
    case SeqArch::Encoder: m.encoder = nn::make_encoder_model(t, seed); break;
    case SeqArch::EncoderDecoder: m.seq2seq = nn::make_seq2seq(t, seed); break;
    case SeqArch::RNN:
      m.recurrent = nn::make_recurrent_lm(nn::RecurrentLM::Cell::RNN, vocab, c.rnn_embed, c.rnn_hidden, seed);
      break;
    case SeqArch::LSTM:
      m.recurrent = nn::make_recurrent_lm(nn::RecurrentLM::Cell::LSTM, vocab, c.rnn_embed, c.rnn_hidden, seed);
      break;
  }
  m.opt = optim::make_optimizer(c.method, c.hyper);
  m.data_rng = SplitMix64(seed * 4 + 1);
  m.dropout_rng = SplitMix64(seed * 4 + 2);
  // Fixed probe and held-out batches: the same examples for the whole run.
  SplitMix64 probe_rng(seed * 4 + 3), eval_rng(seed * 4 + 4);
  make_batch(m, probe_rng, c.probe_rows, Which::Probe, true);
  make_batch(m, eval_rng, c.eval_rows, Which::Eval, true);
  m.params->clear();
  m.tape->reset();
  m.last = SeqStepResult{};
  m.block_grad_norms.clear();
  m.hidden_grad_norms.clear();
  m.activation_bytes = 0;
}

tensor::ParamList& parameters(SeqModel& m) {
  tensor::ParamList& ps = *m.params;
  if (!ps.empty()) return ps;
  switch (m.config.arch) {
    case SeqArch::Decoder: nn::collect(m.decoder, ps); break;
    case SeqArch::Encoder: nn::collect(m.encoder, ps); break;
    case SeqArch::EncoderDecoder: nn::collect(m.seq2seq, ps); break;
    default: nn::collect(m.recurrent, ps); break;
  }
  return ps;
}

int model_vocab(const SeqModel& m) { return is_text(m.config) ? m.corpus->vocab() : data::vocab_size(m.config.task); }

std::string token_label(const SeqModel& m, int id) {
  return is_text(m.config) ? data::char_name(*m.corpus, id) : data::token_name(m.config.task, id);
}

SeqStepResult train_step(SeqModel& m) {
  const SeqTrainerConfig& c = m.config;
  tensor::ParamList& ps = parameters(m);
  tensor::Tape& t = *m.tape;
  t.set_grad_enabled(true);
  if (c.use_schedule) {
    optim::Schedule s = c.schedule;
    s.base_lr = c.hyper.lr;
    m.opt.hyper.lr = optim::lr_at(s, m.opt.t);
  } else {
    m.opt.hyper.lr = c.hyper.lr;
  }
  tensor::zero_grad(ps);
  SeqStepResult r;
  metrics::TokenAccuracy acc;
  optim::Accumulation group{c.micro_batches, 0};
  SplitMix64* drop = c.model.dropout > 0.f ? &m.dropout_rng : nullptr;
  for (int k = 0; k < c.micro_batches; ++k) {
    make_batch(m, m.data_rng, c.batch_size, Which::Train, false);
    t.reset();
    tensor::Var logits = run_forward(m, nets_of(m), t, Which::Train, true, drop);
    const std::vector<int>& targets = targets_of(m, Which::Train);
    tensor::Var loss = tensor::cross_entropy(t, logits, targets);
    r.loss += t.value(loss).data[0] / c.micro_batches;
    if (c.micro_batches > 1) loss = tensor::scale(t, loss, group.loss_scale());
    t.backward(loss);
    const metrics::TokenAccuracy a = metrics::token_accuracy(t.value(logits), targets);
    acc.correct += a.correct;
    acc.total += a.total;
    group.add();
  }
  r.token_accuracy = acc.value();
  r.grad_norm = c.clip_norm > 0 ? optim::clip_grad_norm(ps, c.clip_norm) : tensor::grad_norm(ps);
  r.lr = m.opt.hyper.lr;
  optim::step(m.opt, ps);

  // What the views plot about gradient flow, read from the last micro-batch's tape.
  if (std::vector<nn::TransformerBlock>* blocks = blocks_of(m)) {
    m.block_grad_norms.resize(blocks->size());
    for (size_t i = 0; i < blocks->size(); ++i) m.block_grad_norms[i] = t.grad_norm((*blocks)[i].last.output);
  }
  if (is_recurrent(c.arch)) {
    nn::record_gradients(t, m.recurrent.trace());
    m.hidden_grad_norms.assign(m.recurrent.trace().grad_norms.begin(), m.recurrent.trace().grad_norms.end());
  }
  m.activation_bytes = t.activation_bytes();
  m.last = r;
  return r;
}

std::vector<std::pair<std::string, double>> evaluate(SeqModel& m) {
  const SeqTrainerConfig& c = m.config;
  tensor::Tape& t = *m.tape;
  t.set_grad_enabled(false);
  t.reset();
  std::vector<std::pair<std::string, double>> out;
  if (is_text(c)) {  // a fresh window batch from the validation split each time
    SplitMix64 rng(static_cast<uint64_t>(m.opt.t) * 7919 + 5);
    make_batch(m, rng, c.eval_rows, Which::Eval, true);
  }
  const tensor::Tensor& logits = t.value(run_forward(m, nets_of(m), t, Which::Eval, false, nullptr));
  const std::vector<int>& targets = targets_of(m, Which::Eval);
  tensor::Tape probe(false);
  const double loss = probe.value(tensor::cross_entropy(probe, probe.constant(logits), targets)).data[0];
  out.emplace_back("val_loss", loss);
  out.emplace_back("val_token_acc", metrics::token_accuracy(logits, targets).value());
  if (is_text(c)) {
    out.emplace_back("val_perplexity", std::exp(loss));
  } else {
    std::vector<std::vector<int>> got, want;
    if (uses_lm_layout(c.arch)) {
      const data::LmBatch& b = m.eval_lm;
      std::vector<std::vector<int>> prompts(static_cast<size_t>(b.batch));
      for (int r = 0; r < b.batch; ++r)
        prompts[static_cast<size_t>(r)].assign(b.ids.begin() + r * b.seq, b.ids.begin() + r * b.seq + b.prompt_len[static_cast<size_t>(r)]);
      if (c.arch == SeqArch::Decoder)
        nn::free_run(m.decoder, t, prompts, data::max_target_len(c.task) + 1, data::kEos, 0.f, nullptr, got);
      else
        nn::free_run(nn::causal_logits(m.recurrent), t, prompts, data::max_target_len(c.task) + 1, data::kEos, 0.f,
                     nullptr, 1 << 30, got);
      want = b.answers;
    } else if (c.arch == SeqArch::EncoderDecoder) {
      const data::Seq2SeqBatch& b = m.eval_s2s;
      nn::free_run(m.seq2seq, t, b.src, b.src_padding, b.batch, b.src_len, data::max_target_len(c.task) + 1,
                   data::kBos, data::kEos, 0.f, nullptr, got);
      want = b.answers;
    } else {  // encoder-only predicts every position at once
      const data::TaggingBatch& b = m.eval_tagging;
      std::vector<int> pred;
      metrics::argmax_rows(logits, pred);
      for (int r = 0; r < b.batch; ++r) {
        std::vector<int> g, w;
        for (int i = 0; i < b.seq; ++i)
          if (b.targets[static_cast<size_t>(r * b.seq + i)] >= 0) {
            g.push_back(pred[static_cast<size_t>(r * b.seq + i)]);
            w.push_back(b.targets[static_cast<size_t>(r * b.seq + i)]);
          }
        got.push_back(g);
        want.push_back(w);
      }
    }
    out.emplace_back("val_exact_match", metrics::exact_match(got, want));
    out.emplace_back("val_bleu", metrics::bleu(got, want, 4, true).bleu);
  }
  t.set_grad_enabled(true);
  return out;
}

bool set_seq_hyper(SeqModel& m, const std::string& name, double v) {
  SeqTrainerConfig& c = m.config;
  optim::Hyper& h = c.hyper;
  if (name == "lr") h.lr = v;
  else if (name == "weight_decay") h.weight_decay = v;
  else if (name == "momentum") h.momentum = v;
  else if (name == "beta1") h.beta1 = v;
  else if (name == "beta2") h.beta2 = v;
  else if (name == "eps") h.eps = v;
  else if (name == "rho") h.rho = v;
  else if (name == "batch_size") c.batch_size = std::clamp(static_cast<int>(v), 1, 4096);
  else if (name == "micro_batches") c.micro_batches = std::clamp(static_cast<int>(v), 1, 64);
  else if (name == "clip_norm") c.clip_norm = std::max(0.0, v);
  else if (name == "temperature") c.temperature = static_cast<float>(std::max(0.0, v));
  else if (name == "dropout") set_dropout(m, static_cast<float>(std::clamp(v, 0.0, 0.9)));
  else if (name == "warmup") {
    c.schedule.warmup = static_cast<int64_t>(std::max(0.0, v));
    c.use_schedule = true;
  } else if (name == "method") {
    const int k = static_cast<int>(v);
    if (k < 0 || k >= optim::kMethodCount) return false;
    c.method = static_cast<optim::Method>(k);
    const int64_t t = m.opt.t;
    m.opt = optim::make_optimizer(c.method, h);  // fresh moments; the schedule keeps its place
    m.opt.t = t;
    return true;
  } else {
    return false;
  }
  const double lr = m.opt.hyper.lr;
  m.opt.hyper = h;
  m.opt.hyper.lr = lr;  // the next step sets it from the schedule or hyper.lr
  return true;
}

void collect_attention(const std::vector<nn::TransformerBlock>& blocks, const std::string& prefix,
                       std::vector<AttentionLayer>& out) {
  for (size_t i = 0; i < blocks.size(); ++i) {
    out.push_back(AttentionLayer{prefix + "." + std::to_string(i) + ".attn", false, blocks[i].self_attn.last, {}});
    nn::capture_internals(blocks[i].self_attn, out.back().internals);
    if (blocks[i].has_cross) {
      out.push_back(AttentionLayer{prefix + "." + std::to_string(i) + ".cross", true, blocks[i].cross_attn.last, {}});
      nn::capture_internals(blocks[i].cross_attn, out.back().internals);
    }
  }
}

void publish(const SeqModel& m, SeqSnapshot& s) {
  const SeqTrainerConfig& c = m.config;
  s.arch = c.arch;
  s.task = is_text(c) ? "text" : data::task_name(c.task.kind);
  s.error = m.error;
  const int vocab = model_vocab(m);
  s.vocab.resize(static_cast<size_t>(vocab));
  for (int i = 0; i < vocab; ++i) s.vocab[static_cast<size_t>(i)] = token_label(m, i);
  s.last = m.last;
  s.block_grad_norms = m.block_grad_norms;
  s.hidden_grad_norms = m.hidden_grad_norms;
  s.activation_bytes_train = m.activation_bytes;

  // The probe forward runs on a copy of the published networks, so publishing never disturbs training
  // (and works on a checkpoint, which is const).
  Nets copy{nullptr, nullptr, nullptr, nullptr};
  nn::DecoderLM decoder;
  nn::EncoderModel encoder;
  nn::Seq2Seq seq2seq;
  nn::RecurrentLM recurrent;
  tensor::ParamList ps;
  switch (c.arch) {
    case SeqArch::Decoder: {
      decoder = m.decoder;
      copy.decoder = &decoder;
      nn::collect(decoder, ps);
      break;
    }
    case SeqArch::Encoder: {
      encoder = m.encoder;
      copy.encoder = &encoder;
      nn::collect(encoder, ps);
      break;
    }
    case SeqArch::EncoderDecoder: {
      seq2seq = m.seq2seq;
      copy.seq2seq = &seq2seq;
      nn::collect(seq2seq, ps);
      break;
    }
    default: {
      recurrent = m.recurrent;
      copy.recurrent = &recurrent;
      nn::collect(recurrent, ps);
      break;
    }
  }
  for (auto* blocks : {&decoder.blocks, &encoder.blocks, &seq2seq.encoder, &seq2seq.decoder})
    nn::set_keep_internals(*blocks, true);
  s.params.clear();
  for (const tensor::Parameter* p : ps)
    s.params.push_back(ParamInfo{p->name, p->value.rows, p->value.cols, tensor::l2_norm(p->value), tensor::l2_norm(p->grad)});
  s.parameter_count = tensor::count_elements(ps);

  tensor::Tape t(false);
  const tensor::Tensor logits = t.value(run_forward(m, copy, t, Which::Probe, false, nullptr));
  s.activation_bytes_inference = t.activation_bytes();
  const std::vector<int>& targets = targets_of(m, Which::Probe);
  std::vector<int> pred;
  metrics::argmax_rows(logits, pred);
  const int rows = c.probe_rows, seq = logits.rows / rows;
  s.inputs.assign(static_cast<size_t>(rows), {});
  s.sources.assign(static_cast<size_t>(rows), {});
  s.targets.assign(static_cast<size_t>(rows), {});
  s.predictions.assign(static_cast<size_t>(rows), {});
  for (int r = 0; r < rows; ++r) {
    const auto span = [&](const std::vector<int>& v, int width) {
      return std::vector<int>(v.begin() + r * width, v.begin() + (r + 1) * width);
    };
    switch (c.arch) {
      case SeqArch::Encoder: s.inputs[static_cast<size_t>(r)] = span(m.probe_tagging.ids, seq); break;
      case SeqArch::EncoderDecoder:
        s.inputs[static_cast<size_t>(r)] = span(m.probe_s2s.tgt_in, seq);
        s.sources[static_cast<size_t>(r)] = span(m.probe_s2s.src, m.probe_s2s.src_len);
        break;
      default: s.inputs[static_cast<size_t>(r)] = span(m.probe_lm.ids, seq); break;
    }
    s.targets[static_cast<size_t>(r)] = span(targets, seq);
    s.predictions[static_cast<size_t>(r)] = span(pred, seq);
  }
  s.next_token_probs.clear();
  for (int i = 0; i < seq; ++i)
    if (targets[static_cast<size_t>(i)] >= 0) {
      nn::token_distribution(logits.row(i), logits.cols, 1.f, s.next_token_probs);
      break;
    }

  s.attention.clear();
  collect_attention(decoder.blocks, "blocks", s.attention);
  collect_attention(encoder.blocks, "blocks", s.attention);
  collect_attention(seq2seq.encoder, "encoder", s.attention);
  collect_attention(seq2seq.decoder, "decoder", s.attention);
  if (is_recurrent(c.arch)) s.recurrent = recurrent.trace();

  // Free-running samples from the probe prompts.
  SplitMix64 rng(12345);
  SplitMix64* sampler = c.temperature > 0.f ? &rng : nullptr;
  s.samples.clear();
  if (uses_lm_layout(c.arch)) {
    std::vector<std::vector<int>> prompts(static_cast<size_t>(rows));
    int max_new = 0;
    for (int r = 0; r < rows; ++r) {
      const int plen = is_text(c) ? std::min(8, seq) : m.probe_lm.prompt_len[static_cast<size_t>(r)];
      prompts[static_cast<size_t>(r)].assign(m.probe_lm.ids.begin() + r * seq, m.probe_lm.ids.begin() + r * seq + plen);
      max_new = is_text(c) ? 48 : data::max_target_len(c.task) + 1;
    }
    const int stop = is_text(c) ? -1 : data::kEos;
    if (c.arch == SeqArch::Decoder) nn::free_run(decoder, t, prompts, max_new, stop, c.temperature, sampler, s.samples);
    else nn::free_run(nn::causal_logits(recurrent), t, prompts, max_new, stop, c.temperature, sampler, 1 << 30, s.samples);
  } else if (c.arch == SeqArch::EncoderDecoder) {
    const data::Seq2SeqBatch& b = m.probe_s2s;
    nn::free_run(seq2seq, t, b.src, b.src_padding, b.batch, b.src_len, data::max_target_len(c.task) + 1, data::kBos,
                 data::kEos, c.temperature, sampler, s.samples);
  } else {
    s.samples = s.predictions;
  }
}

Session<SeqModel, SeqSnapshot>::Hooks seq_hooks() {
  Session<SeqModel, SeqSnapshot>::Hooks h;
  h.reset = [](SeqModel& m, uint64_t seed) { reset(m, seed); };
  h.step = [](SeqModel& m) {
    const SeqStepResult r = train_step(m);
    return StepReport{r.loss, {{"train_token_acc", r.token_accuracy}, {"grad_norm", r.grad_norm}, {"lr", r.lr}}};
  };
  h.set = [](SeqModel& m, const std::string& name, double v) { return set_seq_hyper(m, name, v); };
  h.publish = [](const SeqModel& m, SeqSnapshot& s) { publish(m, s); };
  h.evaluate = [](SeqModel& m) { return evaluate(m); };
  h.evaluate_every = 50;
  h.publish_hz = 20;
  h.checkpoint_every = 100;
  return h;
}

}  // namespace attend::train
