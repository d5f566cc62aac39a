#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/data/corpus_vocab.h"
#include "core/util/rng.h"

using namespace attend::data;

TEST_CASE("vocabulary: counts, min_count, order by count then first appearance") {
  CorpusOptions o;
  o.min_count = 2;
  const LoadedCorpus c = build_corpus({"the cat sat on the mat", "the dog sat", "a cat"}, o);
  const Vocab& v = c.vocab;
  CHECK(v.raw_words == 11);
  REQUIRE(v.size() == 3);
  CHECK(v.words == std::vector<std::string>{"the", "cat", "sat"});  // cat before sat: seen first
  CHECK(v.counts == std::vector<int64_t>{3, 2, 2});
  CHECK(v.retained_words == 7);
  CHECK(v.find("cat") == 1);
  CHECK(v.find("mat") == -1);
  // Rare words vanish from the token stream; sentences keep their boundaries.
  CHECK(c.corpus.ids == std::vector<int32_t>{0, 1, 2, 0, 0, 2, 1});
  CHECK(c.corpus.sentence_starts == std::vector<int64_t>{0, 4, 6, 7});
  CHECK(c.corpus.raw_words == 11);
}

TEST_CASE("vocabulary: long sentences are cut at max_sentence_length") {
  CorpusOptions o;
  o.min_count = 1;
  o.max_sentence_length = 4;
  const LoadedCorpus c = build_corpus({"a b c d e f g h i j"}, o);
  CHECK(c.corpus.sentence_starts == std::vector<int64_t>{0, 4, 8, 10});
}

TEST_CASE("subsampling: gensim's keep probability (sqrt(c/t) + 1) t / c, capped at 1") {
  CorpusOptions o;
  o.min_count = 1;
  std::vector<std::string> lines;
  std::string frequent;
  for (int i = 0; i < 1000; ++i) frequent += "x ";
  lines.push_back(frequent + "y y y z");
  const LoadedCorpus c = build_corpus(lines, o);
  const double sample = 1e-3;
  const std::vector<uint32_t> keep = subsample_thresholds(c.vocab, sample);
  const double t = sample * c.vocab.retained_words;  // 1.004
  const double px = (std::sqrt(1000 / t) + 1) * t / 1000;
  CHECK(keep[c.vocab.find("x")] == static_cast<uint32_t>(px * 4294967295.0));
  const double py = std::min(1.0, (std::sqrt(3 / t) + 1) * t / 3);
  CHECK(keep[c.vocab.find("y")] == static_cast<uint32_t>(py * 4294967295.0));
  CHECK(keep[c.vocab.find("z")] == 0xFFFFFFFFu);  // rare words are always kept
  CHECK(subsample_thresholds(c.vocab, 0)[0] == 0xFFFFFFFFu);
}

TEST_CASE("noise table: draws follow counts^0.75 exactly and empirically") {
  const std::vector<int64_t> counts = {1000, 300, 50, 7, 1};
  const NoiseTable t = make_noise_table(counts, 0.75);
  double z = 0;
  for (int64_t c : counts) z += std::pow(static_cast<double>(c), 0.75);
  double total = 0;
  for (int w = 0; w < 5; ++w) {
    const double expected = std::pow(static_cast<double>(counts[w]), 0.75) / z;
    CHECK(t.probability(w) == doctest::Approx(expected).epsilon(1e-6));
    total += t.probability(w);
  }
  CHECK(total == doctest::Approx(1.0).epsilon(1e-9));
  attend::SplitMix64 rng(3);
  std::vector<int> hits(5, 0);
  const int draws = 200000;
  for (int i = 0; i < draws; ++i) ++hits[t.draw(rng.next())];
  for (int w = 0; w < 5; ++w) {
    const double p = t.probability(w);
    const double sd = std::sqrt(p * (1 - p) / draws);
    CHECK(std::fabs(hits[w] / double(draws) - p) < 5 * sd + 1e-6);
  }
}
