#include "core/lesson/progress.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/lesson/store_file.h"
#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::lesson {

using nlohmann::json;

bool LessonProgress::step_passed(int index) const {
  return std::binary_search(passed.begin(), passed.end(), index);
}

double LessonProgress::fraction(int step_count) const {
  if (step_count <= 0) return 0;
  if (completed) return 1;
  int n = 0;
  for (int p : passed) n += p >= 0 && p < step_count;
  return static_cast<double>(n) / step_count;
}

namespace {

constexpr int kVersion = 1;

json to_json(const LessonProgress& p) {
  json quizzes = json::object();
  for (const auto& [step, a] : p.quizzes)
    quizzes[std::to_string(step)] = {{"selected", a.selected}, {"submitted", a.submitted}, {"revealed", a.revealed}};
  return {{"step", p.step}, {"completed", p.completed}, {"passed", p.passed}, {"quizzes", quizzes}};
}

Status from_json(const json& j, LessonProgress& p) {
  if (!j.is_object()) return make_error("a lesson entry is not an object");
  p.step = j.value("step", 0);
  p.completed = j.value("completed", false);
  p.passed = j.value("passed", std::vector<int>{});
  std::sort(p.passed.begin(), p.passed.end());
  if (p.step < 0) return make_error("a lesson's step is negative");
  if (j.contains("quizzes")) {
    for (const auto& [key, q] : j.at("quizzes").items()) {
      QuizAnswer a;
      a.selected = q.value("selected", std::vector<int>{});
      a.submitted = q.value("submitted", false);
      a.revealed = q.value("revealed", false);
      p.quizzes[std::stoi(key)] = std::move(a);
    }
  }
  return Ok{};
}

}  // namespace

Result<ProgressStore::Loaded> ProgressStore::load(const std::string& path) {
  Loaded out;
  auto parse = [&](const std::string& content) -> Status {
    try {
      const json j = json::parse(content);
      if (!j.is_object() || j.value("version", 0) != kVersion) return make_error(path, 0, 0, "not a version 1 progress file");
      ProgressStore s;
      for (const auto& [key, entry] : j.at("lessons").items()) {
        LessonProgress p;
        if (Status st = from_json(entry, p); !st) return make_error(path, 0, 0, st.error().message);
        s.lessons[key] = std::move(p);
      }
      out.store = std::move(s);
      return Ok{};
    } catch (const std::exception& e) {
      return make_error(path, 0, 0, e.what());
    }
  };
  Result<StoreLoad> r = load_store_file(path, parse, "lesson progress");
  if (!r) return r.error();
  out.warning = r->warning;
  return out;
}

Status ProgressStore::save(const std::string& path) const {
  json lessons_json = json::object();
  for (const auto& [key, p] : lessons) lessons_json[key] = to_json(p);
  const json j = {{"version", kVersion}, {"lessons", lessons_json}};
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) {
    if (Status s = make_directories(dir.string()); !s) return s;
  }
  return write_file_atomic(path, j.dump(2) + "\n");
}

std::string default_progress_path() { return data_dir() + "/lessons.json"; }

std::string lesson_key(const std::string& lesson_path) {
  std::error_code ec;
  const std::filesystem::path file = std::filesystem::weakly_canonical(lesson_path, ec);
  const std::filesystem::path dir = std::filesystem::weakly_canonical(lessons_dir(), ec);
  const std::filesystem::path rel = file.lexically_relative(dir);
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return file.generic_string();
}

}  // namespace attend::lesson
