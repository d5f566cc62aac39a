#include "views/attention_view_data.h"

#include <algorithm>

namespace attend::views::attention_view {

namespace {

const char* const kStageNames[kStages] = {"X",  "W_Q",     "W_K",     "W_V", "Q",      "K",     "V",
                                          "QKᵀ", "QKᵀ/√d", "+ mask", "softmax", "AV", "concat", "output"};
const char* const kStageKeys[kStages] = {"x",      "wq",     "wk",      "wv", "q",      "k",      "v",
                                         "scores", "scaled", "masked", "weights", "av", "concat", "output"};

bool is_encoder_layer(const std::string& name) { return name.rfind("encoder.", 0) == 0; }

const std::vector<int>* row_tokens(const std::vector<std::vector<int>>& rows, int row) {
  if (row < 0 || row >= static_cast<int>(rows.size())) return nullptr;
  return &rows[static_cast<size_t>(row)];
}

// Which token rows a layer's queries and keys are, for each source.
const std::vector<int>* tokens_for(const train::LabSnapshot& s, Source src, int layer, int row, bool keys) {
  const std::vector<train::AttentionLayer>& ls = layers_of(s, src);
  if (layer < 0 || layer >= static_cast<int>(ls.size())) return nullptr;
  const train::AttentionLayer& l = ls[static_cast<size_t>(layer)];
  const bool encoder = is_encoder_layer(l.name);
  const bool source_side = encoder || (keys && l.cross);
  switch (src) {
    case Source::Probe: return row_tokens(source_side ? s.seq.sources : s.seq.inputs, row);
    case Source::Free: return row_tokens(source_side ? s.seq.sources : s.free_inputs, row);
    case Source::Input: {
      if (source_side && s.settings.arch == train::SeqArch::EncoderDecoder) return &s.input.source;
      return &s.input.tokens;
    }
  }
  return nullptr;
}

std::vector<std::string> labels(const train::LabSnapshot& s, const std::vector<int>* tokens, int n) {
  std::vector<std::string> out(static_cast<size_t>(std::max(0, n)), "·");
  if (!tokens) return out;
  for (int i = 0; i < n && i < static_cast<int>(tokens->size()); ++i) {
    const int id = (*tokens)[static_cast<size_t>(i)];
    // Padding reads as "·" like the positions past the row's end (a text LM has no padding: id 0 is a character).
    if (id == data::kPad && s.settings.task != train::LabTask::Text) continue;
    if (id >= 0 && id < static_cast<int>(s.seq.vocab.size())) out[static_cast<size_t>(i)] = s.seq.vocab[static_cast<size_t>(id)];
  }
  return out;
}

const train::AttentionLayer* layer_at(const train::LabSnapshot& s, Source src, int layer) {
  const std::vector<train::AttentionLayer>& ls = layers_of(s, src);
  if (layer < 0 || layer >= static_cast<int>(ls.size())) return nullptr;
  return &ls[static_cast<size_t>(layer)];
}

}  // namespace

const char* stage_name(Stage s) { return kStageNames[static_cast<int>(s)]; }
const char* stage_key(Stage s) { return kStageKeys[static_cast<int>(s)]; }
bool parse_stage(const std::string& key, Stage* out) {
  for (int k = 0; k < kStages; ++k)
    if (key == kStageKeys[k]) {
      *out = static_cast<Stage>(k);
      return true;
    }
  return false;
}

const std::vector<train::AttentionLayer>& layers_of(const train::LabSnapshot& s, Source src) {
  switch (src) {
    case Source::Probe: return s.seq.attention;
    case Source::Input: return s.input.attention;
    case Source::Free: return s.free_attention;
  }
  return s.seq.attention;
}

std::vector<std::string> query_labels(const train::LabSnapshot& s, Source src, int layer, int row) {
  const train::AttentionLayer* l = layer_at(s, src, layer);
  return labels(s, tokens_for(s, src, layer, row, false), l ? l->record.tq : 0);
}

std::vector<std::string> key_labels(const train::LabSnapshot& s, Source src, int layer, int row) {
  const train::AttentionLayer* l = layer_at(s, src, layer);
  return labels(s, tokens_for(s, src, layer, row, true), l ? l->record.tk : 0);
}

Selection clamp(const train::LabSnapshot& s, Source src, Selection sel) {
  const std::vector<train::AttentionLayer>& ls = layers_of(s, src);
  if (ls.empty()) return sel;
  sel.layer = std::clamp(sel.layer, 0, static_cast<int>(ls.size()) - 1);
  const tensor::AttentionRecord& r = ls[static_cast<size_t>(sel.layer)].record;
  sel.head = std::clamp(sel.head, 0, std::max(0, r.heads - 1));
  sel.row = std::clamp(sel.row, 0, std::max(0, r.batch - 1));
  if (sel.query >= r.tq) sel.query = r.tq - 1;
  return sel;
}

StageData stage_data(const train::LabSnapshot& s, Source src, const Selection& sel, Stage stage) {
  StageData d;
  const train::AttentionLayer* l = layer_at(s, src, sel.layer);
  if (!l) return d;
  const tensor::AttentionRecord& r = l->record;
  const nn::AttentionInternals& in = l->internals;
  if (sel.head < 0 || sel.head >= r.heads || sel.row < 0 || sel.row >= r.batch || r.weights.empty()) return d;
  const int b = sel.row, h = sel.head, dh = r.dh, dm = in.d_model;
  const auto tensor_rows = [&](const tensor::Tensor& t, int first, int rows, int col0, int cols) {
    if (t.empty() || t.rows < first + rows || t.cols < col0 + cols) return plot::Grid{};
    return plot::Grid(t.row(first) + col0, rows, cols, t.cols);
  };
  const auto weight_cols = [&](const tensor::Tensor& w) {
    if (w.empty()) return plot::Grid{};
    return plot::Grid(w.ptr() + h * dh, w.rows, dh, w.cols);
  };
  const size_t scores_at = r.score_index(b, h, 0, 0);
  const uint8_t* mask = r.mask.empty() ? nullptr : r.mask.data() + static_cast<size_t>(b) * r.tq * r.tk;
  switch (stage) {
    case Stage::X:
      d.grid = tensor_rows(in.input, b * r.tq, r.tq, 0, dm);
      d.token_rows = true;
      break;
    case Stage::WQ: d.grid = weight_cols(in.w_q); break;
    case Stage::WK: d.grid = weight_cols(in.w_k); break;
    case Stage::WV: d.grid = weight_cols(in.w_v); break;
    case Stage::Q:
      d.grid = plot::Grid(r.q.data() + r.qkv_index(b, h, 0, 0, r.tq), r.tq, dh);
      d.token_rows = true;
      break;
    case Stage::K:
      d.grid = plot::Grid(r.k.data() + r.qkv_index(b, h, 0, 0, r.tk), r.tk, dh);
      d.key_rows = true;
      break;
    case Stage::V:
      d.grid = plot::Grid(r.v.data() + r.qkv_index(b, h, 0, 0, r.tk), r.tk, dh);
      d.key_rows = true;
      break;
    case Stage::Scores:
      d.grid = plot::Grid(r.raw_scores.data() + scores_at, r.tq, r.tk);
      d.token_rows = d.key_cols = true;
      break;
    case Stage::Scaled:
      d.grid = plot::Grid(r.scaled_scores.data() + scores_at, r.tq, r.tk);
      d.token_rows = d.key_cols = true;
      break;
    case Stage::Masked:
      d.grid = plot::Grid(r.masked_scores.data() + scores_at, r.tq, r.tk);
      d.mask = mask;
      d.token_rows = d.key_cols = true;
      break;
    case Stage::Weights:
      d.grid = plot::Grid(r.weights.data() + scores_at, r.tq, r.tk);
      d.mask = mask;
      d.token_rows = d.key_cols = true;
      d.probability = true;
      break;
    case Stage::AV:
      // Each head's weighted sums of V are its block of the concatenated heads.
      d.grid = tensor_rows(in.concat, b * r.tq, r.tq, h * dh, dh);
      d.token_rows = true;
      break;
    case Stage::Concat:
      d.grid = tensor_rows(in.concat, b * r.tq, r.tq, 0, dm);
      d.token_rows = true;
      break;
    case Stage::Output:
      d.grid = tensor_rows(in.output, b * r.tq, r.tq, 0, dm);
      d.token_rows = true;
      break;
  }
  return d;
}

std::vector<float> weight_row(const train::LabSnapshot& s, Source src, const Selection& sel) {
  const train::AttentionLayer* l = layer_at(s, src, sel.layer);
  if (!l || sel.query < 0) return {};
  const tensor::AttentionRecord& r = l->record;
  if (sel.head >= r.heads || sel.row >= r.batch || sel.query >= r.tq || r.weights.empty()) return {};
  const float* p = r.weights.data() + r.score_index(sel.row, sel.head, sel.query, 0);
  return std::vector<float>(p, p + r.tk);
}

std::vector<float> value_sum(const train::LabSnapshot& s, Source src, const Selection& sel) {
  const train::AttentionLayer* l = layer_at(s, src, sel.layer);
  if (!l || sel.query < 0) return {};
  const tensor::AttentionRecord& r = l->record;
  if (sel.head >= r.heads || sel.row >= r.batch || sel.query >= r.tq || r.weights.empty()) return {};
  return nn::weighted_value_sum(r, sel.row, sel.head, sel.query);
}

std::vector<HeadLabel> head_labels(const train::LabSnapshot& s, int layer) {
  std::vector<HeadLabel> out;
  if (layer < 0 || layer >= static_cast<int>(s.focus.size())) return out;
  const train::LayerFocus& f = s.focus[static_cast<size_t>(layer)];
  size_t heads = f.entropy.size();
  out.resize(heads);
  for (int k = 0; k < nn::kFocusPatterns; ++k) {
    const std::vector<double>& v = f.pattern[static_cast<size_t>(k)];
    for (size_t h = 0; h < v.size() && h < heads; ++h)
      if (v[h] > out[h].value) out[h] = HeadLabel{nn::focus_name(static_cast<nn::FocusPattern>(k)), v[h]};
  }
  return out;
}

}  // namespace attend::views::attention_view
