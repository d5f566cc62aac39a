// The embeddings lab view: its lesson API (options set and read back, bad input named), and its data path —
// what the panels draw is what core computes: the neighbour list and its cosines, PCA coordinates, the
// custom axes, the t-SNE map, and the search rankings.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "core/embed/neighbours.h"
#include "core/embed/pca.h"
#include "core/embed/projection_data.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "core/util/rng.h"
#include "imgui_fixture.h"
#include "views/embeddings_view.h"
#include "views/embeddings_view_state.h"

using namespace attend;
using namespace attend::views::embeddings;

namespace {

// Word i of topic t: letters only (words are runs of letters), e.g. "xqfa" for topic 0, word 5.
std::string w(int t, int i) {
  static const char* prefix[] = {"xq", "zv", "jw"};
  return std::string(prefix[t]) + static_cast<char>('a' + i % 20) + static_cast<char>('a' + i / 20);
}

// Three topics of 40 words each; every line draws from one topic, so count vectors separate them.
std::string planted_corpus() {
  const std::string path = data_dir() + "/planted_corpus.txt";
  SplitMix64 rng(5);
  std::string text;
  for (int line = 0; line < 1500; ++line) {
    const int topic = line % 3;
    for (int k = 0; k < 12; ++k) text += w(topic, static_cast<int>(rng.below(40))) + " ";
    text += "\n";
  }
  REQUIRE(write_file_atomic(path, text).ok());
  return path;
}

// Updates the lab until `done` holds (as draw does each frame), at most 30 s.
template <class F>
bool wait_for(Lab& lab, F done) {
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30)) {
    update(lab);
    refresh_derived(lab);
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

// A lab on the planted corpus with PPMI + SVD vectors, projected by PCA.
void planted_lab(Lab& lab) {
  REQUIRE(configure_lab(lab, "corpus", Value(planted_corpus())).ok());
  REQUIRE(configure_lab(lab, "min_count", Value(1.0)).ok());
  REQUIRE(configure_lab(lab, "method", Value(std::string("svd"))).ok());
  REQUIRE(configure_lab(lab, "projection", Value(std::string("pca"))).ok());
  REQUIRE(wait_for(lab, [&] { return ready_data(lab) && lab.corpus && lab.corpus->corpus->vocab.size() == 120; }));
}

}  // namespace

TEST_CASE("embeddings view: lesson options set and read back, bad input named, reset") {
  views::View v = views::make_embeddings_view();
  CHECK(v.name == "embeddings");
  CHECK(v.title == "Embeddings");
  REQUIRE(v.configure("projection", Value(std::string("pca"))).ok());
  CHECK(*as_string(*v.query("projection")) == "pca");
  REQUIRE(v.configure("dims", Value(3.0)).ok());
  CHECK(*as_number(*v.query("dims")) == 3);
  REQUIRE(v.configure("analogy", Value(std::string("his − he + she"))).ok());
  REQUIRE(v.configure("x_axis", Value(std::string("bad → good"))).ok());
  REQUIRE(v.configure("tab", Value(std::string("search"))).ok());
  CHECK(*as_string(*v.query("tab")) == "search");
  REQUIRE(v.configure("highlight.panel", Value(std::string("neighbours"))).ok());
  REQUIRE(v.configure("highlight.panel", Value(false)).ok());

  const Status unknown = v.configure("colour_map", Value(1.0));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("'colour_map'") != std::string::npos);
  CHECK(unknown.error().message.find("perplexity") != std::string::npos);  // lists the known options
  CHECK_FALSE(v.configure("dims", Value(4.0)).ok());
  CHECK_FALSE(v.configure("projection", Value(std::string("umap"))).ok());
  CHECK_FALSE(v.configure("analogy", Value(std::string("king man woman"))).ok());
  CHECK_FALSE(v.configure("x_axis", Value(std::string("good"))).ok());
  CHECK_FALSE(v.configure("points", Value(2.5)).ok());
  CHECK_FALSE(v.configure("perplexity", Value(std::string("high"))).ok());
  CHECK_FALSE(v.configure("explain", Value(std::vector<double>{5, 1})).ok());
  CHECK_FALSE(v.configure("method", Value(std::string("file"))).ok());  // nothing loaded from a file yet
  CHECK_FALSE(v.configure("colour", Value(std::string("part of speech"))).ok());
  const Status missing = v.configure("corpus", Value(std::string("/no/such/corpus.txt")));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().path == "/no/such/corpus.txt");
  const Status vectors = v.configure("vectors", Value(std::string("/no/such/vectors.txt")));
  REQUIRE_FALSE(vectors.ok());
  CHECK(vectors.error().to_string().find("vectors.txt") != std::string::npos);
  CHECK_FALSE(v.query("no_such_value").has_value());

  v.reset();
  CHECK(*as_string(*v.query("projection")) == "tsne");
  CHECK(*as_string(*v.query("tab")) == "vectors");
  CHECK(*as_string(*v.query("word")) == "");
  // train.* reaches t-SNE while projecting with it, the method's training otherwise.
  train::Control* c = v.session();
  REQUIRE((c != nullptr));
  c->set("perplexity", 12);
  c->wait_idle();
  CHECK(c->progress()->hyper.at("perplexity") == 12);
  REQUIRE(v.configure("projection", Value(std::string("pca"))).ok());
  CHECK(c->progress()->hyper.count("perplexity") == 0);  // now the method's session (PPMI + SVD)
}

TEST_CASE("embeddings view data path: the neighbour list and PCA coordinates are core's numbers") {
  Lab lab;
  planted_lab(lab);
  const embed::ProjectionData* d = ready_data(lab);
  auto vectors = final_vectors(lab);
  REQUIRE((vectors != nullptr));
  CHECK((d->vectors == vectors));
  CHECK(d->points == 120);

  // Neighbours: the lab's list is CosineIndex::nearest in the full space, cosines included.
  REQUIRE(configure_lab(lab, "word", Value(w(1, 7))).ok());
  REQUIRE(configure_lab(lab, "neighbours", Value(8.0)).ok());
  refresh_derived(lab);
  const embed::CosineIndex index(*vectors);
  const auto ref = index.nearest(index.find(w(1, 7)), 8);
  REQUIRE(lab.neighbours.size() == 8);
  for (size_t i = 0; i < ref.size(); ++i) {
    CHECK(lab.neighbours[i].index == ref[i].index);
    CHECK(lab.neighbours[i].similarity == ref[i].similarity);
    CHECK(vectors->labels[ref[i].index].rfind("zv", 0) == 0);  // same topic
  }
  // The query keys report the same list.
  const std::vector<double> sims = *as_list(*query_lab(lab, "neighbour_similarities"));
  REQUIRE(sims.size() == 8);
  for (size_t i = 0; i < 8; ++i) CHECK(sims[i] == doctest::Approx(ref[i].similarity));
  CHECK(as_string(*query_lab(lab, "neighbours"))->find(vectors->labels[ref[0].index]) == 0);
  const double cos = *as_number(*query_lab(lab, "similarity:" + w(1, 7) + "," + vectors->labels[ref[0].index]));
  CHECK(cos == doctest::Approx(ref[0].similarity).epsilon(1e-5));

  // PCA: the plotted coordinates are core's PCA of the shown rows.
  const embed::PcaResult pca = embed::pca(vectors->data.data(), 120, vectors->dim, 3);
  REQUIRE(configure_lab(lab, "dims", Value(2.0)).ok());
  Projected p = projected(lab);
  REQUIRE(p.n == 120);
  REQUIRE(p.dims == 2);
  for (int i = 0; i < 120; ++i)
    for (int c = 0; c < 2; ++c) CHECK(p.coords[i * 2 + c] == doctest::Approx(pca.coords[i * 3 + c]).epsilon(1e-5));
  CHECK(p.x_label.find("PC1") == 0);
  const std::vector<double> evr = *as_list(*query_lab(lab, "explained_variance"));
  CHECK(evr[0] == doctest::Approx(pca.explained_variance_ratio[0]));

  // Custom axes: core's projection on the two word directions.
  REQUIRE(configure_lab(lab, "projection", Value(std::string("custom"))).ok());
  REQUIRE(configure_lab(lab, "x_axis", Value(w(0, 1) + " > " + w(1, 1))).ok());
  REQUIRE(configure_lab(lab, "y_axis", Value(w(0, 2) + " > " + w(2, 2))).ok());
  refresh_derived(lab);
  p = projected(lab);
  auto custom = embed::custom_axes_projection(*vectors, 120, w(0, 1), w(1, 1), w(0, 2), w(2, 2));
  REQUIRE(custom.ok());
  REQUIRE(p.n == 120);
  for (int i = 0; i < 240; ++i) CHECK(p.coords[i] == doctest::Approx((*custom)[i]).epsilon(1e-5));

  // Analogy and label search.
  REQUIRE(configure_lab(lab, "analogy", Value(w(0, 1) + " - " + w(0, 2) + " + " + w(1, 3))).ok());
  REQUIRE(configure_lab(lab, "search", Value(std::string("jw"))).ok());
  refresh_derived(lab);
  const auto analogy = index.analogy(w(0, 1), w(0, 2), w(1, 3), 10);
  REQUIRE(analogy.ok());
  CHECK(*as_string(*query_lab(lab, "analogy_answer")) == vectors->labels[(*analogy)[0].index]);
  CHECK(*as_number(*query_lab(lab, "matches")) == 40);  // every word of topic 2
}

TEST_CASE("embeddings view data path: the t-SNE map drawn is the session's, and clusters separate on it") {
  Lab lab;
  planted_lab(lab);
  REQUIRE(configure_lab(lab, "projection", Value(std::string("tsne"))).ok());
  REQUIRE(configure_lab(lab, "perplexity", Value(10.0)).ok());
  train::Control* s = active_session(lab);
  REQUIRE((s == lab.tsne.get()));
  REQUIRE(wait_for(lab, [&] { return lab.tsne->latest()->n == 120; }));
  s->step(400);
  REQUIRE(wait_for(lab, [&] { return lab.tsne->latest()->iteration >= 400 && ready_data(lab); }));
  const auto snap = lab.tsne->latest();
  const Projected p = projected(lab);
  REQUIRE(p.n == 120);
  CHECK(p.coords == *snap->coords);
  CHECK(*as_number(*query_lab(lab, "tsne_iteration")) == 400);
  // Three planted topics: t-SNE keeps most 10-neighbourhoods, far more than a random layout would.
  CHECK(*as_number(*query_lab(lab, "neighbourhood_kept")) > 0.3);
}

TEST_CASE("embeddings view: vectors from a Projector TSV, coloured by a metadata column, exported as CSV") {
  const std::string dir = data_dir() + "/projector_files";
  REQUIRE(make_directories(dir).ok());
  std::string vectors, metadata = "word\tkind\n";
  SplitMix64 rng(2);
  for (int i = 0; i < 150; ++i) {
    const int kind = i % 3;
    for (int d = 0; d < 8; ++d) vectors += (d ? "\t" : "") + std::to_string((d % 3 == kind ? 2.0 : 0.0) + 0.1 * rng.normal());
    vectors += "\n";
    metadata += w(kind, i / 3) + "\t" + (kind == 0 ? "noun" : kind == 1 ? "verb" : "adjective") + "\n";
  }
  REQUIRE(write_file_atomic(dir + "/vectors.tsv", vectors).ok());
  REQUIRE(write_file_atomic(dir + "/metadata.tsv", metadata).ok());
  Lab lab;
  REQUIRE(configure_lab(lab, "metadata", Value(dir + "/metadata.tsv")).ok());
  REQUIRE(configure_lab(lab, "vectors", Value(dir + "/vectors.tsv")).ok());
  CHECK(*as_string(*query_lab(lab, "method")) == "file");
  REQUIRE(configure_lab(lab, "colour", Value(std::string("kind"))).ok());
  REQUIRE(configure_lab(lab, "projection", Value(std::string("pca"))).ok());
  REQUIRE(wait_for(lab, [&] { return ready_data(lab) != nullptr; }));
  CHECK(ready_data(lab)->points == 150);
  CHECK(*as_number(*query_lab(lab, "vectors_dim")) == 8);
  // The neighbours of a noun are nouns: the planted structure survives the round trip through the files.
  REQUIRE(configure_lab(lab, "word", Value(w(0, 4))).ok());
  refresh_derived(lab);
  for (const embed::Neighbour& n : lab.neighbours) CHECK(n.index % 3 == 0);
  // Export: one row per point with its coordinates and cluster, as projected.
  const std::string csv = dir + "/out.csv";
  REQUIRE(configure_lab(lab, "export_csv", Value(csv)).ok());
  auto text = read_file(csv);
  REQUIRE(text.ok());
  CHECK(text->rfind("label,x,y,cluster\n" + w(0, 0) + ",", 0) == 0);
  CHECK(std::count(text->begin(), text->end(), '\n') == 151);
  // A malformed file is named with its line.
  REQUIRE(write_file_atomic(dir + "/bad.tsv", "1\t2\n3\tx\n").ok());
  REQUIRE(configure_lab(lab, "metadata", Value(std::string())).ok());
  const Status bad = configure_lab(lab, "vectors", Value(dir + "/bad.tsv"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().line == 2);
}

TEST_CASE("embeddings view: every panel draws, wide and narrow, 2-D and 3-D, and the search tab") {
  views::test::ImGuiFixture fx;
  views::View v = views::make_embeddings_view();
  REQUIRE(v.configure("corpus", Value(planted_corpus())).ok());
  REQUIRE(v.configure("min_count", Value(1.0)).ok());
  REQUIRE(v.configure("word", Value(w(0, 3))).ok());
  for (const char* projection : {"pca", "tsne", "custom"})
    for (double dims : {2.0, 3.0})
      for (float width : {1280.0f, 790.0f}) {
        CAPTURE(projection);
        CAPTURE(dims);
        CAPTURE(width);
        REQUIRE(v.configure("projection", Value(std::string(projection))).ok());
        REQUIRE(v.configure("dims", Value(dims)).ok());
        ImGui::GetIO().DisplaySize = ImVec2(width, 760);
        for (int f = 0; f < 2; ++f) fx.frame([&] { v.draw(fx.ctx); });
        CHECK(ImGui::GetDrawData() != nullptr);
      }
  REQUIRE(v.configure("tab", Value(std::string("search"))).ok());
  REQUIRE(v.configure("search_source", Value(std::string("corpus"))).ok());
  REQUIRE(v.configure("query", Value(w(1, 5) + " " + w(1, 6))).ok());
  for (int f = 0; f < 3; ++f) fx.frame([&] { v.draw(fx.ctx); });
  CHECK(as_string(*v.query("bm25_top"))->find(w(1, 5)) != std::string::npos);
  CHECK(*as_bool(*v.query("search_ready")));
  CHECK(as_string(*v.query("prompt"))->find("Question: " + w(1, 5) + " " + w(1, 6)) != std::string::npos);
}
