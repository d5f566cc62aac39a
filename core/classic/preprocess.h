// The preprocessing steps of a tabular pipeline (topic 30), each fitted on the training rows only and then
// applied unchanged to the test rows, so nothing about the test set leaks into training:
//   - drop rows with a missing value in the columns that will be used;
//   - one-hot encode categorical columns (a category unseen in training becomes all zeros);
//   - standardise numeric features with the training mean and deviation;
//   - split rows into train and test, stratified by class (or by quantile bins of a numeric target) and
//     seeded, so each class keeps its share in both parts.
//
//   FeatureEncoder enc = fit_encoder(table, {"area", "neighbourhood"}, split.train).value();
//   Matrix Xtr = encode(enc, table, split.train), Xte = encode(enc, table, split.test);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/classic/matrix.h"
#include "core/data/table.h"

namespace attend::classic {

// Indices of rows with no missing value in `columns` (all columns when empty).
std::vector<int> complete_rows(const data::Table& t, const std::vector<std::string>& columns = {});

struct FeatureEncoder {
  struct Source {
    int column = -1;                      // in the table
    bool categorical = false;
    std::vector<int> codes;               // categorical: the table codes that get a column, in output order
  };
  std::vector<Source> sources;
  std::vector<std::string> feature_names;  // "area", "neighbourhood=Docklands", ...
};

// Learns which columns and categories become features, from `rows` only. Errors name unknown columns.
Result<FeatureEncoder> fit_encoder(const data::Table& t, const std::vector<std::string>& columns,
                                   const std::vector<int>& rows);
// The design matrix for `rows`. Missing numeric cells become NaN (drop or impute them first).
Matrix encode(const FeatureEncoder& e, const data::Table& t, const std::vector<int>& rows);

// StandardScaler: (x − mean) / deviation per column, fitted on training data.
struct Scaler {
  ColumnStats stats;
  std::vector<char> skip;  // columns left as they are (one-hot columns are 0/1 already)
};
Scaler fit_scaler(const Matrix& X_train, const std::vector<char>& skip = {});
Matrix apply_scaler(const Scaler& s, const Matrix& X);

struct RowSplit {
  std::vector<int> train, test;  // indices into the rows that were split, each part in increasing order
};
// ceil(n · test_fraction) rows go to test; with strata, each stratum gives its share (largest remainders
// decide the rounding), shuffled by SplitMix64(seed).
RowSplit random_split(int n, double test_fraction, uint64_t seed);
RowSplit stratified_split(const std::vector<int>& strata, double test_fraction, uint64_t seed);
// Strata for a numeric target: the quantile bin (0..bins-1) of each value.
std::vector<int> quantile_bins(const std::vector<double>& y, int bins);

}  // namespace attend::classic
