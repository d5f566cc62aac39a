#include "views/lesson_panel.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/train/session.h"
#include "views/keys.h"

namespace attend::views {
namespace {

using lesson::QuizKind;
using lesson::Runtime;

ImVec4 to_vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
ImU32 with_alpha(ImU32 c, int alpha) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT); }

// A rounded box behind content drawn between begin() and end(), sized to whatever the content took.
class Boxed {
 public:
  Boxed(ImU32 fill, ImU32 border, float pad) : m_fill(fill), m_border(border), m_pad(pad) {
    m_dl = ImGui::GetWindowDrawList();
    m_split.Split(m_dl, 2);
    m_split.SetCurrentChannel(m_dl, 1);
    m_start = ImGui::GetCursorScreenPos();
    m_width = ImGui::GetContentRegionAvail().x;
    ImGui::Indent(pad);  // later lines start inside the box too
    ImGui::SetCursorScreenPos(ImVec2(m_start.x + pad, m_start.y + pad));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + m_width - 2 * pad);
  }
  float inner_width() const { return m_width - 2 * m_pad; }
  void end() {
    ImGui::PopTextWrapPos();
    ImGui::Unindent(m_pad);
    const float bottom = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y + m_pad;
    m_split.SetCurrentChannel(m_dl, 0);
    const ImVec2 a = m_start, b(m_start.x + m_width, bottom);
    m_dl->AddRectFilled(a, b, m_fill, 5.0f);
    if (m_border) m_dl->AddRect(a, b, m_border, 5.0f);
    m_split.Merge(m_dl);
    ImGui::SetCursorScreenPos(ImVec2(m_start.x, bottom));
    ImGui::Dummy(ImVec2(m_width, 0));
  }

 private:
  ImDrawList* m_dl;
  ImDrawListSplitter m_split;
  ImU32 m_fill, m_border;
  float m_pad, m_width = 0;
  ImVec2 m_start;
};

void draw_errors(ViewContext& ctx, const Runtime& rt) {
  const std::vector<Error> errors = rt.errors();
  if (errors.empty()) return;
  const Palette& pal = *ctx.palette;
  Boxed box(with_alpha(pal.bad, 40), pal.bad, 8 * ctx.scale);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.bad));
  ImGui::PushFont(ctx.fonts->bold);
  const bool script = rt.status().error.has_value();
  const bool checks = errors.size() > (script ? 1u : 0u);
  ImGui::TextUnformatted(script && checks ? "This step's script and a check failed"
                         : script         ? "This step's script failed"
                                          : "A check of this step failed");
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::PushFont(ctx.fonts->mono);
  for (const Error& e : errors) ImGui::TextWrapped("%s", e.to_string().c_str());
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
  ImGui::TextWrapped("You can still go on to the next step.");
  ImGui::PopStyleColor();
  box.end();
  ImGui::Spacing();
}

// Step dots: passed steps filled, the current one ringed; a passed step (or the first one not passed yet)
// can be clicked to go there.
int draw_step_dots(ViewContext& ctx, const Runtime& rt) {
  const Palette& pal = *ctx.palette;
  const int n = rt.step_count();
  const float r = 4.5f * ctx.scale, gap = 7.0f * ctx.scale;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float step_w = std::min(2 * r + gap, avail / std::max(1, n));
  const float dot_r = std::min(r, step_w * 0.35f);
  int reachable = 0;
  while (reachable < n && rt.progress().step_passed(reachable)) ++reachable;
  int clicked = -1;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int i = 0; i < n; ++i) {
    const ImVec2 c(p.x + dot_r + 1 + i * step_w, p.y + r + 1);
    const bool passed = rt.progress().step_passed(i);
    const bool current = i == rt.index();
    ImGui::SetCursorScreenPos(ImVec2(c.x - step_w / 2, p.y));
    ImGui::PushID(i);
    if (ImGui::InvisibleButton("dot", ImVec2(step_w, 2 * r + 2)) && (passed || i <= reachable)) clicked = i;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%d. %s%s", i + 1, rt.lesson().steps[static_cast<size_t>(i)].title.c_str(), passed ? "  ✓" : "");
    ImGui::PopID();
    if (current) {
      dl->AddCircleFilled(c, dot_r, passed ? pal.good : pal.accent);
      dl->AddCircle(c, dot_r + 2.0f * ctx.scale, pal.accent, 0, 1.5f * ctx.scale);
    } else if (passed) {
      dl->AddCircleFilled(c, dot_r, pal.good);
    } else {
      dl->AddCircle(c, dot_r, pal.text_dim, 0, 1.2f * ctx.scale);
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 2 * r + 4));
  ImGui::Dummy(ImVec2(0, 0));
  return clicked;
}

void draw_checks(ViewContext& ctx, const Runtime& rt) {
  const lesson::StepStatus& st = rt.status();
  if (st.checks.empty()) return;
  const Palette& pal = *ctx.palette;
  ImGui::Spacing();
  for (const lesson::CheckStatus& c : st.checks) {
    if (c.error) continue;  // shown with the errors
    const bool ok = c.passed;
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec(ok ? pal.good : pal.warning));
    ImGui::TextUnformatted(ok ? "✓" : "◌");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const std::string hint = c.hint.empty() ? std::string("Waiting for the step's check") : c.hint;
    if (ok) {
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
      ImGui::TextWrapped("%s — done", hint.c_str());
      ImGui::PopStyleColor();
    } else {
      ImGui::TextWrapped("%s", hint.c_str());
    }
  }
}

void draw_quiz(ViewContext& ctx, Runtime& rt, LessonPanelState& state, bool keys) {
  const lesson::Step& step = rt.step();
  if (!step.has_quiz) return;
  const lesson::Quiz& q = step.quiz;
  const lesson::QuizStatus& qs = rt.status().quiz;
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  ImGui::Spacing();
  Boxed box(ImGui::GetColorU32(ImGuiCol_FrameBg, 0.55f), 0, 10 * s);
  const float inner = box.inner_width();
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.accent));
  ImGui::PushFont(ctx.fonts->small);
  ImGui::TextUnformatted(q.kind == QuizKind::Reveal     ? "QUESTION"
                         : q.kind == QuizKind::Multiple ? "QUESTION · pick every right answer"
                                                        : "QUESTION · pick one");
  ImGui::PopFont();
  ImGui::PopStyleColor();
  MarkdownStyle question;
  question.font = ctx.fonts->bold;
  question.width = inner;
  draw_spans(ctx, state.markdown, q.question_spans, question);
  ImGui::Spacing();

  const bool answered = qs.submitted;
  if (q.kind != QuizKind::Reveal) {
    for (size_t i = 0; i < q.choices.size(); ++i) {
      const lesson::Choice& c = q.choices[i];
      const bool selected = std::binary_search(qs.selected.begin(), qs.selected.end(), static_cast<int>(i));
      ImGui::PushID(static_cast<int>(i));
      const ImVec2 start = ImGui::GetCursorScreenPos();
      ImDrawList* dl = ImGui::GetWindowDrawList();
      ImDrawListSplitter split;
      split.Split(dl, 2);
      split.SetCurrentChannel(dl, 1);
      const float pad = 5 * s;
      const float marker_w = 46 * s;
      // The key, then ○ ● (one answer) or ☐ ☑ (several), then the choice; ✓ ✗ once answered.
      char key[24];
      std::snprintf(key, sizeof key, "%zu", i + 1);
      const char* mark = q.kind == QuizKind::Single ? (selected ? "●" : "○") : (selected ? "☑" : "☐");
      ImU32 mark_colour = selected ? pal.accent : pal.text_dim;
      if (answered && c.correct) mark = "✓", mark_colour = pal.good;
      else if (answered && selected) mark = "✗", mark_colour = pal.bad;
      ImGui::SetCursorScreenPos(ImVec2(start.x + marker_w, start.y + pad));
      MarkdownStyle text;
      text.width = inner - marker_w - pad;
      const float text_top = ImGui::GetCursorScreenPos().y;
      draw_spans(ctx, state.markdown, c.spans, text);
      if (answered && !c.explanation_spans.empty()) {
        MarkdownStyle why;
        why.width = text.width;
        why.colour = pal.text_dim;
        ImGui::SetCursorScreenPos(ImVec2(start.x + marker_w, ImGui::GetCursorScreenPos().y + 2 * s));
        draw_spans(ctx, state.markdown, c.explanation_spans, why);
      }
      const float bottom = ImGui::GetCursorScreenPos().y + pad - ImGui::GetStyle().ItemSpacing.y;
      const ImFont* body = ctx.fonts->body;
      if (!answered && i < 9) {
        const ImFont* small = ctx.fonts->small;
        const ImVec2 kp(start.x + pad, text_top + (body->FontSize - small->FontSize) / 2);
        dl->AddRect(ImVec2(kp.x - 3 * s, kp.y - 1), ImVec2(kp.x + small->FontSize * 0.6f + 3 * s, kp.y + small->FontSize + 1),
                    pal.text_dim, 3 * s);
        dl->AddText(small, small->FontSize, kp, pal.text_dim, key);
      }
      dl->AddText(body, body->FontSize, ImVec2(start.x + 22 * s, text_top), mark_colour, mark);
      split.SetCurrentChannel(dl, 0);
      ImGui::SetCursorScreenPos(start);
      const ImVec2 size(inner, bottom - start.y);
      const bool clicked = ImGui::InvisibleButton("choice", size) && !answered;
      const bool hovered = ImGui::IsItemHovered() && !answered;
      ImU32 fill = 0;
      if (answered && c.correct) fill = with_alpha(pal.good, 45);
      else if (answered && selected) fill = with_alpha(pal.bad, 45);
      else if (selected) fill = with_alpha(pal.accent, 50);
      else if (hovered) fill = ImGui::GetColorU32(ImGuiCol_FrameBgHovered);
      if (fill) dl->AddRectFilled(start, ImVec2(start.x + size.x, start.y + size.y), fill, 4 * s);
      split.Merge(dl);
      if (clicked) rt.choose(static_cast<int>(i));
      ImGui::PopID();
      ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + size.y + 3 * s));
      ImGui::Dummy(ImVec2(0, 0));
    }
    if (keys && !answered)
      for (int i = 0; i < 9 && i < static_cast<int>(q.choices.size()); ++i)
        if (key_pressed(kKey1 + i, false)) rt.choose(i);
    ImGui::Spacing();
    if (!answered) {
      ImGui::BeginDisabled(qs.selected.empty());
      if (ImGui::Button("Check") || (keys && !qs.selected.empty() && key_pressed(kKeyEnter, false))) rt.submit();
      ImGui::EndDisabled();
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
      ImGui::TextUnformatted(qs.selected.empty() ? "Pick an answer (keys 1–9), then Check (Enter)." : "Enter to check");
      ImGui::PopStyleColor();
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec(qs.correct ? pal.good : pal.bad));
      ImGui::PushFont(ctx.fonts->bold);
      ImGui::TextUnformatted(qs.correct ? "Right." : "Not quite: the right answers are marked ✓.");
      ImGui::PopFont();
      ImGui::PopStyleColor();
      ImGui::SameLine();
      if (ImGui::SmallButton("Try again")) rt.retry();
    }
  } else {
    if (!qs.revealed) {
      if (ImGui::Button("Show answer") || (keys && key_pressed(kKeyEnter, false))) rt.reveal();
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
      ImGui::TextUnformatted("Think of your answer first (Enter shows it).");
      ImGui::PopStyleColor();
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.good));
      ImGui::PushFont(ctx.fonts->small);
      ImGui::TextUnformatted("ANSWER");
      ImGui::PopFont();
      ImGui::PopStyleColor();
      MarkdownStyle a;
      a.width = inner;
      draw_spans(ctx, state.markdown, q.answer_spans, a);
    }
  }
  if ((answered || qs.revealed) && !q.explain_spans.empty()) {
    ImGui::Spacing();
    MarkdownStyle e;
    e.width = inner;
    e.colour = pal.text_dim;
    draw_spans(ctx, state.markdown, q.explain_spans, e);
  }
  box.end();
}

void draw_log(ViewContext& ctx, const Runtime& rt, LessonPanelState& state) {
  const std::vector<std::string>& log = rt.status().log;
  if (log.empty()) return;
  ImGui::Spacing();
  ImGui::SetNextItemOpen(state.log_open, ImGuiCond_Always);
  char label[48];
  std::snprintf(label, sizeof label, "Log (%zu line%s)###log", log.size(), log.size() == 1 ? "" : "s");
  state.log_open = ImGui::CollapsingHeader(label);
  if (!state.log_open) return;
  ImGui::PushFont(ctx.fonts->mono);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(ctx.palette->text_dim));
  const size_t first = log.size() > 40 ? log.size() - 40 : 0;  // the newest lines; the runtime keeps 200
  for (size_t i = first; i < log.size(); ++i) ImGui::TextWrapped("%s", log[i].c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace

std::string lesson_step_label(const Runtime& rt) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "Step %d of %d", rt.index() + 1, rt.step_count());
  return buf;
}

LessonPanelResult draw_lesson_panel(ViewContext& ctx, Runtime& rt, LessonPanelState& state, const LessonPanelInput& input) {
  LessonPanelResult result;
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  const bool keys = input.keys && shortcuts_allowed() && !ctrl_down();
  const int step_before = rt.index();

  // Header: the lesson's title and a close button, the step's title, the progress.
  const float close_w = ImGui::CalcTextSize("Close ×").x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
  ImGui::PushFont(ctx.fonts->small);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - close_w - 8 * s);
  ImGui::TextWrapped("LESSON · %s", rt.lesson().title.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - close_w);
  if (ImGui::SmallButton("Close ×")) result.close = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close the lesson (your place is kept)");

  MarkdownStyle title;
  title.font = ctx.fonts->heading;
  draw_spans(ctx, state.markdown, rt.step().title_spans, title);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
  ImGui::TextUnformatted(lesson_step_label(rt).c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 12 * s);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (ImGui::GetTextLineHeight() - 11 * s) / 2);
  const int jump = draw_step_dots(ctx, rt);
  ImGui::Separator();

  // The body scrolls; the footer with Back and Next stays put.
  const float footer_h = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y * 2 + 2 * s;
  ImGui::BeginChild("##step", ImVec2(0, -footer_h), false);
  if (state.shown_step != rt.index()) {
    ImGui::SetScrollY(0);
    state.shown_step = rt.index();
  }
  draw_errors(ctx, rt);
  if (rt.index() == 0 && !rt.lesson().intro.blocks.empty()) {
    result.clicked_link = draw_markdown(ctx, state.markdown, rt.lesson().intro).clicked_link;
    ImGui::Spacing();
  }
  const MarkdownResult prose = draw_markdown(ctx, state.markdown, rt.step().prose);
  if (!prose.clicked_link.empty()) result.clicked_link = prose.clicked_link;
  draw_quiz(ctx, rt, state, keys);
  draw_checks(ctx, rt);
  draw_log(ctx, rt, state);
  if (rt.progress().completed && rt.at_last_step()) {
    ImGui::Spacing();
    Boxed done(with_alpha(pal.good, 40), pal.good, 10 * s);
    ImGui::PushFont(ctx.fonts->bold);
    ImGui::TextUnformatted("Lesson complete.");
    ImGui::PopFont();
    ImGui::TextWrapped("Every step is kept as you left it; open the lesson again from the home screen at any time.");
    if (ImGui::Button("Back to the home screen")) result.close = true;
    done.end();
  }
  ImGui::EndChild();

  // Footer.
  ImGui::Separator();
  const bool can_back = rt.index() > 0;
  ImGui::BeginDisabled(!can_back);
  if (ImGui::Button("← Back") || (keys && can_back && key_pressed(kKeyLeft, false))) rt.back();
  ImGui::EndDisabled();
  const bool last = rt.at_last_step();
  const bool can_next = rt.can_next();
  const char* next_label = last ? (rt.progress().completed ? "Finished ✓" : "Finish ✓") : "Next →";
  const float next_w = ImGui::CalcTextSize(next_label).x + 2 * ImGui::GetStyle().FramePadding.x;
  const std::string hint = rt.waiting_hint();
  ImGui::SameLine();
  {
    // The reason Next is disabled, between the buttons.
    std::string why;
    if (!can_next) why = !hint.empty() ? hint : (rt.quiz_done() ? std::string() : std::string("Answer the question to go on"));
    const float avail = ImGui::GetContentRegionAvail().x - next_w - ImGui::GetStyle().ItemSpacing.x;
    if (!why.empty() && avail > 40 * s) {
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.warning));
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float ty = p.y + ImGui::GetStyle().FramePadding.y;
      const ImVec4 clip(p.x, p.y, p.x + avail, p.y + ImGui::GetFrameHeight());
      ImGui::GetWindowDrawList()->AddText(ctx.fonts->body, ctx.fonts->body->FontSize, ImVec2(p.x + 4 * s, ty),
                                          pal.warning, ("◌ " + why).c_str(), nullptr, 0.0f, &clip);
      ImGui::PopStyleColor();
    }
  }
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - next_w);
  ImGui::BeginDisabled(!can_next || (last && rt.progress().completed));
  if (ImGui::Button(next_label) || (keys && can_next && key_pressed(kKeyRight, false))) rt.next();
  ImGui::EndDisabled();
  if (!can_next && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && !hint.empty())
    ImGui::SetTooltip("%s", hint.c_str());

  if (jump >= 0 && jump != rt.index()) rt.enter(jump);
  if (keys && input.space && input.session && key_pressed(kKeySpace, false)) {
    if (input.session->progress()->running) input.session->pause();
    else input.session->run();
  }
  result.changed_step = rt.index() != step_before;
  return result;
}

}  // namespace attend::views
