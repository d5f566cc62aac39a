#include <doctest/doctest.h>

#include <string>

#include "core/lesson/lesson.h"
#include "core/lesson/quiz.h"
#include "core/text/utf8.h"
#include "core/util/files.h"
#include "core/util/paths.h"

using namespace attend;
using namespace attend::lesson;

namespace {

// Line numbers in the comments are the lesson file's.
const char* kLesson =
    "---\n"                                   // 1
    "title: Watching a loss fall\n"           // 2
    "topics: [14, 21]\n"                      // 3
    "view: playground\n"                      // 4
    "summary: Train and watch.\n"             // 5
    "---\n"                                   // 6
    "\n"                                      // 7
    "An introduction with $\\alpha$.\n"       // 8
    "\n"                                      // 9
    "```lua\n"                                // 10
    "function helper() return 1 end\n"        // 11
    "```\n"                                   // 12
    "\n"                                      // 13
    "## First *step*\n"                       // 14
    "\n"                                      // 15
    "Some prose.\n"                           // 16
    "\n"                                      // 17
    "```lua\n"                                // 18
    "view(\"playground\")\n"                  // 19
    "train.run()\n"                           // 20
    "```\n"                                   // 21
    "\n"                                      // 22
    "More prose after the script.\n"          // 23
    "\n"                                      // 24
    "## Second step\n"                        // 25
    "\n"                                      // 26
    "```quiz\n"                               // 27
    "question: Which is right?\n"             // 28
    "- [ ] Wrong — because.\n"                // 29
    "- [x] Right -- indeed\n"                 // 30
    "  and more.\n"                           // 31
    "explain: Both were tempting.\n"          // 32
    "```\n"                                   // 33
    "\n"                                      // 34
    "Closing words.\n";                       // 35

Error parse_error(const std::string& text) {
  Result<Lesson> r = parse_lesson(text, "lessons/x.md");
  REQUIRE(!r.ok());
  return r.error();
}

std::string front(const std::string& body) { return "---\ntitle: T\ntopics: [1]\n---\n" + body; }

}  // namespace

TEST_CASE("lesson parser: front matter, steps, scripts and quizzes") {
  Result<Lesson> r = parse_lesson(kLesson, "lessons/loss.md");
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  const Lesson& l = *r;
  CHECK(l.path == "lessons/loss.md");
  CHECK(l.title == "Watching a loss fall");
  CHECK(l.topics == std::vector<int>{14, 21});
  CHECK(l.default_view == "playground");
  CHECK(l.summary == "Train and watch.");
  REQUIRE(l.intro.blocks.size() == 1);
  CHECK(l.intro.blocks[0].line == 8);
  CHECK(l.setup.line == 11);
  CHECK(l.setup.code == "function helper() return 1 end");
  REQUIRE(l.steps.size() == 2);

  const Step& a = l.steps[0];
  CHECK(a.title == "First step");
  CHECK(a.title_spans.size() == 2);
  CHECK(a.line == 14);
  CHECK(a.script.line == 19);
  CHECK(a.script.code == "view(\"playground\")\ntrain.run()");
  CHECK(!a.has_quiz);
  REQUIRE(a.prose.blocks.size() == 2);  // the script is not prose
  CHECK(a.prose.blocks[0].line == 16);
  CHECK(a.prose.blocks[1].line == 23);
  // Line k of the prose source is file line prose_line + k, with the script blanked out.
  CHECK(a.prose_line == 15);
  const text::LineIndex idx(a.prose_source);
  CHECK(text::slice_lines(a.prose_source, idx, 16 - 14, 16 - 14) == "Some prose.");
  CHECK(text::slice_lines(a.prose_source, idx, 23 - 14, 23 - 14) == "More prose after the script.");
  CHECK(a.prose_source.find("train.run") == std::string::npos);
  CHECK(a.prose_source.find("```") == std::string::npos);

  const Step& b = l.steps[1];
  REQUIRE(b.has_quiz);
  CHECK(b.quiz.line == 27);
  CHECK(b.quiz.kind == QuizKind::Single);
  CHECK(b.quiz.question == "Which is right?");
  REQUIRE(b.quiz.choices.size() == 2);
  CHECK(!b.quiz.choices[0].correct);
  CHECK(b.quiz.choices[0].text == "Wrong");
  CHECK(b.quiz.choices[0].explanation == "because.");
  CHECK(b.quiz.choices[0].line == 29);
  CHECK(b.quiz.choices[1].correct);
  CHECK(b.quiz.choices[1].text == "Right");
  CHECK(b.quiz.choices[1].explanation == "indeed\nand more.");
  CHECK(b.quiz.explain == "Both were tempting.");
  CHECK(b.quiz.correct_choices() == std::vector<int>{1});
  CHECK(b.quiz.is_correct({1}));
  CHECK(!b.quiz.is_correct({0, 1}));
  REQUIRE(b.prose.blocks.size() == 1);
  CHECK(b.prose.blocks[0].line == 35);
  CHECK(b.prose_source.find("question") == std::string::npos);

  // lesson_text gathers what linking and search need, topics included.
  const std::string all = lesson_text(l);
  CHECK(all.find("Logistic regression") != std::string::npos);
  CHECK(all.find("Closing words") != std::string::npos);
}

TEST_CASE("lesson parser: CRLF files and a BOM give the same lines") {
  std::string crlf = "\xEF\xBB\xBF";
  for (const char* c = kLesson; *c; ++c) crlf += *c == '\n' ? std::string("\r\n") : std::string(1, *c);
  Result<Lesson> r = parse_lesson(crlf, "x.md");
  REQUIRE(r.ok());
  CHECK(r->steps[0].script.line == 19);
  CHECK(r->steps[1].quiz.choices[1].line == 30);
}

TEST_CASE("lesson parser: front matter errors name the line") {
  Error e = parse_error("# No front matter\n## Step\n");
  CHECK(e.line == 1);
  CHECK(e.message.find("front matter") != std::string::npos);
  e = parse_error("---\ntitle: T\n## Step\n");
  CHECK(e.message.find("never closed") != std::string::npos);
  e = parse_error("---\ntitle: T\ntopcs: [1]\n---\n## S\n");
  CHECK(e.line == 3);
  CHECK(e.message.find("unknown front matter key 'topcs'") != std::string::npos);
  e = parse_error("---\ntitle: T\ntopics: [1, 99]\n---\n## S\n");
  CHECK(e.line == 3);
  CHECK(e.column == 9);
  CHECK(e.message.find("no topic 99") != std::string::npos);
  e = parse_error("---\ntitle: T\ntopics: [one]\n---\n## S\n");
  CHECK(e.message.find("numbers") != std::string::npos);
  e = parse_error("---\ntopics: [1]\n---\n## S\n");
  CHECK(e.message.find("title") != std::string::npos);
  e = parse_error("---\ntitle: A\ntitle: B\n---\n## S\n");
  CHECK(e.line == 3);
  e = parse_error("---\ntitle: T\njust words\n---\n## S\n");
  CHECK(e.line == 3);
  CHECK(e.to_string() == "lessons/x.md:3:1: front matter lines look like 'key: value'");
}

TEST_CASE("lesson parser: structure errors name the line") {
  Error e = parse_error(front("Only an introduction.\n"));
  CHECK(e.message.find("no steps") != std::string::npos);
  e = parse_error(front("## A\n```lua\nx = 1\n```\n```lua\ny = 2\n```\n"));
  CHECK(e.line == 9);
  CHECK(e.message.find("already has a ```lua block (line 6)") != std::string::npos);
  e = parse_error(front("## A\n```lua\nx = 1\n"));
  CHECK(e.line == 6);
  CHECK(e.message.find("never closed") != std::string::npos);
  e = parse_error(front("## A\n- item\n\n  ```lua\n  x = 1\n  ```\n"));
  CHECK(e.line == 8);
  CHECK(e.message.find("not inside a list") != std::string::npos);
  e = parse_error(front("```quiz\nquestion: q\nanswer: a\n```\n## A\n"));
  CHECK(e.message.find("belongs to a step") != std::string::npos);
  e = parse_error(front("## \n"));
  CHECK(e.message.find("needs a title") != std::string::npos);
  e = parse_error("---\ntitle: T\n---\n## A\nbad \xFF byte\n");
  CHECK(e.line == 5);
  CHECK(e.column == 5);
  // Headings other than ## are prose.
  Result<Lesson> ok = parse_lesson(front("# Big\n## A\n### Small\ntext\n"), "x.md");
  REQUIRE(ok.ok());
  CHECK(ok->steps.size() == 1);
  CHECK(ok->steps[0].prose.blocks.size() == 2);
}

TEST_CASE("quiz syntax: kinds and their errors") {
  auto quiz = [](const std::string& body) { return parse_quiz(body, 11, 10, "l.md"); };
  Result<Quiz> multi = quiz("question: Pick two\n- [x] a\n- [X] b\n- [ ] c\n");
  REQUIRE(multi.ok());
  CHECK(multi->kind == QuizKind::Multiple);
  CHECK(multi->is_correct({1, 0}));
  CHECK(!multi->is_correct({0}));
  Result<Quiz> forced = quiz("question: Pick\nkind: multiple\n- [x] a\n- [ ] b\n");
  REQUIRE(forced.ok());
  CHECK(forced->kind == QuizKind::Multiple);
  Result<Quiz> reveal = quiz("question: What is $\\sigma'(0)$?\nanswer: $1/4$, its largest value.\n");
  REQUIRE(reveal.ok());
  CHECK(reveal->kind == QuizKind::Reveal);
  CHECK(reveal->answer_spans.size() == 2);
  CHECK(reveal->question_spans[1].kind == text::SpanKind::Math);

  auto error = [&](const std::string& body) {
    Result<Quiz> r = quiz(body);
    REQUIRE(!r.ok());
    return r.error();
  };
  Error e = error("- [x] a\n- [ ] b\n");
  CHECK(e.line == 10);
  CHECK(e.message.find("no 'question:'") != std::string::npos);
  e = error("question: q\n- [ ] a\n- [ ] b\n");
  CHECK(e.message.find("no choice is marked right") != std::string::npos);
  e = error("question: q\nkind: single\n- [x] a\n- [x] b\n");
  CHECK(e.line == 12);
  CHECK(e.message.find("exactly one right choice") != std::string::npos);
  e = error("question: q\nkind: pick\n");
  CHECK(e.line == 12);
  CHECK(e.column == 7);
  CHECK(e.message.find("unknown quiz kind 'pick'") != std::string::npos);
  e = error("question: q\n- [x] a\n- [ ] b\nanswer: a\n");
  CHECK(e.line == 14);
  e = error("question: q\nkind: reveal\n");
  CHECK(e.message.find("needs an 'answer:'") != std::string::npos);
  e = error("  continued\nquestion: q\n");
  CHECK(e.line == 11);
  e = error("question: q\n-[x] a\n");
  CHECK(e.line == 12);
  e = error("question: q\n- [x] only one\n");
  CHECK(e.message.find("at least two") != std::string::npos);
  e = error("question: q\n- [?] a\n");
  CHECK(e.message.find("'- [ ] '") != std::string::npos);
  e = error("question: a\nquestion: b\n");
  CHECK(e.line == 12);
}

TEST_CASE("lesson parser: the example in lessons/README.md is a valid lesson") {
  Result<std::string> readme = read_file(lessons_dir() + "/README.md");
  REQUIRE(readme.ok());
  const std::string open = "````markdown\n";
  const size_t start = readme->find(open);
  REQUIRE(start != std::string::npos);
  const size_t end = readme->find("\n````\n", start);
  REQUIRE(end != std::string::npos);
  const std::string example = readme->substr(start + open.size(), end - start - open.size() + 1);
  Result<Lesson> l = parse_lesson(example, "README example");
  REQUIRE_MESSAGE(l.ok(), (l.ok() ? "" : l.error().to_string()));
  CHECK(l->steps.size() == 2);
  CHECK(l->steps[1].has_quiz);
  CHECK(l->steps[1].quiz.correct_choices() == std::vector<int>{1});
  CHECK(!l->steps[0].script.empty());
}
