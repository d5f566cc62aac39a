// (b) of saddles.h: critical points of random smooth functions in d dimensions.
//
// f(x) = √(2/K) Σₖ aₖ cos(wₖ·x + bₖ) with wₖ ~ N(0, I) and bₖ ~ U(0, 2π) is Rahimi and Recht's random-feature
// approximation of a Gaussian process with covariance exp(−|x − y|²/2) (scaled by aₖ ~ N(0, 1) so the
// amplitude is random too). Its value, gradient and Hessian are closed forms:
//     f = c Σ aₖ cos zₖ,  ∇f = −c Σ aₖ sin zₖ wₖ,  ∇²f = −c Σ aₖ cos zₖ wₖwₖᵀ,  zₖ = wₖ·x + bₖ, c = √(2/K).
#include <Eigen/Core>

#include <cmath>
#include <memory>

#include "core/surface/saddles.h"
#include "core/util/rng.h"

namespace attend::surface {

namespace {

struct CosineField {
  Eigen::MatrixXd w;   // K × d
  Eigen::VectorXd b;   // K
  Eigen::VectorXd a;   // K
  double c = 1;
};

}  // namespace

Objective random_cosine_field(int d, int features, uint64_t seed) {
  auto field = std::make_shared<CosineField>();
  SplitMix64 rng(seed);
  const int K = features;
  field->w.resize(K, d);
  field->b.resize(K);
  field->a.resize(K);
  for (int k = 0; k < K; ++k) {
    for (int j = 0; j < d; ++j) field->w(k, j) = rng.normal();
    field->b(k) = rng.uniform(0, 6.283185307179586);
    field->a(k) = rng.normal();
  }
  field->c = std::sqrt(2.0 / K);
  Objective o;
  o.dim = d;
  o.value_grad = [field, d](const double* x, double* grad) {
    const Eigen::VectorXd z = field->w * Eigen::Map<const Eigen::VectorXd>(x, d) + field->b;
    const double f = field->c * field->a.dot(z.array().cos().matrix());
    if (grad)
      Eigen::Map<Eigen::VectorXd>(grad, d) =
          -field->c * field->w.transpose() * (field->a.array() * z.array().sin()).matrix();
    return f;
  };
  o.hessian = [field, d](const double* x, double* h) {
    const Eigen::VectorXd z = field->w * Eigen::Map<const Eigen::VectorXd>(x, d) + field->b;
    const Eigen::VectorXd s = -field->c * (field->a.array() * z.array().cos()).matrix();
    Eigen::Map<Eigen::MatrixXd>(h, d, d) = field->w.transpose() * s.asDiagonal() * field->w;
  };
  return o;
}

std::vector<RandomFieldRow> random_field_saddles(const RandomFieldOptions& o, JobProgress* job) {
  std::vector<RandomFieldRow> rows;
  set_total(job, o.max_d * o.functions);
  NewtonNDOptions newton;
  newton.max_iterations = 60;
  newton.gradient_tol = 1e-9;
  newton.max_step = 1.0;  // one correlation length
  for (int d = 1; d <= o.max_d; ++d) {
    RandomFieldRow row;
    row.d = d;
    const int K = o.features > 0 ? o.features : 64 + 24 * d;
    for (int fi = 0; fi < o.functions; ++fi) {
      if (cancelled(job)) return rows;
      const uint64_t fseed = o.seed * 1000003ull + static_cast<uint64_t>(d) * 101ull + static_cast<uint64_t>(fi);
      const Objective f = random_cosine_field(d, K, fseed);
      SplitMix64 rng(fseed ^ 0x5DEECE66Dull);
      std::vector<std::vector<double>> found;
      for (int s = 0; s < o.starts; ++s) {
        std::vector<double> x0(d);
        for (double& v : x0) v = rng.uniform(-o.box, o.box);
        std::optional<CriticalND> c = newton_critical_nd(f, x0, newton);
        if (!c) continue;
        // Only points inside the start region: a stationary field has critical points everywhere, and
        // Newton's long jumps would otherwise over-sample whatever lies just outside.
        bool inside = true;
        for (double v : c->x) inside = inside && std::abs(v) <= o.box;
        if (!inside) continue;
        bool seen = false;
        for (const auto& p : found) {
          double dist = 0;
          for (int j = 0; j < d; ++j) dist += (p[j] - c->x[j]) * (p[j] - c->x[j]);
          if (std::sqrt(dist) < 1e-5) seen = true;
        }
        if (seen) continue;
        found.push_back(c->x);
        ++row.critical;
        if (c->zero > 0) ++row.degenerate;
        else if (c->negative == 0) ++row.minima;
        else if (c->negative == d) ++row.maxima;
        else ++row.saddles;
        row.points.push_back({c->f, c->index, c->negative});
      }
      advance(job);
    }
    row.fraction_minima = row.critical > 0 ? static_cast<double>(row.minima) / row.critical : 0.0;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace attend::surface
