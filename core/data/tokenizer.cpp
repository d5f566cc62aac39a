#include "core/data/tokenizer.h"

#include <clocale>
#include <cwctype>
#include <locale.h>

#include "core/text/utf8.h"

namespace attend::data {

// ---------------------------------------------------------------------------------------------------------
// UTF-8: one decoder for the whole engine, core/text/utf8.

char32_t utf8_decode(std::string_view s, size_t& i) { return attend::text::next_code_point(s, i); }
void utf8_append(std::string& out, char32_t c) { attend::text::append_utf8(out, c); }

size_t utf8_incomplete_tail(std::string_view s) {
  // Walk back over at most 3 continuation bytes to the lead byte; if the sequence it starts is longer than
  // what is there, those bytes are an incomplete tail.
  const size_t n = s.size();
  for (size_t back = 1; back <= 4 && back <= n; ++back) {
    const unsigned char b = static_cast<unsigned char>(s[n - back]);
    if ((b & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead
    size_t need = 1;
    if ((b & 0xE0) == 0xC0) need = 2;
    else if ((b & 0xF0) == 0xE0) need = 3;
    else if ((b & 0xF8) == 0xF0) need = 4;
    return need > back ? back : 0;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// Letters and case

namespace {

// glibc's C.UTF-8 classification for scripts the tables below do not cover (CJK, Arabic, Hebrew, Latin
// Extended-B…). Loaded once; when unavailable, those code points are treated as separators.
locale_t utf8_locale() {
  static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return loc;
}

}  // namespace

bool is_combining_mark(char32_t c) {
  return (c >= 0x300 && c <= 0x36F) || (c >= 0x483 && c <= 0x489) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (c < 0x100) return c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
  if (c < 0x250) return true;                                   // Latin Extended-A and -B
  if (c >= 0x386 && c <= 0x3FF)                                 // Greek
    return c != 0x387 && c != 0x38B && c != 0x38D && c != 0x3A2 && c != 0x3F6;
  if (c >= 0x400 && c <= 0x52F) return c < 0x482 || c >= 0x48A;  // Cyrillic
  if (is_combining_mark(c) || c == 0xFFFD) return false;
  locale_t loc = utf8_locale();
  return loc != static_cast<locale_t>(nullptr) && iswalpha_l(static_cast<wint_t>(c), loc);
}

char32_t to_lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c < 0x100) return (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 32 : c;
  if (c < 0x180) {
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    if (c == 0x17F || c == 0x131 || c == 0x138 || c == 0x149) return c;
    const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (odd_upper) return (c & 1) ? c + 1 : c;
    return (c & 1) ? c : c + 1;
  }
  if (c >= 0x370 && c <= 0x3FF) {  // Greek
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) return c + 32;
    if (c >= 0x3D8 && c <= 0x3EF) return (c & 1) ? c : c + 1;
    if (c == 0x3CF) return 0x3D7;
    if (c == 0x3F4) return 0x3B8;
    if (c == 0x3F7 || c == 0x3FA) return c + 1;
    if (c == 0x3F9) return 0x3F2;
    if (c >= 0x3FD) return c - 0x82;
    if (c == 0x37F) return 0x3F3;
    return c;
  }
  if (c >= 0x400 && c <= 0x52F) {  // Cyrillic
    if (c <= 0x40F) return c + 80;
    if (c <= 0x42F) return c + 32;
    if (c < 0x460) return c;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
      return (c & 1) ? c : c + 1;
    return c;
  }
  locale_t loc = utf8_locale();
  if (loc == static_cast<locale_t>(nullptr)) return c;
  return static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), loc));
}

// ---------------------------------------------------------------------------------------------------------
// Tokenizer

namespace {

enum class Kind { Letter, Mark, Apostrophe, Other };

struct Unit {
  Kind kind = Kind::Other;
  char32_t lower = 0;
  bool break_after = false;  // a letter that ends the word right after it (AsciiBench: İ lowers to "i̇")
};

Unit classify(char32_t c, TokenMode mode) {
  Unit u;
  if (mode == TokenMode::AsciiBench) {
    // Python's str.lower() followed by [a-z]: only A–Z, a–z, and the two code points whose lower case
    // contains an ASCII letter (U+0130 → "i" + U+0307, U+212A KELVIN SIGN → "k").
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      u.kind = Kind::Letter;
      u.lower = c | 0x20;
    } else if (c == 0x130) {
      u.kind = Kind::Letter;
      u.lower = 'i';
      u.break_after = true;
    } else if (c == 0x212A) {
      u.kind = Kind::Letter;
      u.lower = 'k';
    } else if (c == '\'') {
      u.kind = Kind::Apostrophe;
    }
    return u;
  }
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      u.kind = Kind::Letter;
      u.lower = c | 0x20;
    } else if (c == '\'') {
      u.kind = Kind::Apostrophe;
    }
    return u;
  }
  if (c == 0x2019) {
    u.kind = Kind::Apostrophe;
  } else if (is_combining_mark(c)) {
    u.kind = Kind::Mark;
    u.lower = c;
  } else if (is_letter(c)) {
    u.kind = Kind::Letter;
    u.lower = to_lower(c);
  }
  return u;
}

}  // namespace

void Tokenizer::each(std::string_view text, const std::function<void(std::string_view)>& fn) {
  // The regular expression L+('L+)? as a state machine: Out, Word (letters so far), AfterApostrophe
  // (the optional group is used; another apostrophe ends the word).
  enum class State { Out, Word, AfterApostrophe } state = State::Out;
  m_word.clear();
  auto emit = [&] {
    if (!m_word.empty()) fn(m_word);
    m_word.clear();
    state = State::Out;
  };
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    Unit u;
    if (b < 0x80 && m_mode == TokenMode::Unicode) {  // fast path for ASCII
      ++i;
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
        u.kind = Kind::Letter;
        u.lower = b | 0x20;
      } else if (b == '\'') {
        u.kind = Kind::Apostrophe;
      }
    } else {
      u = classify(attend::text::next_code_point(text, i), m_mode);
    }
    switch (u.kind) {
      case Kind::Letter:
        if (state == State::Out) state = State::Word;
        attend::text::append_utf8(m_word, u.lower);
        if (u.break_after) emit();
        break;
      case Kind::Mark:
        if (state != State::Out) attend::text::append_utf8(m_word, u.lower);
        break;
      case Kind::Apostrophe: {
        if (state != State::Word) {
          emit();
          break;
        }
        size_t j = i;
        const Unit next = j < text.size() ? classify(attend::text::next_code_point(text, j), m_mode) : Unit{};
        if (next.kind == Kind::Letter) {
          m_word.push_back('\'');
          state = State::AfterApostrophe;
        } else {
          emit();
        }
        break;
      }
      case Kind::Other:
        emit();
        break;
    }
  }
  emit();
}

void Tokenizer::append(std::string_view text, std::vector<std::string>& out) {
  each(text, [&](std::string_view w) { out.emplace_back(w); });
}

std::vector<std::string> Tokenizer::tokens(std::string_view text) {
  std::vector<std::string> out;
  append(text, out);
  return out;
}

}  // namespace attend::data
