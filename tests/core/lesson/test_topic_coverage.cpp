// The course is complete only when every topic of the syllabus has a lesson in lessons/ that says so in its
// front matter, and each lesson's step has something for the learner to do.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "core/lesson/lesson.h"
#include "core/lesson/topics.h"
#include "core/util/paths.h"

using namespace attend;

TEST_CASE("every topic of the syllabus has a lesson, and every lesson names known topics") {
  const lesson::LessonFiles files = lesson::load_lessons(lessons_dir());
  for (const Error& e : files.errors) FAIL_CHECK(e.to_string());
  std::map<int, std::string> covered;
  for (const lesson::Lesson& l : files.lessons) {
    CAPTURE(l.path);
    CHECK(!l.topics.empty());
    for (int t : l.topics) {
      CHECK_MESSAGE(lesson::find_topic(t) != nullptr, "unknown topic " << t);
      covered.emplace(t, l.path);
    }
  }
  for (const lesson::Topic& t : lesson::topics()) CHECK_MESSAGE(covered.count(t.number) == 1, "no lesson for topic " << t.number << ": " << t.title);
}
