// Headless screenshots of the embeddings lab on the default corpus: the panels are laid out inside the
// window at 1280 x 800 and beside a lesson (790 x 760), the map is drawn in the cluster colours, the
// neighbour list and the search columns are written. The view reports its panels (ATTEND_EMBEDDINGS_LAYOUT),
// so no pixel position is hard-coded.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/png_check.h"
#include "support/run_attend.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace attend::testing;
using Image = Png;

namespace {

// Runs the app headless on the embeddings view with its layout written to DIR/layout.txt.
int run_view(const std::string& dir, const std::string& args) {
  return run_attend(dir, "--view embeddings --frames 3 " + args, "ATTEND_EMBEDDINGS_LAYOUT='" + dir + "/layout.txt'");
}

// Pixels far from the rectangle's own dominant (background) colour: text, bars, points.
int ink(const Image& img, const Rect& r) {
  std::map<int, int> hist;
  for (int y = r.y0; y < r.y1; y += 2)
    for (int x = r.x0; x < r.x1; x += 2) {
      const Rgb c = img.at(x, y);
      ++hist[(c.r >> 3) << 10 | (c.g >> 3) << 5 | (c.b >> 3)];
    }
  int key = 0, best = -1;
  for (auto [k, n] : hist)
    if (n > best) best = n, key = k;
  const Rgb bg{(key >> 10 & 31) << 3, (key >> 5 & 31) << 3, (key & 31) << 3};
  int n = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) n += distance(img.at(x, y), bg) > 90;
  return n;
}

void check_inside(const Image& img, const std::map<std::string, Panel>& layout, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    CAPTURE(name);
    REQUIRE(layout.count(name) == 1);
    const Panel& p = layout.at(name);
    CHECK((p.panel.x0 >= 0 && p.panel.y0 >= 0 && p.panel.x1 <= img.width && p.panel.y1 <= img.height));
    CHECK((p.area.x0 >= p.panel.x0 && p.area.y0 >= p.panel.y0 && p.area.x1 <= p.panel.x1 && p.area.y1 <= p.panel.y1));
    CHECK(p.panel.w() >= 200);
    CHECK(p.panel.h() >= 150);
  }
}

bool overlap(const Rect& a, const Rect& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

}  // namespace

TEST_CASE("headless embeddings view at 1280 x 800: three columns, the start map in cluster colours") {
  const std::string dir = temp_dir("wide");
  REQUIRE_MESSAGE(run_view(dir, "--theme dark") == 0, read_text(dir + "/run.log"));
  const Image img = load_png(dir + "/embeddings.png");
  CHECK(img.width == 1280);
  const auto layout = read_panels(dir + "/layout.txt");
  check_inside(img, layout, {"training", "projection", "neighbours", "curves"});
  const std::vector<std::string> names = {"training", "projection", "neighbours", "curves"};
  for (size_t i = 0; i < names.size(); ++i)
    for (size_t j = i + 1; j < names.size(); ++j) CHECK_FALSE(overlap(layout.at(names[i]).panel, layout.at(names[j]).panel));
  // The map: 5,000 words coloured by their k-means cluster, so the theme's categorical colours are all there.
  const Rect map = layout.at("projection").area;
  CHECK(map.w() >= 250);
  CHECK(map.h() >= 250);
  for (const Rgb& c : {Rgb{86, 180, 233}, Rgb{230, 159, 0}, Rgb{0, 158, 115}, Rgb{204, 121, 167}, Rgb{240, 228, 66}})
    CHECK(count_near(img, map, c, 40) > 30);
  // The corpus and method are described in the training column.
  CHECK(ink(img, layout.at("training").panel) > 3000);
  fs::remove_all(dir);
}

TEST_CASE("headless embeddings view beside a lesson (790 x 760, light): two columns, neighbours and analogy written") {
  const std::string dir = temp_dir("narrow");
  REQUIRE_MESSAGE(run_view(dir, "--theme light --size 790x760 --set projection=pca --set word=software "
                                "--set 'analogy=his - he + she'") == 0,
                  read_text(dir + "/run.log"));
  const Image img = load_png(dir + "/embeddings.png");
  CHECK(img.width == 790);
  CHECK(img.height == 760);
  const auto layout = read_panels(dir + "/layout.txt");
  check_inside(img, layout, {"training", "projection", "neighbours"});
  CHECK(layout.count("curves") == 0);  // no room: the training column draws its own small plot
  const Rect proj = layout.at("projection").panel, nb = layout.at("neighbours").panel;
  CHECK(nb.y0 >= proj.y1);  // the neighbours under the map
  CHECK(layout.at("training").panel.x1 <= proj.x0);
  // Light theme: the map's background is light.
  const Rect map = layout.at("projection").area;
  CHECK(luminance(img.at(map.x0 + 2, map.y0 + 2)) > 200);
  // Ten neighbours of 'software' and the analogy's answers, each with a bar and a value.
  CHECK(ink(img, nb) > 4000);
  fs::remove_all(dir);
}

TEST_CASE("headless embeddings search tab: three rankings, the explanation and the prompt") {
  const std::string dir = temp_dir("search");
  REQUIRE_MESSAGE(run_view(dir, "--theme dark --set tab=search --set search_source=notes") == 0, read_text(dir + "/run.log"));
  const Image img = load_png(dir + "/embeddings.png");
  const auto layout = read_panels(dir + "/layout.txt");
  check_inside(img, layout, {"search"});
  const Rect area = layout.at("search").panel;
  // Three columns of ranked cards: text across the whole width of the upper part.
  const int third = area.w() / 3;
  for (int c = 0; c < 3; ++c) {
    CAPTURE(c);
    CHECK(ink(img, {area.x0 + c * third, area.y0 + 40, area.x0 + (c + 1) * third, area.y0 + area.h() / 2}) > 2000);
  }
  // The prompt preview (lower right) holds text.
  CHECK(ink(img, {area.x0 + area.w() / 2, area.y1 - area.h() / 4, area.x1, area.y1}) > 1000);
  fs::remove_all(dir);
}
