#include <doctest/doctest.h>

#include "core/data/table.h"
#include "core/experiments/house_prices.h"
#include "core/util/files.h"

using namespace attend;

TEST_CASE("assets/data/houses.csv is exactly what the documented formula generates") {
  const std::string path = std::string(ATTEND_ASSETS_DIR) + "/data/houses.csv";
  Result<std::string> file = read_file(path);
  REQUIRE_MESSAGE(file.ok(), path);
  CHECK(*file == experiments::make_houses_csv());
}

TEST_CASE("houses.csv reads as numeric and categorical columns with a few missing cells") {
  const data::Table t = data::parse_table(experiments::make_houses_csv(), "houses.csv").value();
  CHECK(t.rows == 600);
  CHECK(t.columns[t.find("neighbourhood")].type == data::ColumnType::Categorical);
  CHECK(t.columns[t.find("neighbourhood")].categories.size() == 5);
  CHECK(t.columns[t.find("price_k")].type == data::ColumnType::Numeric);
  CHECK(t.columns[t.find("price_k")].missing == 0);
  size_t missing = 0;
  for (const data::Column& c : t.columns) missing += c.missing;
  CHECK(missing > 30);
  CHECK(missing < 100);
  CHECK(experiments::make_houses_csv(50, 1) != experiments::make_houses_csv(50, 2));
}
