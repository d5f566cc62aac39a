#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/embed/tsne.h"
#include "core/embed/worker_pool.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::embed;

namespace {

// Gaussian clusters: `clusters` centres in [-10, 10]^dim, `per` points each with unit spread.
std::vector<double> blobs(int clusters, int per, int dim, uint64_t seed, std::vector<int>* labels = nullptr) {
  SplitMix64 rng(seed);
  std::vector<double> centres(static_cast<size_t>(clusters) * dim);
  for (double& c : centres) c = rng.uniform(-10, 10);
  std::vector<double> x;
  for (int p = 0; p < per; ++p)
    for (int c = 0; c < clusters; ++c) {
      for (int d = 0; d < dim; ++d) x.push_back(centres[static_cast<size_t>(c) * dim + d] + rng.normal());
      if (labels) labels->push_back(c);
    }
  return x;
}

double purity10(const std::vector<float>& y, int dims, const std::vector<int>& label) {
  const int n = static_cast<int>(label.size());
  int same = 0;
  for (int i = 0; i < n; ++i) {
    std::vector<std::pair<float, int>> d;
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      float s = 0;
      for (int c = 0; c < dims; ++c) s += (y[i * dims + c] - y[j * dims + c]) * (y[i * dims + c] - y[j * dims + c]);
      d.push_back({s, j});
    }
    std::partial_sort(d.begin(), d.begin() + 10, d.end());
    for (int k = 0; k < 10; ++k) same += label[d[k].second] == label[i];
  }
  return same / (10.0 * n);
}

}  // namespace

TEST_CASE("t-SNE: each point's conditional distribution has the requested perplexity") {
  const int n = 300, dim = 5;
  const std::vector<double> x = blobs(3, n / 3, dim, 1);
  for (double perplexity : {5.0, 30.0}) {
    const int k = std::min(n - 1, static_cast<int>(3 * perplexity + 1));
    const TsneNeighbours nn = tsne_neighbours(x.data(), n, dim, k);
    const TsneConditional c = tsne_conditional_affinities(nn, perplexity);
    double worst = 0;
    for (int i = 0; i < n; ++i) {
      // Entropy in nats from the returned row itself (float32, as stored), e^H = perplexity.
      double h = 0, sum = 0;
      for (int j = 0; j < k; ++j) {
        const double p = c.p[static_cast<size_t>(i) * k + j];
        sum += p;
        if (p > 0) h -= p * std::log(p);
      }
      CHECK(sum == doctest::Approx(1.0).epsilon(1e-5));
      worst = std::max(worst, std::fabs(std::exp(h) / perplexity - 1.0));
    }
    INFO("perplexity " << perplexity << ": worst relative error of e^H " << worst);
    CHECK(worst < 1e-4);
  }
}

TEST_CASE("t-SNE: exact neighbours, and a symmetric joint P that sums to 1") {
  const int n = 200, dim = 4, k = 12;
  const std::vector<double> x = blobs(4, n / 4, dim, 2);
  const TsneNeighbours nn = tsne_neighbours(x.data(), n, dim, k);
  for (int i = 0; i < n; i += 17) {
    std::vector<std::pair<double, int>> d;
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      double s = 0;
      for (int c = 0; c < dim; ++c) s += (x[i * dim + c] - x[j * dim + c]) * (x[i * dim + c] - x[j * dim + c]);
      d.push_back({s, j});
    }
    std::sort(d.begin(), d.end());
    for (int c = 0; c < k; ++c) {
      CHECK(nn.index[i * k + c] == d[c].second);
      CHECK(nn.sqdist[i * k + c] == doctest::Approx(d[c].first).epsilon(1e-6));
    }
  }
  const TsneAffinities P = tsne_joint_affinities(tsne_conditional_affinities(nn, 4.0), nn);
  double total = 0;
  for (int i = 0; i < n; ++i)
    for (int64_t e = P.indptr[i]; e < P.indptr[i + 1]; ++e) {
      total += P.values[e];
      const int j = P.indices[e];
      // p_ij == p_ji: find the mirror entry.
      auto b = P.indices.begin() + P.indptr[j], end = P.indices.begin() + P.indptr[j + 1];
      auto it = std::lower_bound(b, end, i);
      REQUIRE(it != end);
      CHECK(P.values[it - P.indices.begin()] == doctest::Approx(P.values[e]).epsilon(1e-6));
    }
  CHECK(total == doctest::Approx(1.0).epsilon(1e-5));
}

TEST_CASE("t-SNE: the exact gradient matches finite differences of the KL divergence") {
  const int n = 24, dim = 3;
  const std::vector<double> x = blobs(2, n / 2, dim, 3);
  const TsneNeighbours nn = tsne_neighbours(x.data(), n, dim, n - 1);
  const TsneAffinities P = tsne_joint_affinities(tsne_conditional_affinities(nn, 5.0), nn);
  for (int dims : {2, 3}) {
    SplitMix64 rng(4);
    std::vector<float> y(static_cast<size_t>(n) * dims);
    for (float& v : y) v = static_cast<float>(rng.normal());
    std::vector<float> grad;
    tsne_gradient(P, y, dims, 1.0, 0.0, grad);
    double worst = 0;
    for (size_t c = 0; c < y.size(); c += 5) {
      const float h = 1e-2f;
      std::vector<float> yp = y, ym = y;
      yp[c] += h;
      ym[c] -= h;
      const double fd = (tsne_kl_divergence(P, yp, dims) - tsne_kl_divergence(P, ym, dims)) / (yp[c] - ym[c]);
      worst = std::max(worst, std::fabs(fd - grad[c]));
      CHECK(grad[c] == doctest::Approx(fd).epsilon(2e-3).scale(1e-3));
    }
    INFO("dims " << dims << ": worst |fd - grad| " << worst);
    CHECK(worst < 1e-3);
  }
}

TEST_CASE("t-SNE: Barnes-Hut forces stay close to the exact gradient (theta 0.5), in 2-D and 3-D") {
  const int n = 1500, dim = 10;
  const std::vector<double> x = blobs(5, n / 5, dim, 5);
  const TsneNeighbours nn = tsne_neighbours(x.data(), n, dim, 31);
  const TsneAffinities P = tsne_joint_affinities(tsne_conditional_affinities(nn, 10.0), nn);
  for (int dims : {2, 3}) {
    SplitMix64 rng(6);
    std::vector<float> y(static_cast<size_t>(n) * dims);
    for (size_t i = 0; i < y.size(); ++i) y[i] = static_cast<float>(5.0 * rng.normal() + (i % 7));
    std::vector<float> exact, bh;
    const double z_exact = tsne_gradient(P, y, dims, 1.0, 0.0, exact);
    const double z_bh = tsne_gradient(P, y, dims, 1.0, 0.5, bh);
    double num = 0, den = 0;
    for (size_t i = 0; i < y.size(); ++i) {
      num += (bh[i] - exact[i]) * (bh[i] - exact[i]);
      den += exact[i] * exact[i];
    }
    INFO("dims " << dims << ": relative gradient error " << std::sqrt(num / den));
    CHECK(std::sqrt(num / den) < 0.02);
    CHECK(z_bh == doctest::Approx(z_exact).epsilon(0.01));
  }
}

TEST_CASE("t-SNE: the first step is y - lr * 0.8 * grad with exaggerated P (sklearn's update)") {
  const int n = 60, dim = 4;
  const std::vector<double> x = blobs(3, n / 3, dim, 7);
  TsneOptions o;
  o.perplexity = 5;
  o.theta = 0;
  auto s = tsne_init(x.data(), n, dim, o);
  REQUIRE(s.ok());
  CHECK(s->learning_rate == 50.0);  // max(60 / 12 / 4, 50)
  const std::vector<float> y0 = s->y;
  // PCA start scaled to standard deviation 1e-4 in column 0.
  double m = 0, v = 0;
  for (int i = 0; i < n; ++i) m += y0[2 * i];
  m /= n;
  for (int i = 0; i < n; ++i) v += (y0[2 * i] - m) * (y0[2 * i] - m);
  CHECK(std::sqrt(v / n) == doctest::Approx(1e-4).epsilon(1e-4));
  std::vector<float> grad;
  tsne_gradient(s->P, y0, 2, 12.0, 0.0, grad);
  tsne_step(*s);
  for (size_t i = 0; i < y0.size(); ++i) CHECK(s->y[i] == doctest::Approx(y0[i] - 50.0f * 0.8f * grad[i]).epsilon(1e-5));
}

TEST_CASE("t-SNE: separates clusters, lowers KL, and gives the same map on 1 and 2 threads") {
  std::vector<int> labels;
  const int n = 400, dim = 10;
  const std::vector<double> x = blobs(4, n / 4, dim, 8, &labels);
  TsneOptions o;
  o.perplexity = 20;
  std::vector<float> maps[2];
  for (int t = 0; t < 2; ++t) {
    o.threads = t + 1;
    auto s = tsne_init(x.data(), n, dim, o);
    REQUIRE(s.ok());
    double kl_early = 0;
    for (int it = 0; it < 400; ++it) {
      tsne_step(*s);
      if (it == 260) kl_early = tsne_kl_divergence(*s);
    }
    const double kl = tsne_kl_divergence(*s);
    CHECK(kl < kl_early);
    CHECK(purity10(s->y, 2, labels) == 1.0);
    maps[t] = s->y;
  }
  CHECK(maps[0] == maps[1]);
}

TEST_CASE("t-SNE: bad settings are errors, not crashes") {
  const std::vector<double> x = blobs(1, 10, 3, 9);
  TsneOptions o;
  o.perplexity = 30;  // not below n = 10
  auto s = tsne_init(x.data(), 10, 3, o);
  REQUIRE(!s.ok());
  CHECK(s.error().message.find("perplexity") != std::string::npos);
  o.perplexity = 3;
  o.dims = 4;
  CHECK(!tsne_init(x.data(), 10, 3, o).ok());
  o.dims = 2;
  CHECK(!tsne_init(x.data(), 1, 3, o).ok());
  CHECK(tsne_init(x.data(), 10, 3, o).ok());
}
