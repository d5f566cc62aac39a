// The playground's data: Playground's datasets through make_playground_data (same points as toy2d, the
// spiral equal to the bench's spiral_500.csv), the train/test split, and a user's CSV with its errors.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/data/playground_data.h"
#include "core/data/toy2d.h"

using namespace attend;
using namespace attend::data;

TEST_CASE("playground data: the spiral is the bench's spiral_500.csv and the split keeps Playground's order") {
  PlaygroundDataSpec spec;
  spec.dataset = "spiral";
  spec.noise = 0;
  spec.seed = 1;
  spec.train_fraction = 0.5;
  Result<PlaygroundData> d = make_playground_data(spec);
  REQUIRE(d.ok());
  CHECK(d->train.size() == 250);
  CHECK(d->test.size() == 250);
  CHECK_FALSE(d->regression);
  CHECK(d->extent == 6.f);
  const Points2D all = to_points(make_toy2d(Toy2DKind::Spiral, 500, 0, 1));
  for (int i = 0; i < 250; ++i) {
    CHECK(d->train.xy[2 * i] == all.xy[2 * i]);
    CHECK(d->test.label[static_cast<size_t>(i)] == all.label[static_cast<size_t>(250 + i)]);
  }
  // The playground's spiral (noise 10%, seed 2016, all points as training) is the bench's file, value for value.
  const char* env = std::getenv("ATTEND_SHARED_DIR");
  const std::string dir = env && *env ? env : ATTEND_SHARED_DIR_DEFAULT;
  Result<Points2D> bench = read_points_csv(dir + "/bench/data/spiral_500.csv");
  REQUIRE(bench.ok());
  spec.noise = 0.1;
  spec.seed = 2016;
  spec.train_fraction = 0.998;  // 499 training points, 1 test point: nothing reordered
  Result<PlaygroundData> same = make_playground_data(spec);
  REQUIRE(same.ok());
  REQUIRE(same->train.size() == 499);
  for (int i = 0; i < 499; ++i) {
    CHECK(same->train.xy[2 * i] == doctest::Approx(bench->xy[2 * i]).epsilon(1e-6));
    CHECK(same->train.label[static_cast<size_t>(i)] == bench->label[static_cast<size_t>(i)]);
  }
}

TEST_CASE("playground data: regression sets have 1200 points and real-valued labels") {
  PlaygroundDataSpec spec;
  spec.dataset = "plane";
  spec.train_fraction = 0.3;
  Result<PlaygroundData> d = make_playground_data(spec);
  REQUIRE(d.ok());
  CHECK(d->regression);
  CHECK(d->train.size() == 360);
  CHECK(d->test.size() == 840);
  CHECK(d->description.find("plane") != std::string::npos);
}

TEST_CASE("playground data: bad specs give clear messages") {
  PlaygroundDataSpec spec;
  spec.dataset = "moons";
  Result<PlaygroundData> d = make_playground_data(spec);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find("circle, xor, gauss, spiral, plane, multigauss, csv") != std::string::npos);
  spec.dataset = "circle";
  spec.train_fraction = 1;
  CHECK_FALSE(make_playground_data(spec).ok());
  spec.train_fraction = 0.5;
  spec.noise = 0.9;
  CHECK_FALSE(make_playground_data(spec).ok());
  spec.dataset = "csv";
  CHECK_FALSE(make_playground_data(spec).ok());
}

TEST_CASE("playground data: a user's CSV is shuffled, split and sized, and its errors name file and line") {
  const std::string path = "/tmp/attend_playground_test.csv";
  {
    std::ofstream f(path);
    f << "x,y,label\n";
    for (int i = 0; i < 40; ++i) f << (i * 0.1) << "," << (-i * 0.05) << "," << (i < 20 ? 1 : -1) << "\n";
  }
  PlaygroundDataSpec spec;
  spec.dataset = "csv";
  spec.csv_path = path;
  spec.train_fraction = 0.5;
  Result<PlaygroundData> d = make_playground_data(spec);
  REQUIRE(d.ok());
  CHECK(d->train.size() == 20);
  CHECK_FALSE(d->regression);
  CHECK(d->extent >= 3.9f * 1.1f - 0.01f);
  CHECK(d->extent <= 10.f);
  // A file sorted by class is shuffled before the split: both halves hold both classes.
  int positives = 0;
  for (float l : d->train.label) positives += l > 0;
  CHECK(positives > 3);
  CHECK(positives < 17);
  {
    std::ofstream f(path);
    f << "x,y,label\n1,2,1\n3,abc,1\n";
  }
  Result<PlaygroundData> bad = make_playground_data(spec);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().line == 3);
  CHECK(bad.error().to_string().find("attend_playground_test.csv") != std::string::npos);
  std::remove(path.c_str());
}
