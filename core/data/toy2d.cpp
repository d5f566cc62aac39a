#include "core/data/toy2d.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/util/rng.h"

namespace attend::data {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Gen {
  SplitMix64 rng;
  double uniform(double a, double b) { return rng.uniform() * (b - a) + a; }
  // Marsaglia's polar method, as Playground samples its Gaussians.
  double normal(double mean, double variance) {
    double v1, v2, s;
    do {
      v1 = 2 * rng.uniform() - 1;
      v2 = 2 * rng.uniform() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s > 1 || s == 0);
    return mean + std::sqrt(variance) * std::sqrt(-2 * std::log(s) / s) * v1;
  }
};

double linear(double v, double d0, double d1, double r0, double r1) { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }

void circle(Gen& g, int n, double noise, std::vector<Point2>& out) {
  const double radius = 5;
  auto label_of = [&](double x, double y) { return std::hypot(x, y) < radius * 0.5 ? 1.0 : -1.0; };
  auto ring = [&](double r_lo, double r_hi) {
    for (int i = 0; i < n / 2; ++i) {
      const double r = g.uniform(r_lo, r_hi);
      const double angle = g.uniform(0, 2 * kPi);
      const double x = r * std::sin(angle), y = r * std::cos(angle);
      const double nx = g.uniform(-radius, radius) * noise;
      const double ny = g.uniform(-radius, radius) * noise;
      out.push_back({x, y, label_of(x + nx, y + ny)});
    }
  };
  ring(0, radius * 0.5);
  ring(radius * 0.7, radius);
}

void xor_quadrants(Gen& g, int n, double noise, std::vector<Point2>& out) {
  const double padding = 0.3;
  for (int i = 0; i < n; ++i) {
    double x = g.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    double y = g.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const double nx = g.uniform(-5, 5) * noise;
    const double ny = g.uniform(-5, 5) * noise;
    out.push_back({x, y, (x + nx) * (y + ny) >= 0 ? 1.0 : -1.0});
  }
}

void two_gauss(Gen& g, int n, double noise, std::vector<Point2>& out) {
  const double variance = linear(noise, 0, 0.5, 0.5, 4);
  for (auto [c, label] : {std::pair{2.0, 1.0}, std::pair{-2.0, -1.0}})
    for (int i = 0; i < n / 2; ++i) {
      const double x = g.normal(c, variance);
      const double y = g.normal(c, variance);
      out.push_back({x, y, label});
    }
}

void spiral(Gen& g, int n, double noise, std::vector<Point2>& out) {
  const int half = n / 2;
  for (auto [delta, label] : {std::pair{0.0, 1.0}, std::pair{kPi, -1.0}})
    for (int i = 0; i < half; ++i) {
      const double r = static_cast<double>(i) / half * 5;
      const double t = 1.75 * i / half * 2 * kPi + delta;
      const double x = r * std::sin(t) + g.uniform(-1, 1) * noise;
      const double y = r * std::cos(t) + g.uniform(-1, 1) * noise;
      out.push_back({x, y, label});
    }
}

void plane(Gen& g, int n, double noise, std::vector<Point2>& out) {
  const double radius = 6;
  for (int i = 0; i < n; ++i) {
    const double x = g.uniform(-radius, radius);
    const double y = g.uniform(-radius, radius);
    const double nx = g.uniform(-radius, radius) * noise;
    const double ny = g.uniform(-radius, radius) * noise;
    out.push_back({x, y, linear(x + nx + y + ny, -10, 10, -1, 1)});
  }
}

void multi_gauss(Gen& g, int n, double noise, std::vector<Point2>& out) {
  const double centres[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  auto label_of = [&](double x, double y) {
    double label = 0;
    for (const auto& c : centres) {
      const double d = std::hypot(x - c[0], y - c[1]);
      const double v = c[2] * std::clamp(linear(d, 0, 2, 1, 0), 0.0, 1.0);
      if (std::abs(v) > std::abs(label)) label = v;
    }
    return label;
  };
  const double radius = 6;
  for (int i = 0; i < n; ++i) {
    const double x = g.uniform(-radius, radius);
    const double y = g.uniform(-radius, radius);
    const double nx = g.uniform(-radius, radius) * noise;
    const double ny = g.uniform(-radius, radius) * noise;
    out.push_back({x, y, label_of(x + nx, y + ny)});
  }
}

}  // namespace

const char* toy2d_name(Toy2DKind kind) {
  switch (kind) {
    case Toy2DKind::Circle: return "circle";
    case Toy2DKind::Xor: return "xor";
    case Toy2DKind::Gauss: return "gauss";
    case Toy2DKind::Spiral: return "spiral";
    case Toy2DKind::Plane: return "plane";
    case Toy2DKind::MultiGauss: return "multigauss";
  }
  return "?";
}

bool parse_toy2d(const std::string& name, Toy2DKind* out) {
  for (int i = 0; i < kToy2DKindCount; ++i)
    if (name == toy2d_name(static_cast<Toy2DKind>(i))) {
      *out = static_cast<Toy2DKind>(i);
      return true;
    }
  return false;
}

bool toy2d_is_regression(Toy2DKind kind) { return kind == Toy2DKind::Plane || kind == Toy2DKind::MultiGauss; }

std::vector<Point2> make_toy2d(Toy2DKind kind, int n, double noise, uint64_t seed) {
  Gen g{SplitMix64(seed)};
  std::vector<Point2> pts;
  pts.reserve(static_cast<size_t>(n));
  switch (kind) {
    case Toy2DKind::Circle: circle(g, n, noise, pts); break;
    case Toy2DKind::Xor: xor_quadrants(g, n, noise, pts); break;
    case Toy2DKind::Gauss: two_gauss(g, n, noise, pts); break;
    case Toy2DKind::Spiral: spiral(g, n, noise, pts); break;
    case Toy2DKind::Plane: plane(g, n, noise, pts); break;
    case Toy2DKind::MultiGauss: multi_gauss(g, n, noise, pts); break;
  }
  // Playground's Fisher–Yates: walk down from the end, swapping with a uniformly chosen earlier index.
  for (size_t counter = pts.size(); counter > 0;) {
    const size_t index = static_cast<size_t>(std::floor(g.rng.uniform() * static_cast<double>(counter)));
    --counter;
    std::swap(pts[counter], pts[index]);
  }
  return pts;
}

Split2 split_train_test(const std::vector<Point2>& points, double train_fraction) {
  const size_t cut = static_cast<size_t>(std::floor(points.size() * std::clamp(train_fraction, 0.0, 1.0)));
  Split2 s;
  s.train.assign(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(cut));
  s.test.assign(points.begin() + static_cast<std::ptrdiff_t>(cut), points.end());
  return s;
}

}  // namespace attend::data
