// Browsing the deck: BM25 over each card's question and answer (math as Unicode text, so "softmax" finds
// $\text{softmax}$), filtered by difficulty and source file. An empty query lists every card that passes
// the filter, in deck order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/notes/card.h"
#include "core/search/ranking.h"

namespace attend::notes {

struct CardFilter {
  std::optional<Difficulty> difficulty;  // none: any
  std::string source;                    // a file path; empty: any
};

class CardSearch {
 public:
  explicit CardSearch(const std::vector<Card>& cards);
  // Hits are indices into the deck given to the constructor, best first.
  std::vector<search::Hit> find(const std::string& query, const CardFilter& filter = {}, size_t top_k = 0) const;

 private:
  bool passes(size_t card, const CardFilter& filter) const;

  std::vector<Difficulty> m_difficulty;
  std::vector<std::vector<std::string>> m_sources;
  search::Bm25Index m_index;
};

// The source files of a deck, in first-seen order (for a filter menu).
std::vector<std::string> deck_sources(const std::vector<Card>& cards);

}  // namespace attend::notes
