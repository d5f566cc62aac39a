// The study view ("notes", titled Study): flashcards from the person's own markdown notes.
//  - Review: today's due cards (learning, then review, then new up to the daily limit), question first;
//    Space shows the answer, then Again / Hard / Good / Easy (keys 1–4), each labelled with the interval it
//    would give ("Good 10m"). The card's linked lessons open in one click.
//  - Browse: BM25 search over question and answer, filtered by difficulty and source file; the selected
//    card in full with its schedule.
//  - Notes files: import a notes file (a path; the recent ones are remembered), stop using one; files are
//    only read, and re-imported when they change on disk.
// A study store that was corrupt and moved aside, or could not be saved, is said at the top until
// dismissed. Until the person imports notes, the sample deck is shown.
//
// Lesson keys: set("mode", "review"|"browse"|"files"), set("search", text), set("difficulty", "E"|"M"|"H"|
// "any"), set("source", path), set("card", text) selects the best match in Browse, set("reveal", true);
// highlight("tab", "Browse"), highlight("button", "good"), highlight("import", true) outline that part;
// query("due"), query("new"), query("cards"), query("reviewed"), query("revealed"), query("mode").
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "views/study_deck.h"
#include "views/view.h"

namespace attend::views {

struct StudyViewHooks {
  std::function<void(const std::string& lesson_path)> open_lesson;  // a card's linked lesson
  std::vector<std::string>* recent_notes = nullptr;                  // most recent first (the settings')
  int* new_per_day = nullptr;                                         // the daily new-card limit (the settings')
};

View make_study_view(std::shared_ptr<StudyDeck> deck, StudyViewHooks hooks = {});

// Adds `path` to the front of a recent-files list (no duplicates, at most `limit`).
void remember_recent(std::vector<std::string>& recent, const std::string& path, size_t limit = 10);

}  // namespace attend::views
