#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/data/tokenizer.h"

using attend::data::TokenMode;
using attend::data::Tokenizer;
using Words = std::vector<std::string>;

TEST_CASE("tokenizer: lower-cases letters and splits on everything else") {
  Tokenizer t;
  CHECK(t.tokens("Hello, World! 42 times-over") == Words{"hello", "world", "times", "over"});
  CHECK(t.tokens("") == Words{});
  CHECK(t.tokens("  ...  ") == Words{});
}

TEST_CASE("tokenizer: one apostrophe inside a word, as [a-z]+(?:'[a-z]+)?") {
  Tokenizer t;
  CHECK(t.tokens("Don't stop") == Words{"don't", "stop"});
  CHECK(t.tokens("rock'n'roll") == Words{"rock'n", "roll"});  // the regex takes one apostrophe group
  CHECK(t.tokens("'quoted' words'") == Words{"quoted", "words"});
  CHECK(t.tokens("it's o'clock") == Words{"it's", "o'clock"});
  CHECK(t.tokens("dogs' bones") == Words{"dogs", "bones"});
  // The typographic apostrophe counts in Unicode mode and is written as '.
  CHECK(t.tokens("Don\u2019t") == Words{"don't"});
}

TEST_CASE("tokenizer: Cyrillic, Greek and accented Latin are letters, lower-cased") {
  Tokenizer t;
  CHECK(t.tokens("Привет, МИР! Ёлка") == Words{"привет", "мир", "ёлка"});
  CHECK(t.tokens("ΣΟΦΙΑ και Λόγος") == Words{"σοφια", "και", "λόγος"});
  CHECK(t.tokens("Café ÉLAN Ÿ") == Words{"café", "élan", "ÿ"});
  CHECK(t.tokens("Українська ЇЖАК ґ") == Words{"українська", "їжак", "ґ"});
  // Mixed scripts in one text; digits and punctuation separate.
  CHECK(t.tokens("attention (внимание) = Aufmerksamkeit²") == Words{"attention", "внимание", "aufmerksamkeit"});
  // A combining mark stays with its letter: и + U+0306 (breve).
  CHECK(t.tokens("и\xCC\x86") == Words{"и\xCC\x86"});
}

TEST_CASE("tokenizer: the bench recipe keeps only a-z after Python's lower()") {
  Tokenizer t(TokenMode::AsciiBench);
  CHECK(t.tokens("Café au lait") == Words{"caf", "au", "lait"});
  CHECK(t.tokens("Привет world") == Words{"world"});
  CHECK(t.tokens("don\u2019t don't") == Words{"don", "t", "don't"});  // only the ASCII apostrophe joins
  // U+0130 lowers to "i" + U+0307 in Python: an i that ends the word; the Kelvin sign lowers to k.
  CHECK(t.tokens("\xC4\xB0stanbul \xE2\x84\xAA" "elvin") == Words{"i", "stanbul", "kelvin"});
}

TEST_CASE("tokenizer: malformed UTF-8 separates words instead of failing") {
  Tokenizer t;
  CHECK(t.tokens("ab\xFF" "cd") == Words{"ab", "cd"});
  CHECK(t.tokens("ab\xE2\x82" "cd") == Words{"ab", "cd"});    // truncated sequence
  CHECK(t.tokens("ab\xC0\xAF" "cd") == Words{"ab", "cd"});    // overlong encoding of '/'
  CHECK(t.tokens("\xED\xA0\x80x") == Words{"x"});             // a surrogate
}

TEST_CASE("utf8: decoding and the incomplete tail a reader holds back") {
  using attend::data::utf8_decode;
  using attend::data::utf8_incomplete_tail;
  const std::string s = "aЖ€😀";
  size_t i = 0;
  CHECK(utf8_decode(s, i) == U'a');
  CHECK(utf8_decode(s, i) == U'Ж');
  CHECK(utf8_decode(s, i) == U'€');
  CHECK(utf8_decode(s, i) == U'😀');
  CHECK(i == s.size());
  CHECK(utf8_incomplete_tail("abc") == 0);
  CHECK(utf8_incomplete_tail("ab\xD0") == 1);              // first byte of Ж
  CHECK(utf8_incomplete_tail("ab\xE2\x82") == 2);          // two of three bytes of €
  CHECK(utf8_incomplete_tail("ab\xF0\x9F\x98") == 3);      // three of four bytes of 😀
  CHECK(utf8_incomplete_tail("ab\xF0\x9F\x98\x80") == 0);  // complete
}
