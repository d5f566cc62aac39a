#include <doctest/doctest.h>

#include "core/text/utf8.h"

using namespace attend::text;

TEST_CASE("utf8: decoding, encoding and invalid bytes") {
  const std::string s = "aЖ€😀";
  size_t i = 0;
  CHECK(next_code_point(s, i) == U'a');
  CHECK(next_code_point(s, i) == U'Ж');
  CHECK(next_code_point(s, i) == U'€');
  CHECK(next_code_point(s, i) == U'😀');
  CHECK(i == s.size());
  std::string out;
  for (char32_t c : {U'a', U'Ж', U'€', U'😀'}) append_utf8(out, c);
  CHECK(out == s);
  CHECK(length(s) == 4);

  const std::string bad = "ok\nline two \xFF here";
  auto r = validate_utf8(bad, "notes.md");
  REQUIRE(!r.ok());
  CHECK(r.error().line == 2);
  CHECK(r.error().column == 10);
  CHECK(r.error().message.find("0xFF") != std::string::npos);
  // Truncated sequence at the end, overlong encoding, surrogate.
  CHECK(!validate_utf8("abc\xD0", "x").ok());
  CHECK(!validate_utf8("\xC0\xAF", "x").ok());
  CHECK(!validate_utf8("\xED\xA0\x80", "x").ok());
  CHECK(validate_utf8("Привет, мир! ∑ 😀", "x").ok());
}

TEST_CASE("utf8: lower case for Latin, Greek and Cyrillic") {
  CHECK(to_lower("Hello ÀÉÎ") == "hello àéî");
  CHECK(to_lower("ΣΙΓΜΑ Ά") == "σιγμα ά");
  CHECK(to_lower("ПРИВЕТ Ёжик ЇҐ") == "привет ёжик їґ");
  CHECK(to_lower("ŁÓDŹ") == "łódź");
}

TEST_CASE("utf8: newlines, lines and slices") {
  CHECK(normalize_newlines("\xEF\xBB\xBF" "a\r\nb\rc\n") == "a\nb\nc\n");
  const std::string s = "one\ntwo\n\nfour";
  LineIndex idx(s);
  CHECK(idx.count() == 4);
  CHECK(idx.line_of(0) == 1);
  CHECK(idx.line_of(4) == 2);
  CHECK(idx.line_of(9) == 4);
  CHECK(idx.column_of(5) == 2);
  CHECK(slice_lines(s, idx, 2, 3) == "two\n");
  CHECK(slice_lines(s, idx, 4, 9) == "four");
  CHECK(slice_lines(s, idx, 3, 2).empty());
}
