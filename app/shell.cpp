#include "app/shell.h"

#include <algorithm>

#include <cstdio>

#include <imgui.h>

#include "views/keys.h"

namespace attend::app {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;

std::vector<views::HomeEntry> home_entries(const Shell& shell) {
  std::vector<views::HomeEntry> e;
  for (const views::View& v : shell.views)
    if (v.name != "home") e.push_back({"Labs", v.title, v.summary, "view:" + v.name, -1});
  return e;
}

void handle_shortcuts(Shell& shell) {
  using namespace views;
  if (!shortcuts_allowed()) return;
  const bool ctrl = ctrl_down();
  if (ctrl && letter_pressed('Q')) shell.quit_requested = true;
  if (ctrl && letter_pressed('T')) shell.theme_toggle_requested = true;
  if (ctrl && (key_pressed(kKeyEqual, false) || key_pressed(kKeyKpAdd, false))) shell.scale_change += 1;
  if (ctrl && (key_pressed(kKeyMinus, false) || key_pressed(kKeyKpSubtract, false))) shell.scale_change -= 1;
  if (ctrl && letter_pressed('H')) open_view(shell, -1);
  if (key_pressed(kKeyF1, false)) shell.show_shortcuts = !shell.show_shortcuts;
  for (int i = 0; i < 9 && i < static_cast<int>(shell.views.size()); ++i)
    if (ctrl && key_pressed(kKey1 + i, false)) open_view(shell, i);
}

void draw_menu(Shell& shell, Settings& settings) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("Lessons")) {
    if (ImGui::MenuItem("Home", "Ctrl+H")) open_view(shell, -1);
    ImGui::EndMenu();
  }
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
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Notes")) {
    if (ImGui::MenuItem("Study", nullptr, false, find_view(shell, "notes") >= 0)) open_target(shell, "view:notes");
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", "F1")) shell.show_shortcuts = true;
    if (ImGui::MenuItem("About Attend")) shell.show_about = true;
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) shell.quit_requested = true;
    ImGui::EndMenu();
  }
  if (shell.active >= 0) {
    const std::string& title = shell.views[shell.active].title;
    const float w = ImGui::CalcTextSize(title.c_str()).x;
    ImGui::SameLine(ImGui::GetWindowWidth() - w - ImGui::GetStyle().WindowPadding.x * 2);
    ImGui::TextDisabled("%s", title.c_str());
  }
  ImGui::EndMainMenuBar();
}

void draw_help_windows(Shell& shell) {
  if (shell.show_shortcuts) {
    ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Keyboard shortcuts", &shell.show_shortcuts, ImGuiWindowFlags_NoSavedSettings)) {
      const char* rows[][2] = {{"Ctrl+H", "home screen"},       {"Ctrl+1 … Ctrl+9", "open a view"},
                               {"← / →", "previous / next lesson step"}, {"Space", "run or pause training"},
                               {"Ctrl+T", "dark / light theme"}, {"Ctrl+= / Ctrl+-", "larger / smaller text"},
                               {"F1", "this list"},              {"Ctrl+Q", "quit"}};
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

}  // namespace

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
  if (target == "home") open_view(shell, -1);
  if (target.rfind("view:", 0) == 0) {
    const int i = find_view(shell, target.substr(5));
    if (i >= 0) open_view(shell, i);
  }
}

void draw_shell(Shell& shell, Settings& settings, views::ViewContext& ctx) {
  handle_shortcuts(shell);
  draw_menu(shell, settings);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("##main", nullptr, kPanelFlags);
  ctx.frame = shell.view_frame++;
  if (shell.active < 0) {
    const std::string target = views::draw_home_view(ctx, home_entries(shell), shell.notice);
    if (!target.empty()) open_target(shell, target);
  } else {
    views::View& v = shell.views[shell.active];
    settings.last_view = v.name;
    if (v.draw && !shell.blank) v.draw(ctx);
  }
  ImGui::End();
  draw_help_windows(shell);
}

}  // namespace attend::app
