#include "core/embed/vectors_io.h"

#include <charconv>
#include <cmath>

#include "core/data/corpus_reader.h"
#include "core/util/files.h"

namespace attend::embed {

namespace {

struct Field {
  std::string_view text;
  int column;  // 1-based byte column of its first character
};

// Splits on any run of spaces/tabs (word2vec) or on single tabs (TSV, where empty fields count).
std::vector<Field> split(std::string_view line, bool tabs_only) {
  std::vector<Field> out;
  size_t i = 0;
  if (tabs_only) {
    size_t start = 0;
    for (;; ++i) {
      if (i == line.size() || line[i] == '\t') {
        out.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
        if (i == line.size()) break;
        start = i + 1;
      }
    }
    return out;
  }
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size()) break;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    out.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
  }
  return out;
}

bool parse_float(std::string_view s, float& out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  const char* end = s.data() + s.size();
  auto r = std::from_chars(s.data(), end, out);
  return r.ec == std::errc() && r.ptr == end && std::isfinite(out);
}

bool parse_int(std::string_view s, long long& out) {
  const char* end = s.data() + s.size();
  auto r = std::from_chars(s.data(), end, out);
  return r.ec == std::errc() && r.ptr == end;
}

std::string clip(std::string_view s) {
  return s.size() > 20 ? std::string(s.substr(0, 20)) + "..." : std::string(s);
}

void append_float(std::string& out, float v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);  // shortest form that reads back to the same float
  out.append(buf, r.ptr);
}

}  // namespace

Result<Embeddings> load_word2vec_text(const std::string& path) {
  Embeddings e;
  long long header_count = -1;
  Error error;
  bool failed = false;
  Status st = data::stream_lines(path, [&](std::string_view line, int64_t no) {
    const int line_no = static_cast<int>(no);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::vector<Field> f = split(line, false);
    if (f.empty()) return true;  // blank lines carry nothing
    if (no == 1 && f.size() == 2) {
      long long count = 0, dim = 0;
      if (parse_int(f[0].text, count) && parse_int(f[1].text, dim)) {
        if (count < 0 || dim <= 0) {
          error = make_error(path, line_no, 1, "the header must be '<count> <dimension>' with a positive dimension");
          failed = true;
          return false;
        }
        header_count = count;
        e.dim = static_cast<int>(dim);
        return true;
      }
    }
    if (e.dim == 0) e.dim = static_cast<int>(f.size()) - 1;
    if (e.dim <= 0) {
      error = make_error(path, line_no, 1, "expected a word followed by numbers");
      failed = true;
      return false;
    }
    if (static_cast<int>(f.size()) - 1 != e.dim) {
      const int col = static_cast<int>(f.size()) - 1 > e.dim ? f[e.dim + 1].column : static_cast<int>(line.size()) + 1;
      error = make_error(path, line_no, col,
                         "expected " + std::to_string(e.dim) + " numbers after the word, found " +
                             std::to_string(f.size() - 1));
      failed = true;
      return false;
    }
    for (int d = 0; d < e.dim; ++d) {
      float v = 0;
      if (!parse_float(f[d + 1].text, v)) {
        error = make_error(path, line_no, f[d + 1].column, "'" + clip(f[d + 1].text) + "' is not a finite number");
        failed = true;
        return false;
      }
      e.data.push_back(v);
    }
    e.labels.emplace_back(f[0].text);
    ++e.rows;
    return true;
  });
  if (!st) return st.error();
  if (failed) return error;
  if (e.rows == 0) return make_error(path, 0, 0, "no vectors in the file");
  if (header_count >= 0 && header_count != e.rows)
    return make_error(path, 1, 1, "the header says " + std::to_string(header_count) + " vectors but the file has " +
                                      std::to_string(e.rows));
  e.index_labels();
  return e;
}

Status save_word2vec_text(const Embeddings& e, const std::string& path) {
  std::string out = std::to_string(e.rows) + " " + std::to_string(e.dim) + "\n";
  for (int i = 0; i < e.rows; ++i) {
    out += i < static_cast<int>(e.labels.size()) && !e.labels[i].empty() ? e.labels[i] : "row" + std::to_string(i);
    for (int d = 0; d < e.dim; ++d) {
      out.push_back(' ');
      append_float(out, e.row(i)[d]);
    }
    out.push_back('\n');
  }
  return write_file_atomic(path, out);
}

Result<Embeddings> load_projector_tsv(const std::string& vectors_path, const std::string& metadata_path) {
  Embeddings e;
  Error error;
  bool failed = false;
  Status st = data::stream_lines(vectors_path, [&](std::string_view line, int64_t no) {
    const int line_no = static_cast<int>(no);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return true;
    const std::vector<Field> f = split(line, true);
    if (e.dim == 0) e.dim = static_cast<int>(f.size());
    if (static_cast<int>(f.size()) != e.dim) {
      error = make_error(vectors_path, line_no, 1,
                         "expected " + std::to_string(e.dim) + " tab-separated numbers, found " + std::to_string(f.size()));
      failed = true;
      return false;
    }
    for (const Field& x : f) {
      float v = 0;
      if (!parse_float(x.text, v)) {
        error = make_error(vectors_path, line_no, x.column, "'" + clip(x.text) + "' is not a finite number");
        failed = true;
        return false;
      }
      e.data.push_back(v);
    }
    ++e.rows;
    return true;
  });
  if (!st) return st.error();
  if (failed) return error;
  if (e.rows == 0) return make_error(vectors_path, 0, 0, "no vectors in the file");
  if (metadata_path.empty()) return e;

  std::vector<std::vector<std::string>> rows;
  int last_line = 0;
  st = data::stream_lines(metadata_path, [&](std::string_view line, int64_t no) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    last_line = static_cast<int>(no);
    std::vector<std::string> cells;
    for (const Field& x : split(line, true)) cells.emplace_back(x.text);
    rows.push_back(std::move(cells));
    return true;
  });
  if (!st) return st.error();
  while (!rows.empty() && rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();  // trailing blanks
  if (rows.empty()) return make_error(metadata_path, 0, 0, "the metadata file is empty");
  const size_t columns = rows[0].size();
  size_t first = 0;
  if (columns > 1) {
    e.metadata_columns = rows[0];
    first = 1;
  } else {
    e.metadata_columns = {"label"};
  }
  for (size_t r = first; r < rows.size(); ++r)
    if (rows[r].size() != columns)
      return make_error(metadata_path, static_cast<int>(r) + 1, 1,
                        "expected " + std::to_string(columns) + " tab-separated columns, found " +
                            std::to_string(rows[r].size()));
  const size_t n = rows.size() - first;
  if (n != static_cast<size_t>(e.rows))
    return make_error(metadata_path, last_line, 0,
                      "the metadata has " + std::to_string(n) + " rows but " + vectors_path + " has " +
                          std::to_string(e.rows) + " vectors" + (columns > 1 ? " (the first line is the header)" : ""));
  for (size_t r = first; r < rows.size(); ++r) {
    e.labels.push_back(rows[r][0]);
    e.metadata.push_back(rows[r]);
  }
  e.index_labels();
  return e;
}

Status save_projector_tsv(const Embeddings& e, const std::string& vectors_path, const std::string& metadata_path) {
  std::string v;
  for (int i = 0; i < e.rows; ++i) {
    for (int d = 0; d < e.dim; ++d) {
      if (d) v.push_back('\t');
      append_float(v, e.row(i)[d]);
    }
    v.push_back('\n');
  }
  Status st = write_file_atomic(vectors_path, v);
  if (!st || metadata_path.empty()) return st;
  std::string m;
  const bool extra = e.metadata_columns.size() > 1 && e.metadata.size() == static_cast<size_t>(e.rows);
  if (extra) {
    for (size_t c = 0; c < e.metadata_columns.size(); ++c) m += (c ? "\t" : "") + e.metadata_columns[c];
    m.push_back('\n');
  }
  for (int i = 0; i < e.rows; ++i) {
    if (extra) {
      for (size_t c = 0; c < e.metadata[i].size(); ++c) m += (c ? "\t" : "") + e.metadata[i][c];
    } else {
      m += i < static_cast<int>(e.labels.size()) ? e.labels[i] : std::string();
    }
    m.push_back('\n');
  }
  return write_file_atomic(metadata_path, m);
}

Status save_projection_csv(const std::string& path, const std::vector<std::string>& labels,
                           const std::vector<float>& coords, int dims, const std::vector<int>& clusters) {
  const size_t n = dims > 0 ? coords.size() / dims : 0;
  if (dims < 1 || coords.size() != n * dims) return make_error(path, 0, 0, "coordinates are not rows x dims");
  if (!clusters.empty() && clusters.size() != n) return make_error(path, 0, 0, "one cluster per point is needed");
  auto quote = [](const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  static const char* kAxis[] = {"x", "y", "z"};
  std::string out = "label";
  for (int d = 0; d < dims; ++d) {
    out.push_back(',');
    out += d < 3 ? std::string(kAxis[d]) : "c" + std::to_string(d);
  }
  if (!clusters.empty()) out += ",cluster";
  out.push_back('\n');
  for (size_t i = 0; i < n; ++i) {
    out += quote(i < labels.size() ? labels[i] : std::to_string(i));
    for (int d = 0; d < dims; ++d) {
      out.push_back(',');
      append_float(out, coords[i * dims + d]);
    }
    if (!clusters.empty()) out += "," + std::to_string(clusters[i]);
    out.push_back('\n');
  }
  return write_file_atomic(path, out);
}

}  // namespace attend::embed
