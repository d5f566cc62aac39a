#include <doctest/doctest.h>

#include <cmath>

#include "core/experiments/attention_scaling.h"

using namespace attend::experiments;

TEST_CASE("without 1/sqrt(d) softmax saturates as d grows, with it entropy stays put") {
  ScalingConfig c;
  c.dims = {4, 64, 256};
  c.queries = 32;
  c.keys = 16;
  const std::vector<ScalingPoint> pts = attention_scaling(c);
  REQUIRE(pts.size() == 3);
  // Scaled scores keep unit spread; unscaled ones grow like sqrt(d).
  for (const ScalingPoint& p : pts) CHECK(p.scaled.score_sd == doctest::Approx(1.0).epsilon(0.3));
  CHECK(pts[2].unscaled.score_sd > 10.0);
  CHECK(pts[2].unscaled.entropy < 0.3);
  CHECK(pts[2].unscaled.saturated > 0.4);
  CHECK(pts[2].scaled.entropy > 0.6);
  CHECK(pts[2].scaled.saturated < 0.1);
  // Saturated softmax passes less gradient.
  CHECK(pts[2].unscaled.jacobian < pts[2].scaled.jacobian);
  CHECK(pts[0].unscaled.entropy > pts[2].unscaled.entropy);
  const ScalingSample s = scaling_sample(c, 64, 8);
  REQUIRE(s.scaled.size() == 8u * 16u);
  for (int i = 0; i < 8; ++i) {
    double a = 0, b = 0;
    for (int j = 0; j < 16; ++j) a += s.scaled[static_cast<size_t>(i * 16 + j)], b += s.unscaled[static_cast<size_t>(i * 16 + j)];
    CHECK(a == doctest::Approx(1.0).epsilon(1e-4));
    CHECK(b == doctest::Approx(1.0).epsilon(1e-4));
  }
}
