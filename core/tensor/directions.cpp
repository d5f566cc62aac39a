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
    // in×out weights: a filter is a column.
    normalise_filters(d.ptr(), v.ptr(), static_cast<size_t>(v.cols), static_cast<size_t>(v.rows), 1,
                      static_cast<size_t>(v.cols));
  }
}

void normalise_filters(float* d, const float* v, size_t filters, size_t width, size_t filter_stride,
                       size_t element_stride) {
  for (size_t f = 0; f < filters; ++f) {
    double nv = 0, nd = 0;
    for (size_t j = 0; j < width; ++j) {
      const size_t k = f * filter_stride + j * element_stride;
      nv += static_cast<double>(v[k]) * v[k];
      nd += static_cast<double>(d[k]) * d[k];
    }
    const double s = nd > 0 ? std::sqrt(nv / nd) : 0.0;
    for (size_t j = 0; j < width; ++j) {
      const size_t k = f * filter_stride + j * element_stride;
      d[k] = static_cast<float>(d[k] * s);
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
