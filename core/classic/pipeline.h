// A tabular pipeline (topic 30): table → drop rows with missing values → train/test split (seeded,
// stratified) → one-hot encode categories → standardise numeric features (fitted on the training rows) →
// fit several models → compare them on the test rows (R² for regression, accuracy for classification).
// Every stage says what it did in `steps`, so the lesson can show the pipeline as it runs.
//
//   Result<data::Table> t = data::read_table(assets_dir() + "/data/houses.csv");
//   PipelineOptions o;  o.target = "price_k";
//   Result<PipelineReport> r = run_regression_pipeline(*t, o, all_regressors());
//   for (const ModelResult& m : r->models) print(m.name, m.test_score);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/classic/zoo.h"
#include "core/data/table.h"

namespace attend::classic {

enum class RegressorKind { Linear, Ridge, Lasso, ElasticNet, Knn, Tree, Forest };
const char* regressor_name(RegressorKind k);  // "linear", "ridge", "lasso", "elastic_net", "knn", "tree", "forest"
bool parse_regressor(const std::string& name, RegressorKind* out);
std::vector<RegressorKind> all_regressors();

struct PipelineOptions {
  std::string target;
  std::vector<std::string> features;  // empty: every column except the target
  double test_fraction = 0.25;
  uint64_t seed = 0;
  bool drop_missing = true;  // false: a missing value in a used column is an error
  bool one_hot = true;       // false: categorical features are left out
  bool scale = true;         // standardise numeric features (one-hot columns stay 0/1)
  bool stratify = true;      // by class, or by 5 quantile bins of a numeric target
  // Regressors' hyperparameters.
  double ridge_alpha = 1.0, lasso_alpha = 0.1, enet_alpha = 0.1, enet_l1_ratio = 0.5;
  int knn_k = 5;
  int tree_depth = 6;        // −1: unlimited
  int forest_trees = 100;
  int threads = 0;
  ZooParams classifier;      // the classifiers' hyperparameters
};

struct ModelResult {
  std::string name;
  double train_score = 0, test_score = 0;  // R² or accuracy
  double test_rmse = 0, test_mae = 0;      // regression
  double test_log_loss = 0;                // classification; NaN for the SVMs
  double fit_ms = 0;
  std::vector<double> test_prediction;     // values, or class indices
  std::string error;                       // set when this model could not be fitted; the others still run
};

struct PipelineReport {
  bool classification = false;
  std::string target;
  std::vector<std::string> class_names;
  size_t rows_in = 0, rows_dropped = 0, rows_train = 0, rows_test = 0;
  std::vector<int> train_rows, test_rows;  // table row indices
  std::vector<std::string> feature_names;
  std::vector<std::string> steps;          // one sentence per stage
  std::vector<double> test_target;
  std::vector<ModelResult> models;
  int best = -1;                           // the model with the highest test score
};

Result<PipelineReport> run_regression_pipeline(const data::Table& t, const PipelineOptions& o,
                                               const std::vector<RegressorKind>& models);
Result<PipelineReport> run_classification_pipeline(const data::Table& t, const PipelineOptions& o,
                                                   const std::vector<ZooModel>& models);

}  // namespace attend::classic
