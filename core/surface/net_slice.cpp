#include "core/surface/net_slice.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::surface {

const char* directions_name(SliceDirections d) { return d == SliceDirections::Pca ? "pca" : "random"; }

PlaygroundData net_slice_data(const NetSliceSpec& spec) {
  PlaygroundData p;
  for (const data::Point2& q : data::make_toy2d(spec.dataset, spec.points, spec.noise, spec.data_seed)) {
    p.xy.push_back(static_cast<float>(q.x));
    p.xy.push_back(static_cast<float>(q.y));
    p.labels.push_back(static_cast<float>(q.label));
  }
  return p;
}

std::vector<ParamBlock> playground_blocks(const nn::PlaygroundNet& net) {
  std::vector<ParamBlock> blocks;
  size_t offset = 0;
  for (int l = 0; l < net.layers; ++l) {
    const size_t out = static_cast<size_t>(net.width[l + 1]), in = static_cast<size_t>(net.width[l]);
    blocks.push_back({"w" + std::to_string(l + 1), offset, out, in, false});
    offset += out * in;
    blocks.push_back({"b" + std::to_string(l + 1), offset, out, 1, true});
    offset += out;
  }
  ATTEND_ASSERT(offset == nn::parameter_count(net), "playground_blocks: the layout must tile the parameters");
  return blocks;
}

SliceModel playground_slice_model(const nn::PlaygroundNet& net, const PlaygroundData& data) {
  struct Eval {
    nn::PlaygroundNet net;
    PlaygroundData data;
    nn::PlaygroundWorkspace ws;
  };
  auto e = std::make_shared<Eval>();
  e->net = net;
  e->data = data;
  SliceModel m;
  m.params.resize(nn::parameter_count(net));
  nn::get_parameters(net, m.params.data());
  m.blocks = playground_blocks(net);
  m.loss = [e](const float* p) {
    nn::set_parameters(e->net, p);
    return nn::evaluate(e->net, e->data.xy.data(), e->data.labels.data(), e->data.size(), e->ws).loss;
  };
  return m;
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
  const PlaygroundData data = net_slice_data(spec);
  SplitMix64 rng(spec.init_seed);
  nn::PlaygroundNet net = nn::make_playground_net(spec.net, rng);
  auto ws = std::make_unique<nn::PlaygroundWorkspace>();
  const size_t P = nn::parameter_count(net);
  r.parameters = P;

  // ---- stage 0: training (full batch; the step is the engine's update rule on the flat parameters)
  set_stage(job, 0, 3);
  set_total(job, spec.steps);
  std::vector<float> w(P), g(P), m(P, 0.0f), s(P, 0.0f);
  nn::get_parameters(net, w.data());
  r.initial = w;
  r.initial_accuracy = nn::evaluate(net, data.xy.data(), data.labels.data(), data.size(), *ws).accuracy;
  optim::Hyper h;
  h.lr = spec.lr;
  std::vector<std::vector<float>> recorded;
  auto record = [&](int step, double loss) {
    recorded.push_back(w);
    r.trajectory_step.push_back(step);
    r.trajectory_loss.push_back(loss);
  };
  for (int t = 0; t < spec.steps; ++t) {
    if (cancelled(job)) {
      r.cancelled = true;
      return r;
    }
    const double loss = nn::compute_gradients(net, data.xy.data(), data.labels.data(), data.size(), *ws);
    r.loss_curve.push_back(loss);
    if (t % std::max(1, spec.record_every) == 0) record(t, loss);
    nn::get_gradients(net, g.data());
    optim::apply_update<float>(spec.method, h, w.data(), g.data(), m.data(), s.data(), P, t + 1);
    nn::set_parameters(net, w.data());
    advance(job);
  }
  const nn::PlaygroundEval last = nn::evaluate(net, data.xy.data(), data.labels.data(), data.size(), *ws);
  r.loss_curve.push_back(last.loss);
  record(spec.steps, last.loss);
  r.trained = w;
  r.initial_loss = r.loss_curve.front();
  r.final_loss = last.loss;
  r.final_accuracy = last.accuracy;
  r.stage = 1;

  // ---- the plane
  const SliceModel model = playground_slice_model(net, data);
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
