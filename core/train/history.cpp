#include "core/train/history.h"

namespace attend::train {

const Series* History::find(const std::string& name) const {
  for (const Series& s : series)
    if (s.name == name) return &s;
  return nullptr;
}

Series& History::get(const std::string& name) {
  for (Series& s : series)
    if (s.name == name) return s;
  series.push_back(Series{name, {}, {}, {}, 1, 0});
  return series.back();
}

void History::add(const std::string& name, double step, double wall, double value) {
  Series& s = get(name);
  const bool keep = s.seen % s.stride == 0;
  ++s.seen;
  if (!keep) return;
  s.step.push_back(step);
  s.wall.push_back(wall);
  s.value.push_back(value);
  if (s.step.size() > kMaxPoints) {
    // Halve: keep even indices. Future points are kept at the doubled stride.
    size_t j = 0;
    for (size_t i = 0; i < s.step.size(); i += 2, ++j) {
      s.step[j] = s.step[i];
      s.wall[j] = s.wall[i];
      s.value[j] = s.value[i];
    }
    s.step.resize(j);
    s.wall.resize(j);
    s.value.resize(j);
    s.stride *= 2;
  }
}

double History::last(const std::string& name, double fallback) const {
  const Series* s = find(name);
  return s && !s->value.empty() ? s->value.back() : fallback;
}

void History::clear() { series.clear(); }

}  // namespace attend::train
