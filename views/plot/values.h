// Read-only views of numbers the caller owns, so a plot draws a std::vector<double> from a run history, a
// float Eigen matrix of attention weights or one column of a row-major block without copying it each frame.
// Both float and double are accepted; a stride (in elements) picks a column or every k-th value.
//
//   plot::Values y(history.value);               // std::vector<double>
//   plot::Grid w(weights.data(), T, T);          // float, row-major T x T
#pragma once

#include <vector>

namespace attend::views::plot {

struct Values {
  const void* data = nullptr;
  int count = 0;
  int stride = 1;     // in elements
  bool f64 = true;    // double when true, float otherwise

  Values() = default;
  Values(const double* p, int n, int stride_ = 1) : data(p), count(n), stride(stride_), f64(true) {}
  Values(const float* p, int n, int stride_ = 1) : data(p), count(n), stride(stride_), f64(false) {}
  Values(const std::vector<double>& v) : Values(v.data(), static_cast<int>(v.size())) {}  // NOLINT: implicit
  Values(const std::vector<float>& v) : Values(v.data(), static_cast<int>(v.size())) {}   // NOLINT: implicit

  bool empty() const { return data == nullptr || count <= 0; }
  double operator[](int i) const {
    return f64 ? static_cast<const double*>(data)[static_cast<long>(i) * stride]
               : static_cast<double>(static_cast<const float*>(data)[static_cast<long>(i) * stride]);
  }
};

// A rows x cols matrix, row-major with `row_stride` elements between rows (cols when packed). Row 0 is drawn
// at the top of a heatmap and, for a field over an extent, at the top (largest y) too: images read that way.
struct Grid {
  const void* data = nullptr;
  int rows = 0, cols = 0;
  int row_stride = 0;
  bool f64 = false;

  Grid() = default;
  Grid(const float* p, int rows_, int cols_, int row_stride_ = 0)
      : data(p), rows(rows_), cols(cols_), row_stride(row_stride_ > 0 ? row_stride_ : cols_), f64(false) {}
  Grid(const double* p, int rows_, int cols_, int row_stride_ = 0)
      : data(p), rows(rows_), cols(cols_), row_stride(row_stride_ > 0 ? row_stride_ : cols_), f64(true) {}

  bool empty() const { return data == nullptr || rows <= 0 || cols <= 0; }
  double at(int r, int c) const {
    const long i = static_cast<long>(r) * row_stride + c;
    return f64 ? static_cast<const double*>(data)[i] : static_cast<double>(static_cast<const float*>(data)[i]);
  }
};

}  // namespace attend::views::plot
