#include "app/lesson_host.h"

#include <cmath>
#include <cstdio>

#include "app/shell.h"
#include "core/lesson/progress.h"

namespace attend::app {

// ---- Host -------------------------------------------------------------------------------------------------

std::string LessonHost::shown_name() const {
  return m_shell.active >= 0 ? m_shell.views[static_cast<size_t>(m_shell.active)].name : std::string();
}

Status LessonHost::no_view_error() const {
  return make_error("no view is shown beside the lesson: call view(name) first");
}

void LessonHost::begin_step(int index) {
  (void)index;
  // Every step starts from the lesson's view at its defaults, so a step looks the same however the
  // person got to it (forwards, backwards or by clicking its dot).
  if (!m_default_view.empty()) {
    const int i = find_view(m_shell, m_default_view);
    if (i >= 0 && i != m_shell.active) {
      open_view(m_shell, i);  // resets it
      return;
    }
  }
  if (m_shell.active >= 0) {
    views::View& v = m_shell.views[static_cast<size_t>(m_shell.active)];
    if (v.reset) v.reset();
    m_shell.view_frame = 0;
  }
}

Status LessonHost::show_view(const std::string& name) {
  const int i = find_view(m_shell, name);
  if (i < 0) {
    std::string known;
    for (const views::View& v : m_shell.views) known += (known.empty() ? "" : ", ") + v.name;
    return make_error("there is no view '" + name + "'; the views are " + (known.empty() ? "(none)" : known));
  }
  open_view(m_shell, i);
  return Ok{};
}

Status LessonHost::configure(const std::string& key, const Value& value) {
  if (m_shell.active < 0) return no_view_error();
  views::View& v = m_shell.views[static_cast<size_t>(m_shell.active)];
  if (!v.configure) return make_error("the view '" + v.name + "' has no options to set");
  return v.configure(key, value);
}

Result<Value> LessonHost::query(const std::string& key) {
  if (m_shell.active < 0) return no_view_error().error();
  views::View& v = m_shell.views[static_cast<size_t>(m_shell.active)];
  if (!v.query) return make_error("the view '" + v.name + "' has no values to query");
  std::optional<Value> r = v.query(key);
  if (!r) return make_error("the view '" + v.name + "' has no value '" + key + "'");
  return *r;
}

Status LessonHost::highlight(const std::string& target, const Value& which) {
  if (m_shell.active < 0) return no_view_error();
  views::View& v = m_shell.views[static_cast<size_t>(m_shell.active)];
  if (!v.configure) return make_error("the view '" + v.name + "' cannot highlight anything");
  return v.configure("highlight." + target, which);
}

train::Control* LessonHost::session() {
  if (m_shell.active < 0) return nullptr;
  views::View& v = m_shell.views[static_cast<size_t>(m_shell.active)];
  return v.session ? v.session() : nullptr;
}

void LessonHost::log(const std::string& message) {
  if (echo_log) std::printf("lesson: %s\n", message.c_str());
}

// ---- Open lessons -----------------------------------------------------------------------------------------

void load_catalogue(Shell& shell, const std::string& dir) {
  lesson::LessonFiles files = lesson::load_lessons(dir);
  shell.lessons = std::move(files.lessons);
  shell.lesson_errors = std::move(files.errors);
}

Status open_lesson(Shell& shell, const std::string& path) {
  Result<lesson::Lesson> parsed = lesson::load_lesson(path);
  if (!parsed) return parsed.error();
  if (shell.lesson) close_lesson(shell);
  auto open = std::make_unique<OpenLesson>();
  open->path = path;
  open->key = lesson::lesson_key(path);
  open->host = std::make_unique<LessonHost>(shell, parsed->default_view);
  open->host->echo_log = shell.echo_lesson_log;
  open->runtime = std::make_unique<lesson::Runtime>(std::move(*parsed), *open->host);
  shell.lesson = std::move(open);
  // Scripts run from here on: they may switch views, which is why the lesson is already in the shell.
  const auto it = shell.progress.lessons.find(shell.lesson->key);
  shell.lesson->runtime->start(it != shell.progress.lessons.end() ? it->second : lesson::LessonProgress{});
  shell.lesson->saved_version = shell.lesson->runtime->progress_version();
  return Ok{};
}

void close_lesson(Shell& shell) {
  if (!shell.lesson) return;
  save_lesson_progress(shell);
  shell.lesson.reset();
}

void save_lesson_progress(Shell& shell) {
  if (!shell.lesson) return;
  OpenLesson& l = *shell.lesson;
  if (l.runtime->progress_version() == l.saved_version) return;
  l.saved_version = l.runtime->progress_version();
  shell.progress.lessons[l.key] = l.runtime->progress();
  if (shell.progress_path.empty()) return;
  if (Status s = shell.progress.save(shell.progress_path); !s) shell.notice = s.error().to_string();
}

namespace {

const lesson::LessonProgress* find_progress(const Shell& shell, const lesson::Lesson& lesson) {
  const std::string key = lesson::lesson_key(lesson.path);
  if (shell.lesson && shell.lesson->key == key) return &shell.lesson->runtime->progress();
  const auto it = shell.progress.lessons.find(key);
  return it == shell.progress.lessons.end() ? nullptr : &it->second;
}

}  // namespace

float progress_fraction(const Shell& shell, const lesson::Lesson& lesson) {
  const lesson::LessonProgress* p = find_progress(shell, lesson);
  if (!p) return 0.0f;
  if (p->completed) return 1.0f;
  return static_cast<float>(p->fraction(static_cast<int>(lesson.steps.size())));
}

std::string progress_label(const Shell& shell, const lesson::Lesson& lesson) {
  const lesson::LessonProgress* p = find_progress(shell, lesson);
  if (!p || (p->passed.empty() && !p->completed)) return "";
  if (p->completed) return "done";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%zu of %zu steps", p->passed.size(), lesson.steps.size());
  return buf;
}

}  // namespace attend::app
