// The learning-paradigms tab (topic 15): the same playground network and data under different kinds of
// supervision, each with the decision surface it ends with: every label; no labels (k-means clusters);
// noisy and coarse labels; 8 labels with and without a consistency loss on the unlabelled points; active
// learning by uncertainty against random picks. Computed by core/experiments/paradigms.h on a job thread
// (a second or so), drawn when ready.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "views/plot/color.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

// One small decision plot: a fit's surface with the training points (coloured by the labels it saw).
void small_plot(ViewContext& ctx, const char* id, const char* title, const experiments::ParadigmFit* fit,
                const ParadigmView& pv, const std::vector<int>* classes, const std::vector<int>* marked, ImVec2 at, float side) {
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  char text[160];
  if (fit) std::snprintf(text, sizeof text, "%s · %.0f%% test", title, 100 * fit->test_accuracy);
  else std::snprintf(text, sizeof text, "%s", title);
  dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, at, ctx.palette->text, text);
  const float top = at.y + ctx.fonts->small->FontSize + 2 * s;
  ImGui::SetCursorScreenPos(ImVec2(at.x, top));
  plot::Plot2D p;
  const int res = pv.setup.grid_res;
  if (fit && fit->grid.size() == static_cast<size_t>(res) * res) {
    // Core's grids run bottom to top; plots read row 0 at the top (flipped once, when the results arrive).
    p.field.values = plot::Grid(pv.flipped.at(fit).data(), res, res);
    p.field.x = {-pv.setup.extent, pv.setup.extent};
    p.field.y = {-pv.setup.extent, pv.setup.extent};
    p.field.map = &plot::diverging_map(*ctx.palette);
    p.field.vmin = -1;
    p.field.vmax = 1;
    p.field.emphasis_level = 0.0;
  }
  p.x.min = p.y.min = -pv.setup.extent;
  p.x.max = p.y.max = pv.setup.extent;
  p.x.padding = p.y.padding = 0;
  p.equal_aspect = true;
  p.legend = false;
  p.navigate = false;
  plot::ScatterLayer l;
  l.x = pv.x;
  l.y = pv.y;
  l.category = classes ? classes->data() : nullptr;
  l.radius = 2 * s;
  l.hover = false;
  if (marked) l.selected = *marked;
  p.scatter.push_back(l);
  plot::draw_plot_2d(ctx, id, p, ImVec2(side, side - (top - at.y)));
}

std::vector<float> flip(const std::vector<float>& grid, int res) {
  std::vector<float> out(grid.size());
  for (int i = 0; i < res; ++i)
    std::copy(grid.begin() + static_cast<std::ptrdiff_t>(i) * res, grid.begin() + static_cast<std::ptrdiff_t>(i + 1) * res,
              out.begin() + static_cast<std::ptrdiff_t>(res - 1 - i) * res);
  return out;
}

}  // namespace

void start_paradigms(Lab& lab) {
  ParadigmView& pv = lab.paradigms;
  pv.ready = false;
  const experiments::ParadigmSetup setup = pv.setup;
  pv.job = std::async(std::launch::async, [setup] { return experiments::run_paradigms(setup); });
}

void poll_paradigms(Lab& lab) {
  ParadigmView& pv = lab.paradigms;
  if (!pv.job.valid() || pv.job.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  pv.result = pv.job.get();
  pv.ready = true;
  const experiments::Paradigms& r = pv.result;
  const int res = pv.setup.grid_res;
  pv.flipped.clear();
  for (const experiments::ParadigmFit* f : {&r.supervised, &r.weak.noisy, &r.weak.coarse, &r.semi.supervised_only,
                                            &r.semi.consistency, &r.active.final_uncertain, &r.active.final_random})
    pv.flipped[f] = flip(f->grid, res);
  pv.x.clear(), pv.y.clear(), pv.truth.clear(), pv.noisy.clear(), pv.coarse.clear(), pv.cluster.clear();
  for (int i = 0; i < r.train.size(); ++i) {
    pv.x.push_back(r.train.xy[2 * static_cast<size_t>(i)]);
    pv.y.push_back(r.train.xy[2 * static_cast<size_t>(i) + 1]);
    pv.truth.push_back(r.train.label[static_cast<size_t>(i)] > 0);
    pv.noisy.push_back(r.weak.noisy_labels[static_cast<size_t>(i)] > 0);
    pv.coarse.push_back(r.weak.coarse_labels[static_cast<size_t>(i)] > 0);
    pv.cluster.push_back(r.clustering.cluster[static_cast<size_t>(i)]);
  }
  pv.labels.assign(r.active.labels.begin(), r.active.labels.end());
}

void draw_paradigms_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  const Palette& pal = *ctx.palette;
  ParadigmView& pv = lab.paradigms;
  if (!pv.ready && !pv.job.valid()) start_paradigms(lab);
  // A screenshot should show the results, not the wait (the app keeps drawing while they train).
  if (ctx.headless && pv.job.valid()) pv.job.wait();
  poll_paradigms(lab);

  ImGui::SetCursorScreenPos(origin);
  const char* sets[] = {"circle", "xor", "gauss", "spiral"};
  int set = static_cast<int>(std::find(sets, sets + 4, pv.setup.dataset) - sets);
  ImGui::SetNextItemWidth(120 * s);
  if (ImGui::Combo("dataset", &set, sets, 4) && !pv.job.valid()) {
    pv.setup.dataset = sets[std::clamp(set, 0, 3)];
    start_paradigms(lab);
  }
  ImGui::SameLine(0, 12 * s);
  if (!pv.ready) ImGui::TextDisabled("training %d networks…", 28);
  else ImGui::TextDisabled("every network: %s, %d updates", "2 → 8 → 6 → 1 tanh", pv.setup.steps);
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + size.y;
  if (!pv.ready) return;
  const experiments::Paradigms& r = pv.result;

  // Seven small plots in a grid (4 + 3), then the active-learning curve in the last cell.
  const int cols = 4;
  const float cell_w = std::floor((size.x - (cols - 1) * gap) / cols);
  const float cell_h = std::floor((bottom - top - gap) / 2);
  const float side = std::min(cell_w, cell_h);
  auto at = [&](int k) { return ImVec2(origin.x + (k % cols) * (cell_w + gap), top + (k / cols) * (cell_h + gap)); };
  char title[96];
  small_plot(ctx, "##sup", "Every label", &r.supervised, pv, &pv.truth, nullptr, at(0), side);
  std::snprintf(title, sizeof title, "No labels: 2 k-means clusters · purity %.0f%%", 100 * r.clustering.purity);
  small_plot(ctx, "##clusters", title, nullptr, pv, &pv.cluster, nullptr, at(1), side);
  std::snprintf(title, sizeof title, "Noisy: %.0f%% flipped", 100 * r.weak.noisy_wrong);
  small_plot(ctx, "##noisy", title, &r.weak.noisy, pv, &pv.noisy, nullptr, at(2), side);
  std::snprintf(title, sizeof title, "Coarse: %.0f%% wrong", 100 * r.weak.coarse_wrong);
  small_plot(ctx, "##coarse", title, &r.weak.coarse, pv, &pv.coarse, nullptr, at(3), side);
  small_plot(ctx, "##semi0", "8 labels only", &r.semi.supervised_only, pv, &pv.truth, &r.semi.labelled_index, at(4), side);
  small_plot(ctx, "##semi1", "8 labels + consistency", &r.semi.consistency, pv, &pv.truth, &r.semi.labelled_index, at(5), side);
  std::snprintf(title, sizeof title, "Active: %d labels by uncertainty", r.active.labels.empty() ? 0 : r.active.labels.back());
  small_plot(ctx, "##active", title, &r.active.final_uncertain, pv, &pv.truth, &r.active.picked_uncertain, at(6), side);

  const ImVec2 a = at(7);
  ImGui::SetCursorScreenPos(a);
  plot::LinePlot lp;
  lp.x.label = "labels";
  lp.y.label = "test accuracy";
  lp.y.max = 1;
  lp.series.push_back({"uncertainty", pv.labels, r.active.accuracy_uncertain, plot::category_color(pal, 0)});
  lp.series.push_back({"random", pv.labels, r.active.accuracy_random, plot::category_color(pal, 1)});
  lp.series[0].markers = lp.series[1].markers = true;
  plot::draw_line_plot(ctx, "##active_curve", lp, ImVec2(cell_w, cell_h));
}

}  // namespace attend::views::playground_view
