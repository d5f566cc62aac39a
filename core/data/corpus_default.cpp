#include "core/data/corpus_default.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::data {

namespace fs = std::filesystem;

namespace {

bool has_suffix(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Regular files (not symlinks) directly in dir, sorted by name as Python's sorted(glob()) does.
std::vector<std::string> regular_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::error_code e1, e2;
    if (e.is_symlink(e1) || !e.is_regular_file(e2)) continue;
    out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Python's str.isspace() for the code points \s matches: a line made only of these separates paragraphs.
bool is_python_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

bool whitespace_only(std::string_view line) {
  size_t i = 0;
  while (i < line.size())
    if (!is_python_space(utf8_decode(line, i))) return false;
  return true;
}

}  // namespace

DefaultCorpusSources find_default_corpus_sources(const std::string& root) {
  DefaultCorpusSources s;
  const std::vector<std::string> licenses = regular_files(root + "/usr/share/common-licenses");
  for (const std::string& p : licenses) s.sources.push_back({p, DocumentSplit::Paragraphs, "licenses", TokenMode::AsciiBench});
  if (licenses.empty()) s.missing.push_back("base-files (/usr/share/common-licenses)");
  bool any_fortune = false;
  for (const std::string& p : regular_files(root + "/usr/share/games/fortunes")) {
    if (has_suffix(p, ".dat") || has_suffix(p, ".u8")) continue;
    s.sources.push_back({p, DocumentSplit::Cookies, "fortunes", TokenMode::AsciiBench});
    any_fortune = true;
  }
  if (!any_fortune) s.missing.push_back("fortunes (/usr/share/games/fortunes)");
  const std::string jargon = root + "/usr/share/doc/jargon-text/jargon.txt.gz";
  std::error_code ec;
  if (fs::is_regular_file(jargon, ec))
    s.sources.push_back({jargon, DocumentSplit::Paragraphs, "jargon", TokenMode::AsciiBench});
  else
    s.missing.push_back("jargon-text (/usr/share/doc/jargon-text/jargon.txt.gz)");
  if (!s.missing.empty()) {
    s.message = "The default corpus is assembled from Debian text packages; not found: ";
    for (size_t i = 0; i < s.missing.size(); ++i) s.message += (i ? ", " : "") + s.missing[i];
    s.message += ". Install them with: sudo apt-get install fortunes jargon-text base-files";
    if (s.sources.empty()) s.message += " (nothing to build the corpus from yet)";
  }
  return s;
}

std::vector<CorpusSource> note_sources(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code e1;
        if (it->is_regular_file(e1) && has_suffix(it->path().string(), ".md")) files.push_back(it->path().string());
      }
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<CorpusSource> out;
  for (const std::string& f : files) out.push_back({f, DocumentSplit::Paragraphs, "notes", TokenMode::Unicode});
  return out;
}

Result<CorpusAssembly> assemble_corpus(const std::vector<CorpusSource>& sources, const std::string& out_path,
                                       const StreamOptions& options, int64_t max_bytes) {
  CorpusAssembly report;
  std::string out;
  std::vector<std::string> doc;  // tokens of the document being read
  auto flush = [&](const std::string& group) {
    if (doc.size() >= 2) {
      for (size_t i = 0; i < doc.size(); ++i) {
        if (i) out.push_back(' ');
        out += doc[i];
      }
      out.push_back('\n');
      ++report.lines;
      report.words += static_cast<int64_t>(doc.size());
      report.words_by_group[group] += static_cast<int64_t>(doc.size());
    }
    doc.clear();
  };
  ReadProgress progress;
  progress.total_bytes = sources.size();
  StreamOptions per_file;
  per_file.cancel = options.cancel;
  per_file.chunk_bytes = options.chunk_bytes;
  for (size_t k = 0; k < sources.size(); ++k) {
    const CorpusSource& src = sources[k];
    progress.bytes_read = k;
    progress.lines = report.lines;
    if (options.on_progress) options.on_progress(progress);
    Tokenizer tok(src.mode);
    Status st = stream_lines(
        src.path,
        [&](std::string_view line, int64_t) {
          const bool ends = src.split == DocumentSplit::Cookies ? line == "%" : whitespace_only(line);
          if (ends) {
            flush(src.group);
          } else {
            tok.append(line, doc);
          }
          return true;
        },
        per_file);
    if (!st) return st.error();
    flush(src.group);  // each file's last document ends with the file
    if (max_bytes > 0 && static_cast<int64_t>(out.size()) > max_bytes)
      return make_error(out_path, 0, 0, "the corpus would exceed " + std::to_string(max_bytes) + " bytes; not saving it");
  }
  progress.bytes_read = sources.size();
  progress.lines = report.lines;
  if (options.on_progress) options.on_progress(progress);
  const fs::path parent = fs::path(out_path).parent_path();
  if (!parent.empty()) {
    Status made = make_directories(parent.string());
    if (!made) return made.error();
  }
  Status st = write_file_atomic(out_path, out);
  if (!st) return st.error();
  report.bytes = static_cast<int64_t>(out.size());
  return report;
}

std::string default_corpus_path() { return data_dir() + "/corpus/default.txt"; }

}  // namespace attend::data
