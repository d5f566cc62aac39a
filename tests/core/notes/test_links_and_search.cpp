#include <doctest/doctest.h>

#include "core/lesson/lesson.h"
#include "core/notes/card_search.h"
#include "core/notes/import.h"
#include "core/notes/links.h"
#include "core/util/paths.h"

using namespace attend;
using namespace attend::notes;

namespace {

lesson::Lesson lesson_from(const std::string& text, const std::string& path) {
  Result<lesson::Lesson> r = lesson::parse_lesson(text, path);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  return *r;
}

std::vector<lesson::Lesson> two_lessons() {
  return {lesson_from("---\ntitle: Attention step by step\ntopics: [2, 3]\n---\n"
                      "## Queries and keys\nEach query is compared with every key; the softmax of the scaled "
                      "scores weights the values.\n",
                      "lessons/attention.md"),
          lesson_from("---\ntitle: Optimizers racing\ntopics: [21]\n---\n"
                      "## Momentum\nMomentum keeps a running average of gradients; Adam also scales each "
                      "coordinate by the root of the squared gradients.\n",
                      "lessons/optimizers.md")};
}

}  // namespace

TEST_CASE("links: cards link to the lessons that show their idea, and only those") {
  std::vector<Card> cards = merge_cards(*parse_notes(
      "## What does self-attention compute?\nA softmax over query-key scores weights the values.\n"
      "## How does Adam differ from momentum?\nIt scales each coordinate by the root of the squared gradients.\n"
      "## Что такое энтропия?\nМера неопределённости.\n",
      "n.md"));
  LessonLinker linker(two_lessons());
  linker.link(cards);
  REQUIRE(cards[0].lessons.size() >= 1);
  CHECK(cards[0].lessons[0].path == "lessons/attention.md");
  CHECK(cards[0].lessons[0].title == "Attention step by step");
  CHECK(cards[0].lessons[0].score > 0);
  for (const LessonLink& l : cards[0].lessons) CHECK(l.path != "lessons/optimizers.md");
  REQUIRE(cards[1].lessons.size() >= 1);
  CHECK(cards[1].lessons[0].path == "lessons/optimizers.md");
  CHECK(cards[2].lessons.empty());  // nothing in common with any lesson
  // No lessons at all: no links, no crash.
  std::vector<Card> copy = cards;
  LessonLinker({}).link(copy);
  CHECK(copy[0].lessons.empty());
}

TEST_CASE("card search: BM25 over questions and answers, with filters") {
  Deck deck = import_notes({assets_dir() + "/notes/sample_deck.md"});
  REQUIRE(deck.errors.empty());
  const std::vector<Card>& cards = deck.cards;
  CardSearch search(cards);

  auto hits = search.find("softmax saturation");
  REQUIRE(!hits.empty());
  CHECK(cards[hits[0].doc].question == "Why divide the scores by $\\sqrt{d_k}$?");

  hits = search.find("ПЕРЕПОЛНЯЕТ float");  // Russian, any case
  REQUIRE(!hits.empty());
  CHECK(cards[hits[0].doc].question == "Что ломается без него?");

  // Math is indexed as the text it renders to: \mathrm{Attention} is a word, \infty is not.
  hits = search.find("attention");
  bool display_math_found = false;
  for (const search::Hit& h : hits) display_math_found |= cards[h.doc].answer.find("\\mathrm{Attention}") != std::string::npos;
  CHECK(display_math_found);
  CHECK(search.find("infty").empty());

  CardFilter hard;
  hard.difficulty = Difficulty::Hard;
  for (const search::Hit& h : search.find("", hard)) CHECK(cards[h.doc].difficulty == Difficulty::Hard);
  CHECK(search.find("", hard).size() >= 3);
  CHECK(search.find("softmax", hard).size() < search.find("softmax").size());

  CardFilter other_file;
  other_file.source = "elsewhere.md";
  CHECK(search.find("", other_file).empty());
  CardFilter this_file;
  this_file.source = deck.files[0];
  CHECK(search.find("", this_file).size() == cards.size());
  CHECK(deck_sources(cards) == deck.files);
  CHECK(search.find("", {}, 3).size() == 3);
}
