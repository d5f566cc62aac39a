// A Host for lesson tests: views are names with key/value maps, "trainer" has a real training session
// (gradient descent on x², so "loss" falls towards 0), and everything a script does is recorded.
#pragma once

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/lesson/host.h"
#include "core/train/session.h"

namespace attend::lesson::testing {

struct Quadratic {
  double x = 0;
  double lr = 0.1;
};

struct QuadraticSnapshot {
  train::Progress progress;
  double x = 0;
};

inline std::unique_ptr<train::Session<Quadratic, QuadraticSnapshot>> make_quadratic_session() {
  train::Session<Quadratic, QuadraticSnapshot>::Hooks hooks;
  hooks.reset = [](Quadratic& m, uint64_t seed) { m.x = 3.0 + static_cast<double>(seed); };
  hooks.step = [](Quadratic& m) {
    m.x -= m.lr * 2 * m.x;
    train::StepReport r;
    r.loss = m.x * m.x;
    return r;
  };
  hooks.set = [](Quadratic& m, const std::string& name, double v) {
    if (name != "lr") return false;
    m.lr = v;
    return true;
  };
  hooks.publish = [](const Quadratic& m, QuadraticSnapshot& s) { s.x = m.x; };
  return std::make_unique<train::Session<Quadratic, QuadraticSnapshot>>(Quadratic{}, hooks, 0);
}

class FakeHost : public Host {
 public:
  std::vector<std::string> known_views = {"playground", "trainer", "attention"};
  std::string shown;
  std::map<std::string, std::map<std::string, Value>> state;  // per view: key → value
  std::vector<std::pair<std::string, Value>> highlights;
  std::vector<std::string> logs;
  std::vector<int> steps_begun;
  std::unique_ptr<train::Session<Quadratic, QuadraticSnapshot>> session_ = make_quadratic_session();
  bool permissive = false;  // accept any view and key (for running every lesson without the app)

  void begin_step(int index) override { steps_begun.push_back(index); }

  Status show_view(const std::string& name) override {
    bool known = permissive;
    for (const std::string& v : known_views) known = known || v == name;
    if (!known) return make_error("there is no view '" + name + "'; the views are playground, trainer, attention");
    shown = name;
    return Ok{};
  }
  Status configure(const std::string& key, const Value& value) override {
    if (shown.empty()) return make_error("no view is shown: call view(...) first");
    if (!permissive && key.rfind("bad", 0) == 0) return make_error("the view '" + shown + "' has no option '" + key + "'");
    state[shown][key] = value;
    return Ok{};
  }
  Result<Value> query(const std::string& key) override {
    auto& s = state[shown];
    auto it = s.find(key);
    if (it == s.end()) {
      if (permissive) return Value(0.0);
      return make_error("the view '" + shown + "' has no value '" + key + "'");
    }
    return it->second;
  }
  Status highlight(const std::string& target, const Value& which) override {
    highlights.emplace_back(target, which);
    return Ok{};
  }
  train::Control* session() override { return shown == "trainer" || permissive ? session_.get() : nullptr; }
  void log(const std::string& message) override { logs.push_back(message); }
};

}  // namespace attend::lesson::testing
