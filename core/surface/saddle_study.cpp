#include "core/surface/saddle_study.h"

#include <cmath>

#include "core/data/toy2d.h"

namespace attend::surface {

Points2 saddle_study_net_data(const SaddleStudySpec& spec) {
  Points2 p;
  // Playground's XOR places points in the four quadrants with labels sign(x·y); its coordinates span ±5, so
  // they are scaled to ±1 where tanh units are not saturated at the start.
  for (const data::Point2& q : data::make_toy2d(data::Toy2DKind::Xor, spec.net_points, 0.0, spec.net_seed)) {
    p.x.push_back(q.x / 5);
    p.x.push_back(q.y / 5);
    p.y.push_back(0.8 * q.label);
  }
  return p;
}

SaddleStudy run_saddle_study(const SaddleStudySpec& spec, JobProgress* job) {
  SaddleStudy s;
  set_stage(job, 0, 3);
  s.goe = goe_minima_fraction(spec.goe, job);
  if (cancelled(job)) {
    s.cancelled = true;
    return s;
  }
  for (int d = 1; d <= spec.exact_max_d; ++d) s.exact.push_back(goe_positive_probability(d));
  s.stage = 1;

  set_stage(job, 1, 3);
  s.field = random_field_saddles(spec.field, job);
  if (cancelled(job)) {
    s.cancelled = true;
    return s;
  }
  s.stage = 2;

  set_stage(job, 2, 3);
  const Points2 data = saddle_study_net_data(spec);
  std::vector<double> w = playground_init(spec.net_shape, spec.net_seed), g(w.size());
  for (int t = 0; t < spec.net_train_steps; ++t) {
    mlp_loss_grad(spec.net_shape, w.data(), data, g.data());
    for (size_t k = 0; k < w.size(); ++k) w[k] -= spec.net_lr * g[k];
  }
  s.net_trained_loss = mlp_loss_grad(spec.net_shape, w.data(), data, nullptr);
  s.net_parameters = static_cast<int>(w.size());
  s.net = network_critical_points(mlp_objective(spec.net_shape, data), w, spec.net, job);
  if (s.net.cancelled) {
    s.cancelled = true;
    return s;
  }
  s.stage = 3;
  return s;
}

}  // namespace attend::surface
