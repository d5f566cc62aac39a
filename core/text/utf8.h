// UTF-8 helpers for text in any language: decoding one code point at a time, validating a whole file (so a
// bad byte is reported with its line and column instead of crashing a renderer or the JSON writer), simple
// case folding for the scripts people write notes in (Latin, Greek, Cyrillic), and line arithmetic that
// the markdown, lesson and notes parsers share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace attend::text {

// Decodes the code point at s[i] and advances i. Invalid or truncated sequences yield U+FFFD and advance by
// one byte, so a loop over any input terminates.
char32_t next_code_point(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t cp);

// Ok, or the 1-based line and column (in bytes) of the first invalid UTF-8 sequence.
Status validate_utf8(std::string_view s, const std::string& path);

// Lower case for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic; other code points unchanged.
char32_t to_lower(char32_t cp);
std::string to_lower(std::string_view s);

// Letters and digits of any script count as word characters; punctuation, symbols and spaces do not.
bool is_word_char(char32_t cp);
// Scripts written without spaces (CJK ideographs, kana): each character is a word of its own.
bool is_ideograph(char32_t cp);

// Number of code points (not bytes).
size_t length(std::string_view s);

// Strips a UTF-8 byte order mark and turns CRLF / lone CR line endings into LF, so line numbers and
// slices agree everywhere. Nothing else changes.
std::string normalize_newlines(std::string_view s);

// Byte offsets where each 1-based line starts: starts[0] is line 1. A text with n newlines has n+1 lines.
struct LineIndex {
  std::vector<size_t> starts;
  explicit LineIndex(std::string_view s);
  int line_of(size_t offset) const;   // 1-based line containing byte `offset`
  int column_of(size_t offset) const; // 1-based byte column
  int count() const { return static_cast<int>(starts.size()); }
};
// Lines first..last (1-based, inclusive) of `s`, joined by '\n', without a trailing newline.
std::string slice_lines(std::string_view s, const LineIndex& index, int first, int last);

std::string trim(std::string_view s);
bool is_blank(std::string_view s);

}  // namespace attend::text
