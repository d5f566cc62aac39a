#include <doctest/doctest.h>

#include <string>

#include "app/app.h"
#include "core/util/paths.h"

using namespace attend;
using namespace attend::app;

TEST_CASE("a first start opens the tour lesson, later starts and explicit choices do not") {
  AppOptions o;
  const std::string tour = lessons_dir() + "/getting_started.md";
  CHECK(start_lesson(o, true) == tour);
  CHECK(start_lesson(o, false).empty());  // a returning person resumes where they left off
  o.view = "gallery";
  CHECK(start_lesson(o, true).empty());   // asked for a view: that view, no lesson on top
  o.view.clear();
  o.headless = true;
  CHECK(start_lesson(o, true).empty());   // headless runs show exactly what they are told
  o.lesson = "my_lesson.md";
  CHECK(start_lesson(o, false) == "my_lesson.md");
}
