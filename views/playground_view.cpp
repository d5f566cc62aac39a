// The playground view: TensorFlow Playground's network lab and what lies beyond it, as tabs. This file
// makes the lab (its sessions), lays out the tabs and makes the View; the tabs live in
// playground_view_*.cpp (see playground_view_state.h).
#include "views/widgets/mode_tabs.h"
#include "views/lab_view.h"
#include "views/playground_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "views/curves_view.h"
#include "views/playground_view_state.h"

namespace attend::views {
namespace playground_view {

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::Playground: return "playground";
    case Mode::Regions: return "regions";
    case Mode::Fit: return "fit";
    case Mode::Logistic: return "logistic";
    case Mode::Search: return "search";
    case Mode::Poly: return "poly";
    case Mode::Logs: return "logs";
    case Mode::Paradigms: return "paradigms";
    case Mode::Memory: return "memory";
  }
  return "?";
}

namespace {

constexpr double kPlaygroundPace = 1500;  // steps per second

train::MlpTrainerConfig default_config(const Settings& st) {
  train::MlpTrainerConfig c;
  data::PlaygroundDataSpec spec;
  spec.dataset = st.dataset;
  spec.noise = st.noise;
  spec.train_fraction = st.train_ratio;
  spec.seed = st.data_seed;
  Status ok = train::apply_data(c, spec);
  ATTEND_ASSERT(ok.ok(), "the default playground data must build");
  c.net.hidden = st.hidden;
  c.net.activation = tensor::Activation::Tanh;
  c.lr = st.lr;
  c.batch_size = st.batch;
  c.grid_res = 50;
  c.thumb_res = 16;
  return c;
}

void start_sessions(Lab& lab) {
  for (int& id : lab.curve_sources) remove_curve_source(id), id = 0;
  lab.net.reset();
  lab.net = std::make_unique<NetSession>(train::make_mlp_model(default_config(lab.settings)), train::mlp_hooks(), 1);
  lab.net->post([spec = [&] {
    data::PlaygroundDataSpec s;
    s.dataset = lab.settings.dataset;
    s.noise = lab.settings.noise;
    s.train_fraction = lab.settings.train_ratio;
    s.seed = lab.settings.data_seed;
    return s;
  }()](train::MlpModel& m) { m.spec = spec; });
  // Playground's own pace: about one epoch of 25 batches per frame at 60 frames a second. Flat out, the
  // trainer would take a whole core from the renderer (on a software renderer, half the machine's).
  lab.net->set_speed(kPlaygroundPace);
  lab.toolbar.speed = static_cast<float>(kPlaygroundPace);
  lab.toolbar.max_speed = static_cast<float>(10 * kPlaygroundPace);  // the default pace stays reachable by dragging
  lab.snap = lab.net->latest();
  lab.fit.reset();
  train::Fit1DConfig fc;
  fc.neurons = 3;
  lab.fit = std::make_unique<FitSession>(train::make_fit1d_model(fc), train::fit1d_hooks(), 1);
  lab.fit_snap = lab.fit->latest();
  lab.curve_sources[0] = add_curve_source("playground", lab.net.get());
  lab.curve_sources[1] = add_curve_source("1-D fit", lab.fit.get());
  lab.logit.reset();
  lab.logit = make_logit_session();
  lab.logit_snap = lab.logit->latest();
  lab.curve_sources[2] = add_curve_source("logistic regression", lab.logit.get());
  lab.grid_version = ~uint64_t{0};
  lab.regions_version = ~uint64_t{0};
}

void draw_lab(ViewContext& ctx, Lab& lab) {
  if (ctx.headless) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  lab.headless = ctx.headless;
  lab.snap = lab.net->latest();
  lab.fit_snap = lab.fit->latest();
  lab.logit_snap = lab.logit->latest();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Mode before = lab.mode;
  const char* const names[kModeCount] = {"Playground", "Linear regions", "Fit a function", "Logistic regression",
                                     "Hyperparameter search", "Polynomial degree", "Why logs",
                                     "Learning paradigms", "Memory"};
  mode_tabs("##playground_mode", names, kModeCount, lab.mode, lab.select_tab);
  if (lab.mode != before) pause_hidden(lab);
  const ImVec2 body = ImGui::GetCursorScreenPos();
  const ImVec2 size(avail.x, origin.y + avail.y - body.y);
  switch (lab.mode) {
    case Mode::Playground: draw_playground_mode(ctx, lab, body, size); break;
    case Mode::Regions: draw_regions_mode(ctx, lab, body, size); break;
    case Mode::Fit: draw_fit_mode(ctx, lab, body, size); break;
    case Mode::Logistic: draw_logistic_mode(ctx, lab, body, size); break;
    case Mode::Search: draw_search_mode(ctx, lab, body, size); break;
    case Mode::Poly: draw_poly_mode(ctx, lab, body, size); break;
    case Mode::Logs: draw_logs_mode(ctx, lab, body, size); break;
    case Mode::Paradigms: draw_paradigms_mode(ctx, lab, body, size); break;
    case Mode::Memory: draw_memory_mode(ctx, lab, body, size); break;
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(avail);
}

}  // namespace

void pause_hidden(Lab& lab) {
  // Nothing trains out of sight.
  if (lab.mode != Mode::Playground && lab.mode != Mode::Regions && lab.mode != Mode::Memory) lab.net->pause();
  if (lab.mode != Mode::Fit) lab.fit->pause();
  if (lab.mode != Mode::Logistic) lab.logit->pause();
}

train::Control* shown_session(Lab& lab) {
  if (lab.mode == Mode::Fit) return lab.fit.get();
  if (lab.mode == Mode::Logistic) return lab.logit.get();
  return lab.net.get();
}

Lab::~Lab() {
  for (int id : curve_sources) remove_curve_source(id);
}

std::unique_ptr<Lab> make_lab() {
  auto lab = std::make_unique<Lab>();
  start_sessions(*lab);
  return lab;
}

void reset_lab(Lab& lab) {
  lab.mode = Mode::Playground;
  lab.select_tab = true;
  lab.settings = Settings{};
  lab.data_error.clear();
  lab.csv_buf[0] = 0;
  lab.highlight.clear();
  lab.output_view = {};
  lab.toolbar = {};
  lab.fit_toolbar = {};
  lab.search.job.reset();
  lab.search = SearchState{};
  lab.poly = PolyState{};
  lab.logs = LogsState{};
  if (lab.paradigms.job.valid()) lab.paradigms.job.wait();
  lab.paradigms = ParadigmView{};
  lab.memory = MemoryState{};
  start_sessions(lab);
}

bool apply_dataset(Lab& lab) {
  const Settings& st = lab.settings;
  data::PlaygroundDataSpec spec;
  spec.dataset = st.dataset;
  spec.csv_path = st.csv_path;
  spec.noise = st.noise;
  spec.train_fraction = st.train_ratio;
  spec.seed = st.data_seed;
  // Checked here first so a bad CSV is reported at once, with its file and line.
  Result<data::PlaygroundData> d = data::make_playground_data(spec);
  if (!d) {
    lab.data_error = d.error().to_string();
    return false;
  }
  lab.data_error.clear();
  lab.net->post([spec](train::MlpModel& m) { (void)train::set_data(m, spec); });
  lab.net->reset(lab.snap ? lab.snap->progress.seed : 1);
  return true;
}

void apply_layers(Lab& lab) {
  const std::vector<int> hidden = lab.settings.hidden;
  lab.net->post([hidden](train::MlpModel& m) {
    m.config.net.hidden = hidden;
    train::reset(m, m.seed);
  });
  lab.net->reset(lab.snap ? lab.snap->progress.seed : 1);
}

Panel draw_panel(const ViewContext& ctx, const char* title, ImVec2 p0, ImVec2 p1, bool highlighted) {
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  p0 = ImVec2(std::round(p0.x), std::round(p0.y));
  p1 = ImVec2(std::round(p1.x), std::round(p1.y));
  const ImFont* bold = ctx.fonts->bold;
  const float title_bottom = std::round(p0.y + 5 * s + bold->FontSize + 4 * s);
  dl->AddRectFilled(p0, ImVec2(p1.x, title_bottom), ImGui::GetColorU32(ImGuiCol_FrameBg, 0.35f), 5 * s,
                    ImDrawFlags_RoundCornersTop);
  dl->AddRect(p0, p1, highlighted ? ctx.palette->highlight : ImGui::GetColorU32(ImGuiCol_Border), 5 * s, 0,
              highlighted ? 3 * s : 1.f);
  dl->AddText(bold, bold->FontSize, ImVec2(std::round(p0.x + 8 * s), std::round(p0.y + 5 * s)), ctx.palette->text, title);
  Panel p;
  p.min = p0;
  p.max = p1;
  p.body_min = ImVec2(std::round(p0.x + 6 * s), title_bottom + 4 * s);
  p.body_max = ImVec2(std::round(p1.x - 6 * s), std::round(p1.y - 6 * s));
  return p;
}

}  // namespace playground_view

View make_playground_view() {
  using namespace playground_view;
  return make_lab_view<Lab>({"playground", "Network playground",
                             "TensorFlow Playground and beyond: train small networks on 2-D data, see every neuron, count "
                             "linear regions, fit a function neuron by neuron."},
                            make_lab, draw_lab, configure_lab, query_lab, shown_session, reset_lab);
}

}  // namespace attend::views
