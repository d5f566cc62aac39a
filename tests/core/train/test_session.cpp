#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/train/session.h"

using namespace attend::train;
using Clock = std::chrono::steady_clock;

namespace {

struct Counter {
  int value = 0;
  double lr = 0.1;
  int step_sleep_ms = 0;
  std::vector<std::string> log;  // what the worker did, in order
};

struct CounterSnapshot {
  Progress progress;
  int value = 0;
  double lr = 0;
  std::vector<std::string> log;
};

Session<Counter, CounterSnapshot>::Hooks counter_hooks() {
  Session<Counter, CounterSnapshot>::Hooks h;
  h.reset = [](Counter& c, uint64_t seed) {
    c.value = static_cast<int>(seed);
    c.log.push_back("reset " + std::to_string(seed));
  };
  h.step = [](Counter& c) {
    if (c.step_sleep_ms) std::this_thread::sleep_for(std::chrono::milliseconds(c.step_sleep_ms));
    ++c.value;
    c.log.push_back("step");
    return StepReport{1.0 / c.value, {{"value", double(c.value)}}};
  };
  h.set = [](Counter& c, const std::string& name, double v) {
    if (name != "lr") return false;
    c.lr = v;
    c.log.push_back("lr " + std::to_string(v));
    return true;
  };
  h.publish = [](const Counter& c, CounterSnapshot& s) {
    s.value = c.value;
    s.lr = c.lr;
    s.log = c.log;
  };
  h.checkpoint_every = 2;
  return h;
}

}  // namespace

TEST_CASE("a session applies commands in the order they were sent") {
  Session<Counter, CounterSnapshot> s(Counter{}, counter_hooks(), 5);
  s.step(2);
  s.set("lr", 0.5);
  s.post([](Counter& c) { c.log.push_back("custom"); });
  s.step(1);
  s.reset(7);
  s.step(3);
  s.wait_idle();
  auto snap = s.latest();
  const std::vector<std::string> expected = {"reset 5", "step", "step", "lr 0.500000", "custom", "step",
                                             "reset 7", "step", "step", "step"};
  CHECK(snap->log == expected);
  CHECK(snap->value == 10);
  CHECK(snap->progress.step == 3);  // reset clears the step count
  CHECK(snap->progress.metrics.at("value") == doctest::Approx(10));
  REQUIRE((snap->progress.history != nullptr));
  const Series* loss = snap->progress.history->find("loss");
  REQUIRE(loss != nullptr);
  CHECK(loss->value.size() == 3);
}

TEST_CASE("an unknown hyperparameter is reported, not ignored") {
  Session<Counter, CounterSnapshot> s(Counter{}, counter_hooks());
  s.set("momentum", 0.9);
  s.wait_idle();
  CHECK(s.latest()->progress.error.find("momentum") != std::string::npos);
}

TEST_CASE("reading a snapshot never waits for a slow step") {
  Counter c;
  c.step_sleep_ms = 300;
  Session<Counter, CounterSnapshot> s(c, counter_hooks());
  s.run();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the worker is now inside a slow step
  double worst_ms = 0;
  const auto start = Clock::now();
  int reads = 0;
  while (Clock::now() - start < std::chrono::milliseconds(400)) {
    const auto t0 = Clock::now();
    auto snap = s.latest();
    auto progress = s.progress();
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    worst_ms = std::max(worst_ms, ms);
    CHECK((snap != nullptr));
    CHECK((progress != nullptr));
    ++reads;
  }
  s.pause();
  // A read that waited for the step would take ~300 ms; a pointer copy takes microseconds.
  CHECK(worst_ms < 50.0);
  CHECK(reads > 1000);
}

TEST_CASE("the timeline keeps checkpoints and can inspect and rewind") {
  Session<Counter, CounterSnapshot> s(Counter{}, counter_hooks(), 0);
  s.step(6);
  s.wait_idle();
  auto snap = s.latest();
  CHECK(snap->progress.checkpoints == std::vector<int64_t>{2, 4, 6});
  s.inspect(2);
  s.wait_idle();
  snap = s.latest();
  CHECK(snap->progress.inspecting == 2);
  CHECK(snap->value == 2);
  CHECK(snap->progress.step == 6);  // the live model is untouched
  s.rewind(4);
  s.wait_idle();
  snap = s.latest();
  CHECK(snap->progress.inspecting == -1);
  CHECK(snap->value == 4);
  CHECK(snap->progress.step == 4);
  CHECK(snap->progress.history->find("loss")->value.size() == 4);
  s.rewind(3);
  s.wait_idle();
  CHECK(s.latest()->progress.error == "no checkpoint at step 3");
}

TEST_CASE("history stays bounded and keeps the curve's span") {
  History h;
  for (int i = 0; i < 100000; ++i) h.add("loss", i, i * 0.001, 1.0 / (1 + i));
  const Series* s = h.find("loss");
  REQUIRE(s != nullptr);
  CHECK(s->value.size() <= History::kMaxPoints);
  CHECK(s->value.size() > History::kMaxPoints / 4);
  CHECK(s->step.front() == 0);
  CHECK(s->step.back() > 99000);
  for (size_t i = 1; i < s->step.size(); ++i) CHECK(s->step[i] > s->step[i - 1]);
}

TEST_CASE("a reset archives the finished run with its hyperparameters for comparison") {
  Session<Counter, CounterSnapshot> s(Counter{}, counter_hooks(), 1);
  s.set("lr", 0.25);
  s.step(3);
  s.reset(2);
  s.reset(3);  // an untrained run is not archived
  s.step(1);
  s.wait_idle();
  auto p = s.latest()->progress;
  REQUIRE((p.archive != nullptr));
  REQUIRE(p.archive->size() == 1);
  const ArchivedRun& run = p.archive->front();
  CHECK(run.seed == 1);
  CHECK(run.steps == 3);
  CHECK(run.hyper.at("lr") == doctest::Approx(0.25));
  CHECK(run.history->find("loss")->value.size() == 3);
  CHECK(p.hyper.at("lr") == doctest::Approx(0.25));  // hyperparameters carry over into the next run
  CHECK(p.step == 1);
}
