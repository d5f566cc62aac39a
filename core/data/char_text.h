// Character-level text for the language-model lessons: any UTF-8 text (Cyrillic included) becomes a
// sequence of character ids over the text's own alphabet, and training batches are random windows.
//
//   Result<CharCorpus> c = data::make_char_corpus(text, "notes.md");
//   data::LmBatch b;  data::sample_windows(*c, rng, 32, 64, /*validation=*/false, b);
//   std::string s = data::decode(*c, ids);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/seq_tasks.h"
#include "core/util/result.h"

namespace attend::data {

struct CharCorpus {
  std::vector<uint32_t> alphabet;   // code points, sorted; id = index
  std::vector<int> ids;             // the whole text
  size_t train_end = 0;             // ids[0, train_end) train; the rest (last 10%) validates
  int vocab() const { return static_cast<int>(alphabet.size()); }
};

// Fails on empty text, invalid UTF-8 (with the line and column of the bad byte) or text too short for
// windows of `min_window` characters in both splits.
Result<CharCorpus> make_char_corpus(const std::string& utf8, const std::string& path = "", int min_window = 16);
std::string decode(const CharCorpus& c, const std::vector<int>& ids);
// Characters outside the alphabet are skipped.
std::vector<int> encode(const CharCorpus& c, const std::string& utf8);
std::string char_name(const CharCorpus& c, int id);   // the character; "\\n" for a newline, "␣" for a space

// Random windows of seq + 1 characters from the chosen split: ids = window[0..seq), targets = window[1..].
void sample_windows(const CharCorpus& c, SplitMix64& rng, int batch, int seq, bool validation, LmBatch& out);

// UTF-8 helpers (shared with the views that label characters).
bool utf8_decode(const std::string& s, std::vector<uint32_t>& out, size_t* bad_offset);
void utf8_append(uint32_t cp, std::string& out);

}  // namespace attend::data
