#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "views/plot/axes.h"
#include "views/plot/heatmap.h"

using namespace attend::views::plot;

TEST_CASE("data to screen and back, linear and log") {
  AxisMap m{0, 10, 100, 300, false};
  CHECK(m.to_px(0) == doctest::Approx(100));
  CHECK(m.to_px(5) == doctest::Approx(200));
  CHECK(m.to_data(250) == doctest::Approx(7.5));
  // A y axis runs upwards: p0 is the bottom pixel.
  AxisMap y{0, 1, 400, 100, false};
  CHECK(y.to_px(1) == doctest::Approx(100));
  CHECK(y.to_data(400) == doctest::Approx(0));
  AxisMap l{1e-3, 10, 0, 400, true};
  CHECK(l.to_px(1e-3) == doctest::Approx(0));
  CHECK(l.to_px(1e-1) == doctest::Approx(200));  // halfway in decades
  CHECK(l.to_data(300) == doctest::Approx(1.0));
  CHECK(std::isnan(l.to_px(0)));
  CHECK(std::isnan(l.to_px(-1)));
  for (double v : {2e-3, 0.37, 9.0}) CHECK(l.to_data(l.to_px(v)) == doctest::Approx(v).epsilon(1e-5));
}

TEST_CASE("axis ranges rounded to steps move in jumps as live data grows") {
  Axis a;
  a.round_to_steps = true;
  a.padding = 0;
  // A training curve at step 233 ends on 300; it keeps that range until it passes it.
  Range r = resolve_range(a, {0, 233});
  CHECK(r.lo == 0);
  CHECK(r.hi == doctest::Approx(300));
  for (double step : {234.0, 260.0, 299.0}) CHECK(resolve_range(a, {0, step}).hi == doctest::Approx(300));
  CHECK(resolve_range(a, {0, 301}).hi == doctest::Approx(400));
  // A falling loss: the bottom waits on a whole step too.
  r = resolve_range(a, {0.0018, 2.6});
  CHECK(r.lo == 0);
  CHECK(r.hi == doctest::Approx(3.0));
  CHECK(resolve_range(a, {0.0009, 2.6}).lo == 0);
}

TEST_CASE("axis ranges: fixed bounds, padding, zero, log positivity, degenerate data") {
  Axis a;
  Range r = resolve_range(a, {0, 10});
  CHECK(r.lo == doctest::Approx(-0.4));
  CHECK(r.hi == doctest::Approx(10.4));
  a.include_zero = true;
  r = resolve_range(a, {2, 10});
  CHECK(r.lo == 0);  // bars start exactly at zero, no padding below
  a = Axis{};
  a.min = -1;
  a.max = 1;
  r = resolve_range(a, {5, 6});
  CHECK(r.lo == -1);
  CHECK(r.hi == 1);
  a = Axis{};
  r = resolve_range(a, {3, 3});
  CHECK(r.hi > r.lo);
  r = resolve_range(a, {1, 0});  // no data
  CHECK(r.hi > r.lo);
  a.scale = AxisScale::Log;
  r = resolve_range(a, {1e-4, 1});
  CHECK(r.lo > 0);
  CHECK(r.lo < 1e-4);
  CHECK(r.hi > 1);
  r = resolve_range(a, {-5, 0});  // nothing positive: still a usable log range
  CHECK(r.lo > 0);
  CHECK(r.hi > r.lo);
}

TEST_CASE("hatch segments lie on 45 degree lines inside the cell") {
  std::vector<ImVec2> seg;
  hatch_segments(ImVec2(10, 20), ImVec2(40, 35), 6, seg);
  REQUIRE(seg.size() >= 8u);
  CHECK(seg.size() % 2 == 0u);
  for (size_t i = 0; i < seg.size(); i += 2) {
    const ImVec2 a = seg[i], b = seg[i + 1];
    for (const ImVec2& p : {a, b}) {
      CHECK((p.x >= 10 - 1e-3f && p.x <= 40 + 1e-3f && p.y >= 20 - 1e-3f && p.y <= 35 + 1e-3f));
      const float k = (p.x + p.y) / 6;
      CHECK(k == doctest::Approx(std::round(k)).epsilon(1e-4));
    }
    CHECK((a.x + a.y) == doctest::Approx(b.x + b.y));
  }
}
