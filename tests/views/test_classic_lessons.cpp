// The classic lab's lessons (topics 24, 25, 27–31) run through core's lesson runtime against the real classic
// view: every step's script runs without an error, and every check can be passed by doing what its hint asks
// (the simulated learner moves the slider or picks the menu entry the hint names), then the quiz is answered.
// The pixels of each step are looked at through `attend --headless --lesson`.
#include "tests/views/lesson_walkthrough.h"
#include "core/util/paths.h"
#include "views/classic_view.h"
#include "views/study_deck.h"
#include "views/study_view.h"

using namespace attend;
using attend::testing::LearnerAction;
using attend::testing::SingleViewHost;

namespace {

LearnerAction set_to(const std::string& key, Value value) {
  return [key, value](SingleViewHost& h) {
    const Status s = h.view.configure(key, value);
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
  };
}

LearnerAction both(LearnerAction a, LearnerAction b) {
  return [a, b](SingleViewHost& h) {
    a(h);
    b(h);
  };
}

void run_lesson(const std::string& file, const std::map<std::string, LearnerAction>& actions, int seconds = 30) {
  attend::testing::walk_lesson(file, "classic", views::make_classic_view(), actions, seconds);
}

}  // namespace

TEST_CASE("lesson classic_zoo.md runs against the classic view, every check passable") {
  run_lesson("classic_zoo.md", {{"Eight models, one dataset", set_to("zoo.dataset", std::string("xor"))},
                                {"The kernel trick, and too much of it", set_to("gamma", 100.0)},
                                {"Depth of a tree, and a forest of them", set_to("depth", 5.0)},
                                {"Neighbours: k and the distance", both(set_to("k", 15.0), set_to("p", 1.0))}});
}

TEST_CASE("lesson metrics.md runs against the classic view, every check passable") {
  run_lesson("metrics.md", {{"The ROC curve and its area", set_to("threshold", 0.15)},
                            {"Precision, recall and F1", set_to("threshold", 0.9)},
                            {"Log loss judges the probabilities", set_to("metrics.model", std::string("rbf_svm"))},
                            {"BLEU for generated text", set_to("metrics.candidate", std::string("the cat sat on a mat"))}});
}

TEST_CASE("lesson regression_family.md runs against the classic view, every check passable") {
  run_lesson("regression_family.md", {{"Lasso zeroes, ridge shrinks", set_to("regression.noise", 2.5)},
                                      {"Feature scale and gradient descent", set_to("regression.scale2", 1.0)},
                                      {"Correlated features", set_to("regression.ridge_alpha", 60.0)}});
}

TEST_CASE("lesson tabular_pipeline.md runs against the classic view, every check passable") {
  run_lesson("tabular_pipeline.md", {{"From file to models", set_to("pipeline.one_hot", false)},
                                     {"Comparing models", set_to("pipeline.seed", 2.0)},
                                     {"Your own table, and what goes wrong",
                                      set_to("pipeline.path", std::string("/nonexistent/my_table.csv"))}});
}

TEST_CASE("lesson production_cycle.md runs against the classic view, every check passable") {
  // The replay runs at 8 batches a second in the app; the learner here drags the cursor instead.
  run_lesson("production_cycle.md", {{"A model meets a moving world", set_to("drift.t", 40.0)},
                                     {"Faster drift", set_to("drift.shift", 0.1)},
                                     {"Closing the loop", set_to("drift.t", 12.0)}});
}

TEST_CASE("lesson inference_cost.md runs against the classic view, every check passable") {
  run_lesson("inference_cost.md", {{"One token at a time", set_to("inference.pcie_gbs", 50.0)},
                                   {"Batching pays for the transfer", set_to("inference.batch", 64.0)},
                                   {"When the network is slow", set_to("inference.latency_ms", 50.0)}});
}

TEST_CASE("lesson in_context_learning.md runs against the classic view, every check passable") {
  // The first step trains until in-context learning appears (about a thousand steps, several seconds).
  run_lesson("in_context_learning.md", {{"Training on tasks that never repeat", [](SingleViewHost& h) { h.view.session()->run(); }},
                                        {"One prompt, read with frozen weights", set_to("icl.shots", 0.0)},
                                        {"Why the curve cannot reach 1", set_to("icl.shots", 6.0)}},
             120);
}

TEST_CASE("the topic-32 deck imports as nine cards, and its lesson walks against the study view") {
  views::StudyOptions o;  // no store path: everything in memory
  auto deck = std::make_shared<views::StudyDeck>(o);
  deck->load({});
  const Status s = deck->import_file(assets_dir() + "/notes/deep_learning_rise.md");
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().to_string()));
  CHECK(deck->cards().size() == 9);
  views::View v = views::make_study_view(deck);
  if (!v.session) v.session = []() -> train::Control* { return nullptr; };  // the study view trains nothing
  attend::testing::walk_lesson("deep_learning_rise.md", "notes", v,
                               {{"Import the deck", set_to("mode", std::string("browse"))}});
}
