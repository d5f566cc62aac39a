// The playground network on the engine's tape, for what the fast fixed-size PlaygroundNet does not do:
// layer norm or batch norm between each hidden layer's linear map and its activation (topic 8), and the
// engine's own count of the activation memory a training step keeps for backward vs an inference pass
// (topic 23). Same architecture, same weights: a PlaygroundTapeNet is made from a PlaygroundNet and copies
// its weights back for the network diagram, so the view draws one kind of network whichever path trains it.
//
//   nn::PlaygroundTapeNet t = nn::make_tape_net(net, nn::PlaygroundNorm::Batch);
//   tensor::Tape tape;
//   float loss = nn::tape_gradients(tape, t, net, xy, labels, n);   // every Parameter's grad is set
//   ... optimizer step on collect(t) ...
//   nn::store_weights(t, net, true);                                 // back into the fast layout (display)
#pragma once

#include <string>
#include <vector>

#include "core/nn/layers.h"
#include "core/nn/playground_net.h"
#include "core/optim/rules.h"

namespace attend::nn {

enum class PlaygroundNorm { None, Layer, Batch };
const char* norm_name(PlaygroundNorm norm);                    // "none", "layer", "batch"
bool parse_norm(const std::string& name, PlaygroundNorm* out);

struct PlaygroundTapeNet {
  PlaygroundNorm norm = PlaygroundNorm::None;
  std::vector<Parameter> weight, bias;   // per weight layer: in×out (the engine's layout) and 1×out
  std::vector<LayerNorm> layer_norms;    // per hidden layer, when norm == Layer
  std::vector<BatchNorm> batch_norms;    // per hidden layer, when norm == Batch
};

// The tape version of `net` (its current weights), with fresh normalisation layers (γ = 1, β = 0).
PlaygroundTapeNet make_tape_net(const PlaygroundNet& net, PlaygroundNorm norm);
// Copies weights and biases from the fast layout (after an edit) or back to it (for display); with
// `grads` the last gradients go along too.
void load_weights(PlaygroundTapeNet& t, const PlaygroundNet& net);
void store_weights(const PlaygroundTapeNet& t, PlaygroundNet& net, bool grads);
// Every parameter: weights and biases layer by layer, then the normalisation γ and β.
void collect(PlaygroundTapeNet& t, ParamList& out);

struct PlaygroundTapeForward {
  Var output;                       // n×1
  std::vector<Var> activations;     // layer 0 (the input features) … layer L (the output), each n×width
  std::vector<Var> pre_norm, post_norm;  // per hidden layer: the linear map's output and the normalised one
};

// The n×inputs feature matrix of n points (xy: n×2).
void feature_matrix(const PlaygroundNet& shape, const float* xy, int n, Tensor& out);
// Forward over n points. `training` picks batch statistics (and updates the running ones) for batch norm.
// `features` must stay alive until the tape is reset (the tape references it).
PlaygroundTapeForward tape_forward(Tape& tape, PlaygroundTapeNet& t, const PlaygroundNet& shape, const Tensor& features,
                                   bool training);
// ½·mean (out − label)² over the batch (Playground's loss), backward into every parameter's grad (zeroed
// first). Returns the loss. Batch norm needs n ≥ 2 (the caller checks; the engine asserts).
float tape_gradients(Tape& tape, PlaygroundTapeNet& t, const PlaygroundNet& shape, const float* xy, const float* labels,
                     int n, Tensor& features);
// Outputs in eval mode (running statistics), n points.
void tape_predict(Tape& tape, PlaygroundTapeNet& t, const PlaygroundNet& shape, const float* xy, int n, float* out,
                  Tensor& features);
// The grid and per-neuron thumbnails in the layout of predict_grid / neuron_grid, in eval mode.
void tape_neuron_grid(Tape& tape, PlaygroundTapeNet& t, const PlaygroundNet& shape, int res, float lo, float hi,
                      std::vector<float>& out, Tensor& features);

// ---- Training vs inference memory, gradient accumulation (topic 23) ---------------------------------------

// What one training step of this network keeps in memory, counted by the engine: parameters, their
// gradients, the optimizer's state, and the activations the tape keeps for backward on a batch — against an
// inference pass on the same batch, which keeps none (and only ever holds two layers' outputs at once).
struct PlaygroundMemory {
  size_t parameters = 0;                  // values
  size_t parameter_bytes = 0, gradient_bytes = 0, optimizer_bytes = 0;
  size_t activation_bytes_train = 0;      // Tape::activation_bytes() after a training forward and backward
  size_t activation_bytes_inference = 0;  // the same count with grad disabled
  size_t inference_live_bytes = 0;        // the largest two consecutive layer outputs of the batch
};
PlaygroundMemory playground_memory(const PlaygroundNet& net, PlaygroundNorm norm, optim::Method method, int batch);

// Gradient accumulation: the batch split into `micro` micro-batches, each one's gradient weighted by its
// share of the batch and summed, against the gradient of the whole batch at once. Without batch norm they
// agree to float rounding while each pass keeps ~1/micro of the activations; with batch norm they differ,
// since every micro-batch normalises with its own statistics.
struct AccumulationCheck {
  int micro = 1;
  size_t activation_bytes_full = 0, activation_bytes_micro = 0;  // the largest single pass
  double max_abs_difference = 0;          // over every parameter's gradient
  double max_abs_gradient = 0;            // of the full-batch gradient (for scale)
  double loss_full = 0, loss_accumulated = 0;
};
AccumulationCheck check_accumulation(const PlaygroundNet& net, PlaygroundNorm norm, const float* xy, const float* labels,
                                     int n, int micro);

}  // namespace attend::nn
