// The tape: reverse-mode autograd over Tensors. Each op appends a Node holding its output, its inputs and a
// pointer to its backward function; `backward` walks the nodes in reverse and each node pushes its output
// gradient into its inputs' gradients. Parameters enter as leaves whose gradient is the Parameter's own
// `grad`, so after backward the model's parameters hold dL/dθ.
//
//   Tape tape;
//   for (;;) {                                  // one training step
//     tape.reset();                             // forget the graph, keep every buffer
//     Var x = tape.constant(batch);
//     Var h = tanh(tape, linear(tape, x, tape.param(w), tape.param(b)));
//     Var loss = mse(tape, h, tape.constant(target));
//     tape.backward(loss);                      // w.grad, b.grad now hold the gradient
//   }
//
// No allocation in steady state: nodes live in a deque that is never shrunk, and reset() only rewinds a
// counter. The i-th op of a pass reuses the i-th node's buffers, so when a model runs the same forward again
// every `resize` is a no-op. Gradient buffers are written, not zeroed-then-accumulated: the first op that
// writes a node's gradient assigns it (see grad_target), which saves a pass over every activation.
//
// With grad disabled (inference), ops skip the caches their backward would need and record nothing for
// backward: activation_bytes() then counts zero bytes kept for backward.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <vector>

#include "core/tensor/tensor.h"

namespace attend::tensor {

struct Var {
  int id = -1;
  bool valid() const { return id >= 0; }
};

class Tape;
struct Node;
using BackwardFn = void (*)(Tape&, Node&);

struct Node {
  int id = -1;                     // its index on the tape: Var{id}
  const char* op = "";
  Tensor value;                    // the output, unless the node is a leaf that refers to outside data
  Tensor grad;                     // dL/d(value) for non-parameter nodes
  const Tensor* ext_value = nullptr;  // leaf: the parameter's or caller's tensor
  Tensor* ext_grad = nullptr;         // parameter leaf: gradients accumulate here
  int in[4] = {-1, -1, -1, -1};
  BackwardFn backward = nullptr;
  bool needs_grad = false;         // some parameter upstream wants a gradient
  bool grad_written = false;       // set by the first write in a backward pass
  float f[4] = {0, 0, 0, 0};       // small float attributes (eps, scale, ...)
  int i[8] = {0, 0, 0, 0, 0, 0, 0, 0};  // small int attributes (batch, seq, heads, ...)
  Tensor cache[3];                 // what the backward needs beyond inputs and output
  unsigned caches_used = 0;        // bit k: cache[k] belongs to this pass (see use_cache)
  std::vector<int> ints;           // token ids, targets, masks, node lists
  void* ext = nullptr;             // op-specific pointer (a record to fill, a running-stats tensor)
};

class Tape {
 public:
  explicit Tape(bool grad_enabled = true) : m_grad_enabled(grad_enabled) {}
  Tape(const Tape&) = delete;
  Tape& operator=(const Tape&) = delete;
  Tape(Tape&&) = default;
  Tape& operator=(Tape&&) = default;

  void reset() { m_count = 0; }
  void set_grad_enabled(bool on) { m_grad_enabled = on; }
  bool grad_enabled() const { return m_grad_enabled; }

  // Leaves. The tensors are referenced, not copied: they must outlive the pass.
  Var param(Parameter& p);                 // gradient accumulates into p.grad
  Var constant(const Tensor& t);           // no gradient
  // A leaf that owns its value (the caller fills it through value_mut). With `needs_grad` its gradient is
  // kept in the node (gradient checks and probes of dL/dx use this).
  Var input(int rows, int cols, bool needs_grad = false);
  Tensor& value_mut(Var v);

  const Tensor& value(Var v) const;
  // The gradient of a node after backward, or null when the pass did not reach it.
  const Tensor* grad(Var v) const;
  double grad_norm(Var v) const;           // 0 when the pass did not reach it

  // Backward from a scalar (1×1) loss with dL/dL = 1, or from any node with a given seed gradient.
  void backward(Var loss);
  void backward(Var out, const Tensor& seed);

  size_t node_count() const { return m_count; }
  // Bytes of activations and caches the current graph keeps for backward (0 with grad disabled).
  size_t activation_bytes() const;

  // ---- For op implementations (core/tensor/ops_*.cpp) ----
  // Appends a node for `op` with `inputs`; sizes nothing. needs_grad is set from the inputs.
  Node& push(const char* op, BackwardFn backward, std::initializer_list<Var> inputs);
  Node& node(Var v) { return m_nodes[static_cast<size_t>(v.id)]; }
  const Node& node(Var v) const { return m_nodes[static_cast<size_t>(v.id)]; }
  Node& node(int id) { return m_nodes[static_cast<size_t>(id)]; }
  const Tensor& value(int id) const { return value(Var{id}); }
  // The gradient buffer of input `id` to write into, or null when it needs no gradient. `*assign` is true
  // when this is the first write of the pass (the op must overwrite the whole buffer, not add to it).
  Tensor* grad_target(int id, bool* assign);
  // Same, for ops that write only part of the buffer: the buffer is zeroed on first use, always add.
  Tensor* grad_accum(int id);
  // cache[k] of `n`, sized rows×cols and counted in activation_bytes().
  static Tensor& use_cache(Node& n, int k, int rows, int cols) {
    n.caches_used |= 1u << k;
    n.cache[k].resize(rows, cols);
    return n.cache[k];
  }

 private:
  std::deque<Node> m_nodes;   // a deque: references stay valid while ops append
  size_t m_count = 0;
  bool m_grad_enabled = true;
};

}  // namespace attend::tensor
