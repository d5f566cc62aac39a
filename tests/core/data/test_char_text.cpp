#include <doctest/doctest.h>

#include "core/data/char_text.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::data;

TEST_CASE("char corpus: UTF-8 alphabet, round trip, windows from each split") {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "мама мыла раму; the cat sat.\n";
  Result<CharCorpus> c = make_char_corpus(text, "t.txt");
  REQUIRE(c);
  CHECK(decode(*c, c->ids) == text);
  CHECK(decode(*c, encode(*c, "рама cat")) == "рама cat");
  CHECK(c->vocab() < 30);
  CHECK(char_name(*c, encode(*c, " ")[0]) == "␣");
  SplitMix64 rng(1);
  LmBatch b;
  sample_windows(*c, rng, 4, 16, false, b);
  for (int r = 0; r < 4; ++r)
    for (int i = 0; i + 1 < 16; ++i) CHECK(b.targets[static_cast<size_t>(r * 16 + i)] == b.ids[static_cast<size_t>(r * 16 + i + 1)]);
  sample_windows(*c, rng, 4, 16, true, b);
  CHECK(b.ids.size() == 64);
}

TEST_CASE("char corpus errors: empty, invalid UTF-8 with its position, too short") {
  CHECK_FALSE(make_char_corpus("", "e.txt"));
  Result<CharCorpus> bad = make_char_corpus("ab\ncd\xFF" "ef", "b.txt");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().line == 2);
  CHECK(bad.error().column == 3);
  CHECK_FALSE(make_char_corpus("short text", "s.txt"));
  std::vector<uint32_t> cps;
  size_t off = 0;
  CHECK_FALSE(utf8_decode("\xC0\x80", cps, &off));  // overlong
  CHECK(utf8_decode("\xF0\x9F\x99\x82", cps, &off));
  CHECK(cps == std::vector<uint32_t>{0x1F642});
}
