#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "views/plot/ticks.h"

using namespace attend::views::plot;

namespace {
const std::string kMinus = "\xE2\x88\x92";

std::vector<double> values(const std::vector<Tick>& t, bool major_only = true) {
  std::vector<double> v;
  for (const Tick& k : t)
    if (k.major || !major_only) v.push_back(k.value);
  return v;
}
std::vector<std::string> labels(const std::vector<Tick>& t) {
  std::vector<std::string> v;
  for (const Tick& k : t)
    if (!k.label.empty()) v.push_back(k.label);
  return v;
}
}  // namespace

TEST_CASE("nice steps are 1, 2 or 5 times a power of ten") {
  CHECK(nice_step(1.0, 5) == doctest::Approx(0.2));
  CHECK(nice_step(1.0, 10) == doctest::Approx(0.1));
  CHECK(nice_step(7.0, 5) == doctest::Approx(2.0));
  CHECK(nice_step(2000, 4) == doctest::Approx(500));
  CHECK(nice_step(3e-4, 3) == doctest::Approx(1e-4));
  for (double span : {0.003, 0.7, 1.0, 13.0, 999.0, 12345.0}) {
    for (int n : {2, 3, 5, 8}) {
      const double s = nice_step(span, n);
      const double m = s / std::pow(10.0, std::floor(std::log10(s) + 1e-9));
      CHECK((std::fabs(m - 1) < 1e-9 || std::fabs(m - 2) < 1e-9 || std::fabs(m - 5) < 1e-9));
      CHECK(span / s <= n + 1e-9);  // never more intervals than asked
    }
  }
}

TEST_CASE("linear ticks cover the range at nice values with one precision") {
  auto t = linear_ticks(0, 1, 5);
  CHECK(values(t) == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1.0});
  CHECK(labels(t) == std::vector<std::string>{"0", "0.2", "0.4", "0.6", "0.8", "1"});
  t = linear_ticks(-0.3, 0.55, 5);
  CHECK(labels(t) == std::vector<std::string>{kMinus + "0.2", "0", "0.2", "0.4"});
  t = linear_ticks(0, 0.25, 5);
  CHECK(labels(t) == std::vector<std::string>{"0", "0.05", "0.1", "0.15", "0.2", "0.25"});
  // Ticks never lie outside the range, and a zero-width range still gets ticks.
  for (const Tick& k : linear_ticks(0.13, 0.97, 6)) CHECK((k.value >= 0.13 && k.value <= 0.97));
  CHECK(!linear_ticks(5, 5, 4).empty());
}

TEST_CASE("tick labels are compact: k and M suffixes, e-notation for tiny values") {
  CHECK(labels(linear_ticks(0, 4000, 4)) == std::vector<std::string>{"0", "1k", "2k", "3k", "4k"});
  CHECK(labels(linear_ticks(0, 1500, 3)) == std::vector<std::string>{"0", "500", "1k", "1.5k"});
  CHECK(labels(linear_ticks(0, 3e6, 3)) == std::vector<std::string>{"0", "1M", "2M", "3M"});
  CHECK(labels(linear_ticks(0, 3e-4, 3)) == std::vector<std::string>{"0", "1e" + kMinus + "4", "2e" + kMinus + "4", "3e" + kMinus + "4"});
  CHECK(format_tick(2.5e-4, 5e-5, 3e-4) == "2.5e" + kMinus + "4");
  CHECK(format_tick(-1500, 500, 2000) == kMinus + "1.5k");
  CHECK(format_tick(0.25, 0.05, 1) == "0.25");
  CHECK(format_tick(-1e-17, 0.1, 1) == "0");  // rounding noise is zero, not "-0"
}

TEST_CASE("log ticks: a labelled tick per decade, minor ticks between") {
  auto t = log_ticks(1e-4, 1, 6);
  CHECK(values(t) == std::vector<double>{1e-4, 1e-3, 1e-2, 1e-1, 1});
  CHECK(labels(t) == std::vector<std::string>{"1e" + kMinus + "4", "0.001", "0.01", "0.1", "1"});
  // 2..9 times each decade (except past the top) are minor ticks without labels.
  int minors = 0;
  for (const Tick& k : t) minors += !k.major;
  CHECK(minors == 4 * 8);
  for (const Tick& k : t)
    if (!k.major) CHECK(k.label.empty());
  CHECK(labels(log_ticks(1, 1e6, 7)) == std::vector<std::string>{"1", "10", "100", "1k", "10k", "100k", "1M"});
}

TEST_CASE("log ticks over many decades step by several, over one decade label 2x and 5x") {
  auto t = log_ticks(1e-12, 1, 5);
  const auto v = values(t);
  CHECK(v.size() <= 6u);
  CHECK(v.size() >= 3u);
  for (size_t i = 1; i < v.size(); ++i) CHECK(std::log10(v[i] / v[i - 1]) == doctest::Approx(std::log10(v[1] / v[0])));
  // The skipped decades remain as minor ticks.
  int minor_decades = 0;
  for (const Tick& k : t)
    if (!k.major) ++minor_decades;
  CHECK(minor_decades > 0);
  CHECK(labels(log_ticks(0.3, 2, 6)) == std::vector<std::string>{"0.5", "1", "2"});
  // Under half a decade: linear ticks (still at positive values).
  t = log_ticks(2, 3, 5);
  CHECK(labels(t) == std::vector<std::string>{"2", "2.2", "2.4", "2.6", "2.8", "3"});
}

TEST_CASE("duration ticks use steps people count in") {
  CHECK(labels(duration_ticks(0, 120, 4)) == std::vector<std::string>{"0s", "30s", "1m", "1m30s", "2m"});
  CHECK(labels(duration_ticks(0, 7200, 4)) == std::vector<std::string>{"0s", "30m", "1h", "1h30m", "2h"});
  CHECK(format_duration(45) == "45s");
  CHECK(format_duration(0.5) == "0.5s");
  CHECK(format_duration(3725) == "1h2m");
  CHECK(format_duration(90000) == "1d1h");
}

TEST_CASE("readout values keep four significant digits") {
  CHECK(format_value(0.25) == "0.25");
  CHECK(format_value(3.14159265) == "3.142");
  CHECK(format_value(-2.5) == kMinus + "2.5");
  CHECK(format_value(123456) == "123.5k");
  CHECK(format_value(1.23456e-5) == "1.235e" + kMinus + "5");
  CHECK(format_value(0) == "0");
  CHECK(format_value(std::nan("")) == "NaN");
  CHECK(decimals_for_step(0.25) == 2);
  CHECK(decimals_for_step(5) == 0);
  CHECK(decimals_for_step(1e-3) == 3);
}
