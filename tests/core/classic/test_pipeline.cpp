#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/classic/pipeline.h"
#include "core/classic/preprocess.h"

using namespace attend;
using namespace attend::classic;

namespace {
data::Table houses() {
  Result<data::Table> t = data::read_table(std::string(ATTEND_ASSETS_DIR) + "/data/houses.csv");
  REQUIRE_MESSAGE(t.ok(), (t.ok() ? std::string() : t.error().to_string()));
  return *t;
}
}  // namespace

TEST_CASE("stratified split keeps each class's share, is seeded, and covers every row once") {
  std::vector<int> strata;
  for (int i = 0; i < 100; ++i) strata.push_back(i < 80 ? 0 : 1);
  const RowSplit a = stratified_split(strata, 0.25, 5);
  CHECK(a.test.size() == 25);
  CHECK(a.train.size() == 75);
  int test_ones = 0;
  for (int i : a.test) test_ones += strata[i];
  CHECK(test_ones == 5);  // 20 % of the test rows, as in the whole
  std::vector<int> all = a.train;
  all.insert(all.end(), a.test.begin(), a.test.end());
  std::sort(all.begin(), all.end());
  for (int i = 0; i < 100; ++i) CHECK(all[i] == i);
  CHECK(stratified_split(strata, 0.25, 5).test == a.test);
  CHECK(stratified_split(strata, 0.25, 6).test != a.test);
  CHECK(random_split(10, 0.3, 1).test.size() == 3);
  const std::vector<int> bins = quantile_bins({5, 1, 4, 2, 3, 6}, 3);
  CHECK(bins == std::vector<int>{2, 0, 1, 0, 1, 2});
}

TEST_CASE("one-hot categories and scaling come from the training rows only") {
  const data::Table t = data::parse_table("x,colour\n1,red\n2,blue\n3,red\n100,green\n").value();
  const FeatureEncoder e = fit_encoder(t, {"x", "colour"}, {0, 1, 2}).value();
  CHECK(e.feature_names == std::vector<std::string>{"x", "colour=red", "colour=blue"});
  const Matrix test = encode(e, t, {3});
  CHECK(test(0, 0) == 100);
  CHECK(test(0, 1) == 0);  // green was never seen in training: all zeros
  CHECK(test(0, 2) == 0);
  const Matrix train = encode(e, t, {0, 1, 2});
  const Scaler s = fit_scaler(train, {0, 1, 1});
  CHECK(s.stats.mean[0] == doctest::Approx(2.0));
  const Matrix scaled = apply_scaler(s, test);
  CHECK(scaled(0, 0) == doctest::Approx((100 - 2) / std::sqrt(2.0 / 3)));
  CHECK(scaled(0, 1) == 0);
  CHECK_FALSE(fit_encoder(t, {"size"}, {0}).ok());
  CHECK(complete_rows(data::parse_table("a,b\n1,\n2,3\n,4\n").value()) == std::vector<int>{1});
}

TEST_CASE("the regression pipeline on houses.csv: every model runs, linear models explain most of the price") {
  const data::Table t = houses();
  PipelineOptions o;
  o.target = "price_k";
  o.forest_trees = 20;
  o.threads = 1;
  const PipelineReport r = run_regression_pipeline(t, o, all_regressors()).value();
  CHECK(r.rows_in == 600);
  CHECK(r.rows_dropped > 20);
  CHECK(r.rows_train + r.rows_test == r.rows_in - r.rows_dropped);
  CHECK(r.rows_test == static_cast<size_t>(std::ceil(0.25 * (r.rows_in - r.rows_dropped))));
  CHECK(std::find(r.feature_names.begin(), r.feature_names.end(), "neighbourhood=Old Town") != r.feature_names.end());
  REQUIRE(r.models.size() == 7);
  for (const ModelResult& m : r.models) {
    INFO(m.name);
    CHECK(m.error.empty());
    CHECK(m.test_prediction.size() == r.rows_test);
    CHECK(m.test_score > 0.85);
  }
  CHECK(r.models[0].test_score > 0.95);  // the formula is linear apart from one interaction
  CHECK(r.best >= 0);
  CHECK(r.steps.size() >= 5);
  // Same seed, same split and scores.
  const PipelineReport again = run_regression_pipeline(t, o, {RegressorKind::Ridge}).value();
  CHECK(again.test_rows == r.test_rows);
  CHECK(again.models[0].test_score == r.models[1].test_score);
}

TEST_CASE("the classification pipeline predicts sold_fast and, with five classes, the neighbourhood") {
  const data::Table t = houses();
  PipelineOptions o;
  o.target = "sold_fast";
  o.classifier.n_trees = 20;
  o.classifier.threads = 1;
  const PipelineReport r = run_classification_pipeline(t, o, all_zoo_models()).value();
  CHECK(r.classification);
  CHECK(r.class_names == std::vector<std::string>{"no", "yes"});
  for (const ModelResult& m : r.models) {
    INFO(m.name);
    CHECK(m.error.empty());
    CHECK(m.test_score > 0.7);
  }
  // Neighbourhood as a five-class target (the SVMs go one-vs-one): distance to the centre gives it away.
  o.target = "neighbourhood";
  const PipelineReport multi = run_classification_pipeline(t, o, all_zoo_models()).value();
  CHECK(multi.class_names.size() == 5);
  for (const ModelResult& m : multi.models) {
    INFO(m.name);
    CHECK(m.error.empty());
    CHECK(m.test_score > 0.6);
  }
}

TEST_CASE("pipeline errors name the column and the fix") {
  const data::Table t = houses();
  PipelineOptions o;
  o.target = "prize";
  Result<PipelineReport> r = run_regression_pipeline(t, o, all_regressors());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("no target column named 'prize'") != std::string::npos);
  o.target = "neighbourhood";
  CHECK(run_regression_pipeline(t, o, all_regressors()).error().message.find("categorical") != std::string::npos);
  o.target = "price_k";
  o.drop_missing = false;
  CHECK(run_regression_pipeline(t, o, all_regressors()).error().message.find("missing") != std::string::npos);
  o.drop_missing = true;
  o.features = {"area_m2", "price_k"};
  CHECK_FALSE(run_regression_pipeline(t, o, all_regressors()).ok());
}
