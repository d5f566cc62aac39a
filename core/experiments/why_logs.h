// Why we work with logarithms (topic 26), shown with the real floating-point values a computer produces,
// including the 0, inf and NaN that the naive formulas end in:
//   - product_underflow: the likelihood of n independent events of probability p, multiplied out in float32
//     and float64, reaches exactly 0 (float32 near n·log10(1/p) ≈ 45, float64 near 324); the sum of logs stays
//     an ordinary number, and log turns the product into that sum.
//   - softmax_overflow: softmax of large logits computed naively (exp overflows to inf, inf/inf is NaN)
//     and with the max subtracted first (the same values, computed safely); log-sum-exp both ways.
#pragma once

#include <vector>

namespace attend::experiments {

struct ProductUnderflow {
  std::vector<double> probabilities;  // the factors, in order
  std::vector<float> product_f32;     // running product after k+1 factors, float32 all the way
  std::vector<double> product_f64;
  std::vector<double> log_sum;        // running Σ log p (natural log)
  std::vector<float> log_sum_f32;
  int first_zero_f32 = -1;            // first k where the running product is exactly 0 (−1: never)
  int first_zero_f64 = -1;
  int first_subnormal_f32 = -1;       // precision starts to go before the product reaches 0
  int first_subnormal_f64 = -1;
};
ProductUnderflow product_underflow(const std::vector<double>& probabilities);
// n copies of p.
ProductUnderflow product_underflow(double p, int n);

struct SoftmaxOverflow {
  std::vector<double> logits;
  std::vector<float> exp_f32;          // exp(z) in float32: inf once z > 88.7
  std::vector<double> exp_f64;         // inf once z > 709.8
  std::vector<float> naive_f32;        // exp(z)/Σexp(z) in float32
  std::vector<double> naive_f64;
  std::vector<float> stable_f32;       // exp(z − max)/Σexp(z − max)
  std::vector<double> stable_f64;
  float lse_naive_f32 = 0, lse_stable_f32 = 0;    // log Σ exp(z)
  double lse_naive_f64 = 0, lse_stable_f64 = 0;
  int nan_naive_f32 = 0, nan_naive_f64 = 0;       // how many naive outputs are NaN
};
SoftmaxOverflow softmax_overflow(const std::vector<double>& logits);

}  // namespace attend::experiments
