#include "core/surface/slice.h"

#include <cmath>
#include <limits>

#include "core/tensor/directions.h"
#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::surface {

std::vector<float> filter_normalised_direction(const SliceModel& model, uint64_t seed, VectorDirection vectors) {
  SplitMix64 rng(seed);
  std::vector<float> d(model.params.size(), 0.0f);
  for (float& v : d) v = static_cast<float>(rng.normal());
  for (const ParamBlock& b : model.blocks) {
    ATTEND_ASSERT(b.offset + b.rows * b.cols <= d.size(), "a parameter block runs past the end of the parameters");
    if (b.is_vector && vectors == VectorDirection::Zero) {
      for (size_t k = 0; k < b.rows * b.cols; ++k) d[b.offset + k] = 0.0f;
      continue;
    }
    // A vector block is one filter; a matrix block has one filter per row (the weights into one unit).
    if (b.is_vector)
      tensor::normalise_filters(d.data() + b.offset, model.params.data() + b.offset, 1, b.rows * b.cols, 0, 1);
    else
      tensor::normalise_filters(d.data() + b.offset, model.params.data() + b.offset, b.rows, b.cols, b.cols, 1);
  }
  return d;
}

Slice2D loss_slice_2d(const SliceModel& model, const std::vector<float>& d1, const std::vector<float>& d2, int n,
                      double range, JobProgress* job) {
  ATTEND_ASSERT(n >= 2 && range > 0, "a slice needs n ≥ 2 and range > 0");
  ATTEND_ASSERT(d1.size() == model.params.size() && d2.size() == model.params.size(),
                "slice directions must have the model's parameter count");
  Slice2D s;
  s.n = n;
  s.box = Box{-range, range, -range, range};
  s.loss.assign(static_cast<size_t>(n) * n, std::numeric_limits<double>::quiet_NaN());
  set_total(job, n);
  const size_t P = model.params.size();
  const float* c = model.params.data();
  std::vector<float> theta(P), row_base(P);
  for (int j = 0; j < n; ++j) {
    if (cancelled(job)) {
      s.cancelled = true;
      break;
    }
    const float beta = static_cast<float>(-range + 2.0 * range * j / (n - 1));
    for (size_t k = 0; k < P; ++k) row_base[k] = c[k] + beta * d2[k];
    for (int i = 0; i < n; ++i) {
      const float alpha = static_cast<float>(-range + 2.0 * range * i / (n - 1));
      for (size_t k = 0; k < P; ++k) theta[k] = row_base[k] + alpha * d1[k];
      s.loss[static_cast<size_t>(j) * n + i] = model.loss(theta.data());
    }
    ++s.rows_done;
    advance(job);
  }
  s.center_loss = model.loss(c);
  return s;
}

Slice1D loss_interpolation(const std::function<double(const float*)>& loss, const std::vector<float>& from,
                           const std::vector<float>& to, int n, double t0, double t1, JobProgress* job) {
  ATTEND_ASSERT(n >= 2 && from.size() == to.size(), "interpolation needs n ≥ 2 and two parameter vectors of one size");
  Slice1D s;
  set_total(job, n);
  std::vector<float> theta(from.size());
  for (int i = 0; i < n; ++i) {
    if (cancelled(job)) {
      s.cancelled = true;
      break;
    }
    const double t = t0 + (t1 - t0) * i / (n - 1);
    const float a = static_cast<float>(1 - t), b = static_cast<float>(t);
    for (size_t k = 0; k < theta.size(); ++k) theta[k] = a * from[k] + b * to[k];
    s.t.push_back(t);
    s.loss.push_back(loss(theta.data()));
    advance(job);
  }
  return s;
}

PlaneCoords project_to_slice(const std::vector<float>& center, const std::vector<float>& d1, const std::vector<float>& d2,
                             const std::vector<float>& theta) {
  ATTEND_ASSERT(center.size() == d1.size() && d1.size() == d2.size() && d2.size() == theta.size(),
                "projection needs vectors of one size");
  // Normal equations of min ‖r − α d1 − β d2‖ with r = θ − θ*.
  double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0, rr = 0;
  for (size_t k = 0; k < theta.size(); ++k) {
    const double r = static_cast<double>(theta[k]) - center[k];
    a11 += static_cast<double>(d1[k]) * d1[k];
    a12 += static_cast<double>(d1[k]) * d2[k];
    a22 += static_cast<double>(d2[k]) * d2[k];
    b1 += r * d1[k];
    b2 += r * d2[k];
    rr += r * r;
  }
  PlaneCoords pc;
  const double det = a11 * a22 - a12 * a12;
  if (det > 1e-300) {
    pc.alpha = (a22 * b1 - a12 * b2) / det;
    pc.beta = (a11 * b2 - a12 * b1) / det;
  }
  // ‖r‖² − (α b1 + β b2) is the squared distance to the plane for the least-squares solution.
  pc.residual = std::sqrt(std::max(0.0, rr - (pc.alpha * b1 + pc.beta * b2)));
  return pc;
}

}  // namespace attend::surface
