// Metrics for generated sequences: token accuracy from logits, exact-match rate, and BLEU.
//
// BLEU (Papineni et al. 2002), corpus level: for n = 1..N the clipped n-gram precision
//   p_n = Σ_candidates Σ_ngrams min(count in candidate, count in reference) / Σ candidate n-grams,
// the brevity penalty BP = 1 if c > r else exp(1 − r/c) (c, r: total candidate and reference lengths),
// and BLEU = BP · exp(Σ_n log p_n / N). Without smoothing any p_n = 0 gives 0; with smoothing, numerator
// and denominator of p_n for n > 1 get +1 (Lin & Och 2004), which suits single short sentences.
#pragma once

#include <vector>

#include "core/tensor/tensor.h"

namespace attend::metrics {

struct TokenAccuracy {
  int correct = 0;
  int total = 0;
  double value() const { return total > 0 ? static_cast<double>(correct) / total : 0.0; }
};
// Arg-max of each row of logits against targets; rows whose target is `ignore` are skipped.
TokenAccuracy token_accuracy(const tensor::Tensor& logits, const std::vector<int>& targets, int ignore = -1);
// Row-wise arg-max of logits (ties: the lowest id).
void argmax_rows(const tensor::Tensor& logits, std::vector<int>& out);

// Fraction of candidates equal to their reference.
double exact_match(const std::vector<std::vector<int>>& candidates, const std::vector<std::vector<int>>& references);

struct BleuReport {
  double bleu = 0;
  double brevity_penalty = 0;
  std::vector<double> precision;   // p_1..p_N
  long candidate_length = 0, reference_length = 0;
};
BleuReport bleu(const std::vector<std::vector<int>>& candidates, const std::vector<std::vector<int>>& references,
                int max_n = 4, bool smooth = false);

}  // namespace attend::metrics
