#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "core/data/table.h"

using namespace attend;
using namespace attend::data;

TEST_CASE("a CSV becomes typed columns: numbers, categories, missing cells") {
  const Table t = parse_table("area,city,garden\n80.5,Oslo,yes\n,Bergen,no\n120,Oslo,NA\n-3e2,?,yes\n", "h.csv")
                      .value();
  REQUIRE(t.rows == 4);
  REQUIRE(t.columns.size() == 3);
  const Column& area = t.columns[0];
  CHECK(area.type == ColumnType::Numeric);
  CHECK(area.numbers[0] == 80.5);
  CHECK(std::isnan(area.numbers[1]));
  CHECK(area.numbers[3] == -300);
  CHECK(area.missing == 1);
  const Column& city = t.columns[1];
  CHECK(city.type == ColumnType::Categorical);
  CHECK(city.categories == std::vector<std::string>{"Oslo", "Bergen"});
  CHECK(city.codes == std::vector<int>{0, 1, 0, -1});
  CHECK(city.text(1) == "Bergen");
  CHECK(city.text(3) == "");
  CHECK(t.columns[2].missing == 1);
  CHECK(t.find("garden") == 2);
  CHECK(t.find("Garden") == -1);
}

TEST_CASE("quoted fields keep delimiters, quotes and newlines — CRLF and a BOM are fine") {
  const std::string text = "\xEF\xBB\xBFname,note\r\n\"Smith, J\",\"said \"\"hi\"\"\"\r\n\"Lee\",\"two\nlines\"\r\n";
  const Table t = parse_table(text).value();
  REQUIRE(t.rows == 2);
  CHECK(t.columns[0].name == "name");
  CHECK(t.columns[0].text(0) == "Smith, J");
  CHECK(t.columns[1].text(0) == "said \"hi\"");
  CHECK(t.columns[1].text(1) == "two\nlines");
  // A quoted number column is still numeric; a quoted empty string is missing.
  const Table q = parse_table("x\n\"1.5\"\n\"\"\n").value();
  CHECK(q.columns[0].type == ColumnType::Numeric);
  CHECK(q.columns[0].numbers[0] == 1.5);
  CHECK(q.columns[0].missing == 1);
}

TEST_CASE("a column of codes can be forced categorical — blank trailing lines are not rows") {
  CsvOptions o;
  o.categorical = {"zip"};
  const Table t = parse_table("zip,price\n0150,3\n0150,4\n5003,5\n\n\n", "", o).value();
  CHECK(t.rows == 3);
  CHECK(t.columns[0].type == ColumnType::Categorical);
  CHECK(t.columns[0].categories == std::vector<std::string>{"0150", "5003"});
  CHECK(t.columns[1].type == ColumnType::Numeric);
}

TEST_CASE("bad CSVs give file:line:column errors, never a crash") {
  SUBCASE("empty file") {
    for (const char* text : {"", "  \n\n"}) {
      Result<Table> r = parse_table(text, "e.csv");
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().to_string() == "e.csv: the file is empty: a CSV needs a header row naming the columns");
    }
  }
  SUBCASE("ragged row") {
    Result<Table> r = parse_table("a,b,c\n1,2,3\n4,5\n6,7,8\n", "r.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().to_string() == "r.csv:3:1: this row has 2 fields but the header has 3");
    r = parse_table("a,b\n1,2,3\n", "r.csv");
    CHECK(r.error().to_string() ==
          "r.csv:2:1: this row has 3 fields but the header has 2 (an unquoted delimiter inside a value?)");
  }
  SUBCASE("unterminated quote") {
    Result<Table> r = parse_table("a,b\n1,2\n3,\"open\n4,5\n", "q.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().to_string() == "q.csv:3:3: unterminated quoted field: the quote opened here never closes");
  }
  SUBCASE("text after a closing quote") {
    Result<Table> r = parse_table("a,b\n\"x\"y,2\n", "t.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().line == 2);
    CHECK(r.error().column == 4);
  }
  SUBCASE("not UTF-8") {
    Result<Table> r = parse_table("name,city\nAnn,Z\xFCrich\n", "l.csv");  // Latin-1 ü
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().to_string() == "l.csv:2:6: byte 0xFC is not valid UTF-8; save the file as UTF-8 text");
    CHECK_FALSE(parse_table("a\n\xC0\xAF\n").ok());           // overlong encoding of '/'
    CHECK_FALSE(parse_table("a\n\xED\xA0\x80\n").ok());       // a UTF-16 surrogate
    CHECK_FALSE(parse_table("a\nx\xE2\x82").ok());            // truncated at the end
    CHECK(parse_table("a\nZ\xC3\xBCrich \xF0\x9F\x99\x82\n").ok());  // real UTF-8 is fine
  }
  SUBCASE("duplicate column names") {
    Result<Table> r = parse_table("a,b,a\n1,2,3\n", "d.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("'a' appears twice (columns 1 and 3)") != std::string::npos);
  }
  SUBCASE("missing file") {
    Result<Table> r = read_table("/nonexistent/dir/none.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == "/nonexistent/dir/none.csv");
  }
}

TEST_CASE("header only, no rows: an empty table, not an error") {
  const Table t = parse_table("a,b\n").value();
  CHECK(t.rows == 0);
  CHECK(t.columns.size() == 2);
}

TEST_CASE("random bytes never crash the reader") {
  uint64_t s = 12345;
  const char alphabet[] = {'a', '1', ',', '"', '\n', '\r', ' ', '.', '-', 'e', '\xC3', '\xA9', '\xFF', '?'};
  for (int trial = 0; trial < 300; ++trial) {
    std::string text;
    const int len = static_cast<int>((s >> 7) % 60);
    for (int i = 0; i < len; ++i) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      text += alphabet[(s >> 33) % sizeof alphabet];
    }
    Result<Table> r = parse_table(text, "fuzz.csv");
    if (r.ok()) {
      for (const Column& c : r->columns) CHECK((c.type == ColumnType::Numeric ? c.numbers.size() : c.codes.size()) == r->rows);
    } else {
      CHECK_FALSE(r.error().message.empty());
    }
  }
}

TEST_CASE("take_rows keeps types, categories and missing counts") {
  const Table t = parse_table("x,c\n1,a\n,b\n3,a\n").value();
  const Table s = take_rows(t, {2, 1});
  CHECK(s.rows == 2);
  CHECK(s.columns[0].numbers[0] == 3);
  CHECK(s.columns[0].missing == 1);
  CHECK(s.columns[1].text(1) == "b");
}

TEST_CASE("the benchmark CSV loads as 21 numeric columns with the peer's checksums") {
  const char* env = std::getenv("ATTEND_SHARED_DIR");
  const std::string dir = env && *env ? env : ATTEND_SHARED_DIR_DEFAULT;
  const Table t = read_table(dir + "/bench/data/classification_5000x20.csv").value();
  REQUIRE(t.rows == 5000);
  REQUIRE(t.columns.size() == 21);
  double sx = 0, pos = 0;
  for (int j = 0; j < 20; ++j)
    for (double v : t.columns[j].numbers) sx += v;
  for (double v : t.columns[20].numbers) pos += v;
  CHECK(sx == doctest::Approx(-1496.160391).epsilon(1e-9));
  CHECK(pos == 2496);
}
