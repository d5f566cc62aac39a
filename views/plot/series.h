// Display transforms of a plotted series that are not model math: TensorBoard's smoothing slider, thinning a
// 100k-point curve to what the screen can show without losing its spikes, and finding the point under the
// mouse. Pure functions, unit-tested in tests/views/plot/test_series.cpp.
#pragma once

#include <cmath>
#include <vector>

#include <imgui.h>

#include "views/plot/values.h"

namespace attend::views::plot {

struct Range {
  double lo = 0, hi = 1;
  bool valid() const { return hi >= lo; }
  double span() const { return hi - lo; }
};

// Exponential moving average with TensorBoard's debiasing: s_i = m_i / (1 - w^k) where m_i = w m_{i-1} +
// (1 - w) y_i and k counts the finite values so far. The first point equals the data instead of being pulled
// towards zero. Non-finite values are copied through and do not enter the average. weight in [0, 1).
void ema_smooth(const Values& y, double weight, std::vector<double>& out);

// Keeps, for each pixel column (x rounded down), the first, lowest, highest and last point in index order,
// so a curve with many points per pixel draws with the same outline (spikes included) from a few points.
// Points must come sorted by x. Streaming: no copy of the full-resolution curve is made.
class ColumnDecimator {
 public:
  explicit ColumnDecimator(std::vector<ImVec2>& out) : m_out(out) {}
  void add(ImVec2 p) {  // inline: called once per data point
    const float column = std::floor(p.x);
    if (m_open && column != m_column) flush();
    const Kept k{p, m_count++};
    if (!m_open) {
      m_open = true;
      m_column = column;
      m_first = m_lo = m_hi = m_last = k;
      return;
    }
    if (p.y < m_lo.p.y) m_lo = k;
    if (p.y > m_hi.p.y) m_hi = k;
    m_last = k;
  }
  void flush();  // writes out the open column (call before reading `out`)

 private:
  struct Kept {
    ImVec2 p;
    long index;
  };
  std::vector<ImVec2>& m_out;
  bool m_open = false;
  float m_column = 0;
  long m_count = 0;
  Kept m_first{}, m_lo{}, m_hi{}, m_last{};
};
void decimate_polyline(const ImVec2* in, int n, std::vector<ImVec2>& out);

// The index of the value in sorted `x` nearest to `target` (-1 when empty). Non-sorted input gives a valid but
// not necessarily nearest index.
int nearest_sorted(const Values& x, double target);

// The range of the finite values (only those > 0 when `positive_only`), or an invalid range (hi < lo) if none.
Range finite_range(const Values& v, bool positive_only = false);
void extend(Range& r, const Range& other);  // r becomes the union (an invalid r takes other)

}  // namespace attend::views::plot
