// The curves view: runs of every registered trainer (the playground's sessions, the attention lab's),
// archived runs after a reset, metrics any run recorded, and its options checked.
#include <doctest/doctest.h>

#include <string>

#include "core/train/session.h"
#include "views/curves_view.h"
#include "views/attention_view.h"
#include "views/playground_view.h"

using namespace attend;

TEST_CASE("curves view lists every run of every registered trainer") {
  views::View curves = views::make_curves_view();
  CHECK(curves.name == "curves");
  const double before = *as_number(*curves.query("runs"));
  {
    views::View playground = views::make_playground_view();
    train::Control* s = playground.session();  // creates the lab, which registers its sessions
    REQUIRE((s != nullptr));
    s->step(30);
    s->wait_idle();
    s->reset(2);  // the first run is archived, a second starts
    s->step(10);
    s->wait_idle();
    const double runs = *as_number(*curves.query("runs"));
    CHECK(runs >= before + 2);
    const std::string names = *as_string(*curves.query("names"));
    CHECK(names.find("playground run 1") != std::string::npos);
    CHECK(names.find("playground run 2 (now)") != std::string::npos);
    const std::string metrics = *as_string(*curves.query("metrics"));
    CHECK(metrics.find("test_loss") != std::string::npos);
    REQUIRE(curves.configure("source", Value(std::string("playground"))).ok());
    CHECK(*as_number(*curves.query("runs")) == 2);
    REQUIRE(curves.configure("metric", Value(std::string("train_loss, test_loss"))).ok());
    REQUIRE(curves.configure("smoothing", Value(0.8)).ok());
    CHECK_FALSE(curves.configure("smoothing", Value(1.5)).ok());
    CHECK_FALSE(curves.configure("colour", Value(true)).ok());
  }
  // The playground's lab is gone: its sessions are no longer listed.
  CHECK(*as_number(*curves.query("runs")) == 0);
}

TEST_CASE("curves view lists the attention lab's runs while the lab exists") {
  views::View curves = views::make_curves_view();
  {
    views::View attention = views::make_attention_view();
    train::Control* s = attention.session();  // creates the lab, which registers its session
    REQUIRE((s != nullptr));
    s->step(3);
    s->wait_idle();
    const std::string names = *as_string(*curves.query("names"));
    CHECK(names.find("attention lab run 1 (now)") != std::string::npos);
    REQUIRE(curves.configure("source", Value(std::string("attention lab"))).ok());
    CHECK(*as_number(*curves.query("runs")) == 1);
    CHECK(as_string(*curves.query("metrics"))->find("loss") != std::string::npos);
  }
  CHECK(*as_number(*curves.query("runs")) == 0);
}
