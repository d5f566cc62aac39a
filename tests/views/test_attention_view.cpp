// The attention lab's data path: what each panel shows is the engine's own numbers (weights equal to a softmax
// recomputed from the shown Q and K, rows summing to 1, masked cells 0), its lesson API, and every tab drawn.
#include <doctest/doctest.h>

#include <cmath>

#include "tests/views/imgui_fixture.h"
#include "views/attention_view.h"
#include "views/attention_view_data.h"
#include "views/attention_view_state.h"

using namespace attend;
using namespace attend::views;
using namespace attend::views::attention_view;

namespace {

std::shared_ptr<const train::LabSnapshot> trained(train::LabSettings st, int steps) {
  static std::vector<std::unique_ptr<LabSession>> keep;
  keep.push_back(std::make_unique<LabSession>(train::make_lab_model(st), train::lab_hooks(), 3));
  keep.back()->step(steps);
  keep.back()->wait_idle();
  return keep.back()->latest();
}

train::LabSettings small() {
  train::LabSettings st;
  st.layers = 2, st.heads = 4, st.d_model = 32, st.length = 5, st.symbols = 6;
  return st;
}

void check_head(const train::LabSnapshot& s, Source src, const Selection& sel) {
  const StageData q = stage_data(s, src, sel, Stage::Q), k = stage_data(s, src, sel, Stage::K);
  const StageData w = stage_data(s, src, sel, Stage::Weights);
  const StageData x = stage_data(s, src, sel, Stage::X), wq = stage_data(s, src, sel, Stage::WQ);
  REQUIRE_FALSE(w.grid.empty());
  REQUIRE(w.mask != nullptr);
  const tensor::AttentionRecord& r = layers_of(s, src)[static_cast<size_t>(sel.layer)].record;
  CHECK(w.grid.rows == r.tq);
  CHECK(w.grid.cols == r.tk);
  CHECK(q.grid.cols == r.dh);
  const std::vector<std::string> labels = key_labels(s, src, sel.layer, sel.row);
  CHECK(labels.size() == static_cast<size_t>(r.tk));
  for (int i = 0; i < r.tq; ++i) {
    // The shown weights are the softmax of the shown Q·Kᵀ/√dh over the keys the shown mask leaves.
    std::vector<double> e(static_cast<size_t>(r.tk), 0.0);
    double mx = -1e300, sum = 0, shown = 0;
    for (int j = 0; j < r.tk; ++j) {
      if (w.mask[static_cast<size_t>(i) * r.tk + j]) continue;
      double dot = 0;
      for (int c = 0; c < r.dh; ++c) dot += q.grid.at(i, c) * k.grid.at(j, c);
      e[static_cast<size_t>(j)] = dot / std::sqrt(static_cast<double>(r.dh));
      mx = std::max(mx, e[static_cast<size_t>(j)]);
    }
    for (int j = 0; j < r.tk; ++j)
      if (!w.mask[static_cast<size_t>(i) * r.tk + j]) sum += std::exp(e[static_cast<size_t>(j)] - mx);
    for (int j = 0; j < r.tk; ++j) {
      const double got = w.grid.at(i, j);
      shown += got;
      if (w.mask[static_cast<size_t>(i) * r.tk + j]) CHECK(got == 0.0);
      else CHECK(got == doctest::Approx(std::exp(e[static_cast<size_t>(j)] - mx) / sum).epsilon(1e-3));
      CHECK(got == r.weight(sel.row, sel.head, i, j));
    }
    CHECK(shown == doctest::Approx(1.0).epsilon(1e-5));
  }
  // Q is the shown X times the shown W_Q (plus bias) in the head's columns.
  if (!x.grid.empty() && !wq.grid.empty()) {
    const nn::AttentionInternals& in = layers_of(s, src)[static_cast<size_t>(sel.layer)].internals;
    for (int c = 0; c < r.dh; ++c) {
      double v = in.b_q(0, sel.head * r.dh + c);
      for (int m = 0; m < x.grid.cols; ++m) v += x.grid.at(1, m) * wq.grid.at(m, c);
      CHECK(q.grid.at(1, c) == doctest::Approx(v).epsilon(1e-3));
    }
  }
}

}  // namespace

TEST_CASE("attention view data: shown weights are the engine's softmax, rows sum to 1, masked cells 0") {
  auto s = trained(small(), 40);
  for (int layer = 0; layer < 2; ++layer)
    for (int head = 0; head < 4; head += 3) {
      Selection sel;
      sel.layer = layer, sel.head = head, sel.row = 1;
      CAPTURE(layer);
      CAPTURE(head);
      check_head(*s, Source::Probe, sel);
    }
  // The weighted sum shown as bars is the head's block of AV.
  Selection sel;
  sel.head = 2, sel.query = 3;
  const std::vector<float> bars = value_sum(*s, Source::Probe, sel);
  const StageData av = stage_data(*s, Source::Probe, sel, Stage::AV);
  REQUIRE(bars.size() == static_cast<size_t>(av.grid.cols));
  for (int c = 0; c < av.grid.cols; ++c) CHECK(bars[static_cast<size_t>(c)] == doctest::Approx(av.grid.at(3, c)).epsilon(1e-4));
  // Out of range: nothing, never a crash.
  sel.layer = 9;
  CHECK(stage_data(*s, Source::Probe, sel, Stage::Weights).grid.empty());
  CHECK(clamp(*s, Source::Probe, sel).layer == 1);
}

TEST_CASE("attention view data: cross-attention and padding masks of the encoder-decoder") {
  train::LabSettings st = train::settings_for_task(small(), train::LabTask::Digits);
  st.d_model = 16, st.heads = 2, st.layers = 1;
  auto s = trained(st, 10);
  const auto& ls = layers_of(*s, Source::Probe);
  int cross = -1;
  for (size_t i = 0; i < ls.size(); ++i)
    if (ls[i].cross) cross = static_cast<int>(i);
  REQUIRE(cross >= 0);
  for (int row = 0; row < ls[static_cast<size_t>(cross)].record.batch; ++row) {
    Selection sel;
    sel.layer = cross, sel.row = row;
    check_head(*s, Source::Probe, sel);
    // Keys are the source digits; padded source positions are masked.
    const std::vector<std::string> keys = key_labels(*s, Source::Probe, cross, row);
    const StageData w = stage_data(*s, Source::Probe, sel, Stage::Weights);
    for (int j = 0; j < w.grid.cols; ++j)
      if (keys[static_cast<size_t>(j)] == "·" || keys[static_cast<size_t>(j)] == "<pad>") CHECK(w.mask[j] != 0);
  }
  REQUIRE_FALSE(layers_of(*s, Source::Free).empty());
}

TEST_CASE("attention view: lesson API reads the engine and refuses bad options") {
  View v = make_attention_view();
  v.reset();
  REQUIRE(v.configure("d_model", Value(32.0)).ok());
  REQUIRE(v.configure("length", Value(5.0)).ok());
  REQUIRE(v.configure("input", Value(std::string("c a b"))).ok());
  v.session()->step(30);
  v.session()->wait_idle();
  CHECK(*as_number(*v.query("steps")) == 30);
  CHECK(*as_number(*v.query("row_sum")) == doctest::Approx(1.0).epsilon(1e-5));
  CHECK(*as_number(*v.query("masked_weight")) == 0.0);
  CHECK(*as_number(*v.query("future_weight")) == 0.0);
  CHECK(as_list(*v.query("weights"))->size() > 4);
  CHECK(*as_string(*v.query("input.error")) == "");
  CHECK(*as_string(*v.query("input.expected")) == "b a c");
  CHECK(*as_number(*v.query("best.mirror")) > 0);
  REQUIRE(v.configure("causal", Value(false)).ok());
  v.session()->step(1);
  v.session()->wait_idle();
  CHECK_FALSE(*as_bool(*v.query("causal")));
  CHECK(*as_number(*v.query("future_weight")) > 0);
  CHECK(*as_number(*v.query("shift.max_error")) < 1e-4);
  CHECK(*as_number(*v.query("scaling.entropy_unscaled")) < *as_number(*v.query("scaling.entropy_scaled")));
  const Status bad = v.configure("colour", Value(1.0));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("layers") != std::string::npos);
  CHECK_FALSE(v.configure("positional", Value(std::string("spiral"))).ok());
  CHECK_FALSE(v.configure("highlight.stage", Value(std::string("nope"))).ok());
  CHECK(v.configure("highlight.stage", Value(std::string("weights"))).ok());
  CHECK_FALSE(v.query("unknown").has_value());
}

TEST_CASE("attention view: every tab draws on a live model without errors") {
  test::ImGuiFixture fx;
  View v = make_attention_view();
  v.reset();
  REQUIRE(v.configure("d_model", Value(32.0)).ok());
  REQUIRE(v.configure("input", Value(std::string("c a b"))).ok());
  REQUIRE(v.configure("query", Value(2.0)).ok());
  v.session()->step(20);
  v.session()->wait_idle();
  for (const char* mode : {"train", "stages", "input", "seq2seq", "positions", "recurrence", "scaling"}) {
    CAPTURE(mode);
    REQUIRE(v.configure("mode", Value(std::string(mode))).ok());
    for (int f = 0; f < 2; ++f) fx.frame([&] { v.draw(fx.ctx); });
    CHECK(*as_string(*v.query("mode")) == mode);
  }
}
