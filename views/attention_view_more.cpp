// "Encoder–decoder" (cross-attention teacher-forced beside free-running, BLEU and token accuracy),
// "Positions" (the sinusoidal table, position similarity, a shift as one rotation at every position, the
// model's own table), "Recurrence" (an RNN's states token by token beside attention's all-pairs matrix,
// gradient against distance) and "Why √d" (softmax saturation measured on the engine's attention op).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/nn/layers.h"
#include "views/attention_view_state.h"
#include "views/plot/plot.h"

namespace attend::views::attention_view {

namespace {

int first_layer(const std::vector<train::AttentionLayer>& ls, bool cross) {
  for (size_t i = 0; i < ls.size(); ++i)
    if (ls[i].cross == cross && (cross || ls[i].name.rfind("decoder.", 0) == 0)) return static_cast<int>(i);
  return -1;
}

void draw_note(const ViewContext& ctx, ImVec2 at, const char* text) {
  ImGui::SetCursorScreenPos(at);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette->text_dim));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void heat(const ViewContext& ctx, const char* id, plot::Grid g, ImVec2 size, bool prob, const char* rt = "",
          const char* ct = "") {
  plot::Heatmap hm;
  hm.values = g;
  hm.row_title = rt;
  hm.col_title = ct;
  hm.cell_text = plot::CellText::Never;
  if (prob) hm.vmin = 0, hm.vmax = 1;
  else hm.map = &plot::diverging_map(*ctx.palette);
  const plot::HeatmapResult r = plot::draw_heatmap(ctx, id, hm, size);
  if (r.hovered && r.row >= 0) ImGui::SetTooltip("[%d, %d] = %s", r.row, r.col, plot::format_value(r.value, 4).c_str());
}

}  // namespace

void ensure_positions(Lab& lab) {
  if (lab.sinus.empty()) {
    nn::sinusoidal_table(48, 32, lab.sinus);
    nn::position_similarity(lab.sinus, lab.sinus.rows, lab.sinus_similarity);
  }
  if (lab.shift_done != lab.shift_k) {
    lab.shift = nn::shift_demo(lab.sinus, lab.shift_k);
    lab.shift_done = lab.shift_k;
  }
}

void ensure_scaling(Lab& lab) {
  if (lab.scaling_ready) return;
  experiments::ScalingConfig c;
  lab.scaling = experiments::attention_scaling(c);
  lab.scaling_d.clear();
  for (int k = 0; k < 2; ++k) lab.scaling_entropy[k].clear(), lab.scaling_saturated[k].clear(), lab.scaling_grad[k].clear();
  for (const experiments::ScalingPoint& p : lab.scaling) {
    lab.scaling_d.push_back(p.d);
    const experiments::SoftmaxStats* st[2] = {&p.scaled, &p.unscaled};
    for (int k = 0; k < 2; ++k) {
      lab.scaling_entropy[k].push_back(st[k]->entropy);
      lab.scaling_saturated[k].push_back(st[k]->saturated);
      lab.scaling_grad[k].push_back(st[k]->grad_q);
    }
  }
  lab.scaling_sample = experiments::scaling_sample(c, lab.scaling_sample_d, 16);
  lab.scaling_ready = true;
}

void draw_seq2seq_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale, gap = 8 * s;
  const train::LabSnapshot& snap = *lab.snap;
  ImGui::SetCursorScreenPos(origin);
  if (snap.settings.arch != train::SeqArch::EncoderDecoder) {
    ImGui::TextUnformatted("Cross-attention needs an encoder–decoder.");
    if (ImGui::Button("Train the encoder–decoder on digits → words"))
      lab.session->set("task", static_cast<double>(train::LabTask::Digits));
    return;
  }
  Selection sel = lab.sel;
  const int cross = first_layer(snap.seq.attention, true);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("example");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100 * s);
  ImGui::SliderInt("##s2srow", &lab.sel.row, 0, std::max(0, static_cast<int>(snap.seq.sources.size()) - 1));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80 * s);
  ImGui::SliderInt("head##s2s", &lab.sel.head, 0, std::max(0, snap.settings.heads - 1));
  const auto& m = snap.progress.metrics;
  auto metric = [&](const char* k) {
    auto it = m.find(k);
    return it == m.end() ? std::nan("") : it->second;
  };
  ImGui::SameLine();
  ImGui::Text("   held-out: BLEU %.3f · token accuracy %.3f · exact match %.3f", metric("val_bleu"), metric("val_token_acc"),
              metric("val_exact_match"));
  const int r = lab.sel.row;
  if (r < static_cast<int>(snap.seq.sources.size())) {
    std::vector<int> tf_pred;
    ImGui::Text("source: %s   target: <bos> %s   teacher-forced predictions: %s", token_string(snap, snap.seq.sources[static_cast<size_t>(r)]).c_str(),
                token_string(snap, snap.seq.targets[static_cast<size_t>(r)]).c_str(),
                token_string(snap, snap.seq.predictions[static_cast<size_t>(r)]).c_str());
    if (r < static_cast<int>(snap.free_inputs.size()))
      ImGui::Text("free-running (its own outputs fed back): %s", token_string(snap, snap.free_inputs[static_cast<size_t>(r)]).c_str());
  }
  const float top = ImGui::GetCursorScreenPos().y + 4 * s, ye = origin.y + size.y, xe = origin.x + size.x;
  const float curves_h = std::floor(size.y * 0.3f);
  const float w = std::floor((size.x - gap) / 2), yh = ye - curves_h - gap;
  sel.row = lab.sel.row, sel.head = lab.sel.head, sel.query = lab.sel.query;
  sel.layer = cross >= 0 ? cross : 0;
  {
    const Panel p = draw_panel(ctx, "Cross-attention, teacher forcing (decoder reads the true previous word)",
                               ImVec2(origin.x, top), ImVec2(origin.x + w, yh), lab.highlight_target == "cross");
    ImGui::SetCursorScreenPos(p.body_min);
    draw_stage(ctx, lab, Source::Probe, Stage::Weights, sel, p.body_size());
  }
  {
    const int fcross = first_layer(snap.free_attention, true);
    sel.layer = fcross >= 0 ? fcross : 0;
    const Panel p = draw_panel(ctx, "Cross-attention, free running (decoder reads its own outputs)",
                               ImVec2(origin.x + w + gap, top), ImVec2(xe, yh));
    ImGui::SetCursorScreenPos(p.body_min);
    draw_stage(ctx, lab, Source::Free, Stage::Weights, sel, p.body_size());
  }
  const Panel p = draw_panel(ctx, "BLEU and token accuracy (held-out)", ImVec2(origin.x, ye - curves_h), ImVec2(xe, ye));
  ImGui::SetCursorScreenPos(p.body_min);
  ImGui::PushClipRect(p.min, p.max, true);
  draw_curves_panel(ctx, "##s2scurves", snap.progress, lab.extra_curves, p.body_size());
  ImGui::PopClipRect();
}

void draw_positions_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  ensure_positions(lab);
  const float s = ctx.scale, gap = 8 * s;
  const float xe = origin.x + size.x, ye = origin.y + size.y;
  const float w = std::floor((size.x - 2 * gap) / 3), hh = std::floor((size.y - gap) / 2);
  {
    const Panel p = draw_panel(ctx, "Sinusoidal PE (48 positions × 32 dims)", origin, ImVec2(origin.x + w, origin.y + hh));
    ImGui::SetCursorScreenPos(p.body_min);
    heat(ctx, "sin", plot::Grid(lab.sinus.ptr(), lab.sinus.rows, lab.sinus.cols), p.body_size(), false, "position", "dimension");
  }
  {
    const Panel p = draw_panel(ctx, "cos similarity PE[p]·PE[q]: constant along diagonals",
                               ImVec2(origin.x + w + gap, origin.y), ImVec2(origin.x + 2 * w + gap, origin.y + hh));
    ImGui::SetCursorScreenPos(p.body_min);
    heat(ctx, "sim", plot::Grid(lab.sinus_similarity.data(), lab.sinus.rows, lab.sinus.rows), p.body_size(), false, "p", "q");
  }
  {
    const Panel p = draw_panel(ctx, "A shift by k is one rotation", ImVec2(origin.x + 2 * (w + gap), origin.y),
                               ImVec2(xe, origin.y + hh), lab.highlight_target == "shift");
    ImGui::SetCursorScreenPos(p.body_min);
    ImGui::SetNextItemWidth(120 * s);
    ImGui::SliderInt("k", &lab.shift_k, -8, 8);
    ensure_positions(lab);
    ImGui::TextWrapped("PE[p]·M_k lands on PE[p+k] for every p with the same M_k (block-diagonal 2×2 rotations by k·ω_i).");
    ImGui::Text("largest ‖PE[p]·M_k − PE[p+k]‖ = %.2e", lab.shift.max_error);
    ImGui::Text("over %zu positions, ‖PE[p]‖ = %.3f", lab.shift.error.size(), lab.shift.max_norm);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    heat(ctx, "mk", plot::Grid(lab.shift.map.ptr(), lab.shift.map.rows, lab.shift.map.cols),
         ImVec2(p.body_max.x - at.x, p.body_max.y - at.y), false, "M_k row", "column");
  }
  const train::LabSnapshot& snap = *lab.snap;
  const float y2 = origin.y + hh + gap;
  {
    const char* kinds[3] = {"none", "sinusoidal", "learned"};
    char title[96];
    std::snprintf(title, sizeof title, "This model's positions (%s): cos similarity", kinds[static_cast<int>(snap.settings.positional)]);
    const Panel p = draw_panel(ctx, title, ImVec2(origin.x, y2), ImVec2(origin.x + w, ye));
    if (snap.position_similarity.empty()) {
      draw_note(ctx, p.body_min, "No positions: the model sees a bag of tokens.");
    } else {
      ImGui::SetCursorScreenPos(p.body_min);
      heat(ctx, "msim", plot::Grid(snap.position_similarity.data(), snap.positions.rows, snap.positions.rows), p.body_size(), false,
           "p", "q");
    }
  }
  const Panel p = draw_panel(ctx, "Runs compared: set positions none / sinusoidal / learned, then Reset",
                             ImVec2(origin.x + w + gap, y2), ImVec2(xe, ye), lab.highlight_target == "runs");
  ImGui::SetCursorScreenPos(p.body_min);
  ImGui::PushClipRect(p.min, p.max, true);
  draw_curves_panel(ctx, "##poscurves", snap.progress, lab.pos_curves, p.body_size());
  ImGui::PopClipRect();
}

void draw_recurrence_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale, gap = 8 * s;
  const train::LabSnapshot& snap = *lab.snap;
  const bool rnn = snap.settings.arch == train::SeqArch::RNN || snap.settings.arch == train::SeqArch::LSTM;
  const float xe = origin.x + size.x, ye = origin.y + size.y;
  const float w = std::floor((size.x - gap) / 2), hh = std::floor((size.y - gap) * 0.55f);
  const int row = std::min(lab.sel.row, std::max(0, static_cast<int>(snap.seq.inputs.size()) - 1));
  {
    const Panel p = draw_panel(ctx, rnn ? "RNN: h_t = f(h_{t−1}, x_t), one token after another" : "RNN (switch the model to RNN)",
                               origin, ImVec2(origin.x + w, origin.y + hh));
    const nn::RecurrentTrace& tr = snap.seq.recurrent;
    if (!rnn || tr.hidden_states.empty()) {
      ImGui::SetCursorScreenPos(p.body_min);
      ImGui::TextWrapped("An RNN reads the tokens in order: each hidden state needs the one before it, so T tokens take T "
                         "steps one after another. Switch the model to RNN or LSTM to see its states here.");
      if (ImGui::Button("Switch to RNN")) lab.session->set("arch", static_cast<double>(train::SeqArch::RNN));
    } else {
      // Unrolled: each token with the hidden state it produced (states × hidden units), an arrow per step.
      ImGui::SetCursorScreenPos(p.body_min);
      plot::Heatmap hm;
      hm.values = plot::Grid(tr.hidden_states.data() + static_cast<size_t>(row) * tr.hidden, tr.seq, tr.hidden, tr.batch * tr.hidden);
      if (row < static_cast<int>(snap.seq.inputs.size())) {
        for (int t = 0; t < tr.seq; ++t) {
          const auto& in = snap.seq.inputs[static_cast<size_t>(row)];
          const int id = t < static_cast<int>(in.size()) ? in[static_cast<size_t>(t)] : -1;
          hm.row_labels.push_back("h" + std::to_string(t) + " ← " + (id >= 0 && id < static_cast<int>(snap.seq.vocab.size()) ? snap.seq.vocab[static_cast<size_t>(id)] : "·"));
        }
      }
      hm.row_title = "step t (token read)";
      hm.col_title = "hidden unit";
      hm.map = &plot::diverging_map(*ctx.palette);
      hm.square_cells = false;
      hm.cell_text = plot::CellText::Never;
      plot::draw_heatmap(ctx, "rnn", hm, p.body_size());
    }
  }
  {
    const Panel p = draw_panel(ctx, rnn ? "Attention (switch the model to decoder)" : "Attention: every pair at once (layer 1, head 1)",
                               ImVec2(origin.x + w + gap, origin.y), ImVec2(xe, origin.y + hh));
    if (rnn) {
      ImGui::SetCursorScreenPos(p.body_min);
      ImGui::TextWrapped("Self-attention computes all T×T query–key scores in one matrix product: no step waits for "
                         "another, and any token reaches any other in one layer.");
      if (ImGui::Button("Switch to decoder")) lab.session->set("arch", static_cast<double>(train::SeqArch::Decoder));
    } else {
      ImGui::SetCursorScreenPos(p.body_min);
      Selection sel = lab.sel;
      sel.layer = 0, sel.head = 0, sel.row = row;
      draw_stage(ctx, lab, Source::Probe, Stage::Weights, sel, p.body_size());
    }
  }
  const float y2 = origin.y + hh + gap;
  {
    char title[160];
    std::snprintf(title, sizeof title, "‖∂L/∂(%s at t−k)‖ from the last answer token's loss, against k",
                  snap.grad_what.empty() ? "state" : snap.grad_what.c_str());
    const Panel p = draw_panel(ctx, title, ImVec2(origin.x, y2), ImVec2(origin.x + w, ye), lab.highlight_target == "gradient");
    ImGui::SetCursorScreenPos(p.body_min);
    plot::LinePlot lp;
    lp.x.label = "distance k (tokens back)";
    lp.y.label = "gradient norm";
    lp.y.scale = plot::AxisScale::Log;
    plot::LineSeries ls;
    ls.name = snap.grad_what;
    ls.y = snap.grad_by_distance;
    ls.markers = true;
    lp.series.push_back(ls);
    lp.legend = false;
    lp.empty_text = "an encoder or encoder–decoder has no last answer token";
    plot::draw_line_plot(ctx, "gdist", lp, p.body_size(), nullptr);
  }
  {
    const Panel p = draw_panel(ctx, "Accuracy by answer position (teacher-forced, held-out)", ImVec2(origin.x + w + gap, y2), ImVec2(xe, ye));
    ImGui::SetCursorScreenPos(p.body_min);
    plot::BarChart b;
    b.values = snap.position_accuracy;
    b.horizontal = false;
    b.value_axis.label = "accuracy";
    b.value_axis.min = 0, b.value_axis.max = 1;
    b.empty_text = "after the first evaluation (every 50 steps)";
    plot::draw_bar_chart(ctx, "posacc", b, p.body_size());
  }
}

void draw_scaling_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  ensure_scaling(lab);
  const float s = ctx.scale, gap = 8 * s;
  const float xe = origin.x + size.x, ye = origin.y + size.y;
  const float w = std::floor((size.x - gap) / 2), hh = std::floor((size.y - gap) / 2);
  auto plot_pair = [&](const char* id, const char* title, const std::vector<double>* ys, const char* ylabel, ImVec2 p0, ImVec2 p1, bool hl) {
    const Panel p = draw_panel(ctx, title, p0, p1, hl);
    ImGui::SetCursorScreenPos(p.body_min);
    plot::LinePlot lp;
    lp.x.label = "head width d";
    lp.x.scale = plot::AxisScale::Log;
    lp.y.label = ylabel;
    const char* names[2] = {"scaled by 1/√d", "unscaled"};
    for (int k = 0; k < 2; ++k) {
      plot::LineSeries l;
      l.name = names[k];
      l.x = lab.scaling_d;
      l.y = ys[k];
      l.markers = true;
      lp.series.push_back(l);
    }
    plot::draw_line_plot(ctx, id, lp, p.body_size(), nullptr);
  };
  plot_pair("entropy", "Softmax row entropy (1: even, 0: one-hot)", lab.scaling_entropy, "entropy / log(keys)", origin,
            ImVec2(origin.x + w, origin.y + hh), lab.highlight_target == "entropy");
  plot_pair("sat", "Rows with one weight above 0.99 (saturated)", lab.scaling_saturated, "fraction of rows",
            ImVec2(origin.x + w + gap, origin.y), ImVec2(xe, origin.y + hh), lab.highlight_target == "saturated");
  const float y2 = origin.y + hh + gap;
  const experiments::ScalingSample& sm = lab.scaling_sample;
  char t1[64], t2[64];
  std::snprintf(t1, sizeof t1, "softmax(QKᵀ/√d), d = %d (16 queries × 32 keys)", sm.d);
  std::snprintf(t2, sizeof t2, "softmax(QKᵀ), d = %d: nearly one-hot", sm.d);
  {
    const Panel p = draw_panel(ctx, t1, ImVec2(origin.x, y2), ImVec2(origin.x + w, ye));
    ImGui::SetCursorScreenPos(p.body_min);
    heat(ctx, "scaled", plot::Grid(sm.scaled.data(), sm.queries, sm.keys), p.body_size(), true, "query", "key");
  }
  {
    const Panel p = draw_panel(ctx, t2, ImVec2(origin.x + w + gap, y2), ImVec2(xe, ye));
    ImGui::SetCursorScreenPos(p.body_min);
    heat(ctx, "unscaled", plot::Grid(sm.unscaled.data(), sm.queries, sm.keys), p.body_size(), true, "query", "key");
  }
  (void)s;
}

}  // namespace attend::views::attention_view
