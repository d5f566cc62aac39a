// The classic lab's first three tabs: the model zoo (decision regions side by side, hyperparameters as
// sliders), metrics (ROC with a movable threshold, confusion matrix, classification report, log loss, R²)
// and the regression family (lasso and ridge paths, the scaling race, collinearity).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/classic_view_state.h"
#include "views/plot/plot.h"

namespace attend::views::classic_view {

namespace {

// A double behind a float slider; true once the person lets go after changing it (a refit is queued then,
// not on every pixel of the drag).
bool slider(const char* label, double* v, double lo, double hi, const char* fmt, bool log = false) {
  float f = static_cast<float>(*v);
  ImGui::SliderFloat(label, &f, static_cast<float>(lo), static_cast<float>(hi), fmt,
                     log ? ImGuiSliderFlags_Logarithmic : 0);
  if (ImGui::IsItemEdited()) *v = f;
  return ImGui::IsItemDeactivatedAfterEdit();
}

bool slider_int(const char* label, int* v, int lo, int hi, const char* fmt = "%d") {
  ImGui::SliderInt(label, v, lo, hi, fmt);
  return ImGui::IsItemDeactivatedAfterEdit();
}

const char* const kDatasets[] = {"circle", "xor", "gauss", "spiral"};

bool dataset_combo(const char* label, data::Toy2DKind* kind) {
  bool changed = false;
  if (ImGui::BeginCombo(label, data::toy2d_name(*kind))) {
    for (int i = 0; i < 4; ++i) {
      data::Toy2DKind k;
      if (!data::parse_toy2d(kDatasets[i], &k)) continue;
      if (ImGui::Selectable(kDatasets[i], k == *kind)) {
        *kind = k;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

void pending(const ViewContext& ctx, bool active, const char* what) {
  if (!active) return;
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->text_dim), "fitting %s…", what);
}

void error_text(const ViewContext& ctx, const std::string& e) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette->bad));
  ImGui::TextWrapped("%s", e.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

// ------------------------------------------------------------------------------------------------- zoo

void draw_zoo(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  ZooRequest& r = lab.zoo;
  classic::ZooParams& p = r.params;
  bool refit = false;
  section_title(ctx, lab, "data", "Data");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * s);
  refit |= dataset_combo("##zoo_data", &r.dataset);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * s);
  refit |= slider("##zoo_noise", &r.noise, 0.0, 1.0, "noise %.2f");
  ImGui::SameLine();
  if (ImGui::Button("New sample")) {
    ++r.seed;
    refit = true;
  }
  pending(ctx, lab.zoo_job.active(), "8 models");
  section_title(ctx, lab, "hyper", "Hyperparameters");
  // Six sliders on one row, as wide as the tab allows (narrow beside a lesson).
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float w = std::clamp((ImGui::GetContentRegionAvail().x - 70 * s - 5 * spacing) / 5, 90 * s, 160 * s);
  ImGui::SetNextItemWidth(w);
  refit |= slider("##C", &p.C, 0.01, 1000.0, "C %.3g", true);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("C: inverse regularisation of logistic regression and both SVMs");
  ImGui::SameLine();
  double gamma = p.gamma > 0 ? p.gamma : 0.5;
  ImGui::SetNextItemWidth(w);
  if (slider("##gamma", &gamma, 0.01, 1000.0, p.gamma > 0 ? "gamma %.3g" : "gamma: scale", true)) {
    p.gamma = gamma;
    refit = true;
  } else if (ImGui::IsItemEdited()) {
    p.gamma = gamma;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  refit |= slider_int("##depth", &p.max_depth, -1, 12, p.max_depth < 0 ? "depth: full" : "depth %d");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the decision tree's maximum depth (-1: grow until every leaf is pure)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  refit |= slider_int("##trees", &p.n_trees, 1, 200, "%d trees");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("trees in the random forest (each grown fully)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  refit |= slider_int("##k", &p.k, 1, 50, "k = %d");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("k-NN: the number of neighbours that vote");
  ImGui::SameLine();
  int pm = static_cast<int>(p.p);
  ImGui::SetNextItemWidth(70 * s);
  if (slider_int("##p", &pm, 1, 2, "p = %d")) {
    p.p = pm;
    refit = true;
  }
  if (refit) lab.zoo_dirty = true;

  const std::shared_ptr<const ZooOut> out = lab.zoo_out;
  if (!out) return;
  if (!out->error.empty()) {
    error_text(ctx, out->error);
    return;
  }
  const classic::ZooRun& run = out->run;
  std::vector<double> tx, ty, sx, sy;
  std::vector<int> tc, sc;
  for (const data::Point2& q : run.train) tx.push_back(q.x), ty.push_back(q.y), tc.push_back(q.label > 0);
  for (const data::Point2& q : run.test) sx.push_back(q.x), sy.push_back(q.y), sc.push_back(q.label > 0);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->text_dim),
                     "Each panel: model  train | test accuracy. Filled dots train, ringed dots test; bold line: the boundary.");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int cols = 4, rows = static_cast<int>((run.entries.size() + cols - 1) / cols);
  const ImVec2 cell(std::floor(avail.x / cols) - 2 * s, std::floor(avail.y / std::max(rows, 1)) - 2 * s);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  for (size_t i = 0; i < run.entries.size(); ++i) {
    const classic::ZooEntry& e = run.entries[i];
    ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(i % cols) * (cell.x + 2 * s),
                                     origin.y + static_cast<float>(i / cols) * (cell.y + 2 * s)));
    plot::Plot2D pl;
    char title[160];
    if (!e.error.empty()) std::snprintf(title, sizeof title, "%s: %s", e.name.c_str(), e.error.c_str());
    else std::snprintf(title, sizeof title, "%s  %.2f | %.2f", e.name.c_str(), e.train_accuracy, e.test_accuracy);
    pl.title = title;
    pl.x.min = e.grid.spec.x0, pl.x.max = e.grid.spec.x1, pl.x.padding = 0;
    pl.y.min = e.grid.spec.y0, pl.y.max = e.grid.spec.y1, pl.y.padding = 0;
    pl.legend = false;
    pl.navigate = false;
    pl.equal_aspect = true;
    if (!e.grid.score.empty()) {
      const int nx = e.grid.spec.nx, ny = e.grid.spec.ny;
      // Core's rows run upwards in y; a field's row 0 is the top, so read the rows backwards.
      plot::Grid g(e.grid.score.data() + static_cast<size_t>(ny - 1) * nx, ny, nx);
      g.row_stride = -nx;
      pl.field.values = g;
      pl.field.x = {e.grid.spec.x0, e.grid.spec.x1};
      pl.field.y = {e.grid.spec.y0, e.grid.spec.y1};
      pl.field.map = &plot::diverging_map(*ctx.palette);
      const double span = e.grid.probability ? 0.5 : 1.5;
      pl.field.center = e.grid.threshold;
      pl.field.vmin = e.grid.threshold - span;
      pl.field.vmax = e.grid.threshold + span;
      pl.field.levels = {e.grid.threshold};
      pl.field.emphasis_level = e.grid.threshold;
      pl.field.opacity = 0.75f;
    }
    plot::ScatterLayer train;
    train.name = "train";
    train.x = tx, train.y = ty, train.category = tc.data();
    train.radius = 2.5f * s;
    train.hover = false;
    plot::ScatterLayer test = train;
    test.name = "test";
    test.x = sx, test.y = sy, test.category = sc.data();
    test.ring = true;
    pl.scatter = {train, test};
    char id[32];
    std::snprintf(id, sizeof id, "##zoo%zu", i);
    plot::draw_plot_2d(ctx, id, pl, cell);
  }
}

// --------------------------------------------------------------------------------------------- metrics

void draw_metrics(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  MetricsRequest& r = lab.metrics;
  bool refit = false;
  section_title(ctx, lab, "model", "Model");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(130 * s);
  if (ImGui::BeginCombo("##metrics_model", classic::zoo_model_name(r.model))) {
    for (classic::ZooModel m : classic::all_zoo_models())
      if (ImGui::Selectable(classic::zoo_model_name(m), m == r.model)) {
        r.model = m;
        refit = true;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * s);
  refit |= dataset_combo("##metrics_data", &r.dataset);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * s);
  refit |= slider("##metrics_noise", &r.noise, 0.0, 1.0, "noise %.2f");
  pending(ctx, lab.metrics_job.active(), "the model");
  if (refit) lab.metrics_dirty = true;
  const std::shared_ptr<const MetricsOut> out = lab.metrics_out;
  if (!out) return;
  if (!out->error.empty()) {
    error_text(ctx, out->error);
    return;
  }
  // The threshold slider spans the scores the model gave.
  double lo = 0, hi = 1;
  if (!out->probability && !out->score.empty()) {
    lo = *std::min_element(out->score.begin(), out->score.end());
    hi = *std::max_element(out->score.begin(), out->score.end());
  }
  section_title(ctx, lab, "threshold", "Threshold");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(260 * s);
  float t = static_cast<float>(lab.threshold);
  if (ImGui::SliderFloat("##threshold", &t, static_cast<float>(lo), static_cast<float>(hi),
                         out->probability ? "predict 1 when P(1) ≥ %.3f" : "predict 1 when margin ≥ %.3f")) {
    lab.threshold = t;
    lab.thr_dirty = true;
  }
  if (lab.thr_dirty) {
    lab.thr_dirty = false;
    lab.thr = at_threshold(*out, lab.threshold);
  }
  const ThresholdView& v = lab.thr;

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = std::floor(avail.x * 0.44f);
  plot::LinePlot roc;
  char title[128];
  std::snprintf(title, sizeof title, "ROC curve (test points)   AUC = %.3f", out->roc.auc);
  roc.title = title;
  roc.x.label = "false positive rate";
  roc.y.label = "true positive rate";
  roc.x.min = 0, roc.x.max = 1, roc.y.min = 0, roc.y.max = 1.02;
  static const double diag[2] = {0, 1};
  plot::LineSeries curve;
  curve.name = "ROC";
  curve.x = out->roc.fpr;
  curve.y = out->roc.tpr;
  plot::LineSeries chance;
  chance.name = "chance";
  chance.x = plot::Values(diag, 2);
  chance.y = plot::Values(diag, 2);
  chance.dashed = true;
  chance.color = ctx.palette->text_dim;
  plot::LineSeries here;
  here.name = "threshold";
  here.x = plot::Values(&v.fpr, 1);
  here.y = plot::Values(&v.tpr, 1);
  here.markers = true;
  here.color = ctx.palette->highlight;
  roc.series = {curve, chance, here};
  plot::draw_line_plot(ctx, "##roc", roc, ImVec2(left - 8 * s, avail.y));

  ImGui::SameLine();
  ImGui::BeginGroup();
  section_title(ctx, lab, "confusion", "Confusion matrix (rows: true class)");
  if (ImGui::BeginTable("##confusion", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("predicted 0");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("predicted 1");
    for (int tcls = 0; tcls < 2; ++tcls) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("true %d", tcls);
      for (int pcls = 0; pcls < 2; ++pcls) {
        ImGui::TableNextColumn();
        const ImU32 col = tcls == pcls ? ctx.palette->good : ctx.palette->bad;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col), "%d %s", v.confusion.at(tcls, pcls),
                           tcls == pcls ? (tcls ? "TP" : "TN") : (pcls ? "FP" : "FN"));
      }
    }
    ImGui::EndTable();
  }
  ImGui::Text("accuracy %.3f   TPR (recall) %.3f   FPR %.3f", v.report.accuracy, v.tpr, v.fpr);
  if (std::isnan(out->log_loss)) ImGui::TextUnformatted("log loss: none (an SVM gives margins, not probabilities)");
  else ImGui::Text("log loss %.4f (of the probabilities; no threshold)", out->log_loss);
  ImGui::Spacing();
  section_title(ctx, lab, "report", "Classification report");
  ImGui::PushFont(ctx.fonts->mono);
  ImGui::TextUnformatted(v.report_text.c_str());
  ImGui::PopFont();
  section_title(ctx, lab, "r2", "Regression: R²");
  if (!out->houses_error.empty()) error_text(ctx, out->houses_error);
  else
    ImGui::TextWrapped("Linear regression of price_k on houses.csv, test rows: R² = %.3f (1 is perfect, 0 is no better "
                       "than predicting the mean price).",
                       out->houses_r2);
  ImGui::Spacing();
  section_title(ctx, lab, "bleu", "Generated text: BLEU");
  const float field_w = std::max(120 * s, ImGui::GetContentRegionAvail().x - 90 * s);
  ImGui::SetNextItemWidth(field_w);
  lab.bleu_dirty |= ImGui::InputText("reference", lab.bleu_reference, sizeof lab.bleu_reference);
  ImGui::SetNextItemWidth(field_w);
  lab.bleu_dirty |= ImGui::InputText("candidate", lab.bleu_candidate, sizeof lab.bleu_candidate);
  lab.bleu_dirty |= ImGui::Checkbox("smoothing (+1 on 2- to 4-gram counts)", &lab.bleu_smooth);
  if (lab.bleu_dirty) {
    lab.bleu_dirty = false;
    lab.bleu = compute_bleu(lab.bleu_reference, lab.bleu_candidate, lab.bleu_smooth);
  }
  const metrics::BleuReport& b = lab.bleu;
  if (b.precision.size() == 4)
    ImGui::TextWrapped("BLEU %.3f = brevity penalty %.3f × geometric mean of the n-gram precisions %.3f, %.3f, %.3f, %.3f "
                       "(1- to 4-grams; %ld candidate words, %ld reference words)",
                       b.bleu, b.brevity_penalty, b.precision[0], b.precision[1], b.precision[2], b.precision[3],
                       b.candidate_length, b.reference_length);
  ImGui::EndGroup();
}

// ----------------------------------------------------------------------------------------- regression

void draw_regression(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  RegressionRequest& r = lab.regression;
  bool refit = false;
  ImGui::SetNextItemWidth(150 * s);
  refit |= slider("##shrink_noise", &r.shrink_noise, 0.1, 4.0, "paths: noise %.2f");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(170 * s);
  refit |= slider("##scale2", &r.scale2, 1.0, 1000.0, "feature 2 scale ×%.0f", true);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(150 * s);
  refit |= slider("##ridge_alpha", &r.ridge_alpha, 0.1, 100.0, "ridge α %.2g", true);
  ImGui::SameLine();
  if (ImGui::Button("New sample##reg")) {
    ++r.seed;
    refit = true;
  }
  pending(ctx, lab.regression_job.active(), "paths and races");
  if (refit) lab.regression_dirty = true;
  const std::shared_ptr<const RegressionOut> out = lab.regression_out;
  if (!out) return;
  if (!out->error.empty()) {
    error_text(ctx, out->error);
    return;
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float line = 2 * ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 cell(std::floor(avail.x / 2) - 4 * s, std::floor((avail.y - line) / 2) - 4 * s);
  const size_t d = out->paths.beta.size();
  std::vector<std::string> names(d);
  auto path_plot = [&](const char* id, const char* title, const experiments::CoefPathData& path,
                       const std::vector<double>& logx) {
    plot::LinePlot pl;
    pl.title = title;
    pl.x.label = "log10 α (penalty)";
    pl.y.label = "coefficient";
    // coefs[k][j]: a feature's values sit one per alpha, `d` apart in memory only per row, so copy columns.
    std::vector<std::vector<double>> cols(d);
    for (const auto& row : path.coefs)
      for (size_t j = 0; j < d && j < row.size(); ++j) cols[j].push_back(row[j]);
    for (size_t j = 0; j < d; ++j) {
      plot::LineSeries sr;
      char nm[48];
      std::snprintf(nm, sizeof nm, "β%zu (true %.1f)", j + 1, out->paths.beta[j]);
      names[j] = nm;
      sr.name = names[j];
      sr.x = logx;
      sr.y = cols[j];
      pl.series.push_back(sr);
    }
    pl.legend = false;
    plot::draw_line_plot(ctx, id, pl, cell);
  };
  path_plot("##lasso", "Lasso path: exact zeros", out->paths.lasso, out->log_alpha_lasso);
  ImGui::SameLine();
  path_plot("##ridge", "Ridge path: shrinks, never 0", out->paths.ridge, out->log_alpha_ridge);

  plot::LinePlot race;
  char title[200];
  std::snprintf(title, sizeof title,
                "Gradient descent to 1e-6 of the optimum: raw %s steps (condition %.3g), standardised %s (condition %.3g)",
                out->race.steps_raw < 0 ? "more than 500" : std::to_string(out->race.steps_raw).c_str(),
                out->race.condition_raw,
                out->race.steps_scaled < 0 ? "more than 500" : std::to_string(out->race.steps_scaled).c_str(),
                out->race.condition_scaled);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette->text_dim));
  ImGui::TextWrapped("%s", title);
  ImGui::PopStyleColor();
  race.title = "Scaling: loss per step";
  race.x.label = "step";
  race.y.label = "loss";
  race.y.scale = plot::AxisScale::Log;
  plot::LineSeries raw, scaled;
  raw.name = "raw features";
  raw.y = out->race.loss_raw;
  scaled.name = "standardised";
  scaled.y = out->race.loss_scaled;
  race.series = {raw, scaled};
  plot::draw_line_plot(ctx, "##race", race, cell);
  ImGui::SameLine();
  plot::LinePlot col;
  col.title = "Collinearity: Var(β1) across samples";
  col.x.label = "correlation ρ between x1 and x2";
  col.y.label = "variance of β1";
  col.y.scale = plot::AxisScale::Log;
  plot::LineSeries ols, theory, ridge;
  ols.name = "least squares";
  ols.x = out->rhos, ols.y = out->ols_var, ols.markers = true;
  theory.name = "theory σ²[(XᵀX)⁻¹]₁₁";
  theory.x = out->rhos, theory.y = out->theory_var, theory.dashed = true;
  ridge.name = "ridge";
  ridge.x = out->rhos, ridge.y = out->ridge_var, ridge.markers = true;
  col.series = {ols, theory, ridge};
  plot::draw_line_plot(ctx, "##collinear", col, cell);
}

}  // namespace attend::views::classic_view
