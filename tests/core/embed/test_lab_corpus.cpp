#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/data/corpus_reader.h"
#include "core/embed/embed_session.h"
#include "core/embed/lab_corpus.h"
#include "core/embed/tsne_session.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::embed;
namespace fs = std::filesystem;

namespace {

void put(const std::string& path, const std::string& text) {
  REQUIRE(make_directories(fs::path(path).parent_path().string()).ok());
  REQUIRE(write_file_atomic(path, text).ok());
}

// A Debian tree with licences and fortunes but no Jargon File (or with it, as a plain-text stand-in is not
// accepted: the real package ships it gzipped).
std::string fake_root(const std::string& name) {
  const std::string root = data_dir() + "/" + name;
  fs::remove_all(root);
  put(root + "/usr/share/common-licenses/GPL", "the program is free software\n\nyou can share it\n");
  put(root + "/usr/share/games/fortunes/wit", "the cat sat on the mat\n%\nthe dog sat on the log\n");
  return root;
}

}  // namespace

TEST_CASE("lab corpus: a missing Debian package is named, notes and files load, min count applies") {
  const std::string root = fake_root("lab_corpus_root");
  CorpusRequest r;
  r.root = root;
  r.data_dir = root + "/data";
  auto missing = load_lab_corpus(r);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("jargon-text") != std::string::npos);  // says what to install
  // Once assembled (by an earlier run), the default text is read without asking for the packages again.
  put(root + "/data/corpus/default.txt", "alpha beta gamma\nalpha beta\n");
  auto cached = load_lab_corpus(r);
  REQUIRE(cached.ok());
  CHECK(cached->name == "default corpus");
  CHECK(cached->corpus->vocab.size() == 0);  // min count 5: nothing that rare has a vector
  r.min_count = 2;
  auto kept = load_lab_corpus(r);
  REQUIRE(kept.ok());
  CHECK(kept->corpus->vocab.size() == 2);    // alpha, beta
  CHECK(kept->lines == 2);

  // Notes: assembled from markdown into the data folder, Unicode words kept.
  put(root + "/notes/a.md", "# Привет\n\nВекторы слов и векторы текстов.\n");
  CorpusRequest n;
  n.kind = CorpusKind::Notes;
  n.note_paths = {root + "/notes"};
  n.data_dir = root + "/data";
  n.min_count = 1;
  auto notes = load_lab_corpus(n);
  REQUIRE(notes.ok());
  CHECK(notes->name == "notes");
  CHECK(notes->corpus->vocab.find("векторы") >= 0);
  CHECK(notes->path == root + "/data/corpus/notes.txt");
  n.note_paths = {root + "/nowhere"};
  CHECK_FALSE(load_lab_corpus(n).ok());

  // Any file: streamed with progress, the two stages reported.
  CorpusRequest f;
  f.kind = CorpusKind::File;
  f.path = root + "/usr/share/games/fortunes/wit";
  f.min_count = 1;
  CorpusJobProgress progress;
  auto file = load_lab_corpus(f, &progress);
  REQUIRE(file.ok());
  CHECK(file->name == "wit");
  CHECK(progress.stage.load() == 1);
  CHECK(progress.fraction.load() == doctest::Approx(1.0));
  f.path = root + "/no_such.txt";
  auto bad = load_lab_corpus(f);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().path == f.path);
  // Cancelled before it starts: the reader's cancellation error.
  f.path = root + "/usr/share/games/fortunes/wit";
  progress.cancel.store(true);
  auto cancelled = load_lab_corpus(f, &progress);
  REQUIRE_FALSE(cancelled.ok());
  CHECK(cancelled.error().message == data::kCancelled);
}

TEST_CASE("sessions made before their corpus: steps do nothing, then set_corpus and reset train on it") {
  auto empty = std::make_shared<const data::LoadedCorpus>();
  Word2VecOptions o;
  o.dim = 8;
  o.epochs = 1;
  train::Session<Word2VecLab, WordVectorsSnapshot> w(make_word2vec_lab(empty, o), word2vec_hooks(), 1);
  train::Session<GloveLab, WordVectorsSnapshot> g(make_glove_lab(empty, GloveOptions{}, 2), glove_hooks(), 0);
  train::Session<CountVectorsLab, WordVectorsSnapshot> c(make_count_vectors_lab(empty), count_vectors_hooks(), 0);
  w.step(2);
  g.step(2);
  c.step(3);
  w.wait_idle();
  g.wait_idle();
  c.wait_idle();
  CHECK_FALSE(w.latest()->finished);
  CHECK(c.latest()->stage == "counting");
  CHECK(g.latest()->stage == "counting");

  std::vector<std::string> lines;
  SplitMix64 rng(2);
  const std::vector<std::string> words = {"cat", "dog", "cpu", "disk", "ram", "owl"};
  for (int s = 0; s < 150; ++s) {
    std::string line;
    for (int k = 0; k < 8; ++k) line += words[rng.below(6)] + " ";
    lines.push_back(line);
  }
  data::CorpusOptions co;
  co.min_count = 1;
  auto corpus = std::make_shared<const data::LoadedCorpus>(data::build_corpus(lines, co));
  w.post([corpus](Word2VecLab& l) { set_corpus(l, corpus); });
  w.reset(1);
  w.step(50);
  c.post([corpus](CountVectorsLab& l) { set_corpus(l, corpus); });
  c.reset(0);
  c.step(3);
  g.post([corpus](GloveLab& l) { set_corpus(l, corpus); });
  g.reset(0);
  g.step(1);  // counting
  w.wait_idle();
  c.wait_idle();
  g.wait_idle();
  CHECK(w.latest()->finished);
  CHECK(w.latest()->vectors->rows == 6);
  CHECK(c.latest()->finished);
  CHECK(c.latest()->vectors->rows == 6);
  CHECK(g.latest()->nonzeros > 0);
  // A new window for GloVe counts again.
  g.set("window", 2);
  g.wait_idle();
  CHECK(g.latest()->stage == "counting");
}

TEST_CASE("t-SNE lab: input set inside the session, no iteration limit with max_iter 0") {
  TsneLab lab = make_tsne_lab({}, 0, 0, {}, TsneOptions{});
  lab.max_iter = 0;
  train::Session<TsneLab, TsneSnapshot> s(std::move(lab), tsne_hooks(), 0);
  CHECK((s.latest()->coords == nullptr));  // nothing to map yet
  SplitMix64 rng(4);
  std::vector<double> X;
  std::vector<std::string> labels;
  for (int i = 0; i < 60; ++i) {
    for (int d = 0; d < 5; ++d) X.push_back(rng.normal() + (i % 2) * 4.0);
    labels.push_back("p" + std::to_string(i));
  }
  s.post([X, labels](TsneLab& l) { tsne_lab_set_input(l, X, 60, 5, labels); });
  s.set("perplexity", 10);
  s.step(1200);
  s.wait_idle();
  auto snap = s.latest();
  REQUIRE((snap->coords != nullptr));
  CHECK(snap->n == 60);
  CHECK(snap->iteration == 1200);  // past sklearn's 1000: no limit
  CHECK_FALSE(snap->finished);
  CHECK((*snap->labels)[59] == "p59");
  CHECK(snap->error.empty());
}
