// Linear algebra, elementwise ops and reductions. Each op's backward sits right below its forward.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>

#include "core/tensor/fast_math.h"
#include "core/tensor/simd.h"
#include "core/tensor/gemm.h"
#include "core/tensor/op_util.h"
#include "core/tensor/ops.h"

namespace attend::tensor {

using namespace detail;

// ============================================================================================ matmul
static void matmul_backward(Tape& t, Node& n) {
  const Tensor& a = t.value(n.in[0]);
  const Tensor& b = t.value(n.in[1]);
  const Tensor& g = n.grad;  // n×m
  bool assign = false;
  if (Tensor* ga = t.grad_target(n.in[0], &assign))  // dA = dC·Bᵀ
    sgemm(false, true, a.rows, a.cols, b.cols, g.ptr(), g.cols, b.ptr(), b.cols, ga->ptr(), a.cols, !assign);
  if (Tensor* gb = t.grad_target(n.in[1], &assign))  // dB = Aᵀ·dC
    sgemm(true, false, b.rows, b.cols, a.rows, a.ptr(), a.cols, g.ptr(), g.cols, gb->ptr(), b.cols, !assign);
}

Var matmul(Tape& t, Var a, Var b) {
  const Tensor& av = t.value(a);
  const Tensor& bv = t.value(b);
  ATTEND_ASSERT(av.cols == bv.rows, "matmul: inner dimensions differ (a is n×k, b must be k×m)");
  Node& n = new_node(t, "matmul", matmul_backward, {a, b}, av.rows, bv.cols);
  sgemm(false, false, av.rows, bv.cols, av.cols, av.ptr(), av.cols, bv.ptr(), bv.cols, n.value.ptr(), bv.cols,
        false);
  return Var{n.id};
}

// ============================================================================================ linear
static void linear_backward(Tape& t, Node& n) {
  const Tensor& x = t.value(n.in[0]);
  const Tensor& w = t.value(n.in[1]);
  const Tensor& g = n.grad;  // rows×out
  bool assign = false;
  if (Tensor* gx = t.grad_target(n.in[0], &assign))  // dx = dy·wᵀ
    sgemm(false, true, x.rows, x.cols, w.cols, g.ptr(), g.cols, w.ptr(), w.cols, gx->ptr(), x.cols, !assign);
  if (Tensor* gw = t.grad_target(n.in[1], &assign))  // dw = xᵀ·dy
    sgemm(true, false, w.rows, w.cols, x.rows, x.ptr(), x.cols, g.ptr(), g.cols, gw->ptr(), w.cols, !assign);
  if (n.in[3] >= 0) {  // linear_residual: the residual input receives dy unchanged
    const float* gp = g.ptr();
    write_grad_v(t, n, 3, [&](size_t i) { return simd::load(gp + i); }, [&](size_t i) { return gp[i]; });
  }
  if (n.in[2] >= 0) {
    if (Tensor* gb = t.grad_target(n.in[2], &assign)) {  // db = Σ_rows dy
      if (assign) gb->zero();
      float* bp = gb->ptr();
      for (int r = 0; r < g.rows; ++r) {
        const float* gr = g.row(r);
        for (int c = 0; c < g.cols; ++c) bp[c] += gr[c];
      }
    }
  }
}

Var linear(Tape& t, Var x, Var w, Var b) {
  const Tensor& xv = t.value(x);
  const Tensor& wv = t.value(w);
  ATTEND_ASSERT(xv.cols == wv.rows, "linear: x.cols must equal w.rows (weights are in×out)");
  Node& n = b.valid() ? new_node(t, "linear", linear_backward, {x, w, b}, xv.rows, wv.cols)
                      : new_node(t, "linear", linear_backward, {x, w}, xv.rows, wv.cols);
  if (b.valid()) {
    const Tensor& bv = t.value(b);
    ATTEND_ASSERT(bv.rows == 1 && bv.cols == wv.cols, "linear: the bias must be 1×out");
    sgemm_bias(false, false, xv.rows, wv.cols, xv.cols, xv.ptr(), xv.cols, wv.ptr(), wv.cols, n.value.ptr(), wv.cols,
               bv.ptr());
  } else {
    sgemm(false, false, xv.rows, wv.cols, xv.cols, xv.ptr(), xv.cols, wv.ptr(), wv.cols, n.value.ptr(), wv.cols,
          false);
  }
  return Var{n.id};
}

// =================================================================================== linear_residual
Var linear_residual(Tape& t, Var x, Var w, Var b, Var residual) {
  const Tensor& xv = t.value(x);
  const Tensor& wv = t.value(w);
  const Tensor& rv = t.value(residual);
  ATTEND_ASSERT(xv.cols == wv.rows, "linear_residual: x.cols must equal w.rows (weights are in×out)");
  ATTEND_ASSERT(rv.rows == xv.rows && rv.cols == wv.cols, "linear_residual: the residual must be rows×out");
  Node& n = new_node(t, "linear_residual", linear_backward, {x, w, b, residual}, xv.rows, wv.cols);
  std::memcpy(n.value.ptr(), rv.ptr(), sizeof(float) * rv.size());
  if (b.valid()) {
    const Tensor& bv = t.value(b);
    ATTEND_ASSERT(bv.rows == 1 && bv.cols == wv.cols, "linear_residual: the bias must be 1×out");
    sgemm_bias(false, false, xv.rows, wv.cols, xv.cols, xv.ptr(), xv.cols, wv.ptr(), wv.cols, n.value.ptr(), wv.cols,
               bv.ptr(), true);
  } else {
    sgemm(false, false, xv.rows, wv.cols, xv.cols, xv.ptr(), xv.cols, wv.ptr(), wv.cols, n.value.ptr(), wv.cols, true);
  }
  return Var{n.id};
}

// =============================================================================================== bmm
// i[0] = batch, i[1] = transpose_b, i[2] = n, i[3] = k, i[4] = m
static void bmm_backward(Tape& t, Node& n) {
  const Tensor& a = t.value(n.in[0]);
  const Tensor& b = t.value(n.in[1]);
  const int batch = n.i[0], tb = n.i[1], rn = n.i[2], k = n.i[3], m = n.i[4];
  const Tensor& g = n.grad;
  bool assign = false;
  if (Tensor* ga = t.grad_target(n.in[0], &assign)) {
    for (int s = 0; s < batch; ++s) {
      const float* gs = g.ptr() + static_cast<long>(s) * rn * m;
      const float* bs = b.ptr() + static_cast<long>(s) * k * m;
      // dA = dC·op(B)ᵀ: op(B) is k×m; when B is stored m×k (transposed), op(B)ᵀ is B itself.
      sgemm(false, !tb, rn, k, m, gs, m, bs, tb ? k : m, ga->ptr() + static_cast<long>(s) * rn * k, k, !assign);
    }
  }
  if (Tensor* gb = t.grad_target(n.in[1], &assign)) {
    for (int s = 0; s < batch; ++s) {
      const float* gs = g.ptr() + static_cast<long>(s) * rn * m;
      const float* as = a.ptr() + static_cast<long>(s) * rn * k;
      float* dst = gb->ptr() + static_cast<long>(s) * k * m;
      if (tb)  // B stored m×k: dB = dCᵀ·A
        sgemm(true, false, m, k, rn, gs, m, as, k, dst, k, !assign);
      else     // dB = Aᵀ·dC
        sgemm(true, false, k, m, rn, as, k, gs, m, dst, m, !assign);
    }
  }
}

Var bmm(Tape& t, Var a, Var b, int batch, bool transpose_b) {
  const Tensor& av = t.value(a);
  const Tensor& bv = t.value(b);
  ATTEND_ASSERT(batch > 0 && av.rows % batch == 0 && bv.rows % batch == 0, "bmm: rows must split into batch blocks");
  const int rn = av.rows / batch, k = av.cols;
  const int m = transpose_b ? bv.rows / batch : bv.cols;
  ATTEND_ASSERT((transpose_b ? bv.cols : bv.rows / batch) == k, "bmm: inner dimensions differ");
  Node& n = new_node(t, "bmm", bmm_backward, {a, b}, batch * rn, m);
  n.i[0] = batch;
  n.i[1] = transpose_b;
  n.i[2] = rn;
  n.i[3] = k;
  n.i[4] = m;
  for (int s = 0; s < batch; ++s)
    sgemm(false, transpose_b, rn, m, k, av.ptr() + static_cast<long>(s) * rn * k, k,
          bv.ptr() + static_cast<long>(s) * k * m, transpose_b ? k : m, n.value.ptr() + static_cast<long>(s) * rn * m,
          m, false);
  return Var{n.id};
}

// ======================================================================================= add / sub / mul
static void add_backward(Tape& t, Node& n) {
  const Tensor& g = n.grad;
  const float* gp = g.ptr();
  const auto vcopy = [&](size_t i) { return simd::load(gp + i); };
  const auto scopy = [&](size_t i) { return gp[i]; };
  write_grad_v(t, n, 0, vcopy, scopy);
  const Tensor& b = t.value(n.in[1]);
  if (b.same_shape(g)) {
    write_grad_v(t, n, 1, vcopy, scopy);
  } else if (Tensor* gb = t.grad_accum(n.in[1])) {  // broadcast row: sum over rows
    for (int r = 0; r < g.rows; ++r)
      for (int c = 0; c < g.cols; ++c) gb->data[static_cast<size_t>(c)] += g(r, c);
  }
}

Var add(Tape& t, Var a, Var b) {
  const Tensor& av = t.value(a);
  const Tensor& bv = t.value(b);
  const bool bcast = !av.same_shape(bv);
  ATTEND_ASSERT(!bcast || (bv.rows == 1 && bv.cols == av.cols), "add: b must have a's shape or be 1×cols");
  Node& n = new_node(t, "add", add_backward, {a, b}, av.rows, av.cols);
  if (!bcast) {
    arr(n.value) = arr(av) + arr(bv);
  } else {
    for (int r = 0; r < av.rows; ++r)
      for (int c = 0; c < av.cols; ++c) n.value(r, c) = av(r, c) + bv.data[static_cast<size_t>(c)];
  }
  return Var{n.id};
}

static void sub_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  write_grad(t, n, 0, [&](size_t i) { return gp[i]; });
  write_grad(t, n, 1, [&](size_t i) { return -gp[i]; });
}

Var sub(Tape& t, Var a, Var b) {
  const Tensor& av = t.value(a);
  const Tensor& bv = t.value(b);
  ATTEND_ASSERT(av.same_shape(bv), "sub: shapes differ");
  Node& n = new_node(t, "sub", sub_backward, {a, b}, av.rows, av.cols);
  arr(n.value) = arr(av) - arr(bv);
  return Var{n.id};
}

static void mul_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* ap = t.value(n.in[0]).ptr();
  const float* bp = t.value(n.in[1]).ptr();
  write_grad(t, n, 0, [&](size_t i) { return gp[i] * bp[i]; });
  write_grad(t, n, 1, [&](size_t i) { return gp[i] * ap[i]; });
}

Var mul(Tape& t, Var a, Var b) {
  const Tensor& av = t.value(a);
  const Tensor& bv = t.value(b);
  ATTEND_ASSERT(av.same_shape(bv), "mul: shapes differ (elementwise product)");
  Node& n = new_node(t, "mul", mul_backward, {a, b}, av.rows, av.cols);
  arr(n.value) = arr(av) * arr(bv);
  return Var{n.id};
}

static void scale_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float s = n.f[0];
  write_grad(t, n, 0, [&](size_t i) { return s * gp[i]; });
}

Var scale(Tape& t, Var a, float s) {
  const Tensor& av = t.value(a);
  Node& n = new_node(t, "scale", scale_backward, {a}, av.rows, av.cols);
  n.f[0] = s;
  arr(n.value) = arr(av) * s;
  return Var{n.id};
}

static void add_scalar_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  write_grad(t, n, 0, [&](size_t i) { return gp[i]; });
}

Var add_scalar(Tape& t, Var a, float s) {
  const Tensor& av = t.value(a);
  Node& n = new_node(t, "add_scalar", add_scalar_backward, {a}, av.rows, av.cols);
  arr(n.value) = arr(av) + s;
  return Var{n.id};
}

// ========================================================================================= unary maps
template <class F>
static Var unary(Tape& t, Var x, const char* op, BackwardFn bw, F f) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, op, bw, {x}, xv.rows, xv.cols);
  const float* xp = xv.ptr();
  float* y = n.value.ptr();
  const size_t count = xv.size();
  for (size_t i = 0; i < count; ++i) y[i] = f(xp[i]);
  return Var{n.id};
}

// The same with a 16-lane functor (simd.h) for the transcendental activations.
template <class VF>
static Var unary_v(Tape& t, Var x, const char* op, BackwardFn bw, VF f) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, op, bw, {x}, xv.rows, xv.cols);
  simd::map_array(xv.ptr(), n.value.ptr(), xv.size(), f);
  return Var{n.id};
}

static void relu_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* xp = t.value(n.in[0]).ptr();
  write_grad(t, n, 0, [&](size_t i) { return xp[i] > 0.f ? gp[i] : 0.f; });
}
Var relu(Tape& t, Var x) {
  return unary(t, x, "relu", relu_backward, [](float v) { return v > 0.f ? v : 0.f; });
}

static void tanh_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* yp = n.value.ptr();
  write_grad_v(
      t, n, 0,
      [&](size_t i) {
        const simd::F16 y = simd::load(yp + i);
        return simd::load(gp + i) * (1.f - y * y);
      },
      [&](size_t i) { return gp[i] * (1.f - yp[i] * yp[i]); });
}
Var tanh(Tape& t, Var x) { return unary_v(t, x, "tanh", tanh_backward, [](simd::F16 v) { return simd::tanh(v); }); }

static void sigmoid_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* yp = n.value.ptr();
  write_grad_v(
      t, n, 0,
      [&](size_t i) {
        const simd::F16 y = simd::load(yp + i);
        return simd::load(gp + i) * y * (1.f - y);
      },
      [&](size_t i) { return gp[i] * yp[i] * (1.f - yp[i]); });
}
Var sigmoid(Tape& t, Var x) {
  return unary_v(t, x, "sigmoid", sigmoid_backward, [](simd::F16 v) { return simd::sigmoid(v); });
}

// cache[0] = GELU'(x), written by the forward: x·Φ(x) and Φ(x) + x·φ(x) share Φ, so the forward computes
// both in one pass and the backward is one multiply (it was a second erf and an exp per element).
static void gelu_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* dp = n.cache[0].ptr();
  write_grad_v(
      t, n, 0, [&](size_t i) { return simd::load(gp + i) * simd::load(dp + i); },
      [&](size_t i) { return gp[i] * dp[i]; });
}
Var gelu(Tape& t, Var x) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, "gelu", gelu_backward, {x}, xv.rows, xv.cols);
  if (!n.needs_grad) {
    simd::map_array(xv.ptr(), n.value.ptr(), xv.size(), [](simd::F16 v) { return simd::gelu(v); });
    return Var{n.id};
  }
  Tensor& d = Tape::use_cache(n, 0, xv.rows, xv.cols);
  const float* xp = xv.ptr();
  float* yp = n.value.ptr();
  float* dp = d.ptr();
  const size_t count = xv.size();
  constexpr size_t L = simd::kLanes;
  size_t i = 0;
  // The same expressions as simd::gelu and simd::gelu_grad (0.5·x·(1 + erf) = x·Φ exactly: ·0.5 is exact).
  auto both = [](simd::F16 v, simd::F16& y, simd::F16& dy) {
    const simd::F16 cdf = 0.5f * (1.f + simd::erf(v * 0.70710678118654752f));
    const simd::F16 pdf = 0.39894228040143268f * simd::exp(-0.5f * v * v);
    y = v * cdf;
    dy = cdf + v * pdf;
  };
  for (; i + L <= count; i += L) {
    simd::F16 y, dy;
    both(simd::load(xp + i), y, dy);
    simd::store(yp + i, y);
    simd::store(dp + i, dy);
  }
  if (i < count) {  // the tail through a padded vector, as simd::map_array does
    float tmp[L] = {}, ty[L], td[L];
    std::memcpy(tmp, xp + i, sizeof(float) * (count - i));
    simd::F16 y, dy;
    both(simd::load(tmp), y, dy);
    simd::store(ty, y);
    simd::store(td, dy);
    std::memcpy(yp + i, ty, sizeof(float) * (count - i));
    std::memcpy(dp + i, td, sizeof(float) * (count - i));
  }
  return Var{n.id};
}

static void exp_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* yp = n.value.ptr();
  write_grad(t, n, 0, [&](size_t i) { return gp[i] * yp[i]; });
}
Var exp(Tape& t, Var x) { return unary(t, x, "exp", exp_backward, [](float v) { return std::exp(v); }); }

static void log_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* xp = t.value(n.in[0]).ptr();
  write_grad(t, n, 0, [&](size_t i) { return gp[i] / xp[i]; });
}
Var log(Tape& t, Var x) { return unary(t, x, "log", log_backward, [](float v) { return std::log(v); }); }

static void square_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* xp = t.value(n.in[0]).ptr();
  write_grad(t, n, 0, [&](size_t i) { return 2.f * xp[i] * gp[i]; });
}
Var square(Tape& t, Var x) { return unary(t, x, "square", square_backward, [](float v) { return v * v; }); }

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Linear: return "linear";
    case Activation::ReLU: return "relu";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::GELU: return "gelu";
  }
  return "?";
}

bool parse_activation(const char* name, Activation* out) {
  std::string lower;
  for (const char* c = name; *c; ++c) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
  for (Activation a : {Activation::Linear, Activation::ReLU, Activation::Tanh, Activation::Sigmoid, Activation::GELU})
    if (lower == activation_name(a)) {
      *out = a;
      return true;
    }
  return false;
}

Var activate(Tape& t, Var x, Activation a) {
  switch (a) {
    case Activation::Linear: return x;
    case Activation::ReLU: return relu(t, x);
    case Activation::Tanh: return tanh(t, x);
    case Activation::Sigmoid: return sigmoid(t, x);
    case Activation::GELU: return gelu(t, x);
  }
  return x;
}

// ========================================================================================= reductions
static void sum_backward(Tape& t, Node& n) {
  const float g = n.grad.data[0] * n.f[0];  // f[0]: 1 for sum, 1/count for mean
  write_grad(t, n, 0, [&](size_t) { return g; });
}

Var sum(Tape& t, Var x) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, "sum", sum_backward, {x}, 1, 1);
  n.f[0] = 1.f;
  n.value.data[0] = static_cast<float>(tensor::sum(xv));
  return Var{n.id};
}

Var mean(Tape& t, Var x) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, "mean", sum_backward, {x}, 1, 1);
  n.f[0] = 1.f / static_cast<float>(xv.size());
  n.value.data[0] = static_cast<float>(tensor::sum(xv) / static_cast<double>(xv.size()));
  return Var{n.id};
}

static void sum_rows_backward(Tape& t, Node& n) {
  const Tensor& g = n.grad;  // 1×cols
  const int cols = g.cols;
  write_grad(t, n, 0, [&](size_t i) { return g.data[i % static_cast<size_t>(cols)]; });
}

Var sum_rows(Tape& t, Var x) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, "sum_rows", sum_rows_backward, {x}, 1, xv.cols);
  mat(n.value) = mat(xv).colwise().sum();
  return Var{n.id};
}

static void sum_cols_backward(Tape& t, Node& n) {
  const Tensor& g = n.grad;  // rows×1
  const size_t cols = static_cast<size_t>(t.value(n.in[0]).cols);
  write_grad(t, n, 0, [&](size_t i) { return g.data[i / cols]; });
}

Var sum_cols(Tape& t, Var x) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, "sum_cols", sum_cols_backward, {x}, xv.rows, 1);
  mat(n.value) = mat(xv).rowwise().sum();
  return Var{n.id};
}

// ============================================================================================ masking
static void masked_fill_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const int* mk = n.ints.data();
  const size_t tile = n.ints.size();
  write_grad(t, n, 0, [&](size_t i) { return mk[i % tile] ? 0.f : gp[i]; });
}

Var masked_fill(Tape& t, Var x, const std::vector<uint8_t>& mask, int mask_rows, float value) {
  const Tensor& xv = t.value(x);
  ATTEND_ASSERT(mask_rows > 0 && xv.rows % mask_rows == 0, "masked_fill: x.rows must be a multiple of mask_rows");
  ATTEND_ASSERT(mask.size() == static_cast<size_t>(mask_rows) * xv.cols, "masked_fill: mask must be mask_rows×cols");
  Node& n = new_node(t, "masked_fill", masked_fill_backward, {x}, xv.rows, xv.cols);
  n.ints.assign(mask.begin(), mask.end());
  const size_t tile = mask.size();
  for (size_t i = 0; i < xv.size(); ++i) n.value.data[i] = mask[i % tile] ? value : xv.data[i];
  return Var{n.id};
}

void causal_mask(int seq, std::vector<uint8_t>& out) {
  out.resize(static_cast<size_t>(seq) * seq);
  for (int i = 0; i < seq; ++i)
    for (int j = 0; j < seq; ++j) out[static_cast<size_t>(i) * seq + j] = j > i ? 1 : 0;
}

// ============================================================================================== shape
// i[0] = start
static void slice_cols_backward(Tape& t, Node& n) {
  Tensor* gx = t.grad_accum(n.in[0]);
  if (!gx) return;
  const Tensor& g = n.grad;
  for (int r = 0; r < g.rows; ++r)
    for (int c = 0; c < g.cols; ++c) (*gx)(r, n.i[0] + c) += g(r, c);
}

Var slice_cols(Tape& t, Var x, int start, int count) {
  const Tensor& xv = t.value(x);
  ATTEND_ASSERT(start >= 0 && count >= 0 && start + count <= xv.cols, "slice_cols: range outside the columns");
  Node& n = new_node(t, "slice_cols", slice_cols_backward, {x}, xv.rows, count);
  n.i[0] = start;
  for (int r = 0; r < xv.rows; ++r) std::memcpy(n.value.row(r), xv.row(r) + start, sizeof(float) * count);
  return Var{n.id};
}

static void concat_cols_backward(Tape& t, Node& n) {
  const Tensor& g = n.grad;
  const int ca = t.value(n.in[0]).cols;
  for (int k = 0; k < 2; ++k) {
    bool assign = false;
    Tensor* gi = t.grad_target(n.in[k], &assign);
    if (!gi) continue;
    const int off = k == 0 ? 0 : ca;
    for (int r = 0; r < gi->rows; ++r)
      for (int c = 0; c < gi->cols; ++c) {
        float& d = (*gi)(r, c);
        d = assign ? g(r, off + c) : d + g(r, off + c);
      }
  }
}

Var concat_cols(Tape& t, Var a, Var b) {
  const Tensor& av = t.value(a);
  const Tensor& bv = t.value(b);
  ATTEND_ASSERT(av.rows == bv.rows, "concat_cols: row counts differ");
  Node& n = new_node(t, "concat_cols", concat_cols_backward, {a, b}, av.rows, av.cols + bv.cols);
  for (int r = 0; r < av.rows; ++r) {
    std::memcpy(n.value.row(r), av.row(r), sizeof(float) * av.cols);
    std::memcpy(n.value.row(r) + av.cols, bv.row(r), sizeof(float) * bv.cols);
  }
  return Var{n.id};
}

static void slice_rows_backward(Tape& t, Node& n) {
  Tensor* gx = t.grad_accum(n.in[0]);
  if (!gx) return;
  const Tensor& g = n.grad;
  float* dst = gx->row(n.i[0]);
  for (size_t i = 0; i < g.size(); ++i) dst[i] += g.data[i];
}

Var slice_rows(Tape& t, Var x, int start, int count) {
  const Tensor& xv = t.value(x);
  ATTEND_ASSERT(start >= 0 && count >= 0 && start + count <= xv.rows, "slice_rows: range outside the rows");
  Node& n = new_node(t, "slice_rows", slice_rows_backward, {x}, count, xv.cols);
  n.i[0] = start;
  if (count > 0) std::memcpy(n.value.ptr(), xv.row(start), sizeof(float) * n.value.size());
  return Var{n.id};
}

// Heads: element (b, s, h, d) sits at x[b·T + s][h·dh + d] in merged form and y[(b·H + h)·T + s][d] split.
static void permute_heads(const float* src, float* dst, int batch, int seq, int heads, int dh, bool split,
                          bool add) {
  for (int b = 0; b < batch; ++b)
    for (int s = 0; s < seq; ++s)
      for (int h = 0; h < heads; ++h) {
        const long merged = (static_cast<long>(b) * seq + s) * heads * dh + h * dh;
        const long splitted = ((static_cast<long>(b) * heads + h) * seq + s) * dh;
        const float* from = src + (split ? merged : splitted);
        float* to = dst + (split ? splitted : merged);
        for (int d = 0; d < dh; ++d) to[d] = add ? to[d] + from[d] : from[d];
      }
}

// i[0..2] = batch, seq, heads; i[3] = 1 for split
static void heads_backward(Tape& t, Node& n) {
  bool assign = false;
  Tensor* gx = t.grad_target(n.in[0], &assign);
  if (!gx) return;
  const int dh = n.i[3] ? n.value.cols : n.value.cols / n.i[2];
  permute_heads(n.grad.ptr(), gx->ptr(), n.i[0], n.i[1], n.i[2], dh, !n.i[3], !assign);
}

Var split_heads(Tape& t, Var x, int batch, int seq, int heads) {
  const Tensor& xv = t.value(x);
  ATTEND_ASSERT(xv.rows == batch * seq && xv.cols % heads == 0, "split_heads: x must be (B·T)×(H·dh)");
  const int dh = xv.cols / heads;
  Node& n = new_node(t, "split_heads", heads_backward, {x}, batch * heads * seq, dh);
  n.i[0] = batch, n.i[1] = seq, n.i[2] = heads, n.i[3] = 1;
  permute_heads(xv.ptr(), n.value.ptr(), batch, seq, heads, dh, true, false);
  return Var{n.id};
}

Var merge_heads(Tape& t, Var x, int batch, int seq, int heads) {
  const Tensor& xv = t.value(x);
  ATTEND_ASSERT(xv.rows == batch * heads * seq, "merge_heads: x must be (B·H·T)×dh");
  const int dh = xv.cols;
  Node& n = new_node(t, "merge_heads", heads_backward, {x}, batch * seq, heads * dh);
  n.i[0] = batch, n.i[1] = seq, n.i[2] = heads, n.i[3] = 0;
  permute_heads(xv.ptr(), n.value.ptr(), batch, seq, heads, dh, false, false);
  return Var{n.id};
}

// i[0] = batch, i[1] = seq, i[2] = step
static void step_rows_backward(Tape& t, Node& n) {
  Tensor* gx = t.grad_accum(n.in[0]);
  if (!gx) return;
  for (int b = 0; b < n.i[0]; ++b) {
    float* dst = gx->row(b * n.i[1] + n.i[2]);
    const float* src = n.grad.row(b);
    for (int c = 0; c < n.grad.cols; ++c) dst[c] += src[c];
  }
}

Var step_rows(Tape& t, Var x, int batch, int seq, int step) {
  const Tensor& xv = t.value(x);
  ATTEND_ASSERT(xv.rows == batch * seq && step >= 0 && step < seq, "step_rows: x must be (B·T)×d and step < T");
  Node& n = new_node(t, "step_rows", step_rows_backward, {x}, batch, xv.cols);
  n.i[0] = batch, n.i[1] = seq, n.i[2] = step;
  for (int b = 0; b < batch; ++b) std::memcpy(n.value.row(b), xv.row(b * seq + step), sizeof(float) * xv.cols);
  return Var{n.id};
}

static void stack_steps_backward(Tape& t, Node& n) {
  const int count = static_cast<int>(n.ints.size());
  const int batch = n.value.rows / count;
  for (int s = 0; s < count; ++s) {
    bool assign = false;
    Tensor* gi = t.grad_target(n.ints[static_cast<size_t>(s)], &assign);
    if (!gi) continue;
    for (int b = 0; b < batch; ++b) {
      const float* src = n.grad.row(b * count + s);
      float* dst = gi->row(b);
      for (int c = 0; c < gi->cols; ++c) dst[c] = assign ? src[c] : dst[c] + src[c];
    }
  }
}

Var stack_steps(Tape& t, const Var* steps, int count) {
  ATTEND_ASSERT(count > 0, "stack_steps: nothing to stack");
  const Tensor& first = t.value(steps[0]);
  Node& n = new_node(t, "stack_steps", stack_steps_backward, {}, first.rows * count, first.cols);
  n.ints.resize(static_cast<size_t>(count));
  for (int s = 0; s < count; ++s) {
    const Tensor& v = t.value(steps[s]);
    ATTEND_ASSERT(v.same_shape(first), "stack_steps: every step must have the same shape");
    n.ints[static_cast<size_t>(s)] = steps[s].id;
    if (t.node(steps[s]).needs_grad && t.grad_enabled()) n.needs_grad = true;
    for (int b = 0; b < first.rows; ++b) std::memcpy(n.value.row(b * count + s), v.row(b), sizeof(float) * v.cols);
  }
  return Var{n.id};
}

}  // namespace attend::tensor
