// parse_lesson: front matter by hand (it is not markdown), everything after it with md4c. Steps are the
// top-level blocks between `##` headings; a step's ```lua and ```quiz blocks are taken out of its prose.

#include <algorithm>
#include <filesystem>

#include "core/lesson/lesson.h"
#include "core/lesson/quiz.h"
#include "core/lesson/topics.h"
#include "core/text/utf8.h"
#include "core/util/files.h"

namespace attend::lesson {
namespace {

using text::Block;
using text::BlockKind;

struct FrontMatter {
  int end_line = 0;  // the closing --- line
};

Result<FrontMatter> parse_front_matter(const std::string& src, const text::LineIndex& index, const std::string& path,
                                       Lesson& lesson) {
  const std::string first = text::trim(text::slice_lines(src, index, 1, 1));
  if (first != "---")
    return make_error(path, 1, 1, "a lesson starts with front matter: a '---' line, 'title: ...', 'topics: [1, 2]', "
                                  "'view: ...', and another '---' line");
  FrontMatter fm;
  int title_line = 0;
  bool seen_topics = false, seen_view = false, seen_summary = false;
  for (int l = 2; l <= index.count(); ++l) {
    const std::string raw = text::slice_lines(src, index, l, l);
    const std::string line = text::trim(raw);
    if (line == "---" || line == "...") {
      fm.end_line = l;
      break;
    }
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos)
      return make_error(path, l, 1, "front matter lines look like 'key: value'");
    const std::string key = text::trim(line.substr(0, colon));
    std::string value = text::trim(line.substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    const size_t value_at = raw.find_first_not_of(' ', raw.find(':') + 1);
    const int value_column = static_cast<int>(value_at == std::string::npos ? raw.size() : value_at) + 1;
    auto once = [&](bool& seen) -> Status {
      if (seen) return make_error(path, l, 1, "'" + key + "' appears twice in the front matter");
      seen = true;
      return Ok{};
    };
    if (key == "title") {
      if (title_line) return make_error(path, l, 1, "'title' appears twice in the front matter");
      title_line = l;
      lesson.title = value;
    } else if (key == "summary") {
      if (Status s = once(seen_summary); !s) return s.error();
      lesson.summary = value;
    } else if (key == "view") {
      if (Status s = once(seen_view); !s) return s.error();
      lesson.default_view = value;
    } else if (key == "topics") {
      if (Status s = once(seen_topics); !s) return s.error();
      std::string list = value;
      if (!list.empty() && list.front() == '[') {
        if (list.back() != ']') return make_error(path, l, value_column, "the topic list needs a closing ']'");
        list = list.substr(1, list.size() - 2);
      }
      size_t i = 0;
      while (i < list.size()) {
        while (i < list.size() && (list[i] == ' ' || list[i] == ',')) ++i;
        if (i >= list.size()) break;
        size_t j = i;
        while (j < list.size() && list[j] >= '0' && list[j] <= '9') ++j;
        if (j == i || (j < list.size() && list[j] != ',' && list[j] != ' '))
          return make_error(path, l, value_column, "topics are numbers, like 'topics: [2, 4]'");
        const int n = j - i > 4 ? 0 : std::stoi(list.substr(i, j - i));
        if (!find_topic(n))
          return make_error(path, l, value_column,
                            "there is no topic " + list.substr(i, j - i) + "; topics are numbered 1 to " +
                                std::to_string(topics().size()));
        if (std::find(lesson.topics.begin(), lesson.topics.end(), n) == lesson.topics.end())
          lesson.topics.push_back(n);
        i = j;
      }
    } else {
      return make_error(path, l, 1, "unknown front matter key '" + key + "'; the keys are title, topics, view and summary");
    }
  }
  if (!fm.end_line) return make_error(path, 1, 1, "the front matter is never closed: add a '---' line after it");
  if (lesson.title.empty()) return make_error(path, title_line ? title_line : 1, 1, "the lesson needs a 'title: ...'");
  return fm;
}

bool is_fence(const std::string& line) {
  const std::string t = text::trim(line);
  return t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0;
}

// lua and quiz blocks must be closed: an unclosed fence would swallow the rest of the lesson.
Status check_closed(const Block& b, const std::string& src, const text::LineIndex& index, int first_line,
                    const std::string& path) {
  const int end_local = b.end_line - first_line + 1;
  if (b.end_line > b.line && end_local >= 1 && end_local <= index.count() &&
      is_fence(text::slice_lines(src, index, end_local, end_local)))
    return Ok{};
  return make_error(path, b.line, 1, "this ```" + b.lang + " block is never closed: add a ``` line after it");
}

// A lua or quiz block inside a list or quote would silently become plain code; say so instead.
Status check_nested(const Block& b, const std::string& path) {
  for (const Block& c : b.children) {
    if (c.kind == BlockKind::Code && (c.lang == "lua" || c.lang == "quiz"))
      return make_error(path, c.line, 1, "a ```" + c.lang + " block must start at the beginning of a line, "
                                         "not inside a list or quote");
    if (Status s = check_nested(c, path); !s) return s;
  }
  return Ok{};
}

}  // namespace

Result<Lesson> parse_lesson(std::string_view raw_text, const std::string& path) {
  const std::string src = text::normalize_newlines(raw_text);
  if (Status s = text::validate_utf8(src, path); !s) return s.error();
  const text::LineIndex index(src);
  Lesson lesson;
  lesson.path = path;
  Result<FrontMatter> fm = parse_front_matter(src, index, path, lesson);
  if (!fm) return fm.error();

  // The markdown after the front matter keeps the file's line numbers.
  const int first_line = fm->end_line + 1;
  const std::string body = first_line <= index.count() ? std::string(src.substr(index.starts[first_line - 1])) : "";
  const text::LineIndex body_index(body);
  text::Document doc = text::parse_markdown(body, first_line);

  Step* step = nullptr;
  for (Block& b : doc.blocks) {
    if (Status s = check_nested(b, path); !s) return s.error();
    if (b.kind == BlockKind::Heading && b.level == 2) {
      Step st;
      st.title_spans = b.spans;
      st.title = text::trim(text::plain_text(b.spans));
      st.line = b.line;
      st.end_line = b.end_line;
      if (st.title.empty()) return make_error(path, b.line, 1, "a step heading needs a title");
      lesson.steps.push_back(std::move(st));
      step = &lesson.steps.back();
      continue;
    }
    const bool is_lua = b.kind == BlockKind::Code && b.lang == "lua";
    const bool is_quiz = b.kind == BlockKind::Code && b.lang == "quiz";
    if (is_lua || is_quiz) {
      if (Status s = check_closed(b, body, body_index, first_line, path); !s) return s.error();
    }
    if (step) step->end_line = b.end_line;
    if (is_lua) {
      Script& target = step ? step->script : lesson.setup;
      if (!target.empty())
        return make_error(path, b.line, 1,
                          std::string(step ? "this step" : "the lesson's setup") + " already has a ```lua block (line " +
                              std::to_string(target.line - 1) + "); put its script in one block");
      target.code = b.text;
      target.line = b.line + 1;
      continue;
    }
    if (is_quiz) {
      if (!step) return make_error(path, b.line, 1, "a quiz belongs to a step: put it after a '## ' heading");
      if (step->has_quiz)
        return make_error(path, b.line, 1, "this step already has a quiz (line " + std::to_string(step->quiz.line) +
                                               "); give each question a step of its own");
      Result<Quiz> q = parse_quiz(b.text, b.line + 1, b.line, path);
      if (!q) return q.error();
      step->quiz = std::move(*q);
      step->has_quiz = true;
      continue;
    }
    if (step) step->prose.blocks.push_back(std::move(b));
    else lesson.intro.blocks.push_back(std::move(b));
  }
  if (lesson.steps.empty())
    return make_error(path, first_line, 1, "the lesson has no steps: start each step with a '## ' heading");

  // Prose sources: the step's lines after its heading, with the script and quiz blanked out so that line
  // numbers still match the file.
  for (Step& st : lesson.steps) {
    st.prose_line = st.line + 1;
    std::vector<std::string> lines;
    for (int l = st.prose_line; l <= st.end_line; ++l)
      lines.push_back(text::slice_lines(src, index, l, l));
    auto blank = [&](int from, int to) {
      for (int l = from; l <= to; ++l)
        if (l >= st.prose_line && l - st.prose_line < static_cast<int>(lines.size())) lines[l - st.prose_line].clear();
    };
    if (!st.script.empty()) {
      int lines_of_code = st.script.code.empty() ? 0 : 1;
      for (char c : st.script.code) lines_of_code += c == '\n';
      blank(st.script.line - 1, st.script.line + lines_of_code);  // opening fence to closing fence
    }
    if (st.has_quiz) {
      int end = st.quiz.line;
      while (end < st.end_line && !(end > st.quiz.line && is_fence(text::slice_lines(src, index, end, end)))) ++end;
      blank(st.quiz.line, end);
    }
    for (size_t k = 0; k < lines.size(); ++k) st.prose_source += (k ? "\n" : "") + lines[k];
  }
  return lesson;
}

Result<Lesson> load_lesson(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text) return text.error();
  return parse_lesson(*text, path);
}

LessonFiles load_lessons(const std::string& dir) {
  LessonFiles out;
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::filesystem::path p = e.path();
    if (p.extension() == ".md" && p.filename() != "README.md") files.push_back(p.string());
  }
  if (ec) {
    out.errors.push_back(make_error(dir, 0, 0, "cannot list lessons: " + ec.message()));
    return out;
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    Result<Lesson> l = load_lesson(f);
    if (l) out.lessons.push_back(std::move(*l));
    else out.errors.push_back(l.error());
  }
  return out;
}

std::string lesson_text(const Lesson& lesson) {
  std::string s = lesson.title + "\n" + lesson.summary + "\n";
  for (int t : lesson.topics) {
    if (const Topic* topic = find_topic(t)) s += topic->title + "\n" + topic->shows + "\n";
  }
  s += text::plain_text(lesson.intro);
  for (const Step& st : lesson.steps) {
    s += "\n" + st.title + "\n" + text::plain_text(st.prose);
    if (st.has_quiz) {
      s += "\n" + st.quiz.question + "\n" + st.quiz.answer + "\n" + st.quiz.explain;
      for (const Choice& c : st.quiz.choices) s += "\n" + c.text + " " + c.explanation;
    }
  }
  return s;
}

}  // namespace attend::lesson
