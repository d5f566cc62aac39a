#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/notes/import.h"
#include "core/text/utf8.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "support/temp_dir.h"

using namespace attend;
using namespace attend::notes;
namespace fs = std::filesystem;
using attend::testing::temp_dir;

namespace {

std::vector<Card> parse(const std::string& text, const std::string& path = "notes.md") {
  Result<std::vector<Card>> r = parse_notes(text, path);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  return merge_cards(std::move(*r));
}

const Card& find(const std::vector<Card>& cards, const std::string& question) {
  auto it = std::find_if(cards.begin(), cards.end(), [&](const Card& c) { return c.question == question; });
  REQUIRE_MESSAGE(it != cards.end(), "no card " << question);
  return *it;
}

std::string sample_path() { return sample_deck_path(); }


}  // namespace

TEST_CASE("notes: headings are questions, bodies answers, tags difficulties") {
  const std::vector<Card> cards = parse(
      "# Topic\n"                     // 1
      "\n"                            // 2
      "## [M] What is $x$?\n"         // 3
      "\n"                            // 4
      "It is *x*.\n"                  // 5
      "- one\n"                       // 6
      "\n"                            // 7
      "## Plain heading [h] ##\n"     // 8
      "Body.\n"                       // 9
      "\n"                            // 10
      "Setext question\n"             // 11
      "---------------\n"             // 12
      "Its answer.\n"                 // 13
      "## No answer yet?\n");         // 14
  REQUIRE(cards.size() == 4);  // "# Topic" has only deeper headings: a topic, not a card
  const Card& a = cards[0];
  CHECK(a.question == "What is $x$?");
  CHECK(a.difficulty == Difficulty::Medium);
  CHECK(a.answer == "It is *x*.\n- one");
  CHECK(a.answer_line == 5);
  CHECK(a.topic == std::vector<std::string>{"Topic"});
  REQUIRE(a.sources.size() == 1);
  CHECK(a.sources[0].path == "notes.md");
  CHECK(a.sources[0].line == 3);
  CHECK(a.sources[0].end_line == 6);
  CHECK(a.kind == CardKind::Heading);
  CHECK(a.id.size() == 16);
  CHECK(cards[1].question == "Plain heading");
  CHECK(cards[1].difficulty == Difficulty::Hard);
  CHECK(cards[2].question == "Setext question");
  CHECK(cards[2].answer == "Its answer.");
  CHECK(cards[3].question == "No answer yet?");
  CHECK(cards[3].answer.empty());
  CHECK(cards[3].answer_line == 0);
}

TEST_CASE("notes: numbered items ending in '?' are sub-questions with nested answers") {
  const std::vector<Card> cards = parse(
      "## [H] Multi-head attention\n"          // 1
      "1. Why several heads?\n"                // 2
      "   Each head has its own subspace.\n"   // 3
      "   - nested detail\n"                   // 4
      "2. [E] What follows the\n"              // 5
      "   heads?\n"                            // 6
      "\n"                                     // 7
      "   A projection $W_O$.\n"               // 8
      "3. A plain statement.\n"                // 9
      "\n"                                     // 10
      "## Steps\n"                             // 11
      "1. Compute scores\n"                    // 12
      "2. Apply softmax\n");                   // 13
  REQUIRE(cards.size() == 4);
  const Card& topic_rest = cards[0];  // the heading keeps what is not a sub-question
  CHECK(topic_rest.question == "Multi-head attention");
  CHECK(topic_rest.answer == "3. A plain statement.");
  CHECK(topic_rest.answer_line == 9);
  const Card& q1 = cards[1];
  CHECK(q1.kind == CardKind::SubQuestion);
  CHECK(q1.question == "Why several heads?");
  CHECK(q1.answer == "Each head has its own subspace.\n- nested detail");
  CHECK(q1.answer_line == 3);
  CHECK(q1.difficulty == Difficulty::Hard);  // inherited from the heading
  CHECK(q1.topic == std::vector<std::string>{"Multi-head attention"});
  CHECK(q1.sources[0].line == 2);
  CHECK(q1.key == "multi head attention / why several heads");
  const Card& q2 = cards[2];
  CHECK(q2.question == "What follows the heads?");
  CHECK(q2.difficulty == Difficulty::Easy);
  CHECK(q2.answer == "A projection $W_O$.");
  CHECK(q2.answer_line == 8);
  // A numbered list without questions is an ordinary answer.
  CHECK(cards[3].question == "Steps");
  CHECK(cards[3].answer == "1. Compute scores\n2. Apply softmax");

  // A heading whose body is only sub-questions is a topic.
  const std::vector<Card> only = parse("## Topic\n1. Why?\n   Because.\n");
  REQUIRE(only.size() == 1);
  CHECK(only[0].question == "Why?");
}

TEST_CASE("notes: text before the first heading and Cyrillic tags") {
  const std::vector<Card> cards = parse("Intro line.\n\n## [Н] Почему?\nПотому что.\n", "dir/intro.md");
  REQUIRE(cards.size() == 2);
  CHECK(cards[0].kind == CardKind::Preamble);
  CHECK(cards[0].question == "intro.md");
  CHECK(cards[0].answer == "Intro line.");
  CHECK(cards[1].difficulty == Difficulty::Hard);  // Cyrillic Н typed for H
  CHECK(cards[1].question == "Почему?");
}

TEST_CASE("notes: duplicates merge without doubling text") {
  const std::string a =
      "## [E] What is a causal mask?\n"
      "It hides future tokens.\n"
      "\n"
      "- scores above the diagonal become $-\\infty$\n"
      "- used in decoders\n";
  const std::string b =
      "# Other file\n"
      "## What is a  CAUSAL mask\n"
      "It hides future tokens.\n"
      "\n"
      "- used in decoders\n"
      "- GPT uses it\n"
      "- so does the decoder of T5\n"
      "\n"
      "```python\n"
      "mask = np.triu(np.ones((n, n)), 1)\n"
      "```\n";
  Result<std::vector<Card>> from_a = parse_notes(a, "a.md"), from_b = parse_notes(b, "b.md");
  REQUIRE(from_a.ok());
  REQUIRE(from_b.ok());
  std::vector<Card> all = *from_a;
  for (const Card& c : *from_b) all.push_back(c);
  std::vector<Card> cards = merge_cards(all);
  REQUIRE(cards.size() == 1);
  const Card& c = cards[0];
  REQUIRE(c.sources.size() == 2);
  CHECK(c.sources[0].path == "a.md");
  CHECK(c.sources[1].path == "b.md");
  CHECK(c.sources[1].line == 2);
  CHECK(c.difficulty == Difficulty::Easy);
  CHECK(c.answer ==
        "It hides future tokens.\n"
        "\n"
        "- scores above the diagonal become $-\\infty$\n"
        "- used in decoders\n"
        "\n"
        "- GPT uses it\n"
        "- so does the decoder of T5\n"
        "\n"
        "```python\n"
        "mask = np.triu(np.ones((n, n)), 1)\n"
        "```");
  // Merging the same file twice changes nothing but the sources.
  Result<std::vector<Card>> copy = parse_notes(a, "copy.md");
  REQUIRE(copy.ok());
  std::vector<Card> twice = *from_a;
  for (const Card& x : *copy) twice.push_back(x);
  std::vector<Card> merged = merge_cards(twice);
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].answer == (*from_a)[0].answer);
}

TEST_CASE("notes: ids survive answer edits, file moves and renumbering, not rewording") {
  const std::string id = parse("## 3. What is BM25?\nA ranking.\n")[0].id;
  CHECK(parse("## 3. What is BM25?\nA ranking function, rewritten.\n", "moved/elsewhere.md")[0].id == id);
  CHECK(parse("## 7) what is bm25 ?\nA ranking.\n")[0].id == id);
  CHECK(parse("## [H] What is BM25?\nA ranking.\n")[0].id == id);
  CHECK(parse("## What is TF-IDF?\nA ranking.\n")[0].id != id);
  CHECK(card_id("x") == card_id("x"));
  CHECK(card_id("x") != card_id("y"));
  CHECK(normalize_question("[M] Что такое Ёмкость?") == "что такое емкость");
}

TEST_CASE("notes: invalid UTF-8 is an error with line and column") {
  Result<std::vector<Card>> r = parse_notes("## Q\nok\nbad \xC3\x28 here\n", "n.md");
  REQUIRE(!r.ok());
  CHECK(r.error().to_string() == "n.md:3:5: invalid UTF-8 (byte 0xC3); save the file as UTF-8");
  Deck d = import_notes({"/nonexistent/notes.md"});
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].path == "/nonexistent/notes.md");
  CHECK(d.errors[0].message.find("cannot open") != std::string::npos);
  CHECK(d.cards.empty());
}

TEST_CASE("notes: the sample deck imports every line, with tags, sub-questions, Russian and formulas") {
  const std::string path = sample_path();
  Result<std::string> text = read_file(path);
  REQUIRE(text.ok());
  Deck deck = import_notes({path});
  REQUIRE(deck.errors.empty());
  const std::vector<Card>& cards = deck.cards;
  CHECK(cards.size() == 23);  // 24 sections and sub-questions, one of them a duplicate

  const Card& attention = find(cards, "What does self-attention compute for one token?");
  CHECK(attention.difficulty == Difficulty::Easy);
  REQUIRE(attention.sources.size() == 2);  // the duplicated section, merged
  CHECK(attention.answer.find("Unlike a recurrent network") != std::string::npos);
  size_t count = 0;
  for (size_t at = 0; (at = attention.answer.find("A softmax over those scores", at)) != std::string::npos; ++at) ++count;
  CHECK(count == 1);
  CHECK(attention.answer.find("\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)") != std::string::npos);

  const Card& scaling = find(cards, "Why divide the scores by $\\sqrt{d_k}$?");
  CHECK(scaling.difficulty == Difficulty::Medium);
  CHECK(scaling.answer.find("```python\nimport numpy as np") != std::string::npos);

  const Card& heads = find(cards, "Why use several heads instead of one big one?");
  CHECK(heads.kind == CardKind::SubQuestion);
  CHECK(heads.difficulty == Difficulty::Hard);
  CHECK(find(cards, "Multi-head attention").answer.find("![Attention weights of four heads](https://example.org/attention-heads.png)") !=
        std::string::npos);
  CHECK(find(cards, "Does multi-head attention cost more than a single head of the same total width?").difficulty ==
        Difficulty::Easy);

  const Card& adam = find(cards, "Чем Adam отличается от SGD с моментом?");
  CHECK(adam.topic == std::vector<std::string>{"Оптимизация и численная устойчивость"});
  CHECK(adam.answer.find("$\\hat{m}_t = m_t / (1 - \\beta_1^t)$") != std::string::npos);
  const Card& lse = find(cards, "Как его считают?");
  CHECK(lse.kind == CardKind::SubQuestion);
  CHECK(lse.answer.find("\\log \\sum_i e^{x_i}") != std::string::npos);

  const Card& semi = find(cards, "What loss does semi-supervised learning minimise?");
  CHECK(semi.answer == "A sum of two parts: $L = L_{sup} + \\lambda L_{unsup}$.");

  // Nothing of the person's text is lost: every non-blank line is in a question, an answer or a topic.
  const std::string src = *text;
  const text::LineIndex index(src);
  for (int l = 1; l <= index.count(); ++l) {
    std::string line = text::trim(text::slice_lines(src, index, l, l));
    if (line.empty()) continue;
    take_difficulty_tag(line);
    while (!line.empty() && line[0] == '#') line = text::trim(line.substr(1));
    if (line.size() > 3 && line[0] >= '0' && line[0] <= '9' && line[1] == '.') line = text::trim(line.substr(2));
    take_difficulty_tag(line);
    bool found = false;
    for (const Card& c : cards) {
      found = found || c.question.find(line) != std::string::npos || c.answer.find(line) != std::string::npos;
      for (const std::string& t : c.topic) found = found || t == line;
    }
    CHECK_MESSAGE(found, "line " << l << " lost: " << line);
  }
}

TEST_CASE("notes: importing never modifies the person's files") {
  const std::string dir = temp_dir("readonly");
  const std::string path = dir + "/mine.md";
  const std::string content = "## Q?\r\nA.\r\n";  // CRLF stays CRLF on disk
  REQUIRE(write_file_atomic(path, content).ok());
  ::chmod(path.c_str(), 0444);
  struct stat before {};
  ::stat(path.c_str(), &before);
  Deck d = import_notes({path, path});
  REQUIRE(d.errors.empty());
  REQUIRE(d.cards.size() == 1);
  CHECK(d.cards[0].answer == "A.");
  struct stat after {};
  ::stat(path.c_str(), &after);
  CHECK(before.st_mtime == after.st_mtime);
  CHECK(*read_file(path) == content);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}
