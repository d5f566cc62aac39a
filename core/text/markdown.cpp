#include "core/text/markdown.h"

#include <md4c.h>

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "core/text/utf8.h"

namespace attend::text {
namespace {

constexpr unsigned kFlags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_LATEXMATHSPANS |
                            MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_NOHTML;

std::string decode_entity(std::string_view e) {
  // Numeric references first: &#945; &#x3B1;
  if (e.size() > 3 && e[1] == '#') {
    const bool hex = e[2] == 'x' || e[2] == 'X';
    const std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
    char* end = nullptr;
    const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (end && *end == 0 && !digits.empty()) {
      std::string out;
      append_utf8(out, cp == 0 || cp > 0x10FFFF ? 0xFFFD : static_cast<char32_t>(cp));
      return out;
    }
    return std::string(e);
  }
  static const char* const kNamed[][2] = {
      {"&amp;", "&"},     {"&lt;", "<"},      {"&gt;", ">"},      {"&quot;", "\""},   {"&apos;", "'"},
      {"&nbsp;", "\u00A0"}, {"&copy;", "©"},  {"&reg;", "®"},     {"&mdash;", "—"},   {"&ndash;", "–"},
      {"&hellip;", "…"},  {"&laquo;", "«"},   {"&raquo;", "»"},   {"&times;", "×"},   {"&divide;", "÷"},
      {"&deg;", "°"},     {"&plusmn;", "±"},  {"&middot;", "·"},  {"&larr;", "←"},    {"&rarr;", "→"},
      {"&harr;", "↔"},    {"&le;", "≤"},      {"&ge;", "≥"},      {"&ne;", "≠"},      {"&asymp;", "≈"},
      {"&infin;", "∞"},   {"&sum;", "∑"},     {"&minus;", "−"},   {"&radic;", "√"},   {"&alpha;", "α"},
      {"&beta;", "β"},    {"&gamma;", "γ"},   {"&delta;", "δ"},   {"&epsilon;", "ε"}, {"&lambda;", "λ"},
      {"&mu;", "μ"},      {"&pi;", "π"},      {"&sigma;", "σ"},   {"&theta;", "θ"},   {"&euro;", "€"},
      {"&sect;", "§"},    {"&para;", "¶"},    {"&bull;", "•"},    {"&lsquo;", "‘"},   {"&rsquo;", "’"},
      {"&ldquo;", "“"},   {"&rdquo;", "”"},   {"&shy;", "\u00AD"}, {"&thinsp;", "\u2009"},
  };
  for (const auto& n : kNamed)
    if (e == n[0]) return n[1];
  return std::string(e);  // unknown: kept as written
}

// Per open block: its lines as seen so far (own and nested text).
struct Open {
  Block block;
  int first = INT_MAX;  // first line with text
  int last = 0;         // last line with text
  bool implicit = false;  // a tight list item's paragraph, which md4c does not report as a block
  bool fenced = false;
  int fence_line = 0;   // the opening fence's line when the info string told us
};

class Builder {
 public:
  Builder(std::string_view src, int first_line) : m_src(src), m_index(src), m_first_line(first_line) {}

  Document run() {
    MD_PARSER parser{};
    parser.flags = kFlags;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Builder*>(u)->enter_block(t, d); };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Builder*>(u)->leave_block(t, d); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Builder*>(u)->enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Builder*>(u)->leave_span(t, d); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
      return static_cast<Builder*>(u)->text(t, s, n);
    };
    md_parse(m_src.data(), static_cast<MD_SIZE>(m_src.size()), &parser, this);
    while (m_stack.size() > 1) close_top();  // only if md4c stopped early
    Document doc;
    if (!m_stack.empty()) doc.blocks = std::move(m_stack[0].block.children);
    const int last_line = m_first_line + m_index.count() - 1;
    fix_lines(doc.blocks, m_first_line);
    assign_ends(doc.blocks, last_line);
    return doc;
  }

 private:
  // ---- lines ----
  int line_at(const char* p) const {
    if (p < m_src.data() || p >= m_src.data() + m_src.size()) return 0;  // md4c's own "\n" and " " strings
    return m_index.line_of(static_cast<size_t>(p - m_src.data())) + m_first_line - 1;
  }
  void saw_line(int line) {
    if (line <= 0) return;
    for (Open& o : m_stack) {
      o.first = std::min(o.first, line);
      o.last = std::max(o.last, line);
    }
  }
  std::string_view line_text(int line) const {
    const int local = line - m_first_line + 1;
    if (local < 1 || local > m_index.count()) return {};
    const size_t b = m_index.starts[local - 1];
    const size_t e = local < m_index.count() ? m_index.starts[local] : m_src.size();
    return m_src.substr(b, e - b);
  }

  bool line_blank(int line) const { return is_blank(line_text(line)); }

  // The closing fence follows the code's lines directly (md4c reports every code line, blank ones too);
  // an unclosed block runs to the end of the input.
  int closing_fence_line(const Block& b) const {
    int lines = b.text.empty() ? 0 : 1;
    for (char c : b.text) lines += c == '\n';
    return std::min(b.line + lines + 1, m_first_line + m_index.count() - 1);
  }

  // A block without any text (a thematic break, an empty code block, an empty heading) starts at the first
  // non-blank line after whatever came before it.
  void fix_lines(std::vector<Block>& blocks, int from) {
    const int last_line = m_first_line + m_index.count() - 1;
    for (Block& b : blocks) {
      if (b.line == 0) {
        int l = from;
        while (l < last_line && line_blank(l)) ++l;
        b.line = l;
        b.end_line = std::max(b.end_line, l);
        if (b.kind == BlockKind::Code && b.fenced) b.end_line = std::max(b.end_line, closing_fence_line(b));
      }
      fix_lines(b.children, b.line);
      from = std::max(b.line, b.end_line) + 1;
    }
  }

  // Each block ends where its next sibling begins (less blank lines), or where its parent ends; that way
  // closing fences and setext underlines, which carry no text, stay with their block.
  void assign_ends(std::vector<Block>& blocks, int parent_end) {
    for (size_t i = 0; i < blocks.size(); ++i) {
      Block& b = blocks[i];
      int end = i + 1 < blocks.size() ? blocks[i + 1].line - 1 : parent_end;
      const int floor = std::max(b.line, b.end_line);  // end_line holds the last text line until now
      while (end > floor && line_blank(end)) --end;
      b.end_line = std::max(end, floor);
      assign_ends(b.children, b.end_line);
    }
  }

  // ---- blocks ----
  Block& top() { return m_stack.back().block; }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    close_implicit();
    Open o;
    Block& b = o.block;
    switch (type) {
      case MD_BLOCK_DOC: b.kind = BlockKind::Quote; break;  // the root; only its children are kept
      case MD_BLOCK_QUOTE: b.kind = BlockKind::Quote; break;
      case MD_BLOCK_UL: {
        auto* d = static_cast<MD_BLOCK_UL_DETAIL*>(detail);
        b.kind = BlockKind::List;
        b.tight = d->is_tight != 0;
        break;
      }
      case MD_BLOCK_OL: {
        auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
        b.kind = BlockKind::List;
        b.ordered = true;
        b.tight = d->is_tight != 0;
        b.start = static_cast<int>(std::min<unsigned>(d->start, 999999999u));
        break;
      }
      case MD_BLOCK_LI: {
        auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
        b.kind = BlockKind::Item;
        if (d->is_task) b.task = (d->task_mark == 'x' || d->task_mark == 'X') ? Task::Done : Task::Open;
        const Block& list = top();
        b.number = list.ordered ? list.start + static_cast<int>(list.children.size()) : 0;
        break;
      }
      case MD_BLOCK_HR: b.kind = BlockKind::Rule; break;
      case MD_BLOCK_H:
        b.kind = BlockKind::Heading;
        b.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      case MD_BLOCK_CODE: {
        auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
        b.kind = BlockKind::Code;
        b.lang.assign(d->lang.text ? d->lang.text : "", d->lang.size);
        o.fenced = d->fence_char != 0;
        if (d->info.text && d->info.size) o.fence_line = line_at(d->info.text);
        break;
      }
      case MD_BLOCK_HTML: b.kind = BlockKind::Paragraph; break;  // not produced: HTML is off
      case MD_BLOCK_P: b.kind = BlockKind::Paragraph; break;
      case MD_BLOCK_TABLE: b.kind = BlockKind::Table; break;
      case MD_BLOCK_THEAD: m_in_head = true; return 0;
      case MD_BLOCK_TBODY: m_in_head = false; return 0;
      case MD_BLOCK_TR:
        if (!m_stack.empty() && top().kind == BlockKind::Table) {
          top().rows.emplace_back();
          if (m_in_head) ++top().header_rows;
        }
        return 0;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        if (!m_stack.empty() && top().kind == BlockKind::Table && !top().rows.empty()) {
          Block& t = top();
          t.rows.back().emplace_back();
          if (t.rows.size() == 1) {
            auto* d = static_cast<MD_BLOCK_TD_DETAIL*>(detail);
            t.align.push_back(d->align == MD_ALIGN_LEFT     ? Align::Left
                              : d->align == MD_ALIGN_CENTER ? Align::Center
                              : d->align == MD_ALIGN_RIGHT  ? Align::Right
                                                            : Align::Default);
          }
        }
        return 0;
      }
    }
    m_stack.push_back(std::move(o));
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type, void*) {
    switch (type) {
      case MD_BLOCK_THEAD: case MD_BLOCK_TBODY: case MD_BLOCK_TR: case MD_BLOCK_TH: case MD_BLOCK_TD: return 0;
      default: break;
    }
    close_implicit();
    if (type == MD_BLOCK_DOC) return 0;  // stays as the root
    close_top();
    return 0;
  }

  void close_implicit() {
    if (!m_stack.empty() && m_stack.back().implicit) close_top();
  }

  void close_top() {
    Open o = std::move(m_stack.back());
    m_stack.pop_back();
    Block& b = o.block;
    if (o.first == INT_MAX) o.first = 0;
    b.line = o.first;
    b.end_line = o.last;
    b.fenced = o.fenced;
    if (b.kind == BlockKind::Code && !b.text.empty() && b.text.back() == '\n') b.text.pop_back();
    if (b.kind == BlockKind::Code && o.fenced) {
      // The opening fence sits on the line before the code (or carries the info string).
      if (o.fence_line) b.line = o.fence_line;
      else if (b.line) b.line -= 1;
      if (b.line) b.end_line = closing_fence_line(b);
    }
    if (b.kind == BlockKind::Code && (b.lang == "math" || b.lang == "latex" || b.lang == "tex")) {
      b.kind = BlockKind::Math;
      b.math = std::make_shared<const MathNode>(parse_tex(b.text));
    }

    if (b.kind == BlockKind::Paragraph) {
      promote_paragraph(b);
      // "$$" alone on the line above the TeX opens the block but carries no text of its own.
      if (b.kind == BlockKind::Math && b.line > m_first_line && text::trim(line_text(b.line - 1)) == "$$") --b.line;
    }
    if (m_stack.empty()) return;
    Open& parent = m_stack.back();
    if (b.line > 0) {
      parent.first = std::min(parent.first, b.line);
      parent.last = std::max(parent.last, b.end_line);
    }
    parent.block.children.push_back(std::move(b));
  }

  // A paragraph holding only an image or only display math is drawn as a block of its own.
  static void promote_paragraph(Block& b) {
    int images = 0, maths = 0, other = 0;
    for (const Span& s : b.spans) {
      if (s.kind == SpanKind::Image) ++images;
      else if (s.kind == SpanKind::DisplayMath) ++maths;
      else if (!(s.kind == SpanKind::Text && is_blank(s.text)) && s.kind != SpanKind::LineBreak) ++other;
    }
    if (other == 0 && images == 1 && maths == 0) {
      b.kind = BlockKind::Image;
      b.spans.erase(std::remove_if(b.spans.begin(), b.spans.end(),
                                   [](const Span& s) { return s.kind != SpanKind::Image; }),
                    b.spans.end());
    } else if (other == 0 && maths == 1 && images == 0) {
      for (const Span& s : b.spans) {
        if (s.kind != SpanKind::DisplayMath) continue;
        b.kind = BlockKind::Math;
        b.text = s.text;
        b.math = s.math;
      }
      b.spans.clear();
    }
  }

  // Where inline spans go: the open heading/paragraph, a table cell, or an implicit paragraph in an item.
  std::vector<Span>* inline_target() {
    if (m_stack.empty()) return nullptr;
    Block& b = top();
    if (b.kind == BlockKind::Table) {
      if (b.rows.empty() || b.rows.back().empty()) return nullptr;
      return &b.rows.back().back();
    }
    if (b.kind == BlockKind::Heading || b.kind == BlockKind::Paragraph) return &b.spans;
    if (b.kind == BlockKind::Item || b.kind == BlockKind::Quote) {
      Open o;
      o.block.kind = BlockKind::Paragraph;
      o.implicit = true;
      m_stack.push_back(std::move(o));
      return &top().spans;
    }
    return nullptr;
  }

  // ---- spans ----
  int enter_span(MD_SPANTYPE type, void* detail) {
    switch (type) {
      case MD_SPAN_EM: ++m_em; break;
      case MD_SPAN_STRONG: ++m_strong; break;
      case MD_SPAN_DEL: ++m_strike; break;
      case MD_SPAN_A: {
        auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
        m_links.push_back(attribute(d->href));
        break;
      }
      case MD_SPAN_IMG: {
        auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        if (m_image++ == 0) {
          if (std::vector<Span>* t = inline_target()) {
            Span s;
            s.kind = SpanKind::Image;
            s.url = attribute(d->src);
            t->push_back(std::move(s));
          }
        }
        break;
      }
      case MD_SPAN_LATEXMATH:
      case MD_SPAN_LATEXMATH_DISPLAY:
        if (std::vector<Span>* t = inline_target()) {
          Span s = styled(type == MD_SPAN_LATEXMATH ? SpanKind::Math : SpanKind::DisplayMath);
          t->push_back(std::move(s));
          m_math = true;
        }
        break;
      default: break;  // code spans are told by their text type; wiki links and underline are off
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type, void*) {
    switch (type) {
      case MD_SPAN_EM: --m_em; break;
      case MD_SPAN_STRONG: --m_strong; break;
      case MD_SPAN_DEL: --m_strike; break;
      case MD_SPAN_A:
        if (!m_links.empty()) m_links.pop_back();
        break;
      case MD_SPAN_IMG: --m_image; break;
      case MD_SPAN_LATEXMATH:
      case MD_SPAN_LATEXMATH_DISPLAY:
        if (m_math) {
          m_math = false;
          if (std::vector<Span>* t = inline_target(); t && !t->empty())
            t->back().math = std::make_shared<const MathNode>(parse_tex(t->back().text));
        }
        break;
      default: break;
    }
    return 0;
  }

  std::string attribute(const MD_ATTRIBUTE& a) {
    std::string out;
    for (unsigned i = 0; a.substr_offsets && a.substr_offsets[i] < a.size; ++i) {
      const MD_OFFSET b = a.substr_offsets[i], e = a.substr_offsets[i + 1];
      std::string_view piece(a.text + b, e - b);
      if (a.substr_types[i] == MD_TEXT_ENTITY) out += decode_entity(piece);
      else if (a.substr_types[i] == MD_TEXT_NULLCHAR) out += "\uFFFD";
      else out += piece;
    }
    return out;
  }

  Span styled(SpanKind kind) const {
    Span s;
    s.kind = kind;
    s.emphasis = m_em > 0;
    s.strong = m_strong > 0;
    s.strike = m_strike > 0;
    if (!m_links.empty()) s.url = m_links.back();
    return s;
  }

  void append(SpanKind kind, std::string_view piece) {
    std::vector<Span>* t = inline_target();
    if (!t) return;
    if (m_image > 0) {
      if (!t->empty() && t->back().kind == SpanKind::Image) t->back().text += piece;
      return;
    }
    if (m_math && !t->empty()) {
      t->back().text += piece;
      return;
    }
    Span s = styled(kind);
    if (!t->empty()) {
      Span& last = t->back();
      if (last.kind == kind && kind != SpanKind::LineBreak && last.emphasis == s.emphasis && last.strong == s.strong &&
          last.strike == s.strike && last.url == s.url) {
        last.text += piece;
        return;
      }
    }
    s.text = std::string(piece);
    t->push_back(std::move(s));
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* p, MD_SIZE n) {
    std::string_view piece(p, n);
    if (!m_stack.empty() && top().kind == BlockKind::Code) {
      top().text += piece;
      saw_line(line_at(p));
      return 0;
    }
    inline_target();  // opens a tight item's implicit paragraph first, so it sees this line too
    saw_line(line_at(p));
    switch (type) {
      case MD_TEXT_NORMAL: append(SpanKind::Text, piece); break;
      case MD_TEXT_CODE: append(SpanKind::Code, piece); break;
      case MD_TEXT_LATEXMATH: append(m_math ? SpanKind::Math : SpanKind::Text, piece); break;
      case MD_TEXT_ENTITY: append(SpanKind::Text, decode_entity(piece)); break;
      case MD_TEXT_NULLCHAR: append(SpanKind::Text, "\uFFFD"); break;
      case MD_TEXT_SOFTBR: append(SpanKind::Text, " "); break;
      case MD_TEXT_BR:
        if (m_image > 0 || m_math) append(SpanKind::Text, " ");
        else append(SpanKind::LineBreak, "");
        break;
      case MD_TEXT_HTML: append(SpanKind::Text, piece); break;
    }
    return 0;
  }

  std::string_view m_src;
  LineIndex m_index;
  int m_first_line;
  std::vector<Open> m_stack;
  bool m_in_head = false;
  int m_em = 0, m_strong = 0, m_strike = 0, m_image = 0;
  bool m_math = false;
  std::vector<std::string> m_links;
};

void plain(const std::vector<Span>& spans, std::string& out) {
  for (const Span& s : spans) {
    switch (s.kind) {
      case SpanKind::Math:
      case SpanKind::DisplayMath: out += s.math ? math_to_text(*s.math) : s.text; break;
      case SpanKind::LineBreak: out += '\n'; break;
      default: out += s.text; break;
    }
  }
}

void plain(const Block& b, std::string& out) {
  if (!out.empty() && out.back() != '\n') out += '\n';
  switch (b.kind) {
    case BlockKind::Code: out += b.text; break;
    case BlockKind::Math: out += b.math ? math_to_text(*b.math) : b.text; break;
    case BlockKind::Table:
      for (const auto& row : b.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
          if (c) out += '\t';
          plain(row[c], out);
        }
        out += '\n';
      }
      break;
    default:
      plain(b.spans, out);
      for (const Block& c : b.children) plain(c, out);
      break;
  }
}

}  // namespace

Document parse_markdown(std::string_view markdown, int first_line) { return Builder(markdown, first_line).run(); }

std::vector<Span> parse_inline(std::string_view markdown) {
  Document d = parse_markdown(markdown);
  std::vector<Span> out;
  for (Block& b : d.blocks) {
    if (!out.empty()) out.push_back(Span{SpanKind::Text, " ", {}, false, false, false, nullptr});
    if (b.kind == BlockKind::Math) {
      Span s;
      s.kind = SpanKind::DisplayMath;
      s.text = b.text;
      s.math = b.math;
      out.push_back(std::move(s));
      continue;
    }
    // Anything that is not a paragraph (a line that happens to start with "# " or "- ") keeps its text.
    std::string dummy;
    if (b.kind == BlockKind::Paragraph || b.kind == BlockKind::Heading || b.kind == BlockKind::Image) {
      for (Span& s : b.spans) out.push_back(std::move(s));
    } else {
      plain(b, dummy);
      out.push_back(Span{SpanKind::Text, trim(dummy), {}, false, false, false, nullptr});
    }
  }
  return out;
}

std::string plain_text(const std::vector<Span>& spans) {
  std::string out;
  plain(spans, out);
  return out;
}

std::string plain_text(const Block& block) {
  std::string out;
  plain(block, out);
  return out;
}

std::string plain_text(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) plain(b, out);
  return out;
}

}  // namespace attend::text
