// Tensor and Parameter: the engine's plain data. A Tensor is a row-major 2-D float matrix held in a
// std::vector (64-byte aligned, see FloatVec), so a snapshot can copy it and a view can read it without
// Eigen; sequences are laid out as (batch·seq) × features, row b·T + t. A Parameter is a named tensor with its gradient, the unit the
// optimizers update, the loss-surface lab perturbs and the playground lets a user edit.
//
//   Tensor w(64, 192);                 // zeros
//   w(3, 5) = 1.f;
//   w.resize(8, 8);                    // reuses the buffer: no allocation when it shrinks or stays
//
// Compute code maps tensors into Eigen in .cpp files (core/tensor/eigen_map.h); public headers stay
// Eigen-free so views compile fast.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "core/util/assert.h"

namespace attend {
struct SplitMix64;
}

namespace attend::tensor {

// An allocator that aligns every block to A bytes. With 64, a tensor whose row length is a multiple of 16
// floats has every row on cache-line boundaries, so the GEMM's 64-byte loads and stores never split a line
// (std::allocator gives 16: most AVX-512 accesses then touch two lines, 10–25% of GEMM throughput here).
template <class T, size_t A>
struct AlignedAllocator {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = AlignedAllocator<U, A>;
  };
  AlignedAllocator() = default;
  template <class U>
  AlignedAllocator(const AlignedAllocator<U, A>&) {}
  T* allocate(size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(A))); }
  void deallocate(T* p, size_t) { ::operator delete(p, std::align_val_t(A)); }
  template <class U>
  bool operator==(const AlignedAllocator<U, A>&) const { return true; }
  template <class U>
  bool operator!=(const AlignedAllocator<U, A>&) const { return false; }
};

// A tensor's storage. Copy it into a std::vector<float> with `std::vector<float>(v.begin(), v.end())`.
using FloatVec = std::vector<float, AlignedAllocator<float, 64>>;

struct Tensor {
  int rows = 0;
  int cols = 0;
  FloatVec data;

  Tensor() = default;
  Tensor(int r, int c, float fill = 0.f) : rows(r), cols(c), data(static_cast<size_t>(r) * c, fill) {}

  // Changes the shape, keeping capacity; new elements are zero, existing ones keep whatever they held.
  void resize(int r, int c) {
    ATTEND_ASSERT(r >= 0 && c >= 0, "Tensor::resize: negative shape");
    rows = r;
    cols = c;
    data.resize(static_cast<size_t>(r) * c);
  }
  void zero();
  void fill(float v);
  size_t size() const { return static_cast<size_t>(rows) * cols; }
  bool empty() const { return rows == 0 || cols == 0; }
  bool same_shape(const Tensor& o) const { return rows == o.rows && cols == o.cols; }
  float* ptr() { return data.data(); }
  const float* ptr() const { return data.data(); }
  float* row(int r) { return data.data() + static_cast<size_t>(r) * cols; }
  const float* row(int r) const { return data.data() + static_cast<size_t>(r) * cols; }
  float& operator()(int r, int c) { return data[static_cast<size_t>(r) * cols + c]; }
  float operator()(int r, int c) const { return data[static_cast<size_t>(r) * cols + c]; }
};

// Whole-tensor helpers (double accumulation: these feed displayed numbers and gradient checks).
double sum(const Tensor& t);
double l2_norm(const Tensor& t);
double max_abs(const Tensor& t);
double max_abs_diff(const Tensor& a, const Tensor& b);

// Initialisers; all deterministic given the generator's state.
void fill_normal(Tensor& t, SplitMix64& rng, float mean, float stddev);
void fill_uniform(Tensor& t, SplitMix64& rng, float lo, float hi);

// A trainable tensor. `grad` has the value's shape once a backward pass has touched it; gradients
// accumulate (+=) across backward passes until zero_grad, which is how gradient accumulation works.
struct Parameter {
  std::string name;     // dotted path, e.g. "blocks.0.attn.qkv.weight"
  Tensor value;
  Tensor grad;
  bool decay = true;    // whether weight decay applies (AdamW in the bench decays every parameter)

  Parameter() = default;
  Parameter(std::string n, int rows, int cols) : name(std::move(n)), value(rows, cols), grad(rows, cols) {}
  void zero_grad() { grad.resize(value.rows, value.cols), grad.zero(); }
};

// Parameters are enumerated by walking a model into a list of pointers; the list is rebuilt on demand, so a
// copied model (session checkpoints) never holds pointers into another copy.
using ParamList = std::vector<Parameter*>;
void zero_grad(const ParamList& params);
size_t count_elements(const ParamList& params);
double grad_norm(const ParamList& params);   // global L2 norm of every gradient

}  // namespace attend::tensor
