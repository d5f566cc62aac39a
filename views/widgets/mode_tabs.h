// The row of tabs that picks a lab's mode. A lesson's set("mode", ...) changes the mode and sets `select`:
// for that frame the tab bar follows the lab (ImGui applies a programmatic selection at the next frame's
// tab bar), and a tab item that is still open from before must not switch the mode back. Otherwise a click
// on a tab sets the mode.
#pragma once

namespace attend::views {

// `titles` has `count` entries, in the order of the lab's Mode enum; `mode` is that enum as an int.
void mode_tabs(const char* id, const char* const* titles, int count, int& mode, bool& select);

// The same for a lab's own enum class.
template <typename Mode>
void mode_tabs(const char* id, const char* const* titles, int count, Mode& mode, bool& select) {
  int m = static_cast<int>(mode);
  mode_tabs(id, titles, count, m, select);
  mode = static_cast<Mode>(m);
}

}  // namespace attend::views
