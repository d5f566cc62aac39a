#include "core/data/table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "core/util/files.h"

namespace attend::data {
namespace {

// The first byte that breaks UTF-8, as (line, column) counted in characters; {0, 0} when the text is valid.
struct Where {
  int line = 0, column = 0;
  unsigned char byte = 0;
};

Where find_invalid_utf8(const std::string& s) {
  int line = 1, col = 1;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) len = 1, cp = c;
    else if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    else return {line, col, c};
    if (i + len > n) return {line, col, c};
    for (size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return {line, col, c};
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 either.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return {line, col, c};
    if (c == '\n') ++line, col = 1;
    else ++col;
    i += len;
  }
  return {};
}

struct Cell {
  std::string text;
  bool quoted = false;
};
struct Row {
  std::vector<Cell> cells;
  int line = 0;  // where the row starts
};

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return s.substr(a, b - a);
}

// RFC 4180 records. Lines are counted from 1, columns in bytes from 1 (the UTF-8 check already passed, and a
// byte column is what editors with "go to column" accept for ASCII-heavy CSVs).
Status split_records(const std::string& text, char delim, const std::string& path, std::vector<Row>& rows) {
  size_t i = 0;
  const size_t n = text.size();
  int line = 1;
  size_t line_start = 0;
  while (i < n) {
    Row row;
    row.line = line;
    Cell cell;
    bool row_has_content = false;
    while (true) {
      if (i < n && text[i] == '"' && trim(cell.text).empty()) {
        // Quoted field: runs to the matching quote; "" is a literal quote; newlines are part of the field.
        const int open_line = line;
        const int open_col = static_cast<int>(i - line_start) + 1;
        cell.text.clear();
        cell.quoted = true;
        ++i;
        bool closed = false;
        while (i < n) {
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              cell.text += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (text[i] == '\n') ++line, line_start = i + 1;
          cell.text += text[i++];
        }
        if (!closed)
          return make_error(path, open_line, open_col,
                            "unterminated quoted field: the quote opened here never closes");
        while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
        if (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r')
          return make_error(path, line, static_cast<int>(i - line_start) + 1,
                            std::string("unexpected '") + text[i] + "' after a closing quote; expected '" + delim +
                                "' or the end of the line");
        row_has_content = true;
      }
      if (i >= n || text[i] == '\n' || (text[i] == '\r' && (i + 1 >= n || text[i + 1] == '\n'))) {
        if (!cell.text.empty()) row_has_content = true;
        row.cells.push_back(std::move(cell));
        if (i < n && text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') {
          ++i;
          ++line;
          line_start = i;
        }
        break;
      }
      if (text[i] == delim) {
        row.cells.push_back(std::move(cell));
        cell = Cell{};
        row_has_content = true;
        ++i;
        continue;
      }
      // The rest of an unquoted field in one piece (a quote inside it is an ordinary character).
      size_t j = i + 1;
      while (j < n && text[j] != delim && text[j] != '\n' && text[j] != '\r') ++j;
      cell.text.append(text, i, j - i);
      i = j;
    }
    // Blank lines (often a trailing one) are not records.
    if (row_has_content || row.cells.size() > 1) rows.push_back(std::move(row));
  }
  return Ok{};
}

bool parse_number(const std::string& s, double* out) {
  const char* b = s.data();
  const char* e = b + s.size();
  while (b < e && (*b == ' ' || *b == '\t')) ++b;
  while (e > b && (e[-1] == ' ' || e[-1] == '\t')) --e;
  if (b == e) return false;
  if (*b == '+') ++b;  // from_chars rejects a leading '+'
  double v = 0;
  const auto r = std::from_chars(b, e, v);
  if (r.ec != std::errc() || r.ptr != e || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

}  // namespace

std::string Column::text(size_t row) const {
  if (is_missing(row)) return "";
  if (type == ColumnType::Categorical) return categories[static_cast<size_t>(codes[row])];
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", numbers[row]);
  return buf;
}

int Table::find(const std::string& name) const {
  for (size_t c = 0; c < columns.size(); ++c)
    if (columns[c].name == name) return static_cast<int>(c);
  return -1;
}

std::vector<std::string> Table::names() const {
  std::vector<std::string> out;
  for (const Column& c : columns) out.push_back(c.name);
  return out;
}

Result<Table> parse_table(const std::string& text_in, const std::string& path, const CsvOptions& o) {
  std::string text = text_in;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    text.erase(0, 3);  // a UTF-8 byte order mark, as spreadsheet programs write
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error(path, 0, 0, "the file is empty: a CSV needs a header row naming the columns");
  const Where bad = find_invalid_utf8(text);
  if (bad.line > 0) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", bad.byte);
    return make_error(path, bad.line, bad.column,
                      std::string("byte ") + hex + " is not valid UTF-8; save the file as UTF-8 text");
  }
  std::vector<Row> rows;
  Status s = split_records(text, o.delimiter, path, rows);
  if (!s) return s.error();
  if (rows.empty()) return make_error(path, 0, 0, "the file is empty: a CSV needs a header row naming the columns");
  const Row& header = rows.front();
  const size_t ncol = header.cells.size();
  Table t;
  t.source = path;
  t.rows = rows.size() - 1;
  std::unordered_map<std::string, size_t> seen;
  for (size_t c = 0; c < ncol; ++c) {
    Column col;
    col.name = trim(header.cells[c].text);
    if (col.name.empty()) col.name = "column_" + std::to_string(c + 1);
    auto [it, fresh] = seen.emplace(col.name, c);
    if (!fresh)
      return make_error(path, header.line, 0,
                        "column name '" + col.name + "' appears twice (columns " + std::to_string(it->second + 1) +
                            " and " + std::to_string(c + 1) + "); column names must be unique");
    t.columns.push_back(std::move(col));
  }
  for (size_t r = 1; r < rows.size(); ++r)
    if (rows[r].cells.size() != ncol)
      return make_error(path, rows[r].line, 1,
                        "this row has " + std::to_string(rows[r].cells.size()) + " field" +
                            (rows[r].cells.size() == 1 ? "" : "s") + " but the header has " + std::to_string(ncol) +
                            (rows[r].cells.size() > ncol ? " (an unquoted delimiter inside a value?)" : ""));
  auto is_missing_token = [&](const Cell& cell) {
    if (cell.quoted && !cell.text.empty()) return false;
    std::string_view v(cell.text);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    for (const std::string& tok : o.missing_tokens)
      if (v == tok) return true;
    return false;
  };
  // Row by row (the cells of one row sit together in memory): a column stays numeric while every
  // non-missing cell parses, and the values parsed on the way are kept.
  std::vector<char> numeric(ncol, 1);
  for (size_t c = 0; c < ncol; ++c) {
    Column& col = t.columns[c];
    numeric[c] = std::find(o.categorical.begin(), o.categorical.end(), col.name) == o.categorical.end();
    col.numbers.reserve(t.rows);
  }
  for (size_t r = 1; r < rows.size(); ++r)
    for (size_t c = 0; c < ncol; ++c) {
      if (!numeric[c]) continue;
      const Cell& cell = rows[r].cells[c];
      double v = std::numeric_limits<double>::quiet_NaN();
      if (is_missing_token(cell)) ++t.columns[c].missing;
      else if (!parse_number(cell.text, &v)) numeric[c] = 0;
      t.columns[c].numbers.push_back(v);
    }
  std::vector<std::unordered_map<std::string, int>> index(ncol);
  for (size_t c = 0; c < ncol; ++c)
    if (!numeric[c]) {
      Column& col = t.columns[c];
      col.type = ColumnType::Categorical;
      col.numbers.clear();
      col.numbers.shrink_to_fit();
      col.missing = 0;
      col.codes.reserve(t.rows);
    }
  for (size_t r = 1; r < rows.size(); ++r)
    for (size_t c = 0; c < ncol; ++c) {
      if (numeric[c]) continue;
      Column& col = t.columns[c];
      const Cell& cell = rows[r].cells[c];
      if (is_missing_token(cell)) {
        ++col.missing;
        col.codes.push_back(-1);
        continue;
      }
      const std::string v = cell.quoted ? cell.text : trim(cell.text);
      auto [it, fresh] = index[c].emplace(v, static_cast<int>(col.categories.size()));
      if (fresh) col.categories.push_back(v);
      col.codes.push_back(it->second);
    }
  return t;
}

Result<Table> read_table(const std::string& path, const CsvOptions& o) {
  Result<std::string> text = read_file(path);
  if (!text) return text.error();
  return parse_table(*text, path, o);
}

Table take_rows(const Table& t, const std::vector<int>& index) {
  Table out;
  out.source = t.source;
  out.rows = index.size();
  for (const Column& c : t.columns) {
    Column k;
    k.name = c.name;
    k.type = c.type;
    k.categories = c.categories;
    for (int r : index) {
      if (c.type == ColumnType::Numeric) k.numbers.push_back(c.numbers[static_cast<size_t>(r)]);
      else k.codes.push_back(c.codes[static_cast<size_t>(r)]);
      k.missing += c.is_missing(static_cast<size_t>(r));
    }
    out.columns.push_back(std::move(k));
  }
  return out;
}

}  // namespace attend::data
