#include "core/data/corpus_vocab.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attend::data {

// ---------------------------------------------------------------------------------------------------------
// WordIndex

namespace {

uint64_t hash_word(std::string_view w) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a, then a mixer so the low bits spread
  for (unsigned char c : w) h = (h ^ c) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

}  // namespace

int32_t WordIndex::find(std::string_view w) const {
  if (m_slots.empty()) return -1;
  const uint64_t h = hash_word(w);
  const size_t mask = m_slots.size() - 1;
  for (size_t s = h & mask;; s = (s + 1) & mask) {
    const int32_t id = m_slots[s];
    if (id < 0) return -1;
    if (m_hashes[id] == h && word(id) == w) return id;
  }
}

int32_t WordIndex::insert(std::string_view w) {
  if ((m_offsets.size() + 1) * 2 > m_slots.size()) grow();
  const uint64_t h = hash_word(w);
  const size_t mask = m_slots.size() - 1;
  size_t s = h & mask;
  for (;; s = (s + 1) & mask) {
    const int32_t id = m_slots[s];
    if (id < 0) break;
    if (m_hashes[id] == h && word(id) == w) return id;
  }
  const int32_t id = static_cast<int32_t>(m_offsets.size());
  m_slots[s] = id;
  m_hashes.push_back(h);
  m_offsets.push_back(m_arena.size());
  m_lengths.push_back(static_cast<uint32_t>(w.size()));
  m_arena.append(w);
  return id;
}

void WordIndex::grow() {
  const size_t cap = std::max<size_t>(1024, m_slots.size() * 2);
  m_slots.assign(cap, -1);
  const size_t mask = cap - 1;
  for (size_t id = 0; id < m_offsets.size(); ++id) {
    size_t s = m_hashes[id] & mask;
    while (m_slots[s] >= 0) s = (s + 1) & mask;
    m_slots[s] = static_cast<int32_t>(id);
  }
}

void WordIndex::clear() {
  m_slots.clear();
  m_hashes.clear();
  m_offsets.clear();
  m_lengths.clear();
  m_arena.clear();
}

void Vocab::rebuild_index() {
  m_index.clear();
  for (const std::string& w : words) m_index.insert(w);
}

// ---------------------------------------------------------------------------------------------------------
// Loading

namespace {

// Tokens are first numbered in order of first appearance (every word, rare ones included); finish() then
// ranks them by count, drops the rare ones and renumbers the token stream.
struct CorpusBuilder {
  const CorpusOptions& options;
  Tokenizer tokenizer;
  WordIndex index;
  std::vector<int64_t> counts;
  std::vector<int32_t> raw_ids;
  std::vector<int64_t> starts{0};

  explicit CorpusBuilder(const CorpusOptions& o) : options(o), tokenizer(o.mode) {}

  void add_line(std::string_view line) {
    const size_t before = raw_ids.size();
    tokenizer.each(line, [&](std::string_view w) {
      const int32_t id = index.insert(w);
      if (static_cast<size_t>(id) == counts.size()) counts.push_back(0);
      ++counts[id];
      raw_ids.push_back(id);
    });
    if (raw_ids.size() > before) starts.push_back(static_cast<int64_t>(raw_ids.size()));
  }

  LoadedCorpus finish() {
    LoadedCorpus out;
    Vocab& v = out.vocab;
    v.min_count = options.min_count;
    v.raw_words = static_cast<int64_t>(raw_ids.size());
    std::vector<int32_t> order;
    for (size_t id = 0; id < counts.size(); ++id)
      if (counts[id] >= options.min_count) order.push_back(static_cast<int32_t>(id));
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return counts[a] > counts[b]; });
    if (options.max_vocab > 0 && order.size() > static_cast<size_t>(options.max_vocab))
      order.resize(options.max_vocab);
    std::vector<int32_t> remap(counts.size(), -1);
    for (size_t r = 0; r < order.size(); ++r) {
      remap[order[r]] = static_cast<int32_t>(r);
      v.words.emplace_back(index.word(order[r]));
      v.counts.push_back(counts[order[r]]);
      v.retained_words += counts[order[r]];
    }
    v.rebuild_index();
    EncodedCorpus& c = out.corpus;
    c.raw_words = v.raw_words;
    c.ids.reserve(static_cast<size_t>(v.retained_words));
    c.sentence_starts.push_back(0);
    const int64_t max_len = std::max(1, options.max_sentence_length);
    for (size_t s = 0; s + 1 < starts.size(); ++s) {
      int64_t in_sentence = 0;
      for (int64_t t = starts[s]; t < starts[s + 1]; ++t) {
        const int32_t id = remap[raw_ids[t]];
        if (id < 0) continue;
        c.ids.push_back(id);
        if (++in_sentence == max_len) {
          c.sentence_starts.push_back(static_cast<int64_t>(c.ids.size()));
          in_sentence = 0;
        }
      }
      if (in_sentence > 0) c.sentence_starts.push_back(static_cast<int64_t>(c.ids.size()));
    }
    return out;
  }
};

}  // namespace

Result<LoadedCorpus> load_corpus(const std::string& path, const CorpusOptions& options) {
  CorpusBuilder b(options);
  Status st = stream_lines(
      path,
      [&](std::string_view line, int64_t) {
        b.add_line(line);
        return true;
      },
      options.stream);
  if (!st) return st.error();
  return b.finish();
}

LoadedCorpus build_corpus(const std::vector<std::string>& lines, const CorpusOptions& options) {
  CorpusBuilder b(options);
  for (const std::string& line : lines) b.add_line(line);
  return b.finish();
}

// ---------------------------------------------------------------------------------------------------------
// Subsampling and noise

std::vector<uint32_t> subsample_thresholds(const Vocab& vocab, double sample) {
  std::vector<uint32_t> out(vocab.counts.size(), 0xFFFFFFFFu);
  if (sample <= 0) return out;
  // gensim 4: threshold_count = sample × retained tokens (or, for sample >= 1, an absolute count).
  const double t = sample < 1.0 ? sample * static_cast<double>(vocab.retained_words)
                                : std::floor(sample * (3.0 + std::sqrt(5.0)) / 2.0);
  for (size_t w = 0; w < out.size(); ++w) {
    const double c = static_cast<double>(vocab.counts[w]);
    double p = (std::sqrt(c / t) + 1.0) * (t / c);
    if (p > 1.0) p = 1.0;
    out[w] = static_cast<uint32_t>(p * 4294967295.0);
  }
  return out;
}

NoiseTable make_noise_table(const std::vector<int64_t>& counts, double power) {
  NoiseTable t;
  const size_t n = counts.size();
  t.threshold.assign(n, 0);
  t.alias.assign(n, 0);
  if (n == 0) return t;
  std::vector<double> w(n);
  double total = 0;
  for (size_t i = 0; i < n; ++i) total += w[i] = std::pow(static_cast<double>(counts[i]), power);
  // Vose's construction: scale to mean 1, pair each under-full bucket with an over-full donor.
  std::vector<double> scaled(n);
  std::vector<int32_t> small, large;
  for (size_t i = 0; i < n; ++i) {
    scaled[i] = w[i] * n / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<int32_t>(i));
  }
  std::vector<double> prob(n, 1.0);
  while (!small.empty() && !large.empty()) {
    const int32_t s = small.back(), l = large.back();
    small.pop_back();
    prob[s] = scaled[s];
    t.alias[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (int32_t i : large) t.alias[i] = i;
  for (int32_t i : small) t.alias[i] = i;  // rounding leftovers: full buckets
  for (size_t i = 0; i < n; ++i) {
    const double p = std::min(std::max(prob[i], 0.0), 1.0);
    t.threshold[i] = p >= 1.0 ? 0xFFFFFFFFu : static_cast<uint32_t>(p * 4294967296.0);
    if (p >= 1.0) t.alias[i] = static_cast<int32_t>(i);
  }
  return t;
}

double NoiseTable::probability(int32_t w) const {
  const double n = static_cast<double>(threshold.size());
  double p = threshold[w] / 4294967296.0 / n;
  for (size_t b = 0; b < alias.size(); ++b)
    if (alias[b] == w) p += (1.0 - threshold[b] / 4294967296.0) / n;
  return p;
}

}  // namespace attend::data
