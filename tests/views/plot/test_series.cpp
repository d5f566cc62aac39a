#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "views/plot/series.h"

using namespace attend::views::plot;

TEST_CASE("EMA smoothing is debiased like TensorBoard's") {
  const std::vector<double> y = {1, 2, 3};
  std::vector<double> s;
  ema_smooth(y, 0.5, s);
  REQUIRE(s.size() == 3u);
  CHECK(s[0] == doctest::Approx(1.0));           // not pulled towards zero
  CHECK(s[1] == doctest::Approx(1.25 / 0.75));   // (0.5*0.5 + 0.5*2) / (1 - 0.25)
  CHECK(s[2] == doctest::Approx(2.125 / 0.875));
  const std::vector<float> flat(50, 3.0f);
  ema_smooth(flat, 0.9, s);
  for (double v : s) CHECK(v == doctest::Approx(3.0));
  ema_smooth(y, 0.0, s);
  CHECK(s == y);
  // A NaN passes through and leaves the average untouched.
  const std::vector<double> gap = {1, NAN, 1};
  ema_smooth(gap, 0.6, s);
  CHECK(std::isnan(s[1]));
  CHECK(s[2] == doctest::Approx(1.0));
}

TEST_CASE("decimation keeps each pixel column's extremes in order") {
  std::vector<ImVec2> in;
  for (int i = 0; i < 10000; ++i) in.emplace_back(i * 0.01f, static_cast<float>(std::sin(i * 0.37) * 50 + (i == 5555 ? 400 : 0)));
  std::vector<ImVec2> out;
  decimate_polyline(in.data(), static_cast<int>(in.size()), out);
  CHECK(out.size() <= 4u * 101u);
  float hi = -1e9f, lo = 1e9f;
  for (const ImVec2& p : out) hi = std::max(hi, p.y), lo = std::min(lo, p.y);
  CHECK(hi == doctest::Approx(in[5555].y));  // the spike survives
  CHECK(lo < -49.0f);
  for (size_t i = 1; i < out.size(); ++i) CHECK(out[i].x >= out[i - 1].x);
  CHECK(out.front().x == in.front().x);
  CHECK(out.back().x == in.back().x);
  // Sparse input is returned as is.
  std::vector<ImVec2> few = {{0, 0}, {10, 1}, {20, 2}, {30, 0}, {40, 5}};
  decimate_polyline(few.data(), 5, out);
  CHECK(out.size() == 5u);
}

TEST_CASE("nearest point and finite ranges") {
  const std::vector<double> x = {0, 1, 2, 4, 8};
  CHECK(nearest_sorted(x, 2.9) == 2);
  CHECK(nearest_sorted(x, 3.1) == 3);
  CHECK(nearest_sorted(x, -5) == 0);
  CHECK(nearest_sorted(x, 50) == 4);
  CHECK(nearest_sorted(Values(), 1) == -1);
  const std::vector<float> v = {NAN, -2, 0, 5, INFINITY};
  Range r = finite_range(v);
  CHECK(r.lo == -2);
  CHECK(r.hi == 5);
  r = finite_range(v, true);
  CHECK(r.lo == 5);
  CHECK(r.hi == 5);
  CHECK_FALSE(finite_range(std::vector<double>{NAN}).valid());
  // A strided view reads every other value.
  const double packed[6] = {1, 100, 2, 200, 3, 300};
  const Values col(packed, 3, 2);
  CHECK(col[2] == 3);
  CHECK(finite_range(col).hi == 3);
}
