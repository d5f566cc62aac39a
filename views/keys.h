// Keyboard shortcuts for views and the shell. Dear ImGui 1.86 indexes keys by the platform backend's codes
// (GLFW's here) except for the few named in ImGuiKey_, so key tests go through these helpers.
#pragma once

#include <imgui.h>

namespace attend::views {

// GLFW key codes: letters and digits are their ASCII upper-case codes.
enum Key : int {
  kKeySpace = 32, kKeyMinus = 45, kKeyEqual = 61, kKey0 = 48, kKey1 = 49, kKey9 = 57,
  kKeyLeft = 263, kKeyRight = 262, kKeyUp = 265, kKeyDown = 264, kKeyEscape = 256, kKeyEnter = 257,
  kKeyF1 = 290, kKeyF12 = 301, kKeyKpSubtract = 333, kKeyKpAdd = 334,
};

inline bool key_pressed(int glfw_key, bool repeat = true) { return ImGui::IsKeyPressed(glfw_key, repeat); }
inline bool letter_pressed(char upper) { return ImGui::IsKeyPressed(upper, false); }
inline bool ctrl_down() { return ImGui::GetIO().KeyCtrl; }
// True unless a text field has the keyboard: single-key shortcuts must not fire while typing.
inline bool shortcuts_allowed() { return !ImGui::GetIO().WantTextInput; }

}  // namespace attend::views
