#include "core/embed/search_compare.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

namespace attend::embed {

namespace {

// Up to max_words words of text per piece, split at whitespace.
std::vector<std::string> split_words(std::string_view text, int max_words) {
  std::vector<std::string> pieces;
  std::string cur;
  int words = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i == start) break;
    if (words == max_words) {
      pieces.push_back(std::move(cur));
      cur.clear();
      words = 0;
    }
    if (!cur.empty()) cur += ' ';
    cur.append(text.substr(start, i - start));
    ++words;
  }
  if (!cur.empty()) pieces.push_back(std::move(cur));
  return pieces;
}

}  // namespace

SearchChunks card_chunks(const std::vector<notes::Card>& cards) {
  SearchChunks c;
  c.source = "notes";
  for (const notes::Card& card : cards) {
    c.title.push_back(card.question);
    c.text.push_back(card.answer.empty() ? card.question : card.question + "\n\n" + card.answer);
  }
  return c;
}

Result<SearchChunks> file_chunks(const std::string& path, size_t max_chunks, int max_words,
                                 const data::StreamOptions& stream) {
  SearchChunks c;
  const size_t slash = path.find_last_of('/');
  c.source = slash == std::string::npos ? path : path.substr(slash + 1);
  Status st = data::stream_lines(
      path,
      [&](std::string_view line, int64_t number) {
        for (std::string& piece : split_words(line, std::max(1, max_words))) {
          if (max_chunks > 0 && c.text.size() >= max_chunks) return false;
          c.title.push_back("line " + std::to_string(number));
          c.text.push_back(std::move(piece));
        }
        return max_chunks == 0 || c.text.size() < max_chunks;
      },
      stream);
  if (!st) return st.error();
  return c;
}

KeywordIndexes build_keyword_indexes(const SearchChunks& chunks) {
  return KeywordIndexes{search::Bm25Index(chunks.text), search::TfIdfIndex(chunks.text)};
}

SearchComparison compare_search(const SearchChunks& chunks, const KeywordIndexes& indexes, const Embeddings* words,
                                const ChunkVectors* vectors, const std::string& query, int top_n) {
  SearchComparison r;
  r.query = query;
  const size_t k = static_cast<size_t>(std::max(0, top_n));
  r.bm25 = indexes.bm25.search(query, k);
  r.tfidf = indexes.tfidf.search(query, k);
  if (words && vectors && vectors->rows == static_cast<int>(chunks.text.size())) {
    r.semantic = vector_search(*words, *vectors, query, top_n);
    data::Tokenizer tok(vectors->options.mode);
    tok.each(query, [&](std::string_view w) {
      if (words->find(w) < 0 && std::find(r.unknown_words.begin(), r.unknown_words.end(), w) == r.unknown_words.end())
        r.unknown_words.emplace_back(w);
    });
    for (const SearchHit& s : r.semantic)
      for (const search::Hit& b : r.bm25) r.overlap += static_cast<int>(b.doc) == s.chunk;
  }
  return r;
}

SemanticExplanation explain_semantic(const Embeddings& words, const ChunkVectors& cv, const SearchChunks& chunks,
                                     int chunk, const std::string& query, int nearest) {
  SemanticExplanation ex;
  if (chunk < 0 || chunk >= cv.rows || words.dim != cv.dim) return ex;
  const float* c = cv.data.data() + static_cast<size_t>(chunk) * cv.dim;
  // q = Σ x_w / |Σ x_w| (x_w: the word's contribution, word_contribution) and c has unit length, so
  // q·c = Σ_w (x_w·c) / |Σ x_w|: one exact share per query word.
  std::vector<double> sum(words.dim, 0.0);
  std::vector<std::pair<std::string, double>> shares;  // word, x_w·c, before dividing by |Σ|
  data::Tokenizer tok(cv.options.mode);
  tok.each(query, [&](std::string_view w) {
    const int row = words.find(w);
    if (row < 0) {
      if (std::find(ex.unknown_words.begin(), ex.unknown_words.end(), w) == ex.unknown_words.end())
        ex.unknown_words.emplace_back(w);
      return;
    }
    std::vector<double> part;
    if (!word_contribution(words, row, cv, part)) return;
    double dot = 0;
    for (int d = 0; d < words.dim; ++d) {
      sum[d] += part[d];
      dot += part[d] * c[d];
    }
    auto it = std::find_if(shares.begin(), shares.end(), [&](const auto& p) { return p.first == w; });
    if (it == shares.end()) shares.emplace_back(std::string(w), dot);
    else it->second += dot;
  });
  double norm = 0;
  for (double v : sum) norm += v * v;
  norm = std::sqrt(norm);
  if (norm <= 0) return ex;
  for (auto& [w, share] : shares) {
    share /= norm;
    ex.score += share;
  }
  ex.query_words = std::move(shares);
  // The chunk's own words closest to the query vector: why it matched without sharing a word.
  std::vector<double> q(words.dim);
  for (int d = 0; d < words.dim; ++d) q[d] = sum[d] / norm;
  std::unordered_set<int> seen;
  std::vector<std::pair<std::string, double>> near;
  std::vector<double> part;
  tok.each(chunks.text[chunk], [&](std::string_view w) {
    const int row = words.find(w);
    if (row < 0 || !seen.insert(row).second || !word_contribution(words, row, cv, part)) return;
    // In the same space as q: normalised, centred (the idf weight drops out of a cosine).
    double dot = 0, n2 = 0;
    for (int d = 0; d < words.dim; ++d) {
      dot += q[d] * part[d];
      n2 += part[d] * part[d];
    }
    if (n2 > 0) near.emplace_back(std::string(w), dot / std::sqrt(n2));
  });
  const size_t keep = std::min<size_t>(std::max(0, nearest), near.size());
  std::partial_sort(near.begin(), near.begin() + keep, near.end(),
                    [](const auto& a, const auto& b) { return a.second > b.second; });
  near.resize(keep);
  ex.nearest_words = std::move(near);
  return ex;
}

std::string rag_prompt(const SearchChunks& chunks, const std::vector<int>& ranked, const std::string& question,
                       size_t max_chars_per_chunk) {
  std::string out = "Answer the question using only the context below. Cite the passages you use as [n].\n\n";
  out += "Context:\n";
  int n = 0;
  for (int c : ranked) {
    if (c < 0 || c >= static_cast<int>(chunks.text.size())) continue;
    std::string text = chunks.text[c];
    for (char& ch : text)
      if (ch == '\n') ch = ' ';
    if (text.size() > max_chars_per_chunk) {
      size_t cut = text.rfind(' ', max_chars_per_chunk);
      if (cut == std::string::npos || cut < max_chars_per_chunk / 2) cut = max_chars_per_chunk;
      // Never cut inside a UTF-8 sequence.
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + " …";
    }
    out += "[" + std::to_string(++n) + "] (" + chunks.title[c] + ") " + text + "\n";
  }
  if (n == 0) out += "(nothing retrieved)\n";
  out += "\nQuestion: " + question + "\nAnswer:";
  return out;
}

}  // namespace attend::embed
