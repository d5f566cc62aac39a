#include <doctest/doctest.h>

#include <imgui.h>

#include "views/fonts.h"

using namespace attend::views;

TEST_CASE("the font atlas has Cyrillic, Greek and math glyphs") {
  ImGui::CreateContext();
  Fonts f;
  const attend::Status s = load_fonts(f, 1.0f);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().to_string()));
  REQUIRE((f.body != nullptr));
  CHECK(ImGui::GetIO().Fonts->IsBuilt());
  CHECK(font_has_glyphs(f.body, "\xD0\xB6"));                 // ж
  CHECK(font_has_glyphs(f.body, "\xCF\x83\xCE\xA3"));         // σ Σ
  CHECK(font_has_glyphs(f.body, "\xE2\x88\x91\xE2\x88\x9A\xE2\x89\xA4\xE2\x86\x92"));  // ∑ √ ≤ →
  CHECK(font_has_glyphs(f.body, "Attend: \xD0\xB6\xD0\xB8\xD0\xB7\xD0\xBD\xD1\x8C"));  // mixed text
  // Plot labels use the small font: subscripts, the typographic minus, ⊤ and the ellipsis must be there too.
  CHECK(font_has_glyphs(f.small, "x\xE2\x82\x81 \xE2\x88\x92 \xE2\x8A\xA4 \xE2\x80\xA6"));
  CHECK(font_has_glyphs(f.mono, "\xCF\x83"));
  // The check is real: a script the fonts do not carry (CJK) is reported missing.
  CHECK_FALSE(font_has_glyphs(f.body, "\xE4\xB8\xAD"));  // 中
  ImGui::DestroyContext();
}
