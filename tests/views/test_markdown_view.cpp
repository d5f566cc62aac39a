// The markdown renderer's data path: inline layout (wrapping, glue, long words, display math), math drawn
// with the real fonts' advances, unknown TeX macros kept visible, and whole documents drawn without a
// renderer (their draw lists and heights checked).
#include <doctest/doctest.h>

#include <string>

#include "core/text/markdown.h"
#include "views/markdown_view.h"
#include "views/math_draw.h"
#include "imgui_fixture.h"

using namespace attend;
using namespace attend::views;
using attend::views::test::ImGuiFixture;

namespace {

std::string joined_text(const InlineLayout& l) {
  std::string s;
  for (const InlineLine& line : l.lines)
    for (const InlineItem& it : line.items) s += it.text + "|";
  return s;
}

}  // namespace

TEST_CASE("inline layout wraps prose at the width and keeps every word") {
  ImGuiFixture fx;
  MathCache cache;
  const std::string prose =
      "Attention compares every query with every key, turns the scores into weights with a softmax and "
      "returns the weighted sum of the values, for all tokens at once.";
  const auto spans = text::parse_inline(prose);
  const InlineStyle style = inline_style(fx.ctx);
  const InlineLayout one = layout_inline(cache, spans, style, 0);
  REQUIRE(one.lines.size() == 1);
  const float natural = one.width;
  for (float width : {120.0f, 200.0f, 333.0f}) {
    CAPTURE(width);
    const InlineLayout l = layout_inline(cache, spans, style, width);
    CHECK(l.lines.size() >= static_cast<size_t>(natural / width));
    CHECK(l.width <= width + 0.5f);
    size_t words = 0;
    float prev_bottom = -1;
    for (const InlineLine& line : l.lines) {
      CHECK(line.width <= width + 0.5f);
      CHECK(line.top > prev_bottom - 0.01f);  // lines stack downwards without overlapping
      prev_bottom = line.top + line.ascent + line.descent;
      words += line.items.size();
    }
    CHECK(words == one.lines[0].items.size());  // nothing dropped or duplicated
    CHECK(l.height >= l.lines.size() * fx.fonts.body->FontSize);
  }
}

TEST_CASE("inline layout: math, code and punctuation glued to them move together, long words break") {
  ImGuiFixture fx;
  MathCache cache;
  const InlineStyle style = inline_style(fx.ctx);
  // The comma after $x_i$ must never start a line.
  const auto spans = text::parse_inline("aaaa bbbb cccc dddd $x_i$, then `code()`; end");
  for (float width = 60; width < 400; width += 7) {
    const InlineLayout l = layout_inline(cache, spans, style, width);
    for (const InlineLine& line : l.lines) {
      REQUIRE(!line.items.empty());
      CHECK(line.items.front().text != ",");
      CHECK(line.items.front().text != ";");
    }
  }
  // A word longer than the line is split between characters, every piece within the width.
  const std::string word(80, 'w');
  const InlineLayout l = layout_inline(cache, text::parse_inline("start " + word + " end"), style, 100);
  CHECK(l.lines.size() >= 4);
  std::string rebuilt;
  for (const InlineLine& line : l.lines) {
    CHECK(line.width <= 100.5f);
    for (const InlineItem& it : line.items) rebuilt += it.text;
  }
  CHECK(rebuilt == "start" + word + "end");
}

TEST_CASE("inline math is laid out with the fonts' own advances and unknown macros stay visible") {
  ImGuiFixture fx;
  MathCache cache;
  const InlineStyle style = inline_style(fx.ctx);
  const InlineLayout l = layout_inline(cache, text::parse_inline("loss $\\mylossmacro{w} + \\alpha \\|w\\|_2^2$ here"), style, 0);
  const InlineItem* math = nullptr;
  for (const InlineItem& it : l.lines[0].items)
    if (it.kind == InlineKind::Math) math = &it;
  REQUIRE((math != nullptr));
  REQUIRE((math->math != nullptr));
  CHECK(has_verbatim(*math->math));
  bool macro = false, alpha = false;
  for (const text::MathRun& r : math->math->runs) {
    macro = macro || (r.font == text::MathFont::Verbatim && r.text.find("\\mylossmacro") != std::string::npos);
    alpha = alpha || r.text == "α";
    // Every run's glyphs exist in the font it is drawn with: nothing falls back to '?'.
    CHECK(font_has_glyphs(math_font(fx.fonts, r.font, r.size), r.text.c_str()));
  }
  CHECK(macro);
  CHECK(alpha);
  // The measuring callback is the font's own advance.
  const text::MathMetrics m = math_metrics(fx.fonts);
  const ImFont* italic = math_font(fx.fonts, text::MathFont::Italic, 16);
  CHECK(m.measure("xyz", 16, text::MathFont::Italic) == doctest::Approx(italic->CalcTextSizeA(16, 1e9f, 0, "xyz").x));
  CHECK(m.measure("xyz", 32, text::MathFont::Italic) == doctest::Approx(2 * m.measure("xyz", 16, text::MathFont::Italic)));
  // Scripts use the small font, rasterised at that size.
  CHECK(math_font(fx.fonts, text::MathFont::Upright, fx.fonts.small->FontSize) == fx.fonts.small);
  // A fraction is taller than a line of text: the line grows to hold it.
  const InlineLayout frac = layout_inline(cache, text::parse_inline("a $\\frac{QK^\\top}{\\sqrt{d_k}}$ b"), style, 0);
  const InlineLayout plain = layout_inline(cache, text::parse_inline("a b"), style, 0);
  CHECK(frac.height > plain.height * 1.3f);
}

TEST_CASE("display math gets a centred line of its own, Cyrillic and Greek are measured with real glyphs") {
  ImGuiFixture fx;
  MathCache cache;
  const InlineStyle style = inline_style(fx.ctx);
  const InlineLayout l = layout_inline(cache, text::parse_inline("before $$\\sum_{i=1}^n x_i$$ after"), style, 500);
  REQUIRE(l.lines.size() == 3);
  CHECK(l.lines[1].centred);
  CHECK(l.lines[1].items.size() == 1);
  CHECK(l.lines[1].items[0].kind == InlineKind::Math);
  CHECK(joined_text(l).find("before") != std::string::npos);

  const std::string ru = "Градиентный спуск и σ-алгебра";
  CHECK(font_has_glyphs(fx.fonts.body, ru.c_str()));
  CHECK(font_has_glyphs(fx.fonts.italic, ru.c_str()));
  CHECK(font_has_glyphs(fx.fonts.bold, ru.c_str()));
  const InlineLayout c = layout_inline(cache, text::parse_inline("*" + ru + "*"), style, 0);
  REQUIRE(c.lines.size() == 1);
  CHECK(c.lines[0].items.front().font == fx.fonts.italic);
  CHECK(c.width > 150);
}

TEST_CASE("MathCache keeps layouts between frames and drops them when the fonts change") {
  ImGuiFixture fx;
  MathCache cache;
  auto node = std::make_shared<const text::MathNode>(text::parse_tex("\\frac{a}{b}"));
  const text::MathLayout* a = &cache.get(fx.fonts, node, 16, false);
  CHECK(&cache.get(fx.fonts, node, 16, false) == a);
  CHECK(&cache.get(fx.fonts, node, 16, true) != a);
  CHECK(cache.size() == 2);
  fx.fonts.size = 20;  // a scale change rebuilds the fonts
  (void)cache.get(fx.fonts, node, 16, false);
  CHECK(cache.size() == 1);
}

TEST_CASE("draw_markdown draws every kind of block and reports its height") {
  ImGuiFixture fx;
  MarkdownCache cache;
  const text::Document doc = text::parse_markdown(
      "## Heading with $x^2$\n\n"
      "Prose with *emphasis*, **strong**, ~~strike~~, `code` and a [link](https://example.org).\n\n"
      "1. first\n2. second\n   - nested\n   - [x] done task\n\n"
      "```python\nprint('hello')  # a long line that must wrap inside the shaded block when the panel is narrow\n```\n\n"
      "$$\\mathrm{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n"
      "| a | b |\n|---|--:|\n| $\\alpha$ | 2 |\n\n"
      "> a quote\n\n---\n\n![diagram](https://example.org/x.png)\n");
  float tall = 0, narrow = 0;
  int vertices = 0;
  fx.frame([&] {
    ImGui::SetCursorPos(ImVec2(10, 10));
    tall = draw_markdown(fx.ctx, cache, doc).height;
    vertices = ImGui::GetWindowDrawList()->VtxBuffer.Size;
  });
  fx.frame([&] {
    MarkdownStyle s;
    s.width = 220;
    narrow = draw_markdown(fx.ctx, cache, doc, s).height;
  });
  CHECK(tall > 300);
  CHECK(narrow > tall);  // wrapping makes it taller
  CHECK(vertices > 1000);
  CHECK(cache.math.size() >= 3);
}
