// Reading and writing the user's files safely.
// write_file_atomic writes to a temporary file beside the target, flushes it to disk and renames it over the
// target, so a crash or kill at any moment leaves either the old or the new content, never a torn file.
// move_aside keeps a corrupt file for the user to inspect instead of silently overwriting it.
#pragma once

#include <string>

#include "core/util/result.h"

namespace attend {

Result<std::string> read_file(const std::string& path);
Status write_file_atomic(const std::string& path, const std::string& content);

// Renames `path` to `path.corrupt-YYYYmmdd-HHMMSS` and returns the new name.
Result<std::string> move_aside(const std::string& path);

bool file_exists(const std::string& path);
Status make_directories(const std::string& path);

}  // namespace attend
