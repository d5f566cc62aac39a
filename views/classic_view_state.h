// The classic-ML lab's state and the functions its files share (internal to views/classic_view*.cpp).
//
// Files, one job each:
//   classic_view.cpp          the View: mode tabs, jobs started when settings change, reset
//   classic_view_compute.cpp  what each mode asks core for (run off the UI thread as BackgroundJobs)
//   classic_view_panels.cpp   the zoo, metrics and regression-family tabs
//   classic_view_panels2.cpp  the pipeline, drift, inference-cost and in-context tabs
//   classic_view_api.cpp      configure/query keys for lessons
//
// Every number shown comes from core (classic, metrics, experiments); these files lay it out and turn
// slider moves into new requests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/classic/pipeline.h"
#include "core/classic/zoo.h"
#include "core/experiments/drift.h"
#include "core/experiments/in_context.h"
#include "core/experiments/inference_cost.h"
#include "core/experiments/regression_family.h"
#include "core/metrics/classification.h"
#include "core/metrics/seq_metrics.h"
#include "core/train/session.h"
#include "views/plot/line_plot.h"
#include "views/surface_view_jobs.h"
#include "views/view.h"
#include "views/widgets/session_toolbar.h"

namespace attend::views::classic_view {

enum class Mode { Zoo, Metrics, Regression, Pipeline, Drift, Inference, InContext };
constexpr int kModeCount = 7;
const char* mode_name(Mode m);   // "zoo", "metrics", "regression", "pipeline", "drift", "inference", "icl"
const char* mode_title(Mode m);  // the tab's label
bool parse_mode(const std::string& s, Mode* out);

// ---------------------------------------------------------------------------------------- requests

struct ZooRequest {
  data::Toy2DKind dataset = data::Toy2DKind::Circle;
  int points = 300;
  double noise = 0.2;
  uint64_t seed = 1;
  classic::ZooParams params;
  int grid = 60;  // cells per side of each decision-region image
};
struct ZooOut {
  std::string error;
  classic::ZooRun run;
};
ZooOut compute_zoo(const ZooRequest& r);

struct MetricsRequest {
  data::Toy2DKind dataset = data::Toy2DKind::Gauss;
  int points = 400;
  double noise = 0.45;
  uint64_t seed = 3;
  classic::ZooModel model = classic::ZooModel::Logistic;
  classic::ZooParams params;
};
struct MetricsOut {
  std::string error;
  bool probability = true;
  std::vector<int> y_test;
  std::vector<double> score;   // class-1 score per test point (probability or SVM margin)
  metrics::RocCurve roc;
  double log_loss = 0;         // NaN for the SVMs
  // R² on the houses table (linear regression, test rows): the regression metric beside the classifiers.
  double houses_r2 = 0;
  std::string houses_error;
};
MetricsOut compute_metrics(const MetricsRequest& r);

// What a threshold does to the test predictions: all from core's metric functions.
struct ThresholdView {
  double threshold = 0.5;
  std::vector<int> predicted;
  metrics::ConfusionMatrix confusion;
  metrics::ClassificationReport report;
  std::string report_text;
  double tpr = 0, fpr = 0;
};
ThresholdView at_threshold(const MetricsOut& m, double threshold);

// BLEU of one candidate sentence against one reference, words split on spaces (case-folded) and numbered
// in order of first appearance, so core's token BLEU scores them.
metrics::BleuReport compute_bleu(const std::string& reference, const std::string& candidate, bool smooth);

struct RegressionRequest {
  double shrink_noise = 1.0;
  double scale2 = 100.0;          // the scale of the second raw feature in the scaling race
  double ridge_alpha = 10.0;      // collinearity: ridge's penalty beside least squares
  uint64_t seed = 1;
};
struct RegressionOut {
  std::string error;
  experiments::ShrinkagePaths paths;
  experiments::ScalingRace race;
  std::vector<double> rhos;
  std::vector<experiments::CollinearityPoint> collinearity;
  std::vector<double> ols_var, ridge_var, theory_var;  // per ρ, for the plot
  std::vector<double> log_alpha_lasso, log_alpha_ridge;  // log10 α, for the path plots
};
RegressionOut compute_regression(const RegressionRequest& r);

struct PipelineRequest {
  std::string path;          // empty: assets/data/houses.csv
  std::string target = "price_k";
  bool drop_missing = true, one_hot = true, scale = true;
  uint64_t seed = 0;
};
struct PipelineOut {
  std::string error;          // file:line: message, or why the pipeline could not run
  std::string source;
  size_t rows = 0, columns = 0;
  std::vector<std::string> column_names;
  std::string left_out;       // a column the lab leaves out, and why ("" none)
  classic::PipelineReport report;
};
PipelineOut compute_pipeline(const PipelineRequest& r);

struct DriftOut {
  experiments::DriftRun run;
  std::vector<double> t, acc_static, acc_monitored, psi;
  double early = 0, late_static = 0, late_monitored = 0;  // mean accuracy over the first/last 10 steps
};
DriftOut compute_drift(const experiments::DriftSetup& s);

struct InferenceOut {
  experiments::TokenCost offloading, distributed;
  std::vector<double> batches, offload_tps, distributed_tps;  // tokens per second (for the whole batch)
};
InferenceOut compute_inference(const experiments::ModelShape& m, const experiments::Hardware& h);

// The in-context tab's configuration: small enough that the jump from 0 to 2 examples shows after about a
// thousand steps (seconds) on a laptop.
experiments::IclConfig default_icl_config();
constexpr uint64_t kIclSeed = 3;

// ------------------------------------------------------------------------------------------- the lab

using IclSession = train::Session<experiments::IclSessionModel, experiments::IclSnapshot>;

struct Lab {
  Mode mode = Mode::Zoo;
  int select_frames = 2;  // frames left in which the tab bar is told which tab is selected
  std::string highlight;  // a panel a lesson points at ("" none)

  ZooRequest zoo;
  bool zoo_dirty = true;
  BackgroundJob<ZooOut> zoo_job;
  std::shared_ptr<const ZooOut> zoo_out;

  MetricsRequest metrics;
  bool metrics_dirty = true;
  BackgroundJob<MetricsOut> metrics_job;
  std::shared_ptr<const MetricsOut> metrics_out;
  double threshold = 0.5;
  ThresholdView thr;
  bool thr_dirty = true;
  char bleu_reference[256] = "the cat sat on the mat";
  char bleu_candidate[256] = "the cat is on the mat";
  bool bleu_smooth = false;
  metrics::BleuReport bleu;
  bool bleu_dirty = true;

  RegressionRequest regression;
  bool regression_dirty = true;
  BackgroundJob<RegressionOut> regression_job;
  std::shared_ptr<const RegressionOut> regression_out;

  PipelineRequest pipeline;
  bool pipeline_dirty = true;
  BackgroundJob<PipelineOut> pipeline_job;
  std::shared_ptr<const PipelineOut> pipeline_out;
  char path_buf[512] = {0};
  char target_buf[128] = "price_k";

  experiments::DriftSetup drift;
  bool drift_dirty = true;
  BackgroundJob<DriftOut> drift_job;
  std::shared_ptr<const DriftOut> drift_out;
  double drift_t = 0;          // the replay cursor: steps of the run shown so far
  bool drift_playing = true;

  experiments::ModelShape shape;
  experiments::Hardware hardware;
  InferenceOut inference;
  bool inference_dirty = true;

  std::unique_ptr<IclSession> icl;  // made on first use
  SessionToolbarState icl_toolbar;
  int icl_shots = 4;
  uint64_t icl_prompt_seed = 1;
  plot::LinePlotState curve_state;
};

std::unique_ptr<Lab> make_lab();
void reset_lab(Lab& lab);
IclSession& icl_session(Lab& lab);
// Starts the jobs whose settings changed and takes finished results (never waits unless `wait`).
void update_jobs(Lab& lab, bool wait);
void draw_lab(ViewContext& ctx, Lab& lab);

void draw_zoo(ViewContext& ctx, Lab& lab);
void draw_metrics(ViewContext& ctx, Lab& lab);
void draw_regression(ViewContext& ctx, Lab& lab);
void draw_pipeline(ViewContext& ctx, Lab& lab);
void draw_drift(ViewContext& ctx, Lab& lab);
void draw_inference(ViewContext& ctx, Lab& lab);
void draw_icl(ViewContext& ctx, Lab& lab);

// A bold section title, drawn in the highlight colour when a lesson points at it.
void section_title(const ViewContext& ctx, const Lab& lab, const char* id, const char* text);

Status configure_lab(Lab& lab, const std::string& key, const Value& value);
std::optional<Value> query_lab(Lab& lab, const std::string& key);

}  // namespace attend::views::classic_view
