#include <doctest/doctest.h>

#include <cmath>

#include "core/surface/saddle_study.h"

using namespace attend::surface;

TEST_CASE("saddle study: minima get rarer with dimension in matrices and functions, and the network's index rises with loss") {
  SaddleStudySpec spec;
  spec.goe.max_d = 5;
  spec.goe.trials = 4000;
  spec.exact_max_d = 8;
  spec.field.max_d = 3;
  spec.field.functions = 2;
  spec.field.starts = 40;
  spec.net.starts = 16;
  JobProgress job;
  const SaddleStudy s = run_saddle_study(spec, &job);
  REQUIRE_FALSE(s.cancelled);
  CHECK(s.stage == 3);
  REQUIRE(s.goe.size() == 5);
  REQUIRE(s.exact.size() == 8);
  CHECK(s.exact[0] == doctest::Approx(0.5));
  for (size_t d = 1; d < s.exact.size(); ++d) CHECK(s.exact[d] < s.exact[d - 1]);
  CHECK(s.goe[0].fraction == doctest::Approx(0.5).epsilon(0.05));
  CHECK(s.goe[3].fraction < s.goe[0].fraction);
  REQUIRE(s.field.size() == 3);
  CHECK(s.field[2].fraction_minima < s.field[0].fraction_minima);
  CHECK(s.net_parameters == 13);
  CHECK(s.net_trained_loss < 0.05);
  REQUIRE(s.net.points.size() >= 2);
  CHECK(s.net.points.front().f <= s.net.points.back().f);
  CHECK(s.net.points.front().index <= s.net.points.back().index);
  CHECK(job.overall() == doctest::Approx(1.0));
}

TEST_CASE("saddle study stops when cancelled") {
  JobProgress job;
  job.cancel = true;
  const SaddleStudy s = run_saddle_study(SaddleStudySpec{}, &job);
  CHECK(s.cancelled);
  CHECK(s.stage == 0);
}
