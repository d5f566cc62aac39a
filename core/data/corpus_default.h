// The default corpus: real text nobody in the project wrote, assembled on the user's machine from Debian
// text packages, with the same recipe as ../shared/bench/gensim_w2v.py (so on a machine with the same
// packages the result is byte for byte the bench's data/corpus.txt), plus the user's own notes if asked.
//
//   Sources, in this order:
//     /usr/share/common-licenses/*            (base-files; regular files, not symlinks) split into paragraphs
//     /usr/share/games/fortunes/*             (fortunes, fortunes-min; not *.dat, *.u8 or symlinks) split at "%" lines
//     /usr/share/doc/jargon-text/jargon.txt.gz (jargon-text) split into paragraphs
//   Each paragraph (lines up to a whitespace-only line) or cookie becomes one line of lower-cased tokens
//   ([a-z]+(?:'[a-z]+)?) joined by single spaces; pieces of fewer than 2 tokens are dropped.
//   Notes (*.md files, or folders searched for them) follow as paragraphs, tokenised with Unicode letters.
//
//   DefaultCorpusSources s = find_default_corpus_sources();
//   if (!s.missing.empty()) show(s.message);       // names the Debian packages to install
//   auto r = assemble_corpus(s.sources, data_dir() + "/corpus/default.txt", {});
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/data/corpus_reader.h"
#include "core/data/tokenizer.h"
#include "core/util/result.h"

namespace attend::data {

enum class DocumentSplit {
  Paragraphs,  // a line holding only whitespace ends a document (Python's re.split(r"\n\s*\n"))
  Cookies,     // a line that is exactly "%" ends a document (fortune files)
};

struct CorpusSource {
  std::string path;            // plain or .gz
  DocumentSplit split = DocumentSplit::Paragraphs;
  std::string group;           // for the report: "licenses", "fortunes", "jargon", "notes"
  TokenMode mode = TokenMode::AsciiBench;
};

struct DefaultCorpusSources {
  std::vector<CorpusSource> sources;
  std::vector<std::string> missing;  // Debian packages whose files were not found
  std::string message;               // empty when everything was found; else what to install
};

// root: prefix for the system paths (tests point it at a fake tree); "" means /.
DefaultCorpusSources find_default_corpus_sources(const std::string& root = "");

// Markdown notes: each path is a .md file or a folder searched recursively for them (sorted by path).
std::vector<CorpusSource> note_sources(const std::vector<std::string>& paths);

struct CorpusAssembly {
  int64_t lines = 0;
  int64_t words = 0;
  int64_t bytes = 0;
  std::map<std::string, int64_t> words_by_group;
};

// Writes one line of tokens per document to out_path (atomically). Progress counts sources: bytes_read is
// the index of the source being read, total_bytes the number of sources. max_bytes > 0 refuses a larger
// result (the bench's 20 MB cap).
Result<CorpusAssembly> assemble_corpus(const std::vector<CorpusSource>& sources, const std::string& out_path,
                                       const StreamOptions& options = {}, int64_t max_bytes = 0);

// Where the app keeps the assembled default corpus: <data_dir>/corpus/default.txt.
std::string default_corpus_path();

}  // namespace attend::data
