#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/embed/vector_search.h"

using namespace attend::embed;

TEST_CASE("vector search ranks chunks by the cosine of averaged word vectors") {
  // Planted word vectors: an animal direction, a computing direction, and a neutral word.
  Embeddings w;
  w.dim = 3;
  auto add = [&](const std::string& word, std::vector<float> v) {
    w.labels.push_back(word);
    w.data.insert(w.data.end(), v.begin(), v.end());
    ++w.rows;
  };
  add("cat", {1, 0, 0});
  add("kitten", {0.9f, 0.1f, 0});
  add("dog", {0.8f, 0, 0.2f});
  add("cpu", {0, 1, 0});
  add("cache", {0.1f, 0.9f, 0});
  add("the", {0.3f, 0.3f, 0.3f});
  w.index_labels();
  const std::vector<std::string> chunks = {
      "The CPU and the cache.",       // 0: computing
      "A kitten and the dog!",         // 1: animals
      "Nothing known here.",           // 2: no word has a vector
      "the cat",                       // 3: animals
  };
  const ChunkVectors cv = chunk_vectors(w, chunks);
  CHECK(cv.known_words == std::vector<int>{4, 3, 0, 2});
  auto hits = vector_search(w, cv, "cats and kittens? kitten", 4);
  REQUIRE(hits.size() == 3);  // the chunk without known words is left out
  CHECK((hits[0].chunk == 1 || hits[0].chunk == 3));
  CHECK(hits[2].chunk == 0);
  CHECK(hits[0].score >= hits[1].score);
  CHECK(hits[0].score <= 1.0001f);
  CHECK(vector_search(w, cv, "cpu", 1)[0].chunk == 0);
  CHECK(vector_search(w, cv, "unknown words only", 3).empty());
  // With idf weights the ubiquitous "the" counts less; rankings of clear queries do not change.
  ChunkVectorOptions o;
  o.idf_weights = true;
  const ChunkVectors weighted = chunk_vectors(w, chunks, o);
  CHECK(vector_search(w, weighted, "cache", 1)[0].chunk == 0);
}
