// Splitting text into search terms, for any language: words are runs of letters and digits of any script,
// lower-cased (Latin, Greek and Cyrillic; ё folds to е), and each CJK ideograph or kana is a term of its
// own. Punctuation, math symbols and emoji separate terms. Used by BM25/TF-IDF ranking (ranking.h), the
// notes search and the card-to-lesson links, and by the keyword-vs-semantic search lab.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attend::search {

struct TokenizeOptions {
  bool drop_stopwords = false;  // English and Russian function words ("the", "и")
  size_t min_length = 1;        // in code points; ideographs are always kept
};

std::vector<std::string> tokenize(std::string_view text, const TokenizeOptions& options = {});

bool is_stopword(std::string_view lower_term);

}  // namespace attend::search
