// Optimizers racing on a surface. Each racer is a method from core/optim/rules.h (the same update the
// engine trains networks with), its own hyperparameters, its state, a bounded trail and loss record, and
// the numbers of its last step for the step-by-step mode: the gradient, the velocity (first moment), the
// second moment and the per-coordinate step it implies, the adjusted direction and the actual update.
// A racer whose position or loss stops being finite, or that runs far outside the view, is marked
// diverged with the reason in words and frozen; nothing here throws or crashes on a bad step.
//
// The race runs inside a train::Session on the worker thread:
//
//   RaceSession session(make_race(make_builtin("rosenbrock").value()), race_hooks());
//   session.post([](Race& r) { set_start(r, {-1.5, 2.0}); });   // a click on the view
//   session.set("Adam.lr", 0.05);                              // one racer's hyperparameter ("lr": all)
//   session.step(1);                                           // step-by-step mode
//   auto snap = session.latest();                              // racers' trails and last StepDetail
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/optim/rules.h"
#include "core/surface/surface.h"
#include "core/train/session.h"

namespace attend::surface {

struct RacerSpec {
  std::string label;  // unique within a race: "SGD", "Adam (lr 0.3)"
  optim::Method method = optim::Method::SGD;
  optim::Hyper hyper;
  uint32_t colour = 0;  // 0xAABBGGRR as Dear ImGui packs it; 0 lets the view pick the method's palette colour
};

// What one step did, in the plane's units, for the step-by-step arrows and their numbers.
struct StepDetail {
  int64_t t = 0;  // 1-based step number of this racer
  Vec2 from, to;
  double loss_from = 0, loss_to = 0;
  Vec2 gradient;       // the gradient the rule used: ∇f(from), plus λ·from for L2 weight decay
  Vec2 velocity;       // first moment after the step: v (Momentum, Nesterov), m (Adam, AdamW); else zero
  Vec2 velocity_hat;   // Adam's bias-corrected m̂ = m/(1 − β₁ᵗ); equal to velocity for the others
  Vec2 second_moment;  // s after the step (AdaGrad's sum, RMSProp's and Adam's average of g²); else zero
  Vec2 scale;          // per-coordinate learning rate: lr (SGD, momentum), lr/(√ŝ + ε) (adaptive methods)
  Vec2 direction;      // the adjusted gradient: to = from − lr·direction
                       //   SGD g · Momentum v · Nesterov g + μv · AdaGrad/RMSProp g/(√s + ε)
                       //   Adam m̂/(√ŝ + ε) · AdamW the same + λ·from (decoupled decay)
  Vec2 update;         // to − from, as the rule moved the point
};

// A bounded record: past kMaxPoints it keeps every other point (and then records every stride-th step),
// so a long run keeps its whole shape in flat memory.
struct Trace {
  static constexpr size_t kMaxPoints = 4096;
  std::vector<Vec2> points;
  std::vector<double> loss;
  std::vector<int64_t> step;
  int64_t stride = 1;
  int64_t seen = 0;
  void add(int64_t t, Vec2 p, double f);
  void clear();
};

struct Racer {
  RacerSpec spec;
  Vec2 p;                  // current position
  double loss = 0;         // f(p)
  double m[2] = {0, 0};    // first-moment state (rules.h's m)
  double s[2] = {0, 0};    // second-moment state (rules.h's s)
  int64_t t = 0;           // steps taken
  Trace trace;             // positions and losses, from the start (step 0)
  bool diverged = false;
  std::string why;         // for a diverged racer: what happened, in words
  bool has_last = false;
  StepDetail last;         // the most recent step
};

struct Race {
  Surface surface;
  Box box;                      // the view; divergence is judged against it
  Vec2 start;
  std::vector<Racer> racers;
  double escape_factor = 25;    // diverged beyond this many box diagonals from the box centre
  int64_t steps = 0;            // race steps since the last reset
};

// Six racers (SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam) with learning rates suited to the surface:
// SGD and the momentum methods get lr = 1/L with L the 90th percentile over the view of the Hessian's
// largest |eigenvalue| (stable for SGD up to 2/L), the adaptive methods a step of about 1 % (Adam, RMSProp)
// or 5 % (AdaGrad) of the view's width, since their steps are measured in the plane's units.
std::vector<RacerSpec> default_racers(const Surface& s);
// The same defaults for the given methods, in that order (a lesson's "racers = SGD, Momentum").
std::vector<RacerSpec> default_racers(const Surface& s, const std::vector<optim::Method>& methods);
// A start point that shows the surface's point (for a few surfaces a chosen one; else near a corner).
Vec2 default_start(const Surface& s);

Race make_race(Surface s, std::vector<RacerSpec> specs);
Race make_race(Surface s);  // default racers and start

// Back to the start with fresh optimizer state and empty trails.
void reset_racers(Race& r);
void set_start(Race& r, Vec2 p);             // resets
void set_surface(Race& r, Surface s);        // resets; the box and start become the surface's defaults
void set_box(Race& r, const Box& box);       // zoom/pan: no reset
void add_racer(Race& r, RacerSpec spec);     // a unique label is made if taken ("Adam 2")
bool remove_racer(Race& r, const std::string& label);
// Replaces every racer (resets).
void set_racers(Race& r, std::vector<RacerSpec> specs);
// Each racer's learning rate becomes the default for its method on r.surface (other hyperparameters kept):
// what a new surface needs, since a rate that suits Himmelblau diverges on Rosenbrock.
void retune_racers(Race& r);
// "lr" sets every racer's; "<label>.<name>" or "<index>.<name>" one racer's. Names: lr, momentum, rho,
// beta1, beta2, eps, weight_decay, bias_correction (0/1). False for an unknown racer or name.
bool set_hyper(Race& r, const std::string& name, double value);

// One step of one racer (nothing when it has diverged). Returns the step's detail (also kept in racer.last).
StepDetail step_racer(const Surface& s, Racer& racer, const Box& box, double escape_factor);
// One step of every racer still running.
void step_race(Race& r);

struct RaceSnapshot {
  train::Progress progress;
  std::string surface_id;
  std::string surface_title;
  std::string formula;
  Box box;
  Vec2 start;
  std::vector<Racer> racers;
};
using RaceSession = train::Session<Race, RaceSnapshot>;
// reset: back to the start; step: every racer once (the session's "loss" is the best racer's, and each
// racer's loss is recorded as "loss/<label>"); set: set_hyper; publish: the racers.
RaceSession::Hooks race_hooks();

}  // namespace attend::surface
