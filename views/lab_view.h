// The shape every lab's View shares: its state (sessions, worker threads, corpora) is made on first use,
// when the lab is first drawn or scripted, not when the app lists its views; and the View's functions are
// the lab's free functions over that state. A lab writes only what differs: its names and functions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "views/view.h"

namespace attend::views {

struct LabInfo {
  std::string name, title, summary;
};

// make() → std::unique_ptr<Lab>; draw(ctx, lab); configure(lab, key, value) → Status;
// query(lab, key) → something convertible to std::optional<Value>; session(lab) → train::Control*;
// reset(lab) runs only on a lab that exists (a view never shown has nothing to reset).
template <typename Lab, typename Make, typename Draw, typename Configure, typename Query, typename Session, typename Reset>
View make_lab_view(LabInfo info, Make make, Draw draw, Configure configure, Query query, Session session, Reset reset) {
  auto state = std::make_shared<std::unique_ptr<Lab>>();
  auto get = [state, make]() -> Lab& {
    if (!*state) *state = make();
    return **state;
  };
  View v;
  v.name = std::move(info.name);
  v.title = std::move(info.title);
  v.summary = std::move(info.summary);
  v.draw = [get, draw](ViewContext& ctx) { draw(ctx, get()); };
  v.configure = [get, configure](const std::string& key, const Value& value) -> Status { return configure(get(), key, value); };
  v.query = [get, query](const std::string& key) -> std::optional<Value> { return query(get(), key); };
  v.session = [get, session]() -> train::Control* { return session(get()); };
  v.reset = [state, reset]() {
    if (*state) reset(**state);
  };
  return v;
}

}  // namespace attend::views
