#include <doctest/doctest.h>

#include <string>

#include "core/embed/vectors_io.h"
#include "core/util/files.h"
#include "core/util/paths.h"

using namespace attend;
using namespace attend::embed;

namespace {

std::string file(const std::string& name, const std::string& text) {
  const std::string dir = attend::data_dir() + "/test_vectors_io";
  REQUIRE(make_directories(dir).ok());
  const std::string path = dir + "/" + name;
  REQUIRE(write_file_atomic(path, text).ok());
  return path;
}

}  // namespace

TEST_CASE("word2vec text: with and without the header, and a round trip") {
  auto e = load_word2vec_text(file("w2v.txt", "3 2\nthe 0.5 -1\nпривет 1e-3 2\ncat 3 4.25\n"));
  REQUIRE(e.ok());
  CHECK(e->rows == 3);
  CHECK(e->dim == 2);
  CHECK(e->labels[1] == "привет");
  CHECK(e->find("cat") == 2);
  CHECK(e->row(1)[0] == doctest::Approx(0.001f));
  auto glove = load_word2vec_text(file("glove.txt", "the 0.5 -1 2\nof 1 2 3\n"));  // no header
  REQUIRE(glove.ok());
  CHECK(glove->dim == 3);
  CHECK(glove->rows == 2);
  const std::string out = attend::data_dir() + "/test_vectors_io/saved.txt";
  REQUIRE(save_word2vec_text(*e, out).ok());
  auto back = load_word2vec_text(out);
  REQUIRE(back.ok());
  CHECK(back->labels == e->labels);
  CHECK(back->data == e->data);  // shortest round-trip formatting: bit-exact
}

TEST_CASE("word2vec text: malformed lines are errors naming file, line and column") {
  const std::string short_line = file("short.txt", "2 3\nthe 1 2 3\ncat 1 2\n");
  auto e = load_word2vec_text(short_line);
  REQUIRE(!e.ok());
  CHECK(e.error().path == short_line);
  CHECK(e.error().line == 3);
  CHECK(e.error().message.find("expected 3 numbers") != std::string::npos);

  e = load_word2vec_text(file("nan.txt", "the 1 2\ncat 1 x2\n"));
  REQUIRE(!e.ok());
  CHECK(e.error().line == 2);
  CHECK(e.error().column == 7);
  CHECK(e.error().message.find("'x2' is not a finite number") != std::string::npos);

  e = load_word2vec_text(file("count.txt", "5 2\nthe 1 2\n"));
  REQUIRE(!e.ok());
  CHECK(e.error().message.find("header says 5 vectors but the file has 1") != std::string::npos);

  e = load_word2vec_text(file("empty.txt", "\n\n"));
  REQUIRE(!e.ok());
  CHECK(e.error().to_string().find("no vectors") != std::string::npos);
  CHECK(!load_word2vec_text("/nonexistent/vectors.txt").ok());
}

TEST_CASE("Projector TSV: vectors with one-column or headed metadata, and their errors") {
  const std::string vec = file("vectors.tsv", "1\t2\t3\n4\t5\t6\n");
  auto plain = load_projector_tsv(vec, file("labels.tsv", "alpha\nbeta\n"));
  REQUIRE(plain.ok());
  CHECK(plain->labels == std::vector<std::string>{"alpha", "beta"});
  auto headed = load_projector_tsv(vec, file("meta.tsv", "word\tpos\nrun\tverb\ncat\tnoun\n"));
  REQUIRE(headed.ok());
  CHECK(headed->metadata_columns == std::vector<std::string>{"word", "pos"});
  CHECK(headed->labels == std::vector<std::string>{"run", "cat"});
  CHECK(headed->metadata[1][1] == "noun");
  CHECK(load_projector_tsv(vec).ok());

  auto rows = load_projector_tsv(vec, file("few.tsv", "only\n"));
  REQUIRE(!rows.ok());
  CHECK(rows.error().message.find("the metadata has 1 rows but") != std::string::npos);
  auto ragged = load_projector_tsv(file("ragged.tsv", "1\t2\n3\n"));
  REQUIRE(!ragged.ok());
  CHECK(ragged.error().line == 2);
  auto bad = load_projector_tsv(file("bad.tsv", "1\t2\n3\tinf\n"));
  REQUIRE(!bad.ok());
  CHECK(bad.error().line == 2);
  CHECK(bad.error().column == 3);

  const std::string dir = attend::data_dir() + "/test_vectors_io/";
  REQUIRE(save_projector_tsv(*headed, dir + "out_vectors.tsv", dir + "out_meta.tsv").ok());
  auto back = load_projector_tsv(dir + "out_vectors.tsv", dir + "out_meta.tsv");
  REQUIRE(back.ok());
  CHECK(back->data == headed->data);
  CHECK(back->metadata == headed->metadata);
}

TEST_CASE("projection CSV: labels quoted when needed, coordinates and clusters") {
  const std::string path = attend::data_dir() + "/test_vectors_io/projection.csv";
  REQUIRE(save_projection_csv(path, {"plain", "with,comma"}, {1.5f, -2, 0.25f, 3}, 2, {0, 1}).ok());
  CHECK(*read_file(path) == "label,x,y,cluster\nplain,1.5,-2,0\n\"with,comma\",0.25,3,1\n");
  CHECK(!save_projection_csv(path, {"a"}, {1, 2, 3}, 2).ok());
}
