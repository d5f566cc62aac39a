// libFuzzer target: the lesson parser (front matter, md4c, quiz syntax) and the TeX math it carries must
// turn any bytes into a Lesson or an Error, never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/lesson/lesson.h"
#include "core/text/tex.h"

namespace {

void lay_out(const attend::text::MathNode* m) {
  if (!m) return;
  static const attend::text::MathMetrics metrics = attend::text::approximate_metrics();
  (void)attend::text::layout_math(*m, metrics, 16, true);
  (void)attend::text::layout_math(*m, metrics, 16, false);
  (void)attend::text::math_to_text(*m);
}

void visit(const std::vector<attend::text::Span>& spans) {
  for (const auto& s : spans) lay_out(s.math.get());
}

void visit(const attend::text::Block& b) {
  visit(b.spans);
  lay_out(b.math.get());
  for (const auto& row : b.rows)
    for (const auto& cell : row) visit(cell);
  for (const auto& c : b.children) visit(c);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  attend::Result<attend::lesson::Lesson> r = attend::lesson::parse_lesson(text, "fuzz.md");
  if (r) {
    for (const auto& b : r->intro.blocks) visit(b);
    for (const auto& step : r->steps) {
      visit(step.title_spans);
      for (const auto& b : step.prose.blocks) visit(b);
      if (step.has_quiz) {
        visit(step.quiz.question_spans);
        for (const auto& c : step.quiz.choices) visit(c.spans);
      }
    }
    (void)attend::lesson::lesson_text(*r);
  } else {
    (void)r.error().to_string();
  }
  // The input as TeX, too: math arrives from every markdown file.
  lay_out(std::make_unique<attend::text::MathNode>(attend::text::parse_tex(text)).get());
  return 0;
}
