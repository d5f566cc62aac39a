#include "core/classic/matrix.h"

#include <algorithm>
#include <cmath>

namespace attend::classic {

Matrix take_rows(const Matrix& X, const std::vector<int>& index) {
  Matrix out(static_cast<int>(index.size()), X.cols);
  for (size_t k = 0; k < index.size(); ++k) {
    ATTEND_ASSERT(index[k] >= 0 && index[k] < X.rows, "take_rows: row index out of range");
    std::copy(X.row(index[k]), X.row(index[k]) + X.cols, out.row(static_cast<int>(k)));
  }
  return out;
}

Matrix row_range(const Matrix& X, int begin, int end) {
  ATTEND_ASSERT(0 <= begin && begin <= end && end <= X.rows, "row_range: [begin, end) must lie inside X");
  Matrix out(end - begin, X.cols);
  std::copy(X.row(begin), X.row(begin) + static_cast<size_t>(end - begin) * X.cols, out.data.begin());
  return out;
}

Matrix take_cols(const Matrix& X, const std::vector<int>& cols) {
  Matrix out(X.rows, static_cast<int>(cols.size()));
  for (int i = 0; i < X.rows; ++i)
    for (size_t k = 0; k < cols.size(); ++k) {
      ATTEND_ASSERT(cols[k] >= 0 && cols[k] < X.cols, "take_cols: column index out of range");
      out(i, static_cast<int>(k)) = X(i, cols[k]);
    }
  return out;
}

Status check_x(const Matrix& X, const char* who) {
  if (X.rows <= 0) return make_error(std::string(who) + ": no samples to fit (X has 0 rows)");
  if (X.cols <= 0) return make_error(std::string(who) + ": no features to fit (X has 0 columns)");
  if (X.data.size() != static_cast<size_t>(X.rows) * X.cols)
    return make_error(std::string(who) + ": X holds " + std::to_string(X.data.size()) + " values, not rows×cols = " +
                      std::to_string(static_cast<size_t>(X.rows) * X.cols));
  for (int i = 0; i < X.rows; ++i)
    for (int j = 0; j < X.cols; ++j)
      if (!std::isfinite(X(i, j)))
        return make_error(std::string(who) + ": X(" + std::to_string(i) + ", " + std::to_string(j) + ") is " +
                          (std::isnan(X(i, j)) ? "NaN" : "infinite") +
                          "; drop or impute missing values before fitting");
  return Ok{};
}

Status check_xy(const Matrix& X, size_t n_targets, const char* who) {
  Status s = check_x(X, who);
  if (!s) return s;
  if (n_targets != static_cast<size_t>(X.rows))
    return make_error(std::string(who) + ": X has " + std::to_string(X.rows) + " rows but y has " +
                      std::to_string(n_targets) + " values");
  return Ok{};
}

Status check_finite(const std::vector<double>& y, const char* who, const char* name) {
  for (size_t i = 0; i < y.size(); ++i)
    if (!std::isfinite(y[i]))
      return make_error(std::string(who) + ": " + name + "[" + std::to_string(i) + "] is " +
                        (std::isnan(y[i]) ? "NaN" : "infinite"));
  return Ok{};
}

Result<int> check_labels(const std::vector<int>& y, const char* who, int min_classes) {
  int k = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    if (y[i] < 0)
      return make_error(std::string(who) + ": label y[" + std::to_string(i) + "] = " + std::to_string(y[i]) +
                        " is negative; labels are class indices 0..K-1 (see encode_labels)");
    k = std::max(k, y[i] + 1);
  }
  std::vector<char> seen(static_cast<size_t>(k), 0);
  int distinct = 0;
  for (int v : y) distinct += !seen[static_cast<size_t>(v)]++;
  if (distinct < min_classes)
    return make_error(std::string(who) + ": y holds " + std::to_string(distinct) + " class" +
                      (distinct == 1 ? "" : "es") + "; a classifier needs at least " + std::to_string(min_classes));
  return k;
}

LabelEncoding encode_labels(const std::vector<double>& labels) {
  LabelEncoding e;
  e.classes = labels;
  std::sort(e.classes.begin(), e.classes.end());
  e.classes.erase(std::unique(e.classes.begin(), e.classes.end()), e.classes.end());
  e.y.reserve(labels.size());
  for (double v : labels)
    e.y.push_back(static_cast<int>(std::lower_bound(e.classes.begin(), e.classes.end(), v) - e.classes.begin()));
  return e;
}

ColumnStats column_stats(const Matrix& X) {
  ColumnStats s;
  s.mean.assign(static_cast<size_t>(X.cols), 0.0);
  s.scale.assign(static_cast<size_t>(X.cols), 0.0);
  if (X.rows == 0) {
    std::fill(s.scale.begin(), s.scale.end(), 1.0);
    return s;
  }
  for (int i = 0; i < X.rows; ++i)
    for (int j = 0; j < X.cols; ++j) s.mean[j] += X(i, j);
  for (double& m : s.mean) m /= X.rows;
  for (int i = 0; i < X.rows; ++i)
    for (int j = 0; j < X.cols; ++j) {
      const double d = X(i, j) - s.mean[j];
      s.scale[j] += d * d;
    }
  for (double& v : s.scale) {
    v = std::sqrt(v / X.rows);
    if (!(v > 0)) v = 1.0;
  }
  return s;
}

Matrix standardize(const Matrix& X, const ColumnStats& s) {
  ATTEND_ASSERT(s.mean.size() == static_cast<size_t>(X.cols), "standardize: stats fitted on another width");
  Matrix out(X.rows, X.cols);
  for (int i = 0; i < X.rows; ++i)
    for (int j = 0; j < X.cols; ++j) out(i, j) = (X(i, j) - s.mean[j]) / s.scale[j];
  return out;
}

double total_variance(const Matrix& X) {
  if (X.data.empty()) return 0;
  double mean = 0;
  for (double v : X.data) mean += v;
  mean /= static_cast<double>(X.data.size());
  double ss = 0;
  for (double v : X.data) ss += (v - mean) * (v - mean);
  return ss / static_cast<double>(X.data.size());
}

Matrix grid_points(const GridSpec& g) {
  ATTEND_ASSERT(g.nx >= 2 && g.ny >= 2, "grid_points: a grid needs at least 2 points per axis");
  Matrix P(g.nx * g.ny, 2);
  for (int i = 0; i < g.ny; ++i)
    for (int j = 0; j < g.nx; ++j) {
      P(i * g.nx + j, 0) = g.x0 + (g.x1 - g.x0) * j / (g.nx - 1);
      P(i * g.nx + j, 1) = g.y0 + (g.y1 - g.y0) * i / (g.ny - 1);
    }
  return P;
}

}  // namespace attend::classic
