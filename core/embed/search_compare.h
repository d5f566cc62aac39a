// Keyword against semantic search on the same text chunks (topic 13): BM25 and TF-IDF (core/search) rank
// the chunks that share the query's words; embedding search (vector_search.h) ranks them by the angle
// between averaged word vectors, so a chunk can rank high without sharing a single word. The top chunks
// are what retrieval-augmented generation pastes into a prompt; rag_prompt builds that text.
//
//   SearchChunks chunks = card_chunks(deck.cards);            // or file_chunks("corpus.txt", 5000)
//   KeywordIndexes keys = build_keyword_indexes(chunks);
//   ChunkVectors cv = chunk_vectors(words, chunks.text);
//   SearchComparison r = compare_search(chunks, keys, &words, &cv, "why scale dot products", 5);
//   std::string prompt = rag_prompt(chunks, hit_chunks(r.semantic), "why scale dot products");
//
// Every score can be explained: the keyword rankers say what each query term added (Bm25Index::explain);
// explain_semantic splits the cosine exactly into one share per query word and lists the chunk's words
// nearest in meaning to the query.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/data/corpus_reader.h"
#include "core/embed/vector_search.h"
#include "core/notes/card.h"
#include "core/search/ranking.h"
#include "core/util/result.h"

namespace attend::embed {

struct SearchChunks {
  std::string source;              // "notes", a file name
  std::vector<std::string> text;   // what is indexed, embedded and shown
  std::vector<std::string> title;  // a short name per chunk: the card's question, "line 120"
};

// One chunk per card: its question, then its answer.
SearchChunks card_chunks(const std::vector<notes::Card>& cards);
// One chunk per non-blank line of a text file (a paragraph or fortune per line in the default corpus);
// lines longer than max_words words are cut into pieces. At most max_chunks (0: all).
Result<SearchChunks> file_chunks(const std::string& path, size_t max_chunks, int max_words = 120,
                                 const data::StreamOptions& stream = {});

struct KeywordIndexes {
  search::Bm25Index bm25;
  search::TfIdfIndex tfidf;
};
KeywordIndexes build_keyword_indexes(const SearchChunks& chunks);

struct SearchComparison {
  std::string query;
  std::vector<search::Hit> bm25, tfidf;
  std::vector<SearchHit> semantic;       // empty without word vectors, or when no query word has one
  std::vector<std::string> unknown_words;  // query words without a vector
  int overlap = 0;                       // chunks in both the BM25 and the semantic top n
};

// words and vectors may be null (no vectors trained yet): then only the keyword rankings are filled.
SearchComparison compare_search(const SearchChunks& chunks, const KeywordIndexes& indexes, const Embeddings* words,
                                const ChunkVectors* vectors, const std::string& query, int top_n);

template <class H>
std::vector<int> hit_chunks(const std::vector<H>& hits);

struct SemanticExplanation {
  double score = 0;                                          // the cosine, as vector_search reports it
  std::vector<std::pair<std::string, double>> query_words;   // each query word's share; the shares sum to score
  std::vector<std::string> unknown_words;
  std::vector<std::pair<std::string, double>> nearest_words; // the chunk's words most similar to the query (cosine)
};

SemanticExplanation explain_semantic(const Embeddings& words, const ChunkVectors& vectors, const SearchChunks& chunks,
                                     int chunk, const std::string& query, int nearest = 3);

// The context a retrieval-augmented generator sends: an instruction, the chunks numbered in rank order
// (each cut to max_chars_per_chunk at a word boundary), then the question.
std::string rag_prompt(const SearchChunks& chunks, const std::vector<int>& ranked, const std::string& question,
                       size_t max_chars_per_chunk = 600);

// ---------------------------------------------------------------------------------------------------------

template <class H>
std::vector<int> hit_chunks(const std::vector<H>& hits) {
  std::vector<int> out;
  for (const H& h : hits) {
    if constexpr (std::is_same_v<H, SearchHit>) out.push_back(h.chunk);
    else out.push_back(static_cast<int>(h.doc));
  }
  return out;
}

}  // namespace attend::embed
