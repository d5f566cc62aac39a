#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/surface/slice.h"
#include "core/nn/playground_net.h"
#include "core/surface/small_mlp.h"
#include "core/util/rng.h"

using namespace attend::surface;

namespace {

// A model whose loss is ½‖θ‖²: every slice has a closed form.
SliceModel quadratic_model() {
  SliceModel m;
  m.params = {1.0f, -2.0f, 0.5f, 3.0f, 0.25f, -1.0f, 2.0f};
  m.blocks = {{"W", 0, 2, 2, false}, {"b", 4, 3, 1, true}};
  m.loss = [](const float* p) {
    double s = 0;
    for (int k = 0; k < 7; ++k) s += 0.5 * p[k] * p[k];
    return s;
  };
  return m;
}

double dotf(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0;
  for (size_t k = 0; k < a.size(); ++k) s += static_cast<double>(a[k]) * b[k];
  return s;
}

Points2 xor_points() {
  Points2 d;
  const double pts[8][3] = {{1, 1, -1}, {-1, -1, -1}, {1, -1, 1}, {-1, 1, 1}, {0.5, 0.7, -1}, {-0.6, -0.4, -1}, {0.7, -0.5, 1}, {-0.4, 0.6, 1}};
  for (const auto& p : pts) {
    d.x.push_back(p[0]);
    d.x.push_back(p[1]);
    d.y.push_back(p[2]);
  }
  return d;
}

}  // namespace

TEST_CASE("filter-normalised directions: each filter (row) has the norm of the weights' row, biases zero") {
  const SliceModel m = quadratic_model();
  const std::vector<float> d = filter_normalised_direction(m, 3);
  // W rows (1, −2) and (0.5, 3).
  CHECK(std::hypot(d[0], d[1]) == doctest::Approx(std::hypot(1.0, -2.0)).epsilon(1e-6));
  CHECK(std::hypot(d[2], d[3]) == doctest::Approx(std::hypot(0.5, 3.0)).epsilon(1e-6));
  CHECK(d[4] == 0.0f);
  CHECK(d[5] == 0.0f);
  CHECK(d[6] == 0.0f);
  const std::vector<float> n = filter_normalised_direction(m, 3, VectorDirection::Normalise);
  CHECK(std::sqrt(n[4] * n[4] + n[5] * n[5] + n[6] * n[6]) == doctest::Approx(std::sqrt(0.0625 + 1 + 4)).epsilon(1e-6));
  CHECK(filter_normalised_direction(m, 3) == d);  // same seed, same direction
  CHECK(filter_normalised_direction(m, 4) != d);
}

TEST_CASE("a 2-D slice of ½‖θ‖² matches its closed form, laid out as a mesh (row j at β_j)") {
  const SliceModel m = quadratic_model();
  const std::vector<float> d1 = filter_normalised_direction(m, 1, VectorDirection::Normalise);
  const std::vector<float> d2 = filter_normalised_direction(m, 2, VectorDirection::Normalise);
  JobProgress job;
  const Slice2D s = loss_slice_2d(m, d1, d2, 9, 2.0, &job);
  CHECK(s.n == 9);
  CHECK(s.rows_done == 9);
  CHECK(!s.cancelled);
  CHECK(job.done == 9);
  CHECK(s.box.x0 == -2.0);
  CHECK(s.center_loss == doctest::Approx(m.loss(m.params.data())));
  const double c = dotf(m.params, m.params), c1 = dotf(m.params, d1), c2 = dotf(m.params, d2);
  const double a11 = dotf(d1, d1), a22 = dotf(d2, d2), a12 = dotf(d1, d2);
  for (int j = 0; j < 9; ++j)
    for (int i = 0; i < 9; ++i) {
      const double a = -2.0 + 0.5 * i, b = -2.0 + 0.5 * j;
      const double expect = 0.5 * (c + 2 * a * c1 + 2 * b * c2 + a * a * a11 + b * b * a22 + 2 * a * b * a12);
      CHECK(s.loss[j * 9 + i] == doctest::Approx(expect).epsilon(1e-5));
    }
}

TEST_CASE("a slice stops at the next row when cancelled and keeps the rows it has") {
  SliceModel m = quadratic_model();
  JobProgress job;
  int calls = 0;
  auto inner = m.loss;
  m.loss = [&](const float* p) {
    if (++calls == 25) job.cancel = true;  // during row 3 of a 10-wide slice
    return inner(p);
  };
  const std::vector<float> d1 = filter_normalised_direction(m, 1), d2 = filter_normalised_direction(m, 2);
  const Slice2D s = loss_slice_2d(m, d1, d2, 10, 1.0, &job);
  CHECK(s.cancelled);
  CHECK(s.rows_done == 3);
  CHECK(std::isfinite(s.loss[29]));
  CHECK(std::isnan(s.loss[30]));
}

TEST_CASE("1-D interpolation from initial to trained weights passes through both ends") {
  const SliceModel m = quadratic_model();
  std::vector<float> from(7, 0.0f);
  const Slice1D s = loss_interpolation(m.loss, from, m.params, 21, -0.5, 1.5);
  REQUIRE(s.t.size() == 21);
  CHECK(s.t[5] == doctest::Approx(0.0));
  CHECK(s.loss[5] == doctest::Approx(0.0));
  CHECK(s.t[15] == doctest::Approx(1.0));
  CHECK(s.loss[15] == doctest::Approx(m.loss(m.params.data())));
  // ½‖tθ‖² = t²·L(θ).
  CHECK(s.loss[0] == doctest::Approx(0.25 * m.loss(m.params.data())));
}

TEST_CASE("projecting a point onto the slice plane recovers its coordinates and distance") {
  const SliceModel m = quadratic_model();
  const std::vector<float> d1 = filter_normalised_direction(m, 1, VectorDirection::Normalise);
  const std::vector<float> d2 = filter_normalised_direction(m, 2, VectorDirection::Normalise);
  std::vector<float> theta(7);
  for (size_t k = 0; k < 7; ++k) theta[k] = m.params[k] + 0.3f * d1[k] - 0.7f * d2[k];
  PlaneCoords pc = project_to_slice(m.params, d1, d2, theta);
  CHECK(pc.alpha == doctest::Approx(0.3).epsilon(1e-5));
  CHECK(pc.beta == doctest::Approx(-0.7).epsilon(1e-5));
  CHECK(pc.residual < 1e-3);
}

TEST_CASE("the small MLP: layout, a hand-computed forward pass, and the gradient against finite differences") {
  MlpShape shape;
  shape.sizes = {2, 2, 1};
  CHECK(parameter_count(shape) == 9);
  const auto blocks = parameter_blocks(shape);
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[1].offset == 4);
  CHECK(blocks[2].offset == 6);
  CHECK(blocks[3].is_vector);
  // One point (1, 2) with target 0.5; W1 = [[0.1, 0.2], [−0.3, 0.4]], b1 = (0, 0.1), W2 = (0.5, −0.6), b2 = 0.2.
  const std::vector<double> p = {0.1, 0.2, -0.3, 0.4, 0.0, 0.1, 0.5, -0.6, 0.2};
  Points2 one;
  one.x = {1, 2};
  one.y = {0.5};
  const double h1 = std::tanh(0.5), h2 = std::tanh(0.6);
  const double out = std::tanh(0.5 * h1 - 0.6 * h2 + 0.2);
  CHECK(mlp_loss_grad(shape, p.data(), one, nullptr) == doctest::Approx(0.5 * (out - 0.5) * (out - 0.5)));

  MlpShape net;  // the playground's 2→8→8→1
  const Points2 data = xor_points();
  const std::vector<double> w = playground_init(net, 42);
  std::vector<double> g(w.size());
  mlp_loss_grad(net, w.data(), data, g.data());
  double worst = 0;
  for (size_t k = 0; k < w.size(); ++k) {
    std::vector<double> wp = w, wm = w;
    wp[k] += 1e-6;
    wm[k] -= 1e-6;
    const double fd = (mlp_loss_grad(net, wp.data(), data, nullptr) - mlp_loss_grad(net, wm.data(), data, nullptr)) / 2e-6;
    worst = std::max(worst, std::abs(fd - g[k]));
  }
  INFO("max |backprop − central difference| = ", worst);
  CHECK(worst < 1e-8);
  // The engine's playground net (float, core/nn) at the same weights computes the same loss and accuracy.
  attend::nn::PlaygroundConfig cfg;
  attend::SplitMix64 rng(42);
  attend::nn::PlaygroundNet engine = attend::nn::make_playground_net(cfg, rng);
  std::vector<float> wf(attend::nn::parameter_count(engine));
  attend::nn::get_parameters(engine, wf.data());
  REQUIRE(wf.size() == w.size());
  for (size_t k = 0; k < w.size(); ++k) CHECK(wf[k] == static_cast<float>(w[k]));  // the same initialisation
  const std::vector<float> xy(data.x.begin(), data.x.end()), labels(data.y.begin(), data.y.end());
  attend::nn::PlaygroundWorkspace ws;
  const attend::nn::PlaygroundEval e = attend::nn::evaluate(engine, xy.data(), labels.data(), static_cast<int>(data.size()), ws);
  CHECK(e.loss == doctest::Approx(mlp_loss_grad(net, w.data(), data, nullptr)).epsilon(1e-5));
  CHECK(e.accuracy == doctest::Approx(mlp_accuracy(net, w.data(), data)));
}

TEST_CASE("the playground net reproduces the peer's run B on the spiral (when ../shared is present)") {
  const char* shared = std::getenv("ATTEND_SHARED_DIR");
  const std::string path = std::string(shared ? shared : ATTEND_SHARED_DIR_DEFAULT) + "/bench/data/spiral_500.csv";
  std::ifstream in(path);
  if (!in) {
    MESSAGE("skipped: no " << path);
    return;
  }
  Points2 data;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream row(line);
    double x, y, l;
    char c;
    row >> x >> c >> y >> c >> l;
    data.x.push_back(x);
    data.x.push_back(y);
    data.y.push_back(l);
  }
  REQUIRE(data.size() == 500);
  MlpShape net;
  std::vector<double> w = playground_init(net, 42), g(w.size());
  for (int step = 0; step < 1000; ++step) {
    mlp_loss_grad(net, w.data(), data, g.data());
    for (size_t k = 0; k < w.size(); ++k) w[k] -= 0.03 * g[k];
  }
  // ../shared/bench/README.md: after B, loss 0.472946 and accuracy 0.574 (fp32 and fp64 agree to 6 decimals).
  CHECK(mlp_loss_grad(net, w.data(), data, nullptr) == doctest::Approx(0.472946).epsilon(2e-6));
  CHECK(mlp_accuracy(net, w.data(), data) == doctest::Approx(0.574));
}
