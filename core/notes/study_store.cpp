#include "core/notes/study_store.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/lesson/store_file.h"
#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::notes {

using nlohmann::json;

const char* state_name(CardState s) {
  switch (s) {
    case CardState::New: return "new";
    case CardState::Learning: return "learning";
    case CardState::Review: return "review";
    case CardState::Relearning: return "relearning";
  }
  return "";
}

namespace {

constexpr int kVersion = 1;
constexpr int64_t kDay = 86400;

CardState parse_state(const std::string& s) {
  if (s == "new") return CardState::New;
  if (s == "learning") return CardState::Learning;
  if (s == "review") return CardState::Review;
  if (s == "relearning") return CardState::Relearning;
  throw std::runtime_error("unknown card state '" + s + "'");
}

Rating parse_rating(int r) {
  if (r < 1 || r > 4) throw std::runtime_error("a rating is 1 to 4, not " + std::to_string(r));
  return static_cast<Rating>(r);
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Schedule StudyStore::schedule(const std::string& id) const {
  auto it = cards.find(id);
  return it == cards.end() ? Schedule{} : it->second;
}

Schedule StudyStore::rate(const std::string& id, Rating r, int64_t now, const FsrsParams& p) {
  const Schedule before = schedule(id);
  const Schedule after = review(before, r, now, p);
  cards[id] = after;
  ReviewEntry e;
  e.card = id;
  e.time = now;
  e.rating = r;
  e.state_before = before.state;
  e.elapsed_days = before.last_review > 0 ? static_cast<int>((now - before.last_review) / kDay) : 0;
  e.scheduled_days = after.scheduled_days;
  e.stability = after.stability;
  e.difficulty = after.difficulty;
  log.push_back(std::move(e));
  return after;
}

Result<StudyStore::Loaded> StudyStore::load(const std::string& path) {
  Loaded out;
  auto parse = [&](const std::string& content) -> Status {
    try {
      const json j = json::parse(content);
      if (!j.is_object() || j.value("version", 0) != kVersion) return make_error(path, 0, 0, "not a version 1 study file");
      StudyStore s;
      for (const auto& [id, c] : j.at("cards").items()) {
        Schedule sc;
        sc.state = parse_state(c.at("state").get<std::string>());
        sc.step = c.value("step", 0);
        sc.stability = c.value("stability", 0.0);
        sc.difficulty = c.value("difficulty", 0.0);
        sc.due = c.value("due", int64_t{0});
        sc.last_review = c.value("last_review", int64_t{0});
        sc.reps = c.value("reps", 0);
        sc.lapses = c.value("lapses", 0);
        sc.scheduled_days = c.value("scheduled_days", 0);
        if (sc.state != CardState::New && !(sc.stability > 0 && sc.difficulty >= 1 && sc.difficulty <= 10))
          return make_error(path, 0, 0, "card " + id + " has an impossible memory state");
        s.cards[id] = sc;
      }
      for (const json& e : j.at("log")) {
        ReviewEntry r;
        r.card = e.at("card").get<std::string>();
        r.time = e.at("time").get<int64_t>();
        r.rating = parse_rating(e.at("rating").get<int>());
        r.state_before = parse_state(e.at("state_before").get<std::string>());
        r.elapsed_days = e.value("elapsed_days", 0);
        r.scheduled_days = e.value("scheduled_days", 0);
        r.stability = e.value("stability", 0.0);
        r.difficulty = e.value("difficulty", 0.0);
        s.log.push_back(std::move(r));
      }
      s.note_files = j.value("note_files", std::vector<std::string>{});
      out.store = std::move(s);
      return Ok{};
    } catch (const std::exception& e) {
      return make_error(path, 0, 0, e.what());
    }
  };
  Result<lesson::StoreLoad> r = lesson::load_store_file(path, parse, "study progress");
  if (!r) return r.error();
  out.warning = r->warning;
  return out;
}

Status StudyStore::save(const std::string& path) const {
  json cards_json = json::object();
  for (const auto& [id, s] : cards) {
    cards_json[id] = {{"state", state_name(s.state)}, {"step", s.step},
                      {"stability", s.stability},     {"difficulty", s.difficulty},
                      {"due", s.due},                 {"last_review", s.last_review},
                      {"reps", s.reps},               {"lapses", s.lapses},
                      {"scheduled_days", s.scheduled_days}};
  }
  json log_json = json::array();
  for (const ReviewEntry& e : log) {
    log_json.push_back({{"card", e.card},
                        {"time", e.time},
                        {"rating", static_cast<int>(e.rating)},
                        {"state_before", state_name(e.state_before)},
                        {"elapsed_days", e.elapsed_days},
                        {"scheduled_days", e.scheduled_days},
                        {"stability", e.stability},
                        {"difficulty", e.difficulty}});
  }
  const json j = {{"version", kVersion}, {"note_files", note_files}, {"cards", cards_json}, {"log", log_json}};
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) {
    if (Status s = make_directories(dir.string()); !s) return s;
  }
  return write_file_atomic(path, j.dump(1) + "\n");
}

std::string default_study_path() { return data_dir() + "/study.json"; }

int64_t study_day(int64_t t, const StudyLimits& limits) {
  return floor_div(t + limits.utc_offset_seconds - int64_t{limits.day_start_hour} * 3600, kDay);
}

int new_cards_started(const StudyStore& store, int64_t now, const StudyLimits& limits) {
  const int64_t today = study_day(now, limits);
  int n = 0;
  for (const ReviewEntry& e : store.log)
    n += e.state_before == CardState::New && study_day(e.time, limits) == today;
  return n;
}

size_t StudyQueue::next() const {
  if (!learning.empty()) return learning.front();
  if (!review.empty()) return review.front();
  if (!fresh.empty()) return fresh.front();
  return static_cast<size_t>(-1);
}

StudyQueue build_queue(const std::vector<Card>& deck, const StudyStore& store, int64_t now, const StudyLimits& limits) {
  StudyQueue q;
  const int64_t today = study_day(now, limits);
  std::vector<std::pair<int64_t, size_t>> learning, ahead, review;
  std::vector<size_t> fresh;
  for (size_t i = 0; i < deck.size(); ++i) {
    auto it = store.cards.find(deck[i].id);
    if (it == store.cards.end() || it->second.state == CardState::New) {
      fresh.push_back(i);
      continue;
    }
    const Schedule& s = it->second;
    if (s.state == CardState::Learning || s.state == CardState::Relearning) {
      if (s.due <= now) learning.emplace_back(s.due, i);
      else if (s.due <= now + limits.learn_ahead_seconds) ahead.emplace_back(s.due, i);
    } else if (study_day(s.due, limits) <= today) {
      review.emplace_back(s.due, i);
    }
  }
  std::sort(learning.begin(), learning.end());
  std::sort(ahead.begin(), ahead.end());
  std::sort(review.begin(), review.end());
  q.new_total = fresh.size();
  const int allowed = std::max(0, limits.new_per_day - new_cards_started(store, now, limits));
  if (static_cast<int>(fresh.size()) > allowed) fresh.resize(static_cast<size_t>(allowed));
  for (const auto& e : learning) q.learning.push_back(e.second);
  for (const auto& e : review) q.review.push_back(e.second);
  q.fresh = std::move(fresh);
  // With nothing else left, learning cards due in the next few minutes are shown early rather than
  // leaving the person waiting.
  if (q.learning.empty() && q.review.empty() && q.fresh.empty())
    for (const auto& e : ahead) q.learning.push_back(e.second);
  return q;
}

}  // namespace attend::notes
