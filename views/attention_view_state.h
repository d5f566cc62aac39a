// The attention lab's state and the functions its files share (internal to views/attention_view*.cpp).
//
//   attention_view.cpp         the View: tabs, settings row, toolbar, "Train & heads" (curves, every head,
//                              the chosen head with its mask, head view lines)
//   attention_view_stages.cpp  "Step by step" (every stage of one head, a query followed through) and
//                              "Your input" (typed sequence or text, next-token distribution)
//   attention_view_more.cpp    "Encoder–decoder", "Positions", "Recurrence", "√d"
//   attention_view_api.cpp     configure/query keys for lessons
//   attention_view_data.*      what each panel shows, picked out of the snapshot (tested)
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/experiments/attention_scaling.h"
#include "core/nn/positional_analysis.h"
#include "core/train/attention_lab.h"
#include "views/attention_view_data.h"
#include "views/view.h"
#include "views/widgets/curves_panel.h"
#include "views/widgets/session_toolbar.h"

namespace attend::views::attention_view {

enum class Mode { Train, Stages, Input, Seq2Seq, Positions, Recurrence, Scaling };
constexpr int kModes = 7;
const char* mode_key(Mode m);     // "train", "stages", "input", "seq2seq", "positions", "recurrence", "scaling"
const char* mode_title(Mode m);

using LabSession = train::Session<train::LabModel, train::LabSnapshot>;

struct Lab {
  ~Lab();  // takes the session off the curves view's list
  std::unique_ptr<LabSession> session;
  int curve_source = 0;  // the session as the curves view lists it
  std::shared_ptr<const train::LabSnapshot> snap;   // this frame's
  SessionToolbarState toolbar;
  CurvesPanelState loss_curves, acc_curves, extra_curves, pos_curves;
  Mode mode = Mode::Train;
  bool select_tab = false;
  Selection sel;
  Source stage_source = Source::Probe;
  char input_buf[256] = "";
  float temperature = 1.f;
  // Lesson pointers: "head" (index into the model grid, layer·heads + head), "mask", "query", "stage" (key).
  std::string highlight_target;
  int highlight_index = -1;
  std::string highlight_stage;
  // Computed once on first view (core): the sinusoidal table and its shift demonstration, the √d experiment.
  int shift_k = 3;
  tensor::Tensor sinus;
  std::vector<float> sinus_similarity;
  nn::ShiftDemo shift;
  int shift_done = -1000;
  bool scaling_ready = false;
  std::vector<experiments::ScalingPoint> scaling;
  std::vector<double> scaling_d, scaling_entropy[2], scaling_saturated[2], scaling_grad[2];
  experiments::ScalingSample scaling_sample;
  int scaling_sample_d = 256;
  std::string text_error;       // the text LM's text could not be loaded
};

std::unique_ptr<Lab> make_lab();
void reset_lab(Lab& lab);
void draw_lab(ViewContext& ctx, Lab& lab);
Status configure_lab(Lab& lab, const std::string& key, const Value& value);
std::optional<Value> query_lab(Lab& lab, const std::string& key);

// Loads a text for the character LM (train::load_lab_text) and switches the model to it.
Status use_text(Lab& lab, const std::string& name);
void ensure_positions(Lab& lab);
void ensure_scaling(Lab& lab);

// ---- shared drawing ----
struct Panel {
  ImVec2 min, max, body_min, body_max;
  ImVec2 body_size() const { return ImVec2(body_max.x - body_min.x, body_max.y - body_min.y); }
};
Panel draw_panel(const ViewContext& ctx, const char* title, ImVec2 min, ImVec2 max, bool highlighted = false);
// One stage (or any selected attention grid) as a labelled heatmap with hover values; returns the clicked
// query row (or -1).
int draw_stage(const ViewContext& ctx, const Lab& lab, Source src, Stage stage, const Selection& sel, ImVec2 size,
               bool thumbnail = false, bool values = true);
// Token links (head view): queries left, keys right, line thickness by weight.
void draw_head_lines(const ViewContext& ctx, const train::LabSnapshot& s, Source src, const Selection& sel, ImVec2 size);
void draw_layer_head_picker(const ViewContext& ctx, Lab& lab, Source src);

void draw_stages_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_input_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_seq2seq_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_positions_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_recurrence_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);
void draw_scaling_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size);

std::string token_string(const train::LabSnapshot& s, const std::vector<int>& ids, int from = 0);

}  // namespace attend::views::attention_view
