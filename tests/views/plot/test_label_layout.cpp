#include <doctest/doctest.h>

#include <vector>

#include "core/util/rng.h"
#include "views/plot/label_layout.h"

using namespace attend::views::plot;

namespace {
bool overlap(ImVec2 a, ImVec2 as, ImVec2 b, ImVec2 bs) {
  return a.x < b.x + bs.x && b.x < a.x + as.x && a.y < b.y + bs.y && b.y < a.y + as.y;
}
}  // namespace

TEST_CASE("labels are placed without overlaps, inside the bounds, most important first") {
  attend::SplitMix64 rng(3);
  std::vector<LabelRequest> req;
  for (int i = 0; i < 400; ++i)
    req.push_back({ImVec2(static_cast<float>(rng.uniform(20, 380)), static_cast<float>(rng.uniform(10, 290))),
                   ImVec2(static_cast<float>(rng.uniform(20, 60)), 12), static_cast<float>(i % 37), false});
  req[123].priority = 1000;  // the selected point
  req[123].must = true;
  const auto placed = place_labels(req, ImVec2(0, 0), ImVec2(400, 300), 3, 3);
  REQUIRE(placed.size() == req.size());
  int shown = 0;
  for (size_t i = 0; i < placed.size(); ++i) {
    if (!placed[i].shown) continue;
    ++shown;
    const ImVec2 p = placed[i].pos, s = req[i].size;
    CHECK((p.x >= 0 && p.y >= 0 && p.x + s.x <= 400.5f && p.y + s.y <= 300.5f));
    for (size_t j = i + 1; j < placed.size(); ++j)
      if (placed[j].shown) CHECK_FALSE(overlap(p, s, placed[j].pos, req[j].size));
  }
  CHECK(placed[123].shown);
  CHECK(shown > 40);    // a crowded plot still gets many labels
  CHECK(shown < 400);   // ...but not all of them
}

TEST_CASE("a lone label goes to the right of its point, and at the edge it flips left") {
  std::vector<LabelRequest> req = {{ImVec2(100, 100), ImVec2(30, 10), 0, false}, {ImVec2(395, 200), ImVec2(30, 10), 0, false}};
  const auto placed = place_labels(req, ImVec2(0, 0), ImVec2(400, 300), 3, 2);
  REQUIRE(placed[0].shown);
  CHECK(placed[0].pos.x > 100);
  CHECK(placed[0].pos.y == doctest::Approx(95));  // vertically centred on the point
  REQUIRE(placed[1].shown);
  CHECK(placed[1].pos.x + 30 < 395);
}

TEST_CASE("labels do not cover other labelled points") {
  // Two points close together horizontally: the first label may not sit on the second point.
  std::vector<LabelRequest> req = {{ImVec2(100, 100), ImVec2(40, 10), 1, false}, {ImVec2(115, 100), ImVec2(40, 10), 0, false}};
  const auto placed = place_labels(req, ImVec2(0, 0), ImVec2(400, 300), 3, 3);
  REQUIRE(placed[0].shown);
  const ImVec2 p = placed[0].pos;
  CHECK_FALSE((115 + 3 > p.x && 115 - 3 < p.x + 40 && 100 + 3 > p.y && 100 - 3 < p.y + 10));
}
