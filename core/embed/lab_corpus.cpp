#include "core/embed/lab_corpus.h"

#include <filesystem>
#include <system_error>

#include "core/data/corpus_default.h"
#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::embed {

namespace fs = std::filesystem;

namespace {

std::string corpus_dir(const CorpusRequest& r) {
  return (r.data_dir.empty() ? attend::data_dir() : r.data_dir) + "/corpus";
}

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

data::StreamOptions stream_options(CorpusJobProgress* progress, int stage) {
  data::StreamOptions o;
  if (progress) {
    progress->stage.store(stage);
    progress->fraction.store(0);
    o.cancel = &progress->cancel;
    o.on_progress = [progress](const data::ReadProgress& p) { progress->fraction.store(p.fraction()); };
  }
  return o;
}

Result<std::string> assemble(const std::vector<data::CorpusSource>& sources, const std::string& out,
                             CorpusJobProgress* progress) {
  if (Status s = make_directories(fs::path(out).parent_path().string()); !s) return s.error();
  auto r = data::assemble_corpus(sources, out, stream_options(progress, 0));
  if (!r) return r.error();
  return out;
}

}  // namespace

std::string corpus_name(const CorpusRequest& r) {
  switch (r.kind) {
    case CorpusKind::Default: return r.include_notes ? "default corpus + notes" : "default corpus";
    case CorpusKind::Notes: return "notes";
    case CorpusKind::File: return fs::path(r.path).filename().string();
  }
  return "";
}

Result<std::string> resolve_corpus_text(const CorpusRequest& r, CorpusJobProgress* progress) {
  switch (r.kind) {
    case CorpusKind::File:
      if (r.path.empty()) return make_error("no corpus file given");
      if (!exists(r.path)) return make_error(r.path, 0, 0, "no such file");
      return r.path;
    case CorpusKind::Notes: {
      const std::vector<data::CorpusSource> notes = data::note_sources(r.note_paths);
      if (notes.empty()) return make_error("no markdown notes found to build a corpus from");
      return assemble(notes, corpus_dir(r) + "/notes.txt", progress);
    }
    case CorpusKind::Default: {
      const std::string debian = r.data_dir.empty() && r.root.empty() ? data::default_corpus_path()
                                                                       : corpus_dir(r) + "/default.txt";
      data::DefaultCorpusSources found = data::find_default_corpus_sources(r.root);
      if (!r.include_notes) {
        // Assembled once, on first use; the Debian texts do not change between runs.
        if (exists(debian)) return debian;
        if (!found.missing.empty()) return make_error(found.message);
        return assemble(found.sources, debian, progress);
      }
      if (!found.missing.empty()) return make_error(found.message);
      std::vector<data::CorpusSource> sources = found.sources;
      for (data::CorpusSource& s : data::note_sources(r.note_paths)) sources.push_back(std::move(s));
      // Notes change, so the combined text is assembled every time it is asked for.
      return assemble(sources, corpus_dir(r) + "/default_notes.txt", progress);
    }
  }
  return make_error("unknown corpus kind");
}

Result<LabCorpus> load_lab_corpus(const CorpusRequest& r, CorpusJobProgress* progress) {
  auto path = resolve_corpus_text(r, progress);
  if (!path) return path.error();
  data::CorpusOptions o;
  o.mode = data::TokenMode::Unicode;
  o.min_count = std::max(1, r.min_count);
  o.max_vocab = std::max(0, r.max_vocab);
  o.stream = stream_options(progress, 1);
  auto loaded = data::load_corpus(*path, o);
  if (!loaded) return loaded.error();
  if (progress) progress->fraction.store(1.0);
  LabCorpus c;
  c.name = corpus_name(r);
  c.path = *path;
  std::error_code ec;
  c.bytes = static_cast<int64_t>(fs::file_size(*path, ec));
  c.lines = loaded->corpus.sentences();
  c.corpus = std::make_shared<const data::LoadedCorpus>(std::move(loaded.value()));
  return c;
}

}  // namespace attend::embed
