// Rendered markdown for the lesson panel and the study view: core/text's document model (headings,
// paragraphs with emphasis, code, links and math, nested and numbered lists, task items, code blocks,
// tables, quotes, rules, image placeholders, display math) drawn with the app's fonts at the cursor.
//
//   MarkdownCache cache;                          // per view: math layouts survive between frames
//   draw_markdown(ctx, cache, step.prose);        // blocks, advancing the cursor
//   draw_spans(ctx, cache, quiz.question_spans);  // one paragraph of inline content
//
// Inline content is laid out into lines first (layout_inline: data only, testable without a renderer), then
// painted. Words wrap at spaces; a word longer than a line breaks between characters; math, code and
// punctuation glued to them move together. Unknown TeX macros stay visible in their own colour. Links are
// underlined; hovering shows the address and a click copies it (nothing is fetched, images included).
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "core/text/markdown.h"
#include "views/math_draw.h"
#include "views/view.h"

namespace attend::views {

struct MarkdownCache {
  MathCache math;
};

struct MarkdownStyle {
  ImFont* font = nullptr;  // the base font of prose; null: the body font
  ImU32 colour = 0;        // the text colour; 0: the theme's
  float width = 0;         // wrap width in pixels; 0: the content region's width
};

struct MarkdownResult {
  std::string clicked_link;  // the link clicked this frame (its address was copied), or ""
  float height = 0;          // pixels drawn
};

// ---- Inline layout (data) -------------------------------------------------------------------------------

enum class InlineKind : unsigned char { Text, Code, Math, Image };

struct InlineItem {
  InlineKind kind = InlineKind::Text;
  float x = 0;                 // from the line's left edge
  float w = 0;
  float ascent = 0, descent = 0;
  const ImFont* font = nullptr;
  float size = 0;              // font size in pixels
  ImU32 colour = 0;
  std::string text;            // Text, Code: the characters; Image: the label
  const text::MathLayout* math = nullptr;  // Math: owned by the MathCache
  std::string url;             // inside a link
  bool strike = false;
  bool join_left = false, join_right = false;  // Code: a piece of one span that continues on this side
};

struct InlineLine {
  float top = 0;               // from the paragraph's top
  float ascent = 0, descent = 0;
  float width = 0;             // the rightmost item's end
  bool centred = false;        // display math
  std::vector<InlineItem> items;
};

struct InlineLayout {
  float width = 0;             // the widest line
  float height = 0;
  std::vector<InlineLine> lines;
};

struct InlineStyle {
  const Fonts* fonts = nullptr;
  const ImFont* font = nullptr;  // base font (body, bold for headings...)
  ImU32 colour = 0, link = 0, code_colour = 0, dim = 0;
  float line_gap = 0;            // extra pixels between lines
};

// Lays out `spans` into lines no wider than `wrap_width` (except a single unbreakable formula). A
// wrap_width <= 0 keeps everything on one line (natural widths, for table columns).
InlineLayout layout_inline(MathCache& cache, const std::vector<text::Span>& spans, const InlineStyle& style,
                           float wrap_width);

// Paints a layout with its top-left at `origin`. Returns the link under the mouse, if any, via `hovered_url`.
void paint_inline(ImDrawList* dl, const InlineLayout& layout, const Fonts& fonts, ImVec2 origin, float width,
                  ImU32 verbatim_colour, ImU32 code_background, std::string* hovered_url);

// ---- Drawing at the cursor -------------------------------------------------------------------------------

MarkdownResult draw_markdown(ViewContext& ctx, MarkdownCache& cache, const text::Document& doc,
                             const MarkdownStyle& style = {});
MarkdownResult draw_spans(ViewContext& ctx, MarkdownCache& cache, const std::vector<text::Span>& spans,
                          const MarkdownStyle& style = {});

// The style of inline text drawn with `font` (null: body) in the current theme.
InlineStyle inline_style(const ViewContext& ctx, const ImFont* font = nullptr, ImU32 colour = 0);

}  // namespace attend::views
