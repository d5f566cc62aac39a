// The polynomial-degree tab (topic 17): polynomials of a chosen degree fitted by least squares to noisy
// samples of a known function; training and test error against the degree (where test error turns up),
// the same degree fitted to many resampled training sets (variance you can see), and the split of the test
// error into bias², variance and noise. Every number comes from core/experiments/bias_variance.h.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/color.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

constexpr const char* kFunctions[] = {"linear", "quadratic", "sine"};

}  // namespace

void refresh_poly(Lab& lab) {
  PolyState& ps = lab.poly;
  if (!ps.dirty) return;
  ps.dirty = false;
  ps.sweep = experiments::degree_sweep(ps.setup, ps.max_degree, ps.seed, 20);
  ps.bv = experiments::bias_variance(ps.setup, ps.degree, 20, 101, ps.seed);
  ps.bvs = experiments::bias_variance_sweep(ps.setup, ps.max_degree, 30, ps.seed);
  ps.best_degree = 0;
  for (size_t d = 0; d < ps.sweep.degree.size(); ++d)
    if (ps.sweep.median_test_mse[d] < ps.sweep.median_test_mse[static_cast<size_t>(ps.best_degree)]) ps.best_degree = static_cast<int>(d);
  ps.degrees.assign(ps.sweep.degree.begin(), ps.sweep.degree.end());
  // The chosen degree's fit on the first training set, drawn on the bias–variance grid.
  ps.fit.clear();
  if (static_cast<size_t>(ps.degree) < ps.sweep.fits.size())
    for (double x : ps.bv.grid_x) ps.fit.push_back(ps.sweep.fits[static_cast<size_t>(ps.degree)](x));
}

void draw_poly_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  const Palette& pal = *ctx.palette;
  PolyState& ps = lab.poly;
  refresh_poly(lab);

  ImGui::SetCursorScreenPos(origin);
  ImGui::SetNextItemWidth(160 * s);
  if (ImGui::SliderInt("degree", &ps.degree, 0, ps.max_degree)) ps.dirty = true;
  ImGui::SameLine(0, 12 * s);
  int f = static_cast<int>(ps.setup.f);
  ImGui::SetNextItemWidth(110 * s);
  if (ImGui::Combo("true function", &f, kFunctions, 3)) {
    ps.setup.f = static_cast<experiments::TrueFunction>(f);
    ps.dirty = true;
  }
  ImGui::SameLine(0, 12 * s);
  float noise = static_cast<float>(ps.setup.noise);
  ImGui::SetNextItemWidth(100 * s);
  if (ImGui::SliderFloat("noise σ", &noise, 0.f, 1.f, "%.2f")) {
    ps.setup.noise = noise;
    ps.dirty = true;
  }
  ImGui::SameLine(0, 12 * s);
  ImGui::SetNextItemWidth(100 * s);
  if (ImGui::SliderInt("points", &ps.setup.n_train, 5, 100)) ps.dirty = true;
  ImGui::SameLine(0, 12 * s);
  if (ImGui::Button("New samples")) {
    ++ps.seed;
    ps.dirty = true;
  }
  refresh_poly(lab);

  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + size.y;
  const float left_w = std::floor((size.x - gap) * 0.5f);
  const float x1 = origin.x + left_w + gap, xe = origin.x + size.x;
  const float mid = std::floor((top + bottom) / 2);

  // The fits.
  char title[128];
  std::snprintf(title, sizeof title, "Degree %d on %d points, and on 20 resampled sets", ps.degree, ps.setup.n_train);
  const Panel pa = draw_panel(ctx, title, ImVec2(origin.x, top), ImVec2(origin.x + left_w, bottom), lab.highlight == "fits");
  ImGui::SetCursorScreenPos(pa.body_min);
  plot::LinePlot lp;
  lp.x.label = "x";
  lp.y.label = "y";
  lp.y.min = -2.5;
  lp.y.max = 2.5;
  for (size_t k = 0; k < ps.bv.fits.size(); ++k) {
    plot::LineSeries r{k == 0 ? "resampled fits" : "", ps.bv.grid_x, ps.bv.fits[k], plot::with_alpha(plot::category_color(pal, 4), 0.3f)};
    r.thickness = 1 * s;
    lp.series.push_back(r);
  }
  plot::LineSeries truth{"true function", ps.bv.grid_x, ps.bv.truth, pal.text_dim};
  truth.thickness = 3 * s;
  lp.series.push_back(truth);
  // The training points are in random order, and a line series needs x ascending: one marker series each.
  for (size_t i = 0; i < ps.sweep.train.x.size(); ++i) {
    plot::LineSeries pt{i == 0 ? "training points" : "", plot::Values(&ps.sweep.train.x[i], 1),
                        plot::Values(&ps.sweep.train.y[i], 1), pal.text};
    pt.markers = true;
    lp.series.push_back(pt);
  }
  lp.series.push_back({"this fit", ps.bv.grid_x, ps.fit, plot::category_color(pal, 0)});
  plot::draw_line_plot(ctx, "##poly_fits", lp, ImVec2(pa.body_max.x - pa.body_min.x, pa.body_max.y - pa.body_min.y));

  // Error against degree.
  const Panel pb = draw_panel(ctx, "Mean squared error against degree", ImVec2(x1, top), ImVec2(xe, mid - gap / 2),
                              lab.highlight == "errors");
  ImGui::SetCursorScreenPos(pb.body_min);
  plot::LinePlot ep;
  ep.x.label = "degree";
  ep.y.scale = plot::AxisScale::Log;
  ep.markers.push_back({static_cast<double>(ps.degree), "degree " + std::to_string(ps.degree)});
  plot::LineSeries tr{"train", ps.degrees, ps.sweep.median_train_mse, plot::category_color(pal, 1)};
  tr.markers = true;
  plot::LineSeries te{"test", ps.degrees, ps.sweep.median_test_mse, plot::category_color(pal, 0)};
  te.markers = true;
  ep.series.push_back(tr);
  ep.series.push_back(te);
  plot::draw_line_plot(ctx, "##poly_errors", ep, ImVec2(pb.body_max.x - pb.body_min.x, pb.body_max.y - pb.body_min.y));

  // Bias² + variance + noise.
  const Panel pc = draw_panel(ctx, "Test error = bias² + variance + noise", ImVec2(x1, mid + gap / 2), ImVec2(xe, bottom),
                              lab.highlight == "decomposition");
  ImGui::SetCursorScreenPos(pc.body_min);
  plot::LinePlot dp;
  dp.x.label = "degree";
  dp.y.scale = plot::AxisScale::Log;
  dp.markers.push_back({static_cast<double>(ps.degree), ""});
  ps.bvs_degrees.assign(ps.bvs.degree.begin(), ps.bvs.degree.end());
  dp.series.push_back({"bias²", ps.bvs_degrees, ps.bvs.bias2, plot::category_color(pal, 2)});
  dp.series.push_back({"variance", ps.bvs_degrees, ps.bvs.variance, plot::category_color(pal, 4)});
  plot::LineSeries nz{"noise σ²", ps.bvs_degrees, ps.bvs.noise, pal.text_dim};
  nz.dashed = true;
  dp.series.push_back(nz);
  plot::LineSeries meas{"measured test error", ps.bvs_degrees, ps.bvs.measured, plot::category_color(pal, 0)};
  meas.markers = true;
  dp.series.push_back(meas);
  plot::draw_line_plot(ctx, "##poly_bv", dp, ImVec2(pc.body_max.x - pc.body_min.x, pc.body_max.y - pc.body_min.y));
}

}  // namespace attend::views::playground_view
