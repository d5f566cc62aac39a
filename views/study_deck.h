// What the study view shows, without any drawing: the deck imported from the person's notes (or the sample
// deck until they import their own), their study store (schedules and review log), today's queue, card
// search and the links from cards to lessons. It re-imports the note files when they change on disk (card
// ids hash the question, so history survives edits) and saves the store after every rating and import.
//
//   StudyDeck deck({store_path, limits});
//   deck.load(lessons);                 // a corrupt store is moved aside: deck.warning() says where
//   size_t i = deck.queue().next();     // npos: nothing due
//   deck.rate(i, notes::Rating::Good);
//
// The scheduling itself (FSRS, the queue's order, day boundaries) is core/notes; this only keeps the pieces
// together for a view.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/lesson/lesson.h"
#include "core/notes/card_search.h"
#include "core/notes/import.h"
#include "core/notes/links.h"
#include "core/notes/study_store.h"

namespace attend::views {

struct StudyOptions {
  std::string store_path;                 // "" keeps everything in memory (headless runs, tests)
  notes::StudyLimits limits;              // new cards per day, day start; utc offset filled by load()
  std::function<int64_t()> clock;         // Unix seconds; null: the system clock
};

struct StudyCounts {
  size_t cards = 0;
  size_t learning = 0, review = 0, fresh = 0;  // in today's queue
  size_t new_total = 0;                        // new cards in the deck, allowed today or not
  int64_t next_due = 0;                        // the soonest due time of a card not in the queue, or 0
};

class StudyDeck {
 public:
  explicit StudyDeck(StudyOptions options);

  // Loads the store, then imports its note files (or the sample deck when there are none).
  void load(const std::vector<lesson::Lesson>& lessons);
  // Adds a notes file, imports every note file again and saves. An unreadable file is an error and is
  // not added.
  Status import_file(const std::string& path);
  // Stops using a notes file (its cards' history stays in the store) and saves.
  void remove_file(const std::string& path);
  // Re-imports when a note file's modification time changed since the last import. True if it did.
  bool sync();

  void rate(size_t card, notes::Rating rating);
  std::array<notes::Schedule, 4> preview(size_t card) const;  // Again..Easy if rated now
  notes::Schedule schedule(size_t card) const;

  const notes::StudyQueue& queue();  // rebuilt after a change and when the clock passes a minute
  int new_per_day() const { return m_options.limits.new_per_day; }
  void set_new_per_day(int n);
  StudyCounts counts();
  std::vector<search::Hit> find(const std::string& query, const notes::CardFilter& filter) const;

  const std::vector<notes::Card>& cards() const { return m_deck.cards; }
  const std::vector<std::string>& note_files() const { return m_store.note_files; }
  const std::vector<std::string>& sources() const { return m_sources; }
  bool is_sample() const { return m_sample; }
  // Files that could not be read on the last import, with their reasons.
  const std::vector<Error>& import_errors() const { return m_deck.errors; }
  // A store moved aside at load, or a save that failed: the person must see it.
  const std::string& warning() const { return m_warning; }
  size_t index_of(const std::string& id) const;  // npos when the card is not in the deck
  uint64_t version() const { return m_version; } // changes whenever the deck is imported again
  int64_t now() const;
  size_t reviewed_today() const;

 private:
  void import_all();
  void save();

  StudyOptions m_options;
  notes::StudyStore m_store;
  notes::Deck m_deck;
  std::vector<std::string> m_sources;
  std::unique_ptr<notes::CardSearch> m_search;
  std::unique_ptr<notes::LessonLinker> m_linker;
  std::map<std::string, int64_t> m_mtimes;  // note file → modification time at the last import
  notes::StudyQueue m_queue;
  bool m_queue_stale = true;
  int64_t m_queue_minute = -1;
  bool m_sample = false;
  std::string m_warning;
  uint64_t m_version = 0;
};

}  // namespace attend::views
