// A markdown document model that views draw without parsing: blocks (headings, paragraphs, lists, code,
// tables, display math, quotes, images) made of inline spans (text with emphasis/strong/strike/link, code,
// math, images, line breaks). Parsed with md4c (CommonMark + tables, strikethrough, task lists, $ math).
// Lesson steps and notes cards share it.
//
//   Document doc = parse_markdown(card.answer, card.answer_line);
//   for (const Block& b : doc.blocks) draw_block(b);   // b.line: where it came from in the user's file
//
// Every block knows its source lines (1-based, inclusive, counted from `first_line`), so errors and
// "open at source" point at the user's file. Math spans carry their TeX parsed (tex.h); images become
// placeholders holding the URL and alt text (nothing is fetched). Raw HTML is kept as plain text, never
// interpreted.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/tex.h"

namespace attend::text {

enum class SpanKind : unsigned char {
  Text,         // text: the characters (entities decoded)
  Code,         // text: inline code
  Math,         // text: TeX of $...$; math: parsed
  DisplayMath,  // text: TeX of $$...$$ inside a paragraph; math: parsed
  Image,        // text: alt text; url: the image source
  LineBreak,    // a hard line break (two trailing spaces or a backslash)
};

struct Span {
  SpanKind kind = SpanKind::Text;
  std::string text;
  std::string url;       // the link target when inside a link; the source of an image
  bool emphasis = false;
  bool strong = false;
  bool strike = false;
  std::shared_ptr<const MathNode> math;  // Math, DisplayMath
};

enum class BlockKind : unsigned char {
  Heading,    // level, spans
  Paragraph,  // spans
  List,       // ordered, start, tight; children are Items
  Item,       // children are blocks (a tight item's text is an implicit Paragraph); task, number
  Code,       // text: the code, lang: the info string's first word
  Math,       // text: TeX; math: parsed ($$...$$ alone in a paragraph, or a ```math block)
  Table,      // align, rows (the first header_rows are the header); each cell is a list of spans
  Quote,      // children are blocks
  Rule,       // a thematic break
  Image,      // spans: one Image span (an image alone in a paragraph)
};

enum class Align : unsigned char { Default, Left, Center, Right };
enum class Task : unsigned char { None, Open, Done };

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  int line = 0;      // first source line (1-based)
  int end_line = 0;  // last source line, inclusive
  int level = 0;     // Heading: 1..6
  std::vector<Span> spans;
  std::vector<Block> children;
  bool ordered = false;  // List
  bool tight = false;    // List: no blank lines between items
  int start = 1;         // List: the first number of an ordered list
  int number = 0;        // Item: its number in an ordered list
  Task task = Task::None;
  std::string text;
  std::string lang;
  bool fenced = false;   // Code: between ``` or ~~~ fences (not indented)
  std::shared_ptr<const MathNode> math;
  std::vector<Align> align;
  std::vector<std::vector<std::vector<Span>>> rows;
  int header_rows = 0;
};

struct Document {
  std::vector<Block> blocks;
};

// Parses `markdown` whose first line is line `first_line` of its file.
Document parse_markdown(std::string_view markdown, int first_line = 1);

// The inline content of one line or paragraph (a quiz choice, a card's question) as spans.
std::vector<Span> parse_inline(std::string_view markdown);

// The spans' text without markup, math as one-line Unicode (tex.h): for search, tooltips and terminals.
std::string plain_text(const std::vector<Span>& spans);
std::string plain_text(const Block& block);
std::string plain_text(const Document& doc);

}  // namespace attend::text
