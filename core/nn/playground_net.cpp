// The loops below work on 16 points at a time (kLanes) with fixed-length inner loops, which the compiler
// turns into one AVX-512 instruction each (or two AVX2 ones); activations are neuron-major, so a neuron's
// values for consecutive points are contiguous.
#include "core/nn/playground_net.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/tensor/simd.h"
#include "core/util/rng.h"

namespace attend::nn {

namespace {

namespace simd = tensor::simd;
using simd::F16;
constexpr int kLanes = simd::kLanes;

inline int padded(int n) { return (n + kLanes - 1) / kLanes * kLanes; }

template <Activation A>
inline F16 act(F16 z) {
  if constexpr (A == Activation::Tanh) return simd::tanh(z);
  else if constexpr (A == Activation::ReLU) return simd::max(z, simd::splat(0.f));
  else if constexpr (A == Activation::Sigmoid) return simd::sigmoid(z);
  else return z;
}

// d(act)/dz expressed through the activation's output a. GELU's slope is not a function of its output,
// so the playground does not offer it (make_playground_net refuses it).
template <Activation A>
inline F16 act_grad(F16 a) {
  if constexpr (A == Activation::Tanh) return 1.f - a * a;
  else if constexpr (A == Activation::ReLU) return simd::select(a > 0.f, simd::splat(1.f), simd::splat(0.f));
  else if constexpr (A == Activation::Sigmoid) return a * (1.f - a);
  else return simd::splat(1.f);
}

// One layer forward over n_pad points: out[j] = act(b[j] + Σ_i W[j][i]·in[i]), 16 points at a time, with
// the fan-in IN a compile-time constant so the sum is fully unrolled and the inputs stay in registers.
template <Activation A, int IN>
void layer_forward(const float (*w)[kPlaygroundMaxWidth], const float* b, int out_w,
                   const float (*in)[kPlaygroundStride], float (*out)[kPlaygroundStride], int n_pad) {
  // Four neurons at a time: their activation polynomials are independent, and written side by side the
  // compiler interleaves them, so the core overlaps four latency chains instead of waiting on one.
  constexpr int G = 4;
  for (int kb = 0; kb < n_pad; kb += kLanes) {
    F16 x[IN];
    for (int i = 0; i < IN; ++i) x[i] = simd::load(in[i] + kb);
    int j = 0;
    for (; j + G <= out_w; j += G) {
      F16 z[G];
      for (int g = 0; g < G; ++g) {
        z[g] = simd::splat(b[j + g]);
        for (int i = 0; i < IN; ++i) z[g] += w[j + g][i] * x[i];
      }
      for (int g = 0; g < G; ++g) simd::store(out[j + g] + kb, act<A>(z[g]));
    }
    for (; j < out_w; ++j) {
      F16 z = simd::splat(b[j]);
      for (int i = 0; i < IN; ++i) z += w[j][i] * x[i];
      simd::store(out[j] + kb, act<A>(z));
    }
  }
}

template <Activation A>
void layer_forward_in(const float (*w)[kPlaygroundMaxWidth], const float* b, int in_w, int out_w,
                      const float (*in)[kPlaygroundStride], float (*out)[kPlaygroundStride], int n_pad) {
  switch (in_w) {
    case 1: return layer_forward<A, 1>(w, b, out_w, in, out, n_pad);
    case 2: return layer_forward<A, 2>(w, b, out_w, in, out, n_pad);
    case 3: return layer_forward<A, 3>(w, b, out_w, in, out, n_pad);
    case 4: return layer_forward<A, 4>(w, b, out_w, in, out, n_pad);
    case 5: return layer_forward<A, 5>(w, b, out_w, in, out, n_pad);
    case 6: return layer_forward<A, 6>(w, b, out_w, in, out, n_pad);
    case 7: return layer_forward<A, 7>(w, b, out_w, in, out, n_pad);
    default: return layer_forward<A, 8>(w, b, out_w, in, out, n_pad);
  }
}

void layer_forward_dispatch(Activation a, const float (*w)[kPlaygroundMaxWidth], const float* b, int in_w, int out_w,
                            const float (*in)[kPlaygroundStride], float (*out)[kPlaygroundStride], int n_pad) {
  switch (a) {
    case Activation::Tanh: return layer_forward_in<Activation::Tanh>(w, b, in_w, out_w, in, out, n_pad);
    case Activation::ReLU: return layer_forward_in<Activation::ReLU>(w, b, in_w, out_w, in, out, n_pad);
    case Activation::Sigmoid: return layer_forward_in<Activation::Sigmoid>(w, b, in_w, out_w, in, out, n_pad);
    case Activation::GELU:  // refused by make_playground_net
    case Activation::Linear: return layer_forward_in<Activation::Linear>(w, b, in_w, out_w, in, out, n_pad);
  }
}

template <Activation A>
void scale_by_act_grad(const float* a, float* d, int n_pad) {
  for (int k = 0; k < n_pad; k += kLanes) simd::store(d + k, simd::load(d + k) * act_grad<A>(simd::load(a + k)));
}

void scale_by_act_grad_dispatch(Activation act_kind, const float* a, float* d, int n_pad) {
  switch (act_kind) {
    case Activation::Tanh: return scale_by_act_grad<Activation::Tanh>(a, d, n_pad);
    case Activation::ReLU: return scale_by_act_grad<Activation::ReLU>(a, d, n_pad);
    case Activation::Sigmoid: return scale_by_act_grad<Activation::Sigmoid>(a, d, n_pad);
    case Activation::GELU:
    case Activation::Linear: return;
  }
}

// Fills the input layer for points [0, n) of a chunk; lanes n..n_pad are zero.
void fill_inputs(const PlaygroundNet& net, const float* xy, int n, int n_pad, PlaygroundWorkspace& ws) {
  for (int f = 0; f < net.inputs; ++f) {
    float* dst = ws.a[0][f];
    switch (net.features[static_cast<size_t>(f)]) {
      case PlaygroundFeature::X1: for (int k = 0; k < n; ++k) dst[k] = xy[2 * k]; break;
      case PlaygroundFeature::X2: for (int k = 0; k < n; ++k) dst[k] = xy[2 * k + 1]; break;
      case PlaygroundFeature::X1Squared: for (int k = 0; k < n; ++k) dst[k] = xy[2 * k] * xy[2 * k]; break;
      case PlaygroundFeature::X2Squared: for (int k = 0; k < n; ++k) dst[k] = xy[2 * k + 1] * xy[2 * k + 1]; break;
      case PlaygroundFeature::X1TimesX2: for (int k = 0; k < n; ++k) dst[k] = xy[2 * k] * xy[2 * k + 1]; break;
      case PlaygroundFeature::SinX1: for (int k = 0; k < n; ++k) dst[k] = std::sin(xy[2 * k]); break;
      case PlaygroundFeature::SinX2: for (int k = 0; k < n; ++k) dst[k] = std::sin(xy[2 * k + 1]); break;
    }
    for (int k = n; k < n_pad; ++k) dst[k] = 0.f;
  }
}

void forward_chunk(const PlaygroundNet& net, PlaygroundWorkspace& ws, int n_pad) {
  for (int l = 0; l < net.layers; ++l) {
    const bool last = l + 1 == net.layers;
    layer_forward_dispatch(last ? net.output : net.activation, net.w[l], net.b[l], net.width[static_cast<size_t>(l)],
                           net.width[static_cast<size_t>(l + 1)], ws.a[l], ws.a[l + 1], n_pad);
  }
}

// Backward over one chunk: accumulates Σ over its points of dLoss/dθ into gw/gb (caller scales by 1/n).
// Returns Σ ½(out − label)² over the chunk's n points.
float backward_chunk(PlaygroundNet& net, const float* labels, int n, int n_pad, PlaygroundWorkspace& ws) {
  const int L = net.layers;
  float* d = ws.delta[0][0];
  const float* out = ws.a[L][0];
  float loss = 0;
  for (int k = 0; k < n; ++k) {
    const float e = out[k] - labels[k];
    loss += 0.5f * e * e;
    d[k] = e;
  }
  for (int k = n; k < n_pad; ++k) d[k] = 0.f;
  scale_by_act_grad_dispatch(net.output, out, d, n_pad);
  int cur = 0;
  for (int l = L - 1; l >= 0; --l) {
    const int in_w = net.width[static_cast<size_t>(l)], out_w = net.width[static_cast<size_t>(l + 1)];
    float (*dl)[kPlaygroundStride] = ws.delta[cur];
    // Parameter gradients: Σ_k δ_j[k] and Σ_k δ_j[k]·a_i[k].
    for (int j = 0; j < out_w; ++j) {
      F16 sb = simd::splat(0.f);
      F16 sw[kPlaygroundMaxWidth];
      for (int i = 0; i < in_w; ++i) sw[i] = simd::splat(0.f);
      for (int kb = 0; kb < n_pad; kb += kLanes) {
        const F16 dj = simd::load(dl[j] + kb);
        sb += dj;
        for (int i = 0; i < in_w; ++i) sw[i] += dj * simd::load(ws.a[l][i] + kb);
      }
      net.gb[l][j] += simd::hsum(sb);
      for (int i = 0; i < in_w; ++i) net.gw[l][j][i] += simd::hsum(sw[i]);
    }
    if (l == 0) break;
    // δ of the layer below: Σ_j W[j][i]·δ_j, times the activation's slope there.
    float (*dn)[kPlaygroundStride] = ws.delta[1 - cur];
    for (int kb = 0; kb < n_pad; kb += kLanes) {
      F16 dj[kPlaygroundMaxWidth];
      for (int j = 0; j < out_w; ++j) dj[j] = simd::load(dl[j] + kb);
      for (int i = 0; i < in_w; ++i) {
        F16 s = simd::splat(0.f);
        for (int j = 0; j < out_w; ++j) s += net.w[l][j][i] * dj[j];
        simd::store(dn[i] + kb, s);
      }
    }
    for (int i = 0; i < in_w; ++i) scale_by_act_grad_dispatch(net.activation, ws.a[l][i], dn[i], n_pad);
    cur = 1 - cur;
  }
  return loss;
}

void zero_grads(PlaygroundNet& net) {
  for (int l = 0; l < net.layers; ++l) {
    std::memset(net.gw[l], 0, sizeof net.gw[l]);
    std::memset(net.gb[l], 0, sizeof net.gb[l]);
  }
}

}  // namespace

const char* feature_name(PlaygroundFeature f) {
  switch (f) {
    case PlaygroundFeature::X1: return "x1";
    case PlaygroundFeature::X2: return "x2";
    case PlaygroundFeature::X1Squared: return "x1^2";
    case PlaygroundFeature::X2Squared: return "x2^2";
    case PlaygroundFeature::X1TimesX2: return "x1*x2";
    case PlaygroundFeature::SinX1: return "sin(x1)";
    case PlaygroundFeature::SinX2: return "sin(x2)";
  }
  return "?";
}

PlaygroundNet make_playground_net(const PlaygroundConfig& c, SplitMix64& rng) {
  ATTEND_ASSERT(!c.features.empty() && c.features.size() <= kPlaygroundFeatures, "PlaygroundNet: 1 to 7 input features");
  ATTEND_ASSERT(c.hidden.size() <= kPlaygroundMaxHidden, "PlaygroundNet: at most 6 hidden layers");
  PlaygroundNet net;
  net.inputs = static_cast<int>(c.features.size());
  for (size_t f = 0; f < c.features.size(); ++f) net.features[f] = c.features[f];
  net.layers = static_cast<int>(c.hidden.size()) + 1;
  net.width[0] = net.inputs;
  for (size_t l = 0; l < c.hidden.size(); ++l) {
    ATTEND_ASSERT(c.hidden[l] >= 1 && c.hidden[l] <= kPlaygroundMaxWidth, "PlaygroundNet: 1 to 8 neurons per layer");
    net.width[l + 1] = c.hidden[l];
  }
  net.width[static_cast<size_t>(net.layers)] = 1;
  ATTEND_ASSERT(c.activation != Activation::GELU && c.output != Activation::GELU,
                "PlaygroundNet: activations are ReLU, tanh, sigmoid or linear (as in Playground)");
  net.activation = c.activation;
  net.output = c.output;
  net.regularization = c.regularization;
  net.regularization_rate = c.regularization_rate;
  for (int l = 0; l < net.layers; ++l) {
    for (int j = 0; j < net.width[static_cast<size_t>(l + 1)]; ++j)
      for (int i = 0; i < net.width[static_cast<size_t>(l)]; ++i) net.w[l][j][i] = static_cast<float>(rng.uniform() - 0.5);
    for (int j = 0; j < net.width[static_cast<size_t>(l + 1)]; ++j) net.b[l][j] = 0.1f;
  }
  return net;
}

void playground_features(const PlaygroundNet& net, float x1, float x2, float* out) {
  for (int f = 0; f < net.inputs; ++f) {
    switch (net.features[static_cast<size_t>(f)]) {
      case PlaygroundFeature::X1: out[f] = x1; break;
      case PlaygroundFeature::X2: out[f] = x2; break;
      case PlaygroundFeature::X1Squared: out[f] = x1 * x1; break;
      case PlaygroundFeature::X2Squared: out[f] = x2 * x2; break;
      case PlaygroundFeature::X1TimesX2: out[f] = x1 * x2; break;
      case PlaygroundFeature::SinX1: out[f] = std::sin(x1); break;
      case PlaygroundFeature::SinX2: out[f] = std::sin(x2); break;
    }
  }
}

float compute_gradients(PlaygroundNet& net, const float* xy, const float* labels, int n, PlaygroundWorkspace& ws) {
  ATTEND_ASSERT(n > 0, "PlaygroundNet: empty batch");
  zero_grads(net);
  float loss = 0;
  for (int k0 = 0; k0 < n; k0 += kPlaygroundChunk) {
    const int m = std::min(kPlaygroundChunk, n - k0);
    const int m_pad = padded(m);
    fill_inputs(net, xy + 2 * k0, m, m_pad, ws);
    forward_chunk(net, ws, m_pad);
    loss += backward_chunk(net, labels + k0, m, m_pad, ws);
  }
  const float inv = 1.f / static_cast<float>(n);
  for (int l = 0; l < net.layers; ++l)
    for (int j = 0; j < net.width[static_cast<size_t>(l + 1)]; ++j) {
      net.gb[l][j] *= inv;
      for (int i = 0; i < net.width[static_cast<size_t>(l)]; ++i) net.gw[l][j][i] *= inv;
    }
  return loss * inv;
}

void apply_regularization(PlaygroundNet& net, float lr) {
  if (net.regularization == Regularization::None) return;
  const float reg = lr * net.regularization_rate;
  for (int l = 0; l < net.layers; ++l)
    for (int j = 0; j < net.width[static_cast<size_t>(l + 1)]; ++j)
      for (int i = 0; i < net.width[static_cast<size_t>(l)]; ++i) {
        float& w = net.w[l][j][i];
        if (net.regularization == Regularization::L2) {
          w -= reg * w;
        } else {
          const float next = w - reg * (w > 0.f ? 1.f : (w < 0.f ? -1.f : 0.f));
          w = (w * next < 0.f) ? 0.f : next;  // Playground: crossing zero lands on zero
        }
      }
}

void sgd_update(PlaygroundNet& net, float lr) {
  for (int l = 0; l < net.layers; ++l)
    for (int j = 0; j < net.width[static_cast<size_t>(l + 1)]; ++j) {
      net.b[l][j] -= lr * net.gb[l][j];
      for (int i = 0; i < net.width[static_cast<size_t>(l)]; ++i) net.w[l][j][i] -= lr * net.gw[l][j][i];
    }
  apply_regularization(net, lr);
}

bool parameters_finite(const PlaygroundNet& net) {
  for (int l = 0; l < net.layers; ++l)
    for (int j = 0; j < net.width[static_cast<size_t>(l + 1)]; ++j) {
      if (!std::isfinite(net.b[l][j])) return false;
      for (int i = 0; i < net.width[static_cast<size_t>(l)]; ++i)
        if (!std::isfinite(net.w[l][j][i])) return false;
    }
  return true;
}

float train_step(PlaygroundNet& net, const float* xy, const float* labels, int n, float lr, PlaygroundWorkspace& ws) {
  const float loss = compute_gradients(net, xy, labels, n, ws);
  sgd_update(net, lr);
  return loss;
}

void predict(const PlaygroundNet& net, const float* xy, int n, float* out, PlaygroundWorkspace& ws) {
  for (int k0 = 0; k0 < n; k0 += kPlaygroundChunk) {
    const int m = std::min(kPlaygroundChunk, n - k0);
    const int m_pad = padded(m);
    fill_inputs(net, xy + 2 * k0, m, m_pad, ws);
    forward_chunk(net, ws, m_pad);
    std::memcpy(out + k0, ws.a[net.layers][0], sizeof(float) * static_cast<size_t>(m));
  }
}

PlaygroundEval evaluate(const PlaygroundNet& net, const float* xy, const float* labels, int n, PlaygroundWorkspace& ws) {
  PlaygroundEval e;
  for (int k0 = 0; k0 < n; k0 += kPlaygroundChunk) {
    const int m = std::min(kPlaygroundChunk, n - k0);
    const int m_pad = padded(m);
    fill_inputs(net, xy + 2 * k0, m, m_pad, ws);
    forward_chunk(net, ws, m_pad);
    const float* out = ws.a[net.layers][0];
    for (int k = 0; k < m; ++k) {
      const double err = static_cast<double>(out[k]) - labels[k0 + k];
      e.loss += 0.5 * err * err;
      e.accuracy += ((out[k] >= 0.f) == (labels[k0 + k] > 0.f)) ? 1 : 0;
    }
  }
  e.loss /= n;
  e.accuracy /= n;
  return e;
}

namespace {
// Runs the grid chunk by chunk; `sink(k0, m)` reads the activations of cells k0..k0+m. The input layer is
// written straight from the grid coordinates (sines from a per-coordinate table).
template <class Sink>
void run_grid(const PlaygroundNet& net, int res, float lo, float hi, PlaygroundWorkspace& ws, Sink sink) {
  ATTEND_ASSERT(res >= 2 && res <= 1024, "PlaygroundNet grid: resolution between 2 and 1024");
  float coord[1024], sine[1024];
  for (int i = 0; i < res; ++i) {
    coord[i] = static_cast<float>(lo + (static_cast<double>(hi) - lo) * i / (res - 1));
    sine[i] = std::sin(coord[i]);
  }
  const int cells = res * res;
  int row = 0, col = 0;  // of cell k0, advanced incrementally (no division per cell)
  for (int k0 = 0; k0 < cells; k0 += kPlaygroundChunk) {
    const int m = std::min(kPlaygroundChunk, cells - k0);
    const int m_pad = padded(m);
    // The chunk's cells run along rows: write each feature run by run (contiguous coordinates).
    for (int f = 0; f < net.inputs; ++f) {
      float* dst = ws.a[0][f];
      const PlaygroundFeature feature = net.features[static_cast<size_t>(f)];
      int r = row, c = col;
      for (int k = 0; k < m;) {
        const int run = std::min(res - c, m - k);
        const float y = coord[r], sy = sine[r];
        float* d = dst + k;
        const float* xs = coord + c;
        switch (feature) {
          case PlaygroundFeature::X1: std::memcpy(d, xs, sizeof(float) * static_cast<size_t>(run)); break;
          case PlaygroundFeature::X2: std::fill(d, d + run, y); break;
          case PlaygroundFeature::X1Squared: for (int q = 0; q < run; ++q) d[q] = xs[q] * xs[q]; break;
          case PlaygroundFeature::X2Squared: std::fill(d, d + run, y * y); break;
          case PlaygroundFeature::X1TimesX2: for (int q = 0; q < run; ++q) d[q] = xs[q] * y; break;
          case PlaygroundFeature::SinX1: std::memcpy(d, sine + c, sizeof(float) * static_cast<size_t>(run)); break;
          case PlaygroundFeature::SinX2: std::fill(d, d + run, sy); break;
        }
        k += run;
        c += run;
        if (c == res) c = 0, ++r;
      }
      for (int k = m; k < m_pad; ++k) dst[k] = 0.f;
    }
    col += m;
    row += col / res;
    col %= res;
    forward_chunk(net, ws, m_pad);
    sink(k0, m);
  }
}
}  // namespace

void predict_grid(const PlaygroundNet& net, int res, float lo, float hi, float* out, PlaygroundWorkspace& ws) {
  run_grid(net, res, lo, hi, ws, [&](int k0, int m) {
    std::memcpy(out + k0, ws.a[net.layers][0], sizeof(float) * static_cast<size_t>(m));
  });
}

int neuron_count(const PlaygroundNet& net) {
  int n = 0;
  for (int l = 0; l <= net.layers; ++l) n += net.width[static_cast<size_t>(l)];
  return n;
}

void neuron_grid(const PlaygroundNet& net, int res, float lo, float hi, std::vector<float>& out, PlaygroundWorkspace& ws) {
  const size_t cells = static_cast<size_t>(res) * res;
  out.resize(cells * static_cast<size_t>(neuron_count(net)));
  run_grid(net, res, lo, hi, ws, [&](int k0, int m) {
    size_t neuron = 0;
    for (int l = 0; l <= net.layers; ++l)
      for (int j = 0; j < net.width[static_cast<size_t>(l)]; ++j, ++neuron)
        std::memcpy(out.data() + neuron * cells + static_cast<size_t>(k0), ws.a[l][j], sizeof(float) * static_cast<size_t>(m));
  });
}

size_t parameter_count(const PlaygroundNet& net) {
  size_t n = 0;
  for (int l = 0; l < net.layers; ++l)
    n += static_cast<size_t>(net.width[static_cast<size_t>(l + 1)]) * (net.width[static_cast<size_t>(l)] + 1);
  return n;
}

namespace {
// Visits every parameter in the flat order with (layer, out, in) — in = -1 for a bias.
template <class F>
void for_each_parameter(int layers, const std::array<int, kPlaygroundMaxLayers + 1>& width, F f) {
  size_t k = 0;
  for (int l = 0; l < layers; ++l) {
    for (int j = 0; j < width[static_cast<size_t>(l + 1)]; ++j)
      for (int i = 0; i < width[static_cast<size_t>(l)]; ++i) f(k++, l, j, i);
    for (int j = 0; j < width[static_cast<size_t>(l + 1)]; ++j) f(k++, l, j, -1);
  }
}
}  // namespace

void get_parameters(const PlaygroundNet& net, float* out) {
  for_each_parameter(net.layers, net.width,
                     [&](size_t k, int l, int j, int i) { out[k] = i < 0 ? net.b[l][j] : net.w[l][j][i]; });
}

void set_parameters(PlaygroundNet& net, const float* in) {
  for_each_parameter(net.layers, net.width, [&](size_t k, int l, int j, int i) {
    if (i < 0) net.b[l][j] = in[k];
    else net.w[l][j][i] = in[k];
  });
}

void get_gradients(const PlaygroundNet& net, float* out) {
  for_each_parameter(net.layers, net.width,
                     [&](size_t k, int l, int j, int i) { out[k] = i < 0 ? net.gb[l][j] : net.gw[l][j][i]; });
}

std::string parameter_name(const PlaygroundNet& net, size_t index) {
  std::string name;
  for_each_parameter(net.layers, net.width, [&](size_t k, int l, int j, int i) {
    if (k != index) return;
    char buf[48];
    if (i < 0) std::snprintf(buf, sizeof buf, "b%d[%d]", l + 1, j);
    else std::snprintf(buf, sizeof buf, "w%d[%d][%d]", l + 1, j, i);
    name = buf;
  });
  return name;
}

}  // namespace attend::nn
