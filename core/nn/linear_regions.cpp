#include "core/nn/linear_regions.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::nn {
namespace {

int pattern_layers(const ReluNet& net) {
  const int layers = static_cast<int>(net.w.size());
  return net.last_is_output ? layers - 1 : layers;
}

// Input features of a point, in double.
void features_of(const ReluNet& net, double x, double y, double* out) {
  for (size_t f = 0; f < net.features.size(); ++f) {
    switch (net.features[f]) {
      case PlaygroundFeature::X1: out[f] = x; break;
      case PlaygroundFeature::X2: out[f] = y; break;
      case PlaygroundFeature::X1Squared: out[f] = x * x; break;
      case PlaygroundFeature::X2Squared: out[f] = y * y; break;
      case PlaygroundFeature::X1TimesX2: out[f] = x * y; break;
      case PlaygroundFeature::SinX1: out[f] = std::sin(x); break;
      case PlaygroundFeature::SinX2: out[f] = std::sin(y); break;
    }
  }
}

// Forward through every layer; writes the on/off bit of each hidden neuron into `bits` (when given) and
// returns the first output (0 without an output layer).
double forward(const ReluNet& net, double x, double y, std::vector<double>& a, std::vector<double>& z, uint64_t* bits) {
  const int layers = static_cast<int>(net.w.size());
  a.resize(static_cast<size_t>(*std::max_element(net.widths.begin(), net.widths.end())));
  z.resize(a.size());
  features_of(net, x, y, a.data());
  int bit = 0;
  const int hidden_layers = pattern_layers(net);
  for (int l = 0; l < layers; ++l) {
    const int in = net.widths[static_cast<size_t>(l)], out = net.widths[static_cast<size_t>(l + 1)];
    const double* w = net.w[static_cast<size_t>(l)].data();
    const double* b = net.b[static_cast<size_t>(l)].data();
    for (int j = 0; j < out; ++j) {
      double s = b[j];
      for (int i = 0; i < in; ++i) s += w[static_cast<size_t>(j) * in + i] * a[static_cast<size_t>(i)];
      z[static_cast<size_t>(j)] = s;
    }
    const bool hidden = l < hidden_layers;
    for (int j = 0; j < out; ++j) {
      const double v = z[static_cast<size_t>(j)];
      if (hidden) {
        if (bits && v > 0) bits[bit >> 6] |= uint64_t{1} << (bit & 63);
        ++bit;
        a[static_cast<size_t>(j)] = v > 0 ? v : 0;
      } else {
        a[static_cast<size_t>(j)] = v;
      }
    }
  }
  return hidden_layers < layers ? a[0] : 0;
}

double normal(SplitMix64& rng) { return rng.normal(); }

size_t params_for(int depth, int width) {
  const size_t w = static_cast<size_t>(width);
  return 3 * w + static_cast<size_t>(depth - 1) * (w * w + w) + w + 1;
}

}  // namespace

ReluNet relu_net_from_playground(const PlaygroundNet& net) {
  ReluNet r;
  r.features.assign(net.features.begin(), net.features.begin() + net.inputs);
  for (int l = 0; l <= net.layers; ++l) r.widths.push_back(net.width[static_cast<size_t>(l)]);
  for (int l = 0; l < net.layers; ++l) {
    const int in = net.width[static_cast<size_t>(l)], out = net.width[static_cast<size_t>(l + 1)];
    std::vector<double> w(static_cast<size_t>(in) * out), b(static_cast<size_t>(out));
    for (int j = 0; j < out; ++j) {
      b[static_cast<size_t>(j)] = net.b[l][j];
      for (int i = 0; i < in; ++i) w[static_cast<size_t>(j) * in + i] = net.w[l][j][i];
    }
    r.w.push_back(std::move(w));
    r.b.push_back(std::move(b));
  }
  r.last_is_output = true;
  return r;
}

int hidden_neurons(const ReluNet& net) {
  int n = 0;
  for (int l = 0; l < pattern_layers(net); ++l) n += net.widths[static_cast<size_t>(l + 1)];
  return n;
}

size_t relu_parameter_count(const ReluNet& net) {
  size_t n = 0;
  for (size_t l = 0; l < net.w.size(); ++l) n += net.w[l].size() + net.b[l].size();
  return n;
}

double relu_output(const ReluNet& net, double x, double y) {
  std::vector<double> a, z;
  return forward(net, x, y, a, z, nullptr);
}

RegionMap linear_regions(const ReluNet& net, int res, double lo, double hi) {
  ATTEND_ASSERT(res >= 2, "linear_regions: a grid of at least 2×2");
  ATTEND_ASSERT(net.widths.size() == net.w.size() + 1 && net.b.size() == net.w.size(), "linear_regions: inconsistent layers");
  ATTEND_ASSERT(net.widths[0] == static_cast<int>(net.features.size()), "linear_regions: widths[0] must equal the features");
  RegionMap m;
  m.res = res;
  m.lo = lo;
  m.hi = hi;
  m.hidden = hidden_neurons(net);
  const size_t cells = static_cast<size_t>(res) * res;
  const size_t words = std::max<size_t>(1, (static_cast<size_t>(m.hidden) + 63) / 64);
  std::vector<uint64_t> bits(cells * words, 0);
  std::vector<double> a, z;
  for (int i = 0; i < res; ++i) {
    const double y = lo + (hi - lo) * i / (res - 1);
    for (int j = 0; j < res; ++j) {
      const double x = lo + (hi - lo) * j / (res - 1);
      forward(net, x, y, a, z, bits.data() + (static_cast<size_t>(i) * res + j) * words);
    }
  }
  // With the pattern fixed every pre-activation is an affine function of the input, so the points sharing a
  // pattern form a convex polygon (an intersection of half-planes): one pattern is one region, and counting
  // distinct patterns cannot split a thin diagonal region into grid pieces the way a flood fill would.
  std::map<std::vector<uint64_t>, int> ids;
  m.region.assign(cells, -1);
  for (size_t c = 0; c < cells; ++c) {
    std::vector<uint64_t> key(bits.begin() + static_cast<std::ptrdiff_t>(c * words),
                              bits.begin() + static_cast<std::ptrdiff_t>((c + 1) * words));
    auto it = ids.emplace(std::move(key), static_cast<int>(ids.size())).first;
    m.region[c] = it->second;
  }
  m.regions = m.patterns = static_cast<int>(ids.size());
  return m;
}

ReluNet random_relu_net(const std::vector<int>& hidden, double bias_sd, uint64_t seed) {
  SplitMix64 rng(seed);
  ReluNet r;
  r.widths.push_back(2);
  for (int h : hidden) r.widths.push_back(h);
  r.widths.push_back(1);
  for (size_t l = 0; l + 1 < r.widths.size(); ++l) {
    const int in = r.widths[l], out = r.widths[l + 1];
    const double sd = std::sqrt(2.0 / in);
    std::vector<double> w(static_cast<size_t>(in) * out), b(static_cast<size_t>(out));
    for (double& v : w) v = sd * normal(rng);
    for (double& v : b) v = bias_sd * normal(rng);
    r.w.push_back(std::move(w));
    r.b.push_back(std::move(b));
  }
  return r;
}

std::vector<WideDeepRow> wide_vs_deep(const WideDeepSetup& s) {
  std::vector<WideDeepRow> rows;
  for (int depth : s.depths) {
    ATTEND_ASSERT(depth >= 1, "wide_vs_deep: depths start at 1");
    WideDeepRow row;
    row.depth = depth;
    int best = 1;
    for (int w = 1; w <= 512; ++w) {
      const auto diff = [&](int width) {
        const size_t p = params_for(depth, width);
        return p > s.parameter_budget ? p - s.parameter_budget : s.parameter_budget - p;
      };
      if (diff(w) < diff(best)) best = w;
      if (params_for(depth, w) > 2 * s.parameter_budget) break;
    }
    row.width = best;
    row.parameters = params_for(depth, best);
    const double n = static_cast<double>(depth) * best;
    row.bound_single_layer = 1 + n + n * (n - 1) / 2;
    double sum = 0, sum2 = 0;
    row.min_regions = 1 << 30;
    for (int k = 0; k < s.seeds; ++k) {
      const ReluNet net = random_relu_net(std::vector<int>(static_cast<size_t>(depth), best), s.bias_sd,
                                          s.seed * 1000003 + static_cast<uint64_t>(depth) * 7919 + static_cast<uint64_t>(k));
      const int r = linear_regions(net, s.res, -s.extent, s.extent).regions;
      sum += r;
      sum2 += static_cast<double>(r) * r;
      row.min_regions = std::min(row.min_regions, r);
      row.max_regions = std::max(row.max_regions, r);
    }
    row.mean_regions = sum / s.seeds;
    row.sd_regions = s.seeds > 1 ? std::sqrt(std::max(0.0, (sum2 - sum * sum / s.seeds) / (s.seeds - 1))) : 0;
    rows.push_back(row);
  }
  return rows;
}

ReluNet sawtooth_net(int depth) {
  ATTEND_ASSERT(depth >= 1, "sawtooth_net: depth of at least 1");
  ReluNet r;
  r.widths.push_back(2);
  for (int l = 0; l < depth; ++l) r.widths.push_back(2);
  r.widths.push_back(1);
  // Layer 1 reads x₁ (x₂ gets weight 0): h₁ = relu(2x₁), h₂ = relu(4x₁ − 2), so h₁ − h₂ is the tent of x₁.
  r.w.push_back({2, 0, 4, 0});
  r.b.push_back({0, -2});
  // Every later layer applies the tent to t = h₁ − h₂ of the layer before.
  for (int l = 1; l < depth; ++l) {
    r.w.push_back({2, -2, 4, -4});
    r.b.push_back({0, -2});
  }
  r.w.push_back({1, -1});
  r.b.push_back({0});
  return r;
}

}  // namespace attend::nn
