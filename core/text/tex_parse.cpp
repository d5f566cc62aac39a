// parse_tex: a recursive-descent reader for the TeX math subset, and math_to_text for one-line output.
// Lenient by design: every character of the input ends up in the tree, as what it means or as itself.

#include <cstring>

#include "core/text/tex.h"
#include "core/text/tex_symbols.h"
#include "core/text/utf8.h"

namespace attend::text {
namespace {

using detail::TexSymbol;

// How letters read inside \mathbb{...}, \mathrm{...} and friends.
enum class Alphabet { Default, Upright, Bold, Italic, Mono, Blackboard, Calligraphic };

MathNode atom(std::string text, AtomClass cls = AtomClass::Ord, MathFont font = MathFont::Upright) {
  MathNode n;
  n.kind = MathKind::Atom;
  n.text = std::move(text);
  n.cls = cls;
  n.font = font;
  return n;
}

MathNode space(float em) {
  MathNode n;
  n.kind = MathKind::Space;
  n.em = em;
  return n;
}

MathNode row(std::vector<MathNode> children = {}) {
  MathNode n;
  n.kind = MathKind::Row;
  n.children = std::move(children);
  return n;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  explicit Parser(std::string_view s, int depth = 0) : m_s(s), m_depth(depth) {}

  MathNode parse_document() {
    // Top level: `\\` breaks lines, like an implicit gathered environment.
    std::vector<MathNode> rows;
    for (;;) {
      rows.push_back(parse_row(Stop{false, true, false, false, false}));
      if (eat("\\\\")) {
        skip_optional_bracket();
        continue;
      }
      if (at_end()) break;
      // Something stopped the row that has no opener here (a stray `}` or `&`): keep it as written.
      rows.back().children.push_back(atom(std::string(1, m_s[m_i++]), AtomClass::Ord, MathFont::Verbatim));
      MathNode rest = parse_row(Stop{false, true, false, false, false});
      for (MathNode& c : rest.children) rows.back().children.push_back(std::move(c));
      if (eat("\\\\")) {
        skip_optional_bracket();
        continue;
      }
      if (at_end()) break;
    }
    if (rows.size() == 1) return std::move(rows[0]);
    MathNode g;
    g.kind = MathKind::Grid;
    g.text = g.text2 = ".";
    g.align = "c";
    for (MathNode& r : rows) g.children.push_back(row({std::move(r)}));
    return g;
  }

 private:
  struct Stop {
    bool brace;      // `}` ends the row (inside a group)
    bool linebreak;  // `\\` ends the row (grid rows, top level)
    bool ampersand;  // `&` ends the cell
    bool right;      // `\right` ends the row
    bool end;        // `\end` ends the row
  };

  bool at_end() const { return m_i >= m_s.size(); }
  bool starts(std::string_view w) const { return m_s.substr(m_i, w.size()) == w; }
  bool eat(std::string_view w) {
    if (!starts(w)) return false;
    m_i += w.size();
    return true;
  }
  // A control word is `\` + letters; `\right` must not match `\rightarrow`.
  bool at_control_word(std::string_view name) const {
    if (!starts(name)) return false;
    const size_t after = m_i + name.size();
    return after >= m_s.size() || !is_letter(m_s[after]);
  }
  void skip_spaces() {
    while (!at_end() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n')) ++m_i;
  }
  void skip_optional_bracket() {
    skip_spaces();
    if (!at_end() && m_s[m_i] == '[') {
      const size_t close = m_s.find(']', m_i);
      if (close != std::string_view::npos) m_i = close + 1;
    }
  }

  bool stops(const Stop& stop) const {
    if (at_end()) return true;
    const char c = m_s[m_i];
    if (stop.brace && c == '}') return true;
    if (stop.ampersand && c == '&') return true;
    if (stop.linebreak && starts("\\\\")) return true;
    if (stop.right && at_control_word("\\right")) return true;
    if (stop.end && at_control_word("\\end")) return true;
    // Without an enclosing group a `}` or `&` still ends the row; parse_document keeps it verbatim.
    if (!stop.brace && c == '}') return true;
    if (!stop.ampersand && c == '&') return true;
    return false;
  }

  MathNode parse_row(const Stop& stop) {
    MathNode r = row();
    for (;;) {
      skip_spaces();
      if (stops(stop)) break;
      const size_t before = m_i;
      std::vector<MathNode> items = parse_item(stop);
      for (size_t k = 0; k < items.size(); ++k) {
        // Scripts that follow belong to the last item (after \tag's space, to its label).
        if (k + 1 == items.size()) r.children.push_back(parse_scripts(std::move(items[k])));
        else r.children.push_back(std::move(items[k]));
      }
      if (items.empty()) {
        // A command that produces nothing (\displaystyle) may still take scripts that follow it.
        skip_spaces();
        if (!at_end() && (m_s[m_i] == '^' || m_s[m_i] == '_')) r.children.push_back(parse_scripts(row()));
      }
      if (m_i == before) r.children.push_back(atom(std::string(1, m_s[m_i++]), AtomClass::Ord, MathFont::Verbatim));
    }
    return r;
  }

  // Sub- and superscripts and primes after a base.
  MathNode parse_scripts(MathNode base) {
    MathNode sub = row(), sup = row();
    bool any = false;
    for (;;) {
      skip_spaces();
      if (at_end()) break;
      const char c = m_s[m_i];
      if (c == '\'') {
        std::string primes;
        while (!at_end() && m_s[m_i] == '\'') primes += "′", ++m_i;
        sup.children.push_back(atom(primes));
        any = true;
      } else if (c == '^' || c == '_') {
        ++m_i;
        MathNode arg = parse_argument();
        MathNode& target = c == '^' ? sup : sub;
        if (arg.kind == MathKind::Row) {
          for (MathNode& a : arg.children) target.children.push_back(std::move(a));
        } else {
          target.children.push_back(std::move(arg));
        }
        any = true;
      } else if (at_control_word("\\limits") || at_control_word("\\nolimits")) {
        const bool limits = at_control_word("\\limits");
        m_i += limits ? 7 : 9;
        if (base.kind == MathKind::Atom) base.limits = limits;
      } else {
        break;
      }
    }
    if (!any) return base;
    MathNode s;
    s.kind = MathKind::Scripts;
    s.stacked = base.kind == MathKind::Accent && (base.text == "underbrace" || base.text == "overbrace");
    s.children.push_back(std::move(base));
    s.children.push_back(std::move(sub));
    s.children.push_back(std::move(sup));
    return s;
  }

  // One argument: a {group}, one control sequence, or one character.
  MathNode parse_argument() {
    skip_spaces();
    if (at_end() || m_s[m_i] == '}' || m_s[m_i] == '&') return row();
    if (m_s[m_i] == '{') return parse_group();
    if (m_s[m_i] == '\\') {
      std::vector<MathNode> items = parse_item(Stop{true, false, false, false, false});
      if (items.size() == 1) return std::move(items[0]);
      return row(std::move(items));
    }
    if (is_digit(m_s[m_i])) return atom(std::string(1, m_s[m_i++]));
    std::vector<MathNode> items = parse_item(Stop{true, false, false, false, false});
    if (items.size() == 1) return std::move(items[0]);
    return row(std::move(items));
  }

  MathNode parse_group() {
    ++m_i;  // '{'
    MathNode r = parse_row(Stop{true, false, false, false, false});
    if (!at_end() && m_s[m_i] == '}') {
      ++m_i;
    } else {
      // Never closed: show the brace so the reader sees what the author wrote.
      r.children.insert(r.children.begin(), atom("{", AtomClass::Ord, MathFont::Verbatim));
    }
    return r;
  }

  // The raw text of a {braced} argument, braces balanced; used by \text and \operatorname.
  std::string raw_group() {
    skip_spaces();
    if (at_end()) return {};
    if (m_s[m_i] != '{') return std::string(1, m_s[m_i++]);
    int depth = 0;
    const size_t start = m_i + 1;
    for (; m_i < m_s.size(); ++m_i) {
      if (m_s[m_i] == '\\' && m_i + 1 < m_s.size()) {
        ++m_i;
        continue;
      }
      if (m_s[m_i] == '{') ++depth;
      if (m_s[m_i] == '}' && --depth == 0) {
        std::string out(m_s.substr(start, m_i - start));
        ++m_i;
        return out;
      }
    }
    return std::string(m_s.substr(start));  // unclosed: everything to the end, nothing lost
  }

  std::string control_name() {
    // At '\\'.
    const size_t start = ++m_i;
    if (at_end()) return {};
    if (!is_letter(m_s[m_i])) return std::string(1, m_s[m_i++]);
    while (!at_end() && is_letter(m_s[m_i])) ++m_i;
    if (!at_end() && m_s[m_i] == '*') ++m_i;  // \operatorname*, \align*
    return std::string(m_s.substr(start, m_i - start));
  }

  MathNode letter(std::string_view ch) {
    const char c = ch.size() == 1 ? ch[0] : 0;
    switch (m_alphabet) {
      case Alphabet::Blackboard:
        if (auto bb = detail::blackboard_letter(c); !bb.empty()) return atom(std::string(bb));
        return atom(std::string(ch), AtomClass::Ord, MathFont::Bold);
      case Alphabet::Calligraphic:
        if (auto cal = detail::calligraphic_letter(c); !cal.empty()) return atom(std::string(cal));
        return atom(std::string(ch), AtomClass::Ord, MathFont::Italic);
      case Alphabet::Upright: return atom(std::string(ch));
      case Alphabet::Bold: return atom(std::string(ch), AtomClass::Ord, MathFont::Bold);
      case Alphabet::Mono: return atom(std::string(ch), AtomClass::Ord, MathFont::Mono);
      case Alphabet::Italic:
      case Alphabet::Default: return atom(std::string(ch), AtomClass::Ord, MathFont::Italic);
    }
    return atom(std::string(ch));
  }

  MathNode with_alphabet(Alphabet a) {
    const Alphabet saved = m_alphabet;
    m_alphabet = a;
    MathNode arg = parse_argument();
    m_alphabet = saved;
    return arg;
  }

  // A delimiter after \left, \right, \big...: one character or a control symbol; "." is none.
  std::string delimiter() {
    skip_spaces();
    if (at_end()) return ".";
    if (m_s[m_i] == '\\') {
      const size_t save = m_i;
      const std::string name = control_name();
      if (name == "{" || name == "lbrace") return "{";
      if (name == "}" || name == "rbrace") return "}";
      if (name == "|" || name == "Vert" || name == "lVert" || name == "rVert") return "‖";
      if (name == "vert" || name == "lvert" || name == "rvert" || name == "mid") return "|";
      if (const TexSymbol* s = detail::find_symbol(name)) return std::string(s->utf8);
      m_i = save;
      return ".";
    }
    size_t j = m_i;
    next_code_point(m_s, j);
    std::string d(m_s.substr(m_i, j - m_i));
    m_i = j;
    if (d == "<") return "⟨";
    if (d == ">") return "⟩";
    return d;
  }

  MathNode environment(const std::string& name) {
    MathNode g;
    g.kind = MathKind::Grid;
    g.text = g.text2 = ".";
    std::string env = name;
    if (!env.empty() && env.back() == '*') env.pop_back();
    std::vector<MathNode> prefix, suffix;
    if (env == "pmatrix") g.text = "(", g.text2 = ")";
    else if (env == "bmatrix") g.text = "[", g.text2 = "]";
    else if (env == "Bmatrix") g.text = "{", g.text2 = "}";
    else if (env == "vmatrix") g.text = g.text2 = "|";
    else if (env == "Vmatrix") g.text = g.text2 = "‖";
    else if (env == "cases" || env == "dcases") g.text = "{", g.align = "ll";
    else if (env == "aligned" || env == "align" || env == "alignat" || env == "split" || env == "eqnarray")
      g.align = "rlrlrl";
    else if (env == "array") {
      skip_spaces();
      const std::string spec = raw_group();
      for (char c : spec)
        if (c == 'l' || c == 'c' || c == 'r') g.align += c;
    } else if (env != "matrix" && env != "smallmatrix" && env != "gathered" && env != "gather" &&
               env != "equation" && env != "multline") {
      // Unknown environment: lay it out as a grid and keep its name visible.
      prefix.push_back(atom("\\begin{" + name + "}", AtomClass::Ord, MathFont::Verbatim));
      suffix.push_back(atom("\\end{" + name + "}", AtomClass::Ord, MathFont::Verbatim));
    }
    if (g.align.empty()) g.align = "c";
    const Stop cell{false, true, true, false, true};
    const bool aligned = g.align.rfind("rl", 0) == 0;
    MathNode current = row();
    for (;;) {
      MathNode c = parse_row(cell);
      // In `a &= b` the relation opens its cell; TeX puts an empty atom before it so it keeps its spaces.
      if (aligned && current.children.size() % 2 == 1 && !c.children.empty() && c.children[0].kind == MathKind::Atom &&
          (c.children[0].cls == AtomClass::Rel || c.children[0].cls == AtomClass::Bin))
        c.children.insert(c.children.begin(), row());
      current.children.push_back(std::move(c));
      if (eat("&")) continue;
      if (eat("\\\\")) {
        skip_optional_bracket();
        g.children.push_back(std::move(current));
        current = row();
        continue;
      }
      break;  // \end or the end of input
    }
    // A trailing `\\` leaves one empty cell behind; drop it so the grid has no blank last row.
    const bool empty_last = current.children.size() == 1 && current.children[0].children.empty();
    if (!empty_last || g.children.empty()) g.children.push_back(std::move(current));
    if (at_control_word("\\end")) {
      m_i += 4;
      raw_group();
    }
    if (prefix.empty()) return g;
    prefix.push_back(std::move(g));
    for (MathNode& s : suffix) prefix.push_back(std::move(s));
    return row(std::move(prefix));
  }

  // One item; some commands produce none (\displaystyle) or two (\tag). Nesting deeper than kMaxDepth
  // (only adversarial input does that) keeps the rest of the input verbatim instead of recursing on.
  std::vector<MathNode> parse_item(const Stop& stop) {
    if (m_depth >= kMaxDepth) {
      MathNode a = atom(std::string(m_s.substr(m_i)), AtomClass::Ord, MathFont::Verbatim);
      m_i = m_s.size();
      return {a};
    }
    ++m_depth;
    std::vector<MathNode> items = parse_item_at_depth(stop);
    --m_depth;
    return items;
  }

  std::vector<MathNode> parse_item_at_depth(const Stop& stop) {
    const char c = m_s[m_i];
    if (c == '{') return {parse_group()};
    if (c == '\\') return control(stop);
    if (c == '^' || c == '_') return {row()};  // a script with no base attaches to an empty one
    if (is_digit(c)) {
      const size_t start = m_i;
      while (!at_end() && (is_digit(m_s[m_i]) || (m_s[m_i] == '.' && m_i + 1 < m_s.size() && is_digit(m_s[m_i + 1]))))
        ++m_i;
      return {atom(std::string(m_s.substr(start, m_i - start)))};
    }
    if (is_letter(c)) return {letter(m_s.substr(m_i++, 1))};
    ++m_i;
    switch (c) {
      case '+': return {atom("+", AtomClass::Bin)};
      case '-': return {atom("−", AtomClass::Bin)};
      case '*': return {atom("∗", AtomClass::Bin)};
      case '=': case '<': case '>': case ':': return {atom(std::string(1, c), AtomClass::Rel)};
      case ',': case ';': return {atom(std::string(1, c), AtomClass::Punct)};
      case '(': case '[': return {atom(std::string(1, c), AtomClass::Open)};
      case ')': case ']': case '!': return {atom(std::string(1, c), AtomClass::Close)};
      case '~': return {space(0.25f)};
      case '\'': return {atom("′")};
      case '}': case '&': case '#': case '%': case '$':
        return {atom(std::string(1, c), AtomClass::Ord, MathFont::Verbatim)};
      default: break;
    }
    if (static_cast<unsigned char>(c) < 0x80) return {atom(std::string(1, c))};
    // A Unicode character typed directly: α, ≤, ∑ ...
    size_t j = m_i - 1;
    const char32_t cp = next_code_point(m_s, j);
    std::string ch(m_s.substr(m_i - 1, j - (m_i - 1)));
    m_i = j;
    if (std::strstr("≤≥≠≈∈∉→←⇒⇔≡∼≃∝⊂⊆", ch.c_str())) return {atom(ch, AtomClass::Rel)};
    if (std::strstr("±×·÷∓∘⊙⊗⊕∪∩", ch.c_str())) return {atom(ch, AtomClass::Bin)};
    if (std::strstr("∑∏∫", ch.c_str())) {
      MathNode op = atom(ch, AtomClass::Op);
      op.large = true;
      op.limits = ch != "∫";
      return {op};
    }
    const bool greek_lower = cp >= 0x03B1 && cp <= 0x03C9;
    return {atom(ch, AtomClass::Ord, greek_lower ? MathFont::Italic : MathFont::Upright)};
  }

  std::vector<MathNode> control(const Stop& stop) {
    const size_t start = m_i;
    const std::string name = control_name();
    if (name.empty()) return {atom("\\", AtomClass::Ord, MathFont::Verbatim)};
    // Control symbols.
    if (name.size() == 1 && !is_letter(name[0])) {
      switch (name[0]) {
        case ',': return {space(3.0f / 18)};
        case ':': case '>': return {space(4.0f / 18)};
        case ';': return {space(5.0f / 18)};
        case '!': return {space(-3.0f / 18)};
        case ' ': return {space(0.25f)};
        case '{': return {atom("{", AtomClass::Open)};
        case '}': return {atom("}", AtomClass::Close)};
        case '|': return {atom("‖")};
        case '\\': (void)stop; return {space(1.0f)};  // a line break inside a group: keep the gap
        case '%': case '$': case '#': case '&': case '_': return {atom(name)};
        default: return {atom("\\" + name, AtomClass::Ord, MathFont::Verbatim)};
      }
    }
    if (name == "frac" || name == "dfrac" || name == "tfrac" || name == "cfrac") {
      MathNode f;
      f.kind = MathKind::Frac;
      f.children.push_back(parse_argument());
      f.children.push_back(parse_argument());
      return {f};
    }
    if (name == "binom" || name == "dbinom" || name == "tbinom") {
      MathNode f;
      f.kind = MathKind::Frac;
      f.rule = false;
      f.children.push_back(parse_argument());
      f.children.push_back(parse_argument());
      MathNode d;
      d.kind = MathKind::Delimited;
      d.text = "(";
      d.text2 = ")";
      d.children.push_back(std::move(f));
      return {d};
    }
    if (name == "sqrt") {
      MathNode r;
      r.kind = MathKind::Root;
      skip_spaces();
      MathNode index = row();
      if (!at_end() && m_s[m_i] == '[') {
        ++m_i;
        const size_t close = m_s.find(']', m_i);
        const size_t end = close == std::string_view::npos ? m_s.size() : close;
        index = Parser(m_s.substr(m_i, end - m_i), m_depth).parse_document();
        m_i = close == std::string_view::npos ? m_s.size() : close + 1;
      }
      r.children.push_back(parse_argument());
      if (!(index.kind == MathKind::Row && index.children.empty())) r.children.push_back(std::move(index));
      return {r};
    }
    if (name == "left") {
      MathNode d;
      d.kind = MathKind::Delimited;
      d.text = delimiter();
      d.children.push_back(parse_row(Stop{false, false, false, true, false}));
      if (at_control_word("\\right")) {
        m_i += 6;
        d.text2 = delimiter();
      } else {
        d.text2 = ".";
      }
      return {d};
    }
    if (name == "big" || name == "Big" || name == "bigg" || name == "Bigg" || name == "bigl" || name == "bigr" ||
        name == "Bigl" || name == "Bigr" || name == "biggl" || name == "biggr" || name == "Biggl" ||
        name == "Biggr" || name == "bigm" || name == "Bigm") {
      const float scale = name.rfind("Bigg", 0) == 0 ? 3.0f : name.rfind("bigg", 0) == 0 ? 2.4f
                          : name.rfind("Big", 0) == 0 ? 1.8f : 1.2f;
      std::string d = delimiter();
      const char side = name.back();
      AtomClass cls = side == 'l' ? AtomClass::Open : side == 'r' ? AtomClass::Close : AtomClass::Ord;
      if (side != 'l' && side != 'r') {
        if (d == "(" || d == "[" || d == "{" || d == "⟨") cls = AtomClass::Open;
        if (d == ")" || d == "]" || d == "}" || d == "⟩") cls = AtomClass::Close;
      }
      MathNode a = atom(d == "." ? std::string() : d, cls);
      a.scale = scale;
      return {a};
    }
    if (name == "begin") return {environment(raw_group())};
    if (name == "text" || name == "textrm" || name == "textnormal" || name == "mbox" || name == "hbox" ||
        name == "textup" || name == "textsf")
      return {atom(raw_group(), AtomClass::Ord, MathFont::Text)};
    if (name == "textbf") return {atom(raw_group(), AtomClass::Ord, MathFont::Bold)};
    if (name == "textit" || name == "emph") return {atom(raw_group(), AtomClass::Ord, MathFont::Italic)};
    if (name == "texttt") return {atom(raw_group(), AtomClass::Ord, MathFont::Mono)};
    if (name == "operatorname" || name == "operatorname*") {
      MathNode op = atom(raw_group(), AtomClass::Op, MathFont::Upright);
      op.limits = name.back() == '*';
      return {op};
    }
    if (name == "mathrm" || name == "mathup" || name == "rm" || name == "mathsf" || name == "mathnormal")
      return {with_alphabet(Alphabet::Upright)};
    if (name == "mathbf" || name == "boldsymbol" || name == "bm" || name == "bf" || name == "pmb" ||
        name == "mathbfit")
      return {with_alphabet(Alphabet::Bold)};
    if (name == "mathit" || name == "it") return {with_alphabet(Alphabet::Italic)};
    if (name == "mathtt") return {with_alphabet(Alphabet::Mono)};
    if (name == "mathbb" || name == "Bbb" || name == "mathds" || name == "mathfrak")
      return {with_alphabet(Alphabet::Blackboard)};
    if (name == "mathcal" || name == "mathscr" || name == "cal") return {with_alphabet(Alphabet::Calligraphic)};
    static const char* const kAccents[][2] = {
        {"hat", "hat"},       {"widehat", "hat"},     {"check", "check"},   {"bar", "bar"},
        {"overline", "bar"},  {"vec", "vec"},         {"overrightarrow", "vec"}, {"tilde", "tilde"},
        {"widetilde", "tilde"}, {"dot", "dot"},       {"ddot", "ddot"},     {"underline", "underline"},
        {"overbrace", "overbrace"}, {"underbrace", "underbrace"}, {"breve", "tilde"}, {"acute", "acute"},
        {"grave", "grave"},
    };
    for (const auto& a : kAccents) {
      if (name == a[0]) {
        MathNode n;
        n.kind = MathKind::Accent;
        n.text = a[1];
        n.children.push_back(parse_argument());
        return {n};
      }
    }
    if (name == "overset" || name == "stackrel" || name == "underset") {
      MathNode over = parse_argument();
      MathNode base = parse_argument();
      MathNode s;
      s.kind = MathKind::Scripts;
      s.stacked = true;
      s.children.push_back(std::move(base));
      s.children.push_back(name == "underset" ? std::move(over) : row());
      s.children.push_back(name == "underset" ? row() : std::move(over));
      return {s};
    }
    if (name == "not") {
      skip_spaces();
      if (eat("=")) return {atom("≠", AtomClass::Rel)};
      if (eat("\\in") ) return {atom("∉", AtomClass::Rel)};
      std::vector<MathNode> next = at_end() ? std::vector<MathNode>{} : parse_item(stop);
      if (next.size() == 1 && next[0].kind == MathKind::Atom) {
        next[0].text += "\u0338";  // combining long solidus overlay
        return next;
      }
      next.insert(next.begin(), atom("\\not", AtomClass::Ord, MathFont::Verbatim));
      return next;
    }
    if (name == "color") {
      raw_group();  // the colour name; what follows is drawn in the text colour
      return {};
    }
    if (name == "textcolor" || name == "colorbox") {
      raw_group();
      return {parse_argument()};
    }
    if (name == "displaystyle" || name == "textstyle" || name == "scriptstyle" || name == "scriptscriptstyle" ||
        name == "nonumber" || name == "notag" || name == "limits" || name == "nolimits" || name == "displaylimits" ||
        name == "middle" || name == "strut" || name == "mathstrut")
      return {};
    if (name == "label") {
      raw_group();
      return {};
    }
    if (name == "tag" || name == "tag*") {
      std::string t = raw_group();
      return {space(2.0f), atom(name == "tag" ? "(" + t + ")" : t, AtomClass::Ord, MathFont::Text)};
    }
    if (name == "quad") return {space(1.0f)};
    if (name == "qquad") return {space(2.0f)};
    if (name == "enspace" || name == "enskip") return {space(0.5f)};
    if (name == "thinspace") return {space(3.0f / 18)};
    if (name == "medspace") return {space(4.0f / 18)};
    if (name == "thickspace") return {space(5.0f / 18)};
    if (name == "negthinspace") return {space(-3.0f / 18)};
    if (name == "hspace" || name == "hspace*" || name == "kern" || name == "mkern" || name == "mskip" ||
        name == "hskip") {
      if (!at_end() && m_s[m_i] == '{') raw_group();
      return {space(0.5f)};
    }
    if (name == "phantom" || name == "hphantom" || name == "vphantom") {
      (void)parse_argument();  // an invisible box: only its width matters, and an em is close enough
      return {space(name == "vphantom" ? 0.0f : 1.0f)};
    }
    if (name == "mathop" || name == "mathbin" || name == "mathrel" || name == "mathord") {
      MathNode arg = parse_argument();
      if (arg.kind == MathKind::Atom) {
        arg.cls = name == "mathop" ? AtomClass::Op : name == "mathbin" ? AtomClass::Bin
                  : name == "mathrel" ? AtomClass::Rel : AtomClass::Ord;
      }
      return {arg};
    }
    bool limits = false;
    if (const TexSymbol* op = detail::find_big_operator(name, limits)) {
      MathNode a = atom(std::string(op->utf8), AtomClass::Op);
      a.large = true;
      a.limits = limits;
      return {a};
    }
    if (detail::find_function(name, limits)) {
      MathNode a = atom(name, AtomClass::Op);
      a.limits = limits;
      return {a};
    }
    if (const TexSymbol* s = detail::find_symbol(name)) {
      // Inside \mathbf{\alpha} the alphabet applies to Greek too.
      MathFont font = s->font;
      if (m_alphabet == Alphabet::Bold) font = MathFont::Bold;
      if (m_alphabet == Alphabet::Upright) font = MathFont::Upright;
      return {atom(std::string(s->utf8), s->cls, font)};
    }
    // Unknown: shown exactly as written, so a reader sees what the author meant, braces of its arguments
    // included.
    std::vector<MathNode> out{atom(std::string(m_s.substr(start, m_i - start)), AtomClass::Ord, MathFont::Verbatim)};
    while (!at_end() && m_s[m_i] == '{') {
      MathNode group = parse_group();
      out.push_back(atom("{", AtomClass::Ord, MathFont::Verbatim));
      out.push_back(std::move(group));
      out.push_back(atom("}", AtomClass::Ord, MathFont::Verbatim));
    }
    return out;
  }

  static constexpr int kMaxDepth = 64;  // deeper nesting is shown verbatim instead of recursing further
  std::string_view m_s;
  size_t m_i = 0;
  int m_depth = 0;
  Alphabet m_alphabet = Alphabet::Default;
};

// ---- math_to_text ---------------------------------------------------------------------------------------

bool is_simple(const MathNode& n) {
  if (n.kind == MathKind::Atom) return length(n.text) <= 1 || n.cls == AtomClass::Op ||
                                       n.text.find_first_not_of("0123456789.") == std::string::npos;
  if (n.kind == MathKind::Row) return n.children.size() == 1 && is_simple(n.children[0]);
  return n.kind == MathKind::Delimited;
}

// x² when every character has a superscript form, else x^(...).
std::string scripted(const std::string& s, bool super) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = next_code_point(s, i);
    const char32_t m = super ? detail::superscript_of(cp) : detail::subscript_of(cp);
    if (!m) {
      std::string tight;
      for (char c : s)
        if (c != ' ') tight += c;
      return std::string(super ? "^" : "_") + (length(tight) == 1 ? tight : "(" + tight + ")");
    }
    append_utf8(out, m);
  }
  return out;
}

void to_text(const MathNode& n, std::string& out);

std::string text_of(const MathNode& n) {
  std::string s;
  to_text(n, s);
  return s;
}

void to_text(const MathNode& n, std::string& out) {
  switch (n.kind) {
    case MathKind::Row:
      for (const MathNode& c : n.children) to_text(c, out);
      break;
    case MathKind::Atom:
      if (n.cls == AtomClass::Rel || n.cls == AtomClass::Bin) {
        out += " " + n.text + " ";
      } else if (n.cls == AtomClass::Punct) {
        out += n.text + " ";
      } else if (n.cls == AtomClass::Op && !n.large) {
        out += n.text + " ";
      } else {
        out += n.text;
      }
      break;
    case MathKind::Frac: {
      const std::string a = text_of(n.children[0]), b = text_of(n.children[1]);
      const bool pa = !is_simple(n.children[0]), pb = !is_simple(n.children[1]);
      if (!n.rule) {
        out += a + " choose " + b;
        break;
      }
      out += (pa ? "(" + a + ")" : a) + "/" + (pb ? "(" + b + ")" : b);
      break;
    }
    case MathKind::Root: {
      if (n.children.size() > 1) out += scripted(text_of(n.children[1]), true);
      const std::string body = text_of(n.children[0]);
      out += is_simple(n.children[0]) ? "√" + body : "√(" + body + ")";
      break;
    }
    case MathKind::Scripts:
      to_text(n.children[0], out);
      if (!n.children[1].children.empty() || n.children[1].kind != MathKind::Row)
        out += scripted(text_of(n.children[1]), false);
      if (!n.children[2].children.empty() || n.children[2].kind != MathKind::Row)
        out += scripted(text_of(n.children[2]), true);
      if (n.children[0].kind == MathKind::Atom && n.children[0].cls == AtomClass::Op) out += " ";
      break;
    case MathKind::Delimited:
      if (n.text != ".") out += n.text;
      to_text(n.children[0], out);
      if (n.text2 != ".") out += n.text2;
      break;
    case MathKind::Accent: {
      static const char* const kCombining[][2] = {{"hat", "\u0302"}, {"check", "\u030C"}, {"bar", "\u0305"},
                                                  {"vec", "\u20D7"}, {"tilde", "\u0303"}, {"dot", "\u0307"},
                                                  {"ddot", "\u0308"}, {"underline", "\u0332"}, {"acute", "\u0301"},
                                                  {"grave", "\u0300"}};
      const std::string body = text_of(n.children[0]);
      const char* mark = nullptr;
      for (const auto& c : kCombining)
        if (n.text == c[0]) mark = c[1];
      if (mark && length(body) == 1) out += body + mark;
      else out += body;
      break;
    }
    case MathKind::Grid: {
      if (n.text != ".") out += n.text;
      for (size_t r = 0; r < n.children.size(); ++r) {
        if (r) out += "; ";
        for (size_t c = 0; c < n.children[r].children.size(); ++c) {
          if (c) out += ", ";
          to_text(n.children[r].children[c], out);
        }
      }
      if (n.text2 != ".") out += n.text2;
      break;
    }
    case MathKind::Space:
      if (n.em > 0.2f) out += " ";
      break;
  }
}

}  // namespace

MathNode parse_tex(std::string_view tex) { return Parser(tex).parse_document(); }

std::string math_to_text(const MathNode& node) {
  std::string s = text_of(node);
  // Collapse the doubled spaces that neighbouring relations and punctuation leave behind.
  std::string out;
  for (char c : s)
    if (!(c == ' ' && (out.empty() || out.back() == ' '))) out += c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace attend::text
