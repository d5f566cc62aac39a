// Training curves for any session: the current run and the runs archived by earlier resets (each with the
// hyperparameters it was trained with), overlaid with names and colours. Controls: which metric (loss,
// validation loss, accuracy…), EMA smoothing (raw kept faint), log y and log x, x by step or wall time,
// compare earlier runs, and export (CSV of every point, PNG of the panel). Hover shows every run's value;
// a click reports the step so a view can jump the timeline there.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "views/plot/line_plot.h"
#include "views/view.h"

namespace attend::train {
struct Progress;
}

namespace attend::views {

struct CurvesPanelState {
  std::vector<std::string> metrics = {"loss"};  // shown together (train and validation, say)
  float smoothing = 0.6f;
  bool log_y = false;
  bool log_x = false;
  bool wall_time = false;
  bool compare = true;        // overlay archived runs
  plot::LinePlotState plot;
  std::string message;        // the last export's result
};

struct CurvesPanelResult {
  bool clicked = false;
  double clicked_step = 0;
};

CurvesPanelResult draw_curves_panel(ViewContext& ctx, const char* id, const train::Progress& progress,
                                    CurvesPanelState& state, ImVec2 size, std::optional<double> cursor_step = {});

// The label a run gets in legends: "run 3 · lr=0.03 batch=10 · seed 1".
std::string run_label(int index, const std::map<std::string, double>& hyper, uint64_t seed, bool current);

}  // namespace attend::views
