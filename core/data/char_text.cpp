#include "core/data/char_text.h"

#include <algorithm>

#include "core/text/utf8.h"
#include "core/util/rng.h"

namespace attend::data {

bool utf8_decode(const std::string& s, std::vector<uint32_t>& out, size_t* bad_offset) {
  out.clear();
  size_t i = 0;
  while (i < s.size()) {
    const size_t at = i;
    const char32_t cp = text::next_code_point(s, i);
    // The decoder answers U+FFFD for a malformed sequence; only the three bytes of a real U+FFFD are valid.
    if (cp == 0xFFFD && s.compare(at, 3, "\xEF\xBF\xBD") != 0) {
      *bad_offset = at;
      return false;
    }
    out.push_back(cp);
  }
  return true;
}

void utf8_append(uint32_t cp, std::string& out) { text::append_utf8(out, cp); }

Result<CharCorpus> make_char_corpus(const std::string& utf8, const std::string& path, int min_window) {
  if (utf8.empty()) return make_error(path, 0, 0, "the text is empty");
  std::vector<uint32_t> cps;
  size_t bad = 0;
  if (!utf8_decode(utf8, cps, &bad)) {
    int line = 1, column = 1;
    for (size_t i = 0; i < bad; ++i) {
      if (utf8[i] == '\n') ++line, column = 1;
      else if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) ++column;
    }
    return make_error(path, line, column, "invalid UTF-8 (byte offset " + std::to_string(bad) + ")");
  }
  CharCorpus c;
  c.alphabet = cps;
  std::sort(c.alphabet.begin(), c.alphabet.end());
  c.alphabet.erase(std::unique(c.alphabet.begin(), c.alphabet.end()), c.alphabet.end());
  c.ids.reserve(cps.size());
  for (uint32_t cp : cps)
    c.ids.push_back(static_cast<int>(std::lower_bound(c.alphabet.begin(), c.alphabet.end(), cp) - c.alphabet.begin()));
  c.train_end = c.ids.size() - c.ids.size() / 10;
  const size_t need = static_cast<size_t>(min_window) + 1;
  if (c.train_end < need || c.ids.size() - c.train_end < need)
    return make_error(path, 0, 0,
                      "the text has " + std::to_string(c.ids.size()) + " characters; at least " +
                          std::to_string(10 * need) + " are needed for windows of " + std::to_string(min_window));
  return c;
}

std::string decode(const CharCorpus& c, const std::vector<int>& ids) {
  std::string s;
  for (int id : ids)
    if (id >= 0 && id < c.vocab()) utf8_append(c.alphabet[static_cast<size_t>(id)], s);
  return s;
}

std::vector<int> encode(const CharCorpus& c, const std::string& utf8) {
  std::vector<uint32_t> cps;
  size_t bad = 0;
  utf8_decode(utf8, cps, &bad);
  std::vector<int> ids;
  for (uint32_t cp : cps) {
    auto it = std::lower_bound(c.alphabet.begin(), c.alphabet.end(), cp);
    if (it != c.alphabet.end() && *it == cp) ids.push_back(static_cast<int>(it - c.alphabet.begin()));
  }
  return ids;
}

std::string char_name(const CharCorpus& c, int id) {
  if (id < 0 || id >= c.vocab()) return "?";
  const uint32_t cp = c.alphabet[static_cast<size_t>(id)];
  if (cp == '\n') return "\\n";
  if (cp == '\t') return "\\t";
  if (cp == ' ') return "\xE2\x90\xA3";  // ␣
  std::string s;
  utf8_append(cp, s);
  return s;
}

void sample_windows(const CharCorpus& c, SplitMix64& rng, int batch, int seq, bool validation, LmBatch& out) {
  const size_t lo = validation ? c.train_end : 0;
  const size_t hi = validation ? c.ids.size() : c.train_end;
  ATTEND_ASSERT(hi - lo >= static_cast<size_t>(seq) + 1, "sample_windows: the split is shorter than a window");
  out.batch = batch;
  out.seq = seq;
  out.ids.resize(static_cast<size_t>(batch) * seq);
  out.targets.resize(out.ids.size());
  out.prompt_len.assign(static_cast<size_t>(batch), 0);
  out.answers.resize(0);
  const uint64_t starts = hi - lo - static_cast<size_t>(seq);
  for (int b = 0; b < batch; ++b) {
    const size_t start = lo + static_cast<size_t>(rng.below(starts));
    for (int i = 0; i < seq; ++i) {
      out.ids[static_cast<size_t>(b) * seq + i] = c.ids[start + static_cast<size_t>(i)];
      out.targets[static_cast<size_t>(b) * seq + i] = c.ids[start + static_cast<size_t>(i) + 1];
    }
  }
}

}  // namespace attend::data
