#include "core/notes/links.h"

#include "core/lesson/topics.h"
#include "core/text/markdown.h"

namespace attend::notes {
namespace {

const search::TokenizeOptions kLinkTokens{true, 2};

}  // namespace

std::string card_text(const Card& card) {
  const std::string q = text::plain_text(text::parse_inline(card.question));
  std::string s = q + "\n" + q + "\n";
  for (const std::string& t : card.topic) s += t + "\n";
  return s + text::plain_text(text::parse_markdown(card.answer));
}

LessonLinker::LessonLinker(const std::vector<lesson::Lesson>& lessons, LinkOptions options) : m_options(options) {
  std::vector<std::string> docs;
  for (const lesson::Lesson& l : lessons) {
    m_targets.push_back({l.path, l.title});
    docs.push_back(lesson::lesson_text(l));
  }
  for (const lesson::Topic& t : lesson::topics()) docs.push_back(t.title + "\n" + t.shows);
  m_index = search::Bm25Index(docs, {}, kLinkTokens);
}

std::vector<LessonLink> LessonLinker::links_for(const Card& card) const {
  std::vector<LessonLink> out;
  if (m_targets.empty()) return out;
  const std::vector<double> scores = m_index.scores(card_text(card));
  std::vector<double> lesson_scores(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(m_targets.size()));
  const std::vector<search::Hit> hits = search::rank(lesson_scores, m_options.max_links);
  if (hits.empty()) return out;
  const double best = hits.front().score;
  for (const search::Hit& h : hits) {
    if (h.score < m_options.min_score || h.score < m_options.relative_to_best * best) break;
    out.push_back({m_targets[h.doc].path, m_targets[h.doc].title, h.score});
  }
  return out;
}

void LessonLinker::link(std::vector<Card>& cards) const {
  for (Card& c : cards) c.lessons = links_for(c);
}

}  // namespace attend::notes
