// Softmax family, losses, penalties, embeddings, dropout and the fused normalisations.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/tensor/fast_math.h"
#include "core/tensor/simd.h"
#include "core/tensor/op_util.h"
#include "core/tensor/ops.h"
#include "core/util/rng.h"

namespace attend::tensor {

using namespace detail;

namespace {
// Row-wise softmax of src into dst (may alias). Rows that are entirely -inf (fully masked) become zeros.
void softmax_rows(const float* src, float* dst, int rows, int cols) {
  for (int r = 0; r < rows; ++r) {
    const float* x = src + static_cast<long>(r) * cols;
    float* y = dst + static_cast<long>(r) * cols;
    float mx = -std::numeric_limits<float>::infinity();
    for (int c = 0; c < cols; ++c) mx = std::max(mx, x[c]);
    if (mx == -std::numeric_limits<float>::infinity()) {
      std::fill(y, y + cols, 0.f);
      continue;
    }
    float s = 0;
    for (int c = 0; c < cols; ++c) {
      y[c] = fm::exp(x[c] - mx);
      s += y[c];
    }
    const float inv = 1.f / s;
    for (int c = 0; c < cols; ++c) y[c] *= inv;
  }
}
}  // namespace

// ============================================================================================ softmax
static void softmax_backward(Tape& t, Node& n) {
  bool assign = false;
  Tensor* gx = t.grad_target(n.in[0], &assign);
  if (!gx) return;
  const Tensor& y = n.value;
  const Tensor& g = n.grad;
  for (int r = 0; r < y.rows; ++r) {  // dx = y ∘ (g − Σ g∘y)
    const float* yr = y.row(r);
    const float* gr = g.row(r);
    float* d = gx->row(r);
    float dot = 0;
    for (int c = 0; c < y.cols; ++c) dot += gr[c] * yr[c];
    for (int c = 0; c < y.cols; ++c) d[c] = (assign ? 0.f : d[c]) + yr[c] * (gr[c] - dot);
  }
}

Var softmax(Tape& t, Var x) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, "softmax", softmax_backward, {x}, xv.rows, xv.cols);
  softmax_rows(xv.ptr(), n.value.ptr(), xv.rows, xv.cols);
  return Var{n.id};
}

static void log_softmax_backward(Tape& t, Node& n) {
  bool assign = false;
  Tensor* gx = t.grad_target(n.in[0], &assign);
  if (!gx) return;
  const Tensor& y = n.value;
  const Tensor& g = n.grad;
  for (int r = 0; r < y.rows; ++r) {  // dx = g − softmax·Σg
    const float* yr = y.row(r);
    const float* gr = g.row(r);
    float* d = gx->row(r);
    float s = 0;
    for (int c = 0; c < y.cols; ++c) s += gr[c];
    for (int c = 0; c < y.cols; ++c) d[c] = (assign ? 0.f : d[c]) + gr[c] - std::exp(yr[c]) * s;
  }
}

Var log_softmax(Tape& t, Var x) {
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, "log_softmax", log_softmax_backward, {x}, xv.rows, xv.cols);
  for (int r = 0; r < xv.rows; ++r) {
    const float* xr = xv.row(r);
    float* y = n.value.row(r);
    float mx = -std::numeric_limits<float>::infinity();
    for (int c = 0; c < xv.cols; ++c) mx = std::max(mx, xr[c]);
    double s = 0;
    for (int c = 0; c < xv.cols; ++c) s += std::exp(static_cast<double>(xr[c] - mx));
    const float lse = mx + static_cast<float>(std::log(s));
    for (int c = 0; c < xv.cols; ++c) y[c] = xr[c] - lse;
  }
  return Var{n.id};
}

// ====================================================================================== cross_entropy
// cache[0] = softmax probabilities (rows×V); ints = targets; i[0] = ignore; f[0] = 1/count
static void cross_entropy_backward(Tape& t, Node& n) {
  bool assign = false;
  Tensor* gx = t.grad_target(n.in[0], &assign);
  if (!gx) return;
  const Tensor& p = n.cache[0];
  const float s = n.grad.data[0] * n.f[0];
  for (int r = 0; r < p.rows; ++r) {
    const int target = n.ints[static_cast<size_t>(r)];
    float* d = gx->row(r);
    const float* pr = p.row(r);
    if (target == n.i[0]) {
      if (assign) std::fill(d, d + p.cols, 0.f);
      continue;
    }
    if (assign)
      for (int c = 0; c < p.cols; ++c) d[c] = s * pr[c];
    else
      for (int c = 0; c < p.cols; ++c) d[c] += s * pr[c];
    d[target] -= s;
  }
}

Var cross_entropy(Tape& t, Var logits, const std::vector<int>& targets, int ignore) {
  const Tensor& xv = t.value(logits);
  ATTEND_ASSERT(targets.size() == static_cast<size_t>(xv.rows), "cross_entropy: one target per row of logits");
  Node& n = new_node(t, "cross_entropy", cross_entropy_backward, {logits}, 1, 1);
  n.ints.assign(targets.begin(), targets.end());
  n.i[0] = ignore;
  const bool keep = n.needs_grad;
  Tensor& p = keep ? Tape::use_cache(n, 0, xv.rows, xv.cols) : n.cache[0];
  if (!keep) p.resize(1, xv.cols);
  double loss = 0;
  int count = 0;
  for (int r = 0; r < xv.rows; ++r) {
    const int target = targets[static_cast<size_t>(r)];
    float* pr = keep ? p.row(r) : p.row(0);
    if (target == ignore) {
      if (keep) std::fill(pr, pr + xv.cols, 0.f);
      continue;
    }
    ATTEND_ASSERT(target >= 0 && target < xv.cols, "cross_entropy: a target is outside [0, classes)");
    const float* xr = xv.row(r);
    float mx = xr[0];
    for (int c = 1; c < xv.cols; ++c) mx = std::max(mx, xr[c]);
    float s = 0;
    for (int c = 0; c < xv.cols; ++c) {
      pr[c] = fm::exp(xr[c] - mx);
      s += pr[c];
    }
    loss += static_cast<double>(std::log(s) + mx - xr[target]);
    const float inv = 1.f / s;
    for (int c = 0; c < xv.cols; ++c) pr[c] *= inv;
    ++count;
  }
  n.f[0] = count > 0 ? 1.f / static_cast<float>(count) : 0.f;
  n.value.data[0] = count > 0 ? static_cast<float>(loss / count) : 0.f;
  return Var{n.id};
}

// =============================================================================================== mse
static void mse_backward(Tape& t, Node& n) {
  const float* pp = t.value(n.in[0]).ptr();
  const float* tp = t.value(n.in[1]).ptr();
  const float s = 2.f * n.grad.data[0] / static_cast<float>(t.value(n.in[0]).size());
  write_grad(t, n, 0, [&](size_t i) { return s * (pp[i] - tp[i]); });
  write_grad(t, n, 1, [&](size_t i) { return -s * (pp[i] - tp[i]); });
}

Var mse(Tape& t, Var pred, Var target) {
  const Tensor& pv = t.value(pred);
  const Tensor& tv = t.value(target);
  ATTEND_ASSERT(pv.same_shape(tv), "mse: prediction and target shapes differ");
  Node& n = new_node(t, "mse", mse_backward, {pred, target}, 1, 1);
  double s = 0;
  for (size_t i = 0; i < pv.size(); ++i) {
    const double d = static_cast<double>(pv.data[i]) - tv.data[i];
    s += d * d;
  }
  n.value.data[0] = static_cast<float>(s / static_cast<double>(pv.size()));
  return Var{n.id};
}

// ========================================================================================== penalties
static void l1_backward(Tape& t, Node& n) {
  const float* wp = t.value(n.in[0]).ptr();
  const float g = n.grad.data[0];
  write_grad(t, n, 0, [&](size_t i) { return wp[i] > 0.f ? g : (wp[i] < 0.f ? -g : 0.f); });
}

Var l1_penalty(Tape& t, Var w) {
  const Tensor& wv = t.value(w);
  Node& n = new_node(t, "l1_penalty", l1_backward, {w}, 1, 1);
  double s = 0;
  for (float v : wv.data) s += std::fabs(v);
  n.value.data[0] = static_cast<float>(s);
  return Var{n.id};
}

static void l2_backward(Tape& t, Node& n) {
  const float* wp = t.value(n.in[0]).ptr();
  const float g = n.grad.data[0];
  write_grad(t, n, 0, [&](size_t i) { return g * wp[i]; });
}

Var l2_penalty(Tape& t, Var w) {
  const Tensor& wv = t.value(w);
  Node& n = new_node(t, "l2_penalty", l2_backward, {w}, 1, 1);
  double s = 0;
  for (float v : wv.data) s += static_cast<double>(v) * v;
  n.value.data[0] = static_cast<float>(0.5 * s);
  return Var{n.id};
}

// ========================================================================================== embedding
static void embedding_backward(Tape& t, Node& n) {
  Tensor* gt = t.grad_accum(n.in[0]);
  if (!gt) return;
  const int d = n.grad.cols;
  for (size_t r = 0; r < n.ints.size(); ++r) {
    float* dst = gt->row(n.ints[r]);
    const float* src = n.grad.row(static_cast<int>(r));
    for (int c = 0; c < d; ++c) dst[c] += src[c];
  }
}

Var embedding(Tape& t, Var table, const std::vector<int>& ids) {
  const Tensor& tv = t.value(table);
  Node& n = new_node(t, "embedding", embedding_backward, {table}, static_cast<int>(ids.size()), tv.cols);
  n.ints.assign(ids.begin(), ids.end());
  for (size_t r = 0; r < ids.size(); ++r) {
    ATTEND_ASSERT(ids[r] >= 0 && ids[r] < tv.rows, "embedding: a token id is outside the vocabulary");
    std::memcpy(n.value.row(static_cast<int>(r)), tv.row(ids[r]), sizeof(float) * tv.cols);
  }
  return Var{n.id};
}

// i[0] = seq
static void add_positions_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  write_grad(t, n, 0, [&](size_t i) { return gp[i]; });
  Tensor* gt = t.grad_accum(n.in[1]);
  if (!gt) return;
  const int seq = n.i[0];
  for (int r = 0; r < n.grad.rows; ++r) {
    float* dst = gt->row(r % seq);
    const float* src = n.grad.row(r);
    for (int c = 0; c < n.grad.cols; ++c) dst[c] += src[c];
  }
}

Var add_positions(Tape& t, Var x, Var table, int seq) {
  const Tensor& xv = t.value(x);
  const Tensor& tv = t.value(table);
  ATTEND_ASSERT(seq > 0 && xv.rows % seq == 0, "add_positions: x must be (B·T)×d with T = seq");
  ATTEND_ASSERT(tv.rows >= seq && tv.cols == xv.cols, "add_positions: the table needs ≥ seq rows of width d");
  Node& n = new_node(t, "add_positions", add_positions_backward, {x, table}, xv.rows, xv.cols);
  n.i[0] = seq;
  for (int r = 0; r < xv.rows; ++r) {
    const float* a = xv.row(r);
    const float* p = tv.row(r % seq);
    float* y = n.value.row(r);
    for (int c = 0; c < xv.cols; ++c) y[c] = a[c] + p[c];
  }
  return Var{n.id};
}

// ============================================================================================ dropout
static void dropout_backward(Tape& t, Node& n) {
  const float* gp = n.grad.ptr();
  const float* mk = n.cache[0].ptr();
  write_grad(t, n, 0, [&](size_t i) { return gp[i] * mk[i]; });
}

Var dropout(Tape& t, Var x, float p, SplitMix64& rng, bool training) {
  if (!training || p <= 0.f) return x;
  ATTEND_ASSERT(p < 1.f, "dropout: p must be below 1");
  const Tensor& xv = t.value(x);
  Node& n = new_node(t, "dropout", dropout_backward, {x}, xv.rows, xv.cols);
  Tensor& mk = Tape::use_cache(n, 0, xv.rows, xv.cols);
  const float keep = 1.f / (1.f - p);
  for (size_t i = 0; i < xv.size(); ++i) {
    mk.data[i] = rng.uniform() < p ? 0.f : keep;
    n.value.data[i] = xv.data[i] * mk.data[i];
  }
  return Var{n.id};
}

// ========================================================================================= layer_norm
// cache[0] = mean (rows×1), cache[1] = rstd (rows×1). Rows are processed 16 features at a time (simd.h),
// with a scalar tail when d is not a multiple of 16.
static void layer_norm_backward(Tape& t, Node& n) {
  using simd::F16;
  constexpr int L = simd::kLanes;
  const Tensor& x = t.value(n.in[0]);
  const float* gamma = t.value(n.in[1]).ptr();
  const Tensor& g = n.grad;
  const Tensor& mean = n.cache[0];
  const Tensor& rstd = n.cache[1];
  const int d = x.cols, dv = d / L * L;
  bool assign_x = false;
  Tensor* gx = t.grad_target(n.in[0], &assign_x);
  Tensor* gg = t.grad_accum(n.in[1]);
  Tensor* gb = t.grad_accum(n.in[2]);
  const float inv_d = 1.f / static_cast<float>(d);
  for (int r = 0; r < x.rows; ++r) {
    const float* xr = x.row(r);
    const float* gr = g.row(r);
    const float mu = mean.data[static_cast<size_t>(r)], rs = rstd.data[static_cast<size_t>(r)];
    F16 vdy = simd::splat(0.f), vdyx = simd::splat(0.f);
    for (int c = 0; c < dv; c += L) {
      const F16 xhat = (simd::load(xr + c) - mu) * rs;
      const F16 gv = simd::load(gr + c);
      const F16 dy = gv * simd::load(gamma + c);
      vdy += dy;
      vdyx += dy * xhat;
      if (gg) simd::store(gg->ptr() + c, simd::load(gg->ptr() + c) + gv * xhat);
      if (gb) simd::store(gb->ptr() + c, simd::load(gb->ptr() + c) + gv);
    }
    float sum_dy = simd::hsum(vdy), sum_dy_xhat = simd::hsum(vdyx);
    for (int c = dv; c < d; ++c) {
      const float xhat = (xr[c] - mu) * rs;
      const float dy = gr[c] * gamma[c];
      sum_dy += dy;
      sum_dy_xhat += dy * xhat;
      if (gg) gg->data[static_cast<size_t>(c)] += gr[c] * xhat;
      if (gb) gb->data[static_cast<size_t>(c)] += gr[c];
    }
    if (!gx) continue;
    float* dx = gx->row(r);
    const float m1 = sum_dy * inv_d, m2 = sum_dy_xhat * inv_d;
    for (int c = 0; c < dv; c += L) {
      const F16 xhat = (simd::load(xr + c) - mu) * rs;
      const F16 v = rs * (simd::load(gr + c) * simd::load(gamma + c) - m1 - xhat * m2);
      simd::store(dx + c, assign_x ? v : simd::load(dx + c) + v);
    }
    for (int c = dv; c < d; ++c) {
      const float xhat = (xr[c] - mu) * rs;
      const float v = rs * (gr[c] * gamma[c] - m1 - xhat * m2);
      dx[c] = assign_x ? v : dx[c] + v;
    }
  }
}

Var layer_norm(Tape& t, Var x, Var gamma, Var beta, float eps) {
  using simd::F16;
  constexpr int L = simd::kLanes;
  const Tensor& xv = t.value(x);
  const Tensor& gv = t.value(gamma);
  const Tensor& bv = t.value(beta);
  ATTEND_ASSERT(gv.size() == static_cast<size_t>(xv.cols) && bv.size() == gv.size(),
                "layer_norm: gamma and beta must be 1×d");
  Node& n = new_node(t, "layer_norm", layer_norm_backward, {x, gamma, beta}, xv.rows, xv.cols);
  Tensor& mean = Tape::use_cache(n, 0, xv.rows, 1);
  Tensor& rstd = Tape::use_cache(n, 1, xv.rows, 1);
  const int d = xv.cols, dv = d / L * L;
  const float* gp = gv.ptr();
  const float* bp = bv.ptr();
  for (int r = 0; r < xv.rows; ++r) {
    const float* xr = xv.row(r);
    F16 vs = simd::splat(0.f);
    for (int c = 0; c < dv; c += L) vs += simd::load(xr + c);
    float s = simd::hsum(vs);
    for (int c = dv; c < d; ++c) s += xr[c];
    const float mu = s / static_cast<float>(d);
    F16 vv = simd::splat(0.f);
    for (int c = 0; c < dv; c += L) {
      const F16 e = simd::load(xr + c) - mu;
      vv += e * e;
    }
    float v = simd::hsum(vv);
    for (int c = dv; c < d; ++c) v += (xr[c] - mu) * (xr[c] - mu);
    const float rs = 1.f / std::sqrt(v / static_cast<float>(d) + eps);
    mean.data[static_cast<size_t>(r)] = mu;
    rstd.data[static_cast<size_t>(r)] = rs;
    float* y = n.value.row(r);
    for (int c = 0; c < dv; c += L)
      simd::store(y + c, (simd::load(xr + c) - mu) * rs * simd::load(gp + c) + simd::load(bp + c));
    for (int c = dv; c < d; ++c) y[c] = (xr[c] - mu) * rs * gp[c] + bp[c];
  }
  return Var{n.id};
}

// ========================================================================================= batch_norm
// cache[0] = mean (1×d), cache[1] = rstd (1×d); i[0] = training
static void batch_norm_backward(Tape& t, Node& n) {
  const Tensor& x = t.value(n.in[0]);
  const Tensor& gamma = t.value(n.in[1]);
  const Tensor& g = n.grad;
  const Tensor& mean = n.cache[0];
  const Tensor& rstd = n.cache[1];
  const int rows = x.rows, d = x.cols;
  bool assign_x = false;
  Tensor* gx = t.grad_target(n.in[0], &assign_x);
  Tensor* gg = t.grad_accum(n.in[1]);
  Tensor* gb = t.grad_accum(n.in[2]);
  const float inv_n = 1.f / static_cast<float>(rows);
  for (int c = 0; c < d; ++c) {
    const float mu = mean.data[static_cast<size_t>(c)], rs = rstd.data[static_cast<size_t>(c)];
    const float gam = gamma.data[static_cast<size_t>(c)];
    float sum_g = 0, sum_g_xhat = 0;
    for (int r = 0; r < rows; ++r) {
      const float xhat = (x(r, c) - mu) * rs;
      sum_g += g(r, c);
      sum_g_xhat += g(r, c) * xhat;
    }
    if (gg) gg->data[static_cast<size_t>(c)] += sum_g_xhat;
    if (gb) gb->data[static_cast<size_t>(c)] += sum_g;
    if (!gx) continue;
    for (int r = 0; r < rows; ++r) {
      float v;
      if (n.i[0]) {  // batch statistics depend on x: the full normalisation backward
        const float xhat = (x(r, c) - mu) * rs;
        v = gam * rs * (g(r, c) - sum_g * inv_n - xhat * sum_g_xhat * inv_n);
      } else {       // running statistics are constants
        v = gam * rs * g(r, c);
      }
      float& dst = (*gx)(r, c);
      dst = assign_x ? v : dst + v;
    }
  }
}

Var batch_norm(Tape& t, Var x, Var gamma, Var beta, Tensor& running_mean, Tensor& running_var, bool training,
               float momentum, float eps) {
  const Tensor& xv = t.value(x);
  const Tensor& gv = t.value(gamma);
  const Tensor& bv = t.value(beta);
  const int rows = xv.rows, d = xv.cols;
  ATTEND_ASSERT(gv.size() == static_cast<size_t>(d) && bv.size() == gv.size(), "batch_norm: gamma, beta must be 1×d");
  ATTEND_ASSERT(running_mean.size() == static_cast<size_t>(d) && running_var.size() == static_cast<size_t>(d),
                "batch_norm: running statistics must be 1×d");
  ATTEND_ASSERT(!training || rows > 1, "batch_norm: training needs a batch of at least 2 rows");
  Node& n = new_node(t, "batch_norm", batch_norm_backward, {x, gamma, beta}, rows, d);
  n.i[0] = training ? 1 : 0;
  Tensor& mean = Tape::use_cache(n, 0, 1, d);
  Tensor& rstd = Tape::use_cache(n, 1, 1, d);
  for (int c = 0; c < d; ++c) {
    float mu, var;
    if (training) {
      double s = 0;
      for (int r = 0; r < rows; ++r) s += xv(r, c);
      mu = static_cast<float>(s / rows);
      double v = 0;
      for (int r = 0; r < rows; ++r) v += (xv(r, c) - mu) * static_cast<double>(xv(r, c) - mu);
      var = static_cast<float>(v / rows);
      const float unbiased = static_cast<float>(v / (rows - 1));
      float& rm = running_mean.data[static_cast<size_t>(c)];
      float& rv = running_var.data[static_cast<size_t>(c)];
      rm = (1.f - momentum) * rm + momentum * mu;
      rv = (1.f - momentum) * rv + momentum * unbiased;
    } else {
      mu = running_mean.data[static_cast<size_t>(c)];
      var = running_var.data[static_cast<size_t>(c)];
    }
    const float rs = 1.f / std::sqrt(var + eps);
    mean.data[static_cast<size_t>(c)] = mu;
    rstd.data[static_cast<size_t>(c)] = rs;
    for (int r = 0; r < rows; ++r)
      n.value(r, c) = (xv(r, c) - mu) * rs * gv.data[static_cast<size_t>(c)] + bv.data[static_cast<size_t>(c)];
  }
  return Var{n.id};
}

}  // namespace attend::tensor
