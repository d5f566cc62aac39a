#include "core/experiments/why_logs.h"

#include <algorithm>
#include <cmath>

namespace attend::experiments {

ProductUnderflow product_underflow(const std::vector<double>& probabilities) {
  ProductUnderflow r;
  r.probabilities = probabilities;
  float pf = 1.0f;
  double pd = 1.0, ls = 0.0;
  float lsf = 0.0f;
  for (size_t k = 0; k < probabilities.size(); ++k) {
    const double p = probabilities[k];
    pf *= static_cast<float>(p);
    pd *= p;
    ls += std::log(p);
    lsf += std::log(static_cast<float>(p));
    r.product_f32.push_back(pf);
    r.product_f64.push_back(pd);
    r.log_sum.push_back(ls);
    r.log_sum_f32.push_back(lsf);
    const int ki = static_cast<int>(k);
    if (r.first_zero_f32 < 0 && pf == 0.0f) r.first_zero_f32 = ki;
    if (r.first_zero_f64 < 0 && pd == 0.0) r.first_zero_f64 = ki;
    if (r.first_subnormal_f32 < 0 && std::fpclassify(pf) == FP_SUBNORMAL) r.first_subnormal_f32 = ki;
    if (r.first_subnormal_f64 < 0 && std::fpclassify(pd) == FP_SUBNORMAL) r.first_subnormal_f64 = ki;
  }
  return r;
}

ProductUnderflow product_underflow(double p, int n) {
  return product_underflow(std::vector<double>(static_cast<size_t>(std::max(0, n)), p));
}

SoftmaxOverflow softmax_overflow(const std::vector<double>& logits) {
  SoftmaxOverflow r;
  r.logits = logits;
  if (logits.empty()) return r;
  const size_t n = logits.size();
  float sf = 0.0f;
  double sd = 0.0;
  for (double z : logits) {
    const float ef = std::exp(static_cast<float>(z));
    const double ed = std::exp(z);
    r.exp_f32.push_back(ef);
    r.exp_f64.push_back(ed);
    sf += ef;
    sd += ed;
  }
  for (size_t i = 0; i < n; ++i) {
    r.naive_f32.push_back(r.exp_f32[i] / sf);
    r.naive_f64.push_back(r.exp_f64[i] / sd);
    r.nan_naive_f32 += std::isnan(r.naive_f32.back());
    r.nan_naive_f64 += std::isnan(r.naive_f64.back());
  }
  r.lse_naive_f32 = std::log(sf);
  r.lse_naive_f64 = std::log(sd);
  const double m = *std::max_element(logits.begin(), logits.end());
  const float mf = static_cast<float>(m);
  float tf = 0.0f;
  double td = 0.0;
  std::vector<float> ef(n);
  std::vector<double> ed(n);
  for (size_t i = 0; i < n; ++i) {
    ef[i] = std::exp(static_cast<float>(logits[i]) - mf);
    ed[i] = std::exp(logits[i] - m);
    tf += ef[i];
    td += ed[i];
  }
  for (size_t i = 0; i < n; ++i) {
    r.stable_f32.push_back(ef[i] / tf);
    r.stable_f64.push_back(ed[i] / td);
  }
  r.lse_stable_f32 = mf + std::log(tf);
  r.lse_stable_f64 = m + std::log(td);
  return r;
}

}  // namespace attend::experiments
