#include <doctest/doctest.h>

#include <set>
#include <vector>

#include "core/classic/kmeans.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::classic;

TEST_CASE("k-means finds planted clusters, is seeded, and reports inertia") {
  SplitMix64 rng(1);
  const double centres[4][2] = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};
  std::vector<double> x;
  std::vector<int> truth;
  for (int i = 0; i < 400; ++i) {
    const int c = i % 4;
    x.push_back(centres[c][0] + 0.5 * rng.normal());
    x.push_back(centres[c][1] + 0.5 * rng.normal());
    truth.push_back(c);
  }
  KMeansOptions o;
  o.k = 4;
  o.seed = 3;
  const KMeansResult r = kmeans(x.data(), 400, 2, o);
  CHECK(r.converged);
  // Every planted cluster maps to exactly one found cluster.
  for (int c = 0; c < 4; ++c) {
    std::set<int> found;
    for (int i = 0; i < 400; ++i)
      if (truth[i] == c) found.insert(r.labels[i]);
    CHECK(found.size() == 1);
  }
  double inertia = 0;
  for (int i = 0; i < 400; ++i)
    for (int d = 0; d < 2; ++d) {
      const double t = x[i * 2 + d] - r.centers[r.labels[i] * 2 + d];
      inertia += t * t;
    }
  CHECK(r.inertia == doctest::Approx(inertia));
  CHECK(r.inertia < 400 * 2 * 0.25 * 1.3);  // about n·dim·σ²
  const KMeansResult again = kmeans(x.data(), 400, 2, o);
  CHECK(again.labels == r.labels);
  CHECK(again.centers == r.centers);
}

TEST_CASE("k-means: one Lloyd step by hand, and k-means++ picks distinct points") {
  const std::vector<double> x = {0, 0, 1, 0, 10, 0, 11, 0};
  std::vector<double> centers = {0, 0, 1, 0};
  std::vector<int> labels;
  double inertia = 0;
  const int changed = kmeans_step(x.data(), 4, 2, centers, labels, &inertia);
  CHECK(changed == 4);
  CHECK(labels == std::vector<int>{0, 1, 1, 1});
  CHECK(inertia == doctest::Approx(0 + 0 + 81 + 100));
  CHECK(centers == std::vector<double>{0, 0, 22.0 / 3, 0});
  const std::vector<double> seeds = kmeans_plus_plus(x.data(), 4, 2, 2, 5);
  CHECK(seeds.size() == 4);
  CHECK(seeds[0] != seeds[2]);
  const std::vector<float> xf(x.begin(), x.end());
  KMeansOptions o;
  o.k = 2;
  const KMeansResult r = kmeans(xf.data(), 4, 2, o);
  CHECK(r.labels[0] == r.labels[1]);
  CHECK(r.labels[2] == r.labels[3]);
  CHECK(r.labels[0] != r.labels[2]);
}
