#include <doctest/doctest.h>

#include "core/notes/fsrs.h"

using namespace attend::notes;

namespace {
constexpr int64_t kDay = 86400;
constexpr int64_t t0 = 1'700'000'000;
}  // namespace

TEST_CASE("fsrs: the forgetting curve and intervals") {
  // By definition stability is the time for recall probability to fall to 90%.
  CHECK(retrievability(10.0, 10.0) == doctest::Approx(0.9));
  CHECK(retrievability(0.0, 10.0) == doctest::Approx(1.0));
  CHECK(retrievability(30.0, 10.0) < retrievability(20.0, 10.0));
  FsrsParams p;
  CHECK(interval_days(10.0, p) == 10);
  CHECK(interval_days(0.2, p) == 1);  // at least a day
  p.desired_retention = 0.95;
  CHECK(interval_days(10.0, p) < 10);
  p.desired_retention = 0.8;
  CHECK(interval_days(10.0, p) > 10);
  p.max_interval_days = 30;
  CHECK(interval_days(1000.0, p) == 30);
}

TEST_CASE("fsrs: memory-state formulas match values computed by hand from the published equations") {
  FsrsParams p;
  CHECK(initial_stability(Rating::Good, p) == doctest::Approx(3.173));
  CHECK(initial_difficulty(Rating::Again, p) == doctest::Approx(7.1949));
  CHECK(initial_difficulty(Rating::Good, p) == doctest::Approx(5.2824344223));
  CHECK(initial_difficulty(Rating::Easy, p) == doctest::Approx(3.2245015894));
  CHECK(next_difficulty(initial_difficulty(Rating::Good, p), Rating::Good, p) == doctest::Approx(5.2729679313));
  CHECK(next_difficulty(initial_difficulty(Rating::Good, p), Rating::Again, p) == doctest::Approx(8.1803322513));
  CHECK(recall_stability(5.0, 10.0, 0.9, Rating::Good, p) == doctest::Approx(32.9542639925));
  CHECK(forget_stability(5.0, 10.0, 0.9, p) == doctest::Approx(2.1076962577));
  CHECK(short_term_stability(3.173, Rating::Good, p) == doctest::Approx(4.4668580644));
  // Hard < Good < Easy after a successful review; forgetting never raises stability.
  const double hard = recall_stability(5.0, 10.0, 0.8, Rating::Hard, p);
  const double good = recall_stability(5.0, 10.0, 0.8, Rating::Good, p);
  const double easy = recall_stability(5.0, 10.0, 0.8, Rating::Easy, p);
  CHECK(hard < good);
  CHECK(good < easy);
  CHECK(forget_stability(5.0, 10.0, 0.8, p) < 10.0);
  CHECK(next_difficulty(9.9, Rating::Again, p) <= 10.0);
  CHECK(next_difficulty(1.0, Rating::Easy, p) >= 1.0);
}

TEST_CASE("fsrs: a new card goes through learning steps, then days") {
  Schedule s;
  s = review(s, Rating::Good, t0);
  CHECK(s.state == CardState::Learning);
  CHECK(s.step == 1);
  CHECK(s.due == t0 + 600);  // the second learning step: 10 minutes
  CHECK(s.stability == doctest::Approx(3.173));
  CHECK(s.reps == 1);
  s = review(s, Rating::Again, t0 + 600);
  CHECK(s.state == CardState::Learning);
  CHECK(s.step == 0);
  CHECK(s.due == t0 + 660);
  s = review(s, Rating::Hard, t0 + 660);
  CHECK(s.due == t0 + 660 + 330);  // halfway between the first two steps
  s = review(s, Rating::Good, t0 + 990);
  CHECK(s.step == 1);
  s = review(s, Rating::Good, t0 + 1590);
  CHECK(s.state == CardState::Review);
  CHECK(s.scheduled_days >= 1);
  CHECK(s.due == t0 + 1590 + s.scheduled_days * kDay);

  // Easy graduates a new card at once, with the Easy initial stability as its interval.
  Schedule e = review(Schedule{}, Rating::Easy, t0);
  CHECK(e.state == CardState::Review);
  CHECK(e.scheduled_days == 16);  // round(15.69105)
  CHECK(e.due == t0 + 16 * kDay);
}

TEST_CASE("fsrs: reviews lengthen intervals, lapses relearn") {
  Schedule s = review(Schedule{}, Rating::Easy, t0);
  const int64_t due = s.due;
  const Schedule hard = review(s, Rating::Hard, due);
  const Schedule good = review(s, Rating::Good, due);
  const Schedule easy = review(s, Rating::Easy, due);
  CHECK(hard.scheduled_days < good.scheduled_days);
  CHECK(good.scheduled_days < easy.scheduled_days);
  CHECK(good.scheduled_days > s.scheduled_days);
  CHECK(good.state == CardState::Review);

  const Schedule lapse = review(s, Rating::Again, due);
  CHECK(lapse.state == CardState::Relearning);
  CHECK(lapse.lapses == 1);
  CHECK(lapse.due == due + 600);
  CHECK(lapse.stability < s.stability);
  CHECK(lapse.difficulty > s.difficulty);
  const Schedule back = review(lapse, Rating::Good, due + 600);
  CHECK(back.state == CardState::Review);
  CHECK(back.scheduled_days >= 1);
  // Reviewing late (R lower) gains more stability than on time.
  const Schedule late = review(s, Rating::Good, due + 30 * kDay);
  CHECK(late.stability > good.stability);
}

TEST_CASE("fsrs: previews for the four buttons and short interval labels") {
  const auto p = preview(Schedule{}, t0);
  CHECK(format_interval(p[0].due - t0) == "1m");
  CHECK(format_interval(p[1].due - t0) == "6m");  // halfway between 1 and 10 minutes
  CHECK(format_interval(p[2].due - t0) == "10m");
  CHECK(format_interval(p[3].due - t0) == "16d");
  CHECK(format_interval(45) == "45s");
  CHECK(format_interval(3 * 3600) == "3h");
  CHECK(format_interval(120 * kDay) == "4mo");
  CHECK(format_interval(800 * kDay) == "2y");
}
