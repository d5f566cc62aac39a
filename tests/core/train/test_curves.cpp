#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/train/curves.h"

using namespace attend::train;

TEST_CASE("EMA smoothing is debiased like TensorBoard's") {
  const std::vector<double> v = {10, 10, 10, 10};
  for (double s : smooth_ema(v, 0.9)) CHECK(s == doctest::Approx(10));  // a constant stays constant
  const auto raw = smooth_ema({1, 2, 3}, 0.0);
  CHECK(raw == std::vector<double>{1, 2, 3});
  // By hand: last = 0.5·0 + 0.5·1 = 0.5 → /0.5 = 1;  last = 0.25 + 0.5·3 = 1.75 → /0.75 = 2.333…
  const auto s = smooth_ema({1, 3}, 0.5);
  CHECK(s[0] == doctest::Approx(1.0));
  CHECK(s[1] == doctest::Approx(1.75 / 0.75));
}

TEST_CASE("a NaN in a curve does not poison the smoothed values after it") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto s = smooth_ema({1, nan, 1}, 0.6);
  CHECK(std::isnan(s[1]));
  CHECK(s[2] == doctest::Approx(1.0));
}

TEST_CASE("runs of one configuration aggregate into mean ± sd and min/max") {
  History a, b;
  for (int i = 0; i <= 10; ++i) {
    a.add("loss", i, i, 1.0);
    b.add("loss", i, i, 3.0);
  }
  const Band band = aggregate({a.find("loss"), b.find("loss")}, 11);
  REQUIRE(band.x.size() == 11);
  CHECK(band.runs == 2);
  CHECK(band.mean[5] == doctest::Approx(2.0));
  CHECK(band.lower[5] == doctest::Approx(1.0));
  CHECK(band.upper[5] == doctest::Approx(3.0));
  CHECK(band.min[5] == doctest::Approx(1.0));
  CHECK(band.max[5] == doctest::Approx(3.0));
}

TEST_CASE("aggregation interpolates runs recorded at different steps") {
  History a, b;
  a.add("loss", 0, 0, 0.0);
  a.add("loss", 10, 1, 10.0);
  for (int i = 0; i <= 10; i += 5) b.add("loss", i, 0, static_cast<double>(i));
  const Band band = aggregate({a.find("loss"), b.find("loss")}, 3);
  CHECK(band.mean[1] == doctest::Approx(5.0));
  CHECK(band.upper[1] == doctest::Approx(5.0));
}

TEST_CASE("the robust range ignores a divergence spike") {
  History h;
  for (int i = 0; i < 1000; ++i) h.add("loss", i, i, 1.0 + 0.001 * i);
  h.add("loss", 1000, 1000, 1e9);
  const auto r = robust_range({h.find("loss")}, 0.01);
  CHECK(r.second < 3.0);
  CHECK(r.first >= 1.0);
}

TEST_CASE("runs export to CSV with quoting and every point") {
  auto h = std::make_shared<History>();
  h->add("loss", 1, 0.5, 2.25);
  h->add("acc", 1, 0.5, 0.5);
  Run r;
  r.name = "adam, lr=0.01";
  r.history = h;
  const std::string csv = runs_to_csv({r});
  CHECK(csv == "run,series,step,wall_seconds,value\n\"adam, lr=0.01\",loss,1,0.5,2.25\n\"adam, lr=0.01\",acc,1,0.5,0.5\n");
}

TEST_CASE("hyperparameter differences between two runs") {
  Run a, b;
  a.hyper = {{"lr", 0.01}, {"batch", 32}};
  b.hyper = {{"lr", 0.1}, {"batch", 32}, {"wd", 0.1}};
  const auto d = hyper_diff(a, b);
  CHECK(d.size() == 2);
  CHECK(d.at("lr").second == doctest::Approx(0.1));
  CHECK(std::isnan(d.at("wd").first));
}
