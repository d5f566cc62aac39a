// The universal-approximation tab (topic 19): one hidden layer fitting a 1-D function by gradient descent,
// neurons added or removed while it trains (a new neuron starts silent, so the curve does not jump), each
// neuron's contribution drawn faintly, and beside the trained fit the piecewise-linear curve that as many
// ReLUs can make by construction — the gap between "a network exists" and "training finds it".
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/color.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

constexpr const char* kTargets[] = {"sine", "step", "abs", "square", "zigzag", "bump"};
constexpr const char* kFitActivations[] = {"ReLU", "Tanh", "Sigmoid"};
constexpr float kFitRates[] = {0.001f, 0.003f, 0.01f, 0.03f, 0.1f};

int activation_index(tensor::Activation a) {
  return a == tensor::Activation::ReLU ? 0 : a == tensor::Activation::Tanh ? 1 : 2;
}

}  // namespace

void draw_fit_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  const Palette& pal = *ctx.palette;
  const train::Fit1DSnapshot& f = *lab.fit_snap;
  ImGui::SetCursorScreenPos(origin);
  draw_session_toolbar(ctx, *lab.fit, f.progress, lab.fit_toolbar);

  // Second row: target, activation, neurons ±, learning rate, parts.
  int target = static_cast<int>(f.config.target);
  ImGui::SetNextItemWidth(90 * s);
  if (ImGui::Combo("target", &target, "sine\0step\0abs\0square\0zigzag\0bump\0")) {
    lab.fit->set("target", target);
    lab.fit->reset(f.progress.seed);
  }
  ImGui::SameLine(0, 12 * s);
  int act = activation_index(f.config.activation);
  ImGui::SetNextItemWidth(90 * s);
  if (ImGui::Combo("activation", &act, "ReLU\0Tanh\0Sigmoid\0")) {
    lab.fit->set("activation", act);
    lab.fit->reset(f.progress.seed);
  }
  ImGui::SameLine(0, 12 * s);
  const bool hl = lab.highlight == "fit";
  const ImVec2 n0 = ImGui::GetCursorScreenPos();
  if (ImGui::Button("−##neurons") && f.neurons > 1) lab.fit->set("neurons", f.neurons - 1);
  ImGui::SameLine(0, 4 * s);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%d neurons", f.neurons);
  ImGui::SameLine(0, 4 * s);
  if (ImGui::Button("+##neurons") && f.neurons < train::kFit1DMaxNeurons) lab.fit->set("neurons", f.neurons + 1);
  if (hl) {
    const ImVec2 n1(ImGui::GetItemRectMax().x + 3 * s, ImGui::GetItemRectMax().y + 3 * s);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(n0.x - 3 * s, n0.y - 3 * s), n1, pal.highlight, 4 * s, 0, 3 * s);
  }
  ImGui::SameLine(0, 12 * s);
  int rate = 0;
  for (int i = 1; i < 5; ++i)
    if (std::abs(kFitRates[i] - f.config.lr) < std::abs(kFitRates[rate] - f.config.lr)) rate = i;
  ImGui::SetNextItemWidth(80 * s);
  if (ImGui::Combo("rate", &rate, "0.001\0" "0.003\0" "0.01\0" "0.03\0" "0.1\0")) lab.fit->set("lr", kFitRates[rate]);
  ImGui::SameLine(0, 12 * s);
  ImGui::Checkbox("each neuron", &lab.show_parts);

  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + size.y;
  const float side_w = std::floor(std::clamp(size.x * 0.28f, 220 * s, 360 * s));
  const float x1 = origin.x + size.x - side_w;
  char title[96];
  std::snprintf(title, sizeof title, "%s with %d %s neurons", kTargets[target], f.neurons, kFitActivations[act]);
  const Panel pm = draw_panel(ctx, title, ImVec2(origin.x, top), ImVec2(x1 - gap, bottom), false);
  ImGui::SetCursorScreenPos(pm.body_min);
  plot::LinePlot lp;
  lp.x.label = "x";
  lp.y.label = "f(x)";
  lp.empty_text = "";
  if (lab.show_parts)
    for (size_t k = 0; k < f.parts.size(); ++k) {
      // One legend entry for all of them (series without a name stay out of the legend).
      plot::LineSeries part{k == 0 ? "each neuron" : "", f.curve_x, f.parts[k], plot::with_alpha(pal.text_dim, 0.35f)};
      part.thickness = 1 * s;
      lp.series.push_back(part);
    }
  plot::LineSeries truth{"target", f.curve_x, f.truth, pal.text_dim};
  truth.thickness = 3 * s;
  lp.series.push_back(truth);
  plot::LineSeries points{"training points", f.x, f.y, pal.text_dim};
  points.markers = true;
  points.thickness = 0.01f;
  lp.series.push_back(points);
  if (f.config.activation == tensor::Activation::ReLU) {
    plot::LineSeries built{"ReLUs by construction", f.curve_x, f.construction, plot::category_color(pal, 2)};
    built.dashed = true;
    lp.series.push_back(built);
  }
  plot::LineSeries fit{"network", f.curve_x, f.fit, plot::category_color(pal, 0)};
  fit.thickness = 2.5f * s;
  lp.series.push_back(fit);
  plot::draw_line_plot(ctx, "##fit", lp, ImVec2(pm.body_max.x - pm.body_min.x, pm.body_max.y - pm.body_min.y), &lab.fit_plot);

  const Panel ps = draw_panel(ctx, "How close", ImVec2(x1, top), ImVec2(origin.x + size.x, bottom), false);
  ImGui::SetCursorScreenPos(ps.body_min);
  ImGui::BeginGroup();
  push_wrap(ps.body_max.x);
  ImGui::Text("step %lld", static_cast<long long>(f.progress.step));
  ImGui::Text("mean squared error %.5f", f.grid_mse);
  ImGui::Text("largest error %.4f", f.grid_max_error);
  if (f.config.activation == tensor::Activation::ReLU)
    ImGui::Text("by construction, %d ReLUs: %.5f", f.neurons, f.construction_mse);
  ImGui::Spacing();
  ImGui::TextDisabled("Add neurons with + while it trains: each new one starts with output weight 0, so the curve "
                      "does not jump, then gradient descent puts it to work.");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  // The error against the target over the run.
  const float curve_top = ImGui::GetCursorScreenPos().y + 6 * s;
  if (f.progress.history) {
    if (const train::Series* e = f.progress.history->find("target_mse")) {
      plot::LinePlot ep;
      ep.y.scale = plot::AxisScale::Log;
      ep.y.label = "error";
      ep.legend = false;
      ep.series.push_back({"target_mse", e->step, e->value, plot::category_color(pal, 0)});
      ImGui::SetCursorScreenPos(ImVec2(ps.body_min.x, curve_top));
      plot::draw_line_plot(ctx, "##fit_error", ep,
                           ImVec2(ps.body_max.x - ps.body_min.x, std::max(60 * s, ps.body_max.y - curve_top)));
    }
  }
}

}  // namespace attend::views::playground_view
