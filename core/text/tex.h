// TeX math for lesson prose and notes: the subset people write in ML notes ($\frac{QK^\top}{\sqrt{d_k}}$,
// $\|w\|_2^2$, $\mathbb{E}_{x\sim p}$, $\sum_{i=1}^n$, matrices and cases) parsed into a tree, then laid out
// into positioned glyph runs and strokes that a view draws without parsing anything.
//
//   MathNode m = parse_tex("\\frac{a}{\\sqrt{b}}");
//   MathLayout l = layout_math(m, metrics, 16.0f, /*display=*/true);
//   for (auto& r : l.runs) draw_text(x0 + r.x, y0 + r.y - ascent_of(r.size), r.size, r.text, r.font);
//   for (auto& s : l.strokes) draw_polyline(s.points, s.thickness);
//
// Parsing never fails: an unknown macro is kept verbatim (font Verbatim, so a view can mark it), an
// unbalanced brace is shown as itself, and nothing the author wrote is dropped. Greek letters, operators
// and relations become Unicode; \mathbb uses ℝ ℕ ℤ ℚ ℂ ℙ ℍ where Unicode has them in the Basic
// Multilingual Plane and bold letters otherwise (Dear ImGui 1.86 draws only BMP characters).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace attend::text {

enum class MathFont : unsigned char {
  Italic,    // variables
  Upright,   // digits, operators, \mathrm, function names
  Bold,      // \mathbf, \boldsymbol, \mathbb fallback
  Text,      // \text{...}: upright prose, spaces kept
  Mono,      // \mathtt
  Verbatim,  // an unknown macro shown as written
};

// TeX's atom classes decide the spacing between neighbours.
enum class AtomClass : unsigned char { Ord, Op, Bin, Rel, Open, Close, Punct };

enum class MathKind : unsigned char {
  Row,        // children left to right
  Atom,       // text: one symbol, a number, a function name or a \text run
  Frac,       // children: numerator, denominator (no rule for \binom)
  Root,       // children: body [, index]
  Scripts,    // children: base, subscript, superscript (an empty Row when absent)
  Delimited,  // \left text ... \right text2; children: body. "." is an empty delimiter
  Accent,     // text: hat bar vec tilde dot ddot underline overbrace underbrace; children: body
  Grid,       // matrix, cases, aligned: children are rows (Row), each row's children are cells (Row);
              // text/text2 the delimiters, align one letter (l c r) per column
  Space,      // em: width in ems (negative for \!)
};

struct MathNode {
  MathKind kind = MathKind::Row;
  std::string text;
  std::string text2;
  std::string align;
  MathFont font = MathFont::Italic;
  AtomClass cls = AtomClass::Ord;
  bool limits = false;     // Atom Op: scripts go under/over in display style (\sum, \lim, \max)
  bool large = false;      // Atom Op: drawn bigger in display style (\sum, \int)
  bool stacked = false;    // Scripts: always under/over (\overset, \underbrace labels)
  bool rule = true;        // Frac: false for \binom
  float scale = 1.0f;      // Atom: \big, \Big, \bigg, \Bigg delimiters
  float em = 0;            // Space
  std::vector<MathNode> children;
};

MathNode parse_tex(std::string_view tex);

// A one-line Unicode rendering: x², xᵢ, a/b, √x, ‖w‖. Used where there is no layout (terminal output,
// search text, tooltips).
std::string math_to_text(const MathNode& node);
inline std::string tex_to_text(std::string_view tex) { return math_to_text(parse_tex(tex)); }

// ---- Layout --------------------------------------------------------------------------------------------
// Coordinates are pixels relative to the left end of the baseline, y growing downwards (as in ImGui), so
// a superscript has negative y. A run's y is its baseline; its glyphs extend ascent·size above it.

struct MathRun {
  float x = 0, y = 0;
  float size = 0;        // font size in pixels
  std::string text;
  MathFont font = MathFont::Italic;
};

struct MathStroke {
  std::vector<float> points;  // x0, y0, x1, y1, ...: an open polyline
  float thickness = 1;
};

struct MathLayout {
  float width = 0;
  float ascent = 0;   // extent above the baseline (positive)
  float descent = 0;  // extent below the baseline (positive)
  std::vector<MathRun> runs;
  std::vector<MathStroke> strokes;
};

struct MathMetrics {
  // Advance width of `text` at `size` pixels in `font`. The view passes ImGui's CalcTextSizeA.
  std::function<float(std::string_view text, float size, MathFont font)> measure;
  float ascent = 0.78f;   // the font's ascent and descent as fractions of its size
  float descent = 0.22f;
  float min_size = 7.0f;  // scripts of scripts never get smaller than this many pixels
};

// A rough measure (0.55 em per character, 0.3 em per space) for tests and tools without fonts.
float approximate_text_width(std::string_view text, float size, MathFont font);
MathMetrics approximate_metrics();

MathLayout layout_math(const MathNode& node, const MathMetrics& metrics, float size, bool display);

}  // namespace attend::text
