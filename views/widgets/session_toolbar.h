// The toolbar every training view shares: run/pause, step, reset, speed, the step counter and throughput,
// and the timeline slider that scrubs back through checkpoints (inspect) or restarts from one (rewind).
// Keys while the view has focus: Space runs or pauses, '.' takes one step, 'R' resets.
#pragma once

#include <cstdint>

#include "views/view.h"

namespace attend::train {
class Control;
struct Progress;
}  // namespace attend::train

namespace attend::views {

struct SessionToolbarState {
  float speed = 0;          // steps per second cap; 0 = as fast as possible
  float max_speed = 200;    // the speed slider's top: views whose steps are tiny raise it
  int steps_per_click = 1;
  uint64_t next_seed = 1;   // reset uses a new seed each time unless `keep_seed`
  bool keep_seed = true;
};

// Draws one row of controls. Returns true when the person changed something this frame.
bool draw_session_toolbar(ViewContext& ctx, train::Control& session, const train::Progress& progress,
                          SessionToolbarState& state);

}  // namespace attend::views
