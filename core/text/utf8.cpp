#include "core/text/utf8.h"

#include <algorithm>

namespace attend::text {

char32_t next_code_point(std::string_view s, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) n = 1, cp = b0 & 0x1Fu, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) n = 2, cp = b0 & 0x0Fu, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) n = 3, cp = b0 & 0x07u, min = 0x10000;
  else {
    ++i;
    return 0xFFFD;
  }
  if (i + n >= s.size()) {  // truncated at the end of the input
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= n; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not valid UTF-8.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += n + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

Status validate_utf8(std::string_view s, const std::string& path) {
  int line = 1;
  size_t line_start = 0;
  size_t i = 0;
  while (i < s.size()) {
    const size_t at = i;
    if (s[i] == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    const char32_t cp = next_code_point(s, i);
    // A real U+FFFD in the text is three bytes; a decoding failure advances by one.
    if (cp == 0xFFFD && i - at == 1) {
      char hex[8];
      static const char* digits = "0123456789ABCDEF";
      const unsigned char b = static_cast<unsigned char>(s[at]);
      hex[0] = '0', hex[1] = 'x', hex[2] = digits[b >> 4], hex[3] = digits[b & 15], hex[4] = 0;
      return make_error(path, line, static_cast<int>(at - line_start) + 1,
                        std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8");
    }
  }
  return Ok{};
}

char32_t to_lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x0100 && c <= 0x017F) {
    if (c == 0x0130) return 'i';
    if (c == 0x0178) return 0xFF;
    const bool even_upper = (c <= 0x0137) || (c >= 0x014A && c <= 0x0177);
    const bool odd_upper = (c >= 0x0139 && c <= 0x0148) || (c >= 0x0179 && c <= 0x017E);
    if (even_upper && c % 2 == 0) return c + 1;
    if (odd_upper && c % 2 == 1) return c + 1;
    return c;
  }
  if (c >= 0x0370 && c <= 0x03FF) {
    if (c >= 0x0391 && c <= 0x03A9 && c != 0x03A2) return c + 32;
    if (c == 0x0386) return 0x03AC;
    if (c >= 0x0388 && c <= 0x038A) return c + 37;
    if (c == 0x038C) return 0x03CC;
    if (c == 0x038E || c == 0x038F) return c + 63;
    return c;
  }
  if (c >= 0x0400 && c <= 0x052F) {
    if (c >= 0x0410 && c <= 0x042F) return c + 32;
    if (c <= 0x040F) return c + 80;
    if (c == 0x04C0) return 0x04CF;
    if ((c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF) || (c >= 0x04D0 && c <= 0x052F))
      return c % 2 == 0 ? c + 1 : c;
    if (c >= 0x04C1 && c <= 0x04CE) return c % 2 == 1 ? c + 1 : c;
    return c;
  }
  return c;
}

std::string to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) append_utf8(out, to_lower(next_code_point(s, i)));
  return out;
}

bool is_ideograph(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;  // ª µ º; the rest is punctuation and symbols
  if (c == 0xD7 || c == 0xF7) return false;                  // × ÷
  if (c == 0x037E || c == 0x0387) return false;              // Greek question mark and ano teleia
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, super/subscripts, arrows, math, shapes
  if (c >= 0x2E00 && c <= 0x2E7F) return false;  // supplemental punctuation
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if ((c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
      (c >= 0xFF5B && c <= 0xFF65))
    return false;  // full-width punctuation
  if (c >= 0xFFF0 && c <= 0xFFFF) return false;   // specials, U+FFFD
  if (c >= 0x1F000 && c <= 0x1FAFF) return false; // emoji and pictographs
  return true;
}

size_t length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) next_code_point(s, i), ++n;
  return n;
}

std::string normalize_newlines(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

LineIndex::LineIndex(std::string_view s) {
  starts.push_back(0);
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n') starts.push_back(i + 1);
}

int LineIndex::line_of(size_t offset) const {
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<int>(it - starts.begin());
}

int LineIndex::column_of(size_t offset) const {
  return static_cast<int>(offset - starts[line_of(offset) - 1]) + 1;
}

std::string slice_lines(std::string_view s, const LineIndex& index, int first, int last) {
  first = std::max(first, 1);
  last = std::min(last, index.count());
  if (first > last) return {};
  const size_t begin = index.starts[first - 1];
  size_t end = last < index.count() ? index.starts[last] - 1 : s.size();  // drop the last line's '\n'
  if (end < begin) end = begin;
  return std::string(s.substr(begin, end - begin));
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

bool is_blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n') return false;
  return true;
}

}  // namespace attend::text
