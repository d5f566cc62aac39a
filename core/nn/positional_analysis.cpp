#include "core/nn/positional_analysis.h"

#include <algorithm>
#include <cmath>

namespace attend::nn {

std::vector<double> sinusoid_frequencies(int d) {
  std::vector<double> w;
  for (int i = 0; i + 1 < d; i += 2) w.push_back(std::pow(10000.0, -static_cast<double>(i) / d));
  return w;
}

tensor::Tensor shift_map(int d, int k) {
  tensor::Tensor m(d, d);
  const std::vector<double> w = sinusoid_frequencies(d);
  for (size_t i = 0; i < w.size(); ++i) {
    const int a = static_cast<int>(2 * i);
    const double c = std::cos(k * w[i]), s = std::sin(k * w[i]);
    // Row vector [sin, cos] times [[c, −s], [s, c]] = [sin·c + cos·s, cos·c − sin·s].
    m(a, a) = static_cast<float>(c);
    m(a, a + 1) = static_cast<float>(-s);
    m(a + 1, a) = static_cast<float>(s);
    m(a + 1, a + 1) = static_cast<float>(c);
  }
  if (d % 2 == 1) m(d - 1, d - 1) = 1.f;  // a lone last sine column has no partner to turn with
  return m;
}

ShiftDemo shift_demo(const tensor::Tensor& table, int k) {
  ShiftDemo demo;
  demo.offset = k;
  const int d = table.cols;
  demo.map = shift_map(d, k);
  for (double w : sinusoid_frequencies(d)) demo.angles.push_back(k * w);
  const int first = std::max(0, -k), last = std::min(table.rows, table.rows - k);  // p and p + k in range
  std::vector<double> moved(static_cast<size_t>(d));
  for (int p = first; p < last; ++p) {
    const float* row = table.row(p);
    for (int c = 0; c < d; ++c) {
      double acc = 0;
      for (int r = 0; r < d; ++r) acc += static_cast<double>(row[r]) * demo.map(r, c);
      moved[static_cast<size_t>(c)] = acc;
    }
    const float* target = table.row(p + k);
    double e2 = 0, n2 = 0;
    for (int c = 0; c < d; ++c) {
      const double diff = moved[static_cast<size_t>(c)] - target[c];
      e2 += diff * diff;
      n2 += static_cast<double>(row[c]) * row[c];
    }
    demo.error.push_back(std::sqrt(e2));
    demo.max_error = std::max(demo.max_error, std::sqrt(e2));
    demo.max_norm = std::max(demo.max_norm, std::sqrt(n2));
  }
  return demo;
}

void position_similarity(const tensor::Tensor& table, int n, std::vector<float>& out) {
  n = std::min(n, table.rows);
  out.assign(static_cast<size_t>(n) * n, 0.f);
  std::vector<double> norm(static_cast<size_t>(n));
  for (int p = 0; p < n; ++p) {
    double s = 0;
    for (int c = 0; c < table.cols; ++c) s += static_cast<double>(table(p, c)) * table(p, c);
    norm[static_cast<size_t>(p)] = std::sqrt(s);
  }
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q) {
      double dot = 0;
      for (int c = 0; c < table.cols; ++c) dot += static_cast<double>(table(p, c)) * table(q, c);
      const double den = norm[static_cast<size_t>(p)] * norm[static_cast<size_t>(q)];
      out[static_cast<size_t>(p) * n + q] = den > 0 ? static_cast<float>(dot / den) : 0.f;
    }
}

}  // namespace attend::nn
