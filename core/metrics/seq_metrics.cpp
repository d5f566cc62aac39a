#include "core/metrics/seq_metrics.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace attend::metrics {

void argmax_rows(const tensor::Tensor& logits, std::vector<int>& out) {
  out.resize(static_cast<size_t>(logits.rows));
  for (int r = 0; r < logits.rows; ++r) {
    const float* row = logits.row(r);
    out[static_cast<size_t>(r)] = static_cast<int>(std::max_element(row, row + logits.cols) - row);
  }
}

TokenAccuracy token_accuracy(const tensor::Tensor& logits, const std::vector<int>& targets, int ignore) {
  ATTEND_ASSERT(targets.size() == static_cast<size_t>(logits.rows), "token_accuracy: one target per row");
  TokenAccuracy a;
  for (int r = 0; r < logits.rows; ++r) {
    const int t = targets[static_cast<size_t>(r)];
    if (t == ignore) continue;
    const float* row = logits.row(r);
    const int pred = static_cast<int>(std::max_element(row, row + logits.cols) - row);
    ++a.total;
    a.correct += pred == t;
  }
  return a;
}

double exact_match(const std::vector<std::vector<int>>& candidates, const std::vector<std::vector<int>>& references) {
  ATTEND_ASSERT(candidates.size() == references.size(), "exact_match: one reference per candidate");
  if (candidates.empty()) return 0;
  int hits = 0;
  for (size_t i = 0; i < candidates.size(); ++i) hits += candidates[i] == references[i];
  return static_cast<double>(hits) / static_cast<double>(candidates.size());
}

BleuReport bleu(const std::vector<std::vector<int>>& candidates, const std::vector<std::vector<int>>& references,
                int max_n, bool smooth) {
  ATTEND_ASSERT(candidates.size() == references.size(), "bleu: one reference per candidate");
  ATTEND_ASSERT(max_n >= 1, "bleu: max_n must be at least 1");
  BleuReport rep;
  std::vector<long> matched(static_cast<size_t>(max_n), 0), total(static_cast<size_t>(max_n), 0);
  for (size_t s = 0; s < candidates.size(); ++s) {
    const std::vector<int>& c = candidates[s];
    const std::vector<int>& r = references[s];
    rep.candidate_length += static_cast<long>(c.size());
    rep.reference_length += static_cast<long>(r.size());
    for (int n = 1; n <= max_n; ++n) {
      std::map<std::vector<int>, int> ref_counts, cand_counts;
      for (size_t i = 0; i + n <= r.size(); ++i) ++ref_counts[std::vector<int>(r.begin() + i, r.begin() + i + n)];
      for (size_t i = 0; i + n <= c.size(); ++i) ++cand_counts[std::vector<int>(c.begin() + i, c.begin() + i + n)];
      for (const auto& [gram, count] : cand_counts) {
        auto it = ref_counts.find(gram);
        matched[static_cast<size_t>(n - 1)] += std::min(count, it == ref_counts.end() ? 0 : it->second);
        total[static_cast<size_t>(n - 1)] += count;
      }
    }
  }
  double log_sum = 0;
  bool zero = false;
  for (int n = 1; n <= max_n; ++n) {
    double num = static_cast<double>(matched[static_cast<size_t>(n - 1)]);
    double den = static_cast<double>(total[static_cast<size_t>(n - 1)]);
    if (smooth && n > 1) num += 1, den += 1;
    const double p = den > 0 ? num / den : 0.0;
    rep.precision.push_back(p);
    if (p <= 0) zero = true;
    else log_sum += std::log(p);
  }
  const double c = static_cast<double>(rep.candidate_length), r = static_cast<double>(rep.reference_length);
  rep.brevity_penalty = c > r ? 1.0 : (c > 0 ? std::exp(1.0 - r / c) : 0.0);
  rep.bleu = zero ? 0.0 : rep.brevity_penalty * std::exp(log_sum / max_n);
  return rep;
}

}  // namespace attend::metrics
