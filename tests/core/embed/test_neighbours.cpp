#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/embed/neighbours.h"

using namespace attend::embed;

namespace {

// Planted vectors: royal, male and female directions, plus two unrelated words.
Embeddings planted() {
  Embeddings e;
  e.dim = 5;
  auto add = [&](const std::string& w, std::vector<float> v) {
    e.labels.push_back(w);
    e.data.insert(e.data.end(), v.begin(), v.end());
    ++e.rows;
  };
  add("king", {1, 1, 0, 0, 0.1f});
  add("queen", {1, 0, 1, 0, 0.1f});
  add("man", {0, 1, 0, 0, 0.2f});
  add("woman", {0, 0, 1, 0, 0.2f});
  add("prince", {0.9f, 1, 0, 0.2f, 0});
  add("apple", {0, 0, 0, 1, 1});
  add("pear", {0, 0, 0.1f, 1, 0.9f});
  e.index_labels();
  return e;
}

}  // namespace

TEST_CASE("neighbours by cosine in the full space, most similar first, the word itself excluded") {
  const Embeddings e = planted();
  const CosineIndex idx(e);
  const auto near = idx.nearest(idx.find("apple"), 2);
  REQUIRE(near.size() == 2);
  CHECK(idx.label(near[0].index) == "pear");
  CHECK(near[0].similarity > near[1].similarity);
  CHECK(near[0].similarity <= 1.0f);
  CHECK(idx.label(idx.nearest(idx.find("king"), 1)[0].index) == "prince");
  // Scale does not matter for cosine.
  std::vector<float> q = {10, 10, 0, 0, 1};
  CHECK(idx.label(idx.nearest_to(q.data(), 1)[0].index) == "king");
  CHECK(idx.nearest_to(q.data(), 10, {0}).size() == 6);
  CHECK(idx.nearest(-1, 3).empty());
}

TEST_CASE("analogies: king - man + woman = queen, inputs excluded, unknown words are errors") {
  const Embeddings e = planted();
  const CosineIndex idx(e);
  auto r = idx.analogy("king", "man", "woman", 3);
  REQUIRE(r.ok());
  CHECK(idx.label((*r)[0].index) == "queen");
  for (const Neighbour& n : *r) {
    CHECK(idx.label(n.index) != "king");
    CHECK(idx.label(n.index) != "man");
    CHECK(idx.label(n.index) != "woman");
  }
  auto bad = idx.analogy("king", "man", "dragon", 3);
  REQUIRE(!bad.ok());
  CHECK(bad.error().message.find("dragon") != std::string::npos);
}

TEST_CASE("top_k: ties broken by index, exclusions honoured, k clipped") {
  const auto t = top_k({0.5f, 0.9f, 0.5f, 0.1f}, 3, {1});
  REQUIRE(t.size() == 3);
  CHECK(t[0].index == 0);
  CHECK(t[1].index == 2);
  CHECK(t[2].index == 3);
  CHECK(top_k({1, 2}, 10).size() == 2);
}
