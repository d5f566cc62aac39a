#include "core/nn/layers.h"

#include <cmath>

#include "core/util/rng.h"

namespace attend::nn {

// ============================================================================================ Linear
Linear make_linear(const std::string& name, int in, int out, SplitMix64& rng, Init init, bool bias) {
  Linear l;
  l.has_bias = bias;
  l.weight = Parameter(name + ".weight", in, out);
  if (bias) l.bias = Parameter(name + ".bias", 1, out);
  l.bias.decay = false;
  switch (init.kind) {
    case Init::TorchDefault: {
      const float bound = 1.f / std::sqrt(static_cast<float>(in));
      tensor::fill_uniform(l.weight.value, rng, -bound, bound);
      if (bias) tensor::fill_uniform(l.bias.value, rng, -bound, bound);
      break;
    }
    case Init::Normal:
      tensor::fill_normal(l.weight.value, rng, 0.f, init.std);
      break;
    case Init::Xavier: {
      const float bound = std::sqrt(6.f / static_cast<float>(in + out));
      tensor::fill_uniform(l.weight.value, rng, -bound, bound);
      break;
    }
  }
  return l;
}

Var forward(Tape& t, Linear& l, Var x) {
  return tensor::linear(t, x, t.param(l.weight), l.has_bias ? t.param(l.bias) : Var{});
}

void collect(Linear& l, ParamList& out) {
  out.push_back(&l.weight);
  if (l.has_bias) out.push_back(&l.bias);
}

// ========================================================================================= Embedding
Embedding make_embedding(const std::string& name, int vocab, int d, SplitMix64& rng, float std) {
  Embedding e;
  e.table = Parameter(name + ".weight", vocab, d);
  tensor::fill_normal(e.table.value, rng, 0.f, std);
  return e;
}

Var forward(Tape& t, Embedding& e, const std::vector<int>& ids) { return tensor::embedding(t, t.param(e.table), ids); }

void collect(Embedding& e, ParamList& out) { out.push_back(&e.table); }

// ===================================================================================== Normalisation
LayerNorm make_layer_norm(const std::string& name, int d) {
  LayerNorm ln;
  ln.gamma = Parameter(name + ".weight", 1, d);
  ln.gamma.value.fill(1.f);
  ln.beta = Parameter(name + ".bias", 1, d);
  ln.gamma.decay = ln.beta.decay = false;
  return ln;
}

Var forward(Tape& t, LayerNorm& ln, Var x) { return tensor::layer_norm(t, x, t.param(ln.gamma), t.param(ln.beta), ln.eps); }

void collect(LayerNorm& ln, ParamList& out) {
  out.push_back(&ln.gamma);
  out.push_back(&ln.beta);
}

BatchNorm make_batch_norm(const std::string& name, int d) {
  BatchNorm bn;
  bn.gamma = Parameter(name + ".weight", 1, d);
  bn.gamma.value.fill(1.f);
  bn.beta = Parameter(name + ".bias", 1, d);
  bn.gamma.decay = bn.beta.decay = false;
  bn.running_mean = Tensor(1, d);
  bn.running_var = Tensor(1, d, 1.f);
  return bn;
}

Var forward(Tape& t, BatchNorm& bn, Var x, bool training) {
  return tensor::batch_norm(t, x, t.param(bn.gamma), t.param(bn.beta), bn.running_mean, bn.running_var, training,
                            bn.momentum, bn.eps);
}

void collect(BatchNorm& bn, ParamList& out) {
  out.push_back(&bn.gamma);
  out.push_back(&bn.beta);
}

// =============================================================================================== MLP
Mlp make_mlp(const std::string& name, const std::vector<int>& widths, Activation hidden, Activation output,
             SplitMix64& rng, Init init, Mlp::Norm norm) {
  ATTEND_ASSERT(widths.size() >= 2, "make_mlp: widths needs at least {in, out}");
  Mlp m;
  m.hidden = hidden;
  m.output = output;
  m.norm = norm;
  for (size_t i = 0; i + 1 < widths.size(); ++i) {
    const std::string prefix = name + ".layers." + std::to_string(i);
    m.layers.push_back(make_linear(prefix, widths[i], widths[i + 1], rng, init));
    if (i + 2 < widths.size()) {
      if (norm == Mlp::Norm::Layer) m.layer_norms.push_back(make_layer_norm(prefix + ".norm", widths[i + 1]));
      if (norm == Mlp::Norm::Batch) m.batch_norms.push_back(make_batch_norm(prefix + ".norm", widths[i + 1]));
    }
  }
  return m;
}

Var forward(Tape& t, Mlp& m, Var x, bool training, SplitMix64* dropout_rng) {
  m.last_activations.clear();
  Var h = x;
  for (size_t i = 0; i < m.layers.size(); ++i) {
    h = forward(t, m.layers[i], h);
    const bool last = i + 1 == m.layers.size();
    if (!last) {
      if (m.norm == Mlp::Norm::Layer) h = forward(t, m.layer_norms[i], h);
      if (m.norm == Mlp::Norm::Batch) h = forward(t, m.batch_norms[i], h, training);
    }
    h = tensor::activate(t, h, last ? m.output : m.hidden);
    if (!last && m.dropout > 0 && dropout_rng) h = tensor::dropout(t, h, m.dropout, *dropout_rng, training);
    m.last_activations.push_back(h);
  }
  return h;
}

void collect(Mlp& m, ParamList& out) {
  for (size_t i = 0; i < m.layers.size(); ++i) {
    collect(m.layers[i], out);
    if (i < m.layer_norms.size()) collect(m.layer_norms[i], out);
    if (i < m.batch_norms.size()) collect(m.batch_norms[i], out);
  }
}

// ============================================================================ Positional encodings
void sinusoidal_table(int max_len, int d, Tensor& out) {
  out.resize(max_len, d);
  for (int p = 0; p < max_len; ++p)
    for (int i = 0; i < d; i += 2) {
      const double freq = std::pow(10000.0, -static_cast<double>(i) / d);
      out(p, i) = static_cast<float>(std::sin(p * freq));
      if (i + 1 < d) out(p, i + 1) = static_cast<float>(std::cos(p * freq));
    }
}

PositionalEncoding make_positional(const std::string& name, PositionalEncoding::Kind kind, int max_len, int d,
                                   SplitMix64& rng, float std) {
  PositionalEncoding p;
  p.kind = kind;
  if (kind == PositionalEncoding::Kind::Learned) {
    p.table = Parameter(name + ".weight", max_len, d);
    tensor::fill_normal(p.table.value, rng, 0.f, std);
  } else if (kind == PositionalEncoding::Kind::Sinusoidal) {
    sinusoidal_table(max_len, d, p.sinusoid);
  }
  return p;
}

Var forward(Tape& t, PositionalEncoding& p, Var x, int seq) {
  switch (p.kind) {
    case PositionalEncoding::Kind::None: return x;
    case PositionalEncoding::Kind::Learned: return tensor::add_positions(t, x, t.param(p.table), seq);
    case PositionalEncoding::Kind::Sinusoidal: return tensor::add_positions(t, x, t.constant(p.sinusoid), seq);
  }
  return x;
}

void collect(PositionalEncoding& p, ParamList& out) {
  if (p.kind == PositionalEncoding::Kind::Learned) out.push_back(&p.table);
}

const char* positional_name(PositionalEncoding::Kind k) {
  switch (k) {
    case PositionalEncoding::Kind::None: return "none";
    case PositionalEncoding::Kind::Sinusoidal: return "sinusoidal";
    case PositionalEncoding::Kind::Learned: return "learned";
  }
  return "?";
}

}  // namespace attend::nn
