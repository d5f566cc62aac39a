#include <doctest/doctest.h>

#include <cmath>

#include "core/nn/layers.h"
#include "core/nn/positional_analysis.h"

using namespace attend;
using namespace attend::nn;

TEST_CASE("a shift of k positions is the same rotation at every position of the sinusoidal table") {
  tensor::Tensor pe;
  sinusoidal_table(32, 16, pe);
  for (int k : {1, 3, -2}) {
    ShiftDemo d = shift_demo(pe, k);
    CHECK(d.error.size() == static_cast<size_t>(32 - std::abs(k)));
    CHECK(d.max_error < 1e-4);
    CHECK(d.max_norm == doctest::Approx(std::sqrt(8.0)).epsilon(1e-3));
    CHECK(d.angles.size() == 8);
    CHECK(d.angles[0] == doctest::Approx(k * sinusoid_frequencies(16)[0]));
  }
  // M_k is orthogonal: a rotation keeps lengths.
  tensor::Tensor m = shift_map(16, 5);
  for (int i = 0; i < 16; ++i) {
    double n = 0;
    for (int j = 0; j < 16; ++j) n += m(i, j) * m(i, j);
    CHECK(n == doctest::Approx(1.0).epsilon(1e-5));
  }
}

TEST_CASE("position similarity of sinusoids depends on the offset only") {
  tensor::Tensor pe;
  sinusoidal_table(16, 32, pe);
  std::vector<float> s;
  position_similarity(pe, 16, s);
  REQUIRE(s.size() == 256);
  CHECK(s[0] == doctest::Approx(1.f));
  for (int k = 0; k < 5; ++k) CHECK(s[static_cast<size_t>(2 * 16 + 2 + k)] == doctest::Approx(s[static_cast<size_t>(9 * 16 + 9 + k)]).epsilon(1e-4));
}
