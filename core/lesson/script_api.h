// The functions a lesson script calls, installed into a Sandbox (reference for authors in
// lessons/README.md):
//
//   view(name)                      show a view beside the lesson
//   set(key, value)                 configure the shown view (value: boolean, number, string, list of numbers)
//   query(key) -> value             read the shown view's state
//   highlight(target [, which])     point at part of the view; no `which` clears the highlight
//   train.run() / train.pause()     the shown view's training session
//   train.step([n])                 n steps (default 1), then pause
//   train.reset([seed])             re-initialise the model and data (seed 0 by default)
//   train.set(name, value)          a hyperparameter, e.g. train.set("lr", 0.03)
//   train.speed(steps_per_second)   0: as fast as possible
//   train.steps() -> n              steps taken since the last reset
//   train.running() -> boolean
//   metric(name [, default])        latest value of a recorded metric ("loss"); NaN (or default) until one
//   wait_until(predicate, hint)     Next stays disabled until predicate() returns true; hint says what to do
//   frame() -> n                    frames since the step began
//   print(...) / log(...)           a line in the lesson's log
#pragma once

#include <string>
#include <vector>

#include "core/lesson/host.h"
#include "core/lesson/sandbox.h"

namespace attend::lesson {

struct RegisteredCheck {
  int ref = 0;       // the predicate, in the sandbox's registry
  std::string hint;
  int line = 0;      // where wait_until was called
};

// What the API's C functions reach through Sandbox::user.
struct ScriptContext {
  Host* host = nullptr;
  bool in_step_script = false;  // wait_until is allowed only while a step's script runs
  int frame = 0;
  std::vector<RegisteredCheck> checks;
  std::vector<std::string> log;  // print() lines since the runtime last collected them
  std::string error;  // the message an API call is about to raise (kept here, not on the C stack)
};

void install_script_api(Sandbox& sandbox, ScriptContext& context);

}  // namespace attend::lesson
