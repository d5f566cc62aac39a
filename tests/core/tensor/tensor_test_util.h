// Shared by the engine's tests: random parameters and a gradient-check assertion that prints the report.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "core/tensor/grad_check.h"
#include "core/tensor/tensor.h"
#include "core/util/rng.h"

namespace attend::tensor::testing {

inline Parameter random_param(const std::string& name, int rows, int cols, uint64_t seed, float lo = -1.f,
                              float hi = 1.f) {
  Parameter p(name, rows, cols);
  SplitMix64 rng(seed);
  fill_uniform(p.value, rng, lo, hi);
  return p;
}

// CHECK_GRADIENTS(params, build [, options]): the build lambda may contain commas.
#define CHECK_GRADIENTS(params, ...)                                                     \
  do {                                                                                   \
    const ::attend::tensor::GradCheckReport report_ =                                    \
        ::attend::tensor::grad_check(params, __VA_ARGS__);                               \
    INFO(report_.summary());                                                             \
    CHECK(report_.ok);                                                                   \
    CHECK(report_.checked > 0);                                                          \
    CHECK(report_.max_abs_grad > 0.02); /* the gradients checked are not all near zero */  \
  } while (0)

}  // namespace attend::tensor::testing
