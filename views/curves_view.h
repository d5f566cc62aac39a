// The curves view: every run of every registered trainer overlaid, with names and colours. EMA smoothing
// (raw kept faint), log y, x by step or wall time, a hover readout across runs, train vs validation (a
// second metric dashed in its run's colour), pin and hide runs, CSV and PNG export, and the runs'
// hyperparameters side by side. The plotting is views/plot's line plot; the runs are train::Run
// (core/train/curves.h).
//
// A lab makes its sessions visible here with one call while they live:
//   int id = views::add_curve_source("playground", session.get());   ...   views::remove_curve_source(id);
//
// Lesson keys (configure): metric ("train_loss" or "train_loss, test_loss"), smoothing (0–0.99),
// log_y, wall_time (true/false), hide / pin (a run's name), source ("" or a trainer's name: only its runs).
// query: runs (how many), names ("a; b"), metrics (the metrics any run recorded, "a, b").
#pragma once

#include <string>

#include "views/view.h"

namespace attend::train {
class Control;
}

namespace attend::views {

// Registers a trainer's session (the caller keeps it alive until remove_curve_source). Returns an id.
int add_curve_source(const std::string& name, train::Control* control);
void remove_curve_source(int id);

View make_curves_view();

}  // namespace attend::views
