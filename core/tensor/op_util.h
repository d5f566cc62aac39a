// Helpers shared by the op implementations (ops_*.cpp, attention_op.cpp); not part of the public API.
#pragma once

#include <Eigen/Core>

#include "core/tensor/simd.h"
#include "core/tensor/tape.h"

namespace attend::tensor::detail {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatMap = Eigen::Map<RowMat>;
using CMatMap = Eigen::Map<const RowMat>;
using ArrMap = Eigen::Map<Eigen::ArrayXf>;
using CArrMap = Eigen::Map<const Eigen::ArrayXf>;

inline MatMap mat(Tensor& t) { return MatMap(t.ptr(), t.rows, t.cols); }
inline CMatMap mat(const Tensor& t) { return CMatMap(t.ptr(), t.rows, t.cols); }
inline ArrMap arr(Tensor& t) { return ArrMap(t.ptr(), static_cast<Eigen::Index>(t.size())); }
inline CArrMap arr(const Tensor& t) { return CArrMap(t.ptr(), static_cast<Eigen::Index>(t.size())); }

// A new node whose output is sized rows×cols (buffers reused across passes).
inline Node& new_node(Tape& t, const char* op, BackwardFn bw, std::initializer_list<Var> in, int rows, int cols) {
  Node& n = t.push(op, bw, in);
  n.value.resize(rows, cols);
  return n;
}

// Writes `g` (an elementwise expression over n floats) into input k's gradient: assign on the first
// write of the pass, add afterwards. `expr(i)` gives element i.
template <class F>
inline void write_grad(Tape& t, Node& n, int k, F expr) {
  bool assign = false;
  Tensor* g = t.grad_target(n.in[k], &assign);
  if (!g) return;
  float* gp = g->ptr();
  const size_t count = g->size();
  if (assign)
    for (size_t i = 0; i < count; ++i) gp[i] = expr(i);
  else
    for (size_t i = 0; i < count; ++i) gp[i] += expr(i);
}

// The same with explicit 16-lane vectors: vf(i) gives elements i..i+15 (i a multiple of 16) as a simd::F16,
// sf(i) one element (for the tail).
template <class VF, class SF>
inline void write_grad_v(Tape& t, Node& n, int k, VF vf, SF sf) {
  bool assign = false;
  Tensor* g = t.grad_target(n.in[k], &assign);
  if (!g) return;
  float* gp = g->ptr();
  const size_t count = g->size();
  size_t i = 0;
  if (assign) {
    for (; i + simd::kLanes <= count; i += simd::kLanes) simd::store(gp + i, vf(i));
    for (; i < count; ++i) gp[i] = sf(i);
  } else {
    for (; i + simd::kLanes <= count; i += simd::kLanes) simd::store(gp + i, simd::load(gp + i) + vf(i));
    for (; i < count; ++i) gp[i] += sf(i);
  }
}

}  // namespace attend::tensor::detail
