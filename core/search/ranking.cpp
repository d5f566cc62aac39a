#include "core/search/ranking.h"

#include <algorithm>
#include <cmath>

namespace attend::search {
namespace {

std::vector<std::vector<std::string>> tokenize_all(const std::vector<std::string>& docs, const TokenizeOptions& o) {
  std::vector<std::vector<std::string>> out;
  out.reserve(docs.size());
  for (const std::string& d : docs) out.push_back(tokenize(d, o));
  return out;
}

// What explain() reports about a term whatever the ranker: its counts.
TermContribution term_counts(const InvertedIndex& index, const std::string& term, size_t doc) {
  TermContribution c;
  c.term = term;
  c.tf = static_cast<int>(index.tf(term, doc));
  const auto* p = index.find(term);
  c.df = p ? static_cast<int>(p->size()) : 0;
  return c;
}

}  // namespace

InvertedIndex::InvertedIndex(const std::vector<std::vector<std::string>>& tokenized) {
  length.reserve(tokenized.size());
  for (size_t d = 0; d < tokenized.size(); ++d) {
    length.push_back(static_cast<uint32_t>(tokenized[d].size()));
    for (const std::string& t : tokenized[d]) {
      auto [it, inserted] = vocabulary.try_emplace(t, static_cast<uint32_t>(terms.size()));
      if (inserted) {
        terms.push_back(t);
        postings.emplace_back();
      }
      auto& p = postings[it->second];
      if (!p.empty() && p.back().first == d) ++p.back().second;
      else p.emplace_back(static_cast<uint32_t>(d), 1u);
    }
  }
}

const std::vector<std::pair<uint32_t, uint32_t>>* InvertedIndex::find(const std::string& term) const {
  auto it = vocabulary.find(term);
  return it == vocabulary.end() ? nullptr : &postings[it->second];
}

uint32_t InvertedIndex::tf(const std::string& term, size_t doc) const {
  const auto* p = find(term);
  if (!p) return 0;
  auto it = std::lower_bound(p->begin(), p->end(), std::make_pair(static_cast<uint32_t>(doc), 0u));
  return it != p->end() && it->first == doc ? it->second : 0;
}

std::vector<std::pair<std::string, int>> query_terms(std::string_view query, const TokenizeOptions& options) {
  std::vector<std::pair<std::string, int>> out;
  for (std::string& t : tokenize(query, options)) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == t; });
    if (it == out.end()) out.emplace_back(std::move(t), 1);
    else ++it->second;
  }
  return out;
}

std::vector<Hit> rank(const std::vector<double>& scores, size_t top_k) {
  std::vector<Hit> hits;
  for (size_t d = 0; d < scores.size(); ++d)
    if (scores[d] > 0) hits.push_back({d, scores[d]});
  auto better = [](const Hit& a, const Hit& b) { return a.score != b.score ? a.score > b.score : a.doc < b.doc; };
  if (top_k > 0 && top_k < hits.size()) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(top_k), hits.end(), better);
    hits.resize(top_k);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

// ---- BM25 ----------------------------------------------------------------------------------------------

Bm25Index::Bm25Index(const std::vector<std::string>& documents, Params params, TokenizeOptions options)
    : Bm25Index(tokenize_all(documents, options), params, options) {}

Bm25Index::Bm25Index(const std::vector<std::vector<std::string>>& tokenized, Params params, TokenizeOptions options)
    : m_params(params), m_options(options), m_index(tokenized) {
  double total = 0;
  for (uint32_t l : m_index.length) total += l;
  m_average_length = m_index.size() ? total / static_cast<double>(m_index.size()) : 0;
}

double Bm25Index::idf(const std::string& term) const {
  const auto* p = m_index.find(term);
  const double n = static_cast<double>(m_index.size());
  const double df = p ? static_cast<double>(p->size()) : 0;
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

double Bm25Index::term_score(uint32_t tf, size_t doc, double idf) const {
  const double k1 = m_params.k1, b = m_params.b;
  const double len_ratio = m_average_length > 0 ? m_index.length[doc] / m_average_length : 0;
  return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len_ratio));
}

std::vector<double> Bm25Index::scores(std::string_view query) const {
  std::vector<double> s(m_index.size(), 0.0);
  for (const auto& [term, count] : query_terms(query, m_options)) {
    (void)count;  // a repeated query word counts once, as in Lucene
    const auto* p = m_index.find(term);
    if (!p) continue;
    const double w = idf(term);
    for (const auto& [doc, tf] : *p) s[doc] += term_score(tf, doc, w);
  }
  return s;
}

std::vector<Hit> Bm25Index::search(std::string_view query, size_t top_k) const { return rank(scores(query), top_k); }

std::vector<TermContribution> Bm25Index::explain(std::string_view query, size_t doc) const {
  std::vector<TermContribution> out;
  if (doc >= m_index.size()) return out;
  for (const auto& [term, count] : query_terms(query, m_options)) {
    (void)count;
    TermContribution c = term_counts(m_index, term, doc);
    c.idf = idf(term);
    c.score = c.tf ? term_score(static_cast<uint32_t>(c.tf), doc, c.idf) : 0.0;
    out.push_back(std::move(c));
  }
  return out;
}

// ---- TF-IDF --------------------------------------------------------------------------------------------

TfIdfIndex::TfIdfIndex(const std::vector<std::string>& documents, TokenizeOptions options)
    : TfIdfIndex(tokenize_all(documents, options), options) {}

TfIdfIndex::TfIdfIndex(const std::vector<std::vector<std::string>>& tokenized, TokenizeOptions options)
    : m_options(options), m_index(tokenized) {
  const double n = static_cast<double>(m_index.size());
  m_idf.resize(m_index.terms.size());
  m_norm.assign(m_index.size(), 0.0);
  for (size_t t = 0; t < m_index.terms.size(); ++t) {
    const double df = static_cast<double>(m_index.postings[t].size());
    m_idf[t] = std::log((1 + n) / (1 + df)) + 1;
    for (const auto& [doc, tf] : m_index.postings[t]) m_norm[doc] += (tf * m_idf[t]) * (tf * m_idf[t]);
  }
  for (double& v : m_norm) v = std::sqrt(v);
}

double TfIdfIndex::idf(const std::string& term) const {
  auto it = m_index.vocabulary.find(term);
  if (it != m_index.vocabulary.end()) return m_idf[it->second];
  const double n = static_cast<double>(m_index.size());
  return std::log((1 + n) / 1.0) + 1;  // a term in no document
}

std::vector<std::pair<uint32_t, double>> TfIdfIndex::query_vector(std::string_view query) const {
  // Terms outside the vocabulary have no dimension to land in; like scikit-learn, they are dropped.
  std::vector<std::pair<uint32_t, double>> v;
  double norm = 0;
  for (const auto& [term, count] : query_terms(query, m_options)) {
    auto it = m_index.vocabulary.find(term);
    if (it == m_index.vocabulary.end()) continue;
    const double w = count * m_idf[it->second];
    v.emplace_back(it->second, w);
    norm += w * w;
  }
  norm = std::sqrt(norm);
  for (auto& e : v) e.second /= norm;
  return v;
}

std::vector<double> TfIdfIndex::scores(std::string_view query) const {
  std::vector<double> s(m_index.size(), 0.0);
  for (const auto& [term, weight] : query_vector(query))
    for (const auto& [doc, tf] : m_index.postings[term]) s[doc] += weight * tf * m_idf[term] / m_norm[doc];
  return s;
}

std::vector<Hit> TfIdfIndex::search(std::string_view query, size_t top_k) const { return rank(scores(query), top_k); }

std::vector<TermContribution> TfIdfIndex::explain(std::string_view query, size_t doc) const {
  std::vector<TermContribution> out;
  if (doc >= m_index.size()) return out;
  const auto qv = query_vector(query);
  for (const auto& [term, count] : query_terms(query, m_options)) {
    (void)count;
    TermContribution c = term_counts(m_index, term, doc);
    c.idf = idf(term);
    auto it = m_index.vocabulary.find(term);
    if (it != m_index.vocabulary.end() && c.tf > 0) {
      for (const auto& [t, w] : qv)
        if (t == it->second) c.score = w * c.tf * m_idf[t] / m_norm[doc];
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::pair<std::string, double>> TfIdfIndex::vector(size_t doc) const {
  std::vector<std::pair<std::string, double>> v;
  if (doc >= m_index.size() || m_norm[doc] == 0) return v;
  for (size_t t = 0; t < m_index.terms.size(); ++t) {
    const uint32_t tf = m_index.tf(m_index.terms[t], doc);
    if (tf) v.emplace_back(m_index.terms[t], tf * m_idf[t] / m_norm[doc]);
  }
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  return v;
}

}  // namespace attend::search
