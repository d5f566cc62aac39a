// The classic lab's last four tabs: the tabular pipeline (each stage in words with its row and column counts,
// models compared on R², the person's own CSV), production and drift (accuracy decaying live, the monitor's
// alarms and retraining), the inference cost model (offloading vs distributed) and in-context learning.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/classic_view_state.h"
#include "views/plot/plot.h"

namespace attend::views::classic_view {

namespace {

bool slider(const char* label, double* v, double lo, double hi, const char* fmt, bool log = false) {
  float f = static_cast<float>(*v);
  const bool moved = ImGui::SliderFloat(label, &f, static_cast<float>(lo), static_cast<float>(hi), fmt,
                                        log ? ImGuiSliderFlags_Logarithmic : 0);
  if (moved) *v = f;
  return moved;
}

void error_text(const ViewContext& ctx, const std::string& e) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette->bad));
  ImGui::TextWrapped("%s", e.c_str());
  ImGui::PopStyleColor();
}

void dim_text(const ViewContext& ctx, const char* text) {
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->text_dim), "%s", text);
}

}  // namespace

// -------------------------------------------------------------------------------------------- pipeline

void draw_pipeline(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  PipelineRequest& r = lab.pipeline;
  bool rerun = false;
  section_title(ctx, lab, "file", "CSV file");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(330 * s);
  ImGui::InputTextWithHint("##csv_path", "assets/data/houses.csv (type a path to your own CSV)", lab.path_buf,
                           sizeof lab.path_buf);
  ImGui::SameLine();
  if (ImGui::Button("Open")) {
    r.path = lab.path_buf;
    rerun = true;
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("target");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * s);
  if (ImGui::InputText("##target", lab.target_buf, sizeof lab.target_buf, ImGuiInputTextFlags_EnterReturnsTrue)) {
    r.target = lab.target_buf;
    rerun = true;
  }
  rerun |= ImGui::Checkbox("drop missing", &r.drop_missing);
  ImGui::SameLine();
  rerun |= ImGui::Checkbox("one-hot categories", &r.one_hot);
  ImGui::SameLine();
  rerun |= ImGui::Checkbox("standardise", &r.scale);
  ImGui::SameLine();
  if (ImGui::Button("New split")) {
    ++r.seed;
    rerun = true;
  }
  if (lab.pipeline_job.active()) {
    ImGui::SameLine();
    dim_text(ctx, "running the pipeline…");
  }
  if (rerun) lab.pipeline_dirty = true;
  const std::shared_ptr<const PipelineOut> out = lab.pipeline_out;
  if (!out) return;
  if (!out->error.empty()) {
    error_text(ctx, out->error);
    return;
  }
  const classic::PipelineReport& rep = out->report;
  section_title(ctx, lab, "steps", "What the pipeline did");
  for (size_t i = 0; i < rep.steps.size(); ++i) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", rep.steps[i].c_str());
    if (i == 0 && !out->left_out.empty()) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", out->left_out.c_str());
    }
  }
  std::string names;
  for (const std::string& n : rep.feature_names) names += (names.empty() ? "" : ", ") + n;
  ImGui::Bullet();
  ImGui::TextWrapped("the models see %zu features: %s", rep.feature_names.size(), names.c_str());
  ImGui::Spacing();
  section_title(ctx, lab, "models", rep.classification ? "Models on the test rows (accuracy)" : "Models on the test rows (R²)");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = std::floor(avail.x * 0.52f);
  if (ImGui::BeginTable("##models", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit,
                        ImVec2(left, 0))) {
    ImGui::TableSetupColumn("model");
    ImGui::TableSetupColumn(rep.classification ? "train acc" : "train R²");
    ImGui::TableSetupColumn(rep.classification ? "test acc" : "test R²");
    ImGui::TableSetupColumn(rep.classification ? "log loss" : "test RMSE");
    ImGui::TableSetupColumn("fit ms");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < rep.models.size(); ++i) {
      const classic::ModelResult& m = rep.models[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (static_cast<int>(i) == rep.best) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->good), "%s (best)", m.name.c_str());
      else ImGui::TextUnformatted(m.name.c_str());
      if (!m.error.empty()) {
        ImGui::TableNextColumn();
        error_text(ctx, m.error);
        continue;
      }
      ImGui::TableNextColumn();
      ImGui::Text("%.3f", m.train_score);
      ImGui::TableNextColumn();
      ImGui::Text("%.3f", m.test_score);
      ImGui::TableNextColumn();
      ImGui::Text("%.4g", rep.classification ? m.test_log_loss : m.test_rmse);
      ImGui::TableNextColumn();
      ImGui::Text("%.1f", m.fit_ms);
    }
    ImGui::EndTable();
  }
  std::vector<std::string> labels;
  std::vector<double> scores;
  for (const classic::ModelResult& m : rep.models) labels.push_back(m.name), scores.push_back(m.error.empty() ? m.test_score : 0);
  ImGui::SameLine();
  plot::BarChart bars;
  bars.title = rep.classification ? "test accuracy" : "test R²";
  bars.labels = labels;
  bars.values = scores;
  bars.highlight = rep.best;
  bars.value_axis.include_zero = true;
  plot::draw_bar_chart(ctx, "##pipeline_bars", bars, ImVec2(avail.x - left - 8 * s, std::max(160 * s, avail.y - 8 * s)));
}

// ----------------------------------------------------------------------------------------------- drift

void draw_drift(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  experiments::DriftSetup& d = lab.drift;
  bool rerun = false;
  ImGui::SetNextItemWidth(170 * s);
  slider("##shift", &d.shift_per_step, 0.0, 0.15, "drift: shift/step %.3f");
  rerun |= ImGui::IsItemDeactivatedAfterEdit();  // rerun when the slider is let go
  ImGui::SameLine();
  ImGui::SetNextItemWidth(170 * s);
  slider("##turn", &d.turn_per_step, 0.0, 0.1, "turn/step %.3f rad");
  rerun |= ImGui::IsItemDeactivatedAfterEdit();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(150 * s);
  slider("##psi_thr", &d.psi_threshold, 0.05, 1.0, "alarm at PSI %.2f");
  rerun |= ImGui::IsItemDeactivatedAfterEdit();
  ImGui::SameLine();
  if (ImGui::Button(lab.drift_playing ? "Pause" : "Play")) lab.drift_playing = !lab.drift_playing;
  ImGui::SameLine();
  if (ImGui::Button("Replay")) {
    lab.drift_t = 0;
    lab.drift_playing = true;
  }
  if (rerun) {
    lab.drift_dirty = true;
    lab.drift_t = 0;
    lab.drift_playing = true;
  }
  const std::shared_ptr<const DriftOut> out = lab.drift_out;
  if (!out) return;
  const int n = static_cast<int>(out->t.size());
  // The run replays at 8 batches a second, so the decay is watched as it happens.
  if (ctx.headless) lab.drift_t = n;
  else if (lab.drift_playing) lab.drift_t = std::min<double>(n, lab.drift_t + ImGui::GetIO().DeltaTime * 8.0);
  const int shown = std::clamp(static_cast<int>(lab.drift_t), 1, std::max(n, 1));
  const experiments::DriftStep& now = out->run.steps[static_cast<size_t>(shown - 1)];
  section_title(ctx, lab, "monitor", "Monitor");
  ImGui::SameLine();
  ImGui::Text("batch %d of %d   deployed model %.3f   retrained-on-alarm model %.3f   PSI %.3f   KS p %.2g%s", shown, n,
              now.accuracy_static, now.accuracy_monitored, now.psi, now.ks_p, now.alarm ? "   ALARM → retrain" : "");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 top(avail.x, std::floor(avail.y * 0.6f));
  plot::LinePlot acc;
  acc.title = "Accuracy on each new batch";
  acc.x.label = "batch (time)";
  acc.y.label = "accuracy";
  acc.x.min = 0, acc.x.max = n;
  acc.y.min = 0.3, acc.y.max = 1.0;
  plot::LineSeries st, mon;
  st.name = "deployed once, never retrained";
  st.x = plot::Values(out->t.data(), shown);
  st.y = plot::Values(out->acc_static.data(), shown);
  mon.name = "monitored, retrained on alarm";
  mon.x = st.x;
  mon.y = plot::Values(out->acc_monitored.data(), shown);
  acc.series = {st, mon};
  acc.markers.push_back({static_cast<double>(d.drift_start), "drift starts", 0});
  for (int t : out->run.retrains)
    if (t < shown) acc.markers.push_back({static_cast<double>(t), "retrain", ctx.palette->warning});
  plot::draw_line_plot(ctx, "##drift_acc", acc, top);
  plot::LinePlot psi;
  psi.title = "Population stability index of the inputs (batch vs training data)";
  psi.x.label = "batch (time)";
  psi.y.label = "PSI";
  psi.x.min = 0, psi.x.max = n;
  plot::LineSeries ps, thr;
  ps.name = "PSI";
  ps.x = st.x;
  ps.y = plot::Values(out->psi.data(), shown);
  static double thr_x[2], thr_y[2];
  thr_x[0] = 0, thr_x[1] = n, thr_y[0] = thr_y[1] = d.psi_threshold;
  thr.name = "alarm threshold";
  thr.x = plot::Values(thr_x, 2);
  thr.y = plot::Values(thr_y, 2);
  thr.dashed = true;
  thr.color = ctx.palette->bad;
  psi.series = {ps, thr};
  plot::draw_line_plot(ctx, "##drift_psi", psi, ImVec2(avail.x, avail.y - top.y - 6 * s));
}

// ------------------------------------------------------------------------------------------- inference

void draw_inference(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  experiments::Hardware& h = lab.hardware;
  bool changed = false;
  double pcie = h.pcie_bandwidth / 1e9, net = h.network_bandwidth * 8 / 1e9, lat = h.network_latency * 1e3;
  double servers = h.servers, batch = h.batch;
  const float w = 170 * s;
  ImGui::SetNextItemWidth(w);
  if (slider("##pcie", &pcie, 1, 64, "PCIe %.0f GB/s", true)) h.pcie_bandwidth = pcie * 1e9, changed = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  if (slider("##net", &net, 0.1, 400, "network %.3g Gbit/s", true)) h.network_bandwidth = net * 1e9 / 8, changed = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  if (slider("##lat", &lat, 0.01, 100, "latency %.3g ms", true)) h.network_latency = lat * 1e-3, changed = true;
  ImGui::SetNextItemWidth(w);
  if (slider("##servers", &servers, 2, 16, "servers %.0f")) h.servers = static_cast<int>(std::lround(servers)), changed = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  if (slider("##batch", &batch, 1, 128, "batch %.0f", true)) h.batch = static_cast<int>(std::lround(batch)), changed = true;
  ImGui::SameLine();
  changed |= ImGui::Checkbox("prefetch next block", &h.overlap);
  if (changed) lab.inference_dirty = true;
  const InferenceOut& o = lab.inference;
  ImGui::Text("A %d-block model of %.0fB parameters (%.0f GB in fp16) on GPUs with %.0f GB each.", lab.shape.blocks,
              lab.shape.params / 1e9, lab.shape.params * lab.shape.bytes_per_param / 1e9, h.gpu_memory / 1e9);
  auto card = [&](const char* id, const char* name, const experiments::TokenCost& c, const char* how, bool offload) {
    section_title(ctx, lab, id, name);
    ImGui::TextWrapped("%s", how);
    ImGui::TextWrapped("%.4g s per token step (%.3g tokens/s for the batch)", c.seconds, h.batch / c.seconds);
    const bool gb = c.bytes_moved >= 1e9;
    ImGui::TextWrapped("moving data %.4g s · compute %.4g s · %.3g %s moved per step", c.transfer_seconds,
                       c.compute_seconds, c.bytes_moved / (gb ? 1e9 : 1e3), gb ? "GB" : "kB");
    if (offload)
      ImGui::TextWrapped("%d blocks stay on the GPU; the other %d cross PCIe every step", c.resident_blocks,
                         lab.shape.blocks - c.resident_blocks);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->warning), "bottleneck: %s", c.bottleneck.c_str());
  };
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::BeginChild("##inf_cards", ImVec2(std::floor(avail.x * 0.45f), avail.y), false);
  card("offloading", "Offloading (one GPU, weights streamed from host memory)", o.offloading,
       "Every generated token needs every block's weights on the GPU, so the blocks that do not fit are copied over PCIe once per token.",
       true);
  ImGui::Spacing();
  card("distributed", "Distributed (blocks split across servers)", o.distributed,
       "Each server keeps its blocks in GPU memory; per token only the activations (a few kB) travel from server to server.",
       false);
  ImGui::Spacing();
  ImGui::TextWrapped("Faster here: %s, by %.1f×.", o.offloading.seconds < o.distributed.seconds ? "offloading" : "distributed",
                     std::max(o.offloading.seconds, o.distributed.seconds) / std::min(o.offloading.seconds, o.distributed.seconds));
  ImGui::EndChild();
  ImGui::SameLine();
  plot::LinePlot tp;
  tp.title = "Tokens per second against batch size";
  tp.x.label = "sequences decoded together";
  tp.y.label = "tokens/s";
  tp.x.scale = plot::AxisScale::Log;
  tp.y.scale = plot::AxisScale::Log;
  plot::LineSeries a, b;
  a.name = "offloading";
  a.x = o.batches, a.y = o.offload_tps, a.markers = true;
  b.name = "distributed";
  b.x = o.batches, b.y = o.distributed_tps, b.markers = true;
  tp.series = {a, b};
  tp.markers.push_back({static_cast<double>(h.batch), "this batch", 0});
  plot::draw_line_plot(ctx, "##tps", tp, ImVec2(ImGui::GetContentRegionAvail().x, avail.y));
}

// ------------------------------------------------------------------------------------------ in-context

void draw_icl(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  IclSession& session = icl_session(lab);
  const std::shared_ptr<const experiments::IclSnapshot> snap = session.latest();
  draw_session_toolbar(ctx, session, snap->progress, lab.icl_toolbar);
  const experiments::IclConfig& c = snap->config;
  ImGui::TextWrapped("Task: %s of %d symbols. Each training sequence has a new random mapping; after training the weights are "
              "frozen and only the prompt changes. %zu parameters.",
              experiments::icl_task_name(c.task), c.symbols, snap->parameter_count);
  if (!snap->error.empty()) error_text(ctx, snap->error);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = std::floor(avail.x * 0.55f);
  const ImVec2 top = ImGui::GetCursorScreenPos();

  // Accuracy against the number of examples in the prompt.
  const int K = static_cast<int>(snap->curve.accuracy.size());
  std::vector<double> ks(static_cast<size_t>(K)), chance(static_cast<size_t>(K), snap->curve.chance);
  for (int k = 0; k < K; ++k) ks[static_cast<size_t>(k)] = k;
  plot::LinePlot pl;
  char title[128];
  std::snprintf(title, sizeof title, "Accuracy vs examples in the prompt (step %lld)",
                static_cast<long long>(snap->curve_step));
  pl.title = title;
  pl.x.label = "examples in the prompt (0-shot, 1-shot, few-shot)";
  pl.y.label = "accuracy";
  pl.y.min = 0, pl.y.max = 1.02;
  plot::LineSeries net, ceil, ch;
  net.name = "the transformer (frozen weights)";
  net.x = ks, net.y = snap->curve.accuracy, net.markers = true;
  ceil.name = "best possible reader of the prompt";
  ceil.x = ks, ceil.y = snap->curve.ceiling, ceil.dashed = true;
  ch.name = "chance";
  ch.x = ks, ch.y = chance, ch.dashed = true, ch.color = ctx.palette->text_dim;
  pl.series = {net, ceil, ch};
  plot::draw_line_plot(ctx, "##icl_curve", pl, ImVec2(left, avail.y * 0.62f), &lab.curve_state);
  // The training loss underneath.
  plot::LinePlot lp;
  lp.title = "Training loss";
  lp.x.label = "step";
  lp.smoothing = 0.9;
  const train::Series* loss = snap->progress.history ? snap->progress.history->find("loss") : nullptr;
  if (loss) {
    plot::LineSeries ls;
    ls.name = "loss";
    ls.x = loss->step, ls.y = loss->value;
    lp.series.push_back(ls);
  }
  plot::draw_line_plot(ctx, "##icl_loss", lp, ImVec2(left, avail.y * 0.38f - 6 * s));

  // One prompt, read by the network as it is now.
  ImGui::SetCursorScreenPos(ImVec2(top.x + left + 12 * s, top.y));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + avail.x - left - 16 * s);
  section_title(ctx, lab, "prompt", "A prompt");
  ImGui::SetNextItemWidth(150 * s);
  if (ImGui::SliderInt("##shots", &lab.icl_shots, 0, c.max_shots, "%d examples")) {
    const int shots = lab.icl_shots;
    const uint64_t seed = lab.icl_prompt_seed;
    session.post([shots, seed](experiments::IclSessionModel& m) {
      m.prompt_shots = shots;
      m.prompt_seed = seed;
      m.prompt = experiments::sample_prompt(m.model.config, shots, seed);
    });
  }
  ImGui::SameLine();
  if (ImGui::Button("New prompt")) {
    const int shots = lab.icl_shots;
    const uint64_t seed = ++lab.icl_prompt_seed;
    session.post([shots, seed](experiments::IclSessionModel& m) {
      m.prompt_shots = shots;
      m.prompt_seed = seed;
      m.prompt = experiments::sample_prompt(m.model.config, shots, seed);
    });
  }
  const experiments::IclPrompt& p = snap->prompt;
  const experiments::PromptReading& rd = snap->reading;
  std::string text;
  for (size_t i = 0; i < p.xs.size(); ++i)
    text += std::to_string(p.xs[i]) + "→" + std::to_string(p.mapping.f[static_cast<size_t>(p.xs[i])]) + "  ";
  text += std::to_string(p.query) + "→ ?";
  ImGui::PushFont(ctx.fonts->mono);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopFont();
  dim_text(ctx, ("hidden mapping " + snap->mapping_text).c_str());
  ImGui::TextWrapped("answer %d · the network says %d (%s) · best possible reader %.2f", rd.answer, rd.predicted,
              rd.predicted == rd.answer ? "right" : "wrong", rd.ceiling);
  std::vector<std::string> labels;
  for (int y = 0; y < c.symbols; ++y) labels.push_back("answer " + std::to_string(y));
  plot::BarChart bars;
  bars.title = "P(answer | prompt)";
  bars.labels = labels;
  bars.values = rd.probs;
  bars.highlight = rd.answer;
  bars.value_axis.min = 0, bars.value_axis.max = 1;
  plot::draw_bar_chart(ctx, "##icl_probs", bars, ImVec2(avail.x - left - 16 * s, std::max(120 * s, avail.y * 0.45f)));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace attend::views::classic_view
