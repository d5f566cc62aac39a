// Universal approximation, live (topic 19): one hidden layer f(x) = Σ_k v_k·σ(w_k·x + b_k) + c fitting a 1-D
// function by full-batch gradient descent, with neurons added or removed while it trains. A new neuron
// starts with v = 0, so the fitted curve does not jump; its kink (or slope, for tanh) is placed at a random
// x inside the domain. Beside the trained fit the snapshot carries what n ReLUs can do by construction (the
// piecewise-linear interpolant through n + 1 evenly spaced knots, error O(1/n²)), so the gap between "such
// a network exists" and "gradient descent finds it" is on screen.
//
//   train::Session<train::Fit1DModel, train::Fit1DSnapshot> s(train::make_fit1d_model({}), train::fit1d_hooks(), 1);
//   s.set("neurons", 8);     // grows the hidden layer, keeping the neurons it has
//   s.run();
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/optim/rules.h"
#include "core/tensor/ops.h"
#include "core/train/session.h"

namespace attend::train {

enum class Target1D { Sine, Step, Abs, Square, Zigzag, Bump };
constexpr int kTarget1DCount = 6;
const char* target1d_name(Target1D t);   // "sine", "step", "abs", "square", "zigzag", "bump"
bool parse_target1d(const std::string& name, Target1D* out);
double target1d(Target1D t, double x);   // on x ∈ [−1, 1]: sin(πx), [x > 0], |x|, x², a zigzag of 4 teeth, exp(−x²/0.02)

struct Fit1DConfig {
  Target1D target = Target1D::Sine;
  int neurons = 3;                        // 1 … kMaxNeurons
  tensor::Activation activation = tensor::Activation::Tanh;  // ReLU, Tanh or Sigmoid
  optim::Method optimizer = optim::Method::Adam;
  double lr = 0.01;
  int points = 64;                        // training points, evenly spaced on [−1, 1]
  double noise = 0;                       // σ of Gaussian noise on the training targets
  int curve_points = 201;                 // where the curves are drawn
};
constexpr int kFit1DMaxNeurons = 64;

struct Fit1DModel {
  Fit1DConfig config;
  std::vector<double> w, b, v;            // per hidden neuron
  double c = 0;                           // output bias
  std::vector<double> x, y;               // training data
  std::vector<double> opt_m, opt_s;       // optimizer state on [w, b, v, c]
  int64_t t = 0;
  uint64_t seed = 0, neuron_draws = 0;    // new neurons draw from (seed, neuron_draws)
  double last_loss = 0;
};

Fit1DModel make_fit1d_model(const Fit1DConfig& c);
void reset(Fit1DModel& m, uint64_t seed);
// One full-batch step on ½·mean (f(x) − y)²; returns the loss before the update.
double train_step(Fit1DModel& m);
double fit1d_output(const Fit1DModel& m, double x);
// Gradient of the loss with respect to [w, b, v, c] (the tests check it against finite differences).
double fit1d_gradient(const Fit1DModel& m, std::vector<double>& grad);
// Grows (new neurons with v = 0) or shrinks (drops the neurons with the smallest |v|) the hidden layer.
void set_neurons(Fit1DModel& m, int n);
// lr, neurons, target (Target1D index), activation (0 ReLU, 1 tanh, 2 sigmoid), optimizer (optim::Method
// index), noise, points. false for an unknown name or a bad value.
bool set_fit1d_hyper(Fit1DModel& m, const std::string& name, double value);

// The best that n ReLU neurons can do by construction: the linear interpolant of the target through n + 1
// evenly spaced knots on [−1, 1] (n − 1 inner kinks, one ReLU each, plus a linear start). Returns its values
// at `xs`.
std::vector<double> relu_interpolant(Target1D target, int neurons, const std::vector<double>& xs);

struct Fit1DSnapshot {
  Progress progress;
  Fit1DConfig config;
  std::vector<double> x, y;                  // training points
  std::vector<double> curve_x, truth, fit;   // the target and the network on an even grid
  std::vector<std::vector<double>> parts;    // each neuron's contribution v_k·σ(w_k·x + b_k) on the grid
  std::vector<double> construction;          // relu_interpolant with as many neurons
  double train_mse = 0;                      // mean (f − y)² on the training points
  double grid_mse = 0, grid_max_error = 0;   // against the noiseless target on the grid
  double construction_mse = 0;
  int neurons = 0;
};

void publish(const Fit1DModel& m, Fit1DSnapshot& s);
Session<Fit1DModel, Fit1DSnapshot>::Hooks fit1d_hooks();

}  // namespace attend::train
