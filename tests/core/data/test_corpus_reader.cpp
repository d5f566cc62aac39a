#include <doctest/doctest.h>

#include <zlib.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

#include "core/data/corpus_reader.h"
#include "core/data/tokenizer.h"
#include "core/util/files.h"
#include "core/util/paths.h"

using namespace attend;
using namespace attend::data;

namespace {

std::string temp_file(const std::string& name, const std::string& content) {
  const std::string dir = attend::data_dir() + "/test_corpus_reader";
  REQUIRE(make_directories(dir).ok());
  const std::string path = dir + "/" + name;
  REQUIRE(write_file_atomic(path, content).ok());
  return path;
}

std::vector<std::string> read_lines(const std::string& path, size_t chunk) {
  std::vector<std::string> out;
  StreamOptions o;
  o.chunk_bytes = chunk;
  Status st = stream_lines(path, [&](std::string_view l, int64_t no) {
    CHECK(no == static_cast<int64_t>(out.size()) + 1);
    out.emplace_back(l);
    return true;
  }, o);
  REQUIRE(st.ok());
  return out;
}

}  // namespace

TEST_CASE("corpus reader: chunk boundaries inside UTF-8 sequences never split a character") {
  // Two-, three- and four-byte characters; every small chunk size puts a boundary inside some of them.
  const std::string text = "Жёлтый € 😀 внимание\nΣοφία — ok\n";
  const std::string path = temp_file("utf8.txt", text);
  for (size_t chunk : {8, 9, 10, 11, 13, 64}) {
    std::string joined;
    StreamOptions o;
    o.chunk_bytes = chunk;
    Status st = stream_text(path, [&](std::string_view piece) {
      // Every piece is whole characters: decoding it alone never meets a truncated sequence.
      CHECK(attend::data::utf8_incomplete_tail(piece) == 0);
      joined.append(piece);
      return true;
    }, o);
    REQUIRE(st.ok());
    CHECK(joined == text);
    CHECK(read_lines(path, chunk) == std::vector<std::string>{"Жёлтый € 😀 внимание", "Σοφία — ok"});
  }
}

TEST_CASE("corpus reader: \\n, \\r\\n and a lone \\r end lines, also across chunks") {
  const std::string path = temp_file("newlines.txt", "one\r\ntwo\rthree\n\nfive");
  for (size_t chunk : {8, 9, 4, 5, 1024}) {
    CHECK(read_lines(path, chunk) == std::vector<std::string>{"one", "two", "three", "", "five"});
  }
  // "\r" as the last byte of a chunk and "\n" as the first of the next: still one line end.
  const std::string split = temp_file("crlf_split.txt", "1234567\r\nabc\r\n");
  CHECK(read_lines(split, 8) == std::vector<std::string>{"1234567", "abc"});
}

TEST_CASE("corpus reader: progress runs to the file size, cancel stops with kCancelled") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "line number " + std::to_string(i) + "\n";
  const std::string path = temp_file("progress.txt", text);
  std::vector<uint64_t> seen;
  StreamOptions o;
  o.chunk_bytes = 1000;
  o.on_progress = [&](const ReadProgress& p) {
    CHECK(p.total_bytes == text.size());
    seen.push_back(p.bytes_read);
  };
  int64_t lines = 0;
  REQUIRE(stream_lines(path, [&](std::string_view, int64_t) { return ++lines > 0; }, o).ok());
  CHECK(lines == 2000);
  REQUIRE(seen.size() > 10);
  for (size_t i = 1; i < seen.size(); ++i) CHECK(seen[i] >= seen[i - 1]);
  CHECK(seen.back() == text.size());

  std::atomic<bool> cancel{false};
  o.on_progress = nullptr;
  o.cancel = &cancel;
  lines = 0;
  Status st = stream_lines(path, [&](std::string_view, int64_t) {
    if (++lines == 10) cancel = true;
    return true;
  }, o);
  REQUIRE(!st.ok());
  CHECK(st.error().message == kCancelled);
  CHECK(lines < 2000);
}

TEST_CASE("corpus reader: a missing file is an error naming it, gzip files are read through") {
  Status st = stream_lines("/nonexistent/corpus.txt", [](std::string_view, int64_t) { return true; });
  REQUIRE(!st.ok());
  CHECK(st.error().path == "/nonexistent/corpus.txt");

  const std::string path = attend::data_dir() + "/test_corpus_reader/small.txt.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  REQUIRE(gz != nullptr);
  const std::string text = "compressed line\nвторая строка\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  CHECK(read_lines(path, 7) == std::vector<std::string>{"compressed line", "вторая строка"});
}
