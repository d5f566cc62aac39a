#include "views/markdown_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string_view>

#include "core/text/utf8.h"

namespace attend::views {
namespace {

using text::Block;
using text::BlockKind;
using text::Span;
using text::SpanKind;

float text_width(const ImFont* f, float size, std::string_view s) {
  return f->CalcTextSizeA(size, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}
float ascent_of(const ImFont* f, float size) { return f->Ascent * size / f->FontSize; }
float descent_of(const ImFont* f, float size) { return -f->Descent * size / f->FontSize; }

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

constexpr float kCodePad = 3.0f;  // pixels either side of inline code

// ---- Inline layout ----------------------------------------------------------------------------------------

class InlineBuilder {
 public:
  InlineBuilder(MathCache& cache, const InlineStyle& style, float wrap)
      : m_cache(cache), m_style(style), m_wrap(wrap), m_size(style.font->FontSize) {}

  void add(const Span& s) {
    switch (s.kind) {
      case SpanKind::Text: words(s, font_for(s), s.url.empty() ? m_style.colour : m_style.link, InlineKind::Text); break;
      case SpanKind::Code: words(s, m_style.fonts->mono, m_style.code_colour, InlineKind::Code); break;
      case SpanKind::Math: math(s, false); break;
      case SpanKind::DisplayMath: math(s, true); break;
      case SpanKind::Image: image(s); break;
      case SpanKind::LineBreak:
        flush();
        new_line();
        break;
    }
  }

  InlineLayout finish() {
    flush();
    if (!m_line.items.empty() || m_out.lines.empty()) new_line();
    m_out.height = std::max(0.0f, m_y - m_style.line_gap);
    return std::move(m_out);
  }

 private:
  const ImFont* font_for(const Span& s) const {
    const Fonts& f = *m_style.fonts;
    const bool plain_base = m_style.font == f.body || m_style.font == f.small;
    if (s.strong && plain_base) return f.bold;
    if (s.emphasis && !s.strong) return f.italic ? f.italic : m_style.font;
    return m_style.font;
  }

  float size_for(const ImFont* f) const {
    // Inline code and emphasis follow the size of the text around them (a heading's code is heading-sized).
    (void)f;
    return m_size;
  }

  InlineItem item(InlineKind kind, const ImFont* f, ImU32 colour, std::string text, const Span& s) const {
    InlineItem it;
    it.kind = kind;
    it.font = f;
    it.size = size_for(f);
    it.colour = colour;
    it.text = std::move(text);
    it.url = s.url;
    it.strike = s.strike;
    it.ascent = ascent_of(f, it.size);
    it.descent = descent_of(f, it.size);
    it.w = text_width(f, it.size, it.text) + (kind == InlineKind::Code ? 2 * kCodePad : 0.0f);
    return it;
  }

  void words(const Span& s, const ImFont* f, ImU32 colour, InlineKind kind) {
    const std::string& t = s.text;
    const bool code = kind == InlineKind::Code;
    size_t i = 0;
    while (i < t.size()) {
      if (is_space(t[i])) {
        flush();
        while (i < t.size() && is_space(t[i])) ++i;
        m_space_pending = true;
        m_space_w = text_width(f, size_for(f), " ");
        continue;
      }
      size_t j = i;
      while (j < t.size() && !is_space(t[j])) ++j;
      // Inline code keeps its spaces inside its shaded box: a word carries the space after it, and the
      // line may still break there.
      const bool carry = code && j < t.size();
      InlineItem it = item(kind, f, colour, t.substr(i, j - i) + (carry ? " " : ""), s);
      if (code) {
        it.join_left = i > 0;
        it.join_right = carry;
        it.w = text_width(f, it.size, it.text) + (it.join_left ? 0.0f : kCodePad) + (it.join_right ? 0.0f : kCodePad);
      }
      push(std::move(it));
      i = j;
      if (carry) {
        while (i < t.size() && is_space(t[i])) ++i;
        flush();
      }
    }
  }

  void math(const Span& s, bool display) {
    if (!s.math) {  // the parser always attaches the tree; keep the source visible if it ever does not
      words(s, m_style.fonts->mono, m_style.code_colour, InlineKind::Code);
      return;
    }
    InlineItem it;
    it.kind = InlineKind::Math;
    it.math = &m_cache.get(*m_style.fonts, s.math, m_size, display);
    it.w = it.math->width;
    // At least a text line's extents, so a lone x does not make a short line.
    it.ascent = std::max(it.math->ascent, ascent_of(m_style.font, m_size));
    it.descent = std::max(it.math->descent, descent_of(m_style.font, m_size));
    it.colour = m_style.colour;
    it.url = s.url;
    if (!display) {
      push(std::move(it));
      return;
    }
    flush();
    if (!m_line.items.empty()) new_line();
    const float pad = 0.25f * m_size;
    it.ascent += pad;
    it.descent += pad;
    m_line.centred = m_wrap > 0;
    m_line.items.push_back(std::move(it));
    m_line.ascent = m_line.items.back().ascent;
    m_line.descent = m_line.items.back().descent;
    m_line.width = m_line.items.back().w;
    m_x = m_line.width;
    new_line();
  }

  void image(const Span& s) {
    const ImFont* f = m_style.fonts->small;
    InlineItem it = item(InlineKind::Image, f, m_style.dim, "\u25A8 " + (s.text.empty() ? std::string("image") : s.text), s);
    it.size = f->FontSize;
    it.ascent = std::max(ascent_of(m_style.font, m_size), ascent_of(f, it.size) + 2);
    it.descent = std::max(descent_of(m_style.font, m_size), descent_of(f, it.size) + 2);
    it.w = text_width(f, it.size, it.text) + 2 * kCodePad;
    it.url = s.url;
    push(std::move(it));
  }

  // A group is a run of items with no break opportunity between them ("$x$," or "**a**b").
  void push(InlineItem it) {
    it.x = m_group_w;
    m_group_w += it.w;
    m_group.push_back(std::move(it));
  }

  void flush() {
    if (m_group.empty()) return;
    float sp = !m_line.items.empty() && m_space_pending ? m_space_w : 0.0f;
    if (m_wrap > 0 && !m_line.items.empty() && m_x + sp + m_group_w > m_wrap) {
      new_line();
      sp = 0;
    }
    if (m_wrap > 0 && m_x + m_group_w > m_wrap) {
      place_broken();
    } else {
      for (InlineItem& it : m_group) {
        it.x += m_x + sp;
        place(std::move(it));
      }
      m_x += sp + m_group_w;
    }
    m_group.clear();
    m_group_w = 0;
    m_space_pending = false;
  }

  // A group wider than a whole line: items one after another, text split between characters.
  void place_broken() {
    for (InlineItem& it : m_group) {
      const bool splittable = it.kind == InlineKind::Text || it.kind == InlineKind::Code;
      if (!splittable || m_x + it.w <= m_wrap) {
        if (!m_line.items.empty() && m_x + it.w > m_wrap) new_line();
        it.x = m_x;
        m_x += it.w;
        place(std::move(it));
        continue;
      }
      const float pad = it.kind == InlineKind::Code ? 2 * kCodePad : 0.0f;
      std::string rest = it.text;
      while (!rest.empty()) {
        float w = pad;
        size_t cut = 0, i = 0;
        while (i < rest.size()) {
          size_t j = i;
          const char32_t cp = text::next_code_point(rest, j);
          const ImFontGlyph* g = it.font->FindGlyph(static_cast<ImWchar>(cp > 0xFFFF ? 0xFFFD : cp));
          const float adv = (g ? g->AdvanceX : 0.0f) * it.size / it.font->FontSize;
          if (m_x + w + adv > m_wrap && cut > 0) break;
          w += adv;
          i = j;
          cut = j;
        }
        if (cut == 0 && !m_line.items.empty()) {
          new_line();
          continue;
        }
        if (cut == 0) cut = rest.size();  // nothing fits even alone: keep it whole
        InlineItem piece = it;
        piece.join_left = piece.join_right = false;  // pieces of a broken word stand alone
        piece.text = rest.substr(0, cut);
        piece.w = text_width(it.font, it.size, piece.text) + pad;
        piece.x = m_x;
        m_x += piece.w;
        place(std::move(piece));
        rest.erase(0, cut);
        if (!rest.empty()) new_line();
      }
    }
  }

  void place(InlineItem it) {
    m_line.ascent = std::max(m_line.ascent, it.ascent);
    m_line.descent = std::max(m_line.descent, it.descent);
    m_line.width = std::max(m_line.width, it.x + it.w);
    m_line.items.push_back(std::move(it));
  }

  void new_line() {
    if (m_line.items.empty()) {
      m_line.ascent = ascent_of(m_style.font, m_size);
      m_line.descent = descent_of(m_style.font, m_size);
    }
    m_line.top = m_y;
    m_y += m_line.ascent + m_line.descent + m_style.line_gap;
    m_out.width = std::max(m_out.width, m_line.width);
    m_out.lines.push_back(std::move(m_line));
    m_line = InlineLine{};
    m_x = 0;
    m_space_pending = false;
  }

  MathCache& m_cache;
  const InlineStyle& m_style;
  float m_wrap;
  float m_size;
  std::vector<InlineItem> m_group;
  float m_group_w = 0;
  bool m_space_pending = false;
  float m_space_w = 0;
  InlineLine m_line;
  float m_x = 0, m_y = 0;
  InlineLayout m_out;
};

// ---- Blocks -----------------------------------------------------------------------------------------------

struct Drawn {
  float height = 0;
  float baseline = 0;  // of the first line, from the block's top
};

class BlockRenderer {
 public:
  BlockRenderer(ViewContext& ctx, MarkdownCache& cache, const InlineStyle& base)
      : m_ctx(ctx), m_cache(cache), m_base(base), m_dl(ImGui::GetWindowDrawList()) {
    const float line = base.font->FontSize;
    m_gap = 0.6f * line;
    m_verbatim = ctx.palette->warning;
    m_code_bg = ImGui::GetColorU32(ImGuiCol_FrameBg);
  }

  MarkdownResult result;

  float blocks(const std::vector<Block>& list, float x, float y, float w, bool tight, float* first_baseline = nullptr) {
    float h = 0;
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) h += tight ? 0.2f * m_gap : m_gap;
      if (list[i].kind == BlockKind::Heading && i > 0) h += 0.4f * m_gap;
      const Drawn d = block(list[i], x, y + h, w);
      if (i == 0 && first_baseline) *first_baseline = d.baseline;
      h += d.height;
    }
    return h;
  }

  Drawn inline_block(const std::vector<Span>& spans, const InlineStyle& style, float x, float y, float w) {
    const InlineLayout l = layout_inline(m_cache.math, spans, style, w);
    std::string hovered;
    paint_inline(m_dl, l, *m_ctx.fonts, ImVec2(x, y), w, m_verbatim, m_code_bg, &hovered);
    note_link(hovered);
    return {l.height, l.lines.empty() ? 0.0f : l.lines[0].top + l.lines[0].ascent};
  }

 private:
  void note_link(const std::string& url) {
    if (url.empty()) return;
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("%s\n(click to copy the address)", url.c_str());
    if (ImGui::IsMouseClicked(0)) {
      ImGui::SetClipboardText(url.c_str());
      result.clicked_link = url;
    }
  }

  Drawn block(const Block& b, float x, float y, float w) {
    switch (b.kind) {
      case BlockKind::Heading: {
        const Fonts& f = *m_ctx.fonts;
        InlineStyle s = m_base;
        s.font = b.level <= 2 ? f.heading : f.bold;
        return inline_block(b.spans, s, x, y, w);
      }
      case BlockKind::Paragraph: return inline_block(b.spans, m_base, x, y, w);
      case BlockKind::List: return list(b, x, y, w);
      case BlockKind::Item: {
        float baseline = 0;
        const float h = blocks(b.children, x, y, w, true, &baseline);
        return {h, baseline};
      }
      case BlockKind::Code: return code(b, x, y, w);
      case BlockKind::Math: return display_math(b, x, y, w);
      case BlockKind::Table: return table(b, x, y, w);
      case BlockKind::Quote: {
        const float indent = 14.0f * m_ctx.scale;
        float baseline = 0;
        const float h = blocks(b.children, x + indent, y, w - indent, false, &baseline);
        m_dl->AddRectFilled(ImVec2(x + 2 * m_ctx.scale, y), ImVec2(x + 5 * m_ctx.scale, y + h), m_ctx.palette->frame, 1.5f);
        return {h, baseline};
      }
      case BlockKind::Rule: {
        const float h = m_gap;
        m_dl->AddLine(ImVec2(x, y + h / 2), ImVec2(x + w, y + h / 2), m_ctx.palette->frame, 1.0f);
        return {h, h / 2};
      }
      case BlockKind::Image: return image(b, x, y, w);
    }
    return {};
  }

  Drawn list(const Block& b, float x, float y, float w) {
    const Fonts& f = *m_ctx.fonts;
    const ImFont* font = m_base.font;
    const float size = font->FontSize;
    float marker_w = 1.3f * size;
    if (b.ordered) {
      const int last = b.start + static_cast<int>(b.children.size()) - 1;
      marker_w = text_width(font, size, std::to_string(last) + ". ") + 0.2f * size;
    }
    static const char* const kBullets[] = {"\u2022", "\u25E6", "\u25AA"};  // • ◦ ▪ by depth
    const char* bullet = kBullets[std::min(m_list_depth, 2)];
    ++m_list_depth;
    float h = 0, first = 0;
    for (size_t i = 0; i < b.children.size(); ++i) {
      const Block& item = b.children[i];
      if (i > 0) h += b.tight ? 0.25f * m_gap : m_gap;
      float baseline = 0;
      const float ih = blocks(item.children, x + marker_w, y + h, w - marker_w, b.tight, &baseline);
      if (item.children.empty()) baseline = ascent_of(font, size);
      std::string marker;
      if (item.task == text::Task::Open) marker = "\u2610";
      else if (item.task == text::Task::Done) marker = "\u2611";
      else if (b.ordered) marker = std::to_string(item.number > 0 ? item.number : b.start + static_cast<int>(i)) + ".";
      else marker = bullet;
      const ImFont* mf = item.task != text::Task::None ? f.body : font;
      const float mw = text_width(mf, size, marker);
      // Numbers right-aligned in the marker column; bullets a little in from its left edge.
      const float mx = b.ordered && item.task == text::Task::None ? x + marker_w - mw - 0.35f * size : x + 0.3f * size;
      m_dl->AddText(mf, size, ImVec2(mx, y + h + baseline - ascent_of(mf, size)),
                    b.ordered ? m_base.colour : m_ctx.palette->text_dim, marker.c_str());
      if (i == 0) first = baseline;
      h += std::max(ih, ascent_of(font, size) + descent_of(font, size));
    }
    --m_list_depth;
    return {h, first};
  }

  Drawn code(const Block& b, float x, float y, float w) {
    const ImFont* mono = m_ctx.fonts->mono;
    const float size = mono->FontSize;
    const float pad = 0.5f * size;
    const float inner = std::max(size, w - 2 * pad);
    // Lines wrap between characters: code is never cut off, and a continuation is indented.
    std::vector<std::string> lines;
    std::string_view src = b.text;
    while (!src.empty() && src.back() == '\n') src.remove_suffix(1);
    size_t start = 0;
    while (start <= src.size()) {
      size_t end = src.find('\n', start);
      if (end == std::string_view::npos) end = src.size();
      std::string_view line = src.substr(start, end - start);
      bool continuation = false;
      do {
        const char* b0 = line.data();
        const char* e0 = b0 + line.size();
        const float avail = continuation ? inner - 2 * text_width(mono, size, " ") : inner;
        const char* cut = b0;
        float lw = 0;
        while (cut < e0) {
          size_t j = static_cast<size_t>(cut - b0);
          const char32_t cp = text::next_code_point(line, j);
          const ImFontGlyph* g = mono->FindGlyph(static_cast<ImWchar>(cp > 0xFFFF ? 0xFFFD : cp));
          const float adv = g ? g->AdvanceX * size / mono->FontSize : 0.0f;
          if (lw + adv > avail && cut > b0) break;
          lw += adv;
          cut = b0 + j;
        }
        lines.push_back((continuation ? std::string("  ") : std::string()) + std::string(b0, cut));
        line.remove_prefix(static_cast<size_t>(cut - b0));
        continuation = true;
      } while (!line.empty());
      start = end + 1;
    }
    const float lh = size;
    const float h = 2 * pad + lh * static_cast<float>(lines.size());
    m_dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), m_code_bg, 4.0f * m_ctx.scale);
    if (!b.lang.empty()) {
      const ImFont* sf = m_ctx.fonts->small;
      const float lw = text_width(sf, sf->FontSize, b.lang);
      m_dl->AddText(sf, sf->FontSize, ImVec2(x + w - lw - 0.4f * pad, y + 0.2f * pad), m_ctx.palette->text_dim, b.lang.c_str());
    }
    for (size_t i = 0; i < lines.size(); ++i)
      m_dl->AddText(mono, size, ImVec2(x + pad, y + pad + lh * static_cast<float>(i)), m_base.code_colour,
                    lines[i].c_str());
    return {h, pad + ascent_of(mono, size)};
  }

  Drawn display_math(const Block& b, float x, float y, float w) {
    if (!b.math) {
      Span source;
      source.kind = SpanKind::Code;
      source.text = b.text;
      return inline_block({source}, m_base, x, y, w);
    }
    float size = m_base.font->FontSize;
    const text::MathLayout* l = &m_cache.math.get(*m_ctx.fonts, b.math, size, true);
    if (l->width > w && l->width > 0) {
      // Too wide for the panel: smaller, down to 60%; beyond that it is clipped at the right.
      size *= std::max(0.6f, w / l->width);
      l = &m_cache.math.get(*m_ctx.fonts, b.math, size, true);
    }
    const float pad = 0.3f * m_base.font->FontSize;
    const float ox = x + std::max(0.0f, (w - l->width) / 2);
    draw_math(m_dl, *m_ctx.fonts, *l, ImVec2(ox, y + pad + l->ascent), m_base.colour, m_verbatim);
    return {2 * pad + l->ascent + l->descent, pad + l->ascent};
  }

  Drawn image(const Block& b, float x, float y, float w) {
    const Span* s = b.spans.empty() ? nullptr : &b.spans.front();
    const ImFont* f = m_ctx.fonts->body;
    const ImFont* sf = m_ctx.fonts->small;
    const float pad = 0.5f * f->FontSize;
    const std::string label = "\u25A8 " + (s && !s->text.empty() ? s->text : std::string("image"));
    const std::string url = s ? s->url : std::string();
    const float h = 2 * pad + f->FontSize + (url.empty() ? 0.0f : sf->FontSize + 2);
    const ImU32 border = m_ctx.palette->frame;
    m_dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), m_code_bg, 4.0f * m_ctx.scale);
    m_dl->AddRect(ImVec2(x, y), ImVec2(x + w, y + h), border, 4.0f * m_ctx.scale);
    const ImVec4 clip(x, y, x + w - pad, y + h);
    m_dl->AddText(f, f->FontSize, ImVec2(x + pad, y + pad), m_ctx.palette->text_dim, label.c_str(), nullptr, 0.0f, &clip);
    if (!url.empty())
      m_dl->AddText(sf, sf->FontSize, ImVec2(x + pad, y + pad + f->FontSize + 2), m_ctx.palette->text_dim, url.c_str(),
                    nullptr, 0.0f, &clip);
    if (!url.empty() && ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(ImVec2(x, y), ImVec2(x + w, y + h)))
      note_link(url);
    return {h, pad + ascent_of(f, f->FontSize)};
  }

  Drawn table(const Block& b, float x, float y, float w) {
    size_t cols = b.align.size();
    for (const auto& row : b.rows) cols = std::max(cols, row.size());
    if (cols == 0 || b.rows.empty()) return {};
    const Fonts& f = *m_ctx.fonts;
    InlineStyle header = m_base;
    header.font = f.bold;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(7 * m_ctx.scale, 3 * m_ctx.scale));
    const ImGuiStyle& st = ImGui::GetStyle();
    const float cell_pad = st.CellPadding.x;
    // Natural widths decide between fixed columns (the table fits) and proportional ones (it wraps).
    std::vector<float> natural(cols, 0.0f);
    for (size_t r = 0; r < b.rows.size(); ++r)
      for (size_t c = 0; c < b.rows[r].size(); ++c) {
        const InlineLayout l = layout_inline(m_cache.math, b.rows[r][c], static_cast<int>(r) < b.header_rows ? header : m_base, 0);
        natural[c] = std::max(natural[c], std::ceil(l.width) + 1);  // +1: a fixed column must never wrap its widest cell
      }
    float total = 0;
    for (float n : natural) total += n + 2 * cell_pad + 1;
    const bool fits = total <= w;
    // When it does not fit, narrow columns (a name, a number) keep their natural width and only the wide
    // ones wrap, so a short word is never broken between letters.
    std::vector<bool> fixed(cols, fits);
    if (!fits) {
      float fixed_total = 0;
      for (size_t c = 0; c < cols; ++c)
        if (natural[c] <= w / static_cast<float>(cols)) fixed[c] = true, fixed_total += natural[c] + 2 * cell_pad + 1;
      if (fixed_total > 0.6f * w) std::fill(fixed.begin(), fixed.end(), false);
    }
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushID(&b);
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInner | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_RowBg |
                                  (fits ? ImGuiTableFlags_SizingFixedFit : ImGuiTableFlags_SizingStretchProp);
    float h = 0;
    if (ImGui::BeginTable("table", static_cast<int>(cols), flags, ImVec2(fits ? total : w, 0))) {
      for (size_t c = 0; c < cols; ++c) {
        const float natural_w = std::max(natural[c], 1.0f);
        ImGui::TableSetupColumn(nullptr, fixed[c] ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                                fixed[c] ? natural_w : std::max(natural_w, 3.0f * m_base.font->FontSize));
      }
      for (size_t r = 0; r < b.rows.size(); ++r) {
        const bool is_header = static_cast<int>(r) < b.header_rows;
        ImGui::TableNextRow(is_header ? ImGuiTableRowFlags_Headers : 0);
        if (is_header)
          ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
        for (size_t c = 0; c < cols; ++c) {
          ImGui::TableSetColumnIndex(static_cast<int>(c));
          if (c >= b.rows[r].size()) continue;
          const float cw = ImGui::GetContentRegionAvail().x;
          const InlineLayout l = layout_inline(m_cache.math, b.rows[r][c], is_header ? header : m_base, cw);
          const ImVec2 p = ImGui::GetCursorScreenPos();
          const text::Align a = c < b.align.size() ? b.align[c] : text::Align::Default;
          float dx = 0;
          if (a == text::Align::Right) dx = cw - l.width;
          else if (a == text::Align::Center) dx = (cw - l.width) / 2;
          std::string hovered;
          paint_inline(m_dl = ImGui::GetWindowDrawList(), l, f, ImVec2(p.x + std::max(0.0f, dx), p.y), l.width, m_verbatim,
                       m_code_bg, &hovered);
          note_link(hovered);
          ImGui::Dummy(ImVec2(std::min(cw, l.width), l.height));
        }
      }
      ImGui::EndTable();
      h = ImGui::GetCursorScreenPos().y - y - st.ItemSpacing.y;
    }
    ImGui::PopID();
    const float first = st.CellPadding.y + ascent_of(m_base.font, m_base.font->FontSize);
    ImGui::PopStyleVar();
    m_dl = ImGui::GetWindowDrawList();
    return {h, first};
  }

  ViewContext& m_ctx;
  MarkdownCache& m_cache;
  InlineStyle m_base;
  ImDrawList* m_dl;
  float m_gap = 10;
  ImU32 m_verbatim = 0, m_code_bg = 0;
  int m_list_depth = 0;
};

float resolve_width(const MarkdownStyle& style) {
  return style.width > 0 ? style.width : std::max(1.0f, ImGui::GetContentRegionAvail().x);
}

}  // namespace

InlineLayout layout_inline(MathCache& cache, const std::vector<text::Span>& spans, const InlineStyle& style,
                           float wrap_width) {
  InlineBuilder b(cache, style, wrap_width);
  for (const Span& s : spans) b.add(s);
  return b.finish();
}

void paint_inline(ImDrawList* dl, const InlineLayout& layout, const Fonts& fonts, ImVec2 origin, float width,
                  ImU32 verbatim_colour, ImU32 code_background, std::string* hovered_url) {
  const bool hover_ok = hovered_url && ImGui::IsWindowHovered();
  for (const InlineLine& line : layout.lines) {
    const float baseline = origin.y + line.top + line.ascent;
    const float x0 = origin.x + (line.centred ? std::max(0.0f, (width - line.width) / 2) : 0.0f);
    for (size_t k = 0; k < line.items.size(); ++k) {
      const InlineItem& it = line.items[k];
      const float x = x0 + it.x;
      switch (it.kind) {
        case InlineKind::Text:
        case InlineKind::Code: {
          const float top = baseline - ascent_of(it.font, it.size);
          float tx = x;
          if (it.kind == InlineKind::Code) {
            const ImDrawFlags corners = (it.join_left ? 0 : ImDrawFlags_RoundCornersLeft) |
                                        (it.join_right ? 0 : ImDrawFlags_RoundCornersRight);
            dl->AddRectFilled(ImVec2(x, top - 1), ImVec2(x + it.w, baseline + descent_of(it.font, it.size)), code_background,
                              corners ? 3.0f : 0.0f, corners ? corners : ImDrawFlags_RoundCornersNone);
            if (!it.join_left) tx += kCodePad;
          }
          dl->AddText(it.font, it.size, ImVec2(tx, top), it.colour, it.text.c_str(), it.text.c_str() + it.text.size());
          if (it.strike) {
            const float sy = baseline - 0.3f * it.size;
            dl->AddLine(ImVec2(x, sy), ImVec2(x + it.w, sy), it.colour, 1.0f);
          }
          break;
        }
        case InlineKind::Math:
          draw_math(dl, fonts, *it.math, ImVec2(x, baseline), it.colour, verbatim_colour);
          break;
        case InlineKind::Image: {
          const float top = baseline - ascent_of(it.font, it.size);
          dl->AddRect(ImVec2(x, top - 1), ImVec2(x + it.w, baseline + descent_of(it.font, it.size) + 1), it.colour, 3.0f);
          dl->AddText(it.font, it.size, ImVec2(x + kCodePad, top), it.colour, it.text.c_str());
          break;
        }
      }
      if (!it.url.empty()) {
        if (it.kind == InlineKind::Text || it.kind == InlineKind::Code) {
          // One underline under the whole link: across the space to its next word on this line.
          const InlineItem* next = k + 1 < line.items.size() ? &line.items[k + 1] : nullptr;
          const float end = next && next->url == it.url ? x0 + next->x : x + it.w;
          const float uy = baseline + 2.0f;
          dl->AddLine(ImVec2(x, uy), ImVec2(end, uy), it.colour, 1.0f);
        }
        if (hover_ok && ImGui::IsMouseHoveringRect(ImVec2(x, baseline - it.ascent), ImVec2(x + it.w, baseline + it.descent)))
          *hovered_url = it.url;
      }
    }
  }
}

InlineStyle inline_style(const ViewContext& ctx, const ImFont* font, ImU32 colour) {
  InlineStyle s;
  s.fonts = ctx.fonts;
  s.font = font ? font : ctx.fonts->body;
  s.colour = colour ? colour : ImGui::GetColorU32(ImGuiCol_Text);
  s.link = ctx.palette->accent;
  s.code_colour = colour ? colour : ImGui::GetColorU32(ImGuiCol_Text);
  s.dim = ctx.palette->text_dim;
  s.line_gap = 0.15f * s.font->FontSize;
  return s;
}

MarkdownResult draw_markdown(ViewContext& ctx, MarkdownCache& cache, const text::Document& doc, const MarkdownStyle& style) {
  const float w = resolve_width(style);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  BlockRenderer r(ctx, cache, inline_style(ctx, style.font, style.colour));
  const float h = r.blocks(doc.blocks, p.x, p.y, w, false);
  ImGui::SetCursorScreenPos(p);
  ImGui::Dummy(ImVec2(w, h));
  r.result.height = h;
  return r.result;
}

MarkdownResult draw_spans(ViewContext& ctx, MarkdownCache& cache, const std::vector<text::Span>& spans,
                          const MarkdownStyle& style) {
  const float w = resolve_width(style);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  BlockRenderer r(ctx, cache, inline_style(ctx, style.font, style.colour));
  const float h = r.inline_block(spans, inline_style(ctx, style.font, style.colour), p.x, p.y, w).height;
  ImGui::Dummy(ImVec2(w, h));
  r.result.height = h;
  return r.result;
}

}  // namespace attend::views
