#include "core/surface/net_slice.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

namespace attend::surface {

const char* directions_name(SliceDirections d) { return d == SliceDirections::Pca ? "pca" : "random"; }

Points2 net_slice_data(const NetSliceSpec& spec) {
  Points2 p;
  for (const data::Point2& q : data::make_toy2d(spec.dataset, spec.points, spec.noise, spec.data_seed)) {
    p.x.push_back(q.x);
    p.x.push_back(q.y);
    p.y.push_back(q.label);
  }
  return p;
}

void pca_directions(const std::vector<std::vector<float>>& trajectory, const std::vector<float>& center,
                    std::vector<float>* d1, std::vector<float>* d2, double explained[2]) {
  const Eigen::Index T = static_cast<Eigen::Index>(trajectory.size()), P = static_cast<Eigen::Index>(center.size());
  d1->assign(center.size(), 0.0f);
  d2->assign(center.size(), 0.0f);
  explained[0] = explained[1] = 0;
  if (T < 2 || P < 2) return;
  Eigen::MatrixXd M(T, P);  // one row per recorded point, relative to the centre (Li et al. do not subtract a mean)
  for (Eigen::Index t = 0; t < T; ++t)
    for (Eigen::Index k = 0; k < P; ++k) M(t, k) = static_cast<double>(trajectory[t][k]) - center[k];
  // T is small (tens of points) and P may be large: the T×T Gram matrix has the same non-zero spectrum.
  const Eigen::MatrixXd gram = M * M.transpose();
  const double total = gram.trace();
  if (!(total > 0)) return;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(gram);
  const Eigen::VectorXd& lambda = es.eigenvalues();  // ascending
  std::vector<float>* out[2] = {d1, d2};
  for (int k = 0; k < 2; ++k) {
    const Eigen::Index i = T - 1 - k;
    if (!(lambda(i) > total * 1e-12)) break;
    const Eigen::VectorXd d = M.transpose() * es.eigenvectors().col(i) / std::sqrt(lambda(i));
    for (Eigen::Index j = 0; j < P; ++j) (*out[k])[j] = static_cast<float>(d(j));
    explained[k] = lambda(i) / total;
  }
}

NetSliceResult run_net_slice(const NetSliceSpec& spec, JobProgress* job) {
  NetSliceResult r;
  r.spec = spec;
  const Points2 data = net_slice_data(spec);
  const size_t P = parameter_count(spec.shape);
  r.parameters = P;

  // ---- stage 0: training (full batch, the engine's update rule)
  set_stage(job, 0, 3);
  set_total(job, spec.steps);
  std::vector<double> w = playground_init(spec.shape, spec.init_seed), g(P), m(P, 0.0), s(P, 0.0);
  r.initial.assign(w.begin(), w.end());
  optim::Hyper h;
  h.lr = spec.lr;
  std::vector<std::vector<float>> recorded;
  auto record = [&](int step, double loss) {
    recorded.emplace_back(w.begin(), w.end());
    r.trajectory_step.push_back(step);
    r.trajectory_loss.push_back(loss);
  };
  for (int t = 0; t < spec.steps; ++t) {
    if (cancelled(job)) {
      r.cancelled = true;
      return r;
    }
    const double loss = mlp_loss_grad(spec.shape, w.data(), data, g.data());
    r.loss_curve.push_back(loss);
    if (t % std::max(1, spec.record_every) == 0) record(t, loss);
    optim::apply_update<double>(spec.method, h, w.data(), g.data(), m.data(), s.data(), P, t + 1);
    advance(job);
  }
  const double last = mlp_loss_grad(spec.shape, w.data(), data, nullptr);
  r.loss_curve.push_back(last);
  record(spec.steps, last);
  r.trained.assign(w.begin(), w.end());
  r.initial_loss = r.loss_curve.front();
  r.final_loss = last;
  {
    const std::vector<double> w0(r.initial.begin(), r.initial.end());
    r.initial_accuracy = mlp_accuracy(spec.shape, w0.data(), data);
  }
  r.final_accuracy = mlp_accuracy(spec.shape, w.data(), data);
  r.stage = 1;

  // ---- the plane
  SliceModel model;
  model.params = r.trained;
  model.blocks = parameter_blocks(spec.shape);
  auto loss_f = std::make_shared<MlpLossF>(spec.shape, data);
  model.loss = [loss_f](const float* p) { return (*loss_f)(p); };
  if (spec.directions == SliceDirections::Pca) {
    pca_directions(recorded, r.trained, &r.d1, &r.d2, r.explained);
    // Scale each direction so the trajectory spans 80 % of the slice along it.
    std::vector<float>* dirs[2] = {&r.d1, &r.d2};
    for (std::vector<float>* d : dirs) {
      double reach = 0;
      for (const std::vector<float>& theta : recorded) {
        double a = 0;
        for (size_t k = 0; k < P; ++k) a += (static_cast<double>(theta[k]) - r.trained[k]) * (*d)[k];
        reach = std::max(reach, std::abs(a));
      }
      const double scale = reach > 0 ? reach / (0.8 * spec.range) : 1.0;
      for (float& v : *d) v = static_cast<float>(v * scale);
    }
  } else {
    r.d1 = filter_normalised_direction(model, spec.direction_seed);
    r.d2 = filter_normalised_direction(model, spec.direction_seed + 1);
  }
  for (const std::vector<float>& theta : recorded) r.trajectory.push_back(project_to_slice(r.trained, r.d1, r.d2, theta));

  // ---- stage 1: the 2-D slice
  set_stage(job, 1, 3);
  r.slice = loss_slice_2d(model, r.d1, r.d2, spec.n, spec.range, job);
  if (r.slice.cancelled) {
    r.cancelled = true;
    return r;
  }
  r.stage = 2;

  // ---- stage 2: the 1-D interpolation θ₀ → θ*
  set_stage(job, 2, 3);
  r.interpolation = loss_interpolation(model.loss, r.initial, r.trained, spec.interpolation_points, -0.5, 1.5, job);
  if (r.interpolation.cancelled) {
    r.cancelled = true;
    return r;
  }
  r.stage = 3;
  return r;
}

}  // namespace attend::surface
