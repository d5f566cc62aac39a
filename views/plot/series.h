// Display transforms of a plotted series that are not model math: TensorBoard's smoothing slider, thinning a
// 100k-point curve to what the screen can show without losing its spikes, and finding the point under the
// mouse. Pure functions, unit-tested in tests/views/plot/test_series.cpp.
#pragma once

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
// `in` must be sorted by x. Returns the input unchanged when it is already sparse.
void decimate_polyline(const ImVec2* in, int n, std::vector<ImVec2>& out);

// The index of the value in sorted `x` nearest to `target` (-1 when empty). Non-sorted input gives a valid but
// not necessarily nearest index.
int nearest_sorted(const Values& x, double target);

// The range of the finite values (only those > 0 when `positive_only`), or an invalid range (hi < lo) if none.
Range finite_range(const Values& v, bool positive_only = false);
void extend(Range& r, const Range& other);  // r becomes the union (an invalid r takes other)

}  // namespace attend::views::plot
