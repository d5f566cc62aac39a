// The basic layers: plain structs of Parameters plus a `forward` free function that records the layer's
// ops on a tape. Weights are stored in×out so a forward is x·W (row-major GEMM without a transpose).
//
//   SplitMix64 rng(1);
//   nn::Linear fc = nn::make_linear("fc1", 64, 256, rng);
//   Var h = nn::forward(tape, fc, x);            // (n×64) → (n×256)
//   ParamList ps; nn::collect(fc, ps);           // "fc1.weight" 64×256, "fc1.bias" 1×256
#pragma once

#include <string>
#include <vector>

#include "core/tensor/ops.h"
#include "core/tensor/tape.h"
#include "core/tensor/tensor.h"

namespace attend {
struct SplitMix64;
}

namespace attend::nn {

using tensor::Activation;
using tensor::ParamList;
using tensor::Parameter;
using tensor::Tape;
using tensor::Tensor;
using tensor::Var;

// How weights start. TorchDefault: U(−1/√in, 1/√in) for weight and bias (nn.Linear's default);
// Normal: N(0, std) weights and zero bias (the reference transformer, std 0.02); Xavier: U(±√(6/(in+out))).
struct Init {
  enum Kind { TorchDefault, Normal, Xavier } kind = TorchDefault;
  float std = 0.02f;
};

// ---- Linear ----
struct Linear {
  Parameter weight;  // in×out
  Parameter bias;    // 1×out (empty when has_bias is false)
  bool has_bias = true;
};
Linear make_linear(const std::string& name, int in, int out, SplitMix64& rng, Init init = {}, bool bias = true);
Var forward(Tape& t, Linear& l, Var x);
void collect(Linear& l, ParamList& out);

// ---- Embedding ----
struct Embedding {
  Parameter table;   // vocab×d
};
Embedding make_embedding(const std::string& name, int vocab, int d, SplitMix64& rng, float std = 1.f);
Var forward(Tape& t, Embedding& e, const std::vector<int>& ids);
void collect(Embedding& e, ParamList& out);

// ---- Normalisation ----
struct LayerNorm {
  Parameter gamma, beta;  // 1×d, start at 1 and 0
  float eps = 1e-5f;
};
LayerNorm make_layer_norm(const std::string& name, int d);
Var forward(Tape& t, LayerNorm& ln, Var x);
void collect(LayerNorm& ln, ParamList& out);

struct BatchNorm {
  Parameter gamma, beta;
  Tensor running_mean, running_var;  // 1×d; updated by training forwards
  float momentum = 0.1f, eps = 1e-5f;
};
BatchNorm make_batch_norm(const std::string& name, int d);
Var forward(Tape& t, BatchNorm& bn, Var x, bool training);
void collect(BatchNorm& bn, ParamList& out);

// ---- MLP ----
// widths = {in, h1, ..., out}; `hidden` after every hidden layer, `output` after the last (Linear = none).
// Optional normalisation between a hidden layer's linear map and its activation.
struct Mlp {
  enum class Norm { None, Layer, Batch } norm = Norm::None;
  std::vector<Linear> layers;
  std::vector<LayerNorm> layer_norms;
  std::vector<BatchNorm> batch_norms;
  Activation hidden = Activation::ReLU;
  Activation output = Activation::Linear;
  float dropout = 0.f;
  // Last forward: every layer's post-activation output (Var on the tape that ran it), for inspection.
  std::vector<Var> last_activations;
};
Mlp make_mlp(const std::string& name, const std::vector<int>& widths, Activation hidden, Activation output,
             SplitMix64& rng, Init init = {}, Mlp::Norm norm = Mlp::Norm::None);
Var forward(Tape& t, Mlp& m, Var x, bool training = true, SplitMix64* dropout_rng = nullptr);
void collect(Mlp& m, ParamList& out);

// ---- Positional encodings ----
struct PositionalEncoding {
  enum class Kind { None, Sinusoidal, Learned } kind = Kind::Learned;
  Parameter table;   // Learned: max_len×d
  Tensor sinusoid;   // Sinusoidal: max_len×d, PE[p][2i] = sin(p/10000^(2i/d)), PE[p][2i+1] = cos(…)
};
PositionalEncoding make_positional(const std::string& name, PositionalEncoding::Kind kind, int max_len, int d,
                                   SplitMix64& rng, float std = 0.02f);
void sinusoidal_table(int max_len, int d, Tensor& out);
// x (B·T)×d plus the encoding of each row's position (row mod seq).
Var forward(Tape& t, PositionalEncoding& p, Var x, int seq);
void collect(PositionalEncoding& p, ParamList& out);
const char* positional_name(PositionalEncoding::Kind k);

}  // namespace attend::nn
