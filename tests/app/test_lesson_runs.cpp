// Every lesson in lessons/ runs headless (attend --headless --lesson FILE): one PNG per step, none blank, no
// script or check error. The folder is read when the test runs, so lessons added later are covered
// without touching this file. Also: a failing script makes the run fail with its file and line, and the
// lesson panel and study view screenshots are checked pixel by pixel (math, a table, code, a quiz's
// feedback, unknown macros in their colour, a Cyrillic card).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <vector>

#include "core/lesson/lesson.h"
#include "core/util/paths.h"
#include "support/png_check.h"
#include "support/run_attend.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace attend;
using namespace attend::testing;

namespace {

std::vector<std::string> lesson_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(lessons_dir()))
    if (e.path().extension() == ".md" && e.path().filename() != "README.md") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string showcase() { return std::string(ATTEND_TEST_DATA_DIR) + "/lessons/showcase.md"; }

}  // namespace

TEST_CASE("every lesson in lessons/ runs headless: a PNG per step, none blank, no errors") {
  const std::vector<std::string> files = lesson_files();
  REQUIRE_MESSAGE(!files.empty(), "no lessons in " << lessons_dir());
  struct Run {
    std::string file, stem, dir;
    size_t steps = 0;
    int rc = -1;
  };
  std::vector<Run> runs;
  for (const std::string& file : files) {
    Result<lesson::Lesson> l = lesson::load_lesson(file);
    REQUIRE_MESSAGE(l.ok(), (l.ok() ? "" : l.error().to_string()));
    Run r;
    r.file = file;
    r.stem = fs::path(file).stem().string();
    r.dir = temp_dir("lesson-run-" + r.stem);
    r.steps = l->steps.size();
    runs.push_back(std::move(r));
  }
  // Two at a time (CI has two cores; most of a run is the software renderer). Few frames per step: a step
  // moves on as soon as its checks pass, so the budget bounds only the steps that wait for a person.
  for (size_t i = 0; i < runs.size(); i += 2) {
    std::vector<std::future<int>> jobs;
    for (size_t j = i; j < std::min(runs.size(), i + 2); ++j)
      jobs.push_back(std::async(std::launch::async, [&r = runs[j]] {
        return run_attend(r.dir, "--lesson '" + r.file + "' --frames 8 --size 960x600");
      }));
    for (size_t j = i; j < std::min(runs.size(), i + 2); ++j) runs[j].rc = jobs[j - i].get();
  }
  for (const Run& r : runs) {
    CAPTURE(r.file);
    CHECK_MESSAGE(r.rc == 0, read_text(r.dir + "/run.log"));
    for (size_t i = 0; i < r.steps; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "-step-%02zu.png", i + 1);
      const std::string png = r.dir + "/" + r.stem + name;
      CAPTURE(png);
      REQUIRE(fs::exists(png));
      const Png img = load_png(png);
      CHECK(img.width == 960);
      CHECK(img.height == 600);
      const Rect left{0, 40, img.width * 3 / 10, img.height - 50};
      CHECK(ink_fraction(img, left) > 0.01);                         // the panel has text
      CHECK(luminance_sd(img, {0, 0, img.width, img.height}) > 12);  // and the window is not a flat fill
    }
    char extra[32];
    std::snprintf(extra, sizeof extra, "-step-%02zu.png", r.steps + 1);
    CHECK(!fs::exists(r.dir + "/" + r.stem + extra));  // exactly one PNG per step
    fs::remove_all(r.dir);
  }
}

TEST_CASE("a headless lesson run fails on a script error and prints its file and line") {
  const std::string dir = temp_dir("lesson-run-error");
  const std::string lesson = dir + "/broken.md";
  std::ofstream(lesson) << "---\ntitle: Broken\n---\n## One\nText.\n```lua\nview('no-such-view')\n```\n## Two\nFine.\n";
  const int rc = run_attend(dir, "--lesson '" + lesson + "' --frames 5");
  const std::string log = read_text(dir + "/run.log");
  CHECK(rc == 1);
  CHECK_MESSAGE(log.find("broken.md:7: there is no view 'no-such-view'") != std::string::npos, log);
  CHECK(fs::exists(dir + "/broken-step-01.png"));
  CHECK(fs::exists(dir + "/broken-step-02.png"));  // the run goes on to the end

  std::ofstream(lesson) << "---\ntitle: Bad\ntopics: [77]\n---\n## One\n";
  CHECK(run_attend(dir, "--lesson '" + lesson + "' --frames 5") == 2);
  CHECK(read_text(dir + "/run.log").find("broken.md:3") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("lesson panel screenshot: prose, display math, a table, code and the answered quiz") {
  const std::string dir = temp_dir("lesson-panel");
  const std::string layout_path = dir + "/layout.txt";
  REQUIRE_MESSAGE(run_attend(dir, "--lesson '" + showcase() + "' --frames 10 --theme dark",
                             "ATTEND_LESSON_LAYOUT='" + layout_path + "'") == 0,
                  read_text(dir + "/run.log"));
  const auto layout = read_layout(layout_path);
  REQUIRE(layout.count("lesson") == 1);
  REQUIRE(layout.count("view") == 1);
  const Png img = load_png(dir + "/showcase-step-01.png");
  const Rect panel = layout.at("lesson");
  const Rect view = layout.at("view");
  CHECK(panel.x0 == 0);
  CHECK(panel.w() > 300);
  CHECK(view.x0 > panel.x1);
  // Text fills the panel without turning it into a block.
  const double ink = ink_fraction(img, panel);
  CHECK(ink > 0.03);
  CHECK(ink < 0.35);
  // The answered quiz: the right choice tinted green, "✓" and "Right." in the theme's green (80, 200, 120).
  int tinted = 0;
  for (int y = panel.y0; y < panel.y1; ++y)
    for (int x = panel.x0; x < panel.x1; ++x) {
      const Rgb c = img.at(x, y);
      tinted += c.g > c.r + 12 && c.g > c.b + 4 && c.g < 120;
    }
  CHECK(tinted > 3000);
  CHECK(count_near(img, panel, Rgb{80, 200, 120}, 60) > 40);
  // The unknown macro \frobnicate stays visible, in the warning colour (240, 180, 60).
  CHECK(count_near(img, panel, Rgb{240, 180, 60}, 70) > 40);
  // The code block and the table are shaded boxes: the frame colour (46, 51, 61) over a good area.
  CHECK(count_near(img, panel, Rgb{46, 51, 61}, 12) > 8000);
  // The gallery beside it is drawn.
  CHECK(distinct_colours(img, view) > 60);

  // Step 2 shows the study view with a Cyrillic card.
  const Png second = load_png(dir + "/showcase-step-02.png");
  CHECK(ink_fraction(second, view) > 0.02);
  fs::remove_all(dir);
}

TEST_CASE("study view screenshot: a Cyrillic card with math in Browse, the rating buttons in Review") {
  const std::string dir = temp_dir("study-shot");
  const std::string layout_path = dir + "/layout.txt";
  REQUIRE_MESSAGE(run_attend(dir, "--view notes --frames 4 --set 'card=Adam моментом'",
                             "ATTEND_STUDY_LAYOUT='" + layout_path + "'") == 0,
                  read_text(dir + "/run.log"));
  auto layout = read_layout(layout_path);
  REQUIRE(layout.count("card") == 1);
  const Png browse = load_png(dir + "/notes.png");
  const Rect card = layout.at("card");
  CHECK(card.w() > 400);
  const double ink = ink_fraction(browse, {card.x0 + 2, card.y0 + 2, card.x1 - 2, card.y0 + 220});
  CHECK(ink > 0.03);
  CHECK(ink < 0.4);

  REQUIRE_MESSAGE(run_attend(dir, "--view notes --frames 4 --set reveal=true --theme light",
                             "ATTEND_STUDY_LAYOUT='" + layout_path + "'") == 0,
                  read_text(dir + "/run.log"));
  layout = read_layout(layout_path);
  REQUIRE(layout.count("card") == 1);
  const Png review = load_png(dir + "/notes.png");
  const Rect r = layout.at("card");
  // The four rating buttons' borders in the light palette's bad, warning, good and accent colours.
  const Rect buttons{r.x0, r.y1 - 60, r.x1, r.y1};
  for (const Rgb& c : {Rgb{200, 40, 40}, Rgb{190, 120, 0}, Rgb{20, 140, 70}, Rgb{40, 110, 210}}) {
    CAPTURE(c.r);
    CHECK(count_near(review, buttons, c, 40) > 100);
  }
  CHECK(luminance(review.at(r.x0 + 2, r.y0 + 2)) > 200);  // light theme
  fs::remove_all(dir);
}
