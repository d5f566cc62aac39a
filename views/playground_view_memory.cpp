// The memory tab (topic 23): what a training step of the playground's current network keeps in memory
// against an inference pass, counted by the engine (parameters, gradients, optimizer state, activations kept
// for backward), as the batch grows; and gradient accumulation: the batch in micro-batches, each pass keeping
// a fraction of the activations, the summed gradient equal to the full batch's (unless batch norm is on).
// Numbers from nn::playground_memory and nn::check_accumulation (core/nn/playground_tape.h).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/bar_chart.h"
#include "views/plot/color.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

std::string bytes(size_t b) {
  char buf[32];
  if (b >= 1024 * 1024) std::snprintf(buf, sizeof buf, "%.2f MiB", b / (1024.0 * 1024.0));
  else if (b >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
  else std::snprintf(buf, sizeof buf, "%zu B", b);
  return buf;
}

}  // namespace

void refresh_memory(Lab& lab) {
  MemoryState& ms = lab.memory;
  const train::MlpSnapshot& s = *lab.snap;
  const uint64_t key = s.progress.version * 1000003u + static_cast<uint64_t>(ms.batch) * 131u + static_cast<uint64_t>(ms.micro);
  if (key == ms.key) return;
  ms.key = key;
  ms.memory = nn::playground_memory(s.net, s.norm, s.optimizer, ms.batch);
  ms.accumulation = {};
  if (s.train && s.train->size() > 0) {
    const int n = std::min(ms.batch, s.train->size());
    ms.accumulation = nn::check_accumulation(s.net, s.norm, s.train->xy.data(), s.train->label.data(), n, std::min(ms.micro, n));
  }
  const nn::PlaygroundMemory& m = ms.memory;
  ms.bars = {static_cast<double>(m.parameter_bytes), static_cast<double>(m.gradient_bytes),
             static_cast<double>(m.optimizer_bytes), static_cast<double>(m.activation_bytes_train),
             static_cast<double>(m.activation_bytes_inference), static_cast<double>(ms.accumulation.activation_bytes_micro)};
}

void draw_memory_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  MemoryState& ms = lab.memory;
  refresh_memory(lab);
  ImGui::SetCursorScreenPos(origin);
  ImGui::SetNextItemWidth(200 * s);
  ImGui::SliderInt("batch", &ms.batch, 1, 250, "%d", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine(0, 12 * s);
  ImGui::SetNextItemWidth(150 * s);
  ImGui::SliderInt("micro-batches", &ms.micro, 1, 16);
  ImGui::SameLine(0, 12 * s);
  const train::MlpSnapshot& snap = *lab.snap;
  ImGui::TextDisabled("the Playground tab's network: %zu parameters, norm %s, %s", ms.memory.parameters, nn::norm_name(snap.norm),
                      optim::method_name(snap.optimizer));
  refresh_memory(lab);
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + size.y;
  const float left_w = std::floor((size.x - gap) * 0.55f);
  const float x1 = origin.x + left_w + gap, xe = origin.x + size.x;

  const Panel pa = draw_panel(ctx, "Bytes held for one step", ImVec2(origin.x, top), ImVec2(origin.x + left_w, bottom),
                              lab.highlight == "memory");
  ImGui::SetCursorScreenPos(pa.body_min);
  plot::BarChart bc;
  bc.labels = {"parameters", "gradients", "optimizer state", "activations (training)", "activations (inference)",
               "activations (per micro-batch)"};
  bc.values = ms.bars;
  plot::draw_bar_chart(ctx, "##memory", bc, ImVec2(pa.body_max.x - pa.body_min.x, pa.body_max.y - pa.body_min.y));

  const Panel pb = draw_panel(ctx, "Gradient accumulation", ImVec2(x1, top), ImVec2(xe, bottom), lab.highlight == "accumulation");
  ImGui::SetCursorScreenPos(pb.body_min);
  ImGui::BeginGroup();
  push_wrap(pb.body_max.x);
  const nn::PlaygroundMemory& m = ms.memory;
  const nn::AccumulationCheck& a = ms.accumulation;
  ImGui::Text("Training keeps %s of activations for backward on a batch of %d; inference keeps %s (it holds at most "
              "%s at once, two layers' outputs).",
              bytes(m.activation_bytes_train).c_str(), ms.batch, bytes(m.activation_bytes_inference).c_str(),
              bytes(m.inference_live_bytes).c_str());
  ImGui::Spacing();
  ImGui::Text("In %d micro-batch%s each pass keeps %s instead of %s.", a.micro, a.micro == 1 ? "" : "es", bytes(a.activation_bytes_micro).c_str(),
              bytes(a.activation_bytes_full).c_str());
  ImGui::Text("Largest difference between the accumulated and the full-batch gradient: %.3g (largest gradient %.3g).",
              a.max_abs_difference, a.max_abs_gradient);
  ImGui::Text("Loss: full batch %.6f, accumulated %.6f.", a.loss_full, a.loss_accumulated);
  ImGui::Spacing();
  if (snap.norm == nn::PlaygroundNorm::Batch)
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->warning),
                       "Batch norm is on: each micro-batch normalises with its own mean and variance, so the "
                       "accumulated gradient is not the full batch's.");
  else
    ImGui::TextDisabled("Each micro-batch's gradient is weighted by its share of the batch and summed: the same "
                        "gradient as the whole batch, up to float rounding, for a fraction of the memory.");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace attend::views::playground_view
