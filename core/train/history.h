// History: named scalar series recorded over training (loss, validation loss, accuracy, learning rate…),
// each point with its step and wall-clock time. Bounded: past kMaxPoints a series keeps every other point,
// so memory stays flat however long a run goes while the curve keeps its shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace attend::train {

struct Series {
  std::string name;
  std::vector<double> step;
  std::vector<double> wall;  // seconds since the run started
  std::vector<double> value;
  int64_t stride = 1;        // every stride-th recorded point is kept
  int64_t seen = 0;          // points offered so far
};

struct History {
  static constexpr size_t kMaxPoints = 8192;
  std::vector<Series> series;

  const Series* find(const std::string& name) const;
  Series& get(const std::string& name);  // creates the series on first use
  void add(const std::string& name, double step, double wall, double value);
  // The most recent value of a series, or `fallback` when it has none.
  double last(const std::string& name, double fallback = 0.0) const;
  void clear();
};

}  // namespace attend::train
