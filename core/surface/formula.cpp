#include "core/surface/formula.h"

#include <muParser.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace attend::surface {

struct FormulaEvaluator::Impl {
  mu::Parser parser;
  // The parser reads x and y through these addresses, so they live beside it and are never copied.
  double x = 0, y = 0;
};

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kE = 2.71828182845904523536;

// Length of the UTF-8 sequence starting with byte c (1 for ASCII and for stray continuation bytes).
int utf8_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

struct Symbol {
  const char* utf8;
  const char* ascii;
};
// Superscripts become powers, the typographic operators their ASCII forms.
const Symbol kSymbols[] = {
    {"²", "^2"}, {"³", "^3"}, {"⁴", "^4"}, {"⁵", "^5"}, {"⁶", "^6"}, {"·", "*"}, {"×", "*"}, {"−", "-"},
    {"π", "pi"}, {"√", "sqrt"}, {"½", "0.5*"}, {"≤", "<="}, {"≥", ">="},
};

// muParser's messages end with " at position N" (counted in its own rewritten text); the Error carries the
// column instead, so that part is cut.
std::string clean_message(std::string msg) {
  const char* markers[] = {" found at position", " at position"};
  for (const char* m : markers) {
    const size_t at = msg.find(m);
    if (at != std::string::npos) {
      msg.erase(at);
      break;
    }
  }
  while (!msg.empty() && (msg.back() == '.' || msg.back() == ' ')) msg.pop_back();
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  return msg;
}

}  // namespace

Rewritten rewrite_formula(const std::string& text) {
  Rewritten r;
  int column = 1;
  for (size_t i = 0; i < text.size();) {
    const int len = utf8_length(static_cast<unsigned char>(text[i]));
    bool replaced = false;
    for (const Symbol& s : kSymbols) {
      const size_t n = std::strlen(s.utf8);
      if (text.compare(i, n, s.utf8) == 0) {
        for (const char* p = s.ascii; *p; ++p) {
          r.text += *p;
          r.column.push_back(column);
        }
        i += n;
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      for (int k = 0; k < len && i < text.size(); ++k, ++i) {
        r.text += text[i];
        r.column.push_back(column);
      }
    }
    ++column;
  }
  r.column.push_back(column);
  return r;
}

FormulaEvaluator::FormulaEvaluator(std::string text) : m_text(std::move(text)), m_impl(std::make_unique<Impl>()) {}
FormulaEvaluator::~FormulaEvaluator() = default;

Result<std::unique_ptr<FormulaEvaluator>> FormulaEvaluator::compile(const std::string& text) {
  const Rewritten rw = rewrite_formula(text);
  auto column_of = [&](int pos) {
    if (pos < 0) return 0;
    if (static_cast<size_t>(pos) >= rw.column.size()) return rw.column.back();
    return rw.column[static_cast<size_t>(pos)];
  };
  bool blank = true;
  for (char c : rw.text) blank = blank && std::isspace(static_cast<unsigned char>(c));
  if (blank) return make_error("", 0, 0, "the formula is empty: type an expression in x and y, like x^2 - y^2");
  // muParser treats `x = 3` as an assignment to the variable; a surface is an expression, never a statement.
  for (size_t i = 0; i < rw.text.size(); ++i) {
    if (rw.text[i] != '=') continue;
    const char prev = i > 0 ? rw.text[i - 1] : ' ';
    const char next = i + 1 < rw.text.size() ? rw.text[i + 1] : ' ';
    if (prev != '<' && prev != '>' && prev != '!' && prev != '=' && next != '=')
      return make_error("", 1, rw.column[i], "'=' is not allowed: type only the expression for f(x, y)");
  }

  std::unique_ptr<FormulaEvaluator> f(new FormulaEvaluator(text));
  try {
    mu::Parser& p = f->m_impl->parser;
    p.DefineVar("x", &f->m_impl->x);
    p.DefineVar("y", &f->m_impl->y);
    p.DefineConst("pi", kPi);
    p.DefineConst("e", kE);
    p.SetExpr(rw.text);
    // muParser parses lazily on the first evaluation; evaluate once so every syntax error surfaces here.
    f->m_impl->x = 0.5;
    f->m_impl->y = 0.25;
    (void)p.Eval();
  } catch (const mu::Parser::exception_type& e) {
    std::string msg = clean_message(e.GetMsg());
    if (e.GetCode() == mu::ecUNASSIGNABLE_TOKEN && !e.GetToken().empty())
      msg = "unknown name \"" + e.GetToken() + "\": the variables are x and y (constants pi, e)";
    else if (e.GetCode() == mu::ecUNEXPECTED_VAR || e.GetCode() == mu::ecUNEXPECTED_VAL)
      msg += " (multiplication needs an explicit *, as in 2*x)";
    return make_error("", 1, column_of(e.GetPos()), msg);
  } catch (const std::exception& e) {
    return make_error("", 1, 0, std::string("the formula could not be compiled: ") + e.what());
  }
  return f;
}

std::unique_ptr<FormulaEvaluator> FormulaEvaluator::clone() const {
  Result<std::unique_ptr<FormulaEvaluator>> r = compile(m_text);
  ATTEND_ASSERT(r.ok(), "a formula that compiled once must compile again");
  return std::move(r).value();
}

double FormulaEvaluator::operator()(double x, double y) const {
  m_impl->x = x;
  m_impl->y = y;
  try {
    return m_impl->parser.Eval();
  } catch (...) {
    return std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace attend::surface
