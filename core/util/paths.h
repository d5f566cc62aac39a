// Where Attend keeps its files, following the XDG base directory specification:
// settings and window layout in $XDG_CONFIG_HOME/attend (default ~/.config/attend),
// study progress and lesson progress in $XDG_DATA_HOME/attend (default ~/.local/share/attend).
// Tests point XDG_CONFIG_HOME and XDG_DATA_HOME at temporary folders.
#pragma once

#include <string>

namespace attend {

std::string config_dir();  // created on first use
std::string data_dir();    // created on first use

// The folder holding assets/ and lessons/: ATTEND_ROOT if set, else the source tree the binary was built from.
std::string assets_dir();
std::string lessons_dir();

}  // namespace attend
