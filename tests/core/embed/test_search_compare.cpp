#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "core/embed/search_compare.h"
#include "core/util/files.h"
#include "core/util/paths.h"

using namespace attend;
using namespace attend::embed;

namespace {

// Word vectors with two planted topics: errors in programs, and marriage.
Embeddings topic_words() {
  Embeddings w;
  w.dim = 4;
  auto add = [&](const std::string& word, std::vector<float> v) {
    w.labels.push_back(word);
    w.data.insert(w.data.end(), v.begin(), v.end());
    ++w.rows;
  };
  add("mistake", {1, 0.1f, 0, 0.2f});
  add("bug", {0.9f, 0.2f, 0, 0.2f});
  add("crash", {0.95f, 0, 0.1f, 0.2f});
  add("program", {0.7f, 0.4f, 0, 0.2f});
  add("code", {0.8f, 0.3f, 0, 0.2f});
  add("marriage", {0, 0, 1, 0.2f});
  add("wife", {0.1f, 0, 0.9f, 0.2f});
  add("a", {0.3f, 0.3f, 0.3f, 0.9f});
  add("the", {0.3f, 0.3f, 0.3f, 1.0f});
  add("in", {0.2f, 0.3f, 0.3f, 0.9f});
  w.index_labels();
  return w;
}

SearchChunks topic_chunks() {
  SearchChunks c;
  c.source = "test";
  c.text = {"marriage is a mistake in the wife's opinion",  // 0: shares "mistake" with the query
            "a bug made the code crash",                     // 1: no query word, same topic
            "the wife and the marriage"};                    // 2: neither
  c.title = {"joke", "story", "wedding"};
  return c;
}

}  // namespace

TEST_CASE("search comparison: keywords find the shared word, vectors find the shared meaning") {
  const Embeddings w = topic_words();
  const SearchChunks chunks = topic_chunks();
  const KeywordIndexes keys = build_keyword_indexes(chunks);
  ChunkVectorOptions o;
  o.idf_weights = true;
  o.center = true;
  const ChunkVectors cv = chunk_vectors(w, chunks.text, o);
  const SearchComparison r = compare_search(chunks, keys, &w, &cv, "a mistake in the program", 3);
  REQUIRE(!r.bm25.empty());
  CHECK(r.bm25[0].doc == 0);        // the joke contains "mistake"
  CHECK(r.bm25.size() == 3);        // every chunk has "the" or "a": BM25's idf keeps them positive, just small
  CHECK(r.bm25[0].score > 4 * r.bm25[2].score);
  REQUIRE(r.semantic.size() == 3);
  CHECK(r.semantic[0].chunk == 1);  // the bug story shares no word with the query but its meaning
  CHECK(r.tfidf[0].doc == 0);
  CHECK(r.unknown_words.empty());
  CHECK(r.overlap == 3);            // with three chunks and top 3, both lists hold all of them
  CHECK(compare_search(chunks, keys, &w, &cv, "a mistake in the program", 1).overlap == 0);  // the tops differ
  // Without vectors only the keyword side is filled.
  const SearchComparison k = compare_search(chunks, keys, nullptr, nullptr, "a mistake in the program", 3);
  CHECK(k.semantic.empty());
  CHECK(k.bm25.size() == r.bm25.size());
  CHECK(compare_search(chunks, keys, &w, &cv, "zebra program", 3).unknown_words == std::vector<std::string>{"zebra"});
}

TEST_CASE("semantic explanation: one share per query word, summing exactly to the cosine") {
  const Embeddings w = topic_words();
  const SearchChunks chunks = topic_chunks();
  for (bool center : {false, true})
    for (bool idf : {false, true}) {
      CAPTURE(center);
      CAPTURE(idf);
      ChunkVectorOptions o;
      o.idf_weights = idf;
      o.center = center;
      const ChunkVectors cv = chunk_vectors(w, chunks.text, o);
      const std::string query = "the mistake, the program and zebra";
      const auto hits = vector_search(w, cv, query, 3);
      REQUIRE(hits.size() == 3);
      for (const SearchHit& h : hits) {
        const SemanticExplanation ex = explain_semantic(w, cv, chunks, h.chunk, query);
        double sum = 0;
        for (const auto& [word, share] : ex.query_words) sum += share;
        CHECK(sum == doctest::Approx(h.score).epsilon(1e-5));
        CHECK(ex.score == doctest::Approx(h.score).epsilon(1e-5));
        CHECK(ex.query_words.size() == 3);  // "the" counted twice, in one share
        CHECK(ex.unknown_words == std::vector<std::string>{"and", "zebra"});
        CHECK(ex.nearest_words.size() <= 3);
        for (size_t i = 1; i < ex.nearest_words.size(); ++i) CHECK(ex.nearest_words[i - 1].second >= ex.nearest_words[i].second);
      }
    }
  ChunkVectorOptions o;
  o.center = true;
  const ChunkVectors cv = chunk_vectors(w, chunks.text, o);
  const SemanticExplanation ex = explain_semantic(w, cv, chunks, 1, "mistake", 2);
  REQUIRE(ex.nearest_words.size() == 2);
  CHECK((ex.nearest_words[0].first == "bug" || ex.nearest_words[0].first == "crash"));
  CHECK(explain_semantic(w, cv, chunks, 7, "mistake").query_words.empty());  // no such chunk
}

TEST_CASE("centring: the shared direction of word vectors no longer makes every average alike") {
  const Embeddings w = topic_words();
  const SearchChunks chunks = topic_chunks();
  ChunkVectorOptions plain, centred;
  centred.center = true;
  const auto a = vector_search(w, chunk_vectors(w, chunks.text, plain), "bug", 3);
  const auto b = vector_search(w, chunk_vectors(w, chunks.text, centred), "bug", 3);
  REQUIRE(a.size() == 3);
  REQUIRE(b.size() == 3);
  CHECK(b.front().chunk == 1);
  // The spread between the best and the worst chunk grows once the common direction is gone.
  CHECK(b.front().score - b.back().score > a.front().score - a.back().score);
}

TEST_CASE("chunks: one per card (question then answer), one per line of a file with long lines cut") {
  notes::Card c1, c2;
  c1.question = "What is BM25?";
  c1.answer = "A ranking function.";
  c2.question = "Empty?";
  const SearchChunks cards = card_chunks({c1, c2});
  CHECK(cards.source == "notes");
  CHECK(cards.title == std::vector<std::string>{"What is BM25?", "Empty?"});
  CHECK(cards.text[0] == "What is BM25?\n\nA ranking function.");
  CHECK(cards.text[1] == "Empty?");

  const std::string path = data_dir() + "/chunks_test.txt";
  REQUIRE(write_file_atomic(path, "one two three four five\n\n  six seven\n").ok());
  auto f = file_chunks(path, 0, 2);
  REQUIRE(f.ok());
  CHECK(f->source == "chunks_test.txt");
  CHECK(f->text == std::vector<std::string>{"one two", "three four", "five", "six seven"});
  CHECK(f->title == std::vector<std::string>{"line 1", "line 1", "line 1", "line 3"});
  CHECK(file_chunks(path, 2, 2)->text.size() == 2);
  auto missing = file_chunks(data_dir() + "/no_such_file.txt", 0);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().path.find("no_such_file") != std::string::npos);
}

TEST_CASE("the RAG prompt: the question, the chunks numbered in rank order, long chunks cut at a word") {
  SearchChunks c;
  c.text = {"short one", std::string(50, 'a') + " " + std::string(50, 'b') + " ёё tail", "line\nbreak"};
  c.title = {"A", "B", "C"};
  const std::string p = rag_prompt(c, {2, 0, 1, 9}, "why?", 60);
  CHECK(p.find("[1] (C) line break\n") != std::string::npos);
  CHECK(p.find("[2] (A) short one\n") != std::string::npos);
  CHECK(p.find("[3] (B) " + std::string(50, 'a') + " …\n") != std::string::npos);
  CHECK(p.find("[4]") == std::string::npos);  // chunk 9 does not exist
  CHECK(p.find("Question: why?") != std::string::npos);
  CHECK(p.find("Question:") > p.find("[3]"));
  CHECK(rag_prompt(c, {}, "q").find("(nothing retrieved)") != std::string::npos);
}
