// A search running on its own thread, so the UI keeps drawing while trials train: a progress fraction, a
// cancel, the trials finished so far (a heatmap fills in as they arrive) and the result once done. The
// destructor cancels and joins, so dropping a job never leaves a thread behind.
//
//   auto job = std::make_unique<tune::SearchJob>(objective, [=](const tune::Objective& f, tune::Progress* p) {
//     return tune::run_search(space, plan, f, p);
//   });
//   ui: bar(job->fraction());  if (cancel) job->cancel();  for (auto& t : job->trials()) ...;
//   if (job->done()) show(job->result());
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/tune/search.h"

namespace attend::tune {

class SearchJob {
 public:
  using Work = std::function<SearchResult(const Objective&, Progress*)>;
  SearchJob(Objective objective, Work work);
  ~SearchJob();
  SearchJob(const SearchJob&) = delete;
  SearchJob& operator=(const SearchJob&) = delete;

  double fraction() const;           // trials done / planned (0 before the plan is known)
  int trials_done() const { return m_progress.done.load(); }
  int trials_planned() const { return m_progress.total.load(); }
  bool done() const { return m_done.load(); }
  void cancel() { m_progress.cancel = true; }
  bool cancelled() const { return m_progress.cancel.load(); }
  // Every trial finished so far (a copy; trials carry the score the objective returned).
  std::vector<Trial> trials() const;
  // Valid once done().
  const SearchResult& result() const { return m_result; }

 private:
  Objective m_objective;
  Progress m_progress;
  std::atomic<bool> m_done{false};
  mutable std::mutex m_mutex;
  std::vector<Trial> m_trials;
  SearchResult m_result;
  std::thread m_thread;
};

}  // namespace attend::tune
