// A lesson as the app uses it: front matter (title, topics, default view), then steps. Each step has a
// title, its prose (a markdown Document ready to draw, plus the source), at most one Lua script and at most
// one quiz. The file format is described for authors in lessons/README.md:
//
//   ---
//   title: Training a small MLP
//   topics: [18, 19]
//   view: playground
//   ---
//   ## Watch the loss fall          <- a step
//   Prose with $\mathcal{L}$ ...
//   ```lua                          <- the step's script, run in the sandbox (runtime.h)
//   train.run()
//   ```
//   ```quiz                         <- a question (syntax in quiz.h)
//   question: ...
//   ```
//
// Every line number is a line of the lesson file, so errors point where the author has to look.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/text/markdown.h"
#include "core/util/result.h"

namespace attend::lesson {

enum class QuizKind { Single, Multiple, Reveal };

struct Choice {
  std::string text;                       // markdown, one paragraph
  std::vector<text::Span> spans;
  bool correct = false;
  std::string explanation;                // shown once the quiz is answered; may be empty
  std::vector<text::Span> explanation_spans;
  int line = 0;
};

struct Quiz {
  QuizKind kind = QuizKind::Single;
  std::string question;
  std::vector<text::Span> question_spans;
  std::vector<Choice> choices;            // Single, Multiple
  std::string answer;                     // Reveal: shown when revealed
  std::vector<text::Span> answer_spans;
  std::string explain;                    // any kind: shown after answering or revealing; may be empty
  std::vector<text::Span> explain_spans;
  int line = 0;                           // the ```quiz fence

  std::vector<int> correct_choices() const;
  // Single and Multiple: the selection is exactly the set of correct choices. Reveal: always true.
  bool is_correct(const std::vector<int>& selected) const;
};

struct Script {
  std::string code;
  int line = 0;  // lesson-file line of the code's first line; 0 when there is no script
  bool empty() const { return line == 0; }
};

struct Step {
  std::string title;                      // plain text (math as Unicode)
  std::vector<text::Span> title_spans;
  int line = 0;                           // the ## heading
  int end_line = 0;                       // the step's last line
  text::Document prose;                   // the step's blocks without its script and quiz
  std::string prose_source;               // their markdown; the script and quiz lines are left blank so
  int prose_line = 0;                     // line k of prose_source is lesson line prose_line + k
  Script script;
  bool has_quiz = false;
  Quiz quiz;
};

struct Lesson {
  std::string path;
  std::string title;
  std::string summary;                    // optional one-liner for the home screen
  std::string default_view;               // optional
  std::vector<int> topics;
  text::Document intro;                   // prose before the first step
  Script setup;                           // a ```lua block before the first step: runs before every step
  std::vector<Step> steps;
};

Result<Lesson> parse_lesson(std::string_view text, const std::string& path);
Result<Lesson> load_lesson(const std::string& path);

// Every *.md in `dir` except README.md, sorted by file name; files that fail to parse come back as errors.
struct LessonFiles {
  std::vector<Lesson> lessons;
  std::vector<Error> errors;
};
LessonFiles load_lessons(const std::string& dir);

// All the lesson's words (title, topics' titles and descriptions, prose, quiz text) for ranking.
std::string lesson_text(const Lesson& lesson);

}  // namespace attend::lesson
