// The 2-D datasets of TensorFlow Playground, generated the way it generates them (same shapes, noise model
// and Fisher–Yates shuffle), but from SplitMix64 so a seed gives the same points everywhere. With seed 2016,
// 500 points and noise 0.1, the spiral is exactly ../shared/bench/data/spiral_500.csv.
//
// Classification labels are +1/−1; regression labels are in [−1, 1]. `noise` is Playground's slider / 100
// (0 … 0.5).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace attend::data {

enum class Toy2DKind { Circle, Xor, Gauss, Spiral, Plane, MultiGauss };
constexpr int kToy2DKindCount = 6;

const char* toy2d_name(Toy2DKind kind);            // "circle", "xor", "gauss", "spiral", "plane", "multigauss"
bool parse_toy2d(const std::string& name, Toy2DKind* out);
bool toy2d_is_regression(Toy2DKind kind);

struct Point2 {
  double x = 0, y = 0;
  double label = 0;
};

// `n` points (classification sets put n/2 in each class, as Playground does), shuffled.
std::vector<Point2> make_toy2d(Toy2DKind kind, int n, double noise, uint64_t seed);

// Playground's split: the first floor(n · train_fraction) points train, the rest test.
struct Split2 {
  std::vector<Point2> train, test;
};
Split2 split_train_test(const std::vector<Point2>& points, double train_fraction);

}  // namespace attend::data
