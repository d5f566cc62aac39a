// PlaygroundNet: TensorFlow Playground's network as a fast fixed-size type. Up to 7 input features
// (x1, x2, x1², x2², x1·x2, sin x1, sin x2), 0–6 hidden layers of 1–8 neurons, one activation for the
// hidden layers (ReLU, tanh, sigmoid, linear) and one for the single output, squared loss ½(out − label)²
// averaged over the batch, plain SGD with Playground's L1/L2 regularisation of the weights.
//
// Why a separate type: the playground steps the network thousands of times a second and redraws a decision
// grid every frame. On the tape a batch-10 step would spend its time on bookkeeping; here the weights are
// fixed arrays (W[layer][out][in], as Playground stores them), activations are neuron-major over a
// padded batch so every loop runs over 16 points at a time, and nothing allocates: a step is about a
// microsecond. The tests check its gradients against the tape's (autograd) version of the same network and
// against finite differences.
//
//   nn::PlaygroundConfig cfg;                         // x1, x2 → 8 → 8 → 1, tanh: the bench network
//   SplitMix64 rng(42);
//   nn::PlaygroundNet net = nn::make_playground_net(cfg, rng);   // W = u − 0.5, b = 0.1 (the bench init)
//   nn::PlaygroundWorkspace ws;
//   float loss = nn::train_step(net, xy, labels, 10, 0.03f, ws);
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor/ops.h"

namespace attend {
struct SplitMix64;
}

namespace attend::nn {

using tensor::Activation;

enum class PlaygroundFeature { X1, X2, X1Squared, X2Squared, X1TimesX2, SinX1, SinX2 };
constexpr int kPlaygroundFeatures = 7;
constexpr int kPlaygroundMaxWidth = 8;
constexpr int kPlaygroundMaxHidden = 6;
constexpr int kPlaygroundMaxLayers = kPlaygroundMaxHidden + 1;  // weight layers
constexpr int kPlaygroundChunk = 256;                           // points per inner pass (fits L1)
// Row stride of the workspace: 256 + 16 floats, so rows do not sit a multiple of 4 KiB apart (loads of one
// layer's rows would otherwise falsely wait on stores to the next layer's rows: 4K aliasing).
constexpr int kPlaygroundStride = kPlaygroundChunk + 16;
const char* feature_name(PlaygroundFeature f);                  // "x1", "x2", "x1^2", ... "sin(x2)"

enum class Regularization { None, L1, L2 };

struct PlaygroundConfig {
  std::vector<PlaygroundFeature> features = {PlaygroundFeature::X1, PlaygroundFeature::X2};
  std::vector<int> hidden = {8, 8};             // 0–6 layers of 1–8 neurons
  Activation activation = Activation::Tanh;     // hidden layers: ReLU, Tanh, Sigmoid or Linear
  Activation output = Activation::Tanh;         // Tanh for classification (labels ±1), Linear for regression
  Regularization regularization = Regularization::None;
  float regularization_rate = 0.f;
};

struct PlaygroundNet {
  std::array<PlaygroundFeature, kPlaygroundFeatures> features{};
  int inputs = 2;
  int layers = 3;                                   // weight layers = hidden + 1
  std::array<int, kPlaygroundMaxLayers + 1> width{};  // width[0] = inputs … width[layers] = 1
  Activation activation = Activation::Tanh;
  Activation output = Activation::Tanh;
  Regularization regularization = Regularization::None;
  float regularization_rate = 0.f;
  float w[kPlaygroundMaxLayers][kPlaygroundMaxWidth][kPlaygroundMaxWidth] = {};   // [layer][out][in]
  float b[kPlaygroundMaxLayers][kPlaygroundMaxWidth] = {};
  float gw[kPlaygroundMaxLayers][kPlaygroundMaxWidth][kPlaygroundMaxWidth] = {};  // mean gradient of the last batch
  float gb[kPlaygroundMaxLayers][kPlaygroundMaxWidth] = {};
};

// Scratch for forward/backward passes: neuron-major activations of one chunk, for every layer.
struct PlaygroundWorkspace {
  alignas(64) float a[kPlaygroundMaxLayers + 1][kPlaygroundMaxWidth][kPlaygroundStride];
  alignas(64) float delta[2][kPlaygroundMaxWidth][kPlaygroundStride];
};

// Weights u − 0.5 layer by layer, W[out][in] row-major (u = rng.uniform()); biases 0.1. Playground's
// initialisation with SplitMix64 in place of Math.random.
PlaygroundNet make_playground_net(const PlaygroundConfig& config, SplitMix64& rng);
// The feature vector of a point (inputs values).
void playground_features(const PlaygroundNet& net, float x1, float x2, float* out);

// Forward and backward over n points (xy: n×2, labels: n); leaves the batch-mean gradient in gw/gb and
// returns the mean loss ½(out − label)² before the update.
float compute_gradients(PlaygroundNet& net, const float* xy, const float* labels, int n, PlaygroundWorkspace& ws);
// SGD: w −= lr·gw, b −= lr·gb, then Playground's regularisation of the weights (L1 clamps at a sign change).
void sgd_update(PlaygroundNet& net, float lr);
// Playground's regularisation step on its own (after any optimizer's update): L2 w −= lr·rate·w; L1 moves w
// towards 0 by lr·rate and stops at 0 instead of crossing it. Biases are not regularised.
void apply_regularization(PlaygroundNet& net, float lr);
// False once any weight or bias is NaN or infinite (a diverged run).
bool parameters_finite(const PlaygroundNet& net);
// compute_gradients + sgd_update. Returns the loss before the update.
float train_step(PlaygroundNet& net, const float* xy, const float* labels, int n, float lr, PlaygroundWorkspace& ws);

struct PlaygroundEval {
  double loss = 0;       // mean ½(out − label)²
  double accuracy = 0;   // out ≥ 0 counts as label +1
};
PlaygroundEval evaluate(const PlaygroundNet& net, const float* xy, const float* labels, int n, PlaygroundWorkspace& ws);
void predict(const PlaygroundNet& net, const float* xy, int n, float* out, PlaygroundWorkspace& ws);
// The output over a res×res grid on [lo, hi]²: cell (i, j) is the point x = c_j, y = c_i with
// c_i = lo + (hi − lo)·i/(res − 1), written to out[i·res + j].
void predict_grid(const PlaygroundNet& net, int res, float lo, float hi, float* out, PlaygroundWorkspace& ws);
// Every neuron's output over the grid (the playground's thumbnails): out[(k·res + i)·res + j] for neuron k
// counted over inputs, then each hidden layer, then the output.
void neuron_grid(const PlaygroundNet& net, int res, float lo, float hi, std::vector<float>& out, PlaygroundWorkspace& ws);
int neuron_count(const PlaygroundNet& net);   // inputs + hidden neurons + 1

// All parameters as one flat vector (layer by layer: W[out][in] row-major, then b) for the loss-surface
// lab and the editor; names like "w1[3][0]" (layer 1-based, as Playground's tooltips) and "b2[5]".
size_t parameter_count(const PlaygroundNet& net);
void get_parameters(const PlaygroundNet& net, float* out);
void set_parameters(PlaygroundNet& net, const float* in);
void get_gradients(const PlaygroundNet& net, float* out);
std::string parameter_name(const PlaygroundNet& net, size_t index);

}  // namespace attend::nn
