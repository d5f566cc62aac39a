#include "core/data/points_csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "core/util/files.h"

namespace attend::data {

namespace {
// The fields of one line, with the 1-based column where each starts.
struct Field {
  std::string text;
  int column;
};

std::vector<Field> split_line(const std::string& line) {
  std::vector<Field> out;
  size_t start = 0;
  for (;;) {
    const size_t comma = line.find(',', start);
    const size_t end = comma == std::string::npos ? line.size() : comma;
    std::string f = line.substr(start, end - start);
    size_t a = 0, b = f.size();
    while (a < b && (f[a] == ' ' || f[a] == '\t')) ++a;
    while (b > a && (f[b - 1] == ' ' || f[b - 1] == '\t' || f[b - 1] == '\r')) --b;
    out.push_back(Field{f.substr(a, b - a), static_cast<int>(start + a + 1)});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}
}  // namespace

Result<Points2D> parse_points_csv(const std::string& text, const std::string& path) {
  Points2D pts;
  size_t pos = 0;
  int line_no = 0;
  bool header_seen = false;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::vector<Field> fields = split_line(line);
    if (fields.size() == 1 && fields[0].text.empty()) continue;  // blank line
    if (!header_seen) {
      header_seen = true;
      if (fields.size() != 3 || fields[0].text != "x" || fields[1].text != "y" || fields[2].text != "label")
        return make_error(path, line_no, 1, "expected the header 'x,y,label'");
      continue;
    }
    if (fields.size() != 3)
      return make_error(path, line_no, 1, "expected 3 fields (x,y,label), found " + std::to_string(fields.size()));
    double v[3];
    for (int k = 0; k < 3; ++k) {
      const Field& f = fields[static_cast<size_t>(k)];
      char* end = nullptr;
      errno = 0;
      v[k] = std::strtod(f.text.c_str(), &end);
      if (f.text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v[k]))
        return make_error(path, line_no, f.column, "'" + f.text + "' is not a finite number");
    }
    pts.xy.push_back(static_cast<float>(v[0]));
    pts.xy.push_back(static_cast<float>(v[1]));
    pts.label.push_back(static_cast<float>(v[2]));
  }
  if (!header_seen) return make_error(path, 0, 0, "the file is empty (expected the header 'x,y,label')");
  if (pts.label.empty()) return make_error(path, 0, 0, "no data rows after the header");
  return pts;
}

Result<Points2D> read_points_csv(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text) return text.error();
  return parse_points_csv(text.value(), path);
}

Points2D to_points(const std::vector<Point2>& points) {
  Points2D out;
  out.xy.reserve(points.size() * 2);
  out.label.reserve(points.size());
  for (const Point2& p : points) {
    out.xy.push_back(static_cast<float>(p.x));
    out.xy.push_back(static_cast<float>(p.y));
    out.label.push_back(static_cast<float>(p.label));
  }
  return out;
}

Points2D make_spiral(int points, double noise, uint64_t seed) {
  return to_points(make_toy2d(Toy2DKind::Spiral, points, noise, seed));
}

}  // namespace attend::data
