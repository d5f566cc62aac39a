// The lesson host over the shell's views: view(...) switches the shown view, set/query/highlight reach its
// configure/query, train.* and metric its session, errors come back to the lesson with file and line, each
// step starts from the lesson's view at its defaults, and progress is saved as the learner goes.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "app/lesson_host.h"
#include "app/shell.h"
#include "core/lesson/progress.h"
#include "core/train/session.h"
#include "support/temp_dir.h"

using namespace attend;
using namespace attend::app;

namespace {

struct Decay {
  double x = 1;
  double lr = 0.1;
};
struct DecaySnapshot {
  train::Progress progress;
};

std::unique_ptr<train::Session<Decay, DecaySnapshot>> make_session() {
  train::Session<Decay, DecaySnapshot>::Hooks h;
  h.reset = [](Decay& m, uint64_t) { m.x = 1; };
  h.step = [](Decay& m) {
    m.x *= 1 - m.lr;
    return train::StepReport{m.x * m.x, {}};
  };
  h.set = [](Decay& m, const std::string& name, double v) {
    if (name != "lr") return false;
    m.lr = v;
    return true;
  };
  return std::make_unique<train::Session<Decay, DecaySnapshot>>(Decay{}, h);
}

// A view with a key/value store, an optional session and a count of resets.
struct FakeView {
  std::map<std::string, Value> values;
  int resets = 0;
  std::unique_ptr<train::Session<Decay, DecaySnapshot>> session;
};

views::View make_fake(const std::string& name, std::shared_ptr<FakeView> f) {
  views::View v;
  v.name = name;
  v.title = name;
  v.configure = [f, name](const std::string& key, const Value& value) -> Status {
    if (key == "broken" || key == "highlight.nothing")
      return make_error("the view '" + name + "' has no option '" + key + "'; the options are a, b");
    f->values[key] = value;
    return Ok{};
  };
  v.query = [f](const std::string& key) -> std::optional<Value> {
    auto it = f->values.find(key);
    if (it == f->values.end()) return std::nullopt;
    return it->second;
  };
  v.reset = [f] {
    ++f->resets;
    f->values.clear();
  };
  if (f->session) v.session = [f]() -> train::Control* { return f->session.get(); };
  return v;
}

struct Fixture {
  Shell shell;
  std::shared_ptr<FakeView> plain = std::make_shared<FakeView>();
  std::shared_ptr<FakeView> trainer = std::make_shared<FakeView>();
  std::string dir = attend::testing::temp_dir("lesson-host");

  Fixture() {
    trainer->session = make_session();
    shell.views.push_back(make_fake("plain", plain));
    shell.views.push_back(make_fake("trainer", trainer));
  }
  ~Fixture() { std::filesystem::remove_all(dir); }

  std::string lesson_file(const std::string& name, const std::string& text) {
    const std::string path = dir + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  lesson::Runtime& rt() { return *shell.lesson->runtime; }
};

// Frames until `done` (two seconds at most): training runs on its own thread.
template <class F>
bool frames_until(lesson::Runtime& rt, F done) {
  const auto t0 = std::chrono::steady_clock::now();
  while (!done()) {
    if (std::chrono::steady_clock::now() - t0 > std::chrono::seconds(2)) return false;
    rt.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace

TEST_CASE("lesson host: set, query, highlight and train reach the shown view and its session") {
  Fixture fx;
  // Lines: 1 ---, 2 title, 3 view, 4 ---, 5 ## One, 6 ```lua, 7.. script
  const std::string path = fx.lesson_file("host.md",
                                          "---\ntitle: Host\nview: plain\n---\n## One\n```lua\n"
                                          "set('colour', 'red')\n"
                                          "assert(query('colour') == 'red')\n"
                                          "highlight('head', 2)\n"
                                          "view('trainer')\n"
                                          "train.set('lr', 0.5)\n"
                                          "train.reset(3)\n"
                                          "train.run()\n"
                                          "set('dataset', 'spiral')\n"
                                          "wait_until(function() return metric('loss') < 1e-6 end, 'Train until the loss is tiny')\n"
                                          "```\n## Two\nText.\n");
  REQUIRE(open_lesson(fx.shell, path).ok());
  lesson::Runtime& rt = fx.rt();
  CHECK(rt.errors().empty());
  CHECK(fx.plain->values["colour"] == Value(std::string("red")));
  CHECK(fx.plain->values["highlight.head"] == Value(2.0));
  CHECK(fx.shell.active == find_view(fx.shell, "trainer"));
  CHECK(fx.trainer->values["dataset"] == Value(std::string("spiral")));
  CHECK(!rt.can_next());
  CHECK(frames_until(rt, [&] { return rt.can_next(); }));
  CHECK(fx.trainer->session->progress()->seed == 3);
}

TEST_CASE("lesson host: errors name the lesson file and line, and list what exists") {
  Fixture fx;
  const std::string path = fx.lesson_file("errors.md",
                                          "---\ntitle: Errors\n---\n"
                                          "## No view\n```lua\nset('a', 1)\n```\n"            // line 6
                                          "## Unknown view\n```lua\nview('nowhere')\n```\n"    // line 10
                                          "## Bad key\n```lua\nview('plain')\nset('broken', true)\n```\n"  // line 15
                                          "## Query\n```lua\nview('plain')\nlocal v = query('missing')\n```\n"  // line 20
                                          "## Highlight\n```lua\nview('plain')\nhighlight('nothing')\n```\n"  // line 25
                                          "## Training\n```lua\nview('plain')\ntrain.run()\n```\n");  // line 30
  REQUIRE(open_lesson(fx.shell, path).ok());
  lesson::Runtime& rt = fx.rt();
  struct Want {
    int line;
    const char* text;
  };
  const Want wants[] = {{6, "call view(name) first"},
                        {10, "the views are plain, trainer"},
                        {15, "the options are a, b"},
                        {20, "has no value 'missing'"},
                        {25, "highlight.nothing"},
                        {30, "no training session"}};
  for (size_t i = 0; i < std::size(wants); ++i) {
    CAPTURE(i);
    if (i > 0) rt.enter(static_cast<int>(i));
    const std::vector<Error> e = rt.errors();
    REQUIRE(e.size() == 1);
    CHECK(e[0].path == path);
    CHECK(e[0].line == wants[i].line);
    CHECK(e[0].message.find(wants[i].text) != std::string::npos);
    CHECK(rt.can_next());  // an error never traps the learner
  }
}

TEST_CASE("lesson host: each step starts from the lesson's view at its defaults") {
  Fixture fx;
  const std::string path = fx.lesson_file("reset.md",
                                          "---\ntitle: Reset\nview: plain\n---\n"
                                          "## One\n```lua\nset('x', 1)\nview('trainer')\n```\n"
                                          "## Two\nNo script.\n");
  REQUIRE(open_lesson(fx.shell, path).ok());
  CHECK(fx.shell.active == 1);
  const int plain_resets = fx.plain->resets;
  fx.rt().frame();
  REQUIRE(fx.rt().next());
  CHECK(fx.shell.active == 0);            // back to the lesson's view
  CHECK(fx.plain->resets > plain_resets); // at its defaults
  CHECK(fx.plain->values.empty());
}

TEST_CASE("lesson host: progress is kept in the store and saved, a lesson reopens where it was left") {
  Fixture fx;
  fx.shell.progress_path = fx.dir + "/lessons.json";
  const std::string path = fx.lesson_file("progress.md",
                                          "---\ntitle: Progress\n---\n## One\nA.\n## Two\nB.\n"
                                          "```quiz\nquestion: Q?\n- [x] yes — right\n- [ ] no — wrong\n```\n## Three\nC.\n");
  REQUIRE(open_lesson(fx.shell, path).ok());
  fx.rt().frame();
  REQUIRE(fx.rt().next());
  fx.rt().choose(0);
  REQUIRE(fx.rt().submit());
  save_lesson_progress(fx.shell);
  close_lesson(fx.shell);
  CHECK(!fx.shell.lesson);

  auto loaded = lesson::ProgressStore::load(fx.shell.progress_path);
  REQUIRE(loaded.ok());
  const lesson::LessonProgress& p = loaded->store.lessons.at(lesson::lesson_key(path));
  CHECK(p.step == 1);
  CHECK(p.quizzes.at(1).submitted);

  fx.shell.progress = loaded->store;
  REQUIRE(open_lesson(fx.shell, path).ok());
  CHECK(fx.rt().index() == 1);
  CHECK(fx.rt().status().quiz.submitted);
  CHECK(progress_label(fx.shell, fx.rt().lesson()) == "2 of 3 steps");
  CHECK(progress_fraction(fx.shell, fx.rt().lesson()) == doctest::Approx(2.0 / 3.0));
}

TEST_CASE("lesson host: a lesson that does not parse is refused with its line, and nothing changes") {
  Fixture fx;
  const std::string good = fx.lesson_file("good.md", "---\ntitle: Good\n---\n## One\nA.\n");
  REQUIRE(open_lesson(fx.shell, good).ok());
  const std::string bad = fx.lesson_file("bad.md", "---\ntitle: Bad\ntopics: [99]\n---\n## One\n");
  const Status s = open_lesson(fx.shell, bad);
  REQUIRE(!s.ok());
  CHECK(s.error().line == 3);
  REQUIRE(fx.shell.lesson);
  CHECK(fx.shell.lesson->path == good);
}

TEST_CASE("home entries list lessons by topic with progress, the study deck and the labs") {
  Fixture fx;
  lesson::Lesson a;
  a.path = "/x/a.md";
  a.title = "Attention";
  a.topics = {2, 4};
  a.steps.resize(4);
  lesson::Lesson b;
  b.path = "/x/b.md";
  b.title = "Untopical";
  b.steps.resize(2);
  fx.shell.lessons = {b, a};
  lesson::LessonProgress p;
  p.passed = {0, 1};
  fx.shell.progress.lessons[lesson::lesson_key(a.path)] = p;
  const auto entries = home_entries(fx.shell);
  REQUIRE(entries.size() >= 4);
  CHECK(entries[0].title == "Attention");  // topic 2 comes before the lessons without topics
  CHECK(entries[0].group.find("2 · Self-attention") == 0);
  CHECK(entries[0].progress == doctest::Approx(0.5));
  CHECK(entries[0].badge == "2 of 4 steps");
  CHECK(entries[0].summary.find("Topics 2, 4") != std::string::npos);
  CHECK(entries[1].group == "Other lessons");
  CHECK(entries[1].target == "lesson:/x/b.md");
  int labs = 0;
  for (const auto& e : entries) labs += e.section == "Labs";
  CHECK(labs == 2);

  // The lesson left unfinished last time comes first, at the step where it was left.
  fx.shell.progress.lessons[lesson::lesson_key(a.path)].step = 2;
  fx.shell.last_lesson = a.path;
  const auto again = home_entries(fx.shell);
  CHECK(again[0].section == "Continue where you left off");
  CHECK(again[0].summary.rfind("Step 3 of 4", 0) == 0);
  CHECK(again.size() == entries.size() + 1);
}
