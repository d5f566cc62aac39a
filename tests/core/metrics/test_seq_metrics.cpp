#include <doctest/doctest.h>

#include <cmath>

#include "core/metrics/seq_metrics.h"

using namespace attend;
using namespace attend::metrics;

TEST_CASE("token accuracy skips ignored rows") {
  tensor::Tensor logits(3, 3);
  logits(0, 2) = 1, logits(1, 0) = 1, logits(2, 1) = 1;
  const TokenAccuracy a = token_accuracy(logits, {2, -1, 0});
  CHECK(a.total == 2);
  CHECK(a.correct == 1);
  CHECK(a.value() == 0.5);
}

TEST_CASE("BLEU: perfect match, hand-computed precisions, brevity penalty, smoothing") {
  const std::vector<int> ref = {1, 2, 3, 4, 5, 6};
  CHECK(bleu({ref}, {ref}).bleu == doctest::Approx(1.0));
  // Candidate 1 2 3 4 9 6 against 1 2 3 4 5 6: 5/6 unigrams, 3/5 bigrams, 2/4 trigrams, 1/3 four-grams.
  const BleuReport r = bleu({{1, 2, 3, 4, 9, 6}}, {ref});
  CHECK(r.precision[0] == doctest::Approx(5.0 / 6));
  CHECK(r.precision[1] == doctest::Approx(3.0 / 5));
  CHECK(r.precision[2] == doctest::Approx(2.0 / 4));
  CHECK(r.precision[3] == doctest::Approx(1.0 / 3));
  CHECK(r.brevity_penalty == 1.0);
  CHECK(r.bleu == doctest::Approx(std::pow(5.0 / 6 * 3.0 / 5 * 2.0 / 4 * 1.0 / 3, 0.25)));
  // Clipping: "the the the" against "the cat" counts one "the".
  CHECK(bleu({{7, 7, 7}}, {{7, 8}}, 1).precision[0] == doctest::Approx(1.0 / 3));
  // A short candidate pays exp(1 − r/c).
  const BleuReport s = bleu({{1, 2, 3}}, {ref}, 1);
  CHECK(s.brevity_penalty == doctest::Approx(std::exp(1 - 6.0 / 3)));
  // No 4-gram match: 0 without smoothing, positive with it.
  CHECK(bleu({{1, 2, 9, 4}}, {{1, 2, 3, 4}}).bleu == 0.0);
  CHECK(bleu({{1, 2, 9, 4}}, {{1, 2, 3, 4}}, 4, true).bleu > 0.0);
  CHECK(exact_match({{1}, {2}}, {{1}, {3}}) == 0.5);
}
