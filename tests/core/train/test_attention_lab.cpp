#include <doctest/doctest.h>

#include <cmath>

#include "core/train/attention_lab.h"

using namespace attend;
using namespace attend::train;

namespace {
LabSettings small() {
  LabSettings s;
  s.task = LabTask::Reverse;
  s.layers = 2, s.heads = 2, s.d_model = 16;
  s.length = 4;
  s.symbols = 6;
  return s;
}
double row_sum(const tensor::AttentionRecord& r, int b, int h, int i) {
  double s = 0;
  for (int j = 0; j < r.tk; ++j) s += r.weight(b, h, i, j);
  return s;
}
}  // namespace

TEST_CASE("the attention lab publishes attention internals, head focus and probes while training") {
  Session<LabModel, LabSnapshot> lab(make_lab_model(small()), lab_hooks(), 3);
  lab.post([](LabModel& m) { m.input.text = "c a b"; });
  lab.step(60);
  lab.wait_idle();
  auto s = lab.latest();
  REQUIRE(s->error.empty());
  CHECK(s->progress.step == 60);
  REQUIRE(s->seq.attention.size() == 2);
  REQUIRE(s->focus.size() == 2);
  const AttentionLayer& l = s->seq.attention[0];
  CHECK(l.internals.d_model == 16);
  CHECK(l.internals.input.rows == l.record.batch * l.record.tq);
  CHECK(l.internals.w_q.rows == 16);
  for (int i = 0; i < l.record.tq; ++i) CHECK(row_sum(l.record, 0, 1, i) == doctest::Approx(1.0).epsilon(1e-4));
  // Causal: the decoder's masked entries carry no weight.
  CHECK(l.record.weight(0, 0, 0, 1) == 0.f);
  const auto& mirror = s->focus[0].pattern[static_cast<size_t>(nn::FocusPattern::Mirror)];
  CHECK(mirror.size() == 2);
  CHECK(s->focus[0].pattern[static_cast<size_t>(nn::FocusPattern::Aligned)].empty());
  // The person's input: 3 symbols, the separator, then the generated answer.
  CHECK(s->input.error.empty());
  CHECK(s->input.prompt_len == 4);
  CHECK(s->input.answer.size() == 3);
  REQUIRE(s->input.attention.size() == 2);
  CHECK(s->input.attention[0].record.batch == 1);
  // Gradients reach earlier positions; the positional table is the learned one, context rows.
  CHECK(s->grad_what == "embedded input x");
  CHECK(s->grad_by_distance.size() > 3);
  CHECK(s->grad_by_distance[0] > 0);
  CHECK(s->positions.rows > 0);
  CHECK(s->position_similarity.size() == static_cast<size_t>(s->positions.rows * s->positions.rows));
}

TEST_CASE("the attention lab: settings by name re-initialise, bad ones say why, causal flips the mask") {
  Session<LabModel, LabSnapshot> lab(make_lab_model(small()), lab_hooks(), 3);
  lab.set("heads", 4);
  lab.set("d_model", 30);   // not divisible by 4 heads
  lab.step(1);
  lab.wait_idle();
  auto s = lab.latest();
  CHECK(s->settings.heads == 4);
  CHECK(s->settings.d_model == 16);
  CHECK_FALSE(s->error.empty());
  lab.set("causal", 0);
  lab.step(1);
  lab.wait_idle();
  s = lab.latest();
  CHECK_FALSE(s->settings.causal);
  bool any_future = false;
  const tensor::AttentionRecord& r = s->seq.attention[0].record;
  for (int i = 0; i < r.tq; ++i)
    for (int j = i + 1; j < r.tk; ++j) any_future = any_future || r.weight(0, 0, i, j) > 0.f;
  CHECK(any_future);
}

TEST_CASE("the attention lab's encoder-decoder publishes cross-attention and the free-running pass") {
  LabSettings st = settings_for_task(small(), LabTask::Digits);
  st.d_model = 16, st.heads = 2, st.layers = 1;
  CHECK(st.arch == SeqArch::EncoderDecoder);
  Session<LabModel, LabSnapshot> lab(make_lab_model(st), lab_hooks(), 4);
  lab.post([](LabModel& m) { m.input.text = "42"; });
  lab.step(5);
  lab.wait_idle();
  auto s = lab.latest();
  REQUIRE(s->error.empty());
  bool cross = false;
  for (const AttentionLayer& l : s->seq.attention) cross = cross || l.cross;
  CHECK(cross);
  CHECK_FALSE(s->free_attention.empty());
  CHECK(s->free_inputs.size() == static_cast<size_t>(s->seq.attention.back().record.batch));
  CHECK(s->input.source.size() == 2);
  CHECK(s->input.error.empty());
}

TEST_CASE("the attention lab reads the person's input with a clear message") {
  data::SeqTask t;
  t.kind = data::SeqTaskKind::Reverse;
  t.symbols = 4;
  t.max_len = 5;
  auto ok = parse_task_input(t, "d, a b");
  REQUIRE(ok);
  CHECK(ok->size() == 3);
  auto bad = parse_task_input(t, "abz");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("'z'") != std::string::npos);
  CHECK_FALSE(parse_task_input(t, "abcdab"));
  CHECK_FALSE(parse_task_input(t, "  "));
  LabSettings s;
  std::string why;
  CHECK(apply_setting(s, "layers", 9, &why));
  CHECK_FALSE(why.empty());
  CHECK(s.layers == 2);
  CHECK_FALSE(apply_setting(s, "colour", 1, &why));
}

TEST_CASE("the attention lab's text LM gives a next-token distribution and an RNN's gradient by distance") {
  LabSettings st = small();
  st.task = LabTask::Text;
  st = settings_for_task(st, LabTask::Text);
  st.text = std::make_shared<const std::string>(std::string("the cat sat on the mat. the dog sat on the log. ") + "the cat sat on the mat. the dog sat on the log. " + "a cat and a dog sat on a log and a mat. ");
  st.length = 12;
  Session<LabModel, LabSnapshot> lab(make_lab_model(st), lab_hooks(), 2);
  lab.post([](LabModel& m) { m.input.text = "the c"; });
  lab.step(3);
  lab.wait_idle();
  auto s = lab.latest();
  INFO(s->error);
  REQUIRE(s->error.empty());
  CHECK(s->input.error.empty());
  CHECK(s->input.prompt_len == 5);
  CHECK(s->input.next_logits.size() == s->seq.vocab.size());
  CHECK(s->input.continuation.size() > 0);
  lab.set("arch", static_cast<double>(SeqArch::RNN));
  lab.step(2);
  lab.wait_idle();
  s = lab.latest();
  CHECK(s->grad_what == "hidden state h");
  CHECK(s->grad_by_distance.size() > 5);
}
