#include "core/text/tex_symbols.h"

#include <algorithm>
#include <array>

namespace attend::text::detail {
namespace {

constexpr AtomClass O = AtomClass::Ord, B = AtomClass::Bin, R = AtomClass::Rel, L = AtomClass::Open,
                    C = AtomClass::Close, P = AtomClass::Punct;
constexpr MathFont I = MathFont::Italic, U = MathFont::Upright;

// Sorted by name (checked once at first use) so lookups are a binary search.
const TexSymbol kSymbols[] = {
    {"Delta", "Δ", O, U}, {"Gamma", "Γ", O, U}, {"Im", "ℑ", O, U}, {"Lambda", "Λ", O, U},
    {"Leftarrow", "⇐", R, U}, {"Leftrightarrow", "⇔", R, U}, {"Longleftarrow", "⟸", R, U},
    {"Longleftrightarrow", "⟺", R, U}, {"Longrightarrow", "⟹", R, U}, {"Omega", "Ω", O, U},
    {"Phi", "Φ", O, U}, {"Pi", "Π", O, U}, {"Psi", "Ψ", O, U}, {"Re", "ℜ", O, U}, {"Rightarrow", "⇒", R, U},
    {"Sigma", "Σ", O, U}, {"Theta", "Θ", O, U}, {"Upsilon", "Υ", O, U}, {"Vert", "‖", O, U},
    {"Xi", "Ξ", O, U}, {"aleph", "ℵ", O, U}, {"alpha", "α", O, I}, {"amalg", "⨿", B, U}, {"angle", "∠", O, U},
    {"approx", "≈", R, U}, {"ast", "∗", B, U}, {"asymp", "≍", R, U}, {"backslash", "\\", O, U},
    {"beta", "β", O, I}, {"bot", "⊥", O, U}, {"bowtie", "⋈", R, U}, {"bullet", "•", B, U}, {"cap", "∩", B, U},
    {"cdot", "·", B, U}, {"cdots", "⋯", O, U}, {"checkmark", "✓", O, U}, {"chi", "χ", O, I},
    {"circ", "∘", B, U}, {"colon", ":", P, U}, {"cong", "≅", R, U}, {"cup", "∪", B, U}, {"dagger", "†", B, U},
    {"dashv", "⊣", R, U}, {"ddagger", "‡", B, U}, {"ddots", "⋱", O, U}, {"degree", "°", O, U},
    {"delta", "δ", O, I}, {"diamond", "⋄", B, U}, {"div", "÷", B, U}, {"doteq", "≐", R, U},
    {"dots", "…", O, U}, {"downarrow", "↓", R, U}, {"ell", "ℓ", O, U}, {"emptyset", "∅", O, U},
    {"epsilon", "ϵ", O, I}, {"equiv", "≡", R, U}, {"eta", "η", O, I}, {"exists", "∃", O, U},
    {"forall", "∀", O, U}, {"gamma", "γ", O, I}, {"ge", "≥", R, U}, {"geq", "≥", R, U},
    {"geqslant", "⩾", R, U}, {"gets", "←", R, U}, {"gg", "≫", R, U}, {"hbar", "ℏ", O, U},
    {"hookrightarrow", "↪", R, U}, {"iff", "⟺", R, U}, {"implies", "⟹", R, U}, {"in", "∈", R, U},
    {"infty", "∞", O, U}, {"intercal", "⊺", B, U}, {"iota", "ι", O, I}, {"kappa", "κ", O, I},
    {"lVert", "‖", L, U}, {"lambda", "λ", O, I}, {"land", "∧", B, U}, {"langle", "⟨", L, U},
    {"lbrace", "{", L, U}, {"lbrack", "[", L, U}, {"lceil", "⌈", L, U}, {"ldots", "…", O, U},
    {"le", "≤", R, U}, {"leftarrow", "←", R, U}, {"leftrightarrow", "↔", R, U}, {"leq", "≤", R, U},
    {"leqslant", "⩽", R, U}, {"lfloor", "⌊", L, U}, {"ll", "≪", R, U}, {"lnot", "¬", O, U},
    {"longleftarrow", "⟵", R, U}, {"longmapsto", "⟼", R, U}, {"longrightarrow", "⟶", R, U},
    {"lor", "∨", B, U}, {"lvert", "|", L, U}, {"mapsto", "↦", R, U}, {"mid", "∣", R, U},
    {"models", "⊨", R, U}, {"mp", "∓", B, U}, {"mu", "μ", O, I}, {"nabla", "∇", O, U}, {"ne", "≠", R, U},
    {"nearrow", "↗", R, U}, {"neg", "¬", O, U}, {"neq", "≠", R, U}, {"ni", "∋", R, U}, {"notin", "∉", R, U},
    {"nu", "ν", O, I}, {"nwarrow", "↖", R, U}, {"odot", "⊙", B, U}, {"omega", "ω", O, I},
    {"ominus", "⊖", B, U}, {"oplus", "⊕", B, U}, {"oslash", "⊘", B, U}, {"otimes", "⊗", B, U},
    {"parallel", "∥", R, U}, {"partial", "∂", O, U}, {"perp", "⊥", R, U}, {"phi", "ϕ", O, I},
    {"pi", "π", O, I}, {"pm", "±", B, U}, {"prec", "≺", R, U}, {"preceq", "⪯", R, U}, {"prime", "′", O, U},
    {"propto", "∝", R, U}, {"psi", "ψ", O, I}, {"qed", "∎", O, U}, {"rVert", "‖", C, U},
    {"rangle", "⟩", C, U}, {"rbrace", "}", C, U}, {"rbrack", "]", C, U}, {"rceil", "⌉", C, U},
    {"rfloor", "⌋", C, U}, {"rho", "ρ", O, I}, {"rightarrow", "→", R, U}, {"rightleftharpoons", "⇌", R, U},
    {"rvert", "|", C, U}, {"searrow", "↘", R, U}, {"setminus", "∖", B, U}, {"sigma", "σ", O, I},
    {"sim", "∼", R, U}, {"simeq", "≃", R, U}, {"square", "□", O, U}, {"star", "⋆", B, U},
    {"subset", "⊂", R, U}, {"subseteq", "⊆", R, U}, {"subsetneq", "⊊", R, U}, {"succ", "≻", R, U},
    {"succeq", "⪰", R, U}, {"supset", "⊃", R, U}, {"supseteq", "⊇", R, U}, {"swarrow", "↙", R, U},
    {"tau", "τ", O, I}, {"therefore", "∴", R, U}, {"theta", "θ", O, I}, {"times", "×", B, U},
    {"to", "→", R, U}, {"top", "⊤", O, U}, {"triangle", "△", O, U}, {"triangleq", "≜", R, U},
    {"uparrow", "↑", R, U}, {"upsilon", "υ", O, I}, {"varepsilon", "ε", O, I}, {"varkappa", "ϰ", O, I},
    {"varnothing", "∅", O, U}, {"varphi", "φ", O, I}, {"varpi", "ϖ", O, I}, {"varrho", "ϱ", O, I},
    {"varsigma", "ς", O, I}, {"vartheta", "ϑ", O, I}, {"vdash", "⊢", R, U}, {"vdots", "⋮", O, U},
    {"vee", "∨", B, U}, {"vert", "|", O, U}, {"wedge", "∧", B, U}, {"wp", "℘", O, U}, {"xi", "ξ", O, I},
    {"zeta", "ζ", O, I},
};

struct Function {
  std::string_view name;
  bool limits;
};
const Function kFunctions[] = {
    {"Pr", true},      {"arccos", false}, {"arcsin", false}, {"arctan", false}, {"arg", false},
    {"argmax", true},  {"argmin", true},  {"cos", false},    {"cosh", false},   {"cot", false},
    {"deg", false},    {"det", true},     {"dim", false},    {"exp", false},    {"gcd", true},
    {"hom", false},    {"inf", true},     {"ker", false},    {"lg", false},     {"lim", true},
    {"liminf", true},  {"limsup", true},  {"ln", false},     {"log", false},    {"max", true},
    {"min", true},     {"sgn", false},    {"sin", false},    {"sinh", false},   {"softmax", false},
    {"sup", true},     {"tan", false},    {"tanh", false},   {"tr", false},
};

struct BigOp {
  TexSymbol symbol;
  bool limits;
};
const BigOp kBigOps[] = {
    {{"bigcap", "⋂", AtomClass::Op, U}, true},    {{"bigcup", "⋃", AtomClass::Op, U}, true},
    {{"bigodot", "⨀", AtomClass::Op, U}, true},   {{"bigoplus", "⨁", AtomClass::Op, U}, true},
    {{"bigotimes", "⨂", AtomClass::Op, U}, true}, {{"bigvee", "⋁", AtomClass::Op, U}, true},
    {{"bigwedge", "⋀", AtomClass::Op, U}, true},  {{"coprod", "∐", AtomClass::Op, U}, true},
    {{"iiint", "∭", AtomClass::Op, U}, false},    {{"iint", "∬", AtomClass::Op, U}, false},
    {{"int", "∫", AtomClass::Op, U}, false},      {{"oint", "∮", AtomClass::Op, U}, false},
    {{"prod", "∏", AtomClass::Op, U}, true},      {{"sum", "∑", AtomClass::Op, U}, true},
};

template <class T, size_t N, class Key>
const T* lookup(const T (&table)[N], std::string_view name, Key key) {
  auto it = std::lower_bound(std::begin(table), std::end(table), name,
                             [&](const T& e, std::string_view n) { return key(e) < n; });
  if (it != std::end(table) && key(*it) == name) return &*it;
  return nullptr;
}

}  // namespace

const TexSymbol* find_symbol(std::string_view name) {
  return lookup(kSymbols, name, [](const TexSymbol& s) { return s.name; });
}

bool find_function(std::string_view name, bool& limits) {
  const Function* f = lookup(kFunctions, name, [](const Function& e) { return e.name; });
  if (f) limits = f->limits;
  return f != nullptr;
}

const TexSymbol* find_big_operator(std::string_view name, bool& limits) {
  const BigOp* op = lookup(kBigOps, name, [](const BigOp& e) { return e.symbol.name; });
  if (!op) return nullptr;
  limits = op->limits;
  return &op->symbol;
}

std::string_view blackboard_letter(char c) {
  switch (c) {
    case 'C': return "ℂ";
    case 'H': return "ℍ";
    case 'N': return "ℕ";
    case 'P': return "ℙ";
    case 'Q': return "ℚ";
    case 'R': return "ℝ";
    case 'Z': return "ℤ";
    default: return {};
  }
}

std::string_view calligraphic_letter(char c) {
  switch (c) {
    case 'B': return "ℬ";
    case 'E': return "ℰ";
    case 'F': return "ℱ";
    case 'H': return "ℋ";
    case 'I': return "ℐ";
    case 'L': return "ℒ";
    case 'M': return "ℳ";
    case 'R': return "ℛ";
    case 'e': return "ℯ";
    case 'g': return "ℊ";
    case 'o': return "ℴ";
    default: return {};
  }
}

char32_t superscript_of(char32_t c) {
  static const char32_t digits[] = {0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
  if (c >= '0' && c <= '9') return digits[c - '0'];
  switch (c) {
    case '+': return 0x207A;
    case '-': case 0x2212: return 0x207B;
    case '=': return 0x207C;
    case '(': return 0x207D;
    case ')': return 0x207E;
    case 'n': return 0x207F;
    case 'i': return 0x2071;
    case 'T': return 0x1D40;
    case 'k': return 0x1D4F;
    case 't': return 0x1D57;
    case 0x2032: return 0x2032;  // a prime stays a prime
    default: return 0;
  }
}

char32_t subscript_of(char32_t c) {
  if (c >= '0' && c <= '9') return 0x2080 + (c - '0');
  switch (c) {
    case '+': return 0x208A;
    case '-': case 0x2212: return 0x208B;
    case '=': return 0x208C;
    case '(': return 0x208D;
    case ')': return 0x208E;
    case 'a': return 0x2090;
    case 'e': return 0x2091;
    case 'o': return 0x2092;
    case 'x': return 0x2093;
    case 'h': return 0x2095;
    case 'k': return 0x2096;
    case 'l': return 0x2097;
    case 'm': return 0x2098;
    case 'n': return 0x2099;
    case 'p': return 0x209A;
    case 's': return 0x209B;
    case 't': return 0x209C;
    case 'i': return 0x1D62;
    case 'r': return 0x1D63;
    case 'u': return 0x1D64;
    case 'v': return 0x1D65;
    default: return 0;
  }
}

}  // namespace attend::text::detail
