// The why-logs tab (topic 26): the likelihood of n independent events multiplied out in float32 and float64
// until it is exactly 0, beside the sum of logs that stays an ordinary number; and softmax / log-sum-exp of
// growing logits computed naively (exp overflows to inf, inf/inf is NaN) and with the maximum subtracted.
// Every value is what core/experiments/why_logs.h computed in that precision.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/color.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

std::string show(double v) {
  char buf[48];
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "−inf";
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

void refresh_logs(Lab& lab) {
  LogsState& ls = lab.logs;
  if (!ls.dirty) return;
  ls.dirty = false;
  ls.product = experiments::product_underflow(ls.p, ls.n);
  ls.logits.clear();
  for (double z : {1.0, 2.0, 3.0, 4.0}) ls.logits.push_back(z * ls.scale);
  ls.softmax = experiments::softmax_overflow(ls.logits);
  ls.k.resize(static_cast<size_t>(ls.n));
  for (int i = 0; i < ls.n; ++i) ls.k[static_cast<size_t>(i)] = i + 1;
  ls.f32.assign(ls.product.product_f32.begin(), ls.product.product_f32.end());
}

void draw_logs_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  const Palette& pal = *ctx.palette;
  LogsState& ls = lab.logs;
  refresh_logs(lab);
  const float top = origin.y;
  const float bottom = origin.y + size.y;
  const float left_w = std::floor((size.x - gap) * 0.55f);
  const float x1 = origin.x + left_w + gap, xe = origin.x + size.x;

  // Products.
  const Panel pa = draw_panel(ctx, "A product of probabilities underflows", ImVec2(origin.x, top), ImVec2(origin.x + left_w, bottom),
                              lab.highlight == "product");
  ImGui::SetCursorScreenPos(pa.body_min);
  ImGui::BeginGroup();
  float p = static_cast<float>(ls.p);
  ImGui::SetNextItemWidth(130 * s);
  if (ImGui::SliderFloat("p", &p, 0.01f, 0.9f, "%.2f")) {
    ls.p = p;
    ls.dirty = true;
  }
  ImGui::SameLine(0, 12 * s);
  ImGui::SetNextItemWidth(160 * s);
  if (ImGui::SliderInt("events n", &ls.n, 10, 2000)) ls.dirty = true;
  refresh_logs(lab);
  push_wrap(pa.body_max.x);
  const experiments::ProductUnderflow& pu = ls.product;
  ImGui::Text("p^n in float32: %s   float64: %s   Σ log p: %s", show(pu.product_f32.back()).c_str(),
              show(pu.product_f64.back()).c_str(), show(pu.log_sum.back()).c_str());
  ImGui::TextDisabled("float32 reaches exactly 0 at n = %d, float64 at n = %d (−1: not within n).", pu.first_zero_f32 + (pu.first_zero_f32 >= 0),
                      pu.first_zero_f64 + (pu.first_zero_f64 >= 0));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float plot_top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float h = (pa.body_max.y - plot_top - gap) / 2;
  ImGui::SetCursorScreenPos(ImVec2(pa.body_min.x, plot_top));
  plot::LinePlot pp;
  pp.x.label = "n";
  pp.y.label = "p^n (0 cannot be drawn on a log axis: the line stops)";
  pp.y.scale = plot::AxisScale::Log;
  pp.y.min = 1e-320;  // down to float64's subnormals
  pp.y.max = 1;
  pp.series.push_back({"float64", ls.k, pu.product_f64, plot::category_color(pal, 0)});
  plot::LineSeries f32{"float32", ls.k, ls.f32, plot::category_color(pal, 1)};
  f32.thickness = 3 * s;  // on top of float64 where they agree, ending where float32 hits 0
  pp.series.push_back(f32);
  if (pu.first_zero_f32 >= 0) pp.markers.push_back({static_cast<double>(pu.first_zero_f32 + 1), "float32 = 0"});
  if (pu.first_zero_f64 >= 0) pp.markers.push_back({static_cast<double>(pu.first_zero_f64 + 1), "float64 = 0"});
  plot::draw_line_plot(ctx, "##products", pp, ImVec2(pa.body_max.x - pa.body_min.x, h));
  ImGui::SetCursorScreenPos(ImVec2(pa.body_min.x, plot_top + h + gap));
  plot::LinePlot lp;
  lp.x.label = "n";
  lp.y.label = "Σ log p = log p^n";
  lp.series.push_back({"Σ log p", ls.k, pu.log_sum, plot::category_color(pal, 2)});
  plot::draw_line_plot(ctx, "##logsum", lp, ImVec2(pa.body_max.x - pa.body_min.x, h));

  // Softmax and log-sum-exp.
  const Panel pb = draw_panel(ctx, "Softmax and log-sum-exp of large logits", ImVec2(x1, top), ImVec2(xe, bottom),
                              lab.highlight == "softmax");
  ImGui::SetCursorScreenPos(pb.body_min);
  ImGui::BeginGroup();
  float scale = static_cast<float>(ls.scale);
  ImGui::SetNextItemWidth(std::min(220 * s, pb.body_max.x - pb.body_min.x - 90 * s));
  if (ImGui::SliderFloat("scale", &scale, 1.f, 1000.f, "%.0f", ImGuiSliderFlags_Logarithmic)) {
    ls.scale = scale;
    ls.dirty = true;
  }
  refresh_logs(lab);
  const experiments::SoftmaxOverflow& so = ls.softmax;
  push_wrap(pb.body_max.x);
  ImGui::TextDisabled("logits z = scale × (1, 2, 3, 4). Naive: exp(zᵢ)/Σexp(z). Stable: subtract max z first.");
  ImGui::PopTextWrapPos();
  if (ImGui::BeginTable("##softmax", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("z");
    ImGui::TableSetupColumn("exp z (f32)");
    ImGui::TableSetupColumn("naive (f32)");
    ImGui::TableSetupColumn("stable (f32)");
    ImGui::TableSetupColumn("naive (f64)");
    ImGui::TableHeadersRow();
    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(pal.bad);
    auto cell = [&](double v) {
      ImGui::TableNextColumn();
      if (std::isfinite(v)) ImGui::TextUnformatted(show(v).c_str());
      else ImGui::TextColored(bad, "%s", show(v).c_str());
    };
    for (size_t i = 0; i < so.logits.size(); ++i) {
      ImGui::TableNextRow();
      cell(so.logits[i]);
      cell(so.exp_f32[i]);
      cell(so.naive_f32[i]);
      cell(so.stable_f32[i]);
      cell(so.naive_f64[i]);
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::Text("log Σ exp z, naive: %s (f32), %s (f64)", show(so.lse_naive_f32).c_str(), show(so.lse_naive_f64).c_str());
  ImGui::Text("log Σ exp z, max + log Σ exp(z − max): %s (f32), %s (f64)", show(so.lse_stable_f32).c_str(),
              show(so.lse_stable_f64).c_str());
  push_wrap(pb.body_max.x);
  ImGui::TextDisabled("exp overflows float32 past z ≈ 88.7 and float64 past z ≈ 709.8. Subtracting the maximum "
                      "changes nothing mathematically (it cancels in the ratio) and keeps every exp ≤ 1.");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace attend::views::playground_view
