// Turning markdown notes into cards. The format is the person's own (see ../shared/design.md, "Notes
// files"): headings are questions or topics, optionally tagged [E]/[M]/[H]; a heading's body is its answer;
// a numbered item whose first line ends in '?' is a sub-question whose nested text is its answer; text
// before the first heading becomes a card named after the file. A heading whose body is only
// sub-questions (or only deeper headings) is a topic, not a card. Every non-blank line of a file lands
// in exactly one card's question or answer, or is a topic heading.
//
// Duplicates: cards with the same key (normalised question text; see card.h) are merged, across files and
// within one. The merged answer keeps the first answer and appends the parts of later ones (paragraphs,
// list items, code blocks) it does not already contain, so identical text is never doubled.
//
// The files are only read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/notes/card.h"
#include "core/util/result.h"

namespace attend::notes {

// One file's cards, in file order, not merged. Fails only on text that is not UTF-8.
Result<std::vector<Card>> parse_notes(std::string_view text, const std::string& path);

// Merges cards with the same key, keeping first-seen order, and assigns ids.
std::vector<Card> merge_cards(std::vector<Card> cards);

struct Deck {
  std::vector<Card> cards;
  std::vector<std::string> files;  // read successfully
  std::vector<Error> errors;       // files that could not be read or decoded
};

Deck import_notes(const std::vector<std::string>& paths);

// The deck that ships with Attend (assets/notes/sample_deck.md): shown until the person imports their own.
std::string sample_deck_path();

// Lower-cased words of the question without tags, numbering and punctuation: what duplicates share.
std::string normalize_question(std::string_view question);
// Removes a [E]/[M]/[H] tag (any case, anywhere) and returns the difficulty it named.
Difficulty take_difficulty_tag(std::string& text);
// 16 hex digits of a 64-bit FNV-1a hash.
std::string card_id(const std::string& key);

// The markdown source of an answer split into the parts duplicates are compared by: top-level blocks,
// with lists split into their items.
std::vector<std::string> answer_parts(const std::string& answer);
std::string merge_answers(const std::string& first, const std::string& second);

}  // namespace attend::notes
