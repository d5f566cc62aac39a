#include <doctest/doctest.h>

#include <string>

#include "views/gallery_view.h"

using namespace attend;

TEST_CASE("gallery lesson API: options set, read back, reset, and bad input named") {
  views::View v = views::make_gallery_view();
  CHECK(v.name == "gallery");
  CHECK(v.title == "Gallery");
  CHECK(!v.session);  // no model to train
  REQUIRE(v.configure("smoothing", Value(0.5)).ok());
  CHECK(*as_number(*v.query("smoothing")) == doctest::Approx(0.5));
  REQUIRE(v.configure("wireframe", Value(true)).ok());
  CHECK(*as_bool(*v.query("wireframe")));
  REQUIRE(v.configure("word", Value(std::string("tiger"))).ok());
  CHECK(*as_string(*v.query("word")) == "tiger");
  REQUIRE(v.configure("query", Value(3.0)).ok());
  CHECK(*as_number(*v.query("query")) == 3);

  const Status unknown = v.configure("colour", Value(1.0));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("'colour'") != std::string::npos);
  CHECK(unknown.error().message.find("smoothing") != std::string::npos);  // lists the known options
  CHECK_FALSE(v.configure("smoothing", Value(1.5)).ok());
  CHECK_FALSE(v.configure("query", Value(2.5)).ok());
  CHECK_FALSE(v.configure("wireframe", Value(2.0)).ok());
  CHECK_FALSE(v.configure("word", Value(std::string("zebra"))).ok());
  CHECK_FALSE(v.query("colour").has_value());

  v.reset();
  CHECK(*as_number(*v.query("smoothing")) == doctest::Approx(0.85));
  CHECK_FALSE(*as_bool(*v.query("wireframe")));
  CHECK(*as_string(*v.query("word")) == "cat");
}
