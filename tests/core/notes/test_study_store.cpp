#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "core/notes/import.h"
#include "core/notes/study_store.h"
#include "core/util/files.h"
#include "support/temp_dir.h"

using namespace attend;
using namespace attend::notes;
namespace fs = std::filesystem;
using attend::testing::temp_dir;

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kNoon = 1'700'000'000 - (1'700'000'000 % kDay) + 12 * 3600;  // 12:00 UTC


std::vector<Card> deck(int n) {
  std::string md;
  for (int i = 0; i < n; ++i) md += "## Question " + std::to_string(i) + "?\nAnswer.\n";
  return merge_cards(*parse_notes(md, "d.md"));
}

}  // namespace

TEST_CASE("study queue: learning first, then reviews due today, then new cards up to the daily limit") {
  std::vector<Card> cards = deck(30);
  StudyStore store;
  StudyLimits limits;
  limits.new_per_day = 5;
  StudyQueue q = build_queue(cards, store, kNoon, limits);
  CHECK(q.fresh == std::vector<size_t>{0, 1, 2, 3, 4});
  CHECK(q.new_total == 30);
  CHECK(q.next() == 0);

  store.rate(cards[0].id, Rating::Good, kNoon);  // learning, due in 10 minutes
  store.rate(cards[1].id, Rating::Easy, kNoon);  // review in 16 days
  q = build_queue(cards, store, kNoon + 60, limits);
  CHECK(q.learning.empty());  // not due yet, and other cards are waiting
  CHECK(q.fresh == std::vector<size_t>{2, 3, 4});  // two of today's five new cards are started
  q = build_queue(cards, store, kNoon + 601, limits);
  CHECK(q.learning == std::vector<size_t>{0});
  CHECK(q.next() == 0);

  // With nothing else to do, a learning card due within 20 minutes is shown early.
  limits.new_per_day = 2;
  q = build_queue(cards, store, kNoon + 60, limits);
  CHECK(q.fresh.empty());
  CHECK(q.learning == std::vector<size_t>{0});

  // Tomorrow the daily limit starts again; the review card comes back on its day.
  limits.new_per_day = 5;
  q = build_queue(cards, store, kNoon + kDay, limits);
  CHECK(q.fresh.size() == 5);
  q = build_queue(cards, store, kNoon + 16 * kDay, limits);
  CHECK(q.review == std::vector<size_t>{1});
}

TEST_CASE("study queue: days start at the configured hour of local time") {
  StudyLimits limits;
  limits.day_start_hour = 4;
  limits.utc_offset_seconds = 3 * 3600;  // UTC+3
  const int64_t midnight_utc = kNoon - 12 * 3600;
  // 00:30 UTC is 03:30 local: still the previous study day; 01:30 UTC is 04:30 local: a new one.
  CHECK(study_day(midnight_utc + 1800, limits) == study_day(midnight_utc - 3600, limits));
  CHECK(study_day(midnight_utc + 5400, limits) == study_day(midnight_utc + 1800, limits) + 1);
  StudyStore store;
  std::vector<Card> cards = deck(3);
  store.rate(cards[0].id, Rating::Easy, midnight_utc + 1800);  // started "yesterday" at 03:30 local
  CHECK(new_cards_started(store, midnight_utc + 5400, limits) == 0);
  CHECK(new_cards_started(store, midnight_utc + 1900, limits) == 1);
}

TEST_CASE("study store: round trip, and history kept by id when answers change") {
  const std::string path = temp_dir("roundtrip") + "/study.json";
  std::vector<Card> v1 = merge_cards(*parse_notes("## What is BM25?\nA ranking.\n", "a.md"));
  StudyStore store;
  store.rate(v1[0].id, Rating::Good, kNoon);
  store.rate(v1[0].id, Rating::Good, kNoon + 600);
  store.note_files = {"/home/me/notes/ml.md", "/home/me/notes/nlp.md"};
  REQUIRE(store.save(path).ok());
  auto loaded = StudyStore::load(path);
  REQUIRE(loaded.ok());
  CHECK(loaded->warning.empty());
  const StudyStore& s = loaded->store;
  CHECK(s.note_files == store.note_files);
  REQUIRE(s.log.size() == 2);
  CHECK(s.log[0].state_before == CardState::New);
  CHECK(s.log[1].rating == Rating::Good);
  const Schedule a = store.schedule(v1[0].id), b = s.schedule(v1[0].id);
  CHECK(b.state == a.state);
  CHECK(b.due == a.due);
  CHECK(b.stability == doctest::Approx(a.stability));
  CHECK(b.reps == 2);

  // The notes change: the answer is rewritten and the file moved. Same card, same schedule.
  std::vector<Card> v2 = merge_cards(*parse_notes("# New topic\n## What is BM25?\nA ranking function.\n", "b.md"));
  CHECK(v2[0].id == v1[0].id);
  CHECK(s.schedule(v2[0].id).reps == 2);
  StudyQueue q = build_queue(v2, s, kNoon + 700);
  CHECK(q.fresh.empty());
}

TEST_CASE("study store: a corrupt file is moved aside with a clear message") {
  const std::string dir = temp_dir("corrupt");
  const std::string path = dir + "/study.json";
  for (const char* bad : {"{\"version\":1,\"cards\":{\"x\":{\"state\":\"flying\"}},\"log\":[]}",
                          "{\"version\":1,\"cards\":{},\"log\":[{\"card\":\"x\",\"time\":1,\"rating\":9,\"state_before\":\"new\"}]}",
                          "{\"version\":1,\"cards\":{\"x\":{\"state\":\"review\",\"stability\":-1,\"difficulty\":5}},\"log\":[]}",
                          "not json"}) {
    REQUIRE(write_file_atomic(path, bad).ok());
    auto r = StudyStore::load(path);
    REQUIRE(r.ok());
    CHECK(r->store.cards.empty());
    CHECK(r->warning.find("study progress") != std::string::npos);
    CHECK(r->warning.find("moved to " + path + ".corrupt-") != std::string::npos);
    CHECK(!file_exists(path));
  }
}

TEST_CASE("study store: a writer killed mid-save leaves a store that loads") {
  const std::string path = temp_dir("kill") + "/study.json";
  std::vector<Card> cards = deck(200);
  StudyStore base;
  for (const Card& c : cards) base.rate(c.id, Rating::Good, kNoon);
  REQUIRE(base.save(path).ok());
  for (int round = 0; round < 12; ++round) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      StudyStore s = base;
      for (int64_t t = 1;; ++t) {
        s.rate(cards[static_cast<size_t>(t) % cards.size()].id, Rating::Good, kNoon + 600 + t);
        (void)s.save(path);
      }
    }
    ::usleep(3000 + round * 1500);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    auto r = StudyStore::load(path);
    REQUIRE(r.ok());
    CHECK(r->warning.empty());  // never torn, so never moved aside
    CHECK(r->store.log.size() >= base.log.size());
    CHECK(r->store.cards.size() == cards.size());
  }
}
