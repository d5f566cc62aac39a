// The playground view's data path and lesson API: settings reach the training session (the snapshot shows
// them), what the view reports equals what core computes (regions of the shown network, the fit), and bad
// input (unknown keys, a broken CSV, out-of-range layers) is an error that says what to do. No drawing here.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <thread>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/experiments/bias_variance.h"
#include "core/experiments/why_logs.h"
#include "core/nn/linear_regions.h"
#include "core/train/session.h"
#include "tests/views/view_queries.h"
#include "views/playground_view.h"

using namespace attend;
using namespace attend::testing;

TEST_CASE("playground view: settings reach the session and the snapshot reports them") {
  views::View v = views::make_playground_view();
  CHECK(v.name == "playground");
  REQUIRE((v.session() != nullptr));
  ok(v, "dataset", Value(std::string("spiral")));
  ok(v, "noise", Value(10.0));
  ok(v, "layers", Value(std::vector<double>{8, 8, 4}));
  ok(v, "features", Value(std::string("x1, x2, sin(x1), sin(x2)")));
  ok(v, "activation", Value(std::string("ReLU")));
  ok(v, "lr", Value(0.01));
  ok(v, "batch_size", Value(20.0));
  ok(v, "optimizer", Value(std::string("Adam")));
  v.session()->step(50);
  v.session()->wait_idle();
  CHECK(text(v, "dataset") == "spiral");
  CHECK(num(v, "steps") == 50);
  CHECK(num(v, "inputs") == 4);
  CHECK(num(v, "neurons") == 20);
  const std::optional<Value> layers = v.query("layers");
  REQUIRE(layers.has_value());
  CHECK(*as_list(*layers) == std::vector<double>{8, 8, 4});
  CHECK(text(v, "activation") == "relu");
  CHECK(text(v, "optimizer") == "Adam");
  CHECK(num(v, "lr") == doctest::Approx(0.01));
  CHECK(num(v, "batch_size") == 20);
  CHECK(num(v, "epoch") == doctest::Approx(50.0 * 20 / 250));
  CHECK(num(v, "train_loss") > 0);
  // Parameters: 4·8 + 8 + 8·8 + 8 + 8·4 + 4 + 4 + 1.
  CHECK(num(v, "parameters") == 153);
  // A ReLU network on x1, x2 features only has linear regions; the view counts them.
  ok(v, "features", Value(std::string("x1, x2")));
  v.session()->wait_idle();
  CHECK(num(v, "regions") >= 1);
  CHECK(num(v, "regions") == num(v, "patterns"));
}

TEST_CASE("playground view: bad settings are errors that say what to do") {
  views::View v = views::make_playground_view();
  CHECK(error_of(v, "datset", Value(std::string("xor"))).find("options are mode, dataset") != std::string::npos);
  CHECK(error_of(v, "dataset", Value(std::string("moons"))).find("circle, xor, gauss, spiral, plane, multigauss") != std::string::npos);
  CHECK(error_of(v, "layers", Value(std::vector<double>{9})).find("1 to 8 neurons") != std::string::npos);
  CHECK(error_of(v, "features", Value(std::string("x3"))).find("unknown feature 'x3'") != std::string::npos);
  CHECK(error_of(v, "highlight.nowhere", Value(true)).find("can highlight") != std::string::npos);
  const std::string path = "/tmp/attend_playground_view_bad.csv";
  {
    std::ofstream f(path);
    f << "x,y,label\n0,0,1\n1,oops,1\n";
  }
  const std::string e = error_of(v, "csv", Value(path));
  CHECK(e.find("attend_playground_view_bad.csv:3") != std::string::npos);
  CHECK(text(v, "dataset") == "circle");  // the old data stays
  std::remove(path.c_str());
}

TEST_CASE("playground view: a user's CSV becomes the data, regression by its labels") {
  views::View v = views::make_playground_view();
  const std::string path = "/tmp/attend_playground_view.csv";
  {
    std::ofstream f(path);
    f << "x,y,label\n";
    for (int i = 0; i < 60; ++i) f << (i % 10) * 0.3 << "," << (i / 10) * 0.5 << "," << (i % 10) * 0.1 << "\n";
  }
  ok(v, "csv", Value(path));
  v.session()->wait_idle();
  CHECK(text(v, "dataset") == "csv");
  const std::optional<Value> r = v.query("regression");
  REQUIRE(r.has_value());
  CHECK(*as_bool(*r));
  std::remove(path.c_str());
}

TEST_CASE("playground view: norms, the sawtooth, wide vs deep and the fit report core's numbers") {
  views::View v = views::make_playground_view();
  ok(v, "norm", Value(std::string("batch")));
  v.session()->step(1);
  v.session()->wait_idle();
  CHECK(text(v, "norm") == "batch");
  CHECK(num(v, "norm.after_sd") == doctest::Approx(1).epsilon(0.1));
  ok(v, "mode", Value(std::string("regions")));
  ok(v, "sawtooth", Value(4.0));
  CHECK(num(v, "sawtooth.regions") == 16);
  ok(v, "mode", Value(std::string("fit")));
  ok(v, "fit.neurons", Value(6.0));
  v.session()->step(100);
  v.session()->wait_idle();
  CHECK(num(v, "fit.neurons") == 6);
  CHECK(num(v, "fit.steps") == 100);
  CHECK(num(v, "fit.mse") > 0);
  v.reset();
  CHECK(text(v, "mode") == "playground");
}

TEST_CASE("playground view: logistic regression by SGD and the normal equation, as core computes them") {
  views::View v = views::make_playground_view();
  ok(v, "mode", Value(std::string("logistic")));
  v.session()->step(30);
  v.session()->wait_idle();
  CHECK(num(v, "logit.epoch") == 30);
  CHECK(num(v, "logit.accuracy") > 0.8);
  CHECK(num(v, "logit.loss") < 0.69);  // better than p = ½ everywhere
  CHECK(num(v, "logit.gd_steps") == 30);
  CHECK(num(v, "logit.gd_gap") >= -1e-12);  // gradient descent never beats the exact minimum
  CHECK(num(v, "logit.normal_loss") > 0);
}

namespace {
void wait_search(views::View& v) {
  for (int i = 0; i < 2000 && text(v, "search.state") == "running"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}
}  // namespace

TEST_CASE("playground view: hyperparameter search in the background, grid against successive halving") {
  views::View v = views::make_playground_view();
  CHECK(text(v, "search.state") == "idle");
  ok(v, "search.dataset", Value(std::string("circle")));
  ok(v, "search.method", Value(std::string("grid")));
  ok(v, "search.budget", Value(9.0));
  ok(v, "search.run", Value(true));
  wait_search(v);
  REQUIRE(text(v, "search.state") == "done");
  CHECK(num(v, "search.trials") == 36);
  CHECK(num(v, "search.budget_spent") == doctest::Approx(36 * 9));
  CHECK(num(v, "search.best_score") < 0.3);
  CHECK(std::isfinite(num(v, "search.test_loss")));
  ok(v, "search.method", Value(std::string("halving")));
  ok(v, "search.run", Value(true));
  wait_search(v);
  REQUIRE(text(v, "search.state") == "done");
  CHECK(num(v, "search.budget_spent") < 36 * 9);
  // Cancel stops a search part-way.
  ok(v, "search.method", Value(std::string("grid")));
  ok(v, "search.budget", Value(200.0));
  ok(v, "search.run", Value(true));
  ok(v, "search.run", Value(false));
  wait_search(v);
  CHECK(text(v, "search.state") == "cancelled");
  CHECK(error_of(v, "search.method", Value(std::string("annealing"))).find("grid, random, halving, bayesian") != std::string::npos);
}

TEST_CASE("playground view: the polynomial tab reports core's degree sweep") {
  views::View v = views::make_playground_view();
  ok(v, "mode", Value(std::string("poly")));
  ok(v, "poly.function", Value(std::string("sine")));
  ok(v, "poly.degree", Value(1.0));
  const experiments::DegreeSweep sweep = experiments::degree_sweep(experiments::PolySetup{}, 12, 1, 20);
  CHECK(num(v, "poly.train_mse") == doctest::Approx(sweep.median_train_mse[1]));
  CHECK(num(v, "poly.test_mse") == doctest::Approx(sweep.median_test_mse[1]));
  // The sine needs about a cubic; beyond that the test error turns up while the training error keeps falling.
  const double best = num(v, "poly.best_degree");
  CHECK(best >= 3);
  CHECK(best <= 5);
  ok(v, "poly.degree", Value(10.0));
  CHECK(num(v, "poly.train_mse") < sweep.median_train_mse[static_cast<size_t>(best)]);
  CHECK(num(v, "poly.test_mse") > sweep.median_test_mse[static_cast<size_t>(best)]);
  CHECK(num(v, "poly.variance") > num(v, "poly.bias2"));
  CHECK_FALSE(v.configure("poly.degree", Value(13.0)).ok());
}

TEST_CASE("playground view: the why-logs tab shows float32 and float64 limits as core computes them") {
  views::View v = views::make_playground_view();
  ok(v, "mode", Value(std::string("logs")));
  ok(v, "logs.p", Value(0.1));
  ok(v, "logs.n", Value(400.0));
  const experiments::ProductUnderflow u = experiments::product_underflow(0.1, 400);
  CHECK(num(v, "logs.zero_f32") == u.first_zero_f32 + 1);
  CHECK(num(v, "logs.zero_f64") == u.first_zero_f64 + 1);
  CHECK(num(v, "logs.zero_f32") < num(v, "logs.zero_f64"));
  CHECK(num(v, "logs.log_sum") == doctest::Approx(400 * std::log(0.1)));
  ok(v, "logs.scale", Value(10.0));
  CHECK(num(v, "logs.nan_naive_f32") == 0);
  ok(v, "logs.scale", Value(100.0));  // logits up to 400: exp overflows float32, not float64
  CHECK(num(v, "logs.nan_naive_f32") > 0);
  CHECK(num(v, "logs.nan_naive_f64") == 0);
  CHECK(num(v, "logs.lse_stable") == doctest::Approx(400 + std::log(1 + std::exp(-100.0) + std::exp(-200.0) + std::exp(-300.0))));
}

TEST_CASE("playground view: the paradigms tab runs core's experiments in the background") {
  views::View v = views::make_playground_view();
  ok(v, "mode", Value(std::string("paradigms")));
  ok(v, "paradigms.dataset", Value(std::string("gauss")));
  for (int i = 0; i < 2000; ++i) {
    const std::optional<Value> r = v.query("paradigms.ready");
    if (r && *as_bool(*r)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(*as_bool(*v.query("paradigms.ready")));
  CHECK(text(v, "paradigms.dataset") == "gauss");
  CHECK(num(v, "paradigms.purity") > 0.9);
  CHECK(num(v, "paradigms.supervised") > 0.9);
  CHECK(num(v, "paradigms.active_uncertain") > 0.5);
}

TEST_CASE("playground view: the memory tab reports the engine's counts for the shown network") {
  views::View v = views::make_playground_view();
  ok(v, "mode", Value(std::string("memory")));
  ok(v, "memory.batch", Value(10.0));
  const double small = num(v, "memory.train_bytes");
  ok(v, "memory.batch", Value(40.0));
  CHECK(num(v, "memory.train_bytes") > 3 * small);
  CHECK(num(v, "memory.inference_bytes") == 0);
  ok(v, "memory.micro", Value(4.0));
  CHECK(num(v, "memory.micro_bytes") * 3 < num(v, "memory.train_bytes"));
  CHECK(num(v, "memory.gradient_difference") < 1e-5);
}
