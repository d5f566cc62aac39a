#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/embed/pca.h"

using attend::embed::custom_projection;
using attend::embed::pca;

TEST_CASE("PCA: axes, coordinates, explained variance and sklearn's sign convention by hand") {
  // Centred points on the axes: variance 2/3 along x, 1/6 along y (divided by n - 1 = 3).
  const std::vector<double> x = {1, 0, -1, 0, 0, 0.5, 0, -0.5};
  const auto p = pca(x.data(), 4, 2, 2);
  CHECK(p.explained_variance[0] == doctest::Approx(2.0 / 3));
  CHECK(p.explained_variance[1] == doctest::Approx(1.0 / 6));
  CHECK(p.explained_variance_ratio[0] == doctest::Approx(0.8));
  CHECK(p.explained_variance_ratio[1] == doctest::Approx(0.2));
  // The largest-magnitude coordinate of each column is positive (the first of a tie).
  const std::vector<double> expected = {1, 0, -1, 0, 0, 0.5, 0, -0.5};
  for (size_t i = 0; i < expected.size(); ++i) CHECK(p.coords[i] == doctest::Approx(expected[i]).epsilon(1e-12).scale(1));
  CHECK(std::fabs(p.components[0]) == doctest::Approx(1.0));
}

TEST_CASE("PCA: a 3-D cloud near a plane keeps almost all variance in two axes") {
  std::vector<float> x;
  for (int i = 0; i < 200; ++i) {
    const double a = std::sin(i * 0.37) * 5, b = std::cos(i * 0.91) * 2;
    x.push_back(static_cast<float>(a + 3));
    x.push_back(static_cast<float>(b - 1));
    x.push_back(static_cast<float>(0.5 * a + 0.01 * std::sin(i * 7.1)));
  }
  const auto p = pca(x.data(), 200, 3, 3);
  CHECK(p.explained_variance_ratio[0] + p.explained_variance_ratio[1] > 0.9999);
  CHECK(p.explained_variance[0] >= p.explained_variance[1]);
  CHECK(p.explained_variance[1] >= p.explained_variance[2]);
  // Coordinates reproduce the centred data through the components.
  for (int i = 0; i < 200; i += 13)
    for (int d = 0; d < 3; ++d) {
      double r = p.mean[d];
      for (int c = 0; c < 3; ++c) r += p.coords[i * 3 + c] * p.components[c * 3 + d];
      CHECK(r == doctest::Approx(x[i * 3 + d]).epsilon(1e-5));
    }
}

TEST_CASE("custom projection: coordinates along word-to-word axes, by hand") {
  const std::vector<float> x = {1, 0, 0,  //
                                0, 2, 0,  //
                                1, 1, 0,  //
                                0, 0, 0};
  // Axis 0 from (0,1,0) to (1,0,0); axis 1 from the origin to (0,0,5); a degenerate axis gives zeros.
  const auto c = custom_projection(x.data(), 4, 3, {{0, 1, 0}, {0, 0, 0}, {1, 1, 1}}, {{1, 0, 0}, {0, 0, 5}, {1, 1, 1}});
  const double r = 1 / std::sqrt(2.0);
  CHECK(c[0] == doctest::Approx(r));   // (1,0,0)·(1,-1,0)/√2
  CHECK(c[3] == doctest::Approx(-r));  // (0,1,0)·(1,-1,0)/√2
  CHECK(c[6] == doctest::Approx(0.0).scale(1));
  CHECK(c[1] == doctest::Approx(0.0).scale(1));
  CHECK(c[2] == 0.0);
  CHECK(c[9] == 0.0);  // a zero row stays at the origin
}
