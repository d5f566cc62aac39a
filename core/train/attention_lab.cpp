#include "core/train/attention_lab.h"

#include <algorithm>
#include <cmath>

#include "core/nn/decoding.h"
#include "core/nn/positional_analysis.h"

namespace attend::train {

// ========================================================================================== settings

const char* lab_task_name(LabTask t) {
  switch (t) {
    case LabTask::Copy: return "copy";
    case LabTask::Reverse: return "reverse";
    case LabTask::Sort: return "sort";
    case LabTask::Digits: return "digits";
    case LabTask::Text: return "text";
  }
  return "?";
}

bool parse_lab_task(const std::string& name, LabTask* out) {
  for (int k = 0; k < kLabTasks; ++k)
    if (name == lab_task_name(static_cast<LabTask>(k))) {
      *out = static_cast<LabTask>(k);
      return true;
    }
  return false;
}

LabSettings settings_for_task(const LabSettings& from, LabTask task) {
  LabSettings s = from;
  const bool was_task = from.task == LabTask::Copy || from.task == LabTask::Reverse || from.task == LabTask::Sort;
  s.task = task;
  switch (task) {
    case LabTask::Copy:
    case LabTask::Reverse:
    case LabTask::Sort:
      if (!was_task) {
        s.length = 8;
        s.variable_length = false;
        if (s.arch == SeqArch::EncoderDecoder) s.arch = SeqArch::Decoder;
      }
      break;
    case LabTask::Digits:
      s.arch = SeqArch::EncoderDecoder;
      s.length = 3;
      s.variable_length = true;
      break;
    case LabTask::Text:
      if (s.arch != SeqArch::RNN && s.arch != SeqArch::LSTM) s.arch = SeqArch::Decoder;
      s.length = 48;
      s.variable_length = false;
      break;
  }
  return s;
}

SeqTrainerConfig to_config(const LabSettings& s) {
  SeqTrainerConfig c;
  c.arch = s.arch;
  switch (s.task) {
    case LabTask::Copy: c.task.kind = data::SeqTaskKind::Copy; break;
    case LabTask::Reverse: c.task.kind = data::SeqTaskKind::Reverse; break;
    case LabTask::Sort: c.task.kind = data::SeqTaskKind::Sort; break;
    case LabTask::Digits: c.task.kind = data::SeqTaskKind::DigitsToWords; break;
    case LabTask::Text: break;
  }
  c.task.symbols = s.symbols;
  c.task.max_len = s.length;
  c.task.min_len = s.variable_length ? std::max(1, (s.length + 1) / 2) : s.length;
  if (s.task == LabTask::Text) {
    c.text = s.text;
    c.text_window = s.length;
  }
  c.model.d_model = s.d_model;
  c.model.heads = s.heads;
  c.model.layers = s.layers;
  c.model.ffn = 4 * s.d_model;
  c.model.positional = s.positional;
  c.model.causal = s.causal;
  c.rnn_hidden = s.rnn_hidden;
  return c;
}

Status validate(const LabSettings& s) {
  if (s.task == LabTask::Text && (!s.text || s.text->empty()))
    return make_error("the text task needs a text: choose one (licenses, lessons or a file) first");
  if (s.task == LabTask::Digits && s.length > 6) return make_error("digits→words takes at most 6 digits");
  return validate(to_config(s));
}

namespace {

bool as_index(double v, int count, int* out) {
  if (!(v >= 0) || v >= count || v != std::floor(v)) return false;
  *out = static_cast<int>(v);
  return true;
}

bool in_range(double v, int lo, int hi, int* out) {
  if (!(v >= lo && v <= hi) || v != std::floor(v)) return false;
  *out = static_cast<int>(v);
  return true;
}

}  // namespace

bool apply_setting(LabSettings& s, const std::string& name, double v, std::string* error) {
  LabSettings n = s;
  int k = 0;
  std::string why;
  if (name == "task") {
    if (as_index(v, kLabTasks, &k)) n = settings_for_task(s, static_cast<LabTask>(k));
    else why = "task takes 0 copy, 1 reverse, 2 sort, 3 digits or 4 text";
  } else if (name == "arch") {
    if (as_index(v, 5, &k)) n.arch = static_cast<SeqArch>(k);
    else why = "arch takes 0 decoder, 1 encoder, 2 encoder-decoder, 3 rnn or 4 lstm";
  } else if (name == "layers") {
    if (in_range(v, 1, 6, &k)) n.layers = k;
    else why = "layers takes 1 to 6";
  } else if (name == "heads") {
    if (in_range(v, 1, 8, &k)) n.heads = k;
    else why = "heads takes 1 to 8";
  } else if (name == "d_model") {
    if (in_range(v, 4, 256, &k)) n.d_model = k;
    else why = "d_model takes 4 to 256";
  } else if (name == "length") {
    if (in_range(v, 1, 128, &k)) n.length = k;
    else why = "length takes 1 to 128";
  } else if (name == "variable_length") {
    n.variable_length = v != 0;
  } else if (name == "symbols") {
    if (in_range(v, 2, 26, &k)) n.symbols = k;
    else why = "symbols takes 2 to 26";
  } else if (name == "positional") {
    if (as_index(v, 3, &k)) n.positional = static_cast<nn::PositionalEncoding::Kind>(k);
    else why = "positional takes 0 none, 1 sinusoidal or 2 learned";
  } else if (name == "causal") {
    n.causal = v != 0;
  } else if (name == "rnn_hidden") {
    if (in_range(v, 2, 512, &k)) n.rnn_hidden = k;
    else why = "rnn_hidden takes 2 to 512";
  } else {
    return false;
  }
  if (why.empty())
    if (Status ok = validate(n); !ok) why = ok.error().message;
  if (error) *error = why;
  if (why.empty()) s = n;
  return true;
}

std::vector<std::pair<std::string, double>> setting_values(const LabSettings& s) {
  return {{"task", static_cast<double>(s.task)},         {"arch", static_cast<double>(s.arch)},
          {"layers", s.layers},                          {"heads", s.heads},
          {"d_model", s.d_model},                        {"length", s.length},
          {"variable_length", s.variable_length ? 1 : 0}, {"symbols", s.symbols},
          {"positional", static_cast<double>(s.positional)}, {"causal", s.causal ? 1 : 0},
          {"rnn_hidden", s.rnn_hidden}};
}

// ============================================================================================= model

namespace {

// The training copies record nothing (the publish copies do): a step then copies no attention internals.
void quiet(LabModel& m) {
  for (auto* blocks : {&m.seq.decoder.blocks, &m.seq.encoder.blocks, &m.seq.seq2seq.encoder, &m.seq.seq2seq.decoder})
    nn::set_keep_internals(*blocks, false);
}

// A new architecture keeps the optimizer settings the person chose.
SeqTrainerConfig with_optimizer(SeqTrainerConfig c, const SeqTrainerConfig& old) {
  c.method = old.method;
  c.hyper = old.hyper;
  c.use_schedule = old.use_schedule;
  c.schedule = old.schedule;
  c.clip_norm = old.clip_norm;
  c.batch_size = old.batch_size;
  c.micro_batches = old.micro_batches;
  c.temperature = old.temperature;
  return c;
}

void set_causal(LabModel& m, bool on) {
  m.settings.causal = on;
  m.seq.config.model.causal = on;
  m.seq.decoder.config.causal = on;
  m.seq.seq2seq.config.causal = on;
}

bool lm_layout(SeqArch a) { return a == SeqArch::Decoder || a == SeqArch::RNN || a == SeqArch::LSTM; }

// Which patterns mean something for this task and layer.
bool pattern_applies(const LabSettings& s, bool cross, nn::FocusPattern p) {
  using P = nn::FocusPattern;
  switch (s.task) {
    case LabTask::Text: return p == P::Previous || p == P::Self || p == P::First;
    case LabTask::Digits:
      if (cross) return p == P::Aligned || p == P::First;
      return p == P::Previous || p == P::Self || p == P::First;
    case LabTask::Reverse:
      if (cross) return p == P::Mirror || p == P::Target || p == P::First;
      return p != P::Aligned && (p != P::Separator || lm_layout(s.arch));
    case LabTask::Copy:
    case LabTask::Sort:
      if (cross) return p == P::Target || p == P::First;
      return p != P::Aligned && p != P::Mirror && (p != P::Separator || lm_layout(s.arch));
  }
  return false;
}

void build_focus(const LabSettings& settings, const SeqSnapshot& seq, LabSnapshot& s) {
  nn::FocusContext self, cross;
  self.keys = seq.inputs;
  self.targets = seq.targets;
  self.padding = data::kPad;
  self.separator = lm_layout(settings.arch) && settings.task != LabTask::Text ? data::kSep : -1;
  cross.keys = seq.sources;
  cross.targets = seq.targets;
  cross.padding = data::kPad;
  if (settings.task == LabTask::Digits) {
    const int space = data::vocab_size(to_config(settings).task) - 1;  // '_' is the last symbol
    self.space = cross.space = space;
  }
  if (settings.task == LabTask::Text) self.padding = -1;  // every character is real text
  s.focus.clear();
  for (const AttentionLayer& layer : seq.attention) {
    const nn::FocusContext& c = layer.cross ? cross : self;
    LayerFocus f;
    for (int k = 0; k < nn::kFocusPatterns; ++k) {
      const auto p = static_cast<nn::FocusPattern>(k);
      if (pattern_applies(settings, layer.cross, p)) f.pattern[static_cast<size_t>(k)] = nn::head_focus(layer.record, c, p);
    }
    f.entropy = nn::head_entropy(layer.record, c);
    s.focus.push_back(std::move(f));
  }
  s.self_context = std::move(self);
  s.cross_context = std::move(cross);
}

void positional_table(const LabModel& m, LabSnapshot& s) {
  const nn::PositionalEncoding* pe = nullptr;
  switch (m.settings.arch) {
    case SeqArch::Decoder: pe = &m.seq.decoder.pos; break;
    case SeqArch::Encoder: pe = &m.seq.encoder.pos; break;
    case SeqArch::EncoderDecoder: pe = &m.seq.seq2seq.src_pos; break;
    default: break;
  }
  s.positions = tensor::Tensor{};
  s.position_similarity.clear();
  if (!pe) return;
  if (pe->kind == nn::PositionalEncoding::Kind::Learned) s.positions = pe->table.value;
  else if (pe->kind == nn::PositionalEncoding::Kind::Sinusoidal) s.positions = pe->sinusoid;
  if (s.positions.empty()) return;
  nn::position_similarity(s.positions, s.positions.rows, s.position_similarity);
}

}  // namespace

LabModel make_lab_model(const LabSettings& s) {
  LabModel m;
  m.settings = s;
  m.seq = make_seq_model(to_config(s));
  quiet(m);
  return m;
}

bool lab_set(LabModel& m, const std::string& name, double value) {
  if (name == "causal") {
    set_causal(m, value != 0);
    return true;
  }
  LabSettings s = m.settings;
  std::string why;
  if (apply_setting(s, name, value, &why)) {
    if (!why.empty()) {
      m.error = why;
      return true;
    }
    // The same settings again (a lesson step setting up what is already there) keep the trained model.
    if (setting_values(s) == setting_values(m.settings) && s.text == m.settings.text) {
      m.error.clear();
      return true;
    }
    m.settings = s;
    configure(m.seq, with_optimizer(to_config(s), m.seq.config), m.seed);
    quiet(m);
    m.error = m.seq.error;
    m.position_accuracy.clear();
    return true;
  }
  return set_seq_hyper(m.seq, name, value);
}

std::vector<std::pair<std::string, double>> lab_evaluate(LabModel& m) {
  std::vector<std::pair<std::string, double>> r = evaluate(m.seq);
  m.position_accuracy = accuracy_by_position(m.seq);
  return r;
}

void lab_publish(const LabModel& m, LabSnapshot& s) {
  s.settings = m.settings;
  publish(m.seq, s.seq);
  s.error = !m.error.empty() ? m.error : m.seq.error;
  build_focus(m.settings, s.seq, s);
  s.position_accuracy = m.position_accuracy;
  positional_table(m, s);
  s.grad_by_distance = gradient_by_distance(m.seq, &s.grad_what);
  if (m.settings.arch == SeqArch::EncoderDecoder) {
    // What the decoder attended to while it generated: a causal pass over its own outputs sees, at each
    // position, exactly what the step that produced the next token saw.
    const data::Seq2SeqBatch& b = m.seq.probe_s2s;
    nn::Seq2Seq copy = m.seq.seq2seq;
    nn::set_keep_internals(copy.encoder, false);
    nn::set_keep_internals(copy.decoder, false);
    tensor::Tape t(false);
    std::vector<std::vector<int>> out;
    nn::free_run(copy, t, b.src, b.src_padding, b.batch, b.src_len, b.tgt_len - 1, data::kBos, data::kEos, 0.f, nullptr,
                 out);
    std::vector<int> tgt(static_cast<size_t>(b.batch) * b.tgt_len, data::kPad);
    s.free_inputs.assign(static_cast<size_t>(b.batch), {});
    for (int r = 0; r < b.batch; ++r) {
      std::vector<int>& row = s.free_inputs[static_cast<size_t>(r)];
      row.push_back(data::kBos);
      for (int id : out[static_cast<size_t>(r)])
        if (static_cast<int>(row.size()) < b.tgt_len) row.push_back(id);
      std::copy(row.begin(), row.end(), tgt.begin() + static_cast<long>(r) * b.tgt_len);
    }
    nn::set_keep_internals(copy.decoder, true);
    t.reset();
    tensor::Var memory = nn::encode(t, copy, b.src, &b.src_padding, b.batch, b.src_len, false);
    (void)nn::decode(t, copy, memory, &b.src_padding, tgt, b.batch, b.src_len, b.tgt_len, false);
    s.free_attention.clear();
    collect_attention(copy.decoder, "decoder", s.free_attention);
  } else {
    s.free_attention.clear();
    s.free_inputs.clear();
  }
  if (!m.input.text.empty()) s.input = run_input(m.seq, m.input);
  else s.input = LabInputResult{};
}

Session<LabModel, LabSnapshot>::Hooks lab_hooks() {
  Session<LabModel, LabSnapshot>::Hooks h;
  h.reset = [](LabModel& m, uint64_t seed) {
    m.seed = seed;
    reset(m.seq, seed);
    quiet(m);
    m.position_accuracy.clear();
  };
  h.step = [](LabModel& m) {
    const SeqStepResult r = train_step(m.seq);
    return StepReport{r.loss, {{"train_token_acc", r.token_accuracy}, {"grad_norm", r.grad_norm}}};
  };
  h.set = [](LabModel& m, const std::string& name, double v) { return lab_set(m, name, v); };
  h.publish = [](const LabModel& m, LabSnapshot& s) { lab_publish(m, s); };
  h.evaluate = [](LabModel& m) { return lab_evaluate(m); };
  h.evaluate_every = 50;
  h.publish_hz = 15;
  // The timeline: a checkpoint every 25 steps (thinned past 64) lets the person scrub back to the step
  // where a head found its pattern.
  h.checkpoint_every = 25;
  h.max_checkpoints = 64;
  return h;
}

}  // namespace attend::train
