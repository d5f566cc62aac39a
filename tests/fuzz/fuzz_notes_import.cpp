// libFuzzer target: the notes importer (md4c, headings, sub-questions, tags) and the merging of
// duplicates must take any bytes without crashing, and keep its promises on what it returns.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/notes/import.h"
#include "core/text/markdown.h"
#include "core/util/assert.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  attend::Result<std::vector<attend::notes::Card>> r = attend::notes::parse_notes(text, "fuzz.md");
  if (!r) return 0;
  std::vector<attend::notes::Card> twice = *r;
  twice.insert(twice.end(), r->begin(), r->end());
  const std::vector<attend::notes::Card> once = attend::notes::merge_cards(*r);
  const std::vector<attend::notes::Card> merged = attend::notes::merge_cards(twice);
  // Importing the same file twice doubles nothing.
  ATTEND_ASSERT(merged.size() == once.size(), "merging a file with itself changed the number of cards");
  for (size_t i = 0; i < once.size(); ++i) {
    ATTEND_ASSERT(merged[i].answer == once[i].answer, "merging a file with itself changed an answer");
    ATTEND_ASSERT(once[i].id.size() == 16, "a card id is 16 hex digits");
    for (const auto& s : once[i].sources) ATTEND_ASSERT(s.line >= 1 && s.end_line >= s.line, "source lines out of order");
    (void)attend::text::parse_markdown(once[i].answer, once[i].answer_line ? once[i].answer_line : 1);
  }
  return 0;
}
