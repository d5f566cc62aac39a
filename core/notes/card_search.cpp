#include "core/notes/card_search.h"

#include <algorithm>

#include "core/text/markdown.h"

namespace attend::notes {

CardSearch::CardSearch(const std::vector<Card>& cards) {
  std::vector<std::string> docs;
  for (const Card& c : cards) {
    m_difficulty.push_back(c.difficulty);
    std::vector<std::string> paths;
    for (const SourceRef& s : c.sources) paths.push_back(s.path);
    m_sources.push_back(std::move(paths));
    docs.push_back(text::plain_text(text::parse_inline(c.question)) + "\n" +
                   text::plain_text(text::parse_markdown(c.answer)));
  }
  m_index = search::Bm25Index(docs);
}

bool CardSearch::passes(size_t card, const CardFilter& filter) const {
  if (filter.difficulty && m_difficulty[card] != *filter.difficulty) return false;
  if (!filter.source.empty()) {
    const auto& s = m_sources[card];
    if (std::find(s.begin(), s.end(), filter.source) == s.end()) return false;
  }
  return true;
}

std::vector<search::Hit> CardSearch::find(const std::string& query, const CardFilter& filter, size_t top_k) const {
  std::vector<search::Hit> out;
  if (search::tokenize(query).empty()) {
    for (size_t i = 0; i < m_difficulty.size() && (top_k == 0 || out.size() < top_k); ++i)
      if (passes(i, filter)) out.push_back({i, 0.0});
    return out;
  }
  std::vector<double> scores = m_index.scores(query);
  for (size_t i = 0; i < scores.size(); ++i)
    if (!passes(i, filter)) scores[i] = 0;
  return search::rank(scores, top_k);
}

std::vector<std::string> deck_sources(const std::vector<Card>& cards) {
  std::vector<std::string> out;
  for (const Card& c : cards)
    for (const SourceRef& s : c.sources)
      if (std::find(out.begin(), out.end(), s.path) == out.end()) out.push_back(s.path);
  return out;
}

}  // namespace attend::notes
