#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "core/experiments/in_context.h"
#include "core/util/rng.h"

using namespace attend::experiments;

namespace {

IclConfig small_config(IclTask task, int symbols) {
  IclConfig c;
  c.task = task;
  c.symbols = symbols;
  c.max_shots = 6;
  c.d_model = 32;
  c.heads = 2;
  c.layers = 2;
  c.ffn = 64;
  c.batch = 32;
  c.eval_sequences = 128;
  return c;
}

}  // namespace

TEST_CASE("in-context configs: a linear task needs a prime number of symbols, bad configs are refused in words") {
  IclConfig c;
  CHECK(validate(c));
  c.task = IclTask::Linear;
  c.symbols = 8;
  const attend::Status s = validate(c);
  REQUIRE(!s);
  CHECK(s.error().message.find("prime") != std::string::npos);
  c.symbols = 7;
  CHECK(validate(c));
  c.d_model = 30;
  c.heads = 4;
  CHECK(!validate(c));
  // A refused configuration keeps the previous one and says why.
  IclModel m = make_icl_model(small_config(IclTask::Permutation, 6), 1);
  IclConfig bad = small_config(IclTask::Linear, 6);
  configure(m, bad, 1);
  CHECK(m.error.find("prime") != std::string::npos);
  CHECK(m.config.task == IclTask::Permutation);
  IclTask t;
  CHECK(parse_icl_task("linear", &t));
  CHECK(t == IclTask::Linear);
  CHECK(!parse_icl_task("cubic", &t));
}

TEST_CASE("in-context mappings: permutations are bijections, linear rules are a·x+b mod p") {
  attend::SplitMix64 rng(3);
  IclConfig c = small_config(IclTask::Permutation, 8);
  for (int i = 0; i < 20; ++i) {
    IclMapping f = draw_mapping(c, rng);
    std::vector<int> sorted = f.f;
    std::sort(sorted.begin(), sorted.end());
    for (int x = 0; x < 8; ++x) CHECK(sorted[static_cast<size_t>(x)] == x);
  }
  c = small_config(IclTask::Linear, 7);
  for (int i = 0; i < 20; ++i) {
    IclMapping f = draw_mapping(c, rng);
    CHECK(f.a >= 1);
    CHECK(f.a < 7);
    for (int x = 0; x < 7; ++x) CHECK(f.f[static_cast<size_t>(x)] == (f.a * x + f.b) % 7);
  }
  IclMapping f;
  f.a = 3;
  f.b = 1;
  CHECK(describe_mapping(c, f) == "f(x) = 3x + 1 mod 7");
}

TEST_CASE("in-context batches: each answer follows its input under the sequence's own mapping") {
  const IclConfig c = small_config(IclTask::Permutation, 8);
  attend::SplitMix64 rng(5);
  IclBatch b;
  make_icl_batch(c, rng, 4, b);
  const int T = icl_seq_len(c);
  CHECK(b.seq == T);
  REQUIRE(b.ids.size() == static_cast<size_t>(4 * T));
  for (int s = 0; s < 4; ++s) {
    const IclMapping& f = b.mappings[static_cast<size_t>(s)];
    for (int i = 0; i <= c.max_shots; ++i) {
      const int x = b.ids[static_cast<size_t>(s * T + 2 * i)];
      CHECK(x >= 0);
      CHECK(x < c.symbols);
      const int y = b.targets[static_cast<size_t>(s * T + 2 * i)];
      CHECK(y == c.symbols + f.f[static_cast<size_t>(x)]);
      if (2 * i + 1 < T) {
        CHECK(b.ids[static_cast<size_t>(s * T + 2 * i + 1)] == y);     // the answer is shown next
        CHECK(b.targets[static_cast<size_t>(s * T + 2 * i + 1)] == -1);  // and not scored
      }
    }
  }
}

TEST_CASE("the Bayes ceiling by hand: permutations by elimination, linear rules from two examples") {
  const IclConfig p = small_config(IclTask::Permutation, 8);
  CHECK(bayes_accuracy(p, {}, {}, 3) == doctest::Approx(1.0 / 8));
  CHECK(bayes_accuracy(p, {3}, {5}, 3) == 1.0);
  // Two distinct inputs shown (one repeated): 6 outputs left for an unseen query.
  CHECK(bayes_accuracy(p, {1, 2, 1}, {4, 0, 4}, 6) == doctest::Approx(1.0 / 6));

  const IclConfig l = small_config(IclTask::Linear, 7);
  CHECK(bayes_accuracy(l, {}, {}, 2) == doctest::Approx(1.0 / 7));
  // One example (x=1 → 3): six rules (a, b=3-a) remain, each sends x=2 somewhere different.
  CHECK(bayes_accuracy(l, {1}, {3}, 2) == doctest::Approx(1.0 / 6));
  // f(x) = 2x + 1: two distinct inputs pin the rule down, so an unseen query is certain.
  CHECK(bayes_accuracy(l, {1, 4}, {3, 2}, 5) == 1.0);
  // Two copies of the same input are still one example.
  CHECK(bayes_accuracy(l, {1, 1}, {3, 3}, 5) == doctest::Approx(1.0 / 6));
}

TEST_CASE("in-context training: loss falls, frozen evaluation is repeatable, the prompt is read") {
  IclConfig c = small_config(IclTask::Permutation, 5);
  c.max_shots = 6;
  c.lr = 3e-3;
  IclModel m = make_icl_model(c, 2);
  CHECK(m.error.empty());
  const ShotCurve before = evaluate_shots(m);
  REQUIRE(before.accuracy.size() == 7);
  CHECK(before.chance == doctest::Approx(0.2));
  // The ceiling does not depend on the network: 1/m with no examples, rising with coverage.
  CHECK(before.ceiling[0] == doctest::Approx(0.2));
  CHECK(before.ceiling[6] > before.ceiling[1]);
  double first = 0, last = 0;
  for (int i = 0; i < 200; ++i) {
    const double loss = icl_train_step(m);
    CHECK(std::isfinite(loss));
    if (i < 5) first += loss / 5;
    if (i >= 180) last += loss / 20;
  }
  CHECK(m.steps == 200);
  // The first thing learnt: an answer is one of the m output tokens, so the loss falls from about log(2m)
  // to about log(m). (Reading the prompt — the in-context jump — takes thousands of steps more; not asserted.)
  CHECK(first > std::log(10.0) - 0.3);
  CHECK(last < std::log(5.0) + 0.1);
  const ShotCurve after = evaluate_shots(m);
  // Frozen weights: evaluating twice gives the same numbers.
  const ShotCurve again = evaluate_shots(m);
  CHECK(again.accuracy == after.accuracy);
  CHECK(again.loss == after.loss);

  // A prompt the learner builds: a distribution over the answers and a normalised attention row per head.
  const IclPrompt prompt = sample_prompt(m.config, 4, 9);
  CHECK(prompt.xs.size() == 4);
  const PromptReading r = read_prompt(m, prompt);
  CHECK(r.tokens.size() == 9);
  REQUIRE(r.probs.size() == 5);
  CHECK(std::accumulate(r.probs.begin(), r.probs.end(), 0.0) == doctest::Approx(1.0).epsilon(1e-4));
  CHECK(r.answer == prompt.mapping.f[static_cast<size_t>(prompt.query)]);
  REQUIRE(r.attention.size() == static_cast<size_t>(c.layers * c.heads));
  for (const auto& row : r.attention) {
    REQUIRE(row.size() == r.tokens.size());
    CHECK(std::accumulate(row.begin(), row.end(), 0.0) == doctest::Approx(1.0).epsilon(1e-4));
  }
  // Reading a prompt changes nothing.
  CHECK(evaluate_shots(m).accuracy == after.accuracy);
}

TEST_CASE("in-context session: hooks record per-shot accuracy and publish a read prompt") {
  IclConfig c = small_config(IclTask::Linear, 5);
  using S = attend::train::Session<IclSessionModel, IclSnapshot>;
  S session(make_icl_session_model(c), icl_hooks(10), 1);
  session.step(20);
  session.wait_idle();
  auto snap = session.latest();
  CHECK(snap->progress.step == 20);
  CHECK(snap->curve_step == 20);
  CHECK(snap->progress.metrics.count("acc_0shot") == 1);
  CHECK(snap->progress.metrics.count("acc_6shot") == 1);
  CHECK(snap->progress.metrics.count("eval_loss") == 1);
  CHECK(snap->reading.probs.size() == 5);
  CHECK(snap->mapping_text.find("mod 5") != std::string::npos);
  CHECK(snap->parameter_count > 1000);
  session.set("lr", 1e-3);
  session.set("momentum", 0.9);
  session.wait_idle();
  snap = session.latest();
  CHECK(snap->config.lr == doctest::Approx(1e-3));
  CHECK(snap->progress.error.find("momentum") != std::string::npos);
}
