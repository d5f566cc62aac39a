#include "core/lesson/quiz.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace attend::lesson {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Splits "text — why" at the first separator.
void split_explanation(const std::string& s, std::string& text, std::string& why) {
  static const std::string_view kSeparators[] = {" — ", " -- ", " – "};
  size_t best = std::string::npos, len = 0;
  for (std::string_view sep : kSeparators) {
    const size_t at = s.find(sep);
    if (at < best) best = at, len = sep.size();
  }
  if (best == std::string::npos) {
    text = text::trim(s);
    why.clear();
    return;
  }
  text = text::trim(s.substr(0, best));
  why = text::trim(s.substr(best + len));
}

}  // namespace

std::vector<int> Quiz::correct_choices() const {
  std::vector<int> out;
  for (size_t i = 0; i < choices.size(); ++i)
    if (choices[i].correct) out.push_back(static_cast<int>(i));
  return out;
}

bool Quiz::is_correct(const std::vector<int>& selected) const {
  if (kind == QuizKind::Reveal) return true;
  std::vector<int> s = selected;
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s == correct_choices();
}

Result<Quiz> parse_quiz(std::string_view body, int first_line, int fence_line, const std::string& path) {
  Quiz q;
  q.line = fence_line;
  std::string kind;
  int kind_line = 0, question_line = 0, answer_line = 0;
  std::string* continuing = nullptr;  // the field the next indented line continues
  const text::LineIndex index(body);
  for (int k = 1; k <= index.count(); ++k) {
    const std::string raw = text::slice_lines(body, index, k, k);
    const int line = first_line + k - 1;
    if (text::is_blank(raw)) continue;
    if (starts_with(raw, "  ") || starts_with(raw, "\t")) {
      if (!continuing) return make_error(path, line, 1, "an indented line continues a field or choice, but none comes before it");
      *continuing += "\n" + text::trim(raw);
      continue;
    }
    const std::string l = text::trim(raw);
    if (starts_with(l, "- [") || starts_with(l, "* [")) {
      if (l.size() < 5 || l[4] != ']' || (l[3] != ' ' && l[3] != 'x' && l[3] != 'X'))
        return make_error(path, line, 1, "a choice starts with '- [ ] ' (wrong) or '- [x] ' (right)");
      Choice c;
      c.correct = l[3] != ' ';
      c.text = l.substr(5);
      c.line = line;
      q.choices.push_back(std::move(c));
      continuing = &q.choices.back().text;
      continue;
    }
    const size_t colon = l.find(':');
    const std::string key = colon == std::string::npos ? "" : text::trim(l.substr(0, colon));
    const std::string value = colon == std::string::npos ? "" : text::trim(l.substr(colon + 1));
    auto once = [&](int& seen_line) -> Status {
      if (seen_line) return make_error(path, line, 1, "'" + key + ":' appears twice (first at line " + std::to_string(seen_line) + ")");
      seen_line = line;
      return Ok{};
    };
    if (key == "question") {
      if (Status s = once(question_line); !s) return s.error();
      q.question = value;
      continuing = &q.question;
    } else if (key == "answer") {
      if (Status s = once(answer_line); !s) return s.error();
      q.answer = value;
      continuing = &q.answer;
    } else if (key == "explain") {
      if (!q.explain.empty()) return make_error(path, line, 1, "'explain:' appears twice");
      q.explain = value;
      continuing = &q.explain;
    } else if (key == "kind") {
      if (Status s = once(kind_line); !s) return s.error();
      kind = value;
      continuing = nullptr;
      if (kind != "single" && kind != "multiple" && kind != "reveal")
        return make_error(path, line, static_cast<int>(raw.find_first_not_of(' ', raw.find(':') + 1)) + 1,
                          "unknown quiz kind '" + kind + "'; use single, multiple or reveal");
    } else {
      return make_error(path, line, 1,
                        "expected 'question:', 'kind:', 'answer:', 'explain:' or a choice like '- [x] text — why', "
                        "not '" + l.substr(0, 40) + "'");
    }
  }
  for (Choice& c : q.choices) {
    const std::string whole = c.text;
    split_explanation(whole, c.text, c.explanation);
    if (c.text.empty()) return make_error(path, c.line, 1, "this choice has no text");
  }

  if (q.question.empty()) return make_error(path, fence_line, 1, "the quiz has no 'question:' line");
  const int correct = static_cast<int>(q.correct_choices().size());
  if (kind.empty()) kind = q.choices.empty() && !q.answer.empty() ? "reveal" : correct == 1 ? "single" : "multiple";
  if (kind == "reveal") {
    q.kind = QuizKind::Reveal;
    if (q.answer.empty()) return make_error(path, fence_line, 1, "a reveal quiz needs an 'answer:' line");
    if (!q.choices.empty()) return make_error(path, q.choices[0].line, 1, "a reveal quiz has an answer, not choices");
  } else {
    q.kind = kind == "single" ? QuizKind::Single : QuizKind::Multiple;
    if (!q.answer.empty())
      return make_error(path, answer_line, 1, "'answer:' belongs to reveal quizzes; mark the right choices with [x] "
                                              "(use 'explain:' for a note shown after answering)");
    if (q.choices.size() < 2) return make_error(path, fence_line, 1, "a quiz with choices needs at least two of them");
    if (correct == 0) return make_error(path, fence_line, 1, "no choice is marked right: write '- [x] ' before the right one");
    if (q.kind == QuizKind::Single && correct != 1)
      return make_error(path, kind_line ? kind_line : fence_line, 1,
                        "a single-choice quiz has exactly one right choice, this one has " + std::to_string(correct));
  }
  q.question_spans = text::parse_inline(q.question);
  q.answer_spans = text::parse_inline(q.answer);
  q.explain_spans = text::parse_inline(q.explain);
  for (Choice& c : q.choices) {
    c.spans = text::parse_inline(c.text);
    c.explanation_spans = text::parse_inline(c.explanation);
  }
  return q;
}

}  // namespace attend::lesson
