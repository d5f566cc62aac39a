#include "core/lesson/runtime.h"

#include <algorithm>

namespace attend::lesson {

Runtime::Runtime(Lesson lesson, Host& host, SandboxLimits limits)
    : m_lesson(std::move(lesson)), m_host(host), m_limits(limits) {
  ATTEND_ASSERT(!m_lesson.steps.empty(), "Runtime needs a lesson with steps: parse_lesson never returns one without");
  m_context.host = &m_host;
}

Runtime::~Runtime() = default;

void Runtime::start(const LessonProgress& progress) {
  m_progress = progress;
  std::sort(m_progress.passed.begin(), m_progress.passed.end());
  enter(std::clamp(progress.step, 0, step_count() - 1));
}

void Runtime::enter(int index) {
  ATTEND_ASSERT(index >= 0 && index < step_count(), "Runtime::enter: step index out of range");
  m_index = index;
  m_status = StepStatus{};
  m_status.index = index;
  m_context.checks.clear();
  m_context.log.clear();
  m_context.frame = 0;
  m_context.in_step_script = false;
  // A fresh state per visit: nothing left over from other steps, and the old checks' functions go with it.
  m_sandbox.reset();
  m_sandbox = std::make_unique<Sandbox>(m_lesson.path, m_limits);
  install_script_api(*m_sandbox, m_context);

  if (m_progress.step != index) {
    m_progress.step = index;
    ++m_progress_version;
  }
  if (const Step& st = step(); st.has_quiz) {
    auto it = m_progress.quizzes.find(index);
    if (it != m_progress.quizzes.end()) {
      m_status.quiz.selected = it->second.selected;
      m_status.quiz.submitted = it->second.submitted;
      m_status.quiz.revealed = it->second.revealed;
      m_status.quiz.correct = st.quiz.is_correct(m_status.quiz.selected);
    }
  }

  m_host.begin_step(index);
  if (!m_lesson.setup.empty()) {
    if (Status s = m_sandbox->run(m_lesson.setup.code, m_lesson.setup.line); !s) m_status.error = s.error();
  }
  const Step& st = step();
  if (!m_status.error && !st.script.empty()) {
    m_context.in_step_script = true;
    if (Status s = m_sandbox->run(st.script.code, st.script.line); !s) m_status.error = s.error();
    m_context.in_step_script = false;
  }
  collect_log();
  for (const RegisteredCheck& c : m_context.checks) {
    CheckStatus cs;
    cs.hint = c.hint;
    cs.line = c.line;
    m_status.checks.push_back(std::move(cs));
  }
  update_gate();
}

void Runtime::frame() {
  ++m_status.frames;
  m_context.frame = m_status.frames;
  for (size_t i = 0; i < m_status.checks.size(); ++i) {
    CheckStatus& c = m_status.checks[i];
    if (c.passed || c.error) continue;
    Result<bool> r = m_sandbox->call_predicate(m_context.checks[i].ref);
    if (!r) {
      Error e = r.error();
      if (e.line == 0) e.line = c.line;
      c.error = std::move(e);
    } else if (*r) {
      c.passed = true;
    }
  }
  collect_log();
  update_gate();
}

void Runtime::collect_log() {
  for (std::string& line : m_context.log) {
    if (m_status.log.size() >= kMaxLogLines) m_status.log.erase(m_status.log.begin());
    m_status.log.push_back(std::move(line));
  }
  m_context.log.clear();
}

bool Runtime::checks_passed() const {
  for (const CheckStatus& c : m_status.checks)
    if (!c.passed && !c.error) return false;
  return true;
}

bool Runtime::quiz_done() const {
  return !step().has_quiz || m_status.quiz.submitted || m_status.quiz.revealed;
}

bool Runtime::can_next() const {
  return m_progress.step_passed(m_index) || (checks_passed() && quiz_done());
}

void Runtime::update_gate() {
  if (m_progress.step_passed(m_index) || !(checks_passed() && quiz_done())) return;
  m_progress.passed.insert(std::upper_bound(m_progress.passed.begin(), m_progress.passed.end(), m_index), m_index);
  ++m_progress_version;
}

bool Runtime::next() {
  if (!can_next()) return false;
  if (at_last_step()) {
    if (!m_progress.completed) {
      m_progress.completed = true;
      ++m_progress_version;
    }
    return false;
  }
  enter(m_index + 1);
  return true;
}

bool Runtime::back() {
  if (m_index == 0) return false;
  enter(m_index - 1);
  return true;
}

void Runtime::choose(int choice) {
  const Step& st = step();
  if (!st.has_quiz || st.quiz.kind == QuizKind::Reveal || m_status.quiz.submitted) return;
  if (choice < 0 || choice >= static_cast<int>(st.quiz.choices.size())) return;
  std::vector<int>& sel = m_status.quiz.selected;
  if (st.quiz.kind == QuizKind::Single) {
    sel = {choice};
  } else {
    auto it = std::lower_bound(sel.begin(), sel.end(), choice);
    if (it != sel.end() && *it == choice) sel.erase(it);
    else sel.insert(it, choice);
  }
  save_quiz();
}

bool Runtime::submit() {
  const Step& st = step();
  if (!st.has_quiz || st.quiz.kind == QuizKind::Reveal || m_status.quiz.submitted || m_status.quiz.selected.empty())
    return false;
  m_status.quiz.submitted = true;
  m_status.quiz.correct = st.quiz.is_correct(m_status.quiz.selected);
  save_quiz();
  update_gate();
  return true;
}

void Runtime::reveal() {
  const Step& st = step();
  if (!st.has_quiz || m_status.quiz.revealed) return;
  if (st.quiz.kind != QuizKind::Reveal && !m_status.quiz.submitted) return;  // choices are answered, not revealed
  m_status.quiz.revealed = true;
  save_quiz();
  update_gate();
}

void Runtime::retry() {
  if (!step().has_quiz || !m_status.quiz.submitted) return;
  m_status.quiz.submitted = false;
  m_status.quiz.correct = false;
  m_status.quiz.selected.clear();
  save_quiz();
}

void Runtime::answer_correctly() {
  const Step& st = step();
  if (!st.has_quiz) return;
  if (st.quiz.kind == QuizKind::Reveal) {
    reveal();
    return;
  }
  if (m_status.quiz.submitted) return;
  m_status.quiz.selected = st.quiz.correct_choices();
  submit();
}

void Runtime::save_quiz() {
  QuizAnswer& a = m_progress.quizzes[m_index];
  a.selected = m_status.quiz.selected;
  a.submitted = m_status.quiz.submitted;
  a.revealed = m_status.quiz.revealed;
  ++m_progress_version;
}

bool Runtime::headless_should_advance(int frame_budget, int min_frames) const {
  if (m_status.frames >= frame_budget) return true;
  return m_status.frames >= min_frames && checks_passed();
}

std::vector<Error> Runtime::errors() const {
  std::vector<Error> out;
  if (m_status.error) out.push_back(*m_status.error);
  for (const CheckStatus& c : m_status.checks)
    if (c.error) out.push_back(*c.error);
  return out;
}

std::string Runtime::waiting_hint() const {
  for (const CheckStatus& c : m_status.checks)
    if (!c.passed && !c.error) return c.hint;
  return {};
}

}  // namespace attend::lesson
