// Linear regions of ReLU networks (topic 18): hand-built networks whose region counts are known, the
// folding (sawtooth) construction, a playground network's conversion, and the wide-vs-deep table.
#include <doctest/doctest.h>

#include <array>
#include <cmath>

#include "core/nn/linear_regions.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::nn;

namespace {
// One hidden layer of ReLUs, neuron k = relu(a_k·x + b_k·y + c_k), summed by the output.
ReluNet lines(const std::vector<std::array<double, 3>>& abc) {
  ReluNet r;
  r.widths = {2, static_cast<int>(abc.size()), 1};
  std::vector<double> w, b, out;
  for (const auto& l : abc) {
    w.push_back(l[0]);
    w.push_back(l[1]);
    b.push_back(l[2]);
    out.push_back(1);
  }
  r.w = {w, out};
  r.b = {b, {0}};
  return r;
}
}  // namespace

TEST_CASE("linear regions of hand-built one-layer networks are counted exactly") {
  // Grid centres −1 + 2i/199 never land on these lines.
  CHECK(linear_regions(lines({{1, 0, -0.1}}), 200, -1, 1).regions == 2);
  CHECK(linear_regions(lines({{1, 0, -0.1}, {0, 1, -0.2}}), 200, -1, 1).regions == 4);
  // Two parallel lines: three strips.
  CHECK(linear_regions(lines({{1, 0, -0.1}, {1, 0, 0.5}}), 200, -1, 1).regions == 3);
  // Three lines in general position, every crossing inside the square: 1 + 3 + 3 = 7.
  const RegionMap m = linear_regions(lines({{1, 0, -0.1}, {0, 1, -0.2}, {1, 1, -0.9}}), 200, -1, 1);
  CHECK(m.regions == 7);
  CHECK(m.patterns == 7);
  CHECK(m.hidden == 3);
  CHECK(m.region.size() == 200u * 200u);
  // A line outside the square cuts nothing.
  CHECK(linear_regions(lines({{1, 0, -5}}), 200, -1, 1).regions == 1);
}

TEST_CASE("linear regions of a two-layer network: each activation pattern is one strip") {
  // Two layers: h1 = relu(x − 0.3), h2 = relu(−x − 0.3), then g = relu(h1 + h2 − 0.4), on beyond |x| = 0.7.
  // The second layer's kinks bend nothing here (it reads one line's side), so five strips, five patterns.
  ReluNet r;
  r.widths = {2, 2, 1, 1};
  r.w = {{1, 0, -1, 0}, {1, 1}, {1}};
  r.b = {{-0.3, -0.3}, {-0.4}, {0}};
  const RegionMap m = linear_regions(r, 200, -1, 1);
  CHECK(m.regions == 5);  // x < −0.7, −0.7…−0.3, middle, 0.3…0.7, x > 0.7
  CHECK(m.patterns == 5);
}

TEST_CASE("the sawtooth network folds [0, 1] into 2^depth strips with 6·depth + 3 parameters") {
  for (int depth = 1; depth <= 5; ++depth) {
    const ReluNet net = sawtooth_net(depth);
    CHECK(relu_parameter_count(net) == static_cast<size_t>(6 * depth + 3));
    // Away from x = 0 and x = 1, where the first layer's neurons switch off.
    const RegionMap m = linear_regions(net, 400, 0.0013, 0.9987);
    CHECK_MESSAGE(m.regions == (1 << depth), "depth ", depth);
    // The output is the tent map applied depth times: 0 at the fold points, 1 at the peaks.
    CHECK(relu_output(net, 1.0 / (1 << depth), 0.3) == doctest::Approx(1.0));
    CHECK(relu_output(net, 2.0 / (1 << depth), 0.3) == doctest::Approx(0.0).epsilon(1e-9));
  }
  // A single layer with as many neurons as depth 5 has (10) is bounded by 1 + 10 + 45 = 56 regions, while
  // six layers of two (39 parameters) already make 64 strips.
  CHECK(linear_regions(sawtooth_net(6), 800, 0.0013, 0.9987).regions == 64);
}

TEST_CASE("a playground network converts to the same function and its regions are found") {
  PlaygroundConfig c;
  c.hidden = {4, 3};
  c.activation = Activation::ReLU;
  c.output = Activation::Linear;
  SplitMix64 rng(7);
  const PlaygroundNet net = make_playground_net(c, rng);
  const ReluNet r = relu_net_from_playground(net);
  CHECK(hidden_neurons(r) == 7);
  CHECK(relu_parameter_count(r) == parameter_count(net));
  PlaygroundWorkspace ws;
  const float xy[2] = {0.7f, -1.3f};
  float out = 0;
  predict(net, xy, 1, &out, ws);
  CHECK(relu_output(r, 0.7, -1.3) == doctest::Approx(out).epsilon(1e-5));
  const RegionMap m = linear_regions(r, 100, -6, 6);
  CHECK(m.regions >= 1);
  CHECK(m.patterns <= m.regions);
}

TEST_CASE("wide vs deep: equal budgets, and random deep networks do not reach their folding potential") {
  WideDeepSetup s;
  s.parameter_budget = 80;
  s.depths = {1, 3};
  s.seeds = 3;
  s.res = 80;
  const std::vector<WideDeepRow> rows = wide_vs_deep(s);
  REQUIRE(rows.size() == 2);
  for (const WideDeepRow& row : rows) {
    CHECK(std::abs(static_cast<double>(row.parameters) - 80) <= 16);
    CHECK(row.min_regions >= 1);
    CHECK(row.min_regions <= row.mean_regions);
    CHECK(row.mean_regions <= row.max_regions);
  }
  // One layer of n neurons never exceeds the line-arrangement bound.
  CHECK(rows[0].max_regions <= rows[0].bound_single_layer);
}
