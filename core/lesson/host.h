// What a lesson script can reach: the app implements Host over its views and training sessions, tests
// implement it with fakes. Core never sees a view type; scripts exchange plain Values (core/util/value.h).
//
// Each method returns an Error the script sees as a Lua error at its own line (an unknown view name, an
// unknown key with the list of known ones), so a lesson author gets a message they can act on.
#pragma once

#include <string>

#include "core/util/result.h"
#include "core/util/value.h"

namespace attend::train {
class Control;
}

namespace attend::lesson {

class Host {
 public:
  virtual ~Host() = default;

  // A step is about to run its script: the moment to put the shown view back to its defaults.
  virtual void begin_step(int index) { (void)index; }

  // view("playground"): show the view named `name` beside the lesson.
  virtual Status show_view(const std::string& name) = 0;
  // set("dataset", "spiral"): configure the shown view.
  virtual Status configure(const std::string& key, const Value& value) = 0;
  // query("selected_token"): read the shown view's state.
  virtual Result<Value> query(const std::string& key) = 0;
  // highlight("head", 2): draw attention to part of the shown view; `which` false clears it.
  virtual Status highlight(const std::string& target, const Value& which) = 0;
  // The shown view's training session (run, pause, step, reset, hyperparameters, metrics), or null.
  virtual train::Control* session() = 0;
  // print(...) and log(...) from a script.
  virtual void log(const std::string& message) = 0;
};

}  // namespace attend::lesson
