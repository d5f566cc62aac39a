#include "app/shell.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include <imgui.h>

#include "core/lesson/topics.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "views/keys.h"
#include "views/lesson_panel.h"

namespace attend::app {
namespace {

// The panels that tile the window draw no background: each frame starts cleared to the window background
// colour (app/window.cpp), and on a software renderer a full-window fill costs as much as all the rest.
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBackground;

// Lessons grouped under their first topic (the topic list's order), lessons without topics last.
std::map<int, std::vector<const lesson::Lesson*>> lessons_by_topic(const Shell& shell) {
  std::map<int, std::vector<const lesson::Lesson*>> out;
  for (const lesson::Lesson& l : shell.lessons) out[l.topics.empty() ? 1000 : l.topics.front()].push_back(&l);
  return out;
}

std::string topic_caption(int number) {
  if (number >= 1000) return "Other lessons";
  const lesson::Topic* t = lesson::find_topic(number);
  return std::to_string(number) + " · " + (t ? t->title : std::string("topic"));
}

std::string topics_line(const lesson::Lesson& l) {
  std::string s;
  for (int t : l.topics) s += (s.empty() ? "Topics " : ", ") + std::to_string(t);
  if (l.topics.size() == 1) s.replace(0, 6, "Topic");
  return s;
}

void go_home(Shell& shell) {
  close_lesson(shell);
  open_view(shell, -1);
}

void handle_shortcuts(Shell& shell) {
  using namespace views;
  if (!shortcuts_allowed()) return;
  const bool ctrl = ctrl_down();
  if (ctrl && letter_pressed('Q')) shell.quit_requested = true;
  if (ctrl && letter_pressed('T')) shell.theme_toggle_requested = true;
  if (ctrl && (key_pressed(kKeyEqual, false) || key_pressed(kKeyKpAdd, false))) shell.scale_change += 1;
  if (ctrl && (key_pressed(kKeyMinus, false) || key_pressed(kKeyKpSubtract, false))) shell.scale_change -= 1;
  if (ctrl && letter_pressed('H')) go_home(shell);
  if (ctrl && letter_pressed('O')) shell.open_lesson_popup = true;
  if (key_pressed(kKeyF1, false)) shell.show_shortcuts = !shell.show_shortcuts;
  if (key_pressed(kKeyF12, false)) shell.screenshot_requested = true;
  for (int i = 0; i < 9 && i < static_cast<int>(shell.views.size()); ++i)
    if (ctrl && key_pressed(kKey1 + i, false)) open_view(shell, i);
}

void draw_lessons_menu(Shell& shell) {
  if (!ImGui::BeginMenu("Lessons")) return;
  if (ImGui::MenuItem("Home", "Ctrl+H")) go_home(shell);
  ImGui::Separator();
  if (shell.lessons.empty()) ImGui::TextDisabled("No lessons found in %s", lessons_dir().c_str());
  for (const auto& [topic, list] : lessons_by_topic(shell)) {
    ImGui::TextDisabled("%s", topic_caption(topic).c_str());
    for (const lesson::Lesson* l : list) {
      const std::string label = "   " + l->title;
      const std::string state = progress_label(shell, *l);
      const bool open = shell.lesson && shell.lesson->key == lesson::lesson_key(l->path);
      if (ImGui::MenuItem(label.c_str(), state.empty() ? nullptr : state.c_str(), open)) open_target(shell, "lesson:" + l->path);
    }
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Open lesson file…", "Ctrl+O")) shell.open_lesson_popup = true;
  if (ImGui::MenuItem("Close lesson", nullptr, false, shell.lesson != nullptr)) close_lesson(shell);
  ImGui::EndMenu();
}

void draw_menu(Shell& shell, Settings& settings) {
  if (!ImGui::BeginMainMenuBar()) return;
  draw_lessons_menu(shell);
  if (ImGui::BeginMenu("Views")) {
    for (int i = 0; i < static_cast<int>(shell.views.size()); ++i) {
      char shortcut[16] = "";
      if (i < 9) std::snprintf(shortcut, sizeof shortcut, "Ctrl+%d", i + 1);
      if (ImGui::MenuItem(shell.views[i].title.c_str(), shortcut, shell.active == i)) open_view(shell, i);
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Light theme", "Ctrl+T", settings.theme == "light")) shell.theme_toggle_requested = true;
    if (ImGui::MenuItem("Larger text", "Ctrl+=")) shell.scale_change += 1;
    if (ImGui::MenuItem("Smaller text", "Ctrl+-")) shell.scale_change -= 1;
    ImGui::Separator();
    if (ImGui::MenuItem("Save screenshot", "F12")) shell.screenshot_requested = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Notes")) {
    const int notes = find_view(shell, "notes");
    if (ImGui::MenuItem("Study", nullptr, false, notes >= 0)) open_view(shell, notes);
    if (ImGui::MenuItem("Import notes…", nullptr, false, notes >= 0)) {
      open_view(shell, notes);
      (void)shell.views[static_cast<size_t>(notes)].configure("mode", Value(std::string("files")));
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", "F1")) shell.show_shortcuts = true;
    if (ImGui::MenuItem("About Attend")) shell.show_about = true;
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) shell.quit_requested = true;
    ImGui::EndMenu();
  }
  std::string right;
  if (shell.lesson) right = shell.lesson->runtime->lesson().title + "  ·  " + views::lesson_step_label(*shell.lesson->runtime);
  else if (shell.active >= 0) right = shell.views[shell.active].title;
  if (!right.empty()) {
    const float w = ImGui::CalcTextSize(right.c_str()).x;
    ImGui::SameLine(ImGui::GetWindowWidth() - w - ImGui::GetStyle().WindowPadding.x * 2);
    ImGui::TextDisabled("%s", right.c_str());
  }
  ImGui::EndMainMenuBar();
}

void draw_help_windows(Shell& shell) {
  if (shell.show_shortcuts) {
    ImGui::SetNextWindowSize(ImVec2(440, 0), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Keyboard shortcuts", &shell.show_shortcuts, ImGuiWindowFlags_NoSavedSettings)) {
      const char* rows[][2] = {{"Ctrl+H", "home screen"},
                               {"Ctrl+O", "open a lesson file"},
                               {"Ctrl+1 … Ctrl+9", "open a view"},
                               {"← / →", "previous / next lesson step"},
                               {"1 … 9, Enter", "pick a quiz answer, check it"},
                               {"Space", "run or pause training; show a card's answer"},
                               {"1 … 4", "rate a card: Again, Hard, Good, Easy"},
                               {"Ctrl+T", "dark / light theme"},
                               {"Ctrl+= / Ctrl+-", "larger / smaller text"},
                               {"F1", "this list"},
                               {"F12", "save a screenshot (exports folder)"},
                               {"Ctrl+Q", "quit"}};
      if (ImGui::BeginTable("keys", 2)) {
        for (auto& r : rows) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r[0]);
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r[1]);
        }
        ImGui::EndTable();
      }
    }
    ImGui::End();
  }
  if (shell.show_about) {
    if (ImGui::Begin("About Attend", &shell.show_about,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
      ImGui::Text("Attend %s", ATTEND_VERSION);
      ImGui::TextUnformatted("Machine learning you can watch: every model here trains live, on this machine.");
      ImGui::TextUnformatted("Built with Dear ImGui, GLFW, Eigen, md4c, Lua, CLI11 and nlohmann-json.");
    }
    ImGui::End();
  }
}

// "Open lesson file…": a path field (ImGui has no native file dialog).
void draw_open_lesson_popup(Shell& shell) {
  if (shell.open_lesson_popup) {
    ImGui::OpenPopup("Open lesson file");
    shell.open_lesson_popup = false;
    shell.open_lesson_error.clear();
  }
  ImGui::SetNextWindowSize(ImVec2(560 * ImGui::GetFontSize() / 16, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Open lesson file", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::TextWrapped("The path of a lesson file (markdown, see lessons/README.md for the format):");
  char buf[1024];
  std::snprintf(buf, sizeof buf, "%s", shell.open_lesson_path.c_str());
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputTextWithHint("##path", "/path/to/my_lesson.md", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue);
  shell.open_lesson_path = buf;
  if (!shell.open_lesson_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.4f, 0.35f, 1.0f));
    ImGui::TextWrapped("%s", shell.open_lesson_error.c_str());
    ImGui::PopStyleColor();
  }
  if (ImGui::Button("Open") || enter) {
    if (Status s = open_lesson(shell, shell.open_lesson_path); s) ImGui::CloseCurrentPopup();
    else shell.open_lesson_error = s.error().to_string();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(views::kKeyEscape, false)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// Headless screenshot tests read where the panel and the view are from $ATTEND_LESSON_LAYOUT (the same
// format as the gallery's), so no pixel position is hard-coded in a test.
void write_lesson_layout(ImVec2 panel_min, ImVec2 panel_max, ImVec2 view_min, ImVec2 view_max) {
  const char* path = std::getenv("ATTEND_LESSON_LAYOUT");
  if (!path || !*path) return;
  char text[256];
  std::snprintf(text, sizeof text,
                "panel lesson %.0f %.0f %.0f %.0f area %.0f %.0f %.0f %.0f\npanel view %.0f %.0f %.0f %.0f area %.0f %.0f %.0f %.0f\n",
                panel_min.x, panel_min.y, panel_max.x, panel_max.y, panel_min.x, panel_min.y, panel_max.x, panel_max.y,
                view_min.x, view_min.y, view_max.x, view_max.y, view_min.x, view_min.y, view_max.x, view_max.y);
  (void)write_file_atomic(path, text);
}

void draw_view_or_message(Shell& shell, views::ViewContext& ctx) {
  if (shell.active >= 0) {
    views::View& v = shell.views[shell.active];
    if (v.draw && !shell.blank) v.draw(ctx);
    return;
  }
  const char* msg = "This step shows no view.";
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 size = ImGui::CalcTextSize(msg);
  ImGui::SetCursorPos(ImVec2((avail.x - size.x) / 2, (avail.y - size.y) / 2));
  ImGui::TextDisabled("%s", msg);
}

// Lesson panel | splitter | view. The panel and the view are separate windows so each has its own
// keyboard focus: Space goes to the view's toolbar when the view has it, to the panel otherwise.
void draw_lesson_layout(Shell& shell, Settings& settings, views::ViewContext& ctx) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float s = ctx.scale;
  const float splitter = 6.0f * s;
  const float min_w = 260.0f * s;
  const float total = vp->WorkSize.x;
  float panel_w = std::clamp(settings.lesson_panel_fraction * total, std::min(min_w, total * 0.5f),
                             std::max(total - min_w - splitter, total * 0.5f));
  panel_w = std::floor(panel_w);
  OpenLesson& l = *shell.lesson;
  l.runtime->frame();

  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(panel_w, vp->WorkSize.y));
  ImGui::Begin("##lesson", nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  views::LessonPanelInput in;
  in.session = l.host->session();
  in.keys = !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId);
  in.space = !shell.view_focused;
  const views::LessonPanelResult r = views::draw_lesson_panel(ctx, *l.runtime, l.panel, in);
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + panel_w, vp->WorkPos.y));
  ImGui::SetNextWindowSize(ImVec2(splitter, vp->WorkSize.y));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("##splitter", nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
  ImGui::InvisibleButton("##split", ImVec2(splitter, vp->WorkSize.y));
  const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
  if (hot) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  if (ImGui::IsItemActive() && ImGui::GetIO().MouseDelta.x != 0)
    settings.lesson_panel_fraction = std::clamp((panel_w + ImGui::GetIO().MouseDelta.x) / total, 0.15f, 0.85f);
  const float cx = vp->WorkPos.x + panel_w + splitter / 2;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(cx, vp->WorkPos.y), ImVec2(cx, vp->WorkPos.y + vp->WorkSize.y),
                                      hot ? ctx.palette->accent : ImGui::GetColorU32(ImGuiCol_Border),
                                      hot ? 3.0f * s : 1.0f);
  ImGui::End();
  ImGui::PopStyleVar(2);

  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + panel_w + splitter, vp->WorkPos.y));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x - panel_w - splitter, vp->WorkSize.y));
  ImGui::Begin("##main", nullptr, kPanelFlags);
  ctx.frame = shell.view_frame++;
  shell.view_focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
  draw_view_or_message(shell, ctx);
  ImGui::End();
  if (ctx.headless)
    write_lesson_layout(vp->WorkPos, ImVec2(vp->WorkPos.x + panel_w, vp->WorkPos.y + vp->WorkSize.y),
                        ImVec2(vp->WorkPos.x + panel_w + splitter, vp->WorkPos.y),
                        ImVec2(vp->WorkPos.x + vp->WorkSize.x, vp->WorkPos.y + vp->WorkSize.y));

  save_lesson_progress(shell);
  if (shell.lesson) settings.last_lesson = shell.last_lesson = shell.lesson->path;
  if (r.close) go_home(shell);
}

}  // namespace

Shell::~Shell() = default;

int find_view(const Shell& shell, const std::string& name) {
  for (int i = 0; i < static_cast<int>(shell.views.size()); ++i)
    if (shell.views[i].name == name) return i;
  return -1;
}

void open_view(Shell& shell, int index) {
  if (index == shell.active) return;
  shell.active = index;
  shell.view_frame = 0;
  if (index >= 0 && shell.views[index].reset) shell.views[index].reset();
}

void open_target(Shell& shell, const std::string& target) {
  if (target == "home") go_home(shell);
  if (target.rfind("view:", 0) == 0) {
    const int i = find_view(shell, target.substr(5));
    if (i >= 0) open_view(shell, i);
  }
  if (target.rfind("lesson:", 0) == 0) {
    if (Status s = open_lesson(shell, target.substr(7)); !s) shell.notice = s.error().to_string();
  }
}

std::vector<views::HomeEntry> home_entries(Shell& shell) {
  std::vector<views::HomeEntry> e;
  // The lesson left unfinished last time, first.
  if (!shell.last_lesson.empty()) {
    const std::string key = lesson::lesson_key(shell.last_lesson);
    for (const lesson::Lesson& l : shell.lessons) {
      if (lesson::lesson_key(l.path) != key) continue;
      const auto it = shell.progress.lessons.find(key);
      if (it == shell.progress.lessons.end() || it->second.completed) break;
      const int step = std::clamp(it->second.step, 0, static_cast<int>(l.steps.size()) - 1);
      views::HomeEntry h;
      h.section = "Continue where you left off";
      h.title = l.title;
      h.summary = "Step " + std::to_string(step + 1) + " of " + std::to_string(l.steps.size()) + ": " +
                  l.steps[static_cast<size_t>(step)].title;
      h.target = "lesson:" + l.path;
      h.progress = progress_fraction(shell, l);
      h.badge = progress_label(shell, l);
      e.push_back(std::move(h));
      break;
    }
  }
  for (const auto& [topic, list] : lessons_by_topic(shell)) {
    for (const lesson::Lesson* l : list) {
      views::HomeEntry h;
      h.section = "Lessons";
      h.group = topic_caption(topic);
      h.title = l->title;
      h.summary = l->summary;
      if (!h.summary.empty()) h.summary += "  ·  ";
      h.summary += std::to_string(l->steps.size()) + " steps";
      if (!l->topics.empty()) h.summary += "  ·  " + topics_line(*l);
      h.target = "lesson:" + l->path;
      h.progress = progress_fraction(shell, *l);
      h.badge = progress_label(shell, *l);
      e.push_back(std::move(h));
    }
  }
  const int notes = find_view(shell, "notes");
  if (notes >= 0 && shell.study) {
    views::StudyDeck& d = *shell.study;
    const views::StudyCounts c = d.counts();
    views::HomeEntry h;
    h.section = "Study";
    h.target = "view:notes";
    h.title = d.is_sample() ? "The sample deck" : "Your notes";
    const size_t due = c.learning + c.review;
    if (d.is_sample())
      h.summary = std::to_string(c.cards) + " cards on attention, training and search, to try the study view. "
                  "Import your own markdown notes there (Notes files).";
    else
      h.summary = std::to_string(c.cards) + " cards from " + std::to_string(d.note_files().size()) + " note file" +
                  (d.note_files().size() == 1 ? "" : "s") + ", kept in sync with your files.";
    h.badge = due > 0 ? std::to_string(due) + " due · " + std::to_string(c.fresh) + " new" : std::to_string(c.fresh) + " new";
    e.push_back(std::move(h));
  }
  for (const views::View& v : shell.views)
    if (v.name != "home" && v.name != "notes") e.push_back({"Labs", "", v.title, v.summary, "view:" + v.name, -1, ""});
  return e;
}

void draw_shell(Shell& shell, Settings& settings, views::ViewContext& ctx) {
  if (!shell.pending_lesson.empty()) {
    open_target(shell, "lesson:" + shell.pending_lesson);
    shell.pending_lesson.clear();
  }
  handle_shortcuts(shell);
  draw_menu(shell, settings);

  if (shell.lesson) {
    draw_lesson_layout(shell, settings, ctx);
  } else {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##main", nullptr, kPanelFlags);
    ctx.frame = shell.view_frame++;
    shell.view_focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
    if (shell.active < 0) {
      std::string notice = shell.notice;
      for (const Error& err : shell.lesson_errors) notice += (notice.empty() ? "" : "\n") + err.to_string();
      if (shell.study && !shell.study->warning().empty()) notice += (notice.empty() ? "" : "\n") + shell.study->warning();
      const std::string target = views::draw_home_view(ctx, home_entries(shell), notice);
      if (!target.empty()) open_target(shell, target);
    } else {
      views::View& v = shell.views[shell.active];
      settings.last_view = v.name;
      if (v.draw && !shell.blank) v.draw(ctx);
    }
    ImGui::End();
  }
  draw_help_windows(shell);
  draw_open_lesson_popup(shell);
}

}  // namespace attend::app
