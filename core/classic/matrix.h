// The data the classic models (topics 14, 27, 29, 30) take: a dense row-major matrix of doubles with one
// sample per row, integer class labels 0..K-1 for classifiers and doubles for regressors. Plain vectors keep
// Eigen out of every header; the .cpp files map these buffers with Eigen::Map where they need linear algebra.
//
//   Matrix X(n, d);  X(i, j) = ...;            // sample i, feature j
//   Status s = check_xy(X, y.size(), "ridge");  // shapes and NaNs, in words, before any fit
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/assert.h"
#include "core/util/result.h"

namespace attend::classic {

struct Matrix {
  int rows = 0, cols = 0;
  std::vector<double> data;  // rows × cols, row-major

  Matrix() = default;
  Matrix(int r, int c, double fill = 0.0) : rows(r), cols(c), data(static_cast<size_t>(r) * c, fill) {}

  double& operator()(int r, int c) { return data[static_cast<size_t>(r) * cols + c]; }
  double operator()(int r, int c) const { return data[static_cast<size_t>(r) * cols + c]; }
  double* row(int r) { return data.data() + static_cast<size_t>(r) * cols; }
  const double* row(int r) const { return data.data() + static_cast<size_t>(r) * cols; }
  bool empty() const { return rows == 0 || cols == 0; }
};

// Rows `index` of X, in that order (resampling, splits, bootstrap).
Matrix take_rows(const Matrix& X, const std::vector<int>& index);
template <class T>
std::vector<T> take(const std::vector<T>& v, const std::vector<int>& index) {
  std::vector<T> out;
  out.reserve(index.size());
  for (int i : index) out.push_back(v[static_cast<size_t>(i)]);
  return out;
}
// Rows [begin, end) of X.
Matrix row_range(const Matrix& X, int begin, int end);
// Columns `cols` of X (feature subsets, the 2-D slices the zoo draws).
Matrix take_cols(const Matrix& X, const std::vector<int>& cols);

// Checks what every fit needs: at least one sample and one feature, `n_targets` == X.rows, finite values.
// `who` names the model in the message ("ridge: X has 3 rows but y has 4 values").
Status check_x(const Matrix& X, const char* who);
Status check_xy(const Matrix& X, size_t n_targets, const char* who);
Status check_finite(const std::vector<double>& y, const char* who, const char* name);
// Labels must be 0..n_classes-1 (n_classes = max+1); returns n_classes, or an error for negatives/one class.
Result<int> check_labels(const std::vector<int>& y, const char* who, int min_classes = 2);

// Maps arbitrary numeric labels (±1 from the Playground sets, 3/7/9) to 0..K-1 in ascending order, the way
// sklearn's classes_ does.
struct LabelEncoding {
  std::vector<double> classes;  // classes[k] is the original value of index k
  std::vector<int> y;           // encoded labels
};
LabelEncoding encode_labels(const std::vector<double>& labels);

// Column means and population standard deviations (ddof 0); a zero deviation is reported as 1 so scaling
// leaves constant columns alone, as sklearn's StandardScaler does.
struct ColumnStats {
  std::vector<double> mean, scale;
};
ColumnStats column_stats(const Matrix& X);
Matrix standardize(const Matrix& X, const ColumnStats& s);

// Sample variance of every entry of X together (sklearn's X.var() used by gamma='scale').
double total_variance(const Matrix& X);

// n×2 matrix from 2-D points and a grid of query points; the zoo and the experiments use these.
struct GridSpec {
  double x0 = -6, x1 = 6, y0 = -6, y1 = 6;
  int nx = 100, ny = 100;
};
// Row (i*nx + j) is the point (x_j, y_i) with x_j = x0 + (x1-x0)·j/(nx-1): rows of the image top to bottom
// are increasing y, the way the bench's mlp_grid is laid out.
Matrix grid_points(const GridSpec& g);

}  // namespace attend::classic
