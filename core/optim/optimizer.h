// Tensor-level optimizers: the update rules of rules.h applied to every Parameter of a model, plus what
// training loops around them need: clipping by global norm, learning-rate schedules and gradient
// accumulation over micro-batches.
//
//   optim::Optimizer opt = optim::make_optimizer(optim::Method::AdamW, hyper);
//   for (;;) {
//     tensor::zero_grad(params);
//     ... forward, tape.backward(loss) ...
//     optim::clip_grad_norm(params, 1.0);                 // optional
//     opt.hyper.lr = optim::lr_at(schedule, opt.t);        // optional
//     optim::step(opt, params);
//   }
//
// State (momentum, squared-gradient averages) is kept per parameter, in the order of the list given to
// step(); it is allocated on the first step and reused after, so steps allocate nothing.
#pragma once

#include <cstdint>
#include <vector>

#include "core/optim/rules.h"
#include "core/tensor/tensor.h"

namespace attend::optim {

struct Optimizer {
  Method method = Method::AdamW;
  Hyper hyper;
  int64_t t = 0;                         // updates taken
  std::vector<tensor::Tensor> m, s;      // first / second moment per parameter (empty when unused)
};

Optimizer make_optimizer(Method method, const Hyper& hyper);
// One update of every parameter from its gradient. Parameters with decay == false get no weight decay.
void step(Optimizer& opt, const tensor::ParamList& params);
void reset_state(Optimizer& opt);        // forget moments and the step count (a fresh start)

// Scales every gradient so their global L2 norm is at most max_norm. Returns the norm before clipping.
double clip_grad_norm(const tensor::ParamList& params, double max_norm);

// ---- Learning-rate schedules ----
struct Schedule {
  enum class Kind { Constant, Step, Cosine } kind = Kind::Constant;
  double base_lr = 1e-3;
  int64_t warmup = 0;        // linear ramp from base_lr/warmup to base_lr over the first `warmup` steps
  int64_t step_size = 100;   // Step: multiply by gamma every step_size steps (after warm-up)
  double gamma = 0.1;
  int64_t total = 1000;      // Cosine: steps from the end of warm-up to min_lr
  double min_lr = 0;
};
// The learning rate for update number `step` (0-based).
double lr_at(const Schedule& s, int64_t step);
const char* schedule_name(Schedule::Kind k);

// ---- Gradient accumulation ----
// Emulates a batch of micro_batches × b with micro-batches of b: scale each micro-batch's mean loss by
// loss_scale() (gradients add up across backward passes), and step when add() says the group is complete.
struct Accumulation {
  int micro_batches = 1;
  int seen = 0;
  float loss_scale() const { return 1.f / static_cast<float>(micro_batches); }
  // Call after each micro-batch's backward; true when the optimizer should step (and the count restarts).
  bool add() {
    if (++seen < micro_batches) return false;
    seen = 0;
    return true;
  }
};

}  // namespace attend::optim
