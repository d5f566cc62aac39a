#include "core/classic/preprocess.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/util/rng.h"

namespace attend::classic {

std::vector<int> complete_rows(const data::Table& t, const std::vector<std::string>& columns) {
  std::vector<int> cols;
  if (columns.empty()) {
    cols.resize(t.columns.size());
    std::iota(cols.begin(), cols.end(), 0);
  } else {
    for (const std::string& name : columns) {
      const int c = t.find(name);
      ATTEND_ASSERT(c >= 0, "complete_rows: a column name is not in the table (check it with Table::find first)");
      cols.push_back(c);
    }
  }
  std::vector<int> keep;
  for (size_t r = 0; r < t.rows; ++r) {
    bool ok = true;
    for (int c : cols) ok = ok && !t.columns[c].is_missing(r);
    if (ok) keep.push_back(static_cast<int>(r));
  }
  return keep;
}

Result<FeatureEncoder> fit_encoder(const data::Table& t, const std::vector<std::string>& columns,
                                   const std::vector<int>& rows) {
  FeatureEncoder e;
  for (const std::string& name : columns) {
    const int c = t.find(name);
    if (c < 0) {
      std::string known;
      for (const std::string& n : t.names()) known += (known.empty() ? "" : ", ") + n;
      return make_error(t.source, 0, 0, "no column named '" + name + "' (the columns are: " + known + ")");
    }
    const data::Column& col = t.columns[c];
    FeatureEncoder::Source s;
    s.column = c;
    s.categorical = col.type == data::ColumnType::Categorical;
    if (!s.categorical) {
      e.feature_names.push_back(col.name);
    } else {
      // Categories seen in the training rows, in the table's order of first appearance.
      std::vector<char> seen(col.categories.size(), 0);
      for (int r : rows)
        if (col.codes[static_cast<size_t>(r)] >= 0) seen[static_cast<size_t>(col.codes[static_cast<size_t>(r)])] = 1;
      for (size_t k = 0; k < seen.size(); ++k)
        if (seen[k]) {
          s.codes.push_back(static_cast<int>(k));
          e.feature_names.push_back(col.name + "=" + col.categories[k]);
        }
    }
    e.sources.push_back(std::move(s));
  }
  return e;
}

Matrix encode(const FeatureEncoder& e, const data::Table& t, const std::vector<int>& rows) {
  Matrix X(static_cast<int>(rows.size()), static_cast<int>(e.feature_names.size()));
  for (size_t i = 0; i < rows.size(); ++i) {
    const size_t r = static_cast<size_t>(rows[i]);
    int j = 0;
    for (const FeatureEncoder::Source& s : e.sources) {
      const data::Column& col = t.columns[static_cast<size_t>(s.column)];
      if (!s.categorical) {
        X(static_cast<int>(i), j++) = col.numbers[r];
        continue;
      }
      const int code = col.codes[r];
      for (int k : s.codes) X(static_cast<int>(i), j++) = code == k ? 1.0 : 0.0;
    }
  }
  return X;
}

Scaler fit_scaler(const Matrix& X, const std::vector<char>& skip) {
  Scaler s;
  s.stats = column_stats(X);
  s.skip = skip;
  s.skip.resize(static_cast<size_t>(X.cols), 0);
  for (int j = 0; j < X.cols; ++j)
    if (s.skip[j]) s.stats.mean[j] = 0, s.stats.scale[j] = 1;
  return s;
}

Matrix apply_scaler(const Scaler& s, const Matrix& X) { return standardize(X, s.stats); }

RowSplit random_split(int n, double test_fraction, uint64_t seed) {
  return stratified_split(std::vector<int>(static_cast<size_t>(n), 0), test_fraction, seed);
}

RowSplit stratified_split(const std::vector<int>& strata, double test_fraction, uint64_t seed) {
  ATTEND_ASSERT(test_fraction >= 0 && test_fraction <= 1, "stratified_split: test_fraction must lie in [0, 1]");
  const int n = static_cast<int>(strata.size());
  const int n_test = static_cast<int>(std::ceil(n * test_fraction - 1e-9));
  int K = 0;
  for (int s : strata) {
    ATTEND_ASSERT(s >= 0, "stratified_split: strata must be ≥ 0");
    K = std::max(K, s + 1);
  }
  std::vector<std::vector<int>> members(static_cast<size_t>(K));
  for (int i = 0; i < n; ++i) members[strata[i]].push_back(i);
  // Each stratum's share of the test rows, floor first, the remainder to the largest fractional parts.
  std::vector<int> take(static_cast<size_t>(K));
  std::vector<std::pair<double, int>> frac;
  int assigned = 0;
  for (int k = 0; k < K; ++k) {
    const double exact = n > 0 ? static_cast<double>(members[k].size()) * n_test / n : 0.0;
    take[k] = static_cast<int>(std::floor(exact));
    assigned += take[k];
    frac.push_back({exact - take[k], k});
  }
  std::stable_sort(frac.begin(), frac.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t q = 0; assigned < n_test && q < frac.size(); ++q) {
    const int k = frac[q].second;
    if (take[k] < static_cast<int>(members[k].size())) ++take[k], ++assigned;
  }
  SplitMix64 rng(seed);
  RowSplit out;
  for (int k = 0; k < K; ++k) {
    std::vector<int>& m = members[k];
    for (int i = static_cast<int>(m.size()) - 1; i > 0; --i)
      std::swap(m[i], m[rng.below(static_cast<uint64_t>(i) + 1)]);
    out.test.insert(out.test.end(), m.begin(), m.begin() + take[k]);
    out.train.insert(out.train.end(), m.begin() + take[k], m.end());
  }
  std::sort(out.train.begin(), out.train.end());
  std::sort(out.test.begin(), out.test.end());
  return out;
}

std::vector<int> quantile_bins(const std::vector<double>& y, int bins) {
  ATTEND_ASSERT(bins >= 1, "quantile_bins: bins must be ≥ 1");
  std::vector<int> order(y.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return y[a] < y[b]; });
  std::vector<int> out(y.size());
  for (size_t r = 0; r < order.size(); ++r)
    out[static_cast<size_t>(order[r])] = static_cast<int>(r * static_cast<size_t>(bins) / std::max<size_t>(1, y.size()));
  return out;
}

}  // namespace attend::classic
