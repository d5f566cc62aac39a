#include "core/tensor/tensor.h"

#include <algorithm>
#include <cmath>

#include "core/util/rng.h"

namespace attend::tensor {

void Tensor::zero() { std::fill(data.begin(), data.end(), 0.f); }
void Tensor::fill(float v) { std::fill(data.begin(), data.end(), v); }

double sum(const Tensor& t) {
  double s = 0;
  for (float v : t.data) s += v;
  return s;
}

double l2_norm(const Tensor& t) {
  double s = 0;
  for (float v : t.data) s += static_cast<double>(v) * v;
  return std::sqrt(s);
}

double max_abs(const Tensor& t) {
  double m = 0;
  for (float v : t.data) m = std::max(m, static_cast<double>(std::fabs(v)));
  return m;
}

double max_abs_diff(const Tensor& a, const Tensor& b) {
  ATTEND_ASSERT(a.same_shape(b), "max_abs_diff: tensors of different shapes");
  double m = 0;
  for (size_t i = 0; i < a.data.size(); ++i)
    m = std::max(m, std::fabs(static_cast<double>(a.data[i]) - b.data[i]));
  return m;
}

void fill_normal(Tensor& t, SplitMix64& rng, float mean, float stddev) {
  for (float& v : t.data) v = static_cast<float>(mean + stddev * rng.normal());
}

void fill_uniform(Tensor& t, SplitMix64& rng, float lo, float hi) {
  for (float& v : t.data) v = static_cast<float>(rng.uniform(lo, hi));
}

void zero_grad(const ParamList& params) {
  for (Parameter* p : params) p->zero_grad();
}

size_t count_elements(const ParamList& params) {
  size_t n = 0;
  for (const Parameter* p : params) n += p->value.size();
  return n;
}

double grad_norm(const ParamList& params) {
  double s = 0;
  for (const Parameter* p : params)
    for (float g : p->grad.data) s += static_cast<double>(g) * g;
  return std::sqrt(s);
}

}  // namespace attend::tensor
