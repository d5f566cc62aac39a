#include <doctest/doctest.h>

#include <cmath>

#include "core/tensor/directions.h"
#include "core/util/rng.h"
#include "tensor_test_util.h"

using namespace attend;
using namespace attend::tensor;
using namespace attend::tensor::testing;

TEST_CASE("filter-normalised directions match each filter's norm, slices move along them") {
  Parameter w = random_param("w", 5, 3, 1), b = random_param("b", 1, 3, 2);
  for (int r = 0; r < 5; ++r) w.value(r, 2) *= 10.f;  // one filter much larger than the others
  const ParamList ps = {&w, &b};
  SplitMix64 rng(3);
  std::vector<Tensor> d1, d2;
  filter_normalized_direction(ps, rng, d1);
  filter_normalized_direction(ps, rng, d2);
  for (int c = 0; c < 3; ++c) {
    double nv = 0, nd = 0;
    for (int r = 0; r < 5; ++r) nv += w.value(r, c) * w.value(r, c), nd += d1[0](r, c) * d1[0](r, c);
    CHECK(std::sqrt(nd) == doctest::Approx(std::sqrt(nv)).epsilon(1e-5));
  }
  for (float v : d1[1].data) CHECK(v == 0.f);  // the bias gets no direction
  CHECK(d1[0].data != d2[0].data);
  const std::vector<Tensor> theta = snapshot_values(ps);
  set_along(ps, theta, d1, 0.5, d2, -2.0);
  CHECK(w.value(1, 1) == doctest::Approx(theta[0](1, 1) + 0.5 * d1[0](1, 1) - 2.0 * d2[0](1, 1)));
  set_along(ps, theta, d1, 0.0, {}, 0.0);
  CHECK(w.value.data == theta[0].data);
}
