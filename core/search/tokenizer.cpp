#include "core/search/tokenizer.h"

#include <algorithm>
#include <array>

#include "core/text/utf8.h"

namespace attend::search {
namespace {

// Sorted for binary search; checked by a test.
constexpr std::array<std::string_view, 160> kStopwords = {
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been",
    "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "each", "for",
    "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "just", "more", "most", "no", "not", "of", "on", "one", "only", "or", "other", "our", "out", "over",
    "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "up", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you",
    "your",
    "а", "без", "бы", "был", "была", "были", "было", "в", "во", "вот", "все", "всё", "вы", "да", "для",
    "до", "его", "ее", "если", "есть", "же", "за", "и", "из", "или", "им", "их", "к", "как", "ко", "когда",
    "ли", "мы", "на", "над", "не", "него", "нет", "ни", "но", "о", "об", "он", "она", "они", "оно", "от",
    "по", "под", "при", "с", "со", "так", "также", "то", "того", "только", "у", "уже", "что", "чтобы",
    "эти", "это", "этот", "я",
};

}  // namespace

bool is_stopword(std::string_view t) {
  return std::binary_search(kStopwords.begin(), kStopwords.end(), t);
}

std::vector<std::string> tokenize(std::string_view text, const TokenizeOptions& options) {
  std::vector<std::string> out;
  std::string word;
  size_t word_len = 0;
  auto flush = [&] {
    if (!word.empty() && word_len >= options.min_length && !(options.drop_stopwords && is_stopword(word)))
      out.push_back(word);
    word.clear();
    word_len = 0;
  };
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = text::next_code_point(text, i);
    if (text::is_ideograph(cp)) {
      flush();
      std::string one;
      text::append_utf8(one, cp);
      out.push_back(std::move(one));
      continue;
    }
    if (!text::is_word_char(cp)) {
      flush();
      continue;
    }
    cp = text::to_lower(cp);
    if (cp == 0x0451) cp = 0x0435;  // ё → е: Russian text is written both ways
    text::append_utf8(word, cp);
    ++word_len;
  }
  flush();
  return out;
}

}  // namespace attend::search
