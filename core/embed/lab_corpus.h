// The corpora the embeddings lab trains on, resolved and loaded in one call that a view runs on a thread:
//   Default  real text nobody in the project wrote: Debian's licence texts, fortunes and the Jargon File,
//            assembled on first use into <data_dir>/corpus/default.txt (data/corpus_default.h), optionally
//            followed by the person's notes;
//   Notes    the person's markdown notes alone (the sample deck until they import their own);
//   File     any UTF-8 text file (or .gz), streamed: a gigabyte corpus is never in memory as text.
//
//   CorpusJobProgress progress;                      // read from the UI thread while it runs
//   auto c = load_lab_corpus({CorpusKind::Default}, &progress);
//   if (!c) show(c.error().to_string());             // names the Debian package to install
//
// Progress has two stages — assembling the default corpus (sources done / sources), then reading the text
// (bytes read / file size); setting progress.cancel stops either within one chunk.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/data/corpus_vocab.h"
#include "core/util/result.h"

namespace attend::embed {

enum class CorpusKind { Default, Notes, File };

struct CorpusRequest {
  CorpusKind kind = CorpusKind::Default;
  std::string path;                     // File: the text file
  bool include_notes = false;           // Default: append the notes
  std::vector<std::string> note_paths;  // Notes, or Default with include_notes: .md files or folders
  int min_count = 5;
  int max_vocab = 0;                    // 0: no limit
  std::string root;                     // prefix for the Debian paths (tests); "" is /
  std::string data_dir;                 // where assembled corpora go; "" is the app's data folder
};

struct CorpusJobProgress {
  std::atomic<int> stage{0};            // 0 assembling, 1 reading the text
  std::atomic<double> fraction{0};      // of the current stage
  std::atomic<bool> cancel{false};
};

struct LabCorpus {
  std::shared_ptr<const data::LoadedCorpus> corpus;
  std::string name;                     // for the view: "default corpus", "notes (3 files)", "war_and_peace.txt"
  std::string path;                     // the text that was read
  int64_t bytes = 0;
  int64_t lines = 0;                    // sentences (one per line)
};

// The text file a request reads, assembling it first when needed (the Default and Notes kinds).
Result<std::string> resolve_corpus_text(const CorpusRequest& request, CorpusJobProgress* progress = nullptr);

Result<LabCorpus> load_lab_corpus(const CorpusRequest& request, CorpusJobProgress* progress = nullptr);

// "default corpus", "notes", the file's name: what the lab calls a request.
std::string corpus_name(const CorpusRequest& request);

}  // namespace attend::embed
