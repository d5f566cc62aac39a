#include <doctest/doctest.h>

#include <string>

#include "core/text/markdown.h"

using namespace attend::text;

TEST_CASE("markdown: headings, paragraphs and inline styles with source lines") {
  const std::string md =
      "# Title\n"
      "\n"
      "Some *emphasis*, **strong**, ~~gone~~, `code` and a [link](http://x.org).\n"
      "Second line &amp; &#x3b1; &nosuch;\n"
      "\n"
      "Setext heading\n"
      "--------------\n";
  Document d = parse_markdown(md);
  REQUIRE(d.blocks.size() == 3);
  CHECK(d.blocks[0].kind == BlockKind::Heading);
  CHECK(d.blocks[0].level == 1);
  CHECK(d.blocks[0].line == 1);
  CHECK(d.blocks[0].end_line == 1);
  const Block& p = d.blocks[1];
  CHECK(p.kind == BlockKind::Paragraph);
  CHECK(p.line == 3);
  CHECK(p.end_line == 4);
  bool em = false, strong = false, strike = false, code = false, link = false;
  for (const Span& s : p.spans) {
    em |= s.emphasis && s.text == "emphasis";
    strong |= s.strong && s.text == "strong";
    strike |= s.strike && s.text == "gone";
    code |= s.kind == SpanKind::Code && s.text == "code";
    link |= s.url == "http://x.org" && s.text == "link";
  }
  CHECK(em);
  CHECK(strong);
  CHECK(strike);
  CHECK(code);
  CHECK(link);
  // Entities decoded, unknown ones kept as written, soft breaks become spaces.
  CHECK(plain_text(p.spans).find("code and a link. Second line & α &nosuch;") != std::string::npos);
  CHECK(d.blocks[2].kind == BlockKind::Heading);
  CHECK(d.blocks[2].level == 2);
  CHECK(d.blocks[2].line == 6);
  CHECK(d.blocks[2].end_line == 7);  // the underline belongs to the heading
}

TEST_CASE("markdown: nested lists keep numbers, tightness and lines") {
  const std::string md =
      "3. first\n"
      "   - nested a\n"
      "   - nested b\n"
      "4. second\n"
      "\n"
      "- [x] done\n"
      "- [ ] open\n";
  Document d = parse_markdown(md, 10);
  REQUIRE(d.blocks.size() == 2);
  const Block& ol = d.blocks[0];
  CHECK(ol.kind == BlockKind::List);
  CHECK(ol.ordered);
  CHECK(ol.tight);
  CHECK(ol.start == 3);
  REQUIRE(ol.children.size() == 2);
  const Block& first = ol.children[0];
  CHECK(first.number == 3);
  CHECK(ol.children[1].number == 4);
  CHECK(first.line == 10);
  CHECK(first.end_line == 12);
  REQUIRE(first.children.size() == 2);
  CHECK(first.children[0].kind == BlockKind::Paragraph);  // a tight item's text as an implicit paragraph
  CHECK(first.children[0].line == 10);
  CHECK(first.children[1].kind == BlockKind::List);
  CHECK(first.children[1].children[1].line == 12);
  const Block& ul = d.blocks[1];
  CHECK(!ul.ordered);
  CHECK(ul.children[0].task == Task::Done);
  CHECK(ul.children[1].task == Task::Open);
  CHECK(ul.line == 15);
}

TEST_CASE("markdown: code blocks keep their text, language and fence lines") {
  const std::string md =
      "```python\n"
      "x = 1\n"
      "\n"
      "y = 2\n"
      "```\n"
      "\n"
      "```\n"
      "```\n"
      "\n"
      "***\n"
      "\n"
      "    indented\n";
  Document d = parse_markdown(md);
  REQUIRE(d.blocks.size() == 4);
  CHECK(d.blocks[0].kind == BlockKind::Code);
  CHECK(d.blocks[0].lang == "python");
  CHECK(d.blocks[0].text == "x = 1\n\ny = 2");
  CHECK(d.blocks[0].fenced);
  CHECK(d.blocks[0].line == 1);
  CHECK(d.blocks[0].end_line == 5);
  CHECK(d.blocks[1].kind == BlockKind::Code);  // empty block, no text to find its lines by
  CHECK(d.blocks[1].text.empty());
  CHECK(d.blocks[1].line == 7);
  CHECK(d.blocks[1].end_line == 8);
  CHECK(d.blocks[2].kind == BlockKind::Rule);
  CHECK(d.blocks[2].line == 10);
  CHECK(d.blocks[3].kind == BlockKind::Code);
  CHECK(!d.blocks[3].fenced);
  CHECK(d.blocks[3].text == "indented");
  CHECK(d.blocks[3].line == 12);
}

TEST_CASE("markdown: tables with alignment and math in cells") {
  const std::string md =
      "| name | value |\n"
      "|:-----|------:|\n"
      "| a | $x^2$ |\n"
      "| b | 2 |\n";
  Document d = parse_markdown(md);
  REQUIRE(d.blocks.size() == 1);
  const Block& t = d.blocks[0];
  CHECK(t.kind == BlockKind::Table);
  CHECK(t.header_rows == 1);
  REQUIRE(t.rows.size() == 3);
  REQUIRE(t.align.size() == 2);
  CHECK(t.align[0] == Align::Left);
  CHECK(t.align[1] == Align::Right);
  REQUIRE(t.rows[1][1].size() == 1);
  CHECK(t.rows[1][1][0].kind == SpanKind::Math);
  CHECK((t.rows[1][1][0].math != nullptr));
  CHECK(t.line == 1);
  CHECK(t.end_line == 4);
}

TEST_CASE("markdown: math spans, display math and images become what a view draws") {
  const std::string md =
      "Loss $L = L_{sup} + L_{unsup}$ here.\n"
      "\n"
      "$$\n"
      "\\frac{a}{b}\n"
      "$$\n"
      "\n"
      "![a heatmap](https://example.org/h.png)\n"
      "\n"
      "Inline ![icon](i.png) image.\n"
      "\n"
      "```math\n"
      "\\sqrt{x}\n"
      "```\n";
  Document d = parse_markdown(md);
  REQUIRE(d.blocks.size() == 5);
  const Block& p = d.blocks[0];
  REQUIRE(p.spans.size() == 3);
  CHECK(p.spans[1].kind == SpanKind::Math);
  CHECK(p.spans[1].text == "L = L_{sup} + L_{unsup}");  // TeX kept exactly
  REQUIRE((p.spans[1].math != nullptr));
  CHECK(math_to_text(*p.spans[1].math) == "L = Lₛᵤₚ + Lᵤₙₛᵤₚ");
  CHECK(d.blocks[1].kind == BlockKind::Math);
  CHECK(d.blocks[1].line == 3);
  CHECK(d.blocks[1].end_line == 5);
  CHECK((d.blocks[1].math != nullptr));
  CHECK(d.blocks[2].kind == BlockKind::Image);
  REQUIRE(d.blocks[2].spans.size() == 1);
  CHECK(d.blocks[2].spans[0].url == "https://example.org/h.png");
  CHECK(d.blocks[2].spans[0].text == "a heatmap");
  CHECK(d.blocks[3].kind == BlockKind::Paragraph);
  CHECK(d.blocks[3].spans[1].kind == SpanKind::Image);
  CHECK(d.blocks[4].kind == BlockKind::Math);
  CHECK(d.blocks[4].text == "\\sqrt{x}");
}

TEST_CASE("markdown: raw HTML and Cyrillic stay as written") {
  Document d = parse_markdown("<b>жирный</b> & <div>\n\n> Цитата\n");
  REQUIRE(d.blocks.size() == 2);
  CHECK(plain_text(d.blocks[0].spans) == "<b>жирный</b> & <div>");
  CHECK(d.blocks[1].kind == BlockKind::Quote);
  CHECK(plain_text(d.blocks[1]).find("Цитата") != std::string::npos);
}

TEST_CASE("markdown: parse_inline gives spans of one line") {
  std::vector<Span> s = parse_inline("The *right* one: $\\sigma(z)$");
  REQUIRE(s.size() == 4);
  CHECK(s[1].emphasis);
  CHECK(s[3].kind == SpanKind::Math);
  CHECK(parse_inline("").empty());
  // Text that looks like block syntax keeps its words.
  CHECK(plain_text(parse_inline("# not a heading")) == "not a heading");
}
