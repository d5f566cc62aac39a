// Loading a progress file that must never be silently reset: a missing file is a fresh start, a file that
// does not parse is moved aside (kept for the person to inspect) with a message saying where it went, and
// a file that cannot be read at all is an error, so the caller does not overwrite it. Writing goes through
// write_file_atomic (temp file + fsync + rename), so a kill at any moment leaves the old or the new file.
// Shared by the lesson progress store (progress.h) and the study store (core/notes/study_store.h).
#pragma once

#include <functional>
#include <string>

#include "core/util/result.h"

namespace attend::lesson {

struct StoreLoad {
  bool existed = false;
  std::string warning;  // non-empty when a corrupt file was moved aside: show it to the person
};

// `parse` reads the content into the caller's state and returns an error when it is not a valid store.
Result<StoreLoad> load_store_file(const std::string& path, const std::function<Status(const std::string&)>& parse,
                                  const std::string& what);

}  // namespace attend::lesson
