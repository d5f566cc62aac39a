// The hyperparameter-search tab (topic 22): grid, random, successive halving or Bayesian optimisation over
// two of the playground network's hyperparameters, scored on a validation split of the training points, in
// the background (progress bar, cancel). Left: every trial on the plane of the two hyperparameters, coloured
// by its validation loss (a heatmap for grid search); right: the budget each trial spent and the best
// configuration, with its test loss once the search is over. Core: core/tune/playground_tune.h, search_job.h.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "views/plot/color.h"
#include "views/plot/heatmap.h"
#include "views/plot/ticks.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

constexpr const char* kMethods[] = {"Grid", "Random", "Successive halving", "Bayesian"};
constexpr const char* kKnobs[] = {"learning rate", "L2 rate", "batch size", "neurons per layer", "hidden layers", "momentum"};

// Plot coordinate of a knob value: log10 for the log-scaled knobs.
double axis_value(tune::PlaygroundKnob k, double v) { return tune::knob_param(k).log ? std::log10(v) : v; }
std::string axis_label(tune::PlaygroundKnob k) {
  const std::string name = kKnobs[static_cast<int>(k)];
  return tune::knob_param(k).log ? "log₁₀ " + name : name;
}

}  // namespace

void start_search(Lab& lab) {
  SearchState& ss = lab.search;
  ss.job.reset();
  ss.setup.data.dataset = ss.dataset;
  ss.data = std::make_shared<const tune::PlaygroundTuneData>(tune::make_tune_data(ss.setup));
  const tune::Objective f = tune::playground_objective(ss.setup, ss.data);
  const std::vector<tune::Param> space = tune::tune_space(ss.setup);
  const tune::SearchPlan plan = ss.plan;
  ss.test_loss = std::numeric_limits<double>::quiet_NaN();
  ss.job = std::make_unique<tune::SearchJob>(
      f, [space, plan](const tune::Objective& g, tune::Progress* p) { return tune::run_search(space, plan, g, p); });
}

void poll_search(Lab& lab) {
  SearchState& ss = lab.search;
  if (!ss.job || !ss.job->done() || !std::isnan(ss.test_loss) || ss.job->result().trials.empty()) return;
  // Once, when the search is over: the winner trained again and scored on the test points it never saw.
  const tune::SearchResult& r = ss.job->result();
  ss.test_loss = tune::playground_test_loss(ss.setup, *ss.data, r.best.x, ss.plan.budget);
}

const char* search_state(const Lab& lab) {
  if (!lab.search.job) return "idle";
  if (!lab.search.job->done()) return "running";
  return lab.search.job->cancelled() ? "cancelled" : "done";
}

void draw_search_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  const Palette& pal = *ctx.palette;
  SearchState& ss = lab.search;
  poll_search(lab);
  const bool running = ss.job && !ss.job->done();

  // Controls.
  ImGui::SetCursorScreenPos(origin);
  ImGui::BeginDisabled(running);
  int method = static_cast<int>(ss.plan.method);
  ImGui::SetNextItemWidth(150 * s);
  if (ImGui::Combo("method", &method, kMethods, 4)) ss.plan.method = static_cast<tune::SearchMethod>(method);
  ImGui::SameLine(0, 10 * s);
  int x = static_cast<int>(ss.setup.x), y = static_cast<int>(ss.setup.y);
  ImGui::SetNextItemWidth(130 * s);
  if (ImGui::Combo("×", &x, kKnobs, tune::kPlaygroundKnobCount) && x != y) ss.setup.x = static_cast<tune::PlaygroundKnob>(x);
  ImGui::SameLine(0, 4 * s);
  ImGui::SetNextItemWidth(130 * s);
  if (ImGui::Combo("##y", &y, kKnobs, tune::kPlaygroundKnobCount) && x != y) ss.setup.y = static_cast<tune::PlaygroundKnob>(y);
  ImGui::SameLine(0, 10 * s);
  float budget = static_cast<float>(ss.plan.budget);
  ImGui::SetNextItemWidth(110 * s);
  if (ImGui::SliderFloat("epochs", &budget, 3, 100, "%.0f")) {
    ss.plan.budget = std::round(budget);
    ss.plan.halving = {36, ss.plan.budget / 9, ss.plan.budget, 3};
  }
  ImGui::EndDisabled();
  ImGui::SameLine(0, 10 * s);
  if (!running) {
    if (ImGui::Button("Start search")) start_search(lab);
  } else if (ImGui::Button("Cancel")) {
    ss.job->cancel();
  }
  const float frac = ss.job ? static_cast<float>(ss.job->fraction()) : 0.f;
  char bar[64];
  std::snprintf(bar, sizeof bar, "%d / %d trials", ss.job ? ss.job->trials_done() : 0, ss.job ? ss.job->trials_planned() : 0);
  ImGui::SameLine(0, 10 * s);
  ImGui::ProgressBar(frac, ImVec2(std::max(80 * s, origin.x + size.x - ImGui::GetCursorScreenPos().x), 0), bar);

  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + size.y;
  const float left_w = std::floor((size.x - gap) * 0.55f);
  const float x1 = origin.x + left_w + gap, xe = origin.x + size.x;
  const std::vector<tune::Trial> trials = ss.job ? ss.job->trials() : std::vector<tune::Trial>{};
  const tune::PlaygroundKnob kx = ss.setup.x, ky = ss.setup.y;

  // Where each method looked.
  const Panel pa = draw_panel(ctx, "Validation loss of every trial", ImVec2(origin.x, top), ImVec2(origin.x + left_w, bottom),
                              lab.highlight == "search");
  ImGui::SetCursorScreenPos(pa.body_min);
  const ImVec2 area(pa.body_max.x - pa.body_min.x, pa.body_max.y - pa.body_min.y);
  if (ss.plan.method == tune::SearchMethod::Grid && !trials.empty()) {
    // Grid search: trial k is cell (k % n, k / n), the first knob fastest (search.cpp's order).
    const int n = ss.plan.grid_points;
    ss.heat.assign(static_cast<size_t>(n) * n, std::numeric_limits<float>::quiet_NaN());
    std::vector<std::string> rows(static_cast<size_t>(n)), cols(static_cast<size_t>(n));
    for (size_t k = 0; k < trials.size() && k < ss.heat.size(); ++k) {
      const int a = static_cast<int>(k) % n, b = static_cast<int>(k) / n;
      // Rows: the second knob, largest at the top; columns: the first knob.
      ss.heat[static_cast<size_t>(n - 1 - b) * n + a] = static_cast<float>(std::min(trials[k].score, 1.0));
      cols[static_cast<size_t>(a)] = plot::format_value(trials[k].x[0], 2);
      rows[static_cast<size_t>(n - 1 - b)] = plot::format_value(trials[k].x[1], 2);
    }
    plot::Heatmap h;
    h.values = plot::Grid(ss.heat.data(), n, n);
    h.row_labels = rows;
    h.col_labels = cols;
    h.col_title = kKnobs[static_cast<int>(kx)];
    h.row_title = kKnobs[static_cast<int>(ky)];
    h.colorbar_label = "validation loss";
    h.value_decimals = 2;
    h.square_cells = false;
    plot::draw_heatmap(ctx, "##grid_heat", h, area);
  } else {
    ss.px.clear(), ss.py.clear(), ss.pv.clear();
    for (const tune::Trial& t : trials) {
      ss.px.push_back(axis_value(kx, t.x[0]));
      ss.py.push_back(axis_value(ky, t.x[1]));
      ss.pv.push_back(std::min(t.score, 1.0));
    }
    plot::Plot2D p;
    p.x.label = axis_label(kx);
    p.y.label = axis_label(ky);
    const tune::Param px = tune::knob_param(kx), py = tune::knob_param(ky);
    p.x.min = axis_value(kx, px.lo), p.x.max = axis_value(kx, px.hi);
    p.y.min = axis_value(ky, py.lo), p.y.max = axis_value(ky, py.hi);
    p.legend = false;
    p.navigate = false;
    p.empty_text = "press Start search";
    plot::ScatterLayer l;
    l.x = ss.px;
    l.y = ss.py;
    l.value = ss.pv;
    l.map = &plot::color_map(plot::ColorMapId::Lumen);
    l.radius = 5 * s;
    p.scatter.push_back(l);
    plot::draw_plot_2d(ctx, "##trials", p, area);
  }

  // What each trial cost, and the winner.
  const Panel pb = draw_panel(ctx, "Budget per trial, and the best", ImVec2(x1, top), ImVec2(xe, bottom), lab.highlight == "budget");
  ImGui::SetCursorScreenPos(pb.body_min);
  ImGui::BeginGroup();
  push_wrap(pb.body_max.x);
  double spent = 0;
  for (const tune::Trial& t : trials) spent += t.budget;
  ImGui::Text("%zu trials · %.0f epochs spent", trials.size(), spent);
  if (ss.job && ss.job->done() && !ss.job->result().trials.empty()) {
    const tune::Trial& b = ss.job->result().best;
    ImGui::Text("best: %s = %s, %s = %s", kKnobs[static_cast<int>(kx)], plot::format_value(b.x[0], 3).c_str(),
                kKnobs[static_cast<int>(ky)], plot::format_value(b.x[1], 3).c_str());
    ImGui::Text("validation loss %.4f · test loss %.4f", b.score, ss.test_loss);
  } else {
    ImGui::TextDisabled("Data: %s; 30%% of the training points validate, the test points wait for the winner.",
                        ss.dataset.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float chart_top = ImGui::GetCursorScreenPos().y + 6 * s;
  ss.budgets.clear();
  for (const tune::Trial& t : trials) ss.budgets.push_back(t.budget);
  plot::LinePlot lp;
  lp.x.label = "trial";
  lp.y.label = "epochs";
  lp.y.include_zero = true;
  lp.legend = false;
  lp.empty_text = "no trials yet";
  plot::LineSeries bs{"budget", plot::Values(), ss.budgets, plot::category_color(pal, 1)};
  bs.markers = true;
  lp.series.push_back(bs);
  ImGui::SetCursorScreenPos(ImVec2(pb.body_min.x, chart_top));
  plot::draw_line_plot(ctx, "##budgets", lp, ImVec2(pb.body_max.x - pb.body_min.x, std::max(80 * s, pb.body_max.y - chart_top)));
}

}  // namespace attend::views::playground_view
