#include "core/lesson/store_file.h"

#include <cerrno>

#include "core/util/files.h"

namespace attend::lesson {

Result<StoreLoad> load_store_file(const std::string& path, const std::function<Status(const std::string&)>& parse,
                                  const std::string& what) {
  StoreLoad out;
  if (!file_exists(path)) return out;
  out.existed = true;
  Result<std::string> content = read_file(path);
  if (!content) return content.error();
  Status parsed = parse(*content);
  if (parsed) return out;
  Result<std::string> aside = move_aside(path);
  if (!aside) return make_error(path, 0, 0, "your " + what + " could not be read (" + parsed.error().to_string() +
                                                ") and could not be moved aside: " + aside.error().message);
  out.warning = "Your " + what + " file " + path + " could not be read (" + parsed.error().to_string() +
                "). It was moved to " + *aside + " and a fresh one was started; nothing was deleted.";
  return out;
}

}  // namespace attend::lesson
