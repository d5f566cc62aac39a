#include "views/gallery_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "core/util/files.h"
#include "core/util/paths.h"
#include "core/util/rng.h"
#include "views/gl/surface_renderer.h"
#include "views/plot/bar_chart.h"
#include "views/plot/heatmap.h"
#include "views/plot/line_plot.h"
#include "views/plot/plot_2d.h"

namespace attend::views {
namespace {

// ============================================================================================ sample data

// The sample "loss surface": a bowl with two basins of different depth.
double sample_surface(double x, double y) {
  return 0.35 * (x * x + y * y) - 1.3 * std::exp(-((x - 1.0) * (x - 1.0) + (y - 0.5) * (y - 0.5)) / 0.55) -
         0.8 * std::exp(-((x + 1.1) * (x + 1.1) + (y + 0.7) * (y + 0.7)) / 0.35) + 1.6;
}

struct Curve {
  std::vector<double> y, lo, hi, min, max;
};

struct Gallery {
  // Line plot with log axes: a learning-rate sweep.
  std::vector<double> lr;
  std::vector<double> sweep[3];
  // Training curves: three runs, each a noisy mean across seeds with its spread and envelope.
  std::vector<double> steps;
  Curve runs[3];
  // Attention: softmax weights (8 x 8, causal) and raw scores (12 x 12, causal, diverging).
  std::vector<std::string> tokens8, tokens12;
  std::vector<float> weights, scores;
  std::vector<uint8_t> mask8, mask12;
  // Decision surface with training and test points.
  std::vector<float> prob;  // 100 x 100
  std::vector<double> train_x, train_y, test_x, test_y;
  std::vector<int> train_label, test_label;
  // Embeddings: clusters of words with labels, plus unlabelled background points.
  std::vector<double> emb_x, emb_y, emb_freq;
  std::vector<int> emb_cluster;
  std::vector<std::string> emb_words;
  // Next-token bars.
  std::vector<std::string> bar_tokens;
  std::vector<double> bar_probs;
  // Loss surface: grid, gradient arrows, two trajectories; the 3-D surface uses a finer grid.
  std::vector<double> loss;  // 80 x 80 over [-2.5, 2.5]^2
  std::vector<double> arrow_x, arrow_y, arrow_u, arrow_v;
  std::vector<double> path_ax, path_ay, path_bx, path_by;
  std::vector<float> surface;  // 96 x 96

  // UI state.
  plot::LinePlotState sweep_state, curves_state;
  plot::Plot2DState boundary_state, embed_state, loss_state;
  float smoothing = 0.85f;
  bool wireframe = false;
  int query = 6;
  int selected_word = 0;
  gl::OrbitCamera camera;
  gl::SurfaceRenderer renderer;
  bool surface_uploaded = false;
  std::string export_message;
};

void make_sweep(Gallery& g) {
  // Final loss after a fixed budget as a U in log(lr): each optimizer has its own best rate and floor, and
  // diverges (NaN, the line stops) past a rate.
  const double best[3] = {-1.2, -2.0, -2.7}, floor[3] = {0.09, 0.05, 0.03}, k[3] = {0.16, 0.2, 0.24};
  const double diverge[3] = {-0.3, -0.9, -1.3};
  for (int i = 0; i < 21; ++i) g.lr.push_back(std::pow(10.0, -5.0 + 5.0 * i / 20));
  for (int o = 0; o < 3; ++o)
    for (double lr : g.lr) {
      const double d = std::log10(lr) - best[o];
      g.sweep[o].push_back(std::log10(lr) > diverge[o] ? NAN : floor[o] + k[o] * d * d + 0.02 * std::sin(7 * d));
    }
}

void make_curves(Gallery& g) {
  SplitMix64 rng(7);
  const int n = 2000;
  const double tau[3] = {180, 320, 600}, final_loss[3] = {0.18, 0.12, 0.22};
  for (int i = 0; i < n; ++i) g.steps.push_back(i);
  for (int r = 0; r < 3; ++r) {
    Curve& c = g.runs[r];
    for (int i = 0; i < n; ++i) {
      const double t = i;
      // A learning-rate drop at step 1200 gives the curves a visible kink.
      const double decay = t > 1200 ? 0.82 + 0.18 * std::exp(-(t - 1200) / 150) : 1.0;
      const double mean = (final_loss[r] + 2.1 * std::exp(-t / tau[r])) * decay;
      const double spread = 0.03 + 0.25 * std::exp(-t / (1.5 * tau[r]));
      const double y = mean + 0.035 * rng.normal() * (0.3 + mean);
      c.y.push_back(y);
      c.lo.push_back(mean - spread);
      c.hi.push_back(mean + spread);
      c.min.push_back(mean - 1.9 * spread);
      c.max.push_back(mean + 1.9 * spread);
    }
  }
}

void make_attention(Gallery& g) {
  g.tokens8 = {"<s>", "the", "cat", "sat", "on", "the", "mat", "."};
  const int T = 8;
  g.weights.assign(T * T, 0.0f);
  g.mask8.assign(T * T, 0);
  for (int i = 0; i < T; ++i) {
    // Scores favour the previous token and earlier copies of the same word; weights are their normalised
    // exponentials over the visible (j <= i) keys.
    double z = 0;
    std::vector<double> e(T, 0.0);
    for (int j = 0; j <= i; ++j) {
      const double s = 1.8 * (j == i - 1) + 1.4 * (j < i && g.tokens8[j] == g.tokens8[i]) + 0.6 * (j == 0) +
                       0.25 * std::cos(1.3 * i + 0.7 * j);
      e[j] = std::exp(s);
      z += e[j];
    }
    for (int j = 0; j < T; ++j) {
      g.weights[i * T + j] = j <= i ? static_cast<float>(e[j] / z) : NAN;
      g.mask8[i * T + j] = j > i;
    }
  }
  g.tokens12 = {"The", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "near", "the", "riverbank"};
  const int U = 12;
  g.scores.assign(U * U, 0.0f);
  g.mask12.assign(U * U, 0);
  for (int i = 0; i < U; ++i)
    for (int j = 0; j < U; ++j) {
      const bool hidden = j > i;
      g.mask12[i * U + j] = hidden;
      g.scores[i * U + j] = hidden ? -INFINITY
                                   : static_cast<float>(2.2 * std::cos(0.8 * (i - j)) * std::exp(-0.12 * (i - j)) +
                                                        0.9 * std::sin(0.9 * i + 0.45 * j) - 0.6);
    }
}

void make_boundary(Gallery& g) {
  const int N = 100;
  g.prob.resize(N * N);
  // p(class B) rises across the curve y = 0.9 sin(1.4 x); row 0 is the top (y = 3).
  for (int r = 0; r < N; ++r)
    for (int c = 0; c < N; ++c) {
      const double x = -3 + 6.0 * c / (N - 1), y = 3 - 6.0 * r / (N - 1);
      g.prob[r * N + c] = static_cast<float>(1.0 / (1.0 + std::exp(-2.4 * (y - 0.9 * std::sin(1.4 * x)))));
    }
  SplitMix64 rng(11);
  auto add = [&](std::vector<double>& xs, std::vector<double>& ys, std::vector<int>& ls, int n) {
    for (int i = 0; i < n; ++i) {
      const double x = -2.8 + 5.6 * rng.uniform(), y = -2.8 + 5.6 * rng.uniform();
      const double margin = y - 0.9 * std::sin(1.4 * x) + 0.35 * rng.normal();
      xs.push_back(x);
      ys.push_back(y);
      ls.push_back(margin > 0 ? 1 : 0);
    }
  };
  add(g.train_x, g.train_y, g.train_label, 140);
  add(g.test_x, g.test_y, g.test_label, 36);
}

void make_embeddings(Gallery& g) {
  const std::vector<std::vector<std::string>> clusters = {
      {"cat", "dog", "horse", "mouse", "rabbit", "wolf", "fox", "tiger", "lion", "bear"},
      {"red", "green", "blue", "yellow", "purple", "orange", "black", "white", "grey", "pink"},
      {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"},
      {"run", "walk", "jump", "swim", "fly", "climb", "crawl", "sprint", "hop", "dance"},
      {"France", "Spain", "Italy", "Greece", "Norway", "Chile", "Japan", "Kenya", "Peru", "Egypt"}};
  SplitMix64 rng(5);
  const double cx[5] = {-2.2, 1.9, 0.2, -1.4, 2.4}, cy[5] = {1.6, 1.9, -0.2, -2.0, -1.6};
  for (int k = 0; k < 5; ++k)
    for (size_t w = 0; w < clusters[k].size(); ++w) {
      g.emb_x.push_back(cx[k] + 0.55 * rng.normal());
      g.emb_y.push_back(cy[k] + 0.45 * rng.normal());
      g.emb_cluster.push_back(k);
      g.emb_words.push_back(clusters[k][w]);
      g.emb_freq.push_back(100.0 - w * 7 - k);  // earlier words are "more frequent"
    }
  // Rarer words without labels fill the space between clusters.
  for (int i = 0; i < 260; ++i) {
    const int k = static_cast<int>(rng.uniform() * 5) % 5;
    g.emb_x.push_back(cx[k] + 1.1 * rng.normal());
    g.emb_y.push_back(cy[k] + 0.9 * rng.normal());
    g.emb_cluster.push_back(k);
    g.emb_words.emplace_back();
    g.emb_freq.push_back(0);
  }
}

void make_loss(Gallery& g) {
  const int N = 80;
  g.loss.resize(N * N);
  for (int r = 0; r < N; ++r)
    for (int c = 0; c < N; ++c) g.loss[r * N + c] = sample_surface(-2.5 + 5.0 * c / (N - 1), 2.5 - 5.0 * r / (N - 1));
  // Downhill directions by central differences, on a coarse lattice.
  const int A = 13;
  for (int i = 0; i < A; ++i)
    for (int j = 0; j < A; ++j) {
      const double x = -2.3 + 4.6 * j / (A - 1), y = -2.3 + 4.6 * i / (A - 1), h = 1e-4;
      g.arrow_x.push_back(x);
      g.arrow_y.push_back(y);
      g.arrow_u.push_back(-(sample_surface(x + h, y) - sample_surface(x - h, y)) / (2 * h));
      g.arrow_v.push_back(-(sample_surface(x, y + h) - sample_surface(x, y - h)) / (2 * h));
    }
  // Two sample trajectories (parametric curves, not optimizer runs): a spiral into the deep basin and a
  // direct slide into the shallow one.
  for (int i = 0; i <= 120; ++i) {
    const double t = i / 24.0;
    g.path_ax.push_back(1.0 + 2.4 * std::exp(-0.9 * t) * std::cos(2.6 * t + 2.4));
    g.path_ay.push_back(0.5 + 1.9 * std::exp(-0.9 * t) * std::sin(2.6 * t + 2.4));
  }
  for (int i = 0; i <= 60; ++i) {
    const double t = i / 60.0, e = 1 - std::pow(1 - t, 3);
    g.path_bx.push_back(-2.2 + (-1.1 + 2.2) * e + 0.25 * std::sin(6 * t) * (1 - t));
    g.path_by.push_back(-2.3 + (-0.7 + 2.3) * e);
  }
  const int S = 96;
  g.surface.resize(S * S);
  for (int r = 0; r < S; ++r)
    for (int c = 0; c < S; ++c)
      g.surface[r * S + c] = static_cast<float>(sample_surface(-2.5 + 5.0 * c / (S - 1), 2.5 - 5.0 * r / (S - 1)));
}

gl::OrbitCamera gallery_camera() {
  gl::OrbitCamera c;
  c.yaw = 0.62f;
  c.pitch = 0.6f;
  c.distance = 4.1f;
  c.target = {0, 0.12f, 0};
  return c;
}

std::unique_ptr<Gallery> make_gallery() {
  auto g = std::make_unique<Gallery>();
  make_sweep(*g);
  make_curves(*g);
  make_attention(*g);
  make_boundary(*g);
  make_embeddings(*g);
  make_loss(*g);
  g->bar_tokens = {"mat", "floor", "sofa", "bed", "chair", "table", "rug", "roof"};
  g->bar_probs = {0.41, 0.17, 0.11, 0.08, 0.07, 0.06, 0.04, 0.03};
  g->camera = gallery_camera();
  return g;
}

// ================================================================================================ panels

struct Panel {
  ImVec2 min, max;        // the panel
  ImVec2 body_min, body_max;  // what the content may use
};

// Layout records for the screenshot tests.
struct Record {
  std::string name;
  ImVec2 panel_min, panel_max, area_min, area_max;
};

Panel panel(const ViewContext& ctx, const char* title, ImVec2 p0, ImVec2 p1) {
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg, 0.35f), 5 * s);
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border), 5 * s);
  const ImFont* bold = ctx.fonts->bold;
  const float pad = 8 * s;
  dl->AddText(bold, bold->FontSize, ImVec2(std::round(p0.x + pad), std::round(p0.y + 6 * s)), ctx.palette->text, title);
  Panel p;
  p.min = p0;
  p.max = p1;
  p.body_min = ImVec2(std::round(p0.x + 4 * s), std::round(p0.y + 6 * s + bold->FontSize + 2 * s));
  p.body_max = ImVec2(std::round(p1.x - 4 * s), std::round(p1.y - 4 * s));
  return p;
}

ImVec2 body_size(const Panel& p) { return ImVec2(p.body_max.x - p.body_min.x, p.body_max.y - p.body_min.y); }

// A small control at the right end of a panel's title row.
void header_control_pos(const ViewContext& ctx, const Panel& p, float width) {
  ImGui::SetCursorScreenPos(ImVec2(p.max.x - 8 * ctx.scale - width, p.min.y + 4 * ctx.scale));
}

void draw_sweep(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  plot::LinePlot lp;
  lp.x.label = "learning rate";
  lp.x.scale = plot::AxisScale::Log;
  lp.y.label = "final loss";
  lp.y.scale = plot::AxisScale::Log;
  const char* names[3] = {"SGD", "momentum", "Adam"};
  for (int o = 0; o < 3; ++o) {
    plot::LineSeries s;
    s.name = names[o];
    s.x = g.lr;
    s.y = g.sweep[o];
    s.markers = true;
    lp.series.push_back(s);
  }
  lp.markers.push_back({std::pow(10.0, -2.7), "best Adam", 0});
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_line_plot(ctx, "sweep", lp, body_size(p), &g.sweep_state);
  rec.push_back({"line", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void draw_curves(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  plot::LinePlot lp;
  lp.x.label = "step";
  lp.y.label = "loss (mean of 5 seeds, ± sd, min–max)";
  lp.smoothing = g.smoothing;
  const char* names[3] = {"lr 3e−3", "lr 1e−3", "lr 3e−4"};
  for (int r = 0; r < 3; ++r) {
    plot::LineSeries s;
    s.name = names[r];
    s.x = g.steps;
    s.y = g.runs[r].y;
    s.band_lo = g.runs[r].lo;
    s.band_hi = g.runs[r].hi;
    s.envelope_lo = g.runs[r].min;
    s.envelope_hi = g.runs[r].max;
    lp.series.push_back(s);
  }
  lp.markers.push_back({1200, "lr ÷ 5", 0});
  lp.cursor_x = 1600;  // a moment linked from another view
  // Header controls: smoothing and export.
  const float s = ctx.scale;
  header_control_pos(ctx, p, 200 * s);
  ImGui::PushFont(ctx.fonts->small);
  ImGui::SetNextItemWidth(120 * s);
  ImGui::SliderFloat("##smoothing", &g.smoothing, 0.0f, 0.99f, "smooth %.2f");
  ImGui::SameLine(0, 6 * s);
  if (ImGui::SmallButton("export")) {
    const std::string dir = data_dir() + "/exports";
    Status st = make_directories(dir);
    if (st) st = write_file_atomic(dir + "/gallery_curves.svg", plot::line_plot_svg(ctx, lp, ImVec2(640 * s, 360 * s), &g.curves_state));
    if (st) st = write_file_atomic(dir + "/gallery_curves.csv", plot::line_plot_csv(lp));
    g.export_message = st ? "saved " + dir + "/gallery_curves.svg and .csv" : st.error().to_string();
  }
  if (!g.export_message.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", g.export_message.c_str());
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_line_plot(ctx, "curves", lp, body_size(p), &g.curves_state);
  rec.push_back({"curves", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void draw_weights(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  plot::Heatmap h;
  h.values = plot::Grid(g.weights.data(), 8, 8);
  h.map = &plot::color_map(plot::ColorMapId::Ember);
  h.vmin = 0;
  h.vmax = 1;
  h.row_labels = h.col_labels = g.tokens8;
  h.row_title = "query";
  h.col_title = "key";
  h.mask = g.mask8.data();
  h.highlight_row = g.query;
  h.colorbar_label = "weight";
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_heatmap(ctx, "weights", h, body_size(p));
  if (r.clicked) g.query = r.row;
  rec.push_back({"heatmap", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void draw_scores(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  plot::Heatmap h;
  h.values = plot::Grid(g.scores.data(), 12, 12);
  h.map = &plot::diverging_map(*ctx.palette);
  h.row_labels = h.col_labels = g.tokens12;
  h.row_title = "query";
  h.col_title = "key";
  h.mask = g.mask12.data();
  h.colorbar_label = "score";
  h.cell_text = plot::CellText::Never;
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_heatmap(ctx, "scores", h, body_size(p));
  rec.push_back({"diverging", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void draw_boundary(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  plot::Plot2D pl;
  pl.x.label = "x₁";
  pl.y.label = "x₂";
  pl.field.values = plot::Grid(g.prob.data(), 100, 100);
  pl.field.x = {-3, 3};
  pl.field.y = {-3, 3};
  pl.field.map = &plot::diverging_map(*ctx.palette);
  pl.field.vmin = 0;
  pl.field.vmax = 1;
  pl.field.center = 0.5;
  pl.field.emphasis_level = 0.5;
  pl.field.opacity = 0.7f;
  pl.field.colorbar = true;
  pl.field.colorbar_label = "p(B)";
  pl.equal_aspect = true;
  plot::ScatterLayer train;
  train.name = "train";
  train.x = g.train_x;
  train.y = g.train_y;
  train.category = g.train_label.data();
  train.category_names = {"A", "B"};
  plot::ScatterLayer test;
  test.name = "test";
  test.x = g.test_x;
  test.y = g.test_y;
  test.category = g.test_label.data();
  test.ring = true;
  pl.scatter = {train, test};
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_plot_2d(ctx, "boundary", pl, body_size(p), &g.boundary_state);
  rec.push_back({"boundary", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void draw_embeddings(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  plot::Plot2D pl;
  pl.equal_aspect = true;
  pl.x.label = "component 1";
  pl.y.label = "component 2";
  plot::ScatterLayer words;
  words.x = g.emb_x;
  words.y = g.emb_y;
  words.category = g.emb_cluster.data();
  words.category_names = {"animals", "colours", "numbers", "verbs", "countries"};
  words.labels = &g.emb_words;
  words.label_priority = g.emb_freq;
  words.radius = 3.0f;
  words.selected = {g.selected_word};
  pl.scatter = {words};
  pl.legend = true;
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_plot_2d(ctx, "embeddings", pl, body_size(p), &g.embed_state);
  if (r.clicked && r.clicked_layer == 0 && !g.emb_words[r.clicked_index].empty()) g.selected_word = r.clicked_index;
  rec.push_back({"scatter", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void draw_bars(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  plot::BarChart b;
  b.labels = g.bar_tokens;
  b.values = g.bar_probs;
  b.highlight = 0;
  b.value_axis.label = "p(next token | “the cat sat on the”)";
  b.value_axis.max = 0.5;
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_bar_chart(ctx, "bars", b, body_size(p));
  rec.push_back({"bars", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void draw_loss(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  plot::Plot2D pl;
  pl.x.label = "w₁";
  pl.y.label = "w₂";
  pl.field.values = plot::Grid(g.loss.data(), 80, 80);
  pl.field.x = {-2.5, 2.5};
  pl.field.y = {-2.5, 2.5};
  pl.field.style = plot::FieldStyle::Filled;
  pl.field.contour_count = 12;
  pl.field.colorbar = true;
  pl.field.colorbar_label = "loss";
  pl.equal_aspect = true;
  pl.arrows.x = g.arrow_x;
  pl.arrows.y = g.arrow_y;
  pl.arrows.u = g.arrow_u;
  pl.arrows.v = g.arrow_v;
  plot::PathLayer a, b;
  a.name = "path A";
  a.x = g.path_ax;
  a.y = g.path_ay;
  a.color = ctx.palette->highlight;
  b.name = "path B";
  b.x = g.path_bx;
  b.y = g.path_by;
  b.color = ctx.palette->bad;
  pl.paths = {a, b};
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = plot::draw_plot_2d(ctx, "loss", pl, body_size(p), &g.loss_state);
  rec.push_back({"contours", p.min, p.max, r.frame.area_min, r.frame.area_max});
}

void draw_surface(const ViewContext& ctx, Gallery& g, const Panel& p, std::vector<Record>& rec) {
  const float s = ctx.scale;
  header_control_pos(ctx, p, 100 * s);
  ImGui::PushFont(ctx.fonts->small);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3 * s, 1 * s));
  ImGui::Checkbox("wireframe", &g.wireframe);
  ImGui::PopStyleVar();
  ImGui::PopFont();
  if (!g.surface_uploaded) {
    gl::set_surface(g.renderer, plot::Grid(g.surface.data(), 96, 96), {-2.5, 2.5}, {-2.5, 2.5}, 0.8f);
    g.surface_uploaded = true;
  }
  gl::SurfaceStyle style;
  style.wireframe = g.wireframe;
  style.contour_count = 12;
  ImGui::SetCursorScreenPos(p.body_min);
  const auto r = gl::draw_surface_view(ctx, "surface", g.renderer, g.camera, style, body_size(p), "w₁", "w₂");
  // Path A drawn on the surface: each point lifted to its height, projected onto the image.
  std::vector<ImVec2> pts;
  for (size_t i = 0; i < g.path_ax.size(); ++i) {
    ImVec2 q;
    const double x = g.path_ax[i], y = g.path_ay[i];
    if (gl::project_to_image(g.renderer, gl::surface_point(g.renderer, x, y, sample_surface(x, y) + 0.02), r.image_min,
                             r.image_max, q))
      pts.push_back(q);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(r.image_min, r.image_max, true);
  dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), plot::with_alpha(ctx.palette->background, 0.6f), 0, 4.0f * s);
  dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), ctx.palette->highlight, 0, 2.0f * s);
  if (!pts.empty()) dl->AddCircleFilled(pts.back(), 4.5f * s, ctx.palette->highlight);
  dl->PopClipRect();
  rec.push_back({"surface", p.min, p.max, r.image_min, r.image_max});
}

void write_layout(const std::vector<Record>& rec) {
  const char* path = std::getenv("ATTEND_GALLERY_LAYOUT");
  if (!path || !*path) return;
  std::string out;
  char line[256];
  for (const Record& r : rec) {
    std::snprintf(line, sizeof line, "panel %s %.0f %.0f %.0f %.0f area %.0f %.0f %.0f %.0f\n", r.name.c_str(), r.panel_min.x,
                  r.panel_min.y, r.panel_max.x, r.panel_max.y, r.area_min.x, r.area_min.y, r.area_max.x, r.area_max.y);
    out += line;
  }
  (void)write_file_atomic(path, out);
}

void draw_gallery(ViewContext& ctx, Gallery& g) {
  const float s = ctx.scale;
  // Under xvfb the pointer rests at the screen's centre; a screenshot should not show a hover there.
  if (ctx.headless) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = 8 * s;
  const float w = std::floor((avail.x - 2 * gap) / 3), h = std::floor((avail.y - 2 * gap) / 3);
  auto cell = [&](int row, int col) {
    const ImVec2 a(std::round(origin.x + col * (w + gap)), std::round(origin.y + row * (h + gap)));
    return std::make_pair(a, ImVec2(a.x + w, a.y + h));
  };
  std::vector<Record> rec;
  using Draw = void (*)(const ViewContext&, Gallery&, const Panel&, std::vector<Record>&);
  struct Item {
    const char* title;
    Draw draw;
  };
  const Item items[9] = {
      {"Line plot · log–log, markers", draw_sweep},
      {"Training curves", draw_curves},
      {"Attention weights · causal mask", draw_weights},
      {"Decision surface · train and test points", draw_boundary},
      {"Embeddings · labelled scatter", draw_embeddings},
      {"Scores QK⊤/√d · diverging, masked", draw_scores},
      {"Next-token probabilities", draw_bars},
      {"Loss surface · contours, gradient, paths", draw_loss},
      {"Loss surface in 3-D · drag to turn", draw_surface},
  };
  for (int i = 0; i < 9; ++i) {
    const auto [a, b] = cell(i / 3, i % 3);
    ImGui::PushID(i);
    const Panel p = panel(ctx, items[i].title, a, b);
    items[i].draw(ctx, g, p, rec);
    ImGui::PopID();
  }
  // Claim the whole grid so the window's content size is right.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(3 * w + 2 * gap, 3 * h + 2 * gap));
  if (ctx.headless) write_layout(rec);
}


// Lesson API: a script can set the few things a person can change here, and read them back.
constexpr const char* kKeys = "smoothing (0 to 0.99), wireframe (true/false), query (row 0-7 of the attention weights), word";

Status configure_gallery(Gallery& g, const std::string& key, const Value& value) {
  auto bad = [&](const char* what) { return make_error("gallery: option '" + key + "' takes " + what); };
  if (key == "smoothing") {
    const double* x = as_number(value);
    if (!x || !(*x >= 0 && *x < 1)) return bad("a number from 0 to 0.99");
    g.smoothing = static_cast<float>(*x);
  } else if (key == "wireframe") {
    const bool* b = as_bool(value);
    if (!b) return bad("true or false");
    g.wireframe = *b;
  } else if (key == "query") {
    const double* x = as_number(value);
    if (!x || *x < 0 || *x > 7 || *x != std::floor(*x)) return bad("a row number from 0 to 7");
    g.query = static_cast<int>(*x);
  } else if (key == "word") {
    const std::string* w = as_string(value);
    if (!w) return bad("a word shown in the embeddings panel");
    auto it = std::find(g.emb_words.begin(), g.emb_words.end(), *w);
    if (w->empty() || it == g.emb_words.end()) return make_error("gallery: no word '" + *w + "' in the embeddings panel");
    g.selected_word = static_cast<int>(it - g.emb_words.begin());
  } else {
    return make_error("gallery: unknown option '" + key + "'; known: " + kKeys);
  }
  return Ok{};
}

std::optional<Value> query_gallery(const Gallery& g, const std::string& key) {
  if (key == "smoothing") return Value(static_cast<double>(g.smoothing));
  if (key == "wireframe") return Value(g.wireframe);
  if (key == "query") return Value(static_cast<double>(g.query));
  if (key == "word") return Value(g.emb_words[g.selected_word]);
  return std::nullopt;
}

void reset_gallery(Gallery& g) {
  g.sweep_state = {};
  g.curves_state = {};
  g.boundary_state = {};
  g.embed_state = {};
  g.loss_state = {};
  g.smoothing = 0.85f;
  g.wireframe = false;
  g.query = 6;
  g.selected_word = 0;
  g.camera = gallery_camera();
  g.export_message.clear();
}

}  // namespace

View make_gallery_view() {
  // The sample data is made on first use (not at startup), and kept while the app runs.
  auto state = std::make_shared<std::unique_ptr<Gallery>>();
  auto get = [state]() -> Gallery& {
    if (!*state) *state = make_gallery();
    return **state;
  };
  View v;
  v.name = "gallery";
  v.title = "Gallery";
  v.summary = "Every chart, heatmap and 3-D surface the labs draw with, on sample data.";
  v.draw = [get](ViewContext& ctx) { draw_gallery(ctx, get()); };
  v.configure = [get](const std::string& key, const Value& value) { return configure_gallery(get(), key, value); };
  v.query = [get](const std::string& key) { return query_gallery(get(), key); };
  v.reset = [state]() {
    if (*state) reset_gallery(**state);
  };
  return v;
}

}  // namespace attend::views
