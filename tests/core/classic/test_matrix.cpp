#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/classic/matrix.h"

using namespace attend;
using namespace attend::classic;

TEST_CASE("take_rows, row_range and take_cols copy the right cells") {
  Matrix X(3, 2);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) X(i, j) = 10 * i + j;
  const Matrix R = take_rows(X, {2, 0});
  CHECK(R.rows == 2);
  CHECK(R(0, 1) == 21);
  CHECK(R(1, 0) == 0);
  const Matrix S = row_range(X, 1, 3);
  CHECK(S(0, 0) == 10);
  CHECK(S(1, 1) == 21);
  const Matrix C = take_cols(X, {1});
  CHECK(C.cols == 1);
  CHECK(C(2, 0) == 21);
}

TEST_CASE("check_xy names the problem: empty, mismatched, NaN, infinite") {
  Matrix X(2, 2, 1.0);
  CHECK(check_xy(X, 2, "ridge").ok());
  Status s = check_xy(X, 3, "ridge");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message == "ridge: X has 2 rows but y has 3 values");
  X(1, 0) = std::numeric_limits<double>::quiet_NaN();
  s = check_xy(X, 2, "ridge");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("X(1, 0) is NaN") != std::string::npos);
  X(1, 0) = INFINITY;
  CHECK(check_x(X, "m").error().message.find("infinite") != std::string::npos);
  CHECK_FALSE(check_x(Matrix(0, 3), "m").ok());
  CHECK_FALSE(check_x(Matrix(3, 0), "m").ok());
  CHECK_FALSE(check_finite({1.0, NAN}, "m", "y").ok());
}

TEST_CASE("labels: negative and single-class inputs are errors, encode_labels sorts like sklearn") {
  CHECK(*check_labels({0, 1, 1}, "m") == 2);
  CHECK(*check_labels({0, 2}, "m") == 3);
  CHECK_FALSE(check_labels({0, -1}, "m").ok());
  CHECK_FALSE(check_labels({1, 1, 1}, "m").ok());
  const LabelEncoding e = encode_labels({1.0, -1.0, 1.0, 7.0});
  CHECK(e.classes == std::vector<double>{-1.0, 1.0, 7.0});
  CHECK(e.y == std::vector<int>{1, 0, 1, 2});
}

TEST_CASE("column statistics and standardisation — a constant column keeps scale 1") {
  Matrix X(4, 2);
  const double a[4] = {1, 2, 3, 4};
  for (int i = 0; i < 4; ++i) X(i, 0) = a[i], X(i, 1) = 5;
  const ColumnStats s = column_stats(X);
  CHECK(s.mean[0] == doctest::Approx(2.5));
  CHECK(s.scale[0] == doctest::Approx(std::sqrt(1.25)));
  CHECK(s.scale[1] == 1.0);
  const Matrix Z = standardize(X, s);
  CHECK(Z(0, 0) == doctest::Approx(-1.5 / std::sqrt(1.25)));
  CHECK(Z(3, 1) == 0.0);
  CHECK(total_variance(X) == doctest::Approx(17.5 / 8));  // 1,2,3,4,5,5,5,5 around 3.75
}

TEST_CASE("grid_points: row i·nx + j is (x_j, y_i), corners exact") {
  GridSpec g;
  g.x0 = -1, g.x1 = 1, g.y0 = 0, g.y1 = 2, g.nx = 3, g.ny = 5;
  const Matrix P = grid_points(g);
  REQUIRE(P.rows == 15);
  CHECK(P(0, 0) == -1);
  CHECK(P(0, 1) == 0);
  CHECK(P(2, 0) == 1);
  CHECK(P(14, 1) == 2);
  CHECK(P(4, 0) == 0);    // i = 1, j = 1
  CHECK(P(4, 1) == 0.5);
}
