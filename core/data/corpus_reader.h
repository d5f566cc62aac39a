// Streaming text reader for corpora: reads a file (plain UTF-8 or gzip-compressed) in fixed-size chunks and
// hands out complete lines, so a gigabyte corpus is never in memory at once. It reports progress (bytes
// read of the file's size) after every chunk and stops early when asked to.
//
//   std::atomic<bool> cancel{false};
//   StreamOptions opt;
//   opt.on_progress = [&](const ReadProgress& p) { bar = p.fraction(); };
//   opt.cancel = &cancel;
//   Status s = stream_lines(path, [&](std::string_view line, int64_t number) { ...; return true; }, opt);
//
// Line ends are "\n", "\r\n" or a lone "\r" (as Python's universal newlines), not included in the line. A
// chunk boundary never splits a line, nor a UTF-8 sequence in stream_text. For .gz files the progress
// counts compressed bytes, so it still runs from 0 to the file's size.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace attend::data {

struct ReadProgress {
  uint64_t bytes_read = 0;   // of the file as stored (compressed for .gz)
  uint64_t total_bytes = 0;  // the file's size; 0 when unknown
  int64_t lines = 0;         // lines delivered so far
  double fraction() const { return total_bytes ? static_cast<double>(bytes_read) / total_bytes : 0.0; }
};

struct StreamOptions {
  size_t chunk_bytes = size_t(1) << 20;
  std::function<void(const ReadProgress&)> on_progress;  // after each chunk, on the reading thread
  const std::atomic<bool>* cancel = nullptr;             // set to stop; the call then returns an error
  bool gzip = false;                                     // also on automatically for names ending ".gz"
};

// The error message a cancelled read returns (so callers can tell it from a failure).
extern const char* const kCancelled;

// Pieces of the file in order, each ending on a UTF-8 character boundary. Return false from fn to stop.
Status stream_text(const std::string& path, const std::function<bool(std::string_view)>& fn,
                   const StreamOptions& options = {});

// Lines of the file in order with their 1-based numbers. Return false from fn to stop.
Status stream_lines(const std::string& path, const std::function<bool(std::string_view, int64_t)>& fn,
                    const StreamOptions& options = {});

}  // namespace attend::data
