// The study view's deck and the view itself: the sample deck on first run, ratings saved and scheduled,
// importing and syncing notes (ids kept across edits), a corrupt store moved aside with a message, the
// lesson keys, and the view drawing each of its tabs (Cyrillic included) without a renderer.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/notes/fsrs.h"
#include "core/util/files.h"
#include "imgui_fixture.h"
#include "support/temp_dir.h"
#include "views/keys.h"
#include "views/math_draw.h"
#include "views/study_view.h"

using namespace attend;
using namespace attend::views;
using attend::views::test::ImGuiFixture;

namespace {

constexpr int64_t kNoon = 1767268800;  // 2026-01-01 12:00 UTC

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

StudyOptions options(const std::string& store, int64_t* clock) {
  StudyOptions o;
  o.store_path = store;
  o.clock = [clock] { return *clock; };
  o.limits.new_per_day = 5;
  return o;
}

}  // namespace

TEST_CASE("study deck: the sample deck first, ratings scheduled and saved, the daily new-card limit") {
  const std::string dir = attend::testing::temp_dir("study-deck");
  const std::string store = dir + "/study.json";
  int64_t now = kNoon;
  StudyDeck deck(options(store, &now));
  deck.load({});
  CHECK(deck.is_sample());
  CHECK(deck.cards().size() >= 20);
  CHECK(deck.warning().empty());
  StudyCounts c = deck.counts();
  CHECK(c.fresh == 5);  // the limit, not the deck's size
  CHECK(c.new_total == deck.cards().size());
  CHECK(c.learning + c.review == 0);

  const size_t first = deck.queue().next();
  REQUIRE(first != static_cast<size_t>(-1));
  const auto preview = deck.preview(first);
  deck.rate(first, notes::Rating::Good);
  CHECK(deck.schedule(first).due == preview[2].due);
  CHECK(deck.schedule(first).state == notes::CardState::Learning);
  CHECK(file_exists(store));
  CHECK(deck.reviewed_today() == 1);
  c = deck.counts();
  CHECK(c.fresh == 4);          // one of today's five started
  CHECK(c.next_due == preview[2].due);
  // Ten minutes later the learning card is due again, first in the queue.
  now += 11 * 60;
  CHECK(deck.queue().learning.size() == 1);
  CHECK(deck.queue().next() == first);

  // A new deck object reads the saved store back.
  StudyDeck again(options(store, &now));
  again.load({});
  CHECK(again.schedule(first).state == notes::CardState::Learning);
  CHECK(again.reviewed_today() == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("study deck: importing notes replaces the sample, edits sync and keep ids, removing brings it back") {
  const std::string dir = attend::testing::temp_dir("study-import");
  const std::string store = dir + "/study.json";
  const std::string notes_path = dir + "/my_notes.md";
  write(notes_path, "# ML\n\n## [M] Что такое softmax?\n\nЭкспонента, делённая на сумму: $e^{z_i} / \\sum_j e^{z_j}$.\n\n"
                    "## [E] What is a learning rate?\n\nThe step size.\n");
  int64_t now = kNoon;
  StudyDeck deck(options(store, &now));
  deck.load({});
  REQUIRE(deck.import_file(notes_path).ok());
  CHECK(!deck.is_sample());
  REQUIRE(deck.cards().size() == 2);
  CHECK(deck.note_files().size() == 1);
  const std::string id = deck.cards()[0].id;
  deck.rate(0, notes::Rating::Easy);

  // An edited answer: same card (same id), history kept, answer updated.
  CHECK(!deck.sync());
  write(notes_path, "# ML\n\n## [M] Что такое softmax?\n\nНормированная экспонента.\n\n"
                    "## [E] What is a learning rate?\n\nThe step size.\n\n## [H] A new question?\n\nYes.\n");
  std::filesystem::last_write_time(notes_path, std::filesystem::last_write_time(notes_path) + std::chrono::seconds(5));
  CHECK(deck.sync());
  REQUIRE(deck.cards().size() == 3);
  const size_t i = deck.index_of(id);
  REQUIRE(i != static_cast<size_t>(-1));
  CHECK(deck.cards()[i].answer.find("Нормированная") != std::string::npos);
  CHECK(deck.schedule(i).state == notes::CardState::Review);

  // Search is BM25 over question and answer, any script.
  const auto hits = deck.find("нормированная", {});
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].doc == i);
  notes::CardFilter hard;
  hard.difficulty = notes::Difficulty::Hard;
  CHECK(deck.find("", hard).size() == 1);

  // A missing file is an error and is not added.
  const Status missing = deck.import_file(dir + "/nope.md");
  CHECK(!missing.ok());
  CHECK(deck.note_files().size() == 1);

  deck.remove_file(deck.note_files()[0]);
  CHECK(deck.is_sample());
  std::filesystem::remove_all(dir);
}

TEST_CASE("study deck: a corrupt store is moved aside with a message, never silently reset") {
  const std::string dir = attend::testing::temp_dir("study-corrupt");
  const std::string store = dir + "/study.json";
  write(store, "{ this is not json");
  int64_t now = kNoon;
  StudyDeck deck(options(store, &now));
  deck.load({});
  CHECK(!deck.warning().empty());
  CHECK(deck.warning().find("moved") != std::string::npos);
  bool aside = false;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    aside = aside || e.path().filename().string().rfind("study.json.", 0) == 0;
  CHECK(aside);
  CHECK(deck.is_sample());
  std::filesystem::remove_all(dir);
}

TEST_CASE("study view: lesson keys, the three tabs drawn, rating with the keyboard") {
  ImGuiFixture fx;
  int64_t now = kNoon;
  auto deck = std::make_shared<StudyDeck>(options("", &now));
  deck->load({});
  std::vector<std::string> recent;
  std::string opened;
  StudyViewHooks hooks;
  hooks.recent_notes = &recent;
  hooks.open_lesson = [&](const std::string& p) { opened = p; };
  View v = make_study_view(deck, hooks);
  CHECK(v.name == "notes");
  CHECK(v.title == "Study");
  auto draw = [&] { fx.frame([&] { v.draw(fx.ctx); }); };

  CHECK(std::get<std::string>(*v.query("mode")) == "review");
  CHECK(std::get<double>(*v.query("cards")) == static_cast<double>(deck->cards().size()));
  CHECK(std::get<double>(*v.query("new")) == 5.0);
  CHECK(!v.query("nonsense"));
  const Status bad = v.configure("colour", Value(1.0));
  REQUIRE(!bad.ok());
  CHECK(bad.error().message.find("mode, search") != std::string::npos);
  CHECK(!v.configure("mode", Value(std::string("cards"))).ok());

  // Review: Space shows the answer, 3 rates it Good.
  draw();
  CHECK(!std::get<bool>(*v.query("revealed")));
  ImGui::GetIO().KeysDown[kKeySpace] = true;
  draw();
  ImGui::GetIO().KeysDown[kKeySpace] = false;
  draw();
  CHECK(std::get<bool>(*v.query("revealed")));
  ImGui::GetIO().KeysDown[kKey1 + 2] = true;
  draw();
  ImGui::GetIO().KeysDown[kKey1 + 2] = false;
  draw();
  CHECK(std::get<double>(*v.query("reviewed")) == 1.0);
  CHECK(!std::get<bool>(*v.query("revealed")));

  // Browse a Cyrillic card, then the notes files tab.
  REQUIRE(v.configure("card", Value(std::string("логарифм правдоподобия"))).ok());
  CHECK(std::get<std::string>(*v.query("mode")) == "browse");
  draw();
  draw();
  CHECK(!v.configure("card", Value(std::string("zzzzqqq"))).ok());
  REQUIRE(v.configure("difficulty", Value(std::string("H"))).ok());
  REQUIRE(v.configure("mode", Value(std::string("files"))).ok());
  draw();
  draw();
  CHECK(std::get<std::string>(*v.query("mode")) == "files");
  CHECK(opened.empty());
}

TEST_CASE("remember_recent keeps the newest first without duplicates") {
  std::vector<std::string> r;
  remember_recent(r, "a");
  remember_recent(r, "b");
  remember_recent(r, "a");
  CHECK(r == std::vector<std::string>{"a", "b"});
  for (int i = 0; i < 20; ++i) remember_recent(r, std::to_string(i), 10);
  CHECK(r.size() == 10);
  CHECK(r.front() == "19");
}

namespace {

bool has_glyphs(const ImFont* f, std::string text) {
  text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t'; }), text.end());
  return font_has_glyphs(f, text.c_str());
}

// Every glyph a document's text and math would draw, checked against the font it is drawn with.
void check_glyphs(const Fonts& fonts, MathCache& cache, const std::vector<text::Span>& spans, std::vector<std::string>& missing) {
  for (const text::Span& s : spans) {
    if ((s.kind == text::SpanKind::Math || s.kind == text::SpanKind::DisplayMath) && s.math) {
      for (const text::MathRun& r : cache.get(fonts, s.math, fonts.size, s.kind == text::SpanKind::DisplayMath).runs)
        if (!font_has_glyphs(math_font(fonts, r.font, r.size), r.text.c_str())) missing.push_back(r.text);
    } else if (s.kind == text::SpanKind::Text || s.kind == text::SpanKind::Code) {
      const ImFont* f = s.kind == text::SpanKind::Code ? fonts.mono : s.strong ? fonts.bold : s.emphasis ? fonts.italic : fonts.body;
      if (!has_glyphs(f, s.text)) missing.push_back(s.text);
    }
  }
}

void check_glyphs(const Fonts& fonts, MathCache& cache, const std::vector<text::Block>& blocks, std::vector<std::string>& missing) {
  for (const text::Block& b : blocks) {
    check_glyphs(fonts, cache, b.spans, missing);
    check_glyphs(fonts, cache, b.children, missing);
    for (const auto& row : b.rows)
      for (const auto& cell : row) check_glyphs(fonts, cache, cell, missing);
    if (b.kind == text::BlockKind::Code && !has_glyphs(fonts.mono, b.text)) missing.push_back(b.text);
    if (b.kind == text::BlockKind::Math && b.math)
      for (const text::MathRun& r : cache.get(fonts, b.math, fonts.size, true).runs)
        if (!font_has_glyphs(math_font(fonts, r.font, r.size), r.text.c_str())) missing.push_back(r.text);
  }
}

}  // namespace

TEST_CASE("every glyph of the sample deck (Cyrillic, Greek, math) is in the font it is drawn with") {
  ImGuiFixture fx;
  int64_t now = kNoon;
  StudyDeck deck(options("", &now));
  deck.load({});
  MathCache cache;
  std::vector<std::string> missing;
  bool cyrillic = false;
  for (const notes::Card& c : deck.cards()) {
    check_glyphs(fx.fonts, cache, text::parse_inline(c.question), missing);
    check_glyphs(fx.fonts, cache, text::parse_markdown(c.answer).blocks, missing);
    cyrillic = cyrillic || c.question.find("\xD0") != std::string::npos;
  }
  CHECK(cyrillic);
  CHECK(cache.size() > 20);
  CHECK_MESSAGE(missing.empty(), "no glyph for: " << (missing.empty() ? "" : missing.front()));
}
