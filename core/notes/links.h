// Links from cards to the lessons that show the idea, by BM25 between the card's text and each lesson's
// text (title, the titles and descriptions of its topics, its prose and quizzes). The 32 topic
// descriptions are indexed beside the lessons as background documents, so term weights stay sensible
// even when only a few lessons exist; only lessons are ever linked.
#pragma once

#include <string>
#include <vector>

#include "core/lesson/lesson.h"
#include "core/notes/card.h"
#include "core/search/ranking.h"

namespace attend::notes {

struct LinkOptions {
  size_t max_links = 3;
  double min_score = 4.0;        // BM25 score a lesson must reach to be linked at all
  double relative_to_best = 0.5; // and at least this fraction of the best lesson's score
};

class LessonLinker {
 public:
  explicit LessonLinker(const std::vector<lesson::Lesson>& lessons, LinkOptions options = {});
  std::vector<LessonLink> links_for(const Card& card) const;
  void link(std::vector<Card>& cards) const;

 private:
  struct Target {
    std::string path, title;
  };
  std::vector<Target> m_targets;  // documents 0..n-1 of the index; the topics follow
  search::Bm25Index m_index;
  LinkOptions m_options;
};

// What a card contributes to ranking: its question (twice, it says what the card is about) and answer.
std::string card_text(const Card& card);

}  // namespace attend::notes
