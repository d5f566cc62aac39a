// Where each lesson was left: the current step, the steps whose gate has opened, quiz answers, and whether
// the lesson was finished. Kept in $XDG_DATA_HOME/attend/lessons.json, keyed by lesson_key().
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace attend::lesson {

struct QuizAnswer {
  std::vector<int> selected;
  bool submitted = false;
  bool revealed = false;
};

struct LessonProgress {
  int step = 0;
  bool completed = false;
  std::vector<int> passed;             // steps whose checks (and quiz) were done, ascending
  std::map<int, QuizAnswer> quizzes;   // by step index

  bool step_passed(int index) const;
  // Fraction of steps passed, for the home screen.
  double fraction(int step_count) const;
};

struct ProgressStore {
  std::map<std::string, LessonProgress> lessons;

  // A corrupt file is moved aside (StoreLoad::warning says where); an unreadable one is an error.
  struct Loaded;
  static Result<Loaded> load(const std::string& path);
  Status save(const std::string& path) const;
};

struct ProgressStore::Loaded {
  ProgressStore store;
  std::string warning;
};

std::string default_progress_path();  // $XDG_DATA_HOME/attend/lessons.json

// Lessons under lessons_dir() are keyed by their file name there (so progress survives moving the
// checkout); any other lesson by its absolute path.
std::string lesson_key(const std::string& lesson_path);

}  // namespace attend::lesson
