#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>

#include "core/lesson/progress.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "support/temp_dir.h"

using namespace attend;
using namespace attend::lesson;
namespace fs = std::filesystem;
using attend::testing::temp_dir;

TEST_CASE("lesson progress: save and load round trip") {
  const std::string path = temp_dir("progress") + "/sub/lessons.json";
  ProgressStore s;
  LessonProgress& p = s.lessons["mlp.md"];
  p.step = 3;
  p.passed = {0, 1, 2};
  p.quizzes[2] = QuizAnswer{{1, 3}, true, false};
  s.lessons["/home/me/mine.md"].completed = true;
  REQUIRE(s.save(path).ok());
  auto loaded = ProgressStore::load(path);
  REQUIRE(loaded.ok());
  CHECK(loaded->warning.empty());
  const LessonProgress& q = loaded->store.lessons.at("mlp.md");
  CHECK(q.step == 3);
  CHECK(q.passed == std::vector<int>{0, 1, 2});
  CHECK(q.quizzes.at(2).selected == std::vector<int>{1, 3});
  CHECK(q.quizzes.at(2).submitted);
  CHECK(loaded->store.lessons.at("/home/me/mine.md").completed);
  CHECK(q.fraction(6) == doctest::Approx(0.5));

  // A missing file is a fresh start, without a warning.
  auto fresh = ProgressStore::load(temp_dir("missing") + "/lessons.json");
  REQUIRE(fresh.ok());
  CHECK(fresh->store.lessons.empty());
  CHECK(fresh->warning.empty());
}

TEST_CASE("lesson progress: a corrupt file is moved aside with a message, never silently reset") {
  const std::string dir = temp_dir("corrupt");
  const std::string path = dir + "/lessons.json";
  for (const char* bad : {"{\"version\": 1, \"lessons\": {\"a\": {\"step\": \"three\"}}}", "{truncated", "[]",
                          "{\"version\": 2, \"lessons\": {}}"}) {
    REQUIRE(write_file_atomic(path, bad).ok());
    auto r = ProgressStore::load(path);
    REQUIRE(r.ok());
    CHECK(r->store.lessons.empty());
    CHECK(r->warning.find("could not be read") != std::string::npos);
    CHECK(r->warning.find(".corrupt-") != std::string::npos);
    CHECK(!file_exists(path));
    // The bad content is still there for the person to look at.
    bool kept = false;
    for (const auto& e : fs::directory_iterator(dir)) {
      auto c = read_file(e.path().string());
      kept = kept || (c.ok() && *c == bad);
    }
    CHECK(kept);
  }
}

TEST_CASE("lesson progress: keys are relative inside the lessons folder, absolute outside") {
  CHECK(lesson_key(lessons_dir() + "/attention.md") == "attention.md");
  CHECK(lesson_key(lessons_dir() + "/./sub/../attention.md") == "attention.md");
  const std::string mine = temp_dir("mine") + "/my_lesson.md";
  CHECK(lesson_key(mine) == fs::weakly_canonical(mine).generic_string());
}
