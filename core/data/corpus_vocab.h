// Vocabulary and encoded corpus for the embedding methods.
//
//   auto c = load_corpus("notes.txt", CorpusOptions{});   // streams the file once
//   c->vocab.words[0];                                   // the most frequent word
//   c->corpus.ids;                                       // every in-vocabulary token, sentence after sentence
//
// A sentence is one line of the file (the bench corpus has one paragraph per line). Words seen fewer than
// min_count times are dropped before any window is formed, as word2vec.c and gensim do, so a window spans
// the gap a rare word leaves. Sentences longer than max_sentence_length tokens are cut into pieces (gensim's
// 10,000-word limit).
//
// Subsampling keeps an occurrence of word w with probability (√(c_w / t) + 1)·t / c_w (capped at 1), where
// t = sample × (retained tokens): the formula gensim 4 uses, stored as 32-bit thresholds like its sample_int.
// Negative samples are drawn from counts^0.75 through an alias table: O(1) per draw, exactly the same
// distribution as word2vec's cumulative table.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/corpus_reader.h"
#include "core/data/tokenizer.h"
#include "core/util/result.h"

namespace attend::data {

// Open-addressing map from word to a dense id in insertion order; the words live in one arena.
class WordIndex {
 public:
  int32_t find(std::string_view w) const;     // -1 when absent
  int32_t insert(std::string_view w);         // the id (new or existing)
  size_t size() const { return m_offsets.size(); }
  std::string_view word(int32_t id) const {
    return std::string_view(m_arena.data() + m_offsets[id], m_lengths[id]);
  }
  void clear();

 private:
  void grow();
  std::vector<int32_t> m_slots;   // -1 empty, else id
  std::vector<uint64_t> m_hashes; // per id
  std::vector<uint64_t> m_offsets;
  std::vector<uint32_t> m_lengths;
  std::string m_arena;
};

struct Vocab {
  std::vector<std::string> words;  // by decreasing count; ties in order of first appearance
  std::vector<int64_t> counts;
  int64_t raw_words = 0;       // tokens in the corpus, rare words included
  int64_t retained_words = 0;  // tokens of words in the vocabulary
  int min_count = 1;

  int32_t size() const { return static_cast<int32_t>(words.size()); }
  int32_t find(std::string_view w) const { return m_index.find(w); }
  void rebuild_index();        // after editing `words` by hand

 private:
  WordIndex m_index;
};

struct EncodedCorpus {
  std::vector<int32_t> ids;              // in-vocabulary tokens, sentence after sentence
  std::vector<int64_t> sentence_starts;  // n_sentences + 1 offsets into ids
  int64_t raw_words = 0;                 // tokens before dropping rare words

  int64_t sentences() const { return static_cast<int64_t>(sentence_starts.size()) - 1; }
};

struct CorpusOptions {
  TokenMode mode = TokenMode::Unicode;
  int min_count = 5;
  int max_vocab = 0;                  // 0: no limit; else keep the most frequent
  int max_sentence_length = 10000;
  StreamOptions stream;               // progress and cancel
};

struct LoadedCorpus {
  Vocab vocab;
  EncodedCorpus corpus;
};

// One streaming pass over the file: tokenise, count, then drop rare words.
Result<LoadedCorpus> load_corpus(const std::string& path, const CorpusOptions& options);
// The same from lines already in memory (notes, tests).
LoadedCorpus build_corpus(const std::vector<std::string>& lines, const CorpusOptions& options);

// Keep probability of each vocabulary word per occurrence, scaled to [0, 2^32 − 1] (gensim's sample_int).
// sample <= 0 keeps everything.
std::vector<uint32_t> subsample_thresholds(const Vocab& vocab, double sample);

// Walker's alias table over weights counts^power: draw(u) with a uniform 64-bit u.
struct NoiseTable {
  std::vector<uint32_t> threshold;  // per bucket: keep the bucket when the low 32 bits are below it
  std::vector<int32_t> alias;

  int32_t draw(uint64_t u) const {
    const uint32_t bucket = static_cast<uint32_t>((static_cast<uint64_t>(static_cast<uint32_t>(u >> 32)) *
                                                   threshold.size()) >> 32);
    return static_cast<uint32_t>(u) < threshold[bucket] ? static_cast<int32_t>(bucket) : alias[bucket];
  }
  // The probability draw() returns word w (for tests).
  double probability(int32_t w) const;
};
NoiseTable make_noise_table(const std::vector<int64_t>& counts, double power = 0.75);

}  // namespace attend::data
