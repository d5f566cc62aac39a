#include "core/notes/import.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>

#include "core/search/tokenizer.h"
#include "core/text/markdown.h"
#include "core/text/utf8.h"
#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::notes {

const char* difficulty_tag(Difficulty d) {
  switch (d) {
    case Difficulty::Easy: return "E";
    case Difficulty::Medium: return "M";
    case Difficulty::Hard: return "H";
    case Difficulty::None: break;
  }
  return "";
}

const char* kind_name(CardKind k) {
  switch (k) {
    case CardKind::Heading: return "heading";
    case CardKind::SubQuestion: return "subquestion";
    case CardKind::Preamble: return "preamble";
  }
  return "";
}

namespace {

using text::Block;
using text::BlockKind;

struct Range {
  int first, last;  // inclusive lines
};

class FileParser {
 public:
  FileParser(std::string src, std::string path) : m_src(std::move(src)), m_path(std::move(path)), m_index(m_src) {}

  std::vector<Card> run() {
    text::Document doc = text::parse_markdown(m_src);
    // Sections: each top-level heading up to the next one; what comes before the first is the preamble.
    std::vector<const Block*> body;
    const Block* heading = nullptr;
    std::vector<std::pair<int, std::string>> stack;  // enclosing headings: level, plain question
    auto flush = [&](const Block* next_heading) {
      if (heading) {
        const bool has_children = next_heading && next_heading->level > heading->level;
        section(*heading, body, topic_of(stack, heading->level), has_children);
      } else {
        preamble(body);
      }
      body.clear();
    };
    for (const Block& b : doc.blocks) {
      if (b.kind != BlockKind::Heading) {
        body.push_back(&b);
        continue;
      }
      flush(&b);
      while (!stack.empty() && stack.back().first >= b.level) stack.pop_back();
      std::string q = heading_source(b);
      take_difficulty_tag(q);
      stack.emplace_back(b.level, text::trim(text::plain_text(text::parse_inline(q))));
      heading = &b;
    }
    flush(nullptr);
    return std::move(m_cards);
  }

 private:
  std::string line(int l) const { return text::slice_lines(m_src, m_index, l, l); }

  static std::vector<std::string> topic_of(const std::vector<std::pair<int, std::string>>& stack, int level) {
    std::vector<std::string> t;
    for (const auto& [l, q] : stack)
      if (l < level) t.push_back(q);
    return t;
  }

  // The heading's text as written: ATX markers or the setext underline removed.
  std::string heading_source(const Block& h) const {
    const std::string first = line(h.line);
    size_t i = first.find_first_not_of(' ');
    if (i != std::string::npos && first[i] == '#') {
      while (i < first.size() && first[i] == '#') ++i;
      std::string s = text::trim(first.substr(i));
      // An optional closing run of '#' after a space.
      size_t j = s.size();
      while (j > 0 && s[j - 1] == '#') --j;
      if (j < s.size() && (j == 0 || s[j - 1] == ' ')) s = text::trim(s.substr(0, j));
      return s;
    }
    std::string s;
    for (int l = h.line; l <= h.end_line; ++l) {
      const std::string t = text::trim(line(l));
      if (!t.empty() && t.find_first_not_of(t[0]) == std::string::npos && (t[0] == '=' || t[0] == '-')) break;
      s += (s.empty() ? "" : " ") + t;
    }
    return s;
  }

  // Lines of `ranges` joined: ranges separated only by blank lines are one piece (blank lines kept);
  // where something was cut out between them, a blank line separates the pieces.
  std::string join(std::vector<Range> ranges, int& first_line) const {
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.first < b.first; });
    std::string out;
    first_line = 0;
    int prev = 0;
    for (const Range& r : ranges) {
      if (r.first > r.last) continue;
      if (!first_line) {
        first_line = r.first;
      } else {
        bool gap_blank = true;
        for (int l = prev + 1; l < r.first; ++l) gap_blank = gap_blank && text::is_blank(line(l));
        out += gap_blank ? "\n" + std::string(static_cast<size_t>(std::max(0, r.first - prev - 1)), '\n') : "\n\n";
      }
      out += text::slice_lines(m_src, m_index, r.first, r.last);
      prev = r.last;
    }
    return out;
  }

  struct SubQuestion {
    int line = 0;
    std::string question;
    std::string answer;
    int answer_line = 0;
    int end_line = 0;
  };

  // A numbered item whose first paragraph has a line ending in '?': the lines up to it are the question,
  // the rest of the item (dedented to the item's content column) the answer.
  bool sub_question(const Block& item, SubQuestion& out) const {
    if (item.children.empty() || item.children[0].kind != BlockKind::Paragraph) return false;
    const Block& p = item.children[0];
    const std::string first = line(item.line);
    size_t c = first.find_first_not_of(' ');
    if (c == std::string::npos || !(first[c] >= '0' && first[c] <= '9')) return false;
    while (c < first.size() && first[c] >= '0' && first[c] <= '9') ++c;
    if (c >= first.size() || (first[c] != '.' && first[c] != ')')) return false;
    ++c;
    while (c < first.size() && first[c] == ' ') ++c;
    const size_t column = c;
    auto dedent = [&](int l) {
      const std::string s = line(l);
      if (l == item.line) return s.substr(std::min(column, s.size()));
      size_t k = 0;
      while (k < column && k < s.size() && s[k] == ' ') ++k;
      return s.substr(k);
    };
    int q_end = 0;
    for (int l = item.line; l <= p.end_line && !q_end; ++l) {
      std::string t = dedent(l);
      take_difficulty_tag(t);
      t = text::trim(t);
      const bool ends_q = (!t.empty() && t.back() == '?') || (t.size() >= 3 && t.compare(t.size() - 3, 3, "？") == 0);
      if (ends_q) q_end = l;
    }
    if (!q_end) return false;
    out.line = item.line;
    for (int l = item.line; l <= q_end; ++l) out.question += (l == item.line ? "" : " ") + text::trim(dedent(l));
    int a = q_end + 1, b = item.end_line;
    while (a <= b && text::is_blank(line(a))) ++a;
    while (b >= a && text::is_blank(line(b))) --b;
    for (int l = a; l <= b; ++l) out.answer += (l == a ? "" : "\n") + dedent(l);
    out.answer_line = a <= b ? a : 0;
    out.end_line = std::max(q_end, b);
    return true;
  }

  void emit(CardKind kind, std::string question, int question_line, std::string answer, int answer_line,
            int end_line, Difficulty inherited, const std::vector<std::string>& topic, const std::string& key_prefix) {
    Card c;
    c.kind = kind;
    c.difficulty = take_difficulty_tag(question);
    if (c.difficulty == Difficulty::None) c.difficulty = inherited;
    c.question = text::trim(question);
    c.answer = std::move(answer);
    c.answer_line = c.answer.empty() ? 0 : answer_line;
    c.topic = topic;
    c.sources.push_back({m_path, question_line, std::max(end_line, question_line)});
    c.key = key_prefix + normalize_question(c.question);
    m_cards.push_back(std::move(c));
  }

  // A heading (or the preamble) and its body: sub-questions become cards of their own; the rest is the
  // section's answer.
  void body_cards(const std::vector<const Block*>& body, std::vector<Range>& rest, Difficulty difficulty,
                  const std::vector<std::string>& topic, const std::string& parent_key, int& subs) {
    for (const Block* b : body) {
      if (b->kind != BlockKind::List || !b->ordered) {
        rest.push_back({b->line, b->end_line});
        continue;
      }
      for (const Block& item : b->children) {
        SubQuestion sq;
        if (!sub_question(item, sq)) {
          rest.push_back({item.line, item.end_line});
          continue;
        }
        ++subs;
        emit(CardKind::SubQuestion, sq.question, sq.line, sq.answer, sq.answer_line, sq.end_line, difficulty, topic,
             parent_key + " / ");
      }
    }
  }

  void section(const Block& h, const std::vector<const Block*>& body, const std::vector<std::string>& topic,
               bool has_children) {
    std::string question = heading_source(h);
    std::string tagless = question;
    const Difficulty difficulty = take_difficulty_tag(tagless);
    const std::string key = normalize_question(tagless);
    std::vector<std::string> sub_topic = topic;
    sub_topic.push_back(text::trim(text::plain_text(text::parse_inline(tagless))));

    const size_t heading_card = m_cards.size();
    m_cards.emplace_back();  // placeholder: the heading's card comes before its sub-questions
    std::vector<Range> rest;
    int subs = 0;
    body_cards(body, rest, difficulty, sub_topic, key, subs);
    int answer_line = 0;
    std::string answer = join(rest, answer_line);
    int end_line = h.end_line;
    for (const Block* b : body) end_line = std::max(end_line, b->end_line);
    const bool is_topic = text::is_blank(answer) && (subs > 0 || has_children);
    if (is_topic) {
      m_cards.erase(m_cards.begin() + static_cast<std::ptrdiff_t>(heading_card));
      return;
    }
    std::vector<Card> tail(std::make_move_iterator(m_cards.begin() + static_cast<std::ptrdiff_t>(heading_card) + 1),
                           std::make_move_iterator(m_cards.end()));
    m_cards.resize(heading_card);
    emit(CardKind::Heading, question, h.line, answer, answer_line, end_line, Difficulty::None, topic, "");
    for (Card& c : tail) m_cards.push_back(std::move(c));
  }

  void preamble(const std::vector<const Block*>& body) {
    if (body.empty()) return;
    const std::string name = std::filesystem::path(m_path).filename().string();
    const std::string key = "file " + normalize_question(name);
    const size_t first_card = m_cards.size();
    std::vector<Range> rest;
    int subs = 0;
    body_cards(body, rest, Difficulty::None, {}, key, subs);
    int answer_line = 0;
    std::string answer = join(rest, answer_line);
    if (text::is_blank(answer)) return;
    std::vector<Card> tail(std::make_move_iterator(m_cards.begin() + static_cast<std::ptrdiff_t>(first_card)),
                           std::make_move_iterator(m_cards.end()));
    m_cards.resize(first_card);
    emit(CardKind::Preamble, name, body.front()->line, answer, answer_line, body.back()->end_line, Difficulty::None, {},
         "file ");
    for (Card& c : tail) m_cards.push_back(std::move(c));
  }

  std::string m_src;
  std::string m_path;
  text::LineIndex m_index;
  std::vector<Card> m_cards;
};

// "- x", "* x", "+ x", "1. x", "1) x" → "x", whitespace collapsed.
std::string normalize_part(std::string_view part) {
  std::string s = text::trim(part);
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s.size() > 1 && s[1] == ' ') {
    i = 2;
  } else {
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i > 0 && i < s.size() && (s[i] == '.' || s[i] == ')')) ++i;
    else i = 0;
  }
  std::string out;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

struct Part {
  std::string source;
  int list = -1;  // index of the list it came from, or -1
  int first_line = 0, last_line = 0;
};

std::vector<Part> parts_of(const std::string& answer) {
  std::vector<Part> out;
  const text::LineIndex index(answer);
  const text::Document doc = text::parse_markdown(answer);
  int list = 0;
  for (const Block& b : doc.blocks) {
    if (b.kind == BlockKind::List) {
      for (const Block& item : b.children)
        out.push_back({text::slice_lines(answer, index, item.line, item.end_line), list, item.line, item.end_line});
      ++list;
    } else {
      out.push_back({text::slice_lines(answer, index, b.line, b.end_line), -1, b.line, b.end_line});
    }
  }
  return out;
}

}  // namespace

Difficulty take_difficulty_tag(std::string& text) {
  // ASCII letters and the Cyrillic ones that look the same (Е, М, Н), as typed on a Russian layout.
  static const struct {
    const char* tag;
    Difficulty d;
  } kTags[] = {
      {"[E]", Difficulty::Easy},        {"[e]", Difficulty::Easy},        {"[M]", Difficulty::Medium},
      {"[m]", Difficulty::Medium},      {"[H]", Difficulty::Hard},        {"[h]", Difficulty::Hard},
      {"[\xD0\x95]", Difficulty::Easy}, {"[\xD0\xB5]", Difficulty::Easy}, {"[\xD0\x9C]", Difficulty::Medium},
      {"[\xD0\xBC]", Difficulty::Medium}, {"[\xD0\x9D]", Difficulty::Hard}, {"[\xD0\xBD]", Difficulty::Hard},
  };
  size_t best = std::string::npos, len = 0;
  Difficulty d = Difficulty::None;
  for (const auto& t : kTags) {
    const size_t at = text.find(t.tag);
    if (at < best) best = at, len = std::string_view(t.tag).size(), d = t.d;
  }
  if (best == std::string::npos) return Difficulty::None;
  text.erase(best, len);
  // Collapse the space the tag leaves behind.
  if (best < text.size() && best > 0 && text[best] == ' ' && text[best - 1] == ' ') text.erase(best, 1);
  text = text::trim(text);
  return d;
}

std::string normalize_question(std::string_view question) {
  std::string q(question);
  take_difficulty_tag(q);
  q = text::trim(q);
  // A leading number ("3. ", "12) ") is ordering, not content: renumbering must not change the identity.
  size_t i = 0;
  while (i < q.size() && q[i] >= '0' && q[i] <= '9') ++i;
  if (i > 0 && i < q.size() && (q[i] == '.' || q[i] == ')')) q = q.substr(i + 1);
  std::string out;
  for (const std::string& t : search::tokenize(q)) out += (out.empty() ? "" : " ") + t;
  if (out.empty()) out = text::trim(q);  // a question of symbols only keeps them
  return out;
}

std::string card_id(const std::string& key) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* digits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) s[static_cast<size_t>(i)] = digits[h & 15];
  return s;
}

std::vector<std::string> answer_parts(const std::string& answer) {
  std::vector<std::string> out;
  for (Part& p : parts_of(answer)) out.push_back(std::move(p.source));
  return out;
}

namespace {

std::set<std::string> normalized_parts(const std::string& answer) {
  std::set<std::string> out;
  for (const Part& p : parts_of(answer)) out.insert(normalize_part(p.source));
  return out;
}

// Appends the parts of `more` whose normalised text is not in `seen` yet. `seen` holds the parts of every
// answer merged so far, each parsed on its own, so merging is idempotent however the joined text parses.
void append_new_parts(std::string& answer, std::set<std::string>& seen, const std::string& more) {
  const std::vector<Part> parts = parts_of(more);
  const Part* prev = nullptr;
  for (const Part& p : parts) {
    if (!seen.insert(normalize_part(p.source)).second) {
      prev = nullptr;
      continue;
    }
    if (!answer.empty()) {
      // Items of one list that follow each other stay one list.
      const bool same_list = prev && p.list >= 0 && prev->list == p.list;
      answer += same_list ? "\n" : "\n\n";
    }
    answer += p.source;
    prev = &p;
  }
}

}  // namespace

std::string merge_answers(const std::string& first, const std::string& second) {
  if (text::is_blank(first)) return second;
  std::set<std::string> seen = normalized_parts(first);
  std::string out = first;
  append_new_parts(out, seen, second);
  return out;
}

Result<std::vector<Card>> parse_notes(std::string_view raw, const std::string& path) {
  std::string src = text::normalize_newlines(raw);
  if (Status s = text::validate_utf8(src, path); !s) return s.error();
  return FileParser(std::move(src), path).run();
}

std::vector<Card> merge_cards(std::vector<Card> cards) {
  std::vector<Card> out;
  std::vector<std::set<std::string>> seen;  // per merged card: the answer parts it holds
  std::map<std::string, size_t> by_key;
  for (Card& c : cards) {
    auto it = by_key.find(c.key);
    if (it == by_key.end()) {
      by_key.emplace(c.key, out.size());
      seen.push_back(normalized_parts(c.answer));
      out.push_back(std::move(c));
      continue;
    }
    Card& m = out[it->second];
    if (text::is_blank(m.answer) && !text::is_blank(c.answer)) {
      m.answer_line = c.answer_line;
      m.answer.clear();
    }
    append_new_parts(m.answer, seen[it->second], c.answer);
    if (m.difficulty == Difficulty::None) m.difficulty = c.difficulty;
    for (SourceRef& s : c.sources) m.sources.push_back(std::move(s));
  }
  // Ids from keys; on the (astronomically unlikely) collision of two keys, the later one is re-salted.
  std::map<std::string, std::string> taken;  // id -> key
  for (Card& c : out) {
    std::string id = card_id(c.key);
    for (int salt = 1; taken.count(id) && taken[id] != c.key; ++salt) id = card_id(c.key + "#" + std::to_string(salt));
    taken[id] = c.key;
    c.id = id;
  }
  return out;
}

Deck import_notes(const std::vector<std::string>& paths) {
  Deck deck;
  std::vector<Card> all;
  for (const std::string& p : paths) {
    Result<std::string> text = read_file(p);
    if (!text) {
      deck.errors.push_back(text.error());
      continue;
    }
    Result<std::vector<Card>> cards = parse_notes(*text, p);
    if (!cards) {
      deck.errors.push_back(cards.error());
      continue;
    }
    deck.files.push_back(p);
    for (Card& c : *cards) all.push_back(std::move(c));
  }
  deck.cards = merge_cards(std::move(all));
  return deck;
}

std::string sample_deck_path() { return assets_dir() + "/notes/sample_deck.md"; }

}  // namespace attend::notes
