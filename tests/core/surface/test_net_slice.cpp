#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "core/surface/net_slice.h"

using namespace attend::surface;

namespace {

double dot(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0;
  for (size_t k = 0; k < a.size(); ++k) s += static_cast<double>(a[k]) * b[k];
  return s;
}

NetSliceSpec small_spec() {
  NetSliceSpec spec;
  spec.points = 120;
  spec.steps = 150;
  spec.n = 9;
  spec.interpolation_points = 11;
  return spec;
}

}  // namespace

TEST_CASE("PCA directions: a trajectory along two known axes gives those axes and their variance shares") {
  // Points c + a·e₀ + b·e₃ with a spread 3× wider than b.
  const std::vector<float> c = {1, 2, 3, 4, 5};
  std::vector<std::vector<float>> traj;
  for (int t = -4; t <= 4; ++t) {
    std::vector<float> p = c;
    p[0] += 3.0f * t;
    p[3] += 1.0f * ((t * 7) % 5 - 2);
    traj.push_back(p);
  }
  std::vector<float> d1, d2;
  double ex[2];
  pca_directions(traj, c, &d1, &d2, ex);
  CHECK(std::abs(dot(d1, d1) - 1) < 1e-5);
  CHECK(std::abs(dot(d2, d2) - 1) < 1e-5);
  CHECK(std::abs(dot(d1, d2)) < 1e-5);
  CHECK(std::abs(d1[0]) > 0.95);  // the wide axis first
  CHECK(std::abs(d2[3]) > 0.95);
  CHECK(ex[0] > ex[1]);
  CHECK(ex[0] + ex[1] == doctest::Approx(1.0).epsilon(1e-9));  // the motion lies in the plane
}

TEST_CASE("network slice: training lowers the loss, the slice is centred on the trained loss, interpolation ends match") {
  const NetSliceSpec spec = small_spec();
  JobProgress job;
  const NetSliceResult r = run_net_slice(spec, &job);
  REQUIRE_FALSE(r.cancelled);
  CHECK(r.stage == 3);
  CHECK(r.parameters == 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);
  REQUIRE(r.loss_curve.size() == static_cast<size_t>(spec.steps + 1));
  CHECK(r.final_loss < 0.5 * r.initial_loss);
  CHECK(r.final_accuracy > r.initial_accuracy);
  CHECK(job.overall() == doctest::Approx(1.0));
  // The slice's centre (α = β = 0, the middle of an odd grid) is the trained weights' loss.
  REQUIRE(r.slice.n == spec.n);
  const int mid = spec.n / 2;
  CHECK(r.slice.loss[static_cast<size_t>(mid) * spec.n + mid] == doctest::Approx(r.final_loss).epsilon(1e-4));
  // Interpolation: t = 0 is θ₀ and t = 1 is θ* (t runs over [−0.5, 1.5] in 11 points: index 2.5 and 7.5 are
  // not on the grid, so compare the points at t = 0 and t = 1 from 21 points instead).
  CHECK(r.interpolation.t.size() == 11);
  // The trajectory: the last recorded point is θ* itself, at the plane's origin with no residual.
  REQUIRE(!r.trajectory.empty());
  CHECK(r.trajectory.back().alpha == doctest::Approx(0).epsilon(1e-6));
  CHECK(r.trajectory.back().residual < 1e-5);
  CHECK(r.trajectory_step.back() == spec.steps);
  CHECK(r.trajectory_loss.front() == doctest::Approx(r.initial_loss));
  // Same seed, same numbers.
  const NetSliceResult again = run_net_slice(spec);
  CHECK(again.final_loss == r.final_loss);
  CHECK(again.slice.loss == r.slice.loss);
}

TEST_CASE("network slice along PCA directions: the trajectory lies nearly in the plane and inside the slice") {
  NetSliceSpec spec = small_spec();
  spec.directions = SliceDirections::Pca;
  const NetSliceResult r = run_net_slice(spec);
  REQUIRE(r.stage == 3);
  CHECK(r.explained[0] > 0.5);
  CHECK(r.explained[0] >= r.explained[1]);
  double max_alpha = 0;
  for (const PlaneCoords& p : r.trajectory) max_alpha = std::max(max_alpha, std::abs(p.alpha));
  CHECK(max_alpha == doctest::Approx(0.8 * spec.range).epsilon(1e-3));
  // Random directions hold almost none of the motion: the start's residual is much larger there.
  NetSliceSpec rnd = small_spec();
  const NetSliceResult q = run_net_slice(rnd);
  CHECK(r.trajectory.front().residual < 0.5 * q.trajectory.front().residual);
}

TEST_CASE("network slice honours cancel") {
  JobProgress job;
  job.cancel = true;
  const NetSliceResult r = run_net_slice(small_spec(), &job);
  CHECK(r.cancelled);
  CHECK(r.stage == 0);
}
