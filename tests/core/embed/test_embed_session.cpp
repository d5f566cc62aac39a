#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/embed/embed_session.h"
#include "core/embed/tsne_session.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::embed;

namespace {

std::shared_ptr<const data::LoadedCorpus> small_corpus() {
  const std::vector<std::string> a = {"cat", "dog", "mouse", "horse"};
  const std::vector<std::string> b = {"cpu", "disk", "kernel", "cache"};
  SplitMix64 rng(1);
  std::vector<std::string> lines;
  for (int s = 0; s < 200; ++s) {
    std::string line;
    for (int w = 0; w < 10; ++w) line += (s % 2 ? a : b)[rng.below(4)] + " ";
    lines.push_back(line);
  }
  data::CorpusOptions o;
  o.min_count = 1;
  return std::make_shared<const data::LoadedCorpus>(data::build_corpus(lines, o));
}

}  // namespace

TEST_CASE("word2vec session: steps train, the snapshot carries progress, loss and vectors") {
  Word2VecOptions o;
  o.dim = 8;
  o.epochs = 2;
  Word2VecLab lab = make_word2vec_lab(small_corpus(), o);
  lab.slice_words = 400;
  train::Session<Word2VecLab, WordVectorsSnapshot> s(std::move(lab), word2vec_hooks(), 7);
  auto first = s.latest();
  REQUIRE((first->vectors != nullptr));  // the initial vectors are there before any step
  CHECK(first->vectors->rows == 8);
  CHECK(!first->finished);
  s.step(3);
  s.wait_idle();
  auto snap = s.latest();
  CHECK(snap->progress.step == 3);
  CHECK(snap->fraction > 0);
  CHECK(snap->fraction < 1);
  CHECK(snap->loss > 0);
  CHECK(snap->method == "word2vec skip-gram");
  s.set("window", 2);
  s.set("no_such_thing", 1);
  s.step(30);  // more than the run needs: the extra steps do nothing
  s.wait_idle();
  snap = s.latest();
  CHECK(snap->finished);
  CHECK(snap->fraction == 1.0);
  CHECK(snap->progress.error.find("no_such_thing") != std::string::npos);
  REQUIRE((snap->vectors != nullptr));
  CHECK(snap->vectors->find("cat") >= 0);
}

TEST_CASE("GloVe and count-vector sessions run their stages to the end") {
  GloveOptions go;
  go.dim = 6;
  GloveLab glove = make_glove_lab(small_corpus(), go, 3);
  glove.slice_entries = 20;
  train::Session<GloveLab, WordVectorsSnapshot> g(std::move(glove), glove_hooks(), 1);
  CHECK(g.latest()->stage == "counting");
  g.step(1);
  g.wait_idle();
  CHECK(g.latest()->stage == "training");
  CHECK(g.latest()->nonzeros > 0);
  g.step(15);
  g.wait_idle();
  CHECK(g.latest()->finished);
  CHECK(g.latest()->epoch == 3);
  REQUIRE((g.latest()->vectors != nullptr));

  train::Session<CountVectorsLab, WordVectorsSnapshot> c(make_count_vectors_lab(small_corpus()), count_vectors_hooks(), 1);
  c.set("rank", 3);
  c.step(3);
  c.wait_idle();
  auto snap = c.latest();
  CHECK(snap->finished);
  CHECK(snap->singular_values.size() == 3);
  REQUIRE((snap->vectors != nullptr));
  CHECK(snap->vectors->dim == 3);
  c.set("rank", 2);  // only the SVD is redone
  c.step(1);
  c.wait_idle();
  CHECK(c.latest()->singular_values.size() == 2);
}

TEST_CASE("t-SNE session: iterations animate the map, perplexity and learning rate change live") {
  SplitMix64 rng(2);
  std::vector<double> x;
  std::vector<std::string> labels;
  for (int i = 0; i < 150; ++i) {
    for (int d = 0; d < 5; ++d) x.push_back((i % 3) * 8.0 + rng.normal());
    labels.push_back("p" + std::to_string(i));
  }
  TsneOptions o;
  o.perplexity = 10;
  train::Session<TsneLab, TsneSnapshot> s(make_tsne_lab(x, 150, 5, labels, o), tsne_hooks(), 0);
  auto first = s.latest();
  REQUIRE((first->coords != nullptr));
  CHECK(first->coords->size() == 300);
  CHECK(first->iteration == 0);
  CHECK(first->exaggeration == 12.0);
  s.set("max_iter", 300);
  s.step(60);
  s.wait_idle();
  auto snap = s.latest();
  CHECK(snap->iteration == 60);
  CHECK(snap->kl > 0);
  CHECK(*snap->coords != *first->coords);
  s.set("perplexity", 20);
  s.set("learning_rate", 80);
  s.set("perplexity", 1000);  // not below n: refused, reported
  s.step(1);
  s.wait_idle();
  snap = s.latest();
  CHECK(snap->perplexity == 20.0);
  CHECK(snap->learning_rate == 80.0);
  CHECK(snap->error.find("perplexity") != std::string::npos);
  s.step(245);  // to 300, and a few idle steps past the end
  s.wait_idle();
  CHECK(s.latest()->finished);
  CHECK(s.latest()->iteration == 300);
  CHECK(s.latest()->exaggeration == 1.0);
}
