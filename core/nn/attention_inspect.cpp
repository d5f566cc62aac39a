#include "core/nn/attention_inspect.h"

#include <algorithm>
#include <cmath>

#include "core/tensor/gemm.h"

namespace attend::nn {

namespace {

// Columns [from, from + width) of a rows×cols tensor.
void columns(const tensor::Tensor& src, int from, int width, tensor::Tensor& out) {
  out.resize(src.rows, width);
  for (int r = 0; r < src.rows; ++r) std::copy_n(src.row(r) + from, width, out.row(r));
}

void bias_columns(const Linear& l, int from, int width, tensor::Tensor& out) {
  out.resize(1, width);
  if (!l.has_bias || l.bias.value.empty()) {
    out.zero();
    return;
  }
  std::copy_n(l.bias.value.ptr() + from, width, out.ptr());
}

}  // namespace

void capture_internals(const MultiHeadAttention& a, AttentionInternals& out) {
  const int d = a.d_model;
  out.d_model = d;
  out.input = a.last_input;
  out.memory = a.last_memory;
  if (a.cross) {
    out.w_q = a.q.weight.value;
    bias_columns(a.q, 0, d, out.b_q);
    columns(a.kv.weight.value, 0, d, out.w_k);
    columns(a.kv.weight.value, d, d, out.w_v);
    bias_columns(a.kv, 0, d, out.b_k);
    bias_columns(a.kv, d, d, out.b_v);
  } else {
    columns(a.qkv.weight.value, 0, d, out.w_q);
    columns(a.qkv.weight.value, d, d, out.w_k);
    columns(a.qkv.weight.value, 2 * d, d, out.w_v);
    bias_columns(a.qkv, 0, d, out.b_q);
    bias_columns(a.qkv, d, d, out.b_k);
    bias_columns(a.qkv, 2 * d, d, out.b_v);
  }
  out.concat = a.last_concat;
  out.w_o = a.proj.weight.value;
  bias_columns(a.proj, 0, d, out.b_o);
  // The block fuses the projection with its residual connection, so the projection's own output is never
  // a node of its own: apply it here to the recorded heads (the same product, without the residual).
  out.output.resize(out.concat.rows, d);
  if (out.concat.rows > 0 && out.concat.cols == d)
    tensor::sgemm_bias(false, false, out.concat.rows, d, d, out.concat.ptr(), d, out.w_o.ptr(), d, out.output.ptr(), d,
                       out.b_o.ptr());
}

std::vector<float> weighted_value_sum(const tensor::AttentionRecord& r, int b, int h, int i) {
  std::vector<float> out(static_cast<size_t>(r.dh), 0.f);
  for (int j = 0; j < r.tk; ++j) {
    const float w = r.weight(b, h, i, j);
    if (w == 0.f) continue;
    const float* v = r.v.data() + r.qkv_index(b, h, j, 0, r.tk);
    for (int k = 0; k < r.dh; ++k) out[static_cast<size_t>(k)] += w * v[k];
  }
  return out;
}

// ============================================================================================ focus

const char* focus_name(FocusPattern p) {
  switch (p) {
    case FocusPattern::Mirror: return "mirror";
    case FocusPattern::Target: return "target";
    case FocusPattern::Previous: return "previous";
    case FocusPattern::Self: return "self";
    case FocusPattern::First: return "first";
    case FocusPattern::Separator: return "separator";
    case FocusPattern::Aligned: return "aligned";
  }
  return "?";
}

bool parse_focus(const std::string& name, FocusPattern* out) {
  for (int k = 0; k < kFocusPatterns; ++k)
    if (name == focus_name(static_cast<FocusPattern>(k))) {
      *out = static_cast<FocusPattern>(k);
      return true;
    }
  return false;
}

namespace {

int row_target(const FocusContext& c, int b, int i) {
  if (b >= static_cast<int>(c.targets.size())) return -1;
  const std::vector<int>& t = c.targets[static_cast<size_t>(b)];
  return i < static_cast<int>(t.size()) ? t[static_cast<size_t>(i)] : -1;
}

// Where the source ends in row b's keys: the separator's index, or (no separator) the first padding key.
int source_length(const FocusContext& c, int b, int tk) {
  if (b >= static_cast<int>(c.keys.size())) return 0;
  const std::vector<int>& k = c.keys[static_cast<size_t>(b)];
  const int n = std::min(tk, static_cast<int>(k.size()));
  for (int j = 0; j < n; ++j) {
    if (c.separator >= 0 && k[static_cast<size_t>(j)] == c.separator) return j;
    if (c.separator < 0 && k[static_cast<size_t>(j)] == c.padding) return j;
  }
  return n;
}

}  // namespace

std::vector<int> focus_keys(const FocusContext& c, FocusPattern p, int b, int i, int tk) {
  std::vector<int> out;
  const auto add = [&](int j) {
    if (j >= 0 && j < tk) out.push_back(j);
  };
  switch (p) {
    case FocusPattern::Previous: add(i - 1); break;
    case FocusPattern::Self: add(i); break;
    case FocusPattern::First: add(0); break;
    case FocusPattern::Separator: {
      if (b >= static_cast<int>(c.keys.size()) || c.separator < 0) break;
      const std::vector<int>& k = c.keys[static_cast<size_t>(b)];
      for (int j = 0; j < std::min(tk, static_cast<int>(k.size())); ++j)
        if (k[static_cast<size_t>(j)] == c.separator) add(j);
      break;
    }
    case FocusPattern::Mirror: {
      const int n = source_length(c, b, tk);
      if (c.separator >= 0) {
        // LM layout: s = a_0..a_{n−1} | a_{n−1}..a_0; query p ≥ n predicts s[p+1] = a_{2n−1−p}.
        if (i >= n && i <= 2 * n - 1) add(2 * n - 1 - i);
      } else if (i < n) {
        // Tagging layout: position i outputs a_{n−1−i}.
        add(n - 1 - i);
      }
      break;
    }
    case FocusPattern::Target: {
      const int target = row_target(c, b, i);
      if (target < 0 || b >= static_cast<int>(c.keys.size())) break;
      const std::vector<int>& k = c.keys[static_cast<size_t>(b)];
      const int n = c.separator >= 0 ? source_length(c, b, tk) : std::min(tk, static_cast<int>(k.size()));
      for (int j = 0; j < n; ++j)
        if (k[static_cast<size_t>(j)] == target && target != c.padding) add(j);
      break;
    }
    case FocusPattern::Aligned: {
      const int target = row_target(c, b, i);
      if (target < 0 || target == c.space || c.space < 0) break;
      int word = 0;
      for (int q = 0; q < i; ++q)
        if (row_target(c, b, q) == c.space) ++word;
      if (word < source_length(c, b, tk)) add(word);
      break;
    }
  }
  return out;
}

std::vector<double> head_focus(const tensor::AttentionRecord& r, const FocusContext& c, FocusPattern p) {
  std::vector<double> sum(static_cast<size_t>(r.heads), 0.0);
  int counted = 0;
  for (int b = 0; b < r.batch; ++b)
    for (int i = 0; i < r.tq; ++i) {
      if (row_target(c, b, i) < 0) continue;
      const std::vector<int> keys = focus_keys(c, p, b, i, r.tk);
      if (keys.empty()) continue;
      ++counted;
      for (int h = 0; h < r.heads; ++h)
        for (int j : keys) sum[static_cast<size_t>(h)] += r.weight(b, h, i, j);
    }
  if (counted > 0)
    for (double& s : sum) s /= counted;
  return sum;
}

std::vector<double> head_entropy(const tensor::AttentionRecord& r, const FocusContext& c) {
  std::vector<double> sum(static_cast<size_t>(r.heads), 0.0);
  int counted = 0;
  for (int b = 0; b < r.batch; ++b)
    for (int i = 0; i < r.tq; ++i) {
      if (row_target(c, b, i) < 0) continue;
      int visible = 0;
      for (int j = 0; j < r.tk; ++j) visible += r.mask[(static_cast<size_t>(b) * r.tq + i) * r.tk + j] == 0;
      if (visible < 2) continue;
      ++counted;
      for (int h = 0; h < r.heads; ++h) {
        double e = 0;
        for (int j = 0; j < r.tk; ++j) {
          const double w = r.weight(b, h, i, j);
          if (w > 0) e -= w * std::log(w);
        }
        sum[static_cast<size_t>(h)] += e / std::log(static_cast<double>(visible));
      }
    }
  if (counted > 0)
    for (double& s : sum) s /= counted;
  return sum;
}

}  // namespace attend::nn
