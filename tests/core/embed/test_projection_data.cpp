#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/embed/pca.h"
#include "core/embed/projection_data.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::embed;

namespace {

// Three planted directions in 6-D, 40 words each, with a little noise: w0_0, w0_1, ... w2_39.
std::shared_ptr<const Embeddings> planted(int per = 40) {
  auto e = std::make_shared<Embeddings>();
  e->dim = 6;
  SplitMix64 rng(3);
  for (int i = 0; i < per; ++i)
    for (int c = 0; c < 3; ++c) {
      e->labels.push_back("w" + std::to_string(c) + "_" + std::to_string(i));
      for (int d = 0; d < 6; ++d) {
        const double base = (d == 2 * c || d == 2 * c + 1) ? 1.0 + 0.3 * c : 0.0;
        e->data.push_back(static_cast<float>(base + 0.05 * rng.normal()));
      }
      ++e->rows;
    }
  e->index_labels();
  return e;
}

}  // namespace

TEST_CASE("projection data: the shown rows' PCA, clusters of their directions, neighbours over every row") {
  auto e = planted();
  ProjectionOptions o;
  o.points = 90;  // the first 90 of 120 rows are shown
  o.clusters = 3;
  const ProjectionData d = make_projection_data(e, o);
  REQUIRE(d.points == 90);
  // PCA is exactly core's PCA of the shown rows.
  const PcaResult ref = pca(e->data.data(), 90, 6, 3);
  REQUIRE(d.pca.k == 3);
  for (size_t i = 0; i < ref.coords.size(); ++i) CHECK(d.pca.coords[i] == doctest::Approx(ref.coords[i]).epsilon(1e-9));
  // k-means finds the three planted directions: rows i and j share a cluster exactly when they share a direction.
  REQUIRE(d.cluster_count == 3);
  REQUIRE(d.clusters.size() == 90);
  for (int i = 0; i < 90; ++i)
    for (int j = 0; j < 90; ++j) CHECK((d.clusters[i] == d.clusters[j]) == (i % 3 == j % 3));
  // Each cluster is named by three of its own words.
  for (int c = 0; c < 3; ++c) {
    const std::string& name = d.cluster_names[d.clusters[c]];
    CHECK(name.find("w" + std::to_string(c) + "_") != std::string::npos);
    CHECK(std::count(name.begin(), name.end(), ',') == 2);
  }
  // Neighbours are searched over all 120 rows, shown or not.
  const auto near = d.index.nearest(d.index.find("w1_0"), 5);
  for (const Neighbour& n : near) CHECK(n.index % 3 == 1);
  bool beyond = false;
  for (const Neighbour& n : d.index.nearest(d.index.find("w1_0"), 39)) beyond = beyond || n.index >= 90;
  CHECK(beyond);
  // leading_rows: the first rows as doubles, t-SNE's input.
  const std::vector<double> lead = leading_rows(*e, 2);
  REQUIRE(lead.size() == 12);
  CHECK(lead[7] == doctest::Approx(e->data[7]));
}

TEST_CASE("neighbourhood kept: 1 for a map with the same neighbours, about k/n for a random one") {
  // Points on a circle in 2-D: cosine neighbours are angular neighbours, and the unit vectors themselves are a
  // map that keeps every neighbourhood.
  auto e = std::make_shared<Embeddings>();
  e->dim = 2;
  const int n = 400;
  for (int i = 0; i < n; ++i) {
    const double t = 2 * M_PI * i / n + 0.001 * std::sin(7.0 * i);  // no exact ties
    e->data.push_back(static_cast<float>(std::cos(t)));
    e->data.push_back(static_cast<float>(std::sin(t)));
    e->labels.push_back(std::to_string(i));
    ++e->rows;
  }
  e->index_labels();
  ProjectionOptions o;
  o.points = n;
  o.clusters = 0;
  o.sample = 100;
  const ProjectionData d = make_projection_data(e, o);
  REQUIRE(d.sample.size() == 100);
  REQUIRE(d.sample_k == 10);
  CHECK(neighbourhood_kept(d, e->data.data(), n, 2) == doctest::Approx(1.0));
  SplitMix64 rng(9);
  std::vector<float> random(2 * n);
  for (float& v : random) v = static_cast<float>(rng.uniform());
  const double kept = neighbourhood_kept(d, random.data(), n, 2);
  CHECK(kept < 0.08);  // 10 / 400 = 0.025 expected
  CHECK(neighbourhood_kept(d, random.data(), n - 1, 2) == 0.0);  // a map of other points is not measured
}

TEST_CASE("label search: substrings ignore case (Cyrillic too), regular expressions, malformed patterns named") {
  const std::vector<std::string> labels = {"computer", "Compiler", "COMPUTE", "kernel", "Привет", "привычка", "dog"};
  auto sub = match_labels(labels, "comp", false);
  REQUIRE(sub.ok());
  CHECK(*sub == std::vector<int>{0, 1, 2});
  CHECK(*match_labels(labels, "ПРИВ", false) == std::vector<int>{4, 5});
  CHECK(*match_labels(labels, "^comp.*r$", true) == std::vector<int>{0, 1});
  CHECK(*match_labels(labels, "o", false, 2) == std::vector<int>{0, 1});  // limit
  CHECK(match_labels(labels, "", true)->empty());
  auto bad = match_labels(labels, "comp(", true);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("comp(") != std::string::npos);
}

TEST_CASE("custom axes: the cosine with the direction between two words (or averages of words)") {
  Embeddings e;
  e.dim = 2;
  e.labels = {"bad", "good", "he", "she", "x"};
  e.data = {-1, 0, 1, 0, 0, -1, 0, 1, 3, 4};
  e.rows = 5;
  e.index_labels();
  auto end = axis_end(e, "bad, good");
  REQUIRE(end.ok());
  CHECK((*end)[0] == doctest::Approx(0.0));
  auto r = custom_axes_projection(e, 5, "bad", "good", "he", "she");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 10);
  // x = (3, 4)/5 against the unit axes (1, 0) and (0, 1).
  CHECK((*r)[8] == doctest::Approx(0.6));
  CHECK((*r)[9] == doctest::Approx(0.8));
  CHECK((*r)[0] == doctest::Approx(-1.0));  // "bad" sits at the start of the bad → good axis
  auto missing = custom_axes_projection(e, 5, "bad", "great", "he", "she");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("'great'") != std::string::npos);
  CHECK_FALSE(axis_end(e, " , ").ok());
}
