// The playground lessons run through core's lesson runtime against the real playground view: every step's
// script runs without an error, and every check can be passed by doing what its hint asks (a simulated
// learner presses Run, adds neurons, picks a norm, tunes a network), then the quiz is answered.
#include "tests/views/lesson_walkthrough.h"
#include "views/playground_view.h"

using namespace attend;
using attend::testing::SingleViewHost;

namespace {

void ok(SingleViewHost& h, const std::string& key, const Value& v) {
  const Status s = h.view.configure(key, v);
  REQUIRE_MESSAGE(s.ok(), key << ": " << (s.ok() ? "" : s.error().to_string()));
}

void run(SingleViewHost& h) {
  ok(h, "speed", Value(0.0));
  h.view.session()->run();
}

void run_lesson(const std::string& file, const std::map<std::string, attend::testing::LearnerAction>& actions) {
  attend::testing::walk_lesson(file, "playground", views::make_playground_view(), actions);
}

}  // namespace

TEST_CASE("lesson universal_approximation.md runs against the playground view, every check passable") {
  run_lesson("universal_approximation.md",
             {{"One neuron is not enough", run},
              {"Add neurons while it trains",
               [](SingleViewHost& h) {
                 ok(h, "fit.neurons", Value(5.0));
                 run(h);
               }},
              {"What ReLUs can do by construction", run},
              {"How many neurons a sharp function needs", run}});
}

TEST_CASE("lesson wide_vs_deep.md runs against the playground view, every check passable") {
  run_lesson("wide_vs_deep.md",
             {{"Each neuron of one layer adds a line",
               [](SingleViewHost& h) {
                 run(h);
               }},
              {"Depth folds the plane", [](SingleViewHost& h) { ok(h, "sawtooth", Value(6.0)); }},
              {"Train a small network on the spiral",
               [](SingleViewHost& h) {
                 ok(h, "features", Value(std::string("x1, x2, sin(x1), sin(x2)")));
                 ok(h, "layers", Value(std::vector<double>{8, 4}));
                 ok(h, "optimizer", Value(std::string("Adam")));
                 ok(h, "lr", Value(0.01));
                 run(h);
               }}});
}

TEST_CASE("lesson layer_vs_batch_norm.md runs against the playground view, every check passable") {
  run_lesson("layer_vs_batch_norm.md",
             {{"A deep sigmoid network that will not learn", run},
              {"Batch norm",
               [](SingleViewHost& h) {
                 ok(h, "norm", Value(std::string("batch")));
                 run(h);
               }},
              {"A batch of one",
               [](SingleViewHost& h) {
                 run(h);
                 ok(h, "norm", Value(std::string("layer")));
                 run(h);
               }}});
}

TEST_CASE("lesson logistic_regression.md runs against the playground view, every check passable") {
  run_lesson("logistic_regression.md", {{"A linear score through the sigmoid", run},
                                        {"Why cross-entropy", run},
                                        {"A closed form for linear regression", run}});
}

TEST_CASE("lesson hyperparameter_search.md runs against the playground view, every check passable") {
  const attend::testing::LearnerAction start = [](SingleViewHost& h) { ok(h, "search.run", Value(true)); };
  run_lesson("hyperparameter_search.md", {{"Grid search", start}, {"Random search", start}, {"Successive halving", start}});
}

TEST_CASE("lesson overfitting_degree.md runs against the playground view, every check passable") {
  run_lesson("overfitting_degree.md",
             {{"Find where the test error turns up",
               [](SingleViewHost& h) {
                 const std::optional<Value> best = h.view.query("poly.best_degree");
                 REQUIRE(best.has_value());
                 ok(h, "poly.degree", *best);
               }},
              {"Variance you can see", [](SingleViewHost& h) { ok(h, "poly.points", Value(60.0)); }}});
}

TEST_CASE("lesson why_logs.md runs against the playground view, every check passable") {
  run_lesson("why_logs.md", {{"A product of probabilities underflows", [](SingleViewHost& h) { ok(h, "logs.n", Value(400.0)); }},
                             {"Softmax overflows, log-sum-exp does not", [](SingleViewHost& h) { ok(h, "logs.scale", Value(100.0)); }}});
}

TEST_CASE("lesson learning_paradigms.md runs against the playground view, every check passable") {
  run_lesson("learning_paradigms.md",
             {{"Labels, or only distances", [](SingleViewHost& h) { ok(h, "paradigms.dataset", Value(std::string("circle"))); }}});
}

TEST_CASE("lesson training_vs_inference.md runs against the playground view, every check passable") {
  run_lesson("training_vs_inference.md",
             {{"Activations grow with the batch", [](SingleViewHost& h) { ok(h, "memory.batch", Value(200.0)); }},
              {"Gradient accumulation", [](SingleViewHost& h) { ok(h, "memory.micro", Value(4.0)); }},
              {"The optimizer's share",
               [](SingleViewHost& h) {
                 ok(h, "optimizer", Value(std::string("Adam")));
                 h.view.session()->wait_idle();
               }}});
}
