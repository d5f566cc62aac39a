// The playground view's state and what its files share (internal to views/playground_view*.cpp).
//
// Files, one job each:
//   playground_view.cpp          the View: mode tabs, layout, reset, make_playground_view
//   playground_view_api.cpp      configure/query keys for lessons (the list is at its top)
//   playground_view_net.cpp      the Playground tab: data, features, the network diagram, output, losses
//   playground_view_regions.cpp  the linear-regions tab: the plane coloured by activation pattern, wide vs deep
//   playground_view_fit.cpp      the universal-approximation tab: a 1-D fit with neurons added live
//
// Every number shown comes from core (train/mlp_trainer, nn/linear_regions, train/fit1d_trainer); these files
// lay it out, colour it and turn clicks into commands.
#pragma once

#include <cstdint>
#include <future>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/classic/linear.h"
#include "core/classic/logistic.h"
#include "core/experiments/bias_variance.h"
#include "core/experiments/paradigms.h"
#include "core/experiments/why_logs.h"
#include "core/nn/linear_regions.h"
#include "core/nn/playground_tape.h"
#include "core/train/fit1d_trainer.h"
#include "core/train/mlp_trainer.h"
#include "core/tune/playground_tune.h"
#include "core/tune/search_job.h"
#include "views/plot/line_plot.h"
#include "views/plot/plot_2d.h"
#include "views/view.h"
#include "views/widgets/curves_panel.h"
#include "views/widgets/session_toolbar.h"

namespace attend::views::playground_view {

enum class Mode { Playground, Regions, Fit, Logistic, Search, Poly, Logs, Paradigms, Memory };
constexpr int kModeCount = 9;
// "playground", "regions", "fit", "logistic", "search", "poly", "logs", "paradigms", "memory"
const char* mode_name(Mode m);

using NetSession = train::Session<train::MlpModel, train::MlpSnapshot>;
using FitSession = train::Session<train::Fit1DModel, train::Fit1DSnapshot>;

// Topic 14: logistic regression by SGD beside linear regression by the normal equation (and by GD).
struct LogitModel {
  double lr = 0.1, noise = 0.3;
  int batch = 1;
  classic::Matrix X, Xr;
  std::vector<int> y;
  std::vector<double> yr;
  classic::SgdRun sgd;
  classic::GdRun gd;
  classic::LinearModel normal;
  double normal_loss = 0;
};
struct LogitSnapshot {
  train::Progress progress;
  int epoch = 0;
  double loss = 0, accuracy = 0, lr = 0;
  double w[2] = {0, 0}, b = 0;
  std::vector<float> prob;            // p(y = 1 | x) on a 64×64 grid over [−6, 6]², row 0 at the top
  std::vector<double> x, y;
  std::vector<int> cls;
  classic::LinearModel normal, gd;
  double normal_loss = 0, gd_loss = 0, gd_rate = 0;
  int gd_steps = 0;
};
using LogitSession = train::Session<LogitModel, LogitSnapshot>;
std::unique_ptr<LogitSession> make_logit_session();

// Topic 22: a hyperparameter search in the background.
struct SearchState {
  std::string dataset = "spiral";
  tune::PlaygroundTuneSetup setup;
  tune::SearchPlan plan;
  std::shared_ptr<const tune::PlaygroundTuneData> data;
  std::unique_ptr<tune::SearchJob> job;
  double test_loss = std::numeric_limits<double>::quiet_NaN();  // the winner's, once done
  std::vector<float> heat;                // grid search's validation losses, row 0 at the top
  std::vector<double> px, py, pv, budgets;
};

// Topic 17: polynomial degree, overfitting, bias and variance (computed on the UI thread: milliseconds).
struct PolyState {
  experiments::PolySetup setup;
  int degree = 1, max_degree = 12;
  uint64_t seed = 1;
  bool dirty = true;
  int best_degree = 0;                    // lowest median test error
  experiments::DegreeSweep sweep;
  experiments::BiasVariance bv;
  experiments::BiasVarianceSweep bvs;
  std::vector<double> degrees, bvs_degrees, fit;
};

// Topic 26: products that underflow, softmax that overflows.
struct LogsState {
  double p = 0.1;
  int n = 100;
  double scale = 10;
  bool dirty = true;
  experiments::ProductUnderflow product;
  experiments::SoftmaxOverflow softmax;
  std::vector<double> logits, k, f32;
};

// Topic 15: learning paradigms, computed on a job thread.
struct ParadigmView {
  experiments::ParadigmSetup setup;
  std::future<experiments::Paradigms> job;
  bool ready = false;
  experiments::Paradigms result;
  std::map<const experiments::ParadigmFit*, std::vector<float>> flipped;  // grids with row 0 at the top
  std::vector<double> x, y, labels;
  std::vector<int> truth, noisy, coarse, cluster;
};

// Topic 23: training vs inference memory of the Playground tab's network, gradient accumulation.
struct MemoryState {
  int batch = 32, micro = 1;
  uint64_t key = ~uint64_t{0};
  nn::PlaygroundMemory memory;
  nn::AccumulationCheck accumulation;
  std::vector<double> bars;
};

// What the person set, mirrored in the view so the controls show it at once (the session applies it on
// its thread; the snapshot confirms it a frame later).
struct Settings {
  std::string dataset = "circle";
  std::string csv_path;
  float noise = 0;               // 0 … 0.5
  float train_ratio = 0.5f;
  int batch = 10;
  float lr = 0.03f;
  int activation = 1;            // 0 ReLU, 1 tanh, 2 sigmoid, 3 linear
  int regularization = 0;        // 0 none, 1 L1, 2 L2
  float regularization_rate = 0;
  int optimizer = 0;             // optim::Method
  int norm = 0;                  // 0 none, 1 layer, 2 batch
  int features = 0b11;           // bit k = nn::PlaygroundFeature k
  std::vector<int> hidden = {4, 2};
  bool show_test = false;
  bool discretize = false;
  uint64_t data_seed = 1;
};

// A weight or bias the person clicked to edit (in = −1: the bias).
struct EditTarget {
  int layer = -1, out = -1, in = -2;
  float value = 0;
};

struct Lab {
  Mode mode = Mode::Playground;
  bool select_tab = false;
  Settings settings;
  std::unique_ptr<NetSession> net;
  std::shared_ptr<const train::MlpSnapshot> snap;
  SessionToolbarState toolbar;
  std::string data_error;        // a CSV that did not load, say
  char csv_buf[512] = {};

  // The output grid with row 0 at the top (plots read grids that way), redone when the snapshot changes.
  uint64_t grid_version = ~uint64_t{0};
  std::vector<float> grid_top, grid_discrete;
  std::vector<double> train_x, train_y, test_x, test_y;
  std::vector<int> train_class, test_class;
  std::vector<double> train_value, test_value;
  plot::Plot2DState output_view;
  plot::LinePlotState loss_plot;
  EditTarget editing;
  uint64_t thumb_version = ~uint64_t{0};  // the snapshot the neuron textures show
  std::string hover;             // what the mouse is over in the diagram ("w2[1][3] = 0.41")

  // Linear regions of the current network (ReLU), recomputed when the snapshot changes.
  uint64_t regions_version = ~uint64_t{0};
  nn::RegionMap regions;
  std::vector<float> region_colour_t;   // per cell, row 0 at the top: a colour index per region
  std::vector<nn::WideDeepRow> wide_deep;
  nn::WideDeepSetup wide_deep_setup;
  int sawtooth_depth = 3;
  nn::RegionMap sawtooth;
  std::vector<float> sawtooth_field;

  // Universal approximation.
  std::unique_ptr<FitSession> fit;
  std::shared_ptr<const train::Fit1DSnapshot> fit_snap;
  SessionToolbarState fit_toolbar;
  plot::LinePlotState fit_plot;
  bool show_parts = true;

  // Logistic regression and the normal equation.
  std::unique_ptr<LogitSession> logit;
  std::shared_ptr<const LogitSnapshot> logit_snap;
  SessionToolbarState logit_toolbar;

  SearchState search;
  PolyState poly;
  LogsState logs;
  ParadigmView paradigms;
  MemoryState memory;

  int curve_sources[3] = {0, 0, 0};  // the sessions as the curves view lists them
  ~Lab();

  std::string highlight;         // a lesson's pointer: "network", "output", "features", "loss", "regions", …
  bool headless = false;
};

std::unique_ptr<Lab> make_lab();
void reset_lab(Lab& lab);
void start_search(Lab& lab);
void poll_search(Lab& lab);
const char* search_state(const Lab& lab);  // "idle", "running", "done", "cancelled"
void pause_hidden(Lab& lab);
train::Control* shown_session(Lab& lab);  // the session of the tab shown (train.* in lessons)
// Sends the settings' data choice to the session; false (and data_error set) when it cannot be made.
bool apply_dataset(Lab& lab);
// Rebuilds the hidden layers in the session from settings.hidden.
void apply_layers(Lab& lab);

struct Panel {
  ImVec2 min, max, body_min, body_max;
};
// Wraps text at a screen x (ImGui's wrap position is window-local).
inline void push_wrap(float screen_x) { ImGui::PushTextWrapPos(screen_x - ImGui::GetWindowPos().x + ImGui::GetScrollX()); }

Panel draw_panel(const ViewContext& ctx, const char* title, ImVec2 p0, ImVec2 p1, bool highlighted = false);

void draw_playground_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_regions_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_fit_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_logistic_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_search_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_poly_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void refresh_poly(Lab& lab);
void draw_logs_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void refresh_logs(Lab& lab);
void draw_paradigms_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void start_paradigms(Lab& lab);
void poll_paradigms(Lab& lab);
void draw_memory_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void refresh_memory(Lab& lab);
// Brings derived data (flipped grid, points, regions) up to the latest snapshot; the API calls it too.
void refresh(Lab& lab);
void refresh_regions(Lab& lab);

Status configure_lab(Lab& lab, const std::string& key, const Value& value);
std::optional<Value> query_lab(Lab& lab, const std::string& key);

}  // namespace attend::views::playground_view
