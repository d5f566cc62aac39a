// The benchmark CSVs of ../shared/bench (sklearn_classic.py's inputs), read with the project's own table
// reader: rows 0..3999 train, 4000..4999 test, as the peer script splits them.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/classic/matrix.h"
#include "core/data/table.h"

namespace attend::test {

inline std::string shared_dir() {
  const char* env = std::getenv("ATTEND_SHARED_DIR");
  return env && *env ? env : ATTEND_SHARED_DIR_DEFAULT;
}

struct BenchData {
  classic::Matrix X_train, X_test;
  std::vector<double> y_train, y_test;
  std::vector<int> labels_train, labels_test;
};

// `name` is e.g. "classification_5000x20.csv"; the last column is the target.
inline BenchData load_bench(const std::string& name, int n_train = 4000) {
  const std::string path = shared_dir() + "/bench/data/" + name;
  Result<data::Table> t = data::read_table(path);
  REQUIRE_MESSAGE(t.ok(), (t.ok() ? std::string() : t.error().to_string()));
  const int rows = static_cast<int>(t->rows), d = static_cast<int>(t->columns.size()) - 1;
  classic::Matrix X(rows, d);
  std::vector<double> y(static_cast<size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < d; ++j) X(i, j) = t->columns[static_cast<size_t>(j)].numbers[static_cast<size_t>(i)];
    y[static_cast<size_t>(i)] = t->columns[static_cast<size_t>(d)].numbers[static_cast<size_t>(i)];
  }
  BenchData b;
  b.X_train = classic::row_range(X, 0, n_train);
  b.X_test = classic::row_range(X, 4000, rows);
  b.y_train.assign(y.begin(), y.begin() + n_train);
  b.y_test.assign(y.begin() + 4000, y.end());
  for (double v : b.y_train) b.labels_train.push_back(static_cast<int>(v));
  for (double v : b.y_test) b.labels_test.push_back(static_cast<int>(v));
  return b;
}

inline double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}
inline double abs_sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x < 0 ? -x : x;
  return s;
}

}  // namespace attend::test
