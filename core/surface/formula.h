// A surface the person types: muParser compiles the text to bytecode once, then evaluates it at any (x, y).
// The text may use the symbols the catalogue displays (x², y³, ·, ×, −, π), which are rewritten to muParser's
// syntax before compiling, so a built-in's formula can be pasted, edited and raced. Errors point at the
// column of the text as typed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace attend::surface {

class FormulaEvaluator {
 public:
  // Compiles `text` in the variables x and y. Errors: syntax (with the 1-based column), unknown names,
  // assignment, an empty formula.
  static Result<std::unique_ptr<FormulaEvaluator>> compile(const std::string& text);
  ~FormulaEvaluator();
  FormulaEvaluator(const FormulaEvaluator&) = delete;
  FormulaEvaluator& operator=(const FormulaEvaluator&) = delete;

  // A fresh evaluator for the same text (its own parser and variables, for another thread).
  std::unique_ptr<FormulaEvaluator> clone() const;
  const std::string& text() const { return m_text; }
  // NaN where the formula is undefined (log of a negative number) or evaluation failed.
  double operator()(double x, double y) const;

 private:
  struct Impl;
  explicit FormulaEvaluator(std::string text);
  std::string m_text;
  std::unique_ptr<Impl> m_impl;
};

// The rewrite from display symbols to muParser syntax, with each output byte's 1-based column in the input
// (exposed for tests).
struct Rewritten {
  std::string text;
  std::vector<int> column;  // column[i]: the input column that produced byte i; one extra entry for the end
};
Rewritten rewrite_formula(const std::string& text);

}  // namespace attend::surface
