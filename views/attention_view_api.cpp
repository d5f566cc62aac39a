// The attention lab's lesson API: configure(key, value) sets what a person could set by hand, query(key)
// reads what a lesson's checks need. Unknown keys are errors that list the known ones.
//
// configure
//   mode            "train" | "stages" | "input" | "seq2seq" | "positions" | "recurrence" | "scaling"
//   task            "copy" | "reverse" | "sort" | "digits" | "text" (a text needs `text` first, else licenses)
//   text            "licenses" | "lessons" | a path: the character LM's text (switches the task to text)
//   arch            "decoder" | "encoder" | "encoder-decoder" | "rnn" | "lstm"
//   layers, heads, d_model, length, symbols, rnn_hidden   numbers (re-initialise the model)
//   positional      "none" | "sinusoidal" | "learned";   causal, variable_length   true/false
//   layer, head, row, query   which attention layer (index into the list, 0-based), head, example, query
//                   token (−1: none) the panels show
//   source          "probe" | "input": whose attention "Step by step" shows
//   input           the person's own sequence or text;  temperature  the char LM's sampling temperature
//   shift           k of the positional shift demonstration;  speed (steps/s, 0: flat out), run, advance
//   highlight.head (index layer·heads + head, false clears), highlight.mask, highlight.query,
//   highlight.causal, highlight.cross, highlight.shift, highlight.runs, highlight.gradient,
//   highlight.entropy, highlight.saturated (true/false), highlight.stage (a stage key: x, wq, wk, wv, q, k, v,
//   scores, scaled, masked, weights, av, concat, output)
// query
//   mode, task, arch, layers, heads, d_model, length, causal, positional, steps, running, layer, head, row, query,
//   shift, temperature, attention_layers (how many), layer_name,
//   focus.<pattern>   the selected head's weight on the key a pattern names (mirror, target, previous, self,
//                     first, separator, aligned), best.<pattern> the largest over every head of every layer,
//   entropy (selected head), weights (selected query's row), row_sum, masked_weight (total weight on masked
//   cells of the selected layer, every head and query: 0), future_weight (weight on later keys in the first
//   layer: > 0 once the causal mask is off),
//   input.error, input.output (the model's answer or continuation), input.expected, input.correct,
//   input.next (the most likely next token), input.next_p,
//   shift.max_error, scaling.entropy_scaled, scaling.entropy_unscaled, scaling.saturated_unscaled
//   (at the largest d), grad.first, grad.last, grad.ratio (last / first of the gradient against distance),
//   runs (archived runs), keys
#include <algorithm>
#include <cmath>

#include "core/nn/decoding.h"
#include "views/attention_view_state.h"

namespace attend::views::attention_view {

namespace {

constexpr const char* kConfigureKeys =
    "mode, task, text, arch, layers, heads, d_model, length, symbols, rnn_hidden, positional, causal, variable_length, "
    "layer, head, row, query, source, input, temperature, shift, speed, run, advance, highlight.<head|mask|query|causal|"
    "cross|shift|runs|gradient|entropy|saturated|stage>";
constexpr const char* kQueryKeys =
    "mode, task, arch, layers, heads, d_model, length, causal, positional, steps, running, layer, head, row, query, "
    "shift, temperature, attention_layers, layer_name, focus.<pattern>, best.<pattern>, entropy, weights, row_sum, masked_weight, "
    "future_weight, input.error, input.output, input.expected, input.correct, input.next, input.next_p, "
    "shift.max_error, scaling.entropy_scaled, scaling.entropy_unscaled, scaling.saturated_unscaled, grad.first, "
    "grad.last, grad.ratio, runs, keys";

const char* const kArchKeys[] = {"decoder", "encoder", "encoder-decoder", "rnn", "lstm"};
const char* const kPosKeys[] = {"none", "sinusoidal", "learned"};

int index_of(const char* const* names, int n, const std::string& s) {
  for (int i = 0; i < n; ++i)
    if (s == names[i]) return i;
  return -1;
}

// The latest snapshot after every command sent so far (when paused; while training, the latest one).
std::shared_ptr<const train::LabSnapshot> latest(Lab& lab, bool sync) {
  auto p = lab.session->progress();
  if (sync && p && !p->running) lab.session->wait_idle();
  return lab.session->latest();
}

}  // namespace

Status configure_lab(Lab& lab, const std::string& key, const Value& value) {
  auto bad = [&](const std::string& what) { return make_error("attention: option '" + key + "' takes " + what); };
  const double* num = as_number(value);
  const bool* flag = as_bool(value);
  const std::string* text = as_string(value);
  LabSession& ses = *lab.session;
  const bool setting = key == "layers" || key == "heads" || key == "d_model" || key == "length" || key == "symbols" ||
                       key == "rnn_hidden";
  if (key == "mode") {
    int m = -1;
    for (int i = 0; i < kModes && text; ++i)
      if (*text == mode_key(static_cast<Mode>(i))) m = i;
    if (m < 0) return bad("\"train\", \"stages\", \"input\", \"seq2seq\", \"positions\", \"recurrence\" or \"scaling\"");
    lab.mode = static_cast<Mode>(m);
    lab.select_tab = true;
    if (lab.mode == Mode::Scaling) ensure_scaling(lab);
    if (lab.mode == Mode::Positions) ensure_positions(lab);
  } else if (key == "task") {
    train::LabTask t;
    if (!text || !train::parse_lab_task(*text, &t)) return bad("\"copy\", \"reverse\", \"sort\", \"digits\" or \"text\"");
    auto snap = latest(lab, true);
    if (t == train::LabTask::Text && !snap->settings.text) return use_text(lab, "licenses");
    ses.set("task", static_cast<double>(t));
  } else if (key == "text") {
    if (!text || text->empty()) return bad("\"licenses\", \"lessons\" or a path to a UTF-8 text file");
    return use_text(lab, *text);
  } else if (key == "arch") {
    const int a = text ? index_of(kArchKeys, 5, *text) : -1;
    if (a < 0) return bad("\"decoder\", \"encoder\", \"encoder-decoder\", \"rnn\" or \"lstm\"");
    ses.set("arch", a);
  } else if (setting) {
    if (!num) return bad("a number");
    ses.set(key, *num);
  } else if (key == "positional") {
    const int p = text ? index_of(kPosKeys, 3, *text) : -1;
    if (p < 0) return bad("\"none\", \"sinusoidal\" or \"learned\"");
    ses.set("positional", p);
  } else if (key == "causal" || key == "variable_length") {
    if (!flag) return bad("true or false");
    ses.set(key, *flag ? 1 : 0);
  } else if (key == "layer" || key == "head" || key == "row" || key == "query") {
    if (!num || !std::isfinite(*num)) return bad("a number");
    const int v = static_cast<int>(*num);
    if (key == "layer") lab.sel.layer = std::max(0, v);
    if (key == "head") lab.sel.head = std::max(0, v);
    if (key == "row") lab.sel.row = std::max(0, v);
    if (key == "query") lab.sel.query = std::max(-1, v);
  } else if (key == "source") {
    if (!text || (*text != "probe" && *text != "input")) return bad("\"probe\" or \"input\"");
    lab.stage_source = *text == "input" ? Source::Input : Source::Probe;
  } else if (key == "input") {
    if (!text) return bad("a string");
    std::snprintf(lab.input_buf, sizeof lab.input_buf, "%s", text->c_str());
    const std::string t = *text;
    ses.post([t](train::LabModel& m) { m.input.text = t; });
  } else if (key == "temperature") {
    if (!num || !(*num >= 0 && *num <= 5)) return bad("a number from 0 to 5");
    lab.temperature = static_cast<float>(*num);
    const float t = lab.temperature;
    ses.post([t](train::LabModel& m) { m.input.temperature = t; });
  } else if (key == "shift") {
    if (!num || !(std::fabs(*num) <= 16)) return bad("a number from −16 to 16");
    lab.shift_k = static_cast<int>(*num);
    ensure_positions(lab);
  } else if (key == "speed") {
    if (!num || !(*num >= 0)) return bad("steps per second (0: as fast as it goes)");
    ses.set_speed(*num);
  } else if (key == "run") {
    if (!flag) return bad("true or false");
    if (*flag) ses.run();
    else ses.pause();
  } else if (key == "advance") {
    if (!num || !(*num >= 1)) return bad("a number of steps");
    ses.step(static_cast<int64_t>(*num));
  } else if (key.rfind("highlight.", 0) == 0) {
    const std::string target = key.substr(10);
    const bool off = (flag && !*flag);
    if (target == "stage") {
      if (off) lab.highlight_stage.clear();
      else if (text) {
        Stage st;
        if (!parse_stage(*text, &st)) return bad("a stage: x, wq, wk, wv, q, k, v, scores, scaled, masked, weights, av, concat, output");
        lab.highlight_stage = *text;
      } else {
        return bad("a stage key or false");
      }
      return Ok{};
    }
    static const char* const targets[] = {"head", "mask", "query", "causal", "cross", "shift", "runs", "gradient", "entropy", "saturated"};
    if (std::find(std::begin(targets), std::end(targets), target) == std::end(targets))
      return make_error("attention: nothing called '" + target +
                        "' to highlight; the targets are head, mask, query, causal, cross, shift, runs, gradient, entropy, "
                        "saturated, stage");
    if (off) {
      if (lab.highlight_target == target) lab.highlight_target.clear();
    } else {
      lab.highlight_target = target;
      lab.highlight_index = num ? static_cast<int>(*num) : -1;
    }
  } else {
    return make_error("the attention view has no option '" + key + "'; the options are " + kConfigureKeys);
  }
  return Ok{};
}

std::optional<Value> query_lab(Lab& lab, const std::string& key) {
  auto snap = latest(lab, false);
  if (!snap) return std::nullopt;
  const train::LabSnapshot& s = *snap;
  const Selection sel = clamp(s, Source::Probe, lab.sel);
  const std::vector<train::AttentionLayer>& ls = s.seq.attention;
  if (key == "mode") return Value(std::string(mode_key(lab.mode)));
  if (key == "task") return Value(std::string(train::lab_task_name(s.settings.task)));
  if (key == "arch") return Value(std::string(kArchKeys[static_cast<int>(s.settings.arch)]));
  if (key == "layers") return Value(static_cast<double>(s.settings.layers));
  if (key == "heads") return Value(static_cast<double>(s.settings.heads));
  if (key == "d_model") return Value(static_cast<double>(s.settings.d_model));
  if (key == "length") return Value(static_cast<double>(s.settings.length));
  if (key == "shift") return Value(static_cast<double>(lab.shift_k));
  if (key == "temperature") return Value(static_cast<double>(lab.temperature));
  if (key == "causal") return Value(s.settings.causal);
  if (key == "positional") return Value(std::string(kPosKeys[static_cast<int>(s.settings.positional)]));
  if (key == "steps") return Value(static_cast<double>(s.progress.step));
  if (key == "running") return Value(s.progress.running);
  if (key == "layer") return Value(static_cast<double>(sel.layer));
  if (key == "head") return Value(static_cast<double>(sel.head));
  if (key == "row") return Value(static_cast<double>(sel.row));
  if (key == "query") return Value(static_cast<double>(sel.query));
  if (key == "attention_layers") return Value(static_cast<double>(ls.size()));
  if (key == "layer_name") return Value(sel.layer < static_cast<int>(ls.size()) ? ls[static_cast<size_t>(sel.layer)].name : std::string());
  if (key.rfind("focus.", 0) == 0 || key.rfind("best.", 0) == 0) {
    const bool best = key[0] == 'b';
    nn::FocusPattern p;
    if (!nn::parse_focus(key.substr(best ? 5 : 6), &p)) return std::nullopt;
    double v = 0;
    for (size_t l = 0; l < s.focus.size(); ++l) {
      const std::vector<double>& f = s.focus[l].pattern[static_cast<size_t>(p)];
      for (size_t h = 0; h < f.size(); ++h)
        if (best || (static_cast<int>(l) == sel.layer && static_cast<int>(h) == sel.head)) v = std::max(v, f[h]);
    }
    return Value(v);
  }
  if (key == "entropy") {
    if (sel.layer >= static_cast<int>(s.focus.size())) return Value(0.0);
    const std::vector<double>& e = s.focus[static_cast<size_t>(sel.layer)].entropy;
    return Value(sel.head < static_cast<int>(e.size()) ? e[static_cast<size_t>(sel.head)] : 0.0);
  }
  if (key == "weights" || key == "row_sum") {
    Selection q = sel;
    if (q.query < 0) q.query = 0;
    const std::vector<float> w = weight_row(s, Source::Probe, q);
    std::vector<double> out(w.begin(), w.end());
    if (key == "weights") return Value(out);
    double sum = 0;
    for (double x : out) sum += x;
    return Value(sum);
  }
  if (key == "masked_weight" || key == "future_weight") {
    double total = 0;
    const int layer = key == "future_weight" ? 0 : sel.layer;
    if (layer < static_cast<int>(ls.size())) {
      const tensor::AttentionRecord& r = ls[static_cast<size_t>(layer)].record;
      for (int b = 0; b < r.batch; ++b)
        for (int h = 0; h < r.heads; ++h)
          for (int i = 0; i < r.tq; ++i)
            for (int j = 0; j < r.tk; ++j) {
              const bool hit = key == "future_weight" ? j > i : r.mask[(static_cast<size_t>(b) * r.tq + i) * r.tk + j] != 0;
              if (hit) total += r.weight(b, h, i, j);
            }
    }
    return Value(total);
  }
  if (key.rfind("input.", 0) == 0) {
    const train::LabInputResult& in = s.input;
    const bool text = s.settings.task == train::LabTask::Text;
    if (key == "input.error") return Value(in.error);
    if (key == "input.output") return Value(token_string(s, text ? in.continuation : in.tokens, text ? 0 : in.prompt_len));
    if (key == "input.expected") return Value(token_string(s, in.answer));
    if (key == "input.correct") {
      if (in.tokens.empty() || in.answer.empty()) return Value(false);
      std::vector<int> got(in.tokens.begin() + std::min<size_t>(in.tokens.size(), static_cast<size_t>(in.prompt_len)), in.tokens.end());
      while (!got.empty() && got.back() == data::kEos) got.pop_back();
      return Value(got == in.answer);
    }
    if (key == "input.next" || key == "input.next_p") {
      if (in.next_logits.empty()) return Value(key == "input.next" ? Value(std::string()) : Value(0.0));
      std::vector<float> p;
      nn::token_distribution(in.next_logits.data(), static_cast<int>(in.next_logits.size()), lab.temperature, p);
      const size_t best = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
      if (key == "input.next_p") return Value(static_cast<double>(p[best]));
      return Value(best < s.seq.vocab.size() ? s.seq.vocab[best] : std::string());
    }
    return std::nullopt;
  }
  if (key == "shift.max_error") {
    ensure_positions(lab);
    return Value(lab.shift.max_error);
  }
  if (key.rfind("scaling.", 0) == 0) {
    ensure_scaling(lab);
    if (lab.scaling.empty()) return Value(0.0);
    const experiments::ScalingPoint& p = lab.scaling.back();
    if (key == "scaling.entropy_scaled") return Value(p.scaled.entropy);
    if (key == "scaling.entropy_unscaled") return Value(p.unscaled.entropy);
    if (key == "scaling.saturated_unscaled") return Value(p.unscaled.saturated);
    return std::nullopt;
  }
  if (key == "grad.first" || key == "grad.last" || key == "grad.ratio") {
    const std::vector<double>& g = s.grad_by_distance;
    if (g.empty()) return Value(0.0);
    if (key == "grad.first") return Value(g.front());
    if (key == "grad.last") return Value(g.back());
    return Value(g.front() > 0 ? g.back() / g.front() : 0.0);
  }
  if (key == "runs") return Value(static_cast<double>(s.progress.archive ? s.progress.archive->size() : 0));
  if (key == "keys") return Value(std::string(kQueryKeys));
  return std::nullopt;
}

}  // namespace attend::views::attention_view
