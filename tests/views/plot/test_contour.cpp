#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "views/plot/contour.h"

using namespace attend::views::plot;

namespace {
double tri_area(const ImVec2& a, const ImVec2& b, const ImVec2& c) {
  return std::fabs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5;
}
double total_area(const std::vector<ImVec2>& tris) {
  double s = 0;
  for (size_t i = 0; i + 2 < tris.size(); i += 3) s += tri_area(tris[i], tris[i + 1], tris[i + 2]);
  return s;
}
}  // namespace

TEST_CASE("marching squares: the level set of a cone is one closed circle") {
  const int N = 41;
  std::vector<double> v(N * N);
  for (int r = 0; r < N; ++r)
    for (int c = 0; c < N; ++c) v[r * N + c] = std::hypot(c - 20.0, r - 20.0);
  const auto lines = contour_lines(Grid(v.data(), N, N), 10.0);
  REQUIRE(lines.size() == 1u);
  const Polyline& l = lines[0];
  CHECK(l.size() > 40u);
  // Closed: the walk comes back to where it started.
  CHECK(l.front().x == doctest::Approx(l.back().x));
  CHECK(l.front().y == doctest::Approx(l.back().y));
  double worst = 0;
  for (const ImVec2& p : l) worst = std::max(worst, std::fabs(std::hypot(p.x - 20.0, p.y - 20.0) - 10.0));
  CHECK(worst < 0.05);  // linear interpolation of a cone along cell edges
}

TEST_CASE("marching squares: a plane gives one straight open line across the grid") {
  const int R = 7, C = 9;
  std::vector<float> v(R * C);
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) v[r * C + c] = static_cast<float>(c);
  const auto lines = contour_lines(Grid(v.data(), R, C), 5.5);
  REQUIRE(lines.size() == 1u);
  CHECK(lines[0].size() == static_cast<size_t>(R));  // one crossing per row, joined in order
  for (const ImVec2& p : lines[0]) CHECK(p.x == doctest::Approx(5.5));
  CHECK(std::fabs(lines[0].front().y - lines[0].back().y) == doctest::Approx(R - 1));
  CHECK(contour_lines(Grid(v.data(), R, C), 100.0).empty());  // a level outside the data
}

TEST_CASE("marching squares: saddles follow the cell centre, NaN cells are skipped") {
  // Corners 1 0 / 0 1, centre average 0.5: at level 0.5 the centre is not above, so the two high corners are
  // cut off separately (two segments); at level 0.4 the centre is above and the low corners are cut off.
  const double saddle[4] = {1, 0, 0, 1};
  auto l = contour_lines(Grid(saddle, 2, 2), 0.5);
  REQUIRE(l.size() == 2u);
  // Segment around corner (0,0): from the left edge to the top edge.
  bool around_origin = false;
  for (const Polyline& p : l)
    for (const ImVec2& q : p) around_origin |= (q.x == doctest::Approx(0.0) && q.y == doctest::Approx(0.5));
  CHECK(around_origin);
  l = contour_lines(Grid(saddle, 2, 2), 0.4);
  REQUIRE(l.size() == 2u);
  const double holes[9] = {0, 0, 0, 0, NAN, 0, 1, 1, 1};
  for (const Polyline& p : contour_lines(Grid(holes, 3, 3), 0.5))
    for (const ImVec2& q : p) CHECK(std::isfinite(q.x));
}

TEST_CASE("filled contour bands tile the grid exactly") {
  const int R = 6, C = 11;
  std::vector<double> v(R * C);
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) v[r * C + c] = c + 0.3 * std::sin(r + c);
  const std::vector<double> levels = {2.5, 5.0, 7.5};
  const auto bands = contour_bands(Grid(v.data(), R, C), levels);
  REQUIRE(bands.size() == 4u);
  double sum = 0;
  for (const auto& b : bands) {
    CHECK(b.size() % 3 == 0u);
    sum += total_area(b);
  }
  CHECK(sum == doctest::Approx((R - 1) * (C - 1)).epsilon(1e-6));  // no gaps, no overlaps
  // On the plane v = c the bands are strips of known width.
  std::vector<double> plane(R * C);
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) plane[r * C + c] = c;
  const auto strips = contour_bands(Grid(plane.data(), R, C), levels);
  CHECK(total_area(strips[0]) == doctest::Approx(2.5 * (R - 1)));
  CHECK(total_area(strips[1]) == doctest::Approx(2.5 * (R - 1)));
  CHECK(total_area(strips[2]) == doctest::Approx(2.5 * (R - 1)));
  CHECK(total_area(strips[3]) == doctest::Approx(2.5 * (R - 1)));
  // Cells inside one band merge along rows: a 256 x 256 smooth field costs a few thousand triangles, not
  // 130 000, and still tiles exactly.
  const int N = 256;
  std::vector<float> big(N * N);
  for (int r = 0; r < N; ++r)
    for (int c = 0; c < N; ++c) big[r * N + c] = static_cast<float>(std::hypot(c - 128.0, r - 128.0));
  const auto rings = contour_bands(Grid(big.data(), N, N), {30.3, 60.3, 90.3, 120.3});
  size_t vertices = 0;
  double area = 0;
  for (const auto& b : rings) vertices += b.size(), area += total_area(b);
  CHECK(vertices / 3 < 20000u);  // naive: 2 * 255 * 255 = 130 050
  CHECK(area == doctest::Approx((N - 1.0) * (N - 1.0)).epsilon(1e-6));
}

TEST_CASE("nice contour levels") {
  CHECK(nice_levels(0, 1, 4) == std::vector<double>{0.2, 0.4, 0.6, 0.8});
  const auto l = nice_levels(0.73, 5.9, 10);
  CHECK(l.size() >= 5u);
  for (double x : l) CHECK((x > 0.73 && x < 5.9));
  CHECK(nice_levels(1, 1, 5).empty());
}
