// A flashcard made from the person's markdown notes. The question and answer are markdown exactly as the
// person wrote them (TeX, code blocks, image links and any language kept), so a view renders them with
// text::parse_markdown and nothing is lost; sources say where each came from.
//
// Identity: `key` is the normalised question (for a numbered sub-question, the normalised parent question
// and its own), and `id` is a hash of the key. Editing an answer, moving a file or merging a duplicate keeps
// the id, so review history survives; rewording the question makes a new card.
#pragma once

#include <string>
#include <vector>

namespace attend::notes {

enum class Difficulty { None, Easy, Medium, Hard };  // tags [E], [M], [H]

enum class CardKind {
  Heading,      // a heading and the text under it
  SubQuestion,  // a numbered item ending in '?' under a heading, with its nested answer
  Preamble,     // text before a file's first heading (its question is the file name)
};

struct SourceRef {
  std::string path;
  int line = 0;      // the question's line
  int end_line = 0;  // the answer's last line
};

struct LessonLink {
  std::string path;   // the lesson file
  std::string title;
  double score = 0;   // BM25 between the card and the lesson
};

struct Card {
  std::string id;
  std::string key;
  CardKind kind = CardKind::Heading;
  std::string question;               // inline markdown; the difficulty tag removed
  std::string answer;                 // markdown; duplicates' extra parts appended
  int answer_line = 0;                // where the answer starts in sources[0] (0: no answer)
  Difficulty difficulty = Difficulty::None;
  std::vector<std::string> topic;     // enclosing headings, outermost first
  std::vector<SourceRef> sources;     // first: where the card was first found
  std::vector<LessonLink> lessons;    // best first
};

const char* difficulty_tag(Difficulty d);   // "E", "M", "H" or ""
const char* kind_name(CardKind k);          // "heading", "subquestion", "preamble"

}  // namespace attend::notes
