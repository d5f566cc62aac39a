// Learning paradigms (topic 15): clustering finds the gaussians but not the circle, noisy and coarse labels
// cost accuracy, consistency training uses unlabelled points, active learning's bookkeeping.
#include <doctest/doctest.h>

#include "core/experiments/paradigms.h"

using namespace attend;
using namespace attend::experiments;

namespace {
ParadigmSetup quick(const char* dataset) {
  ParadigmSetup s;
  s.dataset = dataset;
  s.steps = 1500;
  s.grid_res = 12;
  return s;
}
}  // namespace

TEST_CASE("paradigms: k-means recovers the gaussians' classes but not the circle's") {
  const Paradigms g = run_paradigms(quick("gauss"));
  CHECK(g.clustering.purity > 0.95);
  CHECK(g.supervised.test_accuracy > 0.95);
  const Paradigms c = run_paradigms(quick("circle"));
  CHECK(c.clustering.purity < 0.75);
  CHECK(c.supervised.test_accuracy > 0.9);
  CHECK(c.supervised.grid.size() == 144);
}

TEST_CASE("paradigms: weak labels are wrong as often as asked, and the active-learning rounds add labels") {
  const Paradigms p = run_paradigms(quick("circle"));
  CHECK(p.weak.noisy_wrong == doctest::Approx(0.3).epsilon(0.25));
  CHECK(p.weak.coarse_wrong > 0);
  CHECK(p.weak.clean.test_accuracy >= p.weak.coarse.test_accuracy - 0.02);
  CHECK(p.semi.labelled_index.size() == 8);
  CHECK(p.semi.supervised_only.labels_used == 8);
  REQUIRE(p.active.labels.size() == 11);
  CHECK(p.active.labels.front() == 4);
  CHECK(p.active.labels.back() == 44);
  CHECK(p.active.accuracy_uncertain.size() == 11);
  CHECK(p.active.accuracy_random.size() == 11);
  CHECK(p.active.picked_uncertain.size() == 40);
}
