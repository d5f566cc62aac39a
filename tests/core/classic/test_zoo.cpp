#include <doctest/doctest.h>

#include <cmath>

#include "core/classic/zoo.h"

using namespace attend;
using namespace attend::classic;

TEST_CASE("the zoo on XOR: straight-line models fail, curved and local ones succeed") {
  GridSpec g;
  g.nx = 40, g.ny = 30;
  ZooParams p;
  p.n_trees = 30;
  p.threads = 1;
  const ZooRun run = run_zoo(data::Toy2DKind::Xor, 400, 0.0, 0.5, 7, all_zoo_models(), p, g).value();
  REQUIRE(run.entries.size() == kZooModelCount);
  CHECK(run.train.size() == 200);
  CHECK(run.test.size() == 200);
  for (const ZooEntry& e : run.entries) {
    INFO(e.name);
    CHECK(e.error.empty());
    CHECK(e.grid.score.size() == 1200);
    CHECK(e.grid.label.size() == 1200);
    const bool linear = e.kind == ZooModel::Logistic || e.kind == ZooModel::Lda || e.kind == ZooModel::LinearSvm;
    if (linear) CHECK(e.test_accuracy < 0.75);
    if (e.kind == ZooModel::RbfSvm || e.kind == ZooModel::Tree || e.kind == ZooModel::Forest ||
        e.kind == ZooModel::Knn)
      CHECK(e.test_accuracy > 0.9);
    CHECK(e.grid.probability == score_is_probability(e.kind));
    if (e.grid.probability) {
      for (double s : e.grid.score) CHECK((s >= 0 && s <= 1));
      CHECK(e.test_log_loss > 0);
    } else {
      CHECK(std::isnan(e.test_log_loss));
    }
    // The label grid is the score grid thresholded (probability ≥ .5 or margin ≥ 0 means class 1), up to
    // ties exactly at the threshold.
    int disagree = 0;
    for (size_t i = 0; i < e.grid.score.size(); ++i)
      disagree += (e.grid.score[i] > e.grid.threshold) != (e.grid.label[i] == 1) && e.grid.score[i] != e.grid.threshold;
    CHECK(disagree == 0);
  }
}

TEST_CASE("the zoo is deterministic for a seed and refuses regression datasets") {
  GridSpec g;
  g.nx = g.ny = 10;
  const std::vector<ZooModel> m = {ZooModel::Forest, ZooModel::Tree};
  ZooParams p;
  p.n_trees = 10;
  const ZooRun a = run_zoo(data::Toy2DKind::Spiral, 200, 0.1, 0.7, 3, m, p, g).value();
  p.threads = 1;
  const ZooRun b = run_zoo(data::Toy2DKind::Spiral, 200, 0.1, 0.7, 3, m, p, g).value();
  CHECK(a.entries[0].grid.score == b.entries[0].grid.score);
  CHECK(a.entries[1].grid.label == b.entries[1].grid.label);
  Result<ZooRun> r = run_zoo(data::Toy2DKind::Plane, 200, 0.1, 0.5, 3, m, p, g);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("regression") != std::string::npos);
}

TEST_CASE("zoo model names round-trip") {
  for (ZooModel m : all_zoo_models()) {
    ZooModel back;
    REQUIRE(parse_zoo_model(zoo_model_name(m), &back));
    CHECK(back == m);
  }
  ZooModel x;
  CHECK_FALSE(parse_zoo_model("perceptron", &x));
}
