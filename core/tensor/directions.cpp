#include "core/tensor/directions.h"

#include <cmath>

#include "core/util/rng.h"

namespace attend::tensor {

void filter_normalized_direction(const ParamList& params, SplitMix64& rng, std::vector<Tensor>& out) {
  out.resize(params.size());
  for (size_t k = 0; k < params.size(); ++k) {
    const Tensor& v = params[k]->value;
    Tensor& d = out[k];
    d = Tensor(v.rows, v.cols);
    if (v.rows <= 1) continue;  // a vector: zero direction
    fill_normal(d, rng, 0.f, 1.f);
    for (int c = 0; c < v.cols; ++c) {
      double nv = 0, nd = 0;
      for (int r = 0; r < v.rows; ++r) {
        nv += static_cast<double>(v(r, c)) * v(r, c);
        nd += static_cast<double>(d(r, c)) * d(r, c);
      }
      const double s = nd > 0 ? std::sqrt(nv / nd) : 0.0;
      for (int r = 0; r < v.rows; ++r) d(r, c) = static_cast<float>(d(r, c) * s);
    }
  }
}

std::vector<Tensor> snapshot_values(const ParamList& params) {
  std::vector<Tensor> out;
  out.reserve(params.size());
  for (const Parameter* p : params) out.push_back(p->value);
  return out;
}

void set_along(const ParamList& params, const std::vector<Tensor>& theta, const std::vector<Tensor>& d1, double alpha,
               const std::vector<Tensor>& d2, double beta) {
  ATTEND_ASSERT(theta.size() == params.size() && d1.size() == params.size() && (d2.empty() || d2.size() == params.size()),
                "set_along: theta and directions must match the parameter list");
  for (size_t k = 0; k < params.size(); ++k) {
    Tensor& v = params[k]->value;
    for (size_t i = 0; i < v.size(); ++i) {
      double x = theta[k].data[i] + alpha * d1[k].data[i];
      if (!d2.empty()) x += beta * d2[k].data[i];
      v.data[i] = static_cast<float>(x);
    }
  }
}

}  // namespace attend::tensor
