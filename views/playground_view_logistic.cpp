// The logistic-regression tab (topic 14): logistic regression trained by SGD on Playground's two gaussians
// (a linear score through the sigmoid, mean cross-entropy falling epoch by epoch, the probability over the
// plane), beside linear regression on Playground's plane solved in one step by the normal equation, with
// gradient descent walking to the same coefficients. Both run in one training session; every number comes
// from core/classic (sgd_start/sgd_epoch, fit_linear_regression, gd_start/gd_step).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/data/toy2d.h"
#include "views/plot/color.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

constexpr int kLogitGrid = 64;
constexpr double kLogitExtent = 6;

classic::Matrix to_matrix(const std::vector<data::Point2>& pts) {
  classic::Matrix X(static_cast<int>(pts.size()), 2);
  for (size_t i = 0; i < pts.size(); ++i) {
    X(static_cast<int>(i), 0) = pts[i].x;
    X(static_cast<int>(i), 1) = pts[i].y;
  }
  return X;
}

void logit_reset(LogitModel& m, uint64_t seed) {
  const std::vector<data::Point2> cls = data::make_toy2d(data::Toy2DKind::Gauss, 200, m.noise, seed + 11);
  m.X = to_matrix(cls);
  m.y.clear();
  for (const data::Point2& p : cls) m.y.push_back(p.label > 0 ? 1 : 0);
  classic::SgdOptions o;
  o.learning_rate = m.lr;
  o.batch_size = m.batch;
  o.seed = seed;
  m.sgd = classic::sgd_start(m.X, m.y, o).value();
  const std::vector<data::Point2> reg = data::make_toy2d(data::Toy2DKind::Plane, 200, 0.3, seed + 13);
  m.Xr = to_matrix(reg);
  m.yr.clear();
  for (const data::Point2& p : reg) m.yr.push_back(p.label);
  m.normal = classic::fit_linear_regression(m.Xr, m.yr, classic::LeastSquaresSolver::NormalEquation).value();
  m.normal_loss = classic::squared_loss(m.Xr, m.yr, m.normal);
  m.gd = classic::gd_start(m.Xr, m.yr).value();
}

void logit_publish(const LogitModel& m, LogitSnapshot& s) {
  s.epoch = m.sgd.epoch;
  s.loss = classic::mean_cross_entropy(m.sgd.model, m.X, m.y);
  const std::vector<int> pred = classic::predict(m.sgd.model, m.X);
  int right = 0;
  for (size_t i = 0; i < pred.size(); ++i) right += pred[i] == m.y[i];
  s.accuracy = m.y.empty() ? 0 : static_cast<double>(right) / static_cast<double>(m.y.size());
  s.w[0] = m.sgd.model.coef(0, 0);
  s.w[1] = m.sgd.model.coef(0, 1);
  s.b = m.sgd.model.intercept[0];
  s.lr = m.lr;
  // P(y = 1 | x) over the plane, row 0 at the top.
  classic::Matrix grid(kLogitGrid * kLogitGrid, 2);
  for (int i = 0; i < kLogitGrid; ++i)
    for (int j = 0; j < kLogitGrid; ++j) {
      const int r = i * kLogitGrid + j;
      grid(r, 0) = -kLogitExtent + 2 * kLogitExtent * j / (kLogitGrid - 1);
      grid(r, 1) = kLogitExtent - 2 * kLogitExtent * i / (kLogitGrid - 1);
    }
  const classic::Matrix p = classic::predict_proba(m.sgd.model, grid);
  s.prob.resize(static_cast<size_t>(kLogitGrid) * kLogitGrid);
  for (int r = 0; r < grid.rows; ++r) s.prob[static_cast<size_t>(r)] = static_cast<float>(p(r, 1));
  s.x.clear(), s.y.clear(), s.cls.clear();
  for (int i = 0; i < m.X.rows; ++i) {
    s.x.push_back(m.X(i, 0));
    s.y.push_back(m.X(i, 1));
    s.cls.push_back(m.y[static_cast<size_t>(i)]);
  }
  s.normal = m.normal;
  s.normal_loss = m.normal_loss;
  s.gd = classic::gd_model(m.gd);
  s.gd_loss = m.gd.loss;
  s.gd_steps = m.gd.step;
  s.gd_rate = m.gd.learning_rate;
}

}  // namespace

std::unique_ptr<LogitSession> make_logit_session() {
  LogitSession::Hooks h;
  h.reset = [](LogitModel& m, uint64_t seed) { logit_reset(m, seed); };
  h.step = [](LogitModel& m) {
    const double loss = classic::sgd_epoch(m.sgd, m.X, m.y);
    const double gd = classic::gd_step(m.gd, m.Xr, m.yr);
    train::StepReport r(loss, {{"gd_loss", gd}, {"normal_equation_loss", m.normal_loss}});
    if (m.sgd.diverged) r.stop = "SGD diverged: the cross-entropy became infinite; lower the learning rate and reset";
    return r;
  };
  h.set = [](LogitModel& m, const std::string& name, double v) {
    if (name == "lr" && v > 0) {
      m.lr = v;
      m.sgd.options.learning_rate = v;
      return true;
    }
    if (name == "noise" && v >= 0 && v <= 0.5) {
      m.noise = v;  // takes effect at the next reset (new data)
      return true;
    }
    return false;
  };
  h.publish = [](const LogitModel& m, LogitSnapshot& s) { logit_publish(m, s); };
  h.evaluate_every = 0;
  h.publish_hz = 30;
  return std::make_unique<LogitSession>(LogitModel{}, h, 1);
}

void draw_logistic_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  const Palette& pal = *ctx.palette;
  const LogitSnapshot& snap = *lab.logit_snap;
  ImGui::SetCursorScreenPos(origin);
  draw_session_toolbar(ctx, *lab.logit, snap.progress, lab.logit_toolbar);
  ImGui::SameLine(0, 12 * s);
  float lr = static_cast<float>(snap.lr);
  ImGui::SetNextItemWidth(150 * s);
  if (ImGui::SliderFloat("SGD learning rate", &lr, 0.001f, 10.f, "%.3g", ImGuiSliderFlags_Logarithmic)) lab.logit->set("lr", lr);
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + size.y;
  const float half = std::floor((size.x - gap) / 2);
  const float x1 = origin.x + half + gap, xe = origin.x + size.x;

  // Logistic regression by SGD.
  const Panel pa = draw_panel(ctx, "Logistic regression, trained by SGD", ImVec2(origin.x, top),
                              ImVec2(origin.x + half, bottom), lab.highlight == "logistic");
  ImGui::SetCursorScreenPos(pa.body_min);
  ImGui::BeginGroup();
  push_wrap(pa.body_max.x);
  ImGui::Text("p(y=1|x) = σ(%.2f·x₁ + %.2f·x₂ + %.2f)", snap.w[0], snap.w[1], snap.b);
  ImGui::Text("epoch %d · mean cross-entropy %.4f · accuracy %.0f%%", snap.epoch, snap.loss, 100 * snap.accuracy);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float plot_top = ImGui::GetCursorScreenPos().y + 2 * s;
  const float curve_h = std::max(70 * s, (bottom - plot_top) * 0.28f);
  const float side = std::max(80 * s, std::min(pa.body_max.x - pa.body_min.x, pa.body_max.y - plot_top - curve_h - 6 * s));
  ImGui::SetCursorScreenPos(ImVec2(pa.body_min.x + (pa.body_max.x - pa.body_min.x - side) / 2, plot_top));
  plot::Plot2D p;
  if (snap.prob.size() == static_cast<size_t>(kLogitGrid) * kLogitGrid) {
    p.field.values = plot::Grid(snap.prob.data(), kLogitGrid, kLogitGrid);
    p.field.x = {-kLogitExtent, kLogitExtent};
    p.field.y = {-kLogitExtent, kLogitExtent};
    p.field.map = &plot::diverging_map(pal);
    p.field.vmin = 0;
    p.field.vmax = 1;
    p.field.center = 0.5;
    p.field.emphasis_level = 0.5;
    p.field.colorbar = true;
    p.field.colorbar_label = "p(y=1|x)";
  }
  p.x.min = p.y.min = -kLogitExtent;
  p.x.max = p.y.max = kLogitExtent;
  p.x.padding = p.y.padding = 0;
  p.equal_aspect = true;
  p.legend = false;
  p.navigate = false;
  plot::ScatterLayer pts;
  pts.x = snap.x;
  pts.y = snap.y;
  pts.category = snap.cls.data();
  pts.radius = 3 * s;
  p.scatter.push_back(pts);
  plot::draw_plot_2d(ctx, "##logit", p, ImVec2(side, side));
  ImGui::SetCursorScreenPos(ImVec2(pa.body_min.x, pa.body_max.y - curve_h));
  plot::LinePlot lp;
  lp.x.label = "epoch";
  lp.y.label = "cross-entropy";
  lp.legend = false;
  lp.empty_text = "press Run";
  if (snap.progress.history)
    if (const train::Series* l = snap.progress.history->find("loss")) lp.series.push_back({"cross-entropy", l->step, l->value, plot::category_color(pal, 0)});
  plot::draw_line_plot(ctx, "##logit_loss", lp, ImVec2(pa.body_max.x - pa.body_min.x, curve_h));

  // Linear regression: the normal equation and gradient descent.
  const Panel pb = draw_panel(ctx, "Linear regression: normal equation vs gradient descent", ImVec2(x1, top), ImVec2(xe, bottom),
                              lab.highlight == "normal");
  ImGui::SetCursorScreenPos(pb.body_min);
  ImGui::BeginGroup();
  push_wrap(pb.body_max.x);
  ImGui::TextDisabled("y = w₁x₁ + w₂x₂ + b on Playground's plane (200 points, noise 30%%). The normal equation "
                      "XᵀX w = Xᵀy gives the minimum in one solve; gradient descent (step 1/L) walks there.");
  ImGui::PopTextWrapPos();
  if (ImGui::BeginTable("##coef", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("w₁");
    ImGui::TableSetupColumn("w₂");
    ImGui::TableSetupColumn("b");
    ImGui::TableSetupColumn("loss");
    ImGui::TableHeadersRow();
    auto row = [&](const char* name, const classic::LinearModel& m, double loss) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name);
      for (double v : {m.coef.size() > 0 ? m.coef[0] : 0.0, m.coef.size() > 1 ? m.coef[1] : 0.0, m.intercept, loss}) {
        ImGui::TableNextColumn();
        ImGui::Text("%.5f", v);
      }
    };
    row("normal eq.", snap.normal, snap.normal_loss);
    char name[48];
    std::snprintf(name, sizeof name, "GD %d", snap.gd_steps);
    row(name, snap.gd, snap.gd_loss);
    ImGui::EndTable();
  }
  ImGui::EndGroup();
  const float gd_top = ImGui::GetCursorScreenPos().y + 6 * s;
  ImGui::SetCursorScreenPos(ImVec2(pb.body_min.x, gd_top));
  plot::LinePlot gp;
  gp.x.label = "gradient-descent step";
  gp.y.label = "½·mean squared error";
  gp.y.scale = plot::AxisScale::Log;
  gp.empty_text = "press Run";
  if (snap.progress.history) {
    if (const train::Series* g = snap.progress.history->find("gd_loss")) gp.series.push_back({"gradient descent", g->step, g->value, plot::category_color(pal, 1)});
    if (const train::Series* n = snap.progress.history->find("normal_equation_loss")) {
      plot::LineSeries ne{"normal equation (one solve)", n->step, n->value, pal.text};
      ne.dashed = true;
      gp.series.push_back(ne);
    }
  }
  plot::draw_line_plot(ctx, "##gd", gp, ImVec2(pb.body_max.x - pb.body_min.x, std::max(80 * s, pb.body_max.y - gd_top)));
}

}  // namespace attend::views::playground_view
