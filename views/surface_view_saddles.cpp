// "Saddles in high dimensions": why, as the number of weights grows, almost every critical point of a loss is
// a saddle and not a minimum. Three measurements from core/surface/saddle_study.h, each beside its theory:
//   random symmetric (GOE) matrices: the fraction that are positive definite, measured by Monte Carlo, with
//   the exact probability and the exp(−(ln 3/4)·d²) law, on a log axis;
//   random smooth functions of d variables: the fraction of their critical points that are minima;
//   a real (tiny) network: the index of each critical point (the fraction of downhill directions) against
//   its loss: the low-loss ones are minima, the high-loss ones saddles.
// The experiment runs on a job thread with a progress bar and Cancel; it starts the first time the mode is
// shown.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/color.h"
#include "views/plot/ticks.h"
#include "views/surface_view_state.h"

namespace attend::views::surface_view {

namespace {

void draw_controls(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  SaddlesState& st = lab.saddles;
  const bool running = st.job.active();
  ImGui::BeginDisabled(running);
  if (ImGui::Button(st.study ? "Run again" : "Run the experiment")) start_saddle_study(lab);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button("Cancel")) st.job.cancel();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120 * s);
  ImGui::SliderInt("##maxd", &st.spec.goe.max_d, 2, 12, "d up to %d");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The largest matrix size measured (the exact curve runs to 14)");
  ImGui::SameLine();
  const int options[3] = {2000, 20000, 200000};
  const char* labels[3] = {"2 000 trials", "20 000 trials", "200 000 trials"};
  int pick = st.spec.goe.trials >= 200000 ? 2 : (st.spec.goe.trials >= 20000 ? 1 : 0);
  ImGui::SetNextItemWidth(140 * s);
  if (ImGui::Combo("##trials", &pick, labels, 3)) st.spec.goe.trials = options[pick];
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Random matrices per dimension: more measure smaller fractions (about 3/trials is the floor)");
  ImGui::SameLine();
  if (running) {
    const char* stages[3] = {"random matrices", "random functions", "the network's critical points"};
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%s… %.0f%%", stages[std::clamp(st.job.stage(), 0, 2)], 100 * st.job.fraction());
    ImGui::ProgressBar(static_cast<float>(st.job.fraction()), ImVec2(-1, 0), overlay);
  } else if (st.study && st.study->cancelled) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->warning), "cancelled: the plots show what was finished");
  } else if (st.study) {
    ImGui::TextDisabled("done: every number below was measured just now");
  }
}

void goe_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const surface::SaddleStudy* st = lab.saddles.study.get();
  plot::LinePlot lp;
  lp.x.label = "dimension d (matrix size)";
  lp.y.label = "fraction with every eigenvalue > 0";
  lp.y.scale = plot::AxisScale::Log;
  lp.x.min = 0.5;
  lp.empty_text = "run the experiment";
  // The vectors the series point into live in the state (a plot reads them without copying).
  auto& v = lab.saddles.buffers;
  v.assign(8, {});
  if (st && !st->goe.empty()) {
    for (const surface::GoeRow& r : st->goe) {
      v[0].push_back(r.d);
      v[1].push_back(r.positive > 0 ? r.fraction : NAN);
      v[2].push_back(r.positive > 0 ? std::max(r.fraction - 2 * r.std_error, r.fraction * 0.2) : NAN);
      v[3].push_back(r.positive > 0 ? r.fraction + 2 * r.std_error : NAN);
      v[4].push_back(r.positive == 0 ? r.upper95 : NAN);
    }
    // The theory runs two dimensions past the measurements, where the measured fractions have hit their floor.
    const size_t shown = std::min(st->exact.size(), st->goe.size() + 2);
    for (size_t d = 1; d <= shown; ++d) {
      v[5].push_back(static_cast<double>(d));
      v[6].push_back(st->exact[d - 1]);
      v[7].push_back(surface::goe_positive_asymptote(static_cast<int>(d)));
    }
    plot::LineSeries exact{"exact (de Bruijn)", v[5], v[6]};
    exact.color = ctx.palette->text_dim;
    plot::LineSeries law{"exp(−(ln 3/4)·d²)", v[5], v[7]};
    law.dashed = true;
    law.color = ctx.palette->accent;
    plot::LineSeries measured{"measured (± 2 s.e.)", v[0], v[1]};
    measured.markers = true;
    measured.color = ctx.palette->good;
    measured.band_lo = v[2];
    measured.band_hi = v[3];
    plot::LineSeries none{"none found: 95 % bound", v[0], v[4]};
    none.markers = true;
    none.color = ctx.palette->warning;
    none.thickness = 0.01f;
    lp.series = {exact, law, measured, none};
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_line_plot(ctx, "goe", lp, p.body_size(), &lab.saddles.goe_plot);
  lab.layout.push_back({"goe", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void field_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const surface::SaddleStudy* st = lab.saddles.study.get();
  plot::LinePlot lp;
  lp.x.label = "dimension d (number of variables)";
  lp.y.label = "fraction of critical points that are minima";
  lp.y.scale = plot::AxisScale::Log;
  lp.x.min = 0.5;
  lp.empty_text = st && st->stage < 2 ? "random functions: waiting for the matrices" : "run the experiment";
  auto& v = lab.saddles.field_buffers;
  v.assign(4, {});
  if (st && !st->field.empty()) {
    for (const surface::RandomFieldRow& r : st->field) {
      v[0].push_back(r.d);
      v[1].push_back(r.minima > 0 ? r.fraction_minima : NAN);
    }
    for (size_t d = 1; d <= std::min(st->exact.size(), st->field.size() + 1); ++d) {
      v[2].push_back(static_cast<double>(d));
      v[3].push_back(st->exact[d - 1]);
    }
    plot::LineSeries measured{"random functions (measured)", v[0], v[1]};
    measured.markers = true;
    measured.color = ctx.palette->good;
    plot::LineSeries goe{"random matrices (exact)", v[2], v[3]};
    goe.dashed = true;
    goe.color = ctx.palette->text_dim;
    lp.series = {measured, goe};
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_line_plot(ctx, "field", lp, p.body_size(), &lab.saddles.field_plot);
  lab.layout.push_back({"field", p.min, p.max, r.frame.area_min, r.frame.area_max});
  if (r.hovered && st && r.hover_series == 0 && r.hover_index >= 0 && r.hover_index < static_cast<int>(st->field.size())) {
    const surface::RandomFieldRow& row = st->field[r.hover_index];
    ImGui::SetTooltip("d = %d: %d critical points: %d minima, %d maxima, %d saddles, %d degenerate", row.d, row.critical,
                      row.minima, row.maxima, row.saddles, row.degenerate);
  }
}

void network_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const surface::SaddleStudy* st = lab.saddles.study.get();
  plot::Plot2D pl;
  pl.x.label = "loss at the critical point";
  pl.y.label = "index: fraction of downhill directions";
  pl.x.scale = plot::AxisScale::Log;
  pl.y.min = -0.05;
  pl.y.max = 1.05;
  pl.empty_text = st && st->stage < 3 ? "the network: waiting for the first two parts" : "run the experiment";
  auto& v = lab.saddles.net_buffers;
  v.assign(4, {});
  if (st && st->stage >= 3) {
    // Minima (no downhill direction) and saddles apart; a loss of exactly 0 has no place on a log axis.
    for (const surface::CriticalND& c : st->net.points) {
      const int k = c.negative == 0 ? 0 : 2;
      v[k].push_back(std::max(c.f, 1e-16));
      v[k + 1].push_back(c.index);
    }
    plot::ScatterLayer minima;
    minima.name = "minima (index 0)";
    minima.x = v[0];
    minima.y = v[1];
    minima.color = ctx.palette->good;
    minima.radius = 4.5f;
    plot::ScatterLayer saddles;
    saddles.name = "saddles (index > 0)";
    saddles.x = v[2];
    saddles.y = v[3];
    saddles.color = ctx.palette->warning;
    saddles.radius = 4.5f;
    pl.scatter = {minima, saddles};
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_plot_2d(ctx, "network", pl, p.body_size(), &lab.saddles.net_plot);
  lab.layout.push_back({"network", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void explain_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  lab.layout.push_back({"explain", p.min, p.max, p.body_min, p.body_max});
  ImGui::SetCursorScreenPos(ImVec2(p.body_min.x + 4 * s, p.body_min.y));
  const ImVec2 size(p.body_size().x - 8 * s, p.body_size().y - 2 * s);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, 0);
  if (ImGui::BeginChild("explain", size, false)) {
    ImGui::PushFont(ctx.fonts->small);
    ImGui::TextWrapped(
        "At a critical point the gradient is zero, and the Hessian's eigenvalues say which way the surface curves "
        "along each of its d directions. A minimum needs all d of them positive. If each sign were a coin toss that "
        "would happen 1 time in 2^d; curvatures repel each other, so it is far rarer: for random symmetric matrices "
        "the chance falls like exp(−0.27·d²).");
    ImGui::Spacing();
    ImGui::TextWrapped(
        "So in many dimensions almost every critical point is a saddle: from almost anywhere there is a way down. "
        "Gradient descent slows near saddles, where the gradient is small, but is rarely trapped by them; and the "
        "few minima tend to have low loss, as the network's points show: high loss goes with a high index.");
    ImGui::Spacing();
    const surface::SaddleStudy* st = lab.saddles.study.get();
    const float h = ImGui::GetContentRegionAvail().y;
    if (st && !st->goe.empty() && h > 40 * s &&
        ImGui::BeginTable("numbers", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("d", ImGuiTableColumnFlags_WidthStretch, 0.3f);
      ImGui::TableSetupColumn("matrices: measured", ImGuiTableColumnFlags_WidthStretch, 1.4f);
      ImGui::TableSetupColumn("exact", ImGuiTableColumnFlags_WidthStretch, 0.8f);
      ImGui::TableSetupColumn("functions: minima", ImGuiTableColumnFlags_WidthStretch, 1.1f);
      ImGui::TableHeadersRow();
      for (size_t k = 0; k < st->goe.size(); ++k) {
        const surface::GoeRow& r = st->goe[k];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", r.d);
        ImGui::TableNextColumn();
        if (r.positive > 0)
          ImGui::Text("%s ± %s", plot::format_value(r.fraction, 3).c_str(), plot::format_value(r.std_error, 2).c_str());
        else
          ImGui::Text("0 of %d (< %s)", r.trials, plot::format_value(r.upper95, 2).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(plot::format_value(r.exact, 3).c_str());
        ImGui::TableNextColumn();
        if (k < st->field.size())
          ImGui::Text("%d of %d", st->field[k].minima, st->field[k].critical);
        else
          ImGui::TextDisabled("—");
      }
      ImGui::EndTable();
    }
    ImGui::PopFont();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace

void start_saddle_study(Lab& lab) {
  lab.saddles.started = true;
  lab.saddles.job.start([spec = lab.saddles.spec](surface::JobProgress* job) {
    return std::shared_ptr<const surface::SaddleStudy>(std::make_shared<surface::SaddleStudy>(surface::run_saddle_study(spec, job)));
  });
}

void draw_saddles_mode(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max) {
  const float s = ctx.scale;
  if (!lab.saddles.started) start_saddle_study(lab);
  ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + 2 * s));
  draw_controls(ctx, lab);
  const float gap = 8 * s;
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float w = std::floor((max.x - min.x - gap) / 2), h = std::floor((max.y - top - gap) / 2);
  const float x1 = min.x + w + gap, y1 = top + h + gap;
  goe_panel(ctx, lab, draw_panel(ctx, "Random matrices: how often is every curvature positive?", ImVec2(min.x, top), ImVec2(min.x + w, top + h)));
  field_panel(ctx, lab, draw_panel(ctx, "Random functions: how many critical points are minima?", ImVec2(x1, top), ImVec2(max.x, top + h)));
  char title[128];
  const surface::SaddleStudy* st = lab.saddles.study.get();
  std::snprintf(title, sizeof title, "A real network (2→3→1 tanh on XOR, %d weights): index against loss",
                st && st->net_parameters > 0 ? st->net_parameters : 13);
  network_panel(ctx, lab, draw_panel(ctx, title, ImVec2(min.x, y1), ImVec2(min.x + w, max.y)));
  explain_panel(ctx, lab, draw_panel(ctx, "What this shows", ImVec2(x1, y1), ImVec2(max.x, max.y)));
}

}  // namespace attend::views::surface_view
