#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/data/toy2d.h"

using namespace attend::data;

namespace {
std::string shared_dir() {
  const char* env = std::getenv("ATTEND_SHARED_DIR");
  return env && *env ? env : ATTEND_SHARED_DIR_DEFAULT;
}
}  // namespace

TEST_CASE("the spiral matches the benchmark's spiral_500.csv exactly for the same seed") {
  const std::string path = shared_dir() + "/bench/data/spiral_500.csv";
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot open ", path);
  std::string line;
  std::getline(in, line);  // header
  const auto pts = make_toy2d(Toy2DKind::Spiral, 500, 0.1, 2016);
  REQUIRE(pts.size() == 500);
  size_t i = 0;
  double worst = 0;
  while (std::getline(in, line) && i < pts.size()) {
    double x, y, label;
    REQUIRE(std::sscanf(line.c_str(), "%lf,%lf,%lf", &x, &y, &label) == 3);
    worst = std::max({worst, std::abs(x - pts[i].x), std::abs(y - pts[i].y)});
    CHECK(label == pts[i].label);
    ++i;
  }
  CHECK(i == 500);
  CHECK(worst == 0.0);  // bit for bit
}

TEST_CASE("classification sets are balanced and labelled ±1") {
  for (Toy2DKind k : {Toy2DKind::Circle, Toy2DKind::Xor, Toy2DKind::Gauss, Toy2DKind::Spiral}) {
    const auto pts = make_toy2d(k, 400, 0.0, 7);
    int pos = 0;
    for (const Point2& p : pts) {
      CHECK((p.label == 1.0 || p.label == -1.0));
      pos += p.label > 0;
    }
    if (k != Toy2DKind::Xor) CHECK(pos == 200);
    else CHECK(std::abs(pos - 200) < 40);
  }
}

TEST_CASE("noise-free labels follow each dataset's rule") {
  for (const Point2& p : make_toy2d(Toy2DKind::Circle, 200, 0.0, 1))
    CHECK((std::hypot(p.x, p.y) < 2.5) == (p.label > 0));
  for (const Point2& p : make_toy2d(Toy2DKind::Xor, 200, 0.0, 1)) CHECK((p.x * p.y >= 0) == (p.label > 0));
  for (const Point2& p : make_toy2d(Toy2DKind::Plane, 200, 0.0, 1))
    CHECK(p.label == doctest::Approx((p.x + p.y) / 10.0));
  for (const Point2& p : make_toy2d(Toy2DKind::MultiGauss, 200, 0.0, 1)) CHECK(std::abs(p.label) <= 1.0);
}

TEST_CASE("same seed, same points, and Playground's split keeps order") {
  const auto a = make_toy2d(Toy2DKind::Gauss, 100, 0.2, 3);
  const auto b = make_toy2d(Toy2DKind::Gauss, 100, 0.2, 3);
  for (size_t i = 0; i < a.size(); ++i) CHECK(a[i].x == b[i].x);
  const Split2 s = split_train_test(a, 0.7);
  CHECK(s.train.size() == 70);
  CHECK(s.test.size() == 30);
  CHECK(s.test.front().x == a[70].x);
  Toy2DKind k{};
  CHECK(parse_toy2d("multigauss", &k));
  CHECK(k == Toy2DKind::MultiGauss);
  CHECK(!parse_toy2d("moons", &k));
}
