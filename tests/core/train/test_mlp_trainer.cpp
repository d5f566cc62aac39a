#include <doctest/doctest.h>

#include "core/train/mlp_trainer.h"

using namespace attend;
using namespace attend::train;

TEST_CASE("the playground trainer runs in a session and publishes grid, thumbnails and losses") {
  MlpTrainerConfig c;
  const data::Points2D all = data::make_spiral(200, 0.1, 3);
  for (int i = 0; i < 200; ++i) {
    data::Points2D& part = i < 150 ? c.train : c.test;
    part.xy.push_back(all.xy[2 * i]);
    part.xy.push_back(all.xy[2 * i + 1]);
    part.label.push_back(all.label[static_cast<size_t>(i)]);
  }
  c.grid_res = 20;
  c.thumb_res = 8;
  Session<MlpModel, MlpSnapshot> s(make_mlp_model(c), mlp_hooks(), 42);
  s.set("lr", 0.1);
  s.set("batch_size", 15);
  s.set("regularization", 2);
  s.set("regularization_rate", 0.001);
  s.step(100);
  s.wait_idle();
  auto snap = s.latest();
  CHECK(snap->progress.step == 100);
  CHECK(snap->grid.size() == 400);
  CHECK(snap->thumbnails.size() == static_cast<size_t>(nn::neuron_count(snap->net)) * 64);
  CHECK(snap->epoch == doctest::Approx(10.0));
  CHECK(snap->net.regularization == nn::Regularization::L2);
  CHECK(snap->train_loss > 0);
  CHECK(snap->test_loss > 0);
  CHECK(snap->progress.metrics.count("test_acc") == 1);
  // Editing one weight shows up in the next snapshot.
  s.post([](MlpModel& m) { set_weight(m, 1, 2, 3, 0.75f); });
  s.step(0);
  s.wait_idle();
  CHECK(s.latest()->net.w[1][2][3] == 0.75f);
}
