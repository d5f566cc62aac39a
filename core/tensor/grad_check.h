// Finite-difference gradient checks: the test every op and layer passes.
//
//   GradCheckReport r = grad_check(params, [&](Tape& t) { return my_layer(t, ...); });
//   CHECK_MESSAGE(r.ok, r.summary());
//
// The output is reduced to a scalar L = Σ R∘out with a fixed random R (so every output element matters and
// no two elements cancel), the analytic gradient comes from Tape::backward, and each checked parameter
// element is perturbed by ±eps (central differences, L accumulated in double). An element passes when
// |analytic − numeric| ≤ atol + rtol·|numeric|. Float32 forward passes limit how small eps can be: the
// defaults (eps 1e-3, atol 5e-4, rtol 2e-2) suit values and gradients of order one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/tensor/tape.h"

namespace attend::tensor {

struct GradCheckOptions {
  double eps = 1e-3;
  double atol = 5e-4;
  double rtol = 2e-2;
  int max_elements = 48;     // per parameter, spread evenly across it
  uint64_t seed = 1;         // of the weighting R
};

struct GradCheckReport {
  bool ok = true;
  int checked = 0;
  double max_abs_error = 0;
  double max_abs_grad = 0;   // largest analytic gradient checked: a check of all-zero gradients proves little
  double worst_ratio = 0;    // max over elements of |a − n| / (atol + rtol·|n|); ≤ 1 passes
  std::string worst;         // "name[i]: analytic …, numeric …"
  std::string summary() const;
};

GradCheckReport grad_check(const ParamList& params, const std::function<Var(Tape&)>& build,
                           const GradCheckOptions& options = {});

}  // namespace attend::tensor
