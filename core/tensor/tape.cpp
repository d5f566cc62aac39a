#include "core/tensor/tape.h"

#include <cmath>

namespace attend::tensor {

Node& Tape::push(const char* op, BackwardFn backward, std::initializer_list<Var> inputs) {
  ATTEND_ASSERT(inputs.size() <= 4, "Tape::push: an op takes at most 4 tape inputs");
  if (m_count == m_nodes.size()) m_nodes.emplace_back();
  Node& n = m_nodes[m_count];
  n.id = static_cast<int>(m_count);
  ++m_count;
  n.op = op;
  n.backward = backward;
  n.ext_value = nullptr;
  n.ext_grad = nullptr;
  n.ext = nullptr;
  n.grad_written = false;
  n.needs_grad = false;
  n.caches_used = 0;
  int k = 0;
  for (Var v : inputs) {
    ATTEND_ASSERT(v.id < n.id, "Tape::push: an input is not on this tape (did you reset() in between?)");
    n.in[k++] = v.id;
    if (v.id >= 0 && m_nodes[static_cast<size_t>(v.id)].needs_grad) n.needs_grad = true;
  }
  for (; k < 4; ++k) n.in[k] = -1;
  if (!m_grad_enabled) n.needs_grad = false;
  return n;
}

Var Tape::param(Parameter& p) {
  Node& n = push("param", nullptr, {});
  n.ext_value = &p.value;
  if (!p.grad.same_shape(p.value)) p.zero_grad();
  n.ext_grad = &p.grad;
  n.needs_grad = m_grad_enabled;
  return Var{n.id};
}

Var Tape::constant(const Tensor& t) {
  Node& n = push("constant", nullptr, {});
  n.ext_value = &t;
  return Var{n.id};
}

Var Tape::input(int rows, int cols, bool needs_grad) {
  Node& n = push("input", nullptr, {});
  n.value.resize(rows, cols);
  n.needs_grad = needs_grad && m_grad_enabled;
  return Var{n.id};
}

Tensor& Tape::value_mut(Var v) {
  Node& n = node(v);
  ATTEND_ASSERT(n.ext_value == nullptr, "Tape::value_mut: the node refers to outside data");
  return n.value;
}

const Tensor& Tape::value(Var v) const {
  ATTEND_ASSERT(v.id >= 0 && static_cast<size_t>(v.id) < m_count, "Tape::value: Var not on this tape");
  const Node& n = m_nodes[static_cast<size_t>(v.id)];
  return n.ext_value ? *n.ext_value : n.value;
}

const Tensor* Tape::grad(Var v) const {
  ATTEND_ASSERT(v.id >= 0 && static_cast<size_t>(v.id) < m_count, "Tape::grad: Var not on this tape");
  const Node& n = m_nodes[static_cast<size_t>(v.id)];
  if (n.ext_grad) return n.ext_grad;
  return n.grad_written ? &n.grad : nullptr;
}

double Tape::grad_norm(Var v) const {
  const Tensor* g = grad(v);
  return g ? l2_norm(*g) : 0.0;
}

Tensor* Tape::grad_target(int id, bool* assign) {
  if (id < 0) return nullptr;
  Node& n = m_nodes[static_cast<size_t>(id)];
  if (!n.needs_grad) return nullptr;
  if (n.ext_grad) {
    *assign = false;
    return n.ext_grad;
  }
  const Tensor& v = n.ext_value ? *n.ext_value : n.value;
  *assign = !n.grad_written;
  if (!n.grad_written) {
    n.grad.resize(v.rows, v.cols);
    n.grad_written = true;
  }
  return &n.grad;
}

Tensor* Tape::grad_accum(int id) {
  bool assign = false;
  Tensor* g = grad_target(id, &assign);
  if (g && assign) g->zero();
  return g;
}

void Tape::backward(Var loss) {
  const Tensor& v = value(loss);
  ATTEND_ASSERT(v.rows == 1 && v.cols == 1, "Tape::backward(loss): the loss must be 1x1; pass a seed otherwise");
  Node& n = node(loss);
  for (size_t k = 0; k < m_count; ++k) m_nodes[k].grad_written = false;
  if (!n.needs_grad) return;
  bool assign = false;
  Tensor* g = grad_target(loss.id, &assign);
  if (assign) g->data[0] = 1.f;
  else g->data[0] += 1.f;
  for (size_t k = m_count; k-- > 0;) {
    Node& m = m_nodes[k];
    if (m.backward && m.needs_grad && m.grad_written) m.backward(*this, m);
  }
}

void Tape::backward(Var out, const Tensor& seed) {
  const Tensor& v = value(out);
  ATTEND_ASSERT(v.same_shape(seed), "Tape::backward: the seed gradient must have the output's shape");
  for (size_t k = 0; k < m_count; ++k) m_nodes[k].grad_written = false;
  Node& n = node(out);
  if (!n.needs_grad) return;
  bool assign = false;
  Tensor* g = grad_target(out.id, &assign);
  for (size_t i = 0; i < seed.size(); ++i) g->data[i] = assign ? seed.data[i] : g->data[i] + seed.data[i];
  for (size_t k = m_count; k-- > 0;) {
    Node& m = m_nodes[k];
    if (m.backward && m.needs_grad && m.grad_written) m.backward(*this, m);
  }
}

size_t Tape::activation_bytes() const {
  if (!m_grad_enabled) return 0;
  size_t floats = 0;
  for (size_t k = 0; k < m_count; ++k) {
    const Node& n = m_nodes[k];
    if (n.ext_value) continue;
    floats += n.value.size();
    for (int c = 0; c < 3; ++c)
      if (n.caches_used & (1 << c)) floats += n.cache[c].size();
  }
  return floats * sizeof(float);
}

}  // namespace attend::tensor
