#include "core/notes/fsrs.h"

#include <algorithm>
#include <cmath>

namespace attend::notes {
namespace {

constexpr int64_t kDay = 86400;
double w(const FsrsParams& p, int i) { return p.w[static_cast<size_t>(i)]; }
double clamp_difficulty(double d) { return std::clamp(d, 1.0, 10.0); }
double clamp_stability(double s) { return std::max(s, 0.01); }

// Hard in a learning step: the current step again, or halfway to the next one from the first step.
int64_t hard_delay(const std::vector<int64_t>& steps, int step) {
  if (step == 0 && steps.size() == 1) return steps[0] * 3 / 2;
  if (step == 0 && steps.size() >= 2) return (steps[0] + steps[1]) / 2;
  return steps[static_cast<size_t>(std::min<int>(step, static_cast<int>(steps.size()) - 1))];
}

void graduate(Schedule& s, int64_t now, const FsrsParams& p) {
  s.state = CardState::Review;
  s.step = 0;
  s.scheduled_days = interval_days(s.stability, p);
  s.due = now + s.scheduled_days * kDay;
}

// Again/Hard/Good/Easy inside (re)learning steps.
void step_through(Schedule& s, Rating g, int64_t now, const std::vector<int64_t>& steps, const FsrsParams& p) {
  if (steps.empty() || g == Rating::Easy) {
    graduate(s, now, p);
    return;
  }
  s.scheduled_days = 0;
  switch (g) {
    case Rating::Again:
      s.step = 0;
      s.due = now + steps[0];
      break;
    case Rating::Hard:
      s.due = now + hard_delay(steps, s.step);
      break;
    case Rating::Good:
      if (s.step + 1 >= static_cast<int>(steps.size())) {
        graduate(s, now, p);
      } else {
        ++s.step;
        s.due = now + steps[static_cast<size_t>(s.step)];
      }
      break;
    case Rating::Easy: break;
  }
}

}  // namespace

double retrievability(double elapsed_days, double stability) {
  if (stability <= 0) return 0;
  return std::pow(1.0 + kFactor * std::max(0.0, elapsed_days) / stability, kDecay);
}

double retrievability(const Schedule& s, int64_t now) {
  if (s.state == CardState::New || s.last_review == 0) return 0;
  return retrievability(static_cast<double>((now - s.last_review) / kDay), s.stability);
}

int interval_days(double stability, const FsrsParams& p) {
  const double i = stability / kFactor * (std::pow(p.desired_retention, 1.0 / kDecay) - 1.0);
  return std::clamp(static_cast<int>(std::lround(i)), 1, p.max_interval_days);
}

double initial_stability(Rating g, const FsrsParams& p) {
  return clamp_stability(w(p, static_cast<int>(g) - 1));
}

double initial_difficulty(Rating g, const FsrsParams& p) {
  return clamp_difficulty(w(p, 4) - std::exp(w(p, 5) * (static_cast<int>(g) - 1)) + 1);
}

double next_difficulty(double d, Rating g, const FsrsParams& p) {
  const double target = initial_difficulty(Rating::Easy, p);  // the mean difficulty reverts to
  const double moved = d - w(p, 6) * (static_cast<int>(g) - 3);
  return clamp_difficulty(w(p, 7) * target + (1 - w(p, 7)) * moved);
}

double recall_stability(double d, double s, double r, Rating g, const FsrsParams& p) {
  const double hard = g == Rating::Hard ? w(p, 15) : 1.0;
  const double easy = g == Rating::Easy ? w(p, 16) : 1.0;
  return clamp_stability(
      s * (1 + std::exp(w(p, 8)) * (11 - d) * std::pow(s, -w(p, 9)) * (std::exp(w(p, 10) * (1 - r)) - 1) * hard * easy));
}

double forget_stability(double d, double s, double r, const FsrsParams& p) {
  const double f = w(p, 11) * std::pow(d, -w(p, 12)) * (std::pow(s + 1, w(p, 13)) - 1) * std::exp(w(p, 14) * (1 - r));
  return clamp_stability(std::min(f, s / std::exp(w(p, 17) * w(p, 18))));
}

double short_term_stability(double s, Rating g, const FsrsParams& p) {
  return clamp_stability(s * std::exp(w(p, 17) * (static_cast<int>(g) - 3 + w(p, 18))));
}

Schedule review(const Schedule& card, Rating g, int64_t now, const FsrsParams& p) {
  Schedule s = card;
  // Memory state first.
  if (card.state == CardState::New) {
    s.stability = initial_stability(g, p);
    s.difficulty = initial_difficulty(g, p);
  } else {
    const int64_t elapsed = card.last_review > 0 ? (now - card.last_review) / kDay : 0;
    if (elapsed < 1) {
      s.stability = short_term_stability(card.stability, g, p);
    } else {
      const double r = retrievability(static_cast<double>(elapsed), card.stability);
      s.stability = g == Rating::Again ? forget_stability(card.difficulty, card.stability, r, p)
                                       : recall_stability(card.difficulty, card.stability, r, g, p);
    }
    s.difficulty = next_difficulty(card.difficulty, g, p);
  }
  s.last_review = now;
  ++s.reps;

  // Then where the card goes.
  switch (card.state) {
    case CardState::New:
      s.state = CardState::Learning;
      s.step = 0;
      step_through(s, g, now, p.learning_steps, p);
      break;
    case CardState::Learning:
      step_through(s, g, now, p.learning_steps, p);
      break;
    case CardState::Relearning:
      step_through(s, g, now, p.relearning_steps, p);
      break;
    case CardState::Review:
      if (g == Rating::Again) {
        ++s.lapses;
        if (p.relearning_steps.empty()) {
          graduate(s, now, p);
        } else {
          s.state = CardState::Relearning;
          s.step = 0;
          s.scheduled_days = 0;
          s.due = now + p.relearning_steps[0];
        }
      } else {
        graduate(s, now, p);
      }
      break;
  }
  return s;
}

std::array<Schedule, 4> preview(const Schedule& card, int64_t now, const FsrsParams& p) {
  return {review(card, Rating::Again, now, p), review(card, Rating::Hard, now, p), review(card, Rating::Good, now, p),
          review(card, Rating::Easy, now, p)};
}

std::string format_interval(int64_t s) {
  if (s < 60) return std::to_string(std::max<int64_t>(s, 0)) + "s";
  if (s < 3600) return std::to_string((s + 30) / 60) + "m";
  if (s < kDay) return std::to_string((s + 1800) / 3600) + "h";
  const int64_t days = (s + kDay / 2) / kDay;
  if (days < 31) return std::to_string(days) + "d";
  if (days < 365) return std::to_string((days * 10 / 30 + 5) / 10) + "mo";
  return std::to_string((days * 10 / 365 + 5) / 10) + "y";
}

}  // namespace attend::notes
