// layout_math: boxes in the TeX manner, simplified. Each node becomes a box (width, ascent, descent) holding
// glyph runs and strokes relative to its baseline origin; parents shift and merge their children's boxes.
// Fraction bars, radicals, tall delimiters and accents are strokes, so they scale to any content without
// needing glyphs the font may not have.

#include <algorithm>
#include <cmath>

#include "core/text/tex.h"
#include "core/text/utf8.h"

namespace attend::text {
namespace {

struct Box {
  float w = 0, asc = 0, desc = 0;
  std::vector<MathRun> runs;
  std::vector<MathStroke> strokes;

  void add(const Box& b, float dx, float dy) {
    for (MathRun r : b.runs) {
      r.x += dx;
      r.y += dy;
      runs.push_back(std::move(r));
    }
    for (MathStroke s : b.strokes) {
      for (size_t i = 0; i + 1 < s.points.size(); i += 2) s.points[i] += dx, s.points[i + 1] += dy;
      strokes.push_back(std::move(s));
    }
  }
  // Grows the extents to cover `b` placed at (dx, dy).
  void cover(const Box& b, float dy) {
    asc = std::max(asc, b.asc - dy);
    desc = std::max(desc, b.desc + dy);
  }
  void stroke(std::initializer_list<float> pts, float thickness) { strokes.push_back({pts, thickness}); }
};

constexpr float kPi = 3.14159265f;

class Layouter {
 public:
  explicit Layouter(const MathMetrics& m) : m_m(m) {}

  Box layout(const MathNode& n, float size, bool display) {
    switch (n.kind) {
      case MathKind::Row: return row(n, size, display);
      case MathKind::Atom: return atom(n, size, display);
      case MathKind::Frac: return frac(n, size, display);
      case MathKind::Root: return root(n, size, display);
      case MathKind::Scripts: return scripts(n, size, display);
      case MathKind::Delimited: return delimited(n, size, display);
      case MathKind::Accent: return accent(n, size, display);
      case MathKind::Grid: return grid(n, size, display);
      case MathKind::Space: {
        Box b;
        b.w = n.em * size;
        return b;
      }
    }
    return {};
  }

 private:
  float script_size(float size) const { return std::max(m_m.min_size, size * 0.7f); }
  float axis(float size) const { return 0.28f * size; }
  float rule(float size) const { return std::max(1.0f, 0.06f * size); }
  float measure(std::string_view text, float size, MathFont font) const {
    return m_m.measure ? m_m.measure(text, size, font) : approximate_text_width(text, size, font);
  }

  Box glyphs(const std::string& text, float size, MathFont font) const {
    Box b;
    b.w = measure(text, size, font);
    b.asc = m_m.ascent * size;
    b.desc = m_m.descent * size;
    if (!text.empty()) b.runs.push_back({0, 0, size, text, font});
    return b;
  }

  Box atom(const MathNode& n, float size, bool display) {
    if (n.scale > 1.0f) {
      // \big( and friends: a delimiter of a fixed height, centred on the axis.
      const float half = 0.5f * n.scale * (m_m.ascent + m_m.descent) * size;
      Box b;
      b.w = delimiter(b, n.text, -axis(size) - half, -axis(size) + half, size, 0);
      b.asc = axis(size) + half;
      b.desc = half - axis(size);
      return b;
    }
    if (n.cls == AtomClass::Op && n.large && display) {
      // A big operator in display style: larger, centred where a normal glyph would be.
      const float big = size * 1.6f;
      Box b = glyphs(n.text, big, n.font);
      const float dy = 0.5f * (m_m.ascent - m_m.descent) * (big - size);
      for (MathRun& r : b.runs) r.y += dy;
      b.asc -= dy;
      b.desc += dy;
      return b;
    }
    Box b = glyphs(n.text, size, n.font);
    if (n.cls == AtomClass::Op && n.large) {
      // Inline ∑ and ∫ read better a little larger than the text around them.
      b = glyphs(n.text, size * 1.2f, n.font);
      const float dy = 0.5f * (m_m.ascent - m_m.descent) * (0.2f * size);
      for (MathRun& r : b.runs) r.y += dy;
      b.asc -= dy;
      b.desc += dy;
    }
    return b;
  }

  static AtomClass class_of(const MathNode& n) {
    if (n.kind == MathKind::Atom) return n.cls;
    if (n.kind == MathKind::Scripts) return class_of(n.children[0]);
    return AtomClass::Ord;
  }

  // Thin (3mu), medium (4mu) and thick (5mu) spaces between atom classes, after TeX's table; in scripts
  // only the thin spaces remain.
  static float spacing_mu(AtomClass l, AtomClass r, bool script) {
    using A = AtomClass;
    auto only_text = [&](float mu) { return script ? 0.0f : mu; };
    switch (l) {
      case A::Ord:
        if (r == A::Op) return 3;
        if (r == A::Bin) return only_text(4);
        if (r == A::Rel) return only_text(5);
        return 0;
      case A::Op:
        if (r == A::Ord || r == A::Op) return 3;
        if (r == A::Rel) return only_text(5);
        return 0;
      case A::Bin:
        if (r == A::Ord || r == A::Op || r == A::Open) return only_text(4);
        return 0;
      case A::Rel:
        if (r == A::Ord || r == A::Op || r == A::Open) return only_text(5);
        return 0;
      case A::Open: return 0;
      case A::Close:
        if (r == A::Op) return 3;
        if (r == A::Bin) return only_text(4);
        if (r == A::Rel) return only_text(5);
        return 0;
      case A::Punct:
        if (r == A::Rel || r == A::Punct || r == A::Ord || r == A::Op || r == A::Open || r == A::Close)
          return only_text(3);
        return 0;
    }
    return 0;
  }

  Box row(const MathNode& n, float size, bool display) {
    // Classes with TeX's rule: a binary operator with nothing to combine becomes ordinary (the - in -x).
    std::vector<AtomClass> cls;
    std::vector<int> index;  // children that take part in spacing (spaces do not)
    for (size_t i = 0; i < n.children.size(); ++i) {
      if (n.children[i].kind == MathKind::Space) continue;
      cls.push_back(class_of(n.children[i]));
      index.push_back(static_cast<int>(i));
    }
    for (size_t k = 0; k < cls.size(); ++k) {
      if (cls[k] != AtomClass::Bin) continue;
      const bool bad_left = k == 0 || cls[k - 1] == AtomClass::Bin || cls[k - 1] == AtomClass::Op ||
                            cls[k - 1] == AtomClass::Rel || cls[k - 1] == AtomClass::Open ||
                            cls[k - 1] == AtomClass::Punct;
      const bool bad_right = k + 1 == cls.size() || cls[k + 1] == AtomClass::Rel ||
                             cls[k + 1] == AtomClass::Close || cls[k + 1] == AtomClass::Punct;
      if (bad_left || bad_right) cls[k] = AtomClass::Ord;
    }
    const bool script = size < m_script_threshold;
    std::vector<float> space_before(n.children.size(), 0);
    for (size_t k = 1; k < cls.size(); ++k)
      space_before[index[k]] = spacing_mu(cls[k - 1], cls[k], script) / 18.0f * size;

    Box out;
    float x = 0;
    for (size_t i = 0; i < n.children.size(); ++i) {
      x += space_before[i];
      Box b = layout(n.children[i], size, display);
      out.add(b, x, 0);
      out.cover(b, 0);
      x += b.w;
    }
    out.w = std::max(0.0f, x);
    return out;
  }

  Box frac(const MathNode& n, float size, bool display) {
    const float inner = display ? size : std::max(m_m.min_size, size * 0.75f);
    Box num = layout(n.children[0], inner, false);
    Box den = layout(n.children[1], inner, false);
    const float t = rule(size), gap = 0.12f * size, pad = 0.12f * size;
    const float u = axis(size) + t / 2 + gap + num.desc;
    const float v = -axis(size) + t / 2 + gap + den.asc;
    Box out;
    out.w = std::max(num.w, den.w) + 2 * pad;
    out.add(num, (out.w - num.w) / 2, -u);
    out.add(den, (out.w - den.w) / 2, v);
    out.cover(num, -u);
    out.cover(den, v);
    if (n.rule) out.stroke({pad * 0.5f, -axis(size), out.w - pad * 0.5f, -axis(size)}, t);
    return out;
  }

  Box root(const MathNode& n, float size, bool display) {
    Box body = layout(n.children[0], size, display);
    const float t = rule(size), gap = 0.12f * size;
    const float top = -(body.asc + gap), bottom = body.desc;
    const float rw = 0.5f * size + 0.05f * (bottom - top);
    const float mid = bottom - 0.45f * (bottom - top);
    float shift = 0;
    Box index;
    const bool has_index = n.children.size() > 1;
    if (has_index) {
      index = layout(n.children[1], std::max(m_m.min_size, size * 0.55f), false);
      shift = std::max(0.0f, index.w - 0.45f * rw);
    }
    Box out;
    out.stroke({shift, mid, shift + 0.15f * rw, mid - 0.06f * size, shift + 0.45f * rw, bottom, shift + rw, top,
                shift + rw + body.w + 0.1f * size, top},
               t);
    if (has_index) {
      const float dy = mid - 0.1f * size - index.desc;
      out.add(index, shift + 0.45f * rw - index.w, dy);
      out.cover(index, dy);
    }
    out.add(body, shift + rw, 0);
    out.w = shift + rw + body.w + 0.15f * size;
    out.asc = std::max(out.asc, -top + t);
    out.desc = std::max(out.desc, bottom);
    return out;
  }

  static bool empty(const MathNode& n) { return n.kind == MathKind::Row && n.children.empty(); }

  Box scripts(const MathNode& n, float size, bool display) {
    const MathNode& base_node = n.children[0];
    Box base = layout(base_node, size, display);
    const float ss = script_size(size);
    const bool has_sub = !empty(n.children[1]), has_sup = !empty(n.children[2]);
    Box sub, sup;
    if (has_sub) sub = layout(n.children[1], ss, false);
    if (has_sup) sup = layout(n.children[2], ss, false);
    const bool limits = n.stacked || (display && base_node.kind == MathKind::Atom && base_node.cls == AtomClass::Op &&
                                      base_node.limits);
    Box out;
    if (limits) {
      const float gap = 0.12f * size;
      out.w = std::max({base.w, sub.w, sup.w});
      out.add(base, (out.w - base.w) / 2, 0);
      out.cover(base, 0);
      if (has_sup) {
        const float dy = -(base.asc + gap + sup.desc);
        out.add(sup, (out.w - sup.w) / 2, dy);
        out.cover(sup, dy);
      }
      if (has_sub) {
        const float dy = base.desc + gap + sub.asc;
        out.add(sub, (out.w - sub.w) / 2, dy);
        out.cover(sub, dy);
      }
      return out;
    }
    out.add(base, 0, 0);
    out.cover(base, 0);
    float up = std::max(0.38f * size, base.asc - 0.5f * sup.asc);
    float down = std::max(0.2f * size, base.desc - 0.2f * sub.asc + (has_sup ? 0.05f * size : 0.0f));
    if (has_sub && has_sup) {
      // Keep a visible gap between the superscript's bottom and the subscript's top.
      const float clearance = (down - sub.asc) - (-up + sup.desc);
      const float need = 0.15f * size;
      if (clearance < need) down += need - clearance;
    }
    const float x = base.w + 0.04f * size;
    if (has_sup) {
      out.add(sup, x, -up);
      out.cover(sup, -up);
    }
    if (has_sub) {
      out.add(sub, x, down);
      out.cover(sub, down);
    }
    out.w = x + std::max(sub.w, sup.w) + 0.04f * size;
    return out;
  }

  // Draws delimiter `d` spanning [top, bottom] at x into `into`; returns its width.
  float delimiter(Box& into, const std::string& d, float top, float bottom, float size, float x) const {
    const float h = bottom - top;
    const float t = rule(size) * (h > 2.5f * size ? 1.3f : 1.1f);
    if (d.empty() || d == ".") return 0.1f * size;
    if (d == "(" || d == ")") {
      const float w = std::min(0.6f * size, 0.3f * size + 0.04f * h);
      MathStroke s{{}, t};
      for (int i = 0; i <= 16; ++i) {
        const float u = i / 16.0f;
        const float bulge = std::sin(kPi * u) * w * 0.6f;
        const float px = d == "(" ? x + w * 0.8f - bulge : x + w * 0.2f + bulge;
        s.points.push_back(px);
        s.points.push_back(top + u * h);
      }
      into.strokes.push_back(std::move(s));
      return w;
    }
    if (d == "[" || d == "]" || d == "⌊" || d == "⌋" || d == "⌈" || d == "⌉") {
      const float w = 0.35f * size;
      const bool left = d == "[" || d == "⌊" || d == "⌈";
      const bool has_top = d == "[" || d == "]" || d == "⌈" || d == "⌉";
      const bool has_bottom = d == "[" || d == "]" || d == "⌊" || d == "⌋";
      const float stem = left ? x + 0.3f * w : x + 0.7f * w;
      const float tip = left ? x + 0.85f * w : x + 0.15f * w;
      MathStroke s{{}, t};
      if (has_top) s.points.insert(s.points.end(), {tip, top});
      s.points.insert(s.points.end(), {stem, top, stem, bottom});
      if (has_bottom) s.points.insert(s.points.end(), {tip, bottom});
      into.strokes.push_back(std::move(s));
      return w;
    }
    if (d == "|" || d == "∣") {
      const float w = 0.3f * size;
      into.stroke({x + w / 2, top, x + w / 2, bottom}, t);
      return w;
    }
    if (d == "‖" || d == "∥") {
      const float w = 0.42f * size;
      into.stroke({x + 0.3f * w, top, x + 0.3f * w, bottom}, t);
      into.stroke({x + 0.7f * w, top, x + 0.7f * w, bottom}, t);
      return w;
    }
    if (d == "⟨" || d == "⟩") {
      const float w = 0.4f * size;
      const float a = d == "⟨" ? x + 0.8f * w : x + 0.2f * w, b = d == "⟨" ? x + 0.2f * w : x + 0.8f * w;
      into.stroke({a, top, b, top + h / 2, a, bottom}, t);
      return w;
    }
    if (d == "{" || d == "}") {
      const float w = 0.45f * size;
      const float s = d == "{" ? 1.0f : -1.0f;
      const float o = d == "{" ? x : x + w;  // the brace's outer edge
      const float c = h * 0.06f;
      const float mid = top + h / 2;
      into.stroke({o + s * 0.85f * w, top, o + s * 0.5f * w, top + c, o + s * 0.5f * w, mid - c, o + s * 0.15f * w,
                   mid, o + s * 0.5f * w, mid + c, o + s * 0.5f * w, bottom - c, o + s * 0.85f * w, bottom},
                  t);
      return w;
    }
    // Any other delimiter (/, \backslash, ↑): the glyph scaled to the height.
    const float gs = h / (m_m.ascent + m_m.descent);
    const float w = measure(d, gs, MathFont::Upright);
    into.runs.push_back({x, top + m_m.ascent * gs, gs, d, MathFont::Upright});
    return w;
  }

  // Wraps `body` in delimiters; plain glyphs when the body is no taller than a line of text.
  Box wrap(const Box& body, const std::string& left, const std::string& right, float size) {
    const float a = axis(size);
    const float half = std::max({body.asc - a, body.desc + a, 0.5f * (m_m.ascent + m_m.descent) * size});
    const bool tall = 2 * half > 1.15f * (m_m.ascent + m_m.descent) * size;
    Box out;
    float x = 0;
    auto side = [&](const std::string& d) {
      if (d == "." || d.empty()) return;
      if (!tall && d != "‖") {
        Box g = glyphs(d, size, MathFont::Upright);
        out.add(g, x, 0);
        out.cover(g, 0);
        x += g.w;
      } else {
        const float top = -a - half - 0.05f * size, bottom = -a + half + 0.05f * size;
        x += delimiter(out, d, top, bottom, size, x);
        out.asc = std::max(out.asc, -top);
        out.desc = std::max(out.desc, bottom);
      }
    };
    // Tall delimiters are strokes hugging their content; a little air keeps them off it.
    const float gap = tall ? 0.08f * size : 0.0f;
    side(left);
    if (left != "." && !left.empty()) x += gap;
    out.add(body, x, 0);
    out.cover(body, 0);
    x += body.w;
    if (right != "." && !right.empty()) x += gap;
    side(right);
    out.w = x;
    return out;
  }

  Box delimited(const MathNode& n, float size, bool display) {
    return wrap(layout(n.children[0], size, display), n.text, n.text2, size);
  }

  Box accent(const MathNode& n, float size, bool display) {
    Box body = layout(n.children[0], size, display);
    Box out;
    out.add(body, 0, 0);
    out.cover(body, 0);
    out.w = body.w;
    const float t = rule(size);
    const std::string& k = n.text;
    const float span = std::min(body.w, std::max(0.45f * size, body.w * 0.9f));
    const float x0 = (body.w - span) / 2, x1 = x0 + span, xc = body.w / 2;
    const float y = -(body.asc + 0.06f * size);  // just above the body
    float top = y;
    if (k == "hat" || k == "check") {
      const float ah = 0.16f * size;
      if (k == "hat") out.stroke({x0, y, xc, y - ah, x1, y}, t);
      else out.stroke({x0, y - ah, xc, y, x1, y - ah}, t);
      top = y - ah;
    } else if (k == "bar") {
      out.stroke({x0, y - 0.04f * size, x1, y - 0.04f * size}, t);
      top = y - 0.04f * size - t;
    } else if (k == "vec") {
      const float yy = y - 0.1f * size, hd = 0.12f * size;
      out.stroke({x0, yy, x1, yy}, t);
      out.stroke({x1 - hd, yy - 0.7f * hd, x1, yy, x1 - hd, yy + 0.7f * hd}, t);
      top = yy - 0.7f * hd;
    } else if (k == "tilde") {
      MathStroke s{{}, t};
      const float amp = 0.05f * size, yy = y - 0.08f * size;
      for (int i = 0; i <= 12; ++i) {
        const float u = i / 12.0f;
        s.points.push_back(x0 + u * span);
        s.points.push_back(yy - amp * std::sin(2 * kPi * u));
      }
      out.strokes.push_back(std::move(s));
      top = yy - amp - t;
    } else if (k == "dot" || k == "ddot") {
      const float d = 1.8f * t, yy = y - 0.06f * size;
      if (k == "dot") {
        out.stroke({xc - d / 2, yy, xc + d / 2, yy}, d);
      } else {
        const float off = 0.12f * size;
        out.stroke({xc - off - d / 2, yy, xc - off + d / 2, yy}, d);
        out.stroke({xc + off - d / 2, yy, xc + off + d / 2, yy}, d);
      }
      top = yy - d;
    } else if (k == "acute" || k == "grave") {
      const float ah = 0.14f * size;
      if (k == "acute") out.stroke({xc - 0.05f * size, y, xc + 0.08f * size, y - ah}, t);
      else out.stroke({xc + 0.05f * size, y, xc - 0.08f * size, y - ah}, t);
      top = y - ah;
    } else if (k == "underline") {
      const float yy = body.desc + 0.08f * size;
      out.stroke({0, yy, body.w, yy}, t);
      out.desc = std::max(out.desc, yy + t);
    } else if (k == "overbrace" || k == "underbrace") {
      const bool over = k == "overbrace";
      const float bh = 0.22f * size;
      const float y0 = over ? -(body.asc + 0.08f * size) : body.desc + 0.08f * size;
      const float s = over ? -1.0f : 1.0f;
      const float w = body.w;
      out.stroke({0, y0, 0.08f * w, y0 + s * bh * 0.5f, w / 2 - bh * 0.5f, y0 + s * bh * 0.5f, w / 2, y0 + s * bh,
                  w / 2 + bh * 0.5f, y0 + s * bh * 0.5f, 0.92f * w, y0 + s * bh * 0.5f, w, y0},
                 t);
      if (over) top = y0 - bh - t;
      else out.desc = std::max(out.desc, y0 + bh + t);
    }
    out.asc = std::max(out.asc, -top);
    return out;
  }

  Box grid(const MathNode& n, float size, bool display) {
    const size_t rows = n.children.size();
    size_t cols = 0;
    for (const MathNode& r : n.children) cols = std::max(cols, r.children.size());
    std::vector<std::vector<Box>> cells(rows);
    std::vector<float> width(cols, 0), asc(rows, 0), desc(rows, 0);
    for (size_t i = 0; i < rows; ++i) {
      for (size_t j = 0; j < n.children[i].children.size(); ++j) {
        cells[i].push_back(layout(n.children[i].children[j], size, display));
        width[j] = std::max(width[j], cells[i][j].w);
        asc[i] = std::max(asc[i], cells[i][j].asc);
        desc[i] = std::max(desc[i], cells[i][j].desc);
      }
      asc[i] = std::max(asc[i], m_m.ascent * size);
      desc[i] = std::max(desc[i], m_m.descent * size);
    }
    const bool aligned = n.align.rfind("rl", 0) == 0;
    auto align_of = [&](size_t j) { return j < n.align.size() ? n.align[j] : n.align.back(); };
    std::vector<float> x(cols, 0);
    float w = 0;
    for (size_t j = 0; j < cols; ++j) {
      if (j > 0) w += aligned ? (j % 2 == 1 ? 0.0f : 1.5f * size) : (n.text == "{" ? 1.0f : 0.8f) * size;
      x[j] = w;
      w += width[j];
    }
    const float row_gap = 0.3f * size;
    float height = 0;
    for (size_t i = 0; i < rows; ++i) height += asc[i] + desc[i] + (i ? row_gap : 0);
    Box body;
    body.w = w;
    float y = -axis(size) - height / 2;  // the grid is centred on the math axis
    for (size_t i = 0; i < rows; ++i) {
      if (i) y += row_gap;
      const float baseline = y + asc[i];
      for (size_t j = 0; j < cells[i].size(); ++j) {
        const char a = align_of(j);
        const float slack = width[j] - cells[i][j].w;
        const float dx = x[j] + (a == 'l' ? 0 : a == 'r' ? slack : slack / 2);
        body.add(cells[i][j], dx, baseline);
      }
      y = baseline + desc[i];
    }
    body.asc = axis(size) + height / 2;
    body.desc = height / 2 - axis(size);
    if (n.text == "." && n.text2 == ".") return body;
    // Matrices breathe a little inside their delimiters.
    Box padded;
    padded.add(body, 0.15f * size, 0);
    padded.w = body.w + 0.3f * size;
    padded.asc = body.asc;
    padded.desc = body.desc;
    return wrap(padded, n.text, n.text2, size);
  }

  const MathMetrics& m_m;

 public:
  float m_script_threshold = 0;  // sizes below this are script sizes (no medium/thick spaces)
};

}  // namespace

float approximate_text_width(std::string_view text, float size, MathFont font) {
  float w = 0;
  size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    w += cp == ' ' ? 0.3f : (font == MathFont::Mono ? 0.6f : 0.55f);
  }
  return w * size;
}

MathMetrics approximate_metrics() {
  MathMetrics m;
  m.measure = approximate_text_width;
  return m;
}

MathLayout layout_math(const MathNode& node, const MathMetrics& metrics, float size, bool display) {
  Layouter l(metrics);
  l.m_script_threshold = size * 0.95f;
  Box b = l.layout(node, size, display);
  MathLayout out;
  out.width = b.w;
  out.ascent = b.asc;
  out.descent = b.desc;
  out.runs = std::move(b.runs);
  out.strokes = std::move(b.strokes);
  return out;
}

}  // namespace attend::text
