// A typed table read from CSV (topic 30's "data reader"): a header row, then one row per record. Each
// column is numeric when every non-missing cell is a number, categorical otherwise; missing cells (empty,
// NA, N/A, NaN, null, ?) are NaN in numeric columns and −1 in categorical ones. Quoted fields follow RFC 4180
// ("a, b" keeps its comma, "" is a quote, a quoted field may span lines). Bad input — an empty file, a row
// with the wrong number of fields, an unterminated quote, bytes that are not UTF-8 — is an Error with the
// file, line and column, never a crash.
//
//   Result<Table> t = read_table("assets/data/houses.csv");
//   if (!t) show(t.error().to_string());   // "houses.csv:14:1: row has 6 fields but the header has 8"
//   const Column& price = t->columns[t->find("price")];
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace attend::data {

enum class ColumnType { Numeric, Categorical };

struct Column {
  std::string name;
  ColumnType type = ColumnType::Numeric;
  std::vector<double> numbers;          // Numeric: one per row, NaN where missing
  std::vector<int> codes;               // Categorical: index into categories, −1 where missing
  std::vector<std::string> categories;  // Categorical: distinct values in order of first appearance
  size_t missing = 0;

  bool is_missing(size_t row) const {
    return type == ColumnType::Numeric ? numbers[row] != numbers[row] : codes[row] < 0;
  }
  // The cell as text ("" when missing), for tables in a view.
  std::string text(size_t row) const;
};

struct Table {
  std::string source;  // the path it came from, for messages
  size_t rows = 0;
  std::vector<Column> columns;

  int find(const std::string& name) const;  // −1 when absent
  std::vector<std::string> names() const;
};

struct CsvOptions {
  char delimiter = ',';
  std::vector<std::string> missing_tokens = {"", "NA", "N/A", "NaN", "nan", "null", "NULL", "?"};
  std::vector<std::string> categorical;  // columns to keep categorical even when every cell is a number (codes)
};

// `path` only labels the errors; `text` is the file's content.
Result<Table> parse_table(const std::string& text, const std::string& path = "", const CsvOptions& o = {});
Result<Table> read_table(const std::string& path, const CsvOptions& o = {});

// Rows `index` of t, in that order.
Table take_rows(const Table& t, const std::vector<int>& index);

}  // namespace attend::data
