// The person's study state: each card's schedule (by card id) and the log of every review. Kept in
// $XDG_DATA_HOME/attend/study.json, written atomically; a corrupt file is moved aside with a message.
// Cards are keyed by id (card.h), so editing an answer keeps the card's history; schedules of cards that
// disappear from the notes stay in the store and come back if the card does.
//
// The study queue: learning cards that are due, then review cards due today, then new cards up to the
// daily limit (counting the new cards already started today). Days start at `day_start_hour` local time,
// like Anki's "next day starts at".
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/notes/card.h"
#include "core/notes/fsrs.h"
#include "core/util/result.h"

namespace attend::notes {

struct ReviewEntry {
  std::string card;
  int64_t time = 0;
  Rating rating = Rating::Good;
  CardState state_before = CardState::New;
  int elapsed_days = 0;       // since the previous review
  int scheduled_days = 0;     // the interval this review gave
  double stability = 0;       // after the review
  double difficulty = 0;
};

struct StudyStore {
  std::map<std::string, Schedule> cards;
  std::vector<ReviewEntry> log;
  std::vector<std::string> note_files;  // the person's notes, imported again at every start to stay in sync

  // The card's schedule, or a new card's.
  Schedule schedule(const std::string& id) const;
  // Rates a card now: updates its schedule and appends to the log. Returns the new schedule.
  Schedule rate(const std::string& id, Rating r, int64_t now, const FsrsParams& p = {});

  struct Loaded;
  static Result<Loaded> load(const std::string& path);
  Status save(const std::string& path) const;
};

struct StudyStore::Loaded {
  StudyStore store;
  std::string warning;  // a corrupt file was moved aside: show this to the person
};

std::string default_study_path();  // $XDG_DATA_HOME/attend/study.json

struct StudyLimits {
  int new_per_day = 20;
  int64_t learn_ahead_seconds = 20 * 60;  // learning cards due this soon are shown when nothing else is due
  int day_start_hour = 4;
  int64_t utc_offset_seconds = 0;         // local time = UTC + offset
};

// Days since the epoch in the person's calendar, days starting at day_start_hour.
int64_t study_day(int64_t unix_seconds, const StudyLimits& limits);
// New cards first rated during the study day of `now`.
int new_cards_started(const StudyStore& store, int64_t now, const StudyLimits& limits);

struct StudyQueue {
  std::vector<size_t> learning;  // indices into the deck, most overdue first
  std::vector<size_t> review;
  std::vector<size_t> fresh;     // new cards allowed today, in deck order
  size_t new_total = 0;          // new cards in the deck, allowed today or not
  // The card to show next, or npos when the session is done.
  size_t next() const;
  size_t size() const { return learning.size() + review.size() + fresh.size(); }
};

StudyQueue build_queue(const std::vector<Card>& deck, const StudyStore& store, int64_t now,
                       const StudyLimits& limits = {});

const char* state_name(CardState s);  // "new", "learning", "review", "relearning"

}  // namespace attend::notes
