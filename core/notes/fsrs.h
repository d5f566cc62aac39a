// Spaced repetition with FSRS (the Free Spaced Repetition Scheduler, version 5 as published by the
// open-spaced-repetition project), written from its algorithm description:
//
//   retrievability  R(t, S) = (1 + F·t/S)^D,  D = −0.5, F = 19/81 (so R(S, S) = 0.9)
//   interval        I(r, S) = S/F · (r^(1/D) − 1)            (= S for r = 0.9)
//   first review    S₀(G) = w[G−1],  D₀(G) = w4 − e^(w5·(G−1)) + 1
//   difficulty      D' = w7·D₀(4) + (1 − w7)·(D − w6·(G − 3)), clamped to [1, 10]
//   recall          S' = S·(1 + e^w8·(11 − D)·S^(−w9)·(e^(w10·(1−R)) − 1)·[w15 if Hard]·[w16 if Easy])
//   lapse           S' = min(w11·D^(−w12)·((S+1)^w13 − 1)·e^(w14·(1−R)), S/e^(w17·w18))
//   same day        S' = S·e^(w17·(G − 3 + w18))
//
// Ratings Again/Hard/Good/Easy. New cards go through short learning steps (1 and 10 minutes), lapsed ones
// through relearning steps (10 minutes), the way Anki does, before intervals in days take over. Times are
// Unix seconds; elapsed days are whole days, as in the reference implementation. Deterministic (no fuzz).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace attend::notes {

enum class Rating { Again = 1, Hard = 2, Good = 3, Easy = 4 };
enum class CardState { New, Learning, Review, Relearning };

struct Schedule {
  CardState state = CardState::New;
  int step = 0;               // index into the (re)learning steps
  double stability = 0;       // days until recall probability falls to 90%
  double difficulty = 0;      // 1 (easy) .. 10 (hard)
  int64_t due = 0;            // Unix seconds
  int64_t last_review = 0;    // Unix seconds; 0 for a new card
  int reps = 0;
  int lapses = 0;
  int scheduled_days = 0;     // the interval given at the last review (0 while learning)
};

struct FsrsParams {
  std::array<double, 19> w = {0.40255, 1.18385, 3.173,  15.69105, 7.1949, 0.5345,  1.4604,
                              0.0046,  1.54575, 0.1192, 1.01925,  1.9395, 0.11,    0.29605,
                              2.2698,  0.2315,  2.9898, 0.51655,  0.6621};
  double desired_retention = 0.9;
  std::vector<int64_t> learning_steps = {60, 600};  // seconds
  std::vector<int64_t> relearning_steps = {600};
  int max_interval_days = 36500;
};

constexpr double kDecay = -0.5;
constexpr double kFactor = 19.0 / 81.0;

double retrievability(double elapsed_days, double stability);
double retrievability(const Schedule& s, int64_t now);  // 0 for a new card
int interval_days(double stability, const FsrsParams& p);
double initial_stability(Rating g, const FsrsParams& p);
double initial_difficulty(Rating g, const FsrsParams& p);
double next_difficulty(double d, Rating g, const FsrsParams& p);
double recall_stability(double d, double s, double r, Rating g, const FsrsParams& p);
double forget_stability(double d, double s, double r, const FsrsParams& p);
double short_term_stability(double s, Rating g, const FsrsParams& p);

// The card after rating it `g` at time `now`.
Schedule review(const Schedule& card, Rating g, int64_t now, const FsrsParams& p = {});

// What each button would do, Again..Easy, for labels like "Good 10m".
std::array<Schedule, 4> preview(const Schedule& card, int64_t now, const FsrsParams& p = {});
// A delay as a short label: "45s", "10m", "3h", "5d", "4mo", "2y".
std::string format_interval(int64_t seconds);

}  // namespace attend::notes
