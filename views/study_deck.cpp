#include "views/study_deck.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <system_error>

namespace attend::views {
namespace {

int64_t file_mtime(const std::string& path) {
  std::error_code ec;
  const auto t = std::filesystem::last_write_time(path, ec);
  return ec ? -1 : static_cast<int64_t>(t.time_since_epoch().count());
}

int64_t local_utc_offset(int64_t now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm local{};
  localtime_r(&t, &local);
  return local.tm_gmtoff;
}

}  // namespace

StudyDeck::StudyDeck(StudyOptions options) : m_options(std::move(options)) {}

int64_t StudyDeck::now() const {
  return m_options.clock ? m_options.clock() : static_cast<int64_t>(std::time(nullptr));
}

void StudyDeck::load(const std::vector<lesson::Lesson>& lessons) {
  m_options.limits.utc_offset_seconds = local_utc_offset(now());
  m_linker = std::make_unique<notes::LessonLinker>(lessons);
  if (!m_options.store_path.empty()) {
    Result<notes::StudyStore::Loaded> loaded = notes::StudyStore::load(m_options.store_path);
    if (!loaded) {
      // Unreadable (not corrupt): keep it untouched and study without saving, so nothing is overwritten.
      m_warning = loaded.error().to_string() + ". Reviews are not saved until this is fixed.";
      m_options.store_path.clear();
    } else {
      m_store = std::move(loaded->store);
      m_warning = loaded->warning;
    }
  }
  import_all();
}

void StudyDeck::import_all() {
  m_sample = m_store.note_files.empty();
  const std::vector<std::string> files = m_sample ? std::vector<std::string>{notes::sample_deck_path()} : m_store.note_files;
  m_deck = notes::import_notes(files);
  if (m_linker) m_linker->link(m_deck.cards);
  m_sources = notes::deck_sources(m_deck.cards);
  m_search = std::make_unique<notes::CardSearch>(m_deck.cards);
  m_mtimes.clear();
  for (const std::string& f : files) m_mtimes[f] = file_mtime(f);
  m_queue_stale = true;
  ++m_version;
}

void StudyDeck::save() {
  if (m_options.store_path.empty()) return;
  if (Status s = m_store.save(m_options.store_path); !s) m_warning = "Could not save your reviews: " + s.error().to_string();
}

Status StudyDeck::import_file(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(path, ec);
  const std::string p = ec ? path : abs.lexically_normal().string();
  notes::Deck probe = notes::import_notes({p});
  if (!probe.errors.empty()) return probe.errors.front();
  if (std::find(m_store.note_files.begin(), m_store.note_files.end(), p) == m_store.note_files.end())
    m_store.note_files.push_back(p);
  import_all();
  save();
  return Ok{};
}

void StudyDeck::remove_file(const std::string& path) {
  auto& files = m_store.note_files;
  files.erase(std::remove(files.begin(), files.end(), path), files.end());
  import_all();
  save();
}

bool StudyDeck::sync() {
  for (const auto& [path, mtime] : m_mtimes)
    if (file_mtime(path) != mtime) {
      import_all();
      return true;
    }
  return false;
}

void StudyDeck::rate(size_t card, notes::Rating rating) {
  if (card >= m_deck.cards.size()) return;
  m_store.rate(m_deck.cards[card].id, rating, now());
  m_queue_stale = true;
  save();
}

notes::Schedule StudyDeck::schedule(size_t card) const {
  return card < m_deck.cards.size() ? m_store.schedule(m_deck.cards[card].id) : notes::Schedule{};
}

std::array<notes::Schedule, 4> StudyDeck::preview(size_t card) const { return notes::preview(schedule(card), now()); }

const notes::StudyQueue& StudyDeck::queue() {
  const int64_t t = now();
  // Learning steps are minutes long: a card due in 10 minutes must come back without any action.
  if (m_queue_stale || t / 60 != m_queue_minute) {
    m_queue = notes::build_queue(m_deck.cards, m_store, t, m_options.limits);
    m_queue_minute = t / 60;
    m_queue_stale = false;
  }
  return m_queue;
}

void StudyDeck::set_new_per_day(int n) {
  m_options.limits.new_per_day = std::max(0, n);
  m_queue_stale = true;
}

StudyCounts StudyDeck::counts() {
  const notes::StudyQueue& q = queue();
  StudyCounts c;
  c.cards = m_deck.cards.size();
  c.learning = q.learning.size();
  c.review = q.review.size();
  c.fresh = q.fresh.size();
  c.new_total = q.new_total;
  const int64_t t = now();
  for (const notes::Card& card : m_deck.cards) {
    auto it = m_store.cards.find(card.id);
    if (it == m_store.cards.end() || it->second.state == notes::CardState::New || it->second.due <= t) continue;
    if (c.next_due == 0 || it->second.due < c.next_due) c.next_due = it->second.due;
  }
  return c;
}

std::vector<search::Hit> StudyDeck::find(const std::string& query, const notes::CardFilter& filter) const {
  return m_search ? m_search->find(query, filter) : std::vector<search::Hit>{};
}

size_t StudyDeck::index_of(const std::string& id) const {
  for (size_t i = 0; i < m_deck.cards.size(); ++i)
    if (m_deck.cards[i].id == id) return i;
  return static_cast<size_t>(-1);
}

size_t StudyDeck::reviewed_today() const {
  const int64_t today = notes::study_day(now(), m_options.limits);
  size_t n = 0;
  for (const notes::ReviewEntry& e : m_store.log) n += notes::study_day(e.time, m_options.limits) == today;
  return n;
}

}  // namespace attend::views
