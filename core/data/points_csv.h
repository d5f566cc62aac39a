// Labelled 2-D points: the playground's data. Read from a CSV with the header "x,y,label" (the bench's
// spiral_500.csv), or generated with the bench's two-arm spiral recipe.
//
//   Result<Points2D> r = data::read_points_csv("../shared/bench/data/spiral_500.csv");
//   if (!r) show(r.error().to_string());   // "…/spiral_500.csv:17:8: 'abc' is not a number"
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/toy2d.h"
#include "core/util/result.h"

namespace attend::data {

struct Points2D {
  std::vector<float> xy;      // n×2, row-major (x, y)
  std::vector<float> label;   // n: ±1 for classification, any value for regression
  int size() const { return static_cast<int>(label.size()); }
};

Result<Points2D> parse_points_csv(const std::string& text, const std::string& path = "");
Result<Points2D> read_points_csv(const std::string& path);

// The generated Playground datasets (toy2d.h) in the networks' float layout.
Points2D to_points(const std::vector<Point2>& points);

// Playground's two-arm spiral (toy2d.h); make_spiral(500, 0.1, 2016) reproduces spiral_500.csv.
Points2D make_spiral(int points, double noise, uint64_t seed);

}  // namespace attend::data
