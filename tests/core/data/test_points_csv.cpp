#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "core/data/points_csv.h"
#include "core/util/files.h"

using namespace attend;
using namespace attend::data;

namespace {
std::string shared_dir() {
  const char* env = std::getenv("ATTEND_SHARED_DIR");
  return env ? env : ATTEND_SHARED_DIR_DEFAULT;
}
}  // namespace

TEST_CASE("points CSV: values, and bad input reported with file, line and column") {
  Result<Points2D> ok = parse_points_csv("x,y,label\n1.5,-2,1\n\n0.25, 3e-1 ,-1\n", "p.csv");
  REQUIRE(ok);
  CHECK(ok->size() == 2);
  CHECK(ok->xy[3] == doctest::Approx(0.3));
  CHECK(ok->label[1] == -1.f);

  Result<Points2D> bad_header = parse_points_csv("a,b\n1,2\n", "p.csv");
  REQUIRE_FALSE(bad_header);
  CHECK(bad_header.error().to_string() == "p.csv:1:1: expected the header 'x,y,label'");
  Result<Points2D> bad_value = parse_points_csv("x,y,label\n1,2,1\n1,abc,1\n", "p.csv");
  REQUIRE_FALSE(bad_value);
  CHECK(bad_value.error().line == 3);
  CHECK(bad_value.error().column == 3);
  CHECK(bad_value.error().message == "'abc' is not a finite number");
  Result<Points2D> short_row = parse_points_csv("x,y,label\n1,2\n", "p.csv");
  REQUIRE_FALSE(short_row);
  CHECK(short_row.error().line == 2);
  CHECK_FALSE(parse_points_csv("", "e.csv"));
  CHECK_FALSE(parse_points_csv("x,y,label\n", "e.csv"));
  Result<Points2D> missing = read_points_csv("/nonexistent/spiral.csv");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().path == "/nonexistent/spiral.csv");
}

TEST_CASE("make_spiral reproduces the bench's spiral_500.csv") {
  const Points2D made = make_spiral(500, 0.1, 2016);
  CHECK(made.size() == 500);
  int positive = 0;
  for (float l : made.label) positive += l > 0;
  CHECK(positive == 250);
  const std::string path = shared_dir() + "/bench/data/spiral_500.csv";
  if (!file_exists(path)) {
    MESSAGE("skipping the comparison: " << path << " is not present");
    return;
  }
  Result<Points2D> read = read_points_csv(path);
  REQUIRE(read);
  REQUIRE(read->size() == 500);
  CHECK(read->xy == made.xy);
  CHECK(read->label == made.label);
}
