#include "core/data/corpus_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "core/data/tokenizer.h"

namespace attend::data {

const char* const kCancelled = "reading was cancelled";

namespace {

bool ends_with(const std::string& s, const char* tail) {
  const size_t n = std::strlen(tail);
  return s.size() >= n && s.compare(s.size() - n, n, tail) == 0;
}

// A byte source: plain file through stdio, or gzip through zlib. read() returns bytes read, 0 at the end,
// -1 on error; position() is in stored (compressed) bytes.
class Source {
 public:
  Status open(const std::string& path, bool gzip) {
    m_path = path;
    m_file = std::fopen(path.c_str(), "rb");
    if (!m_file) return make_error(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
    if (std::fseek(m_file, 0, SEEK_END) == 0) {
      const long size = std::ftell(m_file);
      m_size = size > 0 ? static_cast<uint64_t>(size) : 0;
      std::fseek(m_file, 0, SEEK_SET);
    }
    if (gzip) {
      std::fclose(m_file);
      m_file = nullptr;
      m_gz = gzopen(path.c_str(), "rb");
      if (!m_gz) return make_error(path, 0, 0, "cannot open as gzip");
      gzbuffer(m_gz, 1 << 17);
    }
    return Ok{};
  }
  ~Source() {
    if (m_file) std::fclose(m_file);
    if (m_gz) gzclose(m_gz);
  }
  int64_t read(char* buf, size_t n) {
    if (m_gz) {
      const int got = gzread(m_gz, buf, static_cast<unsigned>(n));
      if (got < 0) return -1;
      return got;
    }
    const size_t got = std::fread(buf, 1, n, m_file);
    if (got == 0 && std::ferror(m_file)) return -1;
    return static_cast<int64_t>(got);
  }
  uint64_t position() const {
    if (m_gz) return static_cast<uint64_t>(gzoffset(m_gz));
    return static_cast<uint64_t>(std::ftell(m_file));
  }
  uint64_t size() const { return m_size; }
  std::string error_text() {
    if (m_gz) {
      int code = 0;
      const char* msg = gzerror(m_gz, &code);
      return std::string("corrupt gzip data: ") + (msg ? msg : "unknown error");
    }
    return std::string("read failed: ") + std::strerror(errno);
  }

 private:
  std::string m_path;
  std::FILE* m_file = nullptr;
  gzFile m_gz = nullptr;
  uint64_t m_size = 0;
};

bool cancelled(const StreamOptions& o) { return o.cancel && o.cancel->load(std::memory_order_relaxed); }

}  // namespace

Status stream_text(const std::string& path, const std::function<bool(std::string_view)>& fn,
                   const StreamOptions& options) {
  Source src;
  Status st = src.open(path, options.gzip || ends_with(path, ".gz"));
  if (!st) return st;
  const size_t chunk = std::max<size_t>(options.chunk_bytes, 8);
  std::vector<char> buf(chunk + 4);
  size_t carried = 0;  // bytes of an incomplete UTF-8 sequence from the previous chunk
  ReadProgress progress;
  progress.total_bytes = src.size();
  for (;;) {
    if (cancelled(options)) return make_error(path, 0, 0, kCancelled);
    const int64_t got = src.read(buf.data() + carried, chunk);
    if (got < 0) return make_error(path, 0, 0, src.error_text());
    const size_t have = carried + static_cast<size_t>(got);
    if (got == 0) {
      // A truncated sequence at the very end is passed on; the tokenizer reads it as U+FFFD.
      if (have > 0 && !fn(std::string_view(buf.data(), have))) return Ok{};
      break;
    }
    const size_t tail = utf8_incomplete_tail(std::string_view(buf.data(), have));
    if (have > tail && !fn(std::string_view(buf.data(), have - tail))) return Ok{};
    std::memmove(buf.data(), buf.data() + have - tail, tail);
    carried = tail;
    progress.bytes_read = src.position();
    if (options.on_progress) options.on_progress(progress);
  }
  progress.bytes_read = progress.total_bytes ? progress.total_bytes : src.position();
  if (options.on_progress) options.on_progress(progress);
  return Ok{};
}

Status stream_lines(const std::string& path, const std::function<bool(std::string_view, int64_t)>& fn,
                    const StreamOptions& options) {
  std::string partial;  // the unfinished last line of the previous piece
  int64_t line_no = 0;
  bool pending_cr = false;  // the previous piece ended in '\r': a '\n' starting this one belongs to it
  bool stopped = false;
  StreamOptions inner = options;
  ReadProgress last;
  inner.on_progress = [&](const ReadProgress& p) {
    last = p;
    last.lines = line_no;
    if (options.on_progress) options.on_progress(last);
  };
  Status st = stream_text(
      path,
      [&](std::string_view piece) {
        size_t start = 0;
        if (pending_cr && !piece.empty() && piece[0] == '\n') start = 1;
        pending_cr = false;
        for (size_t i = start; i < piece.size(); ++i) {
          const char c = piece[i];
          if (c != '\n' && c != '\r') continue;
          std::string_view line = piece.substr(start, i - start);
          bool keep_going;
          if (!partial.empty()) {
            partial.append(line);
            keep_going = fn(partial, ++line_no);
            partial.clear();
          } else {
            keep_going = fn(line, ++line_no);
          }
          if (!keep_going) {
            stopped = true;
            return false;
          }
          if (c == '\r') {
            if (i + 1 < piece.size()) {
              if (piece[i + 1] == '\n') ++i;
            } else {
              pending_cr = true;
            }
          }
          start = i + 1;
        }
        partial.append(piece.substr(start));
        return true;
      },
      inner);
  if (!st) return st;
  if (!stopped && !partial.empty()) fn(partial, ++line_no);
  return Ok{};
}

}  // namespace attend::data
