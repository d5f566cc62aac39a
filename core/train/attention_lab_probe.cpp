// The attention lab's probes of a model: the person's own input, gradient against distance, accuracy by
// answer position, and the texts a character LM can train on.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/metrics/seq_metrics.h"
#include "core/nn/decoding.h"
#include "core/train/attention_lab.h"
#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::train {

namespace {

bool is_text(const SeqModel& m) { return m.config.text && !m.config.text->empty() && m.corpus; }

int symbol_count(const data::SeqTask& t) {
  return t.kind == data::SeqTaskKind::DigitsToWords ? 10 : t.symbols;
}

void argmax_into(const tensor::Tensor& logits, std::vector<int>& out) { metrics::argmax_rows(logits, out); }

}  // namespace

Result<std::vector<int>> parse_task_input(const data::SeqTask& task, const std::string& text) {
  std::vector<uint32_t> cps;
  size_t bad = 0;
  if (!data::utf8_decode(text, cps, &bad)) return make_error("the input is not valid UTF-8 (byte " + std::to_string(bad + 1) + ")");
  const int n = symbol_count(task);
  std::vector<int> ids;
  for (size_t i = 0; i < cps.size(); ++i) {
    const uint32_t c = cps[i];
    if (c == ' ' || c == ',' || c == '\t') continue;
    std::string ch;
    data::utf8_append(c, ch);
    int found = -1;
    for (int k = 0; k < n; ++k)
      if (data::token_name(task, data::kFirstSymbol + k) == ch) found = data::kFirstSymbol + k;
    if (found < 0) {
      const std::string first = data::token_name(task, data::kFirstSymbol);
      const std::string last = data::token_name(task, data::kFirstSymbol + n - 1);
      return make_error("'" + ch + "' (character " + std::to_string(i + 1) + ") is not one of the task's symbols " + first +
                        "–" + last);
    }
    ids.push_back(found);
  }
  if (ids.empty()) return make_error("type a few of the task's symbols, e.g. " + data::token_name(task, data::kFirstSymbol + 2) +
                                     data::token_name(task, data::kFirstSymbol) + data::token_name(task, data::kFirstSymbol + 1));
  if (static_cast<int>(ids.size()) > task.max_len)
    return make_error("the model was trained on sources of at most " + std::to_string(task.max_len) + " symbols; this one has " +
                      std::to_string(ids.size()));
  return ids;
}

LabInputResult run_input(const SeqModel& m, const LabInput& input) {
  LabInputResult r;
  r.text = input.text;
  const SeqTrainerConfig& c = m.config;
  tensor::Tape t(false);

  if (is_text(m)) {
    std::vector<int> ids = data::encode(*m.corpus, input.text);
    std::vector<uint32_t> cps;
    size_t bad = 0;
    if (!data::utf8_decode(input.text, cps, &bad)) {
      r.error = "the input is not valid UTF-8";
      return r;
    }
    if (ids.size() < cps.size())
      r.note = std::to_string(cps.size() - ids.size()) + " character(s) skipped: the text never uses them";
    if (ids.empty()) {
      r.error = "none of these characters occur in the training text";
      return r;
    }
    const int window = c.text_window;
    if (static_cast<int>(ids.size()) > window) {
      r.note = (r.note.empty() ? "" : r.note + "; ") + "only the last " + std::to_string(window) + " characters fit the window";
      ids.erase(ids.begin(), ids.end() - window);
    }
    r.tokens = ids;
    r.prompt_len = static_cast<int>(ids.size());
    const int n = static_cast<int>(ids.size());
    if (c.arch == SeqArch::Decoder) {
      nn::DecoderLM copy = m.decoder;
      nn::set_keep_internals(copy.blocks, true);
      const tensor::Tensor logits = t.value(nn::forward(t, copy, ids, 1, n, false));
      argmax_into(logits, r.predictions);
      r.next_logits.assign(logits.row(n - 1), logits.row(n - 1) + logits.cols);
      collect_attention(copy.blocks, "blocks", r.attention);
      nn::set_keep_internals(copy.blocks, false);
      SplitMix64 rng(7);
      std::vector<std::vector<int>> out;
      nn::free_run(copy, t, {ids}, 32, -1, input.temperature, input.temperature > 0 ? &rng : nullptr, out);
      r.continuation = out[0];
    } else {
      nn::RecurrentLM copy = m.recurrent;
      const tensor::Tensor logits = t.value(nn::forward(t, copy, ids, 1, n));
      argmax_into(logits, r.predictions);
      r.next_logits.assign(logits.row(n - 1), logits.row(n - 1) + logits.cols);
      SplitMix64 rng(7);
      std::vector<std::vector<int>> out;
      nn::free_run(nn::causal_logits(copy), t, {ids}, 32, -1, input.temperature, input.temperature > 0 ? &rng : nullptr,
                   1 << 30, out);
      r.continuation = out[0];
    }
    return r;
  }

  Result<std::vector<int>> parsed = parse_task_input(c.task, input.text);
  if (!parsed) {
    r.error = parsed.error().message;
    return r;
  }
  const std::vector<int>& src = *parsed;
  data::target_of(c.task, src, r.answer);
  const int max_new = data::max_target_len(c.task) + 1;
  switch (c.arch) {
    case SeqArch::Decoder:
    case SeqArch::RNN:
    case SeqArch::LSTM: {
      std::vector<int> prompt = src;
      prompt.push_back(data::kSep);
      std::vector<std::vector<int>> out;
      nn::DecoderLM dec;
      nn::RecurrentLM rec;
      if (c.arch == SeqArch::Decoder) {
        dec = m.decoder;
        nn::set_keep_internals(dec.blocks, false);
        nn::free_run(dec, t, {prompt}, max_new, data::kEos, 0.f, nullptr, out);
      } else {
        rec = m.recurrent;
        nn::free_run(nn::causal_logits(rec), t, {prompt}, max_new, data::kEos, 0.f, nullptr, 1 << 30, out);
      }
      r.tokens = prompt;
      for (int id : out[0])
        if (id != data::kEos) r.tokens.push_back(id);
      r.prompt_len = static_cast<int>(prompt.size());
      const int context = c.arch == SeqArch::Decoder ? c.model.context : data::lm_seq_len(c.task);
      if (static_cast<int>(r.tokens.size()) > context) r.tokens.resize(static_cast<size_t>(context));
      const int n = static_cast<int>(r.tokens.size());
      t.reset();
      if (c.arch == SeqArch::Decoder) {
        nn::set_keep_internals(dec.blocks, true);
        argmax_into(t.value(nn::forward(t, dec, r.tokens, 1, n, false)), r.predictions);
        collect_attention(dec.blocks, "blocks", r.attention);
      } else {
        argmax_into(t.value(nn::forward(t, rec, r.tokens, 1, n)), r.predictions);
      }
      break;
    }
    case SeqArch::Encoder: {
      nn::EncoderModel enc = m.encoder;
      nn::set_keep_internals(enc.blocks, true);
      const std::vector<uint8_t> padding(src.size(), 0);
      const int n = static_cast<int>(src.size());
      argmax_into(t.value(nn::forward(t, enc, src, &padding, 1, n, false)), r.predictions);
      collect_attention(enc.blocks, "blocks", r.attention);
      r.tokens = src;
      r.prompt_len = n;
      break;
    }
    case SeqArch::EncoderDecoder: {
      nn::Seq2Seq s2s = m.seq2seq;
      nn::set_keep_internals(s2s.encoder, false);
      nn::set_keep_internals(s2s.decoder, false);
      const std::vector<uint8_t> padding(src.size(), 0);
      const int n = static_cast<int>(src.size());
      std::vector<std::vector<int>> out;
      nn::free_run(s2s, t, src, padding, 1, n, max_new - 1, data::kBos, data::kEos, 0.f, nullptr, out);
      r.source = src;
      r.tokens = {data::kBos};
      r.tokens.insert(r.tokens.end(), out[0].begin(), out[0].end());
      if (static_cast<int>(r.tokens.size()) > c.model.context) r.tokens.resize(static_cast<size_t>(c.model.context));
      r.prompt_len = 1;
      nn::set_keep_internals(s2s.encoder, true);
      nn::set_keep_internals(s2s.decoder, true);
      t.reset();
      const int len = static_cast<int>(r.tokens.size());
      argmax_into(t.value(nn::forward(t, s2s, src, &padding, r.tokens, 1, n, len, false)), r.predictions);
      collect_attention(s2s.encoder, "encoder", r.attention);
      collect_attention(s2s.decoder, "decoder", r.attention);
      break;
    }
  }
  return r;
}

std::vector<double> gradient_by_distance(const SeqModel& m, std::string* what) {
  const SeqArch arch = m.config.arch;
  if (arch == SeqArch::Encoder || arch == SeqArch::EncoderDecoder) {
    if (what) what->clear();
    return {};
  }
  const data::LmBatch& b = m.probe_lm;
  // The last answer token of each row (not <eos>): the loss whose gradient travels back.
  std::vector<int> targets(b.targets.size(), -1), last(static_cast<size_t>(b.batch), -1);
  for (int r = 0; r < b.batch; ++r) {
    for (int p = b.seq - 1; p >= 0; --p) {
      const int tg = b.targets[static_cast<size_t>(r * b.seq + p)];
      if (tg >= 0 && (is_text(m) || tg != data::kEos)) {
        last[static_cast<size_t>(r)] = p;
        targets[static_cast<size_t>(r * b.seq + p)] = tg;
        break;
      }
    }
  }
  tensor::Tape t(true);
  std::vector<double> acc(static_cast<size_t>(b.seq), 0.0);
  if (arch == SeqArch::Decoder) {
    nn::DecoderLM copy = m.decoder;
    nn::set_keep_internals(copy.blocks, false);
    tensor::Var logits = nn::forward(t, copy, b.ids, b.batch, b.seq, false);
    t.backward(tensor::cross_entropy(t, logits, targets));
    const tensor::Tensor* g = t.grad(copy.last_embedded);
    if (!g) return {};
    for (int r = 0; r < b.batch; ++r)
      for (int p = 0; p <= last[static_cast<size_t>(r)]; ++p) {
        double s = 0;
        const float* row = g->row(r * b.seq + p);
        for (int k = 0; k < g->cols; ++k) s += static_cast<double>(row[k]) * row[k];
        acc[static_cast<size_t>(last[static_cast<size_t>(r)] - p)] += s;
      }
    if (what) *what = "embedded input x";
  } else {
    nn::RecurrentLM copy = m.recurrent;
    tensor::Var logits = nn::forward(t, copy, b.ids, b.batch, b.seq);
    t.backward(tensor::cross_entropy(t, logits, targets));
    const nn::RecurrentTrace& tr = copy.trace();
    for (int p = 0; p < static_cast<int>(tr.h.size()); ++p) {
      const tensor::Tensor* g = t.grad(tr.h[static_cast<size_t>(p)]);  // B×H
      if (!g) continue;
      for (int r = 0; r < b.batch; ++r) {
        if (p > last[static_cast<size_t>(r)]) continue;
        double s = 0;
        for (int k = 0; k < g->cols; ++k) s += static_cast<double>((*g)(r, k)) * (*g)(r, k);
        acc[static_cast<size_t>(last[static_cast<size_t>(r)] - p)] += s;
      }
    }
    if (what) *what = "hidden state h";
  }
  int longest = -1;
  for (int l : last) longest = std::max(longest, l);
  acc.resize(static_cast<size_t>(longest + 1));
  for (double& a : acc) a = std::sqrt(a);
  return acc;
}

std::vector<double> accuracy_by_position(SeqModel& m) {
  if (is_text(m)) return {};
  const SeqTrainerConfig& c = m.config;
  tensor::Tape& t = *m.tape;
  t.set_grad_enabled(false);
  t.reset();
  std::vector<int> pred;
  std::vector<double> correct, total;
  auto count = [&](int offset, bool ok) {
    if (offset < 0) return;
    if (static_cast<size_t>(offset) >= total.size()) {
      total.resize(static_cast<size_t>(offset) + 1, 0.0);
      correct.resize(total.size(), 0.0);
    }
    total[static_cast<size_t>(offset)] += 1;
    correct[static_cast<size_t>(offset)] += ok ? 1 : 0;
  };
  switch (c.arch) {
    case SeqArch::Decoder:
    case SeqArch::RNN:
    case SeqArch::LSTM: {
      const data::LmBatch& b = m.eval_lm;
      const tensor::Tensor& logits = c.arch == SeqArch::Decoder
                                         ? t.value(nn::forward(t, m.decoder, b.ids, b.batch, b.seq, false))
                                         : t.value(nn::forward(t, m.recurrent, b.ids, b.batch, b.seq));
      argmax_into(logits, pred);
      for (int r = 0; r < b.batch; ++r)
        for (int p = 0; p < b.seq; ++p) {
          const int tg = b.targets[static_cast<size_t>(r * b.seq + p)];
          if (tg >= 0) count(p - (b.prompt_len[static_cast<size_t>(r)] - 1), pred[static_cast<size_t>(r * b.seq + p)] == tg);
        }
      break;
    }
    case SeqArch::Encoder: {
      const data::TaggingBatch& b = m.eval_tagging;
      argmax_into(t.value(nn::forward(t, m.encoder, b.ids, &b.padding, b.batch, b.seq, false)), pred);
      for (size_t i = 0; i < b.targets.size(); ++i)
        if (b.targets[i] >= 0) count(static_cast<int>(i) % b.seq, pred[i] == b.targets[i]);
      break;
    }
    case SeqArch::EncoderDecoder: {
      const data::Seq2SeqBatch& b = m.eval_s2s;
      argmax_into(t.value(nn::forward(t, m.seq2seq, b.src, &b.src_padding, b.tgt_in, b.batch, b.src_len, b.tgt_len, false)),
                  pred);
      for (size_t i = 0; i < b.targets.size(); ++i)
        if (b.targets[i] >= 0) count(static_cast<int>(i) % b.tgt_len, pred[i] == b.targets[i]);
      break;
    }
  }
  t.set_grad_enabled(true);
  std::vector<double> out(total.size(), 0.0);
  for (size_t i = 0; i < out.size(); ++i) out[i] = total[i] > 0 ? correct[i] / total[i] : 0.0;
  return out;
}

Result<std::string> load_lab_text(const std::string& name) {
  if (name == "licenses") {
    for (const char* path : {"/usr/share/common-licenses/GPL-3", "/usr/share/common-licenses/Apache-2.0",
                             "/usr/share/common-licenses/GPL-2"})
      if (std::filesystem::exists(path)) return read_file(path);
    return make_error("/usr/share/common-licenses has no GPL-3, Apache-2.0 or GPL-2 text (package base-files)");
  }
  if (name == "lessons") {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(lessons_dir(), ec))
      if (e.path().extension() == ".md" && e.path().filename() != "README.md") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::string all;
    for (const std::string& f : files) {
      Result<std::string> text = read_file(f);
      if (text) all += *text + "\n";
    }
    if (all.size() < 2000) return make_error("the lessons folder (" + lessons_dir() + ") holds too little text to train on");
    return all;
  }
  return read_file(name);
}

}  // namespace attend::train
