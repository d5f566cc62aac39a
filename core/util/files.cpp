#include "core/util/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace attend {
namespace {

Error errno_error(const std::string& path, const std::string& what) {
  return make_error(path, 0, 0, what + ": " + std::strerror(errno));
}

bool write_all(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return errno_error(path, "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return errno_error(path, "cannot read file");
  return ss.str();
}

Status write_file_atomic(const std::string& path, const std::string& content) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  // A unique temporary name beside the target: rename is atomic only within one file system.
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return errno_error(path, "cannot create temporary file");
  if (!write_all(fd, content) || ::fsync(fd) != 0) {
    Error e = errno_error(path, "cannot write temporary file");
    ::close(fd);
    ::unlink(tmp.c_str());
    return e;
  }
  ::fchmod(fd, 0644);
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = errno_error(path, "cannot replace file");
    ::unlink(tmp.c_str());
    return e;
  }
  // Make the rename itself durable.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Ok{};
}

Result<std::string> move_aside(const std::string& path) {
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  std::string aside = path + ".corrupt-" + stamp;
  for (int i = 1; file_exists(aside); ++i) aside = path + ".corrupt-" + stamp + "-" + std::to_string(i);
  if (::rename(path.c_str(), aside.c_str()) != 0) return errno_error(path, "cannot move corrupt file aside");
  return aside;
}

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Status make_directories(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return make_error(path, 0, 0, "cannot create directory: " + ec.message());
  return Ok{};
}

}  // namespace attend
