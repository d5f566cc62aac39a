// "Step by step": every stage of one attention head for one example, a chosen query token lit up through
// each of them and its weighted sum of V as bars. "Your input": the person's own sequence or text through
// the model, its attention and, for a character LM, the next-token distribution at a temperature.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/nn/decoding.h"
#include "views/attention_view_state.h"
#include "views/plot/plot.h"

namespace attend::views::attention_view {

namespace {

// The token strip: the example's query tokens as buttons; a click picks the query followed through.
void draw_token_strip(const ViewContext& ctx, Lab& lab, Source src) {
  const std::vector<std::string> q = query_labels(*lab.snap, src, lab.sel.layer, lab.sel.row);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("query token");
  const bool hl = lab.highlight_target == "query";
  for (int i = 0; i < static_cast<int>(q.size()); ++i) {
    ImGui::SameLine(0, 3 * ctx.scale);
    const bool on = i == lab.sel.query;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(ctx.palette->highlight));
    else if (hl) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(ctx.palette->warning));
    ImGui::PushID(i);
    if (ImGui::Button(q[static_cast<size_t>(i)].c_str())) lab.sel.query = on ? -1 : i;
    ImGui::PopID();
    if (on || hl) ImGui::PopStyleColor();
  }
}

}  // namespace

void draw_stages_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale, gap = 6 * s;
  ImGui::SetCursorScreenPos(origin);
  draw_layer_head_picker(ctx, lab, lab.stage_source);
  ImGui::SameLine();
  bool own = lab.stage_source == Source::Input;
  if (ImGui::Checkbox("my input", &own)) lab.stage_source = own ? Source::Input : Source::Probe;
  draw_token_strip(ctx, lab, lab.stage_source);
  const float top = ImGui::GetCursorScreenPos().y + 2 * s;
  const float h = origin.y + size.y - top;
  // 4 × 4 panels: the 14 stages and the weighted sum as bars, in reading order.
  const int cols = 5, rows = 3;
  const float pw = std::floor((size.x - gap * (cols - 1)) / cols), ph = std::floor((h - gap * (rows - 1)) / rows);
  const Stage order[14] = {Stage::X,      Stage::WQ,     Stage::WK,      Stage::WV, Stage::Q,
                           Stage::K,      Stage::V,      Stage::Scores,  Stage::Scaled, Stage::Masked,
                           Stage::Weights, Stage::AV,    Stage::Concat,  Stage::Output};
  const char* captions[14] = {"X (tokens × d)", "W_Q (head's columns)", "W_K", "W_V", "Q = X·W_Q", "K = X·W_K",
                              "V = X·W_V", "QKᵀ", "÷ √d_head", "+ mask (−∞)", "softmax (rows sum to 1)",
                              "AV = Σ w·v", "concat (all heads)", "output = concat·W_O"};
  for (int k = 0; k < 15; ++k) {
    const int r = k / cols, c = k % cols;
    const ImVec2 p0(origin.x + c * (pw + gap), top + r * (ph + gap));
    const ImVec2 p1(p0.x + pw, p0.y + ph);
    if (k == 14) {
      char title[64];
      if (lab.sel.query >= 0) std::snprintf(title, sizeof title, "Σ w·v for query %d", lab.sel.query);
      else std::snprintf(title, sizeof title, "Σ w·v (no query yet)");
      const Panel p = draw_panel(ctx, title, p0, p1);
      ImGui::SetCursorScreenPos(p.body_min);
      const std::vector<float> v = value_sum(*lab.snap, lab.stage_source, lab.sel);
      plot::BarChart b;
      b.values = v;
      b.horizontal = false;
      b.value_labels = false;
      b.value_axis.label = "component of AV";
      b.empty_text = "click a token";
      plot::draw_bar_chart(ctx, "av_bars", b, p.body_size());
      continue;
    }
    const Stage st = order[k];
    const bool hl = lab.highlight_stage == stage_key(st);
    const Panel p = draw_panel(ctx, captions[k], p0, p1, hl);
    ImGui::SetCursorScreenPos(p.body_min);
    const int q = draw_stage(ctx, lab, lab.stage_source, st, lab.sel, p.body_size());
    if (q >= 0) lab.sel.query = q;
  }
}

void draw_input_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale, gap = 8 * s;
  const train::LabSnapshot& snap = *lab.snap;
  const bool text = snap.settings.task == train::LabTask::Text;
  ImGui::SetCursorScreenPos(origin);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text ? "Your text" : "Your sequence");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(420 * s, size.x * 0.45f));
  const char* hint = text ? "type the start of a sentence" : snap.settings.task == train::LabTask::Digits ? "e.g. 307" : "e.g. c f b a";
  const bool enter = ImGui::InputTextWithHint("##input", hint, lab.input_buf, sizeof lab.input_buf,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Run") || enter) && lab.input_buf[0]) {
    const std::string t = lab.input_buf;
    lab.session->post([t](train::LabModel& m) { m.input.text = t; });
  }
  if (text) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140 * s);
    if (ImGui::SliderFloat("temperature", &lab.temperature, 0.f, 2.f, "%.2f")) {
      const float tmp = lab.temperature;
      lab.session->post([tmp](train::LabModel& m) { m.input.temperature = tmp; });
    }
  }
  const train::LabInputResult& in = snap.input;
  if (!in.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette->bad));
    ImGui::TextWrapped("%s", in.error.c_str());
    ImGui::PopStyleColor();
  } else if (!in.tokens.empty()) {
    if (text) {
      ImGui::TextWrapped("model reads: \"%s\"   continues (T = %.2f): \"%s\"", token_string(snap, in.tokens).c_str(),
                         lab.temperature, token_string(snap, in.continuation).c_str());
    } else {
      const std::vector<int>& src = snap.settings.arch == train::SeqArch::EncoderDecoder ? in.source : in.tokens;
      const int n = snap.settings.arch == train::SeqArch::EncoderDecoder ? static_cast<int>(src.size()) : in.prompt_len;
      std::vector<int> given(src.begin(), src.begin() + std::min<size_t>(src.size(), static_cast<size_t>(n)));
      ImGui::Text("input: %s   model answers: %s   expected: %s", token_string(snap, given).c_str(),
                  token_string(snap, in.tokens, in.prompt_len).c_str(), token_string(snap, in.answer).c_str());
    }
    if (!in.note.empty()) ImGui::TextDisabled("%s", in.note.c_str());
  } else {
    ImGui::TextDisabled("Type something and press Enter: the model runs on it as it is now, training or not.");
  }
  draw_layer_head_picker(ctx, lab, Source::Input);
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float ye = origin.y + size.y, xe = origin.x + size.x;
  const float w1 = std::floor((size.x - gap) * (text ? 0.6f : 0.62f));
  {
    const Panel p = draw_panel(ctx, "Attention on your input · hatched: masked", ImVec2(origin.x, top), ImVec2(origin.x + w1, ye));
    ImGui::SetCursorScreenPos(p.body_min);
    const int q = draw_stage(ctx, lab, Source::Input, Stage::Weights, lab.sel, p.body_size());
    if (q >= 0) lab.sel.query = q;
  }
  const Panel p2 = draw_panel(ctx, text ? "Next character: p at this temperature" : "Head view", ImVec2(origin.x + w1 + gap, top),
                              ImVec2(xe, ye));
  ImGui::SetCursorScreenPos(p2.body_min);
  if (text) {
    // The 12 most likely next characters (core's softmax at the temperature), largest first.
    std::vector<float> probs;
    if (!in.next_logits.empty())
      nn::token_distribution(in.next_logits.data(), static_cast<int>(in.next_logits.size()), lab.temperature, probs);
    std::vector<int> order(probs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return probs[static_cast<size_t>(a)] > probs[static_cast<size_t>(b)]; });
    order.resize(std::min<size_t>(order.size(), 12));
    std::vector<float> top_p;
    std::vector<std::string> labels;
    for (int id : order) {
      top_p.push_back(probs[static_cast<size_t>(id)]);
      std::string l = id < static_cast<int>(snap.seq.vocab.size()) ? snap.seq.vocab[static_cast<size_t>(id)] : "?";
      labels.push_back(l == "\xE2\x90\xA3" ? "space" : l == "\\n" ? "newline" : l);
    }
    plot::BarChart b;
    b.values = top_p;
    b.labels = labels;
    b.value_axis.label = "p(next)";
    b.value_axis.min = 0;
    b.empty_text = "type a text and press Enter";
    plot::draw_bar_chart(ctx, "next", b, p2.body_size());
  } else {
    draw_head_lines(ctx, snap, Source::Input, lab.sel, p2.body_size());
  }
}

}  // namespace attend::views::attention_view
