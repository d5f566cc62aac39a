// Word tokenisation for the text corpora: UTF-8 in, lower-cased words out.
//
// A word is a run of letters, optionally followed by one apostrophe and another run of letters ("don't",
// "o'clock"); this is the shape of the benchmark's regular expression [a-z]+(?:'[a-z]+)? applied to
// lower-cased text, so "rock'n'roll" gives "rock'n" and "roll". Everything else separates words.
//
//   Unicode   (the default) letters are Latin (with accents), Greek, Cyrillic and every other script glibc's
//             C.UTF-8 tables call alphabetic; they are lower-cased ("Привет" → "привет", "ΣΟΦΙΑ" → "σοφια").
//             Combining marks after a letter stay in the word; ’ (U+2019) counts as an apostrophe and is
//             written as '.
//   AsciiBench exactly the benchmark's recipe (../shared/bench/gensim_w2v.py): Python's str.lower(), then
//             [a-z]+(?:'[a-z]+)?, so letters outside a–z end a word ("café" → "caf").
//
// Invalid UTF-8 bytes are treated as U+FFFD (a separator), as Python's errors="replace" does.
//
//   Tokenizer tok;
//   tok.each("Don’t PANIC — Ёлка", [](std::string_view w) { ... });   // "don't", "panic", "ёлка"
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace attend::data {

enum class TokenMode { Unicode, AsciiBench };

// Decodes one UTF-8 sequence at s[i], advancing i; malformed input yields U+FFFD and advances one byte.
char32_t utf8_decode(std::string_view s, size_t& i);
void utf8_append(std::string& out, char32_t c);
// How many bytes at the end of s form an incomplete (so far valid) UTF-8 sequence: 0 to 3. A streaming
// reader holds these back until the next chunk arrives.
size_t utf8_incomplete_tail(std::string_view s);

bool is_letter(char32_t c);     // Unicode mode's notion of a letter
char32_t to_lower(char32_t c);  // simple (one-to-one) lower-casing
bool is_combining_mark(char32_t c);

class Tokenizer {
 public:
  explicit Tokenizer(TokenMode mode = TokenMode::Unicode) : m_mode(mode) {}
  TokenMode mode() const { return m_mode; }

  // Calls fn for each word of text, in order. The view is valid only during the call.
  void each(std::string_view text, const std::function<void(std::string_view)>& fn);
  void append(std::string_view text, std::vector<std::string>& out);
  std::vector<std::string> tokens(std::string_view text);

 private:
  TokenMode m_mode;
  std::string m_word;
};

}  // namespace attend::data
