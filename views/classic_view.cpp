// The classic-ML lab: the model zoo on 2-D data, metrics with a movable threshold, the regression family,
// a tabular pipeline on a CSV, a deployed model decaying under drift, the inference cost model and
// in-context learning on a small transformer. This file makes the View, lays out the mode tabs and keeps the
// background jobs going; the tabs live in classic_view_panels*.cpp.
#include "views/lab_view.h"
#include "views/classic_view.h"

#include <imgui.h>

#include <cstdio>

#include "views/classic_view_state.h"

namespace attend::views {
namespace classic_view {

std::unique_ptr<Lab> make_lab() {
  auto lab = std::make_unique<Lab>();
  reset_lab(*lab);
  return lab;
}

void reset_lab(Lab& lab) {
  lab.mode = Mode::Zoo;
  lab.select_frames = 2;
  lab.highlight.clear();
  lab.zoo = ZooRequest{};
  lab.zoo_dirty = true;
  lab.metrics = MetricsRequest{};
  lab.metrics_dirty = true;
  lab.threshold = 0.5;
  lab.thr_dirty = true;
  std::snprintf(lab.bleu_reference, sizeof lab.bleu_reference, "%s", "the cat sat on the mat");
  std::snprintf(lab.bleu_candidate, sizeof lab.bleu_candidate, "%s", "the cat is on the mat");
  lab.bleu_smooth = false;
  lab.bleu_dirty = true;
  lab.regression = RegressionRequest{};
  lab.regression_dirty = true;
  lab.pipeline = PipelineRequest{};
  lab.pipeline_dirty = true;
  lab.path_buf[0] = 0;
  std::snprintf(lab.target_buf, sizeof lab.target_buf, "%s", "price_k");
  lab.drift = experiments::DriftSetup{};
  lab.drift_dirty = true;
  lab.drift_t = 0;
  lab.drift_playing = true;
  lab.shape = experiments::ModelShape{};
  lab.hardware = experiments::Hardware{};
  lab.inference_dirty = true;
  lab.icl_shots = 4;
  lab.icl_prompt_seed = 1;
  // The transformer keeps its weights: training it takes a while and a lesson's next step builds on it.
  // train.reset(seed) starts it over.
  if (lab.icl) {
    lab.icl->pause();
    lab.icl->post([](experiments::IclSessionModel& m) {
      m.prompt_shots = 4;
      m.prompt_seed = 1;
      m.prompt = experiments::sample_prompt(m.model.config, 4, 1);
    });
  }
}

IclSession& icl_session(Lab& lab) {
  // Seed 3: with it this small transformer leaves the loss plateau after about 600 steps and reads two
  // examples at 0.65 by step 900 (measured; some seeds sit on a half-solution for thousands of steps).
  if (!lab.icl) {
    lab.icl = std::make_unique<IclSession>(experiments::make_icl_session_model(default_icl_config()),
                                           experiments::icl_hooks(50), kIclSeed);
    lab.icl_toolbar.next_seed = kIclSeed;
  }
  return *lab.icl;
}

void update_jobs(Lab& lab, bool wait) {
  if (lab.zoo_dirty) {
    lab.zoo_dirty = false;
    lab.zoo_job.start([r = lab.zoo](surface::JobProgress*) { return compute_zoo(r); });
  }
  if (lab.metrics_dirty) {
    lab.metrics_dirty = false;
    lab.metrics_job.start([r = lab.metrics](surface::JobProgress*) { return compute_metrics(r); });
  }
  if (lab.regression_dirty) {
    lab.regression_dirty = false;
    lab.regression_job.start([r = lab.regression](surface::JobProgress*) { return compute_regression(r); });
  }
  if (lab.pipeline_dirty) {
    lab.pipeline_dirty = false;
    lab.pipeline_job.start([r = lab.pipeline](surface::JobProgress*) { return compute_pipeline(r); });
  }
  if (lab.drift_dirty) {
    lab.drift_dirty = false;
    lab.drift_job.start([s = lab.drift](surface::JobProgress*) { return compute_drift(s); });
  }
  if (lab.inference_dirty) {
    // A handful of arithmetic: no thread needed.
    lab.inference_dirty = false;
    lab.inference = compute_inference(lab.shape, lab.hardware);
  }
  if (wait) {
    lab.zoo_job.wait(60);
    lab.metrics_job.wait(60);
    lab.regression_job.wait(60);
    lab.pipeline_job.wait(60);
    lab.drift_job.wait(60);
  }
  if (auto r = lab.zoo_job.take()) lab.zoo_out = std::make_shared<const ZooOut>(std::move(*r));
  if (auto r = lab.metrics_job.take()) {
    lab.metrics_out = std::make_shared<const MetricsOut>(std::move(*r));
    lab.thr_dirty = true;
  }
  if (auto r = lab.regression_job.take()) lab.regression_out = std::make_shared<const RegressionOut>(std::move(*r));
  if (auto r = lab.pipeline_job.take()) lab.pipeline_out = std::make_shared<const PipelineOut>(std::move(*r));
  if (auto r = lab.drift_job.take()) {
    lab.drift_out = std::make_shared<const DriftOut>(std::move(*r));
    if (wait) lab.drift_t = static_cast<double>(lab.drift_out->t.size());
  }
  if (lab.bleu_dirty) {
    lab.bleu_dirty = false;
    lab.bleu = compute_bleu(lab.bleu_reference, lab.bleu_candidate, lab.bleu_smooth);
  }
  if (lab.thr_dirty && lab.metrics_out) {
    lab.thr_dirty = false;
    lab.thr = at_threshold(*lab.metrics_out, lab.threshold);
  }
}

void section_title(const ViewContext& ctx, const Lab& lab, const char* id, const char* text) {
  ImGui::PushFont(ctx.fonts->bold);
  if (lab.highlight == id) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->highlight), "> %s", text);
  else ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void draw_lab(ViewContext& ctx, Lab& lab) {
  // Headless screenshots must show finished pictures; a person never waits.
  update_jobs(lab, ctx.headless);
  if (ImGui::BeginTabBar("##classic_modes")) {
    // A lesson's set("mode", ...) selects a tab; ImGui applies that a frame later, so for two frames the tab
    // bar follows the lab instead of the other way round.
    for (int i = 0; i < kModeCount; ++i) {
      const Mode m = static_cast<Mode>(i);
      const ImGuiTabItemFlags flags = lab.select_frames > 0 && m == lab.mode ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(mode_title(m), nullptr, flags)) {
        if (lab.select_frames == 0) lab.mode = m;
        ImGui::EndTabItem();
      }
    }
    if (lab.select_frames > 0) --lab.select_frames;
    ImGui::EndTabBar();
  }
  ImGui::BeginChild("##classic_body", ImVec2(0, 0), false);
  switch (lab.mode) {
    case Mode::Zoo: draw_zoo(ctx, lab); break;
    case Mode::Metrics: draw_metrics(ctx, lab); break;
    case Mode::Regression: draw_regression(ctx, lab); break;
    case Mode::Pipeline: draw_pipeline(ctx, lab); break;
    case Mode::Drift: draw_drift(ctx, lab); break;
    case Mode::Inference: draw_inference(ctx, lab); break;
    case Mode::InContext: draw_icl(ctx, lab); break;
  }
  ImGui::EndChild();
}

}  // namespace classic_view

View make_classic_view() {
  using namespace classic_view;
  // The in-context tab's transformer is the lab's only trained model: train.* in a lesson drives it.
  return make_lab_view<Lab>({"classic", "Classic ML lab",
                             "Decision regions of eight classic models, ROC and thresholds, ridge and lasso paths, a CSV "
                             "pipeline, drift, inference cost and in-context learning."},
                            make_lab, draw_lab, configure_lab, query_lab,
                            [](Lab& lab) -> train::Control* { return &icl_session(lab); }, reset_lab);
}

}  // namespace attend::views
