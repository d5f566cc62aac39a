// The built-in catalogue's entries as surface.cpp sees them: text for display, the default view, and three
// evaluators generated from one templated formula (value in double, gradient by first-order AutoDiff,
// value + gradient + Hessian by nested AutoDiff). Internal to core/surface.
#pragma once

#include <string>
#include <vector>

#include "core/surface/surface.h"

namespace attend::surface {

struct BuiltinDef {
  const char* id;
  const char* title;
  const char* formula;
  const char* note;
  Box box;
  HeightScale scale;
  std::vector<Vec2> minima;
  double (*value)(double x, double y);
  void (*row)(const double* xs, double y, double* out, int n);  // n values at once (vectorised by Eigen)
  Vec2 (*gradient)(double x, double y);
  Derivs (*derivs)(double x, double y);
};

const std::vector<BuiltinDef>& builtin_defs();
const BuiltinDef* find_builtin(const std::string& id);  // case-insensitive; null when unknown

}  // namespace attend::surface
