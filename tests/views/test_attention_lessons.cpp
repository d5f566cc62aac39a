// The attention lessons (topics 1–7 and 9) run through core's lesson runtime against the real attention
// view: every step's script runs without an error, and every check can be passed by doing what its hint asks
// (a simulated learner presses Run, clicks a query token, types an input or flips a setting), then the quiz is
// answered. The pixels of each step are looked at through `attend --headless --lesson`.
#include <chrono>

#include "tests/views/lesson_walkthrough.h"
#include "views/attention_view.h"

using namespace attend;
using attend::testing::SingleViewHost;

namespace {

void run(SingleViewHost& h) {
  REQUIRE(h.view.configure("speed", Value(0.0)).ok());
  h.view.session()->run();
}

attend::testing::LearnerAction set(const char* key, Value v, bool and_run = false) {
  return [key, v, and_run](SingleViewHost& h) {
    REQUIRE(h.view.configure(key, v).ok());
    if (and_run) run(h);
  };
}

void run_lesson(const std::string& file, const std::map<std::string, attend::testing::LearnerAction>& actions) {
  const auto t0 = std::chrono::steady_clock::now();
  attend::testing::walk_lesson(file, "attention", views::make_attention_view(), actions, 30);
  MESSAGE(file << " walked in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s");
}

}  // namespace

TEST_CASE("lesson attention_step_by_step.md runs against the attention view, every check passable") {
  run_lesson("attention_step_by_step.md", {{"Train a model that must look around", run},
                                           {"From tokens to Q, K and V", set("query", Value(2.0))},
                                           {"Scores, scaling, mask and softmax", set("query", Value(6.0))}});
}

namespace {
// The learner clicks the head whose caption says "mirror" with the largest number.
void click_mirror_head(SingleViewHost& h) {
  double best = -1;
  int bl = 0, bh = 0;
  for (int l = 0; l < 2; ++l)
    for (int hd = 0; hd < 4; ++hd) {
      REQUIRE(h.view.configure("layer", Value(double(l))).ok());
      REQUIRE(h.view.configure("head", Value(double(hd))).ok());
      const double f = *as_number(*h.view.query("focus.mirror"));
      if (f > best) best = f, bl = l, bh = hd;
    }
  REQUIRE(h.view.configure("layer", Value(double(bl))).ok());
  REQUIRE(h.view.configure("head", Value(double(bh))).ok());
}
// Run; pause once a head follows the mirror pattern.
void run_until_mirror(SingleViewHost& h) {
  run(h);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(25);
  while (*as_number(*h.view.query("best.mirror")) <= 0.5 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  h.view.session()->pause();
  h.view.session()->wait_idle();
}
}  // namespace

TEST_CASE("lesson multi_head_attention.md runs against the attention view, every check passable") {
  run_lesson("multi_head_attention.md", {{"Every head at once", run_until_mirror},
                                         {"Open the head that found it", click_mirror_head},
                                         {"One head against four", run}});
}

TEST_CASE("lesson attention_masks.md runs against the attention view, every check passable") {
  run_lesson("attention_masks.md", {{"The causal mask", set("query", Value(6.0))},
                                    {"Padding", set("row", Value(2.0))},
                                    {"Take the causal mask away", [](SingleViewHost& h) {
                                       REQUIRE(h.view.configure("causal", Value(false)).ok());
                                       h.view.session()->reset(1);
                                       run(h);
                                     }}});
}

TEST_CASE("lesson recurrence_vs_attention.md runs against the attention view, every check passable") {
  run_lesson("recurrence_vs_attention.md", {{"One token after another", run},
                                            {"How far back does the gradient reach?", set("length", Value(16.0), true)},
                                            {"All pairs at once", set("arch", Value(std::string("decoder")))}});
}

namespace {
// The learner moves the head slider of the cross-attention panel to the head that lines letters up with digits.
void pick_aligned_head(SingleViewHost& h) {
  h.view.session()->run();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(25);
  while (std::chrono::steady_clock::now() < until) {
    for (int hd = 0; hd < 4; ++hd) {
      REQUIRE(h.view.configure("head", Value(double(hd))).ok());
      if (*as_number(*h.view.query("focus.aligned")) > 0.45) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}
}  // namespace

TEST_CASE("lesson encoder_decoder.md runs against the attention view, every check passable") {
  run_lesson("encoder_decoder.md", {{"Start, end, and the task", run}, {"Cross-attention lines up letters and digits", pick_aligned_head}});
}

TEST_CASE("lesson positional_encoding.md runs against the attention view, every check passable") {
  run_lesson("positional_encoding.md", {{"A shift is a rotation", set("shift", Value(5.0))},
                                        {"Training without positions", run},
                                        {"Learned against sinusoidal", [](SingleViewHost& h) {
                                           REQUIRE(h.view.configure("positional", Value(std::string("sinusoidal"))).ok());
                                           h.view.session()->reset(1);
                                           run(h);
                                         }}});
}

TEST_CASE("lesson transformer_block.md runs against the attention view, every check passable") {
  run_lesson("transformer_block.md", {{"Encoder-only: BERT", set("arch", Value(std::string("encoder")))},
                                      {"A language model's next character", set("temperature", Value(0.5))}});
}
