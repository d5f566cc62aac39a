// Tables behind parse_tex: TeX control words and the Unicode characters they stand for. Internal to
// core/text; tex_parse.cpp is the only user.
#pragma once

#include <string_view>

#include "core/text/tex.h"

namespace attend::text::detail {

struct TexSymbol {
  std::string_view name;  // without the backslash
  std::string_view utf8;
  AtomClass cls;
  MathFont font;
};

// Greek, operators, relations, arrows, delimiters, dots and other symbols; null when unknown.
const TexSymbol* find_symbol(std::string_view name);

// Named functions typeset upright (\log, \max); `limits` for those whose scripts go underneath in display
// style (\lim, \max, \arg\min). Returns false when `name` is not one.
bool find_function(std::string_view name, bool& limits);

// Big operators (\sum, \int); `limits` as above.
const TexSymbol* find_big_operator(std::string_view name, bool& limits);

// \mathbb / \mathcal / \mathfrak letters that Unicode has in the Basic Multilingual Plane, or empty.
std::string_view blackboard_letter(char c);
std::string_view calligraphic_letter(char c);

// Superscript and subscript forms for math_to_text, or 0 when Unicode has none.
char32_t superscript_of(char32_t c);
char32_t subscript_of(char32_t c);

}  // namespace attend::text::detail
