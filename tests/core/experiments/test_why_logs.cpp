#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>

#include "core/experiments/why_logs.h"

using namespace attend::experiments;

TEST_CASE("a product of many probabilities underflows to exactly 0 — the sum of logs does not") {
  const ProductUnderflow r = product_underflow(0.1, 400);
  // 0.1^k in float32 reaches the subnormals below 1.18e-38 (k = 38) and 0 below 1.4e-45 (k = 46);
  // float64 reaches subnormals below 2.2e-308 (k = 308) and 0 below 4.9e-324 (k = 324). k counts from 0.
  CHECK(r.first_subnormal_f32 == 37);
  CHECK(r.first_zero_f32 == 45);
  CHECK(r.first_subnormal_f64 == 307);
  CHECK(r.first_zero_f64 == 323);
  CHECK(r.product_f32.back() == 0.0f);
  CHECK(r.product_f64.back() == 0.0);
  CHECK(r.log_sum.back() == doctest::Approx(400 * std::log(0.1)));
  CHECK(std::isfinite(r.log_sum_f32.back()));
  // Before underflow, log turns the product into the sum.
  CHECK(std::log(r.product_f64[9]) == doctest::Approx(r.log_sum[9]));
  const ProductUnderflow mixed = product_underflow({0.5, 0.25});
  CHECK(mixed.product_f64[1] == 0.125);
  CHECK(mixed.first_zero_f64 == -1);
}

TEST_CASE("naive softmax of large logits gives inf and NaN — the max-shifted one gives the answer") {
  const SoftmaxOverflow r = softmax_overflow({1000, 999, 10});
  CHECK(std::isinf(r.exp_f64[0]));
  CHECK(std::isinf(r.exp_f32[0]));
  CHECK(std::isnan(r.naive_f64[0]));  // inf / inf
  CHECK(r.naive_f64[2] == 0.0);       // finite / inf
  CHECK(r.nan_naive_f64 == 2);
  CHECK(r.nan_naive_f32 == 2);
  CHECK(std::isinf(r.lse_naive_f64));
  const double e = std::exp(-1.0);
  CHECK(r.stable_f64[0] == doctest::Approx(1 / (1 + e)));
  CHECK(r.stable_f64[1] == doctest::Approx(e / (1 + e)));
  CHECK(r.stable_f32[0] == doctest::Approx(1 / (1 + e)).epsilon(1e-6));
  CHECK(r.lse_stable_f64 == doctest::Approx(1000 + std::log(1 + e)));
  // float32 overflows far sooner than float64: at 100 it is already inf, float64 is fine.
  const SoftmaxOverflow small = softmax_overflow({100, 0});
  CHECK(std::isinf(small.exp_f32[0]));
  CHECK(std::isfinite(small.exp_f64[0]));
  CHECK(small.naive_f64[0] == doctest::Approx(1.0));
  CHECK(std::isnan(small.naive_f32[0]));
}
