#include <doctest/doctest.h>

#include <numeric>

#include "core/search/ranking.h"
#include "core/search/tokenizer.h"

using namespace attend::search;

TEST_CASE("tokenizer: words of any script, lower-cased") {
  CHECK(tokenize("Self-attention, QK^T!") == std::vector<std::string>{"self", "attention", "qk", "t"});
  CHECK(tokenize("Привет, МИР; ёлка") == std::vector<std::string>{"привет", "мир", "елка"});
  CHECK(tokenize("Σίγμα") == std::vector<std::string>{"σίγμα"});
  CHECK(tokenize("注意力 test") == std::vector<std::string>{"注", "意", "力", "test"});
  CHECK(tokenize("x ≤ y → z 😀") == std::vector<std::string>{"x", "y", "z"});
  TokenizeOptions o;
  o.drop_stopwords = true;
  o.min_length = 2;
  CHECK(tokenize("The loss of a model и его градиент", o) == std::vector<std::string>{"loss", "model", "градиент"});
  CHECK(tokenize("").empty());
}

TEST_CASE("tokenizer: the stopword list is sorted (binary search depends on it)") {
  CHECK(is_stopword("the"));
  CHECK(is_stopword("и"));
  CHECK(is_stopword("эти"));
  CHECK(is_stopword("это"));
  CHECK(!is_stopword("attention"));
}

// Documents: "cat dog", "cat cat cat mouse", "bird". N = 3, average length 7/3.
TEST_CASE("bm25: scores match the formula computed by hand") {
  Bm25Index idx({"cat dog", "cat cat cat mouse", "bird"});
  // idf(cat) = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6
  CHECK(idx.idf("cat") == doctest::Approx(0.4700036292));
  const std::vector<double> s = idx.scores("cat");
  // doc 0: tf 1, length 2: idf·2.2 / (1 + 1.2·(0.25 + 0.75·2/(7/3)))
  CHECK(s[0] == doctest::Approx(0.4991762683));
  // doc 1: tf 3, length 4: idf·3·2.2 / (3 + 1.2·(0.25 + 0.75·4/(7/3)))
  CHECK(s[1] == doctest::Approx(0.6405359195));
  CHECK(s[2] == 0);
  const std::vector<Hit> hits = idx.search("cat");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].doc == 1);
  CHECK(hits[1].doc == 0);
  CHECK(idx.search("cat", 1).size() == 1);
  CHECK(idx.search("unicorn").empty());
  // explain() splits a score into its terms.
  const auto parts = idx.explain("cat mouse", 1);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].tf == 3);
  CHECK(parts[1].df == 1);
  CHECK(parts[0].score + parts[1].score == doctest::Approx(idx.scores("cat mouse")[1]));
}

TEST_CASE("tf-idf: cosine scores match scikit-learn's TfidfVectorizer defaults") {
  TfIdfIndex idx({"cat dog", "cat cat cat mouse", "bird"});
  CHECK(idx.idf("cat") == doctest::Approx(1.2876820725));  // ln(4/3) + 1
  CHECK(idx.idf("dog") == doctest::Approx(1.6931471806));  // ln(4/2) + 1
  const std::vector<double> s = idx.scores("cat");
  CHECK(s[0] == doctest::Approx(0.6053485081));
  CHECK(s[1] == doctest::Approx(0.9158903320));
  CHECK(s[2] == 0);
  // A document's vector has unit length.
  double norm = 0;
  for (const auto& [term, w] : idx.vector(1)) norm += w * w;
  CHECK(norm == doctest::Approx(1.0));
  CHECK(idx.vector(1)[0].first == "cat");
  const auto parts = idx.explain("cat bird", 0);
  CHECK(parts[0].score + parts[1].score == doctest::Approx(idx.scores("cat bird")[0]));
}

TEST_CASE("ranking: Russian queries find Russian documents regardless of case and ё") {
  Bm25Index idx({"Градиентный спуск и его варианты", "Ёмкость модели и переобучение", "Attention is all you need"});
  auto hits = idx.search("ГРАДИЕНТНЫЙ");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].doc == 0);
  hits = idx.search("емкость");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].doc == 1);
  // Ties are broken by document order, so results are stable.
  Bm25Index same({"a b", "a b"});
  auto tie = same.search("a");
  REQUIRE(tie.size() == 2);
  CHECK(tie[0].doc == 0);
}
