#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/text/tex.h"

using namespace attend::text;

namespace {

const MathNode& only(const MathNode& row) {
  REQUIRE(row.kind == MathKind::Row);
  REQUIRE(row.children.size() == 1);
  return row.children[0];
}

bool has_run(const MathLayout& l, const std::string& text) {
  return std::any_of(l.runs.begin(), l.runs.end(), [&](const MathRun& r) { return r.text == text; });
}

const MathRun& run(const MathLayout& l, const std::string& text) {
  auto it = std::find_if(l.runs.begin(), l.runs.end(), [&](const MathRun& r) { return r.text == text; });
  REQUIRE(it != l.runs.end());
  return *it;
}

}  // namespace

TEST_CASE("tex: symbols become Unicode") {
  CHECK(tex_to_text("\\alpha + \\beta \\le \\gamma") == "α + β ≤ γ");
  CHECK(tex_to_text("\\nabla_\\theta \\mathcal{L}") == "∇_θℒ");
  CHECK(tex_to_text("x \\in \\mathbb{R}^n") == "x ∈ ℝⁿ");
  CHECK(tex_to_text("\\mathbb{N} \\mathbb{Z} \\mathbb{Q} \\mathbb{C}") == "ℕℤℚℂ");
  CHECK(tex_to_text("a \\cdot b \\times c \\neq d \\approx e") == "a · b × c ≠ d ≈ e");
  CHECK(tex_to_text("\\infty \\partial \\forall \\exists \\to \\Rightarrow") == "∞∂∀∃ → ⇒");
  CHECK(tex_to_text("\\|w\\|_2^2") == "‖w‖₂²");
  CHECK(tex_to_text("x_1, x_2") == "x₁, x₂");
  CHECK(tex_to_text("\\frac{a}{b}") == "a/b");
  CHECK(tex_to_text("\\frac{a+b}{2}") == "(a + b)/2");
  CHECK(tex_to_text("\\sqrt{x}") == "√x");
  CHECK(tex_to_text("\\hat{y}") == "y\u0302");
  CHECK(tex_to_text("\\text{softmax}(z)") == "softmax(z)");
  CHECK(tex_to_text("\\not\\in") == "∉");
}

TEST_CASE("tex: structure of fractions, roots, scripts and big operators") {
  MathNode f = parse_tex("\\frac{QK^\\top}{\\sqrt{d_k}}");
  const MathNode& frac = only(f);
  CHECK(frac.kind == MathKind::Frac);
  REQUIRE(frac.children.size() == 2);
  const MathNode& den = only(frac.children[1]);  // a {group} is a Row
  CHECK(den.kind == MathKind::Root);
  const MathNode& num = frac.children[0];
  REQUIRE(num.children.size() == 2);
  CHECK(num.children[1].kind == MathKind::Scripts);
  CHECK(num.children[1].children[2].children[0].text == "⊤");

  MathNode s = parse_tex("\\sum_{i=1}^{n} x_i");
  REQUIRE(s.children.size() == 2);
  const MathNode& sum = s.children[0];
  CHECK(sum.kind == MathKind::Scripts);
  CHECK(sum.children[0].text == "∑");
  CHECK(sum.children[0].limits);
  CHECK(sum.children[0].large);

  MathNode r = parse_tex("\\sqrt[3]{x}");
  CHECK(only(r).kind == MathKind::Root);
  CHECK(only(r).children.size() == 2);

  MathNode d = parse_tex("\\left( \\frac{a}{b} \\right]");
  CHECK(only(d).kind == MathKind::Delimited);
  CHECK(only(d).text == "(");
  CHECK(only(d).text2 == "]");

  MathNode m = parse_tex("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}");
  const MathNode& g = only(m);
  CHECK(g.kind == MathKind::Grid);
  CHECK(g.text == "(");
  REQUIRE(g.children.size() == 2);
  CHECK(g.children[0].children.size() == 2);
  CHECK(tex_to_text("\\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}") == "{x, x > 0; 0, otherwise");

  // Primes and a subscript on one base.
  MathNode p = parse_tex("f'_i");
  CHECK(only(p).kind == MathKind::Scripts);
  CHECK(math_to_text(p) == "fᵢ′");
}

TEST_CASE("tex: fonts follow TeX conventions") {
  MathNode n = parse_tex("x 2 \\alpha \\Omega \\mathbf{W} \\mathrm{d}x \\mathbb{E}");
  std::vector<const MathNode*> atoms;
  for (const MathNode& c : n.children) {
    if (c.kind == MathKind::Atom) atoms.push_back(&c);
    if (c.kind == MathKind::Row) atoms.push_back(&c.children[0]);
  }
  REQUIRE(atoms.size() >= 7);
  CHECK(atoms[0]->font == MathFont::Italic);   // x
  CHECK(atoms[1]->font == MathFont::Upright);  // 2
  CHECK(atoms[2]->font == MathFont::Italic);   // α
  CHECK(atoms[3]->font == MathFont::Upright);  // Ω
  CHECK(atoms[4]->font == MathFont::Bold);     // W
  CHECK(atoms[5]->font == MathFont::Upright);  // d
  // \mathbb{E} has no BMP double-struck letter: bold instead, never dropped.
  CHECK(atoms.back()->font == MathFont::Bold);
  CHECK(atoms.back()->text == "E");
}

TEST_CASE("tex: unknown macros and broken input are shown, never dropped") {
  CHECK(tex_to_text("\\foo{x} + 1") == "\\foo{x} + 1");
  MathNode u = parse_tex("\\weird");
  CHECK(only(u).font == MathFont::Verbatim);
  CHECK(only(u).text == "\\weird");
  CHECK(tex_to_text("a}b") == "a}b");
  CHECK(tex_to_text("{{{x") == "{{{x");
  CHECK(tex_to_text("\\begin{foo}a\\end{foo}").find("\\begin{foo}") != std::string::npos);
  CHECK(tex_to_text("\\") == "\\");
  CHECK(tex_to_text("x^") == "x");  // an empty superscript has nothing to show
  // Deep nesting does not recurse without bound: the rest is kept verbatim.
  const std::string deep = std::string(100000, '{') + "x";
  MathNode d = parse_tex(deep);
  CHECK(math_to_text(d).find('x') != std::string::npos);
  const std::string sqrt_chain = [] {
    std::string s;
    for (int i = 0; i < 5000; ++i) s += "\\sqrt[";
    return s;
  }();
  (void)parse_tex(sqrt_chain);
}

TEST_CASE("tex: layout places numerator above, denominator below, with a bar between") {
  const MathMetrics m = approximate_metrics();
  MathLayout l = layout_math(parse_tex("\\frac{a}{b}"), m, 20, true);
  const MathRun& a = run(l, "a");
  const MathRun& b = run(l, "b");
  CHECK(a.y < 0);
  CHECK(b.y > 0);
  REQUIRE(l.strokes.size() == 1);
  const float bar_y = l.strokes[0].points[1];
  CHECK(a.y < bar_y);
  CHECK(b.y - m.ascent * b.size > bar_y);  // the denominator's top is below the bar
  CHECK(l.width >= std::max(approximate_text_width("a", 20, MathFont::Italic), approximate_text_width("b", 20, MathFont::Italic)));
  CHECK(l.ascent > m.ascent * 20);
  CHECK(l.descent > m.descent * 20);
}

TEST_CASE("tex: layout of scripts, limits and rows") {
  const MathMetrics m = approximate_metrics();
  MathLayout sup = layout_math(parse_tex("x^2"), m, 20, false);
  CHECK(run(sup, "2").y < 0);
  CHECK(run(sup, "2").size < 20);
  CHECK(run(sup, "2").x >= run(sup, "x").x + approximate_text_width("x", 20, MathFont::Italic));

  // Display: limits under and over the sum; inline: beside it.
  MathLayout disp = layout_math(parse_tex("\\sum_{i}^{n}"), m, 20, true);
  MathLayout inl = layout_math(parse_tex("\\sum_{i}^{n}"), m, 20, false);
  CHECK(run(disp, "i").y > run(disp, "∑").y);
  CHECK(run(disp, "n").y < run(disp, "∑").y - m.ascent * run(disp, "∑").size);
  CHECK(run(inl, "i").x > run(inl, "∑").x);
  CHECK(run(disp, "∑").size > 20);

  // A measuring callback decides widths: two letters with no spacing between them.
  MathMetrics fixed;
  fixed.measure = [](std::string_view t, float size, MathFont) { return static_cast<float>(t.size()) * size; };
  MathLayout ab = layout_math(parse_tex("ab"), fixed, 10, false);
  CHECK(ab.width == doctest::Approx(20));
  CHECK(run(ab, "b").x == doctest::Approx(10));
  // A relation gets thick spaces (5/18 em) on both sides.
  MathLayout eq = layout_math(parse_tex("a=b"), fixed, 18, false);
  CHECK(eq.width == doctest::Approx(18 * 3 + 10));
  // A leading minus is unary: no space after it.
  MathLayout neg = layout_math(parse_tex("-a"), fixed, 18, false);
  CHECK(neg.width == doctest::Approx(4 * 18));  // "−" is 3 bytes in UTF-8 under this measure, then "a"
}

TEST_CASE("tex: tall delimiters, roots and accents are strokes") {
  const MathMetrics m = approximate_metrics();
  MathLayout paren = layout_math(parse_tex("\\left( \\frac{a}{b} \\right)"), m, 20, true);
  CHECK(paren.strokes.size() == 3);  // two arcs and the fraction bar
  CHECK(!has_run(paren, "("));
  MathLayout small = layout_math(parse_tex("\\left( x \\right)"), m, 20, true);
  CHECK(has_run(small, "("));  // short content keeps the glyph
  MathLayout root = layout_math(parse_tex("\\sqrt{x}"), m, 20, false);
  REQUIRE(root.strokes.size() == 1);
  CHECK(root.strokes[0].points.size() == 10);
  MathLayout hat = layout_math(parse_tex("\\hat{y}"), m, 20, false);
  REQUIRE(hat.strokes.size() == 1);
  CHECK(hat.strokes[0].points[3] < -m.ascent * 20);  // the hat's tip is above the letter
  MathLayout grid = layout_math(parse_tex("\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}"), m, 20, true);
  CHECK(run(grid, "1").y < run(grid, "3").y);
  CHECK(run(grid, "1").x < run(grid, "2").x);
  CHECK(grid.strokes.size() == 2);  // the two brackets
}

TEST_CASE("tex: a relation opening an aligned cell keeps its spaces") {
  MathMetrics fixed;
  fixed.measure = [](std::string_view t, float size, MathFont) { return static_cast<float>(t.size()) * size; };
  MathLayout l = layout_math(parse_tex("\\begin{aligned} a &= b \\end{aligned}"), fixed, 18, true);
  CHECK(run(l, "=").x == doctest::Approx(run(l, "a").x + 18 + 5));  // a, then a thick space (5/18 em)
  CHECK(run(l, "b").x == doctest::Approx(run(l, "=").x + 18 + 5));
}
