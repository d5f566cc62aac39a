#include "core/tune/search_job.h"

#include <cmath>
#include <limits>

namespace attend::tune {

SearchJob::SearchJob(Objective objective, Work work) : m_objective(std::move(objective)) {
  m_thread = std::thread([this, work = std::move(work)] {
    // Each finished trial is recorded as it happens, for a view that draws them while the search runs.
    const Objective recording = [this](const std::vector<double>& x, double budget) {
      const double score = m_objective(x, budget);
      std::lock_guard<std::mutex> lock(m_mutex);
      m_trials.push_back({x, budget, std::isfinite(score) ? score : std::numeric_limits<double>::max(), 0});
      return score;
    };
    m_result = work(recording, &m_progress);
    m_done = true;
  });
}

SearchJob::~SearchJob() {
  m_progress.cancel = true;
  if (m_thread.joinable()) m_thread.join();
}

double SearchJob::fraction() const {
  const int total = m_progress.total.load();
  return total > 0 ? static_cast<double>(m_progress.done.load()) / total : 0.0;
}

std::vector<Trial> SearchJob::trials() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_trials;
}

}  // namespace attend::tune
