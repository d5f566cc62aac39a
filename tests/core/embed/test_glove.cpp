#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/embed/glove.h"
#include "core/embed/worker_pool.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::embed;

TEST_CASE("GloVe: the entry loss's gradients match finite differences, below and above x_max") {
  SplitMix64 rng(1);
  const int dim = 6;
  GloveOptions o;
  for (double x : {3.0, 250.0}) {
    std::vector<float> w(dim), wc(dim);
    for (float& v : w) v = static_cast<float>(rng.normal() * 0.3);
    for (float& v : wc) v = static_cast<float>(rng.normal() * 0.3);
    float b = 0.1f, bc = -0.2f;
    std::vector<float> gw(dim), gwc(dim);
    float gb = 0, gbc = 0;
    glove_entry_loss(w.data(), wc.data(), b, bc, x, dim, o, gw.data(), gwc.data(), &gb, &gbc);
    auto loss = [&] { return glove_entry_loss(w.data(), wc.data(), b, bc, x, dim, o); };
    const float h = 1e-3f;
    auto fd = [&](float& p) {
      const float keep = p;
      p = keep + h;
      const double lp = loss();
      p = keep - h;
      const double lm = loss();
      p = keep;
      return (lp - lm) / (2 * h);
    };
    for (int d = 0; d < dim; ++d) {
      CHECK(gw[d] == doctest::Approx(fd(w[d])).epsilon(1e-3).scale(1e-3));
      CHECK(gwc[d] == doctest::Approx(fd(wc[d])).epsilon(1e-3).scale(1e-3));
    }
    CHECK(gb == doctest::Approx(fd(b)).epsilon(1e-3).scale(1e-3));
    CHECK(gbc == doctest::Approx(fd(bc)).epsilon(1e-3).scale(1e-3));
    // f(x) = (x / x_max)^0.75 below x_max, 1 above.
    const double diff_loss = loss();
    double dot = 0;
    for (int d = 0; d < dim; ++d) dot += w[d] * wc[d];
    const double diff = dot + b + bc - std::log(x);
    const double f = x < 100 ? std::pow(x / 100, 0.75) : 1.0;
    CHECK(diff_loss == doctest::Approx(0.5 * f * diff * diff));
  }
}

TEST_CASE("GloVe: one AdaGrad step follows glove.c, and epochs drive the cost down") {
  // A 2x2 matrix with one entry: the step can be computed by hand.
  const SparseMatrix one = SparseMatrix::from_dense({0, 5, 0, 0}, 2, 2);
  GloveOptions o;
  o.dim = 3;
  GloveModel g = glove_init(one, o);
  REQUIRE(g.row.size() == 1);
  const std::vector<float> w0(g.w.begin(), g.w.begin() + 3), wc0(g.wc.begin() + 3, g.wc.begin() + 6);
  const float b0 = g.b[0], bc0 = g.bc[1];
  double dot = 0;
  for (int d = 0; d < 3; ++d) dot += w0[d] * wc0[d];
  const double diff = dot + b0 + bc0 - std::log(5.0);
  const double fdiff = std::pow(0.05, 0.75) * diff * o.learning_rate;
  const double cost = glove_epoch(g);
  CHECK(cost == doctest::Approx(0.5 * std::pow(0.05, 0.75) * diff * diff).epsilon(1e-5));
  for (int d = 0; d < 3; ++d) {
    CHECK(g.w[d] == doctest::Approx(w0[d] - fdiff * wc0[d]).epsilon(1e-5));  // accumulators start at 1
    CHECK(g.gw[d] == doctest::Approx(1 + fdiff * wc0[d] * fdiff * wc0[d]).epsilon(1e-5));
  }
  CHECK(g.b[0] == doctest::Approx(b0 - fdiff).epsilon(1e-5));

  // A random symmetric count matrix: the mean cost falls over epochs, also with two threads.
  SplitMix64 rng(7);
  const int v = 40;
  std::vector<float> dense(v * v, 0.0f);
  for (int i = 0; i < v; ++i)
    for (int j = 0; j <= i; ++j)
      if (rng.uniform() < 0.3) dense[i * v + j] = dense[j * v + i] = static_cast<float>(1 + rng.below(200));
  GloveModel big = glove_init(SparseMatrix::from_dense(dense, v, v), GloveOptions{});
  WorkerPool pool(2);
  const double first = glove_epoch(big, &pool);
  double last = first;
  for (int e = 0; e < 30; ++e) last = glove_epoch(big, &pool);
  CHECK(last < 0.5 * first);
  CHECK(big.epoch == 31);
}
