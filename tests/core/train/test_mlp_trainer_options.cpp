// The playground trainer beyond Playground: datasets by name, optimizers, layer/batch norm, divergence
// that stops the run with a message, and hyperparameters that rebuild the network.
#include <doctest/doctest.h>

#include <cmath>

#include "core/train/mlp_trainer.h"

using namespace attend;
using namespace attend::train;

namespace {
MlpTrainerConfig config_for(const char* dataset, double noise = 0) {
  MlpTrainerConfig c;
  data::PlaygroundDataSpec spec;
  spec.dataset = dataset;
  spec.noise = noise;
  REQUIRE(apply_data(c, spec).ok());
  c.grid_res = 10;
  c.thumb_res = 4;
  return c;
}

double loss_after(MlpModel& m, int steps) {
  for (int k = 0; k < steps; ++k) train_step(m);
  MlpSnapshot s;
  publish(m, s);
  return s.train_loss;
}
}  // namespace

TEST_CASE("playground trainer: apply_data picks the problem type and set_data keeps the old data on an error") {
  MlpTrainerConfig c = config_for("plane");
  CHECK(c.net.output == tensor::Activation::Linear);
  CHECK(c.train.size() == 600);
  MlpModel m = make_mlp_model(config_for("circle"));
  CHECK(m.config.net.output == tensor::Activation::Tanh);
  data::PlaygroundDataSpec bad;
  bad.dataset = "csv";
  bad.csv_path = "/nonexistent/points.csv";
  CHECK_FALSE(set_data(m, bad).ok());
  CHECK(m.config.train.size() == 250);
  CHECK(set_mlp_hyper(m, "dataset", 1));  // xor
  CHECK(m.spec.dataset == "xor");
  CHECK(set_mlp_hyper(m, "train_ratio", 0.7));
  CHECK(m.config.train.size() == 350);
  CHECK_FALSE(set_mlp_hyper(m, "train_ratio", 1.5));
  CHECK_FALSE(set_mlp_hyper(m, "unknown", 1));
}

TEST_CASE("playground trainer: every optimizer and both norms bring the circle's loss down") {
  for (int opt : {0, 1, 5}) {
    MlpModel m = make_mlp_model(config_for("circle"));
    m.config.lr = opt == 5 ? 0.01f : 0.03f;
    REQUIRE(set_mlp_hyper(m, "optimizer", opt));
    const double before = loss_after(m, 0);
    CHECK_MESSAGE(loss_after(m, 1500) < 0.6 * before, "optimizer ", opt);
  }
  for (int norm : {1, 2}) {
    MlpModel m = make_mlp_model(config_for("circle"));
    REQUIRE(set_mlp_hyper(m, "norm", norm));
    CHECK(m.config.norm == static_cast<nn::PlaygroundNorm>(norm));
    {
      // Before training (γ = 1, β = 0) the normalised values have mean 0 and sd 1 along the norm's axis.
      MlpSnapshot fresh;
      publish(m, fresh);
      const NormStats st = norm_stats(fresh.probe, m.config.norm);
      CHECK(st.after_sd == doctest::Approx(1).epsilon(0.05));
      CHECK(st.after_mean == doctest::Approx(0).scale(1).epsilon(1e-3));
      CHECK(st.before_sd > 0);
      CHECK(std::isnan(norm_stats(fresh.probe, nn::PlaygroundNorm::None).after_sd));
    }
    const double before = loss_after(m, 0);
    CHECK_MESSAGE(loss_after(m, 600) < 0.6 * before, "norm ", norm);
    MlpSnapshot s;
    publish(m, s);
    CHECK(s.probe.rows >= 2);
    CHECK(s.probe.after.size() == s.probe.before.size());
    CHECK(s.parameters > nn::parameter_count(m.net));  // γ and β count too
  }
}

TEST_CASE("playground trainer: a diverging run stops with a message, batch norm refuses batches of one") {
  MlpTrainerConfig c = config_for("plane");  // a linear output: nothing saturates, the loss explodes
  c.lr = 100.f;
  Session<MlpModel, MlpSnapshot> s(make_mlp_model(c), mlp_hooks(), 1);
  s.step(200);
  s.wait_idle();
  CHECK(s.latest()->diverged);
  CHECK(s.latest()->progress.step < 200);
  MlpModel m = make_mlp_model(config_for("circle"));
  set_mlp_hyper(m, "norm", 2);
  set_mlp_hyper(m, "batch_size", 1);
  CHECK(step_problem(m).find("batch norm needs at least 2") != std::string::npos);
  CHECK(std::isnan(train_step(m)));
}

TEST_CASE("playground trainer: layers, widths, features and activation rebuild the network") {
  MlpModel m = make_mlp_model(config_for("circle"));
  CHECK(set_mlp_hyper(m, "layers", 3));
  CHECK(m.net.layers == 4);
  CHECK(set_mlp_hyper(m, "layer3", 2));
  CHECK(m.net.width[3] == 2);
  CHECK_FALSE(set_mlp_hyper(m, "layer5", 2));   // only 3 hidden layers
  CHECK_FALSE(set_mlp_hyper(m, "layer1", 9));
  CHECK(set_mlp_hyper(m, "features", 0b1111111));
  CHECK(m.net.inputs == 7);
  CHECK(set_mlp_hyper(m, "activation", 0));
  CHECK(m.net.activation == tensor::Activation::ReLU);
  CHECK(set_mlp_hyper(m, "layers", 0));
  CHECK(m.net.layers == 1);
}
