// Background jobs for the loss-surface view: the scene (mesh, contours, arrows), the critical-point search, the
// saddle experiments and the network slice each run on a thread of their own, report progress through core's
// JobProgress and hand their result to the UI thread, which polls once a frame and never waits (except in
// headless runs, where a screenshot must show the finished picture).
//
//   BackgroundJob<Scene> job;
//   job.start([s = surface](surface::JobProgress* p) { return build(s, p); });
//   if (auto r = job.take()) scene = std::move(*r);        // once, when it has finished
//   ImGui::ProgressBar(job.fraction());  if (cancel) job.cancel();
//
// Starting a job while one runs cancels the old one (it stops at its next check) and drops its result. Old
// threads are joined once they finish, or when the job object is destroyed.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "core/surface/job.h"

namespace attend::views {

template <class T>
class BackgroundJob {
 public:
  using Fn = std::function<T(surface::JobProgress*)>;

  BackgroundJob() = default;
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;
  ~BackgroundJob() {
    cancel();
    for (auto& w : m_workers) w.thread.join();
  }

  void start(Fn fn) {
    cancel();
    reap();
    auto st = std::make_shared<State>();
    m_current = st;
    m_workers.push_back({std::thread([st, fn = std::move(fn)] {
                           T r = fn(&st->progress);
                           std::lock_guard<std::mutex> lock(st->mutex);
                           st->result = std::move(r);
                           st->finished = true;
                         }),
                         st});
  }

  // True from start() until take() has returned the result (or cancel()).
  bool active() const { return m_current != nullptr; }
  bool finished() const { return m_current && m_current->finished.load(); }
  double fraction() const { return m_current ? m_current->progress.overall() : 0.0; }
  int stage() const { return m_current ? m_current->progress.stage.load() : 0; }

  // Asks the running job to stop; its result will not be taken.
  void cancel() {
    if (m_current) m_current->progress.cancel = true;
    m_current.reset();
  }

  // The latest job's result once it has finished (nothing before, and nothing a second time).
  std::optional<T> take() {
    reap();
    if (!m_current || !m_current->finished.load()) return std::nullopt;
    std::optional<T> out;
    {
      std::lock_guard<std::mutex> lock(m_current->mutex);
      out = std::move(m_current->result);
    }
    m_current.reset();
    reap();
    return out;
  }

  // Blocks until the latest job has finished (headless screenshots, tests); false on timeout.
  bool wait(double seconds = 30) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (m_current && !m_current->finished.load()) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }

 private:
  struct State {
    surface::JobProgress progress;
    std::atomic<bool> finished{false};
    std::mutex mutex;
    std::optional<T> result;
  };
  struct Worker {
    std::thread thread;
    std::shared_ptr<State> state;
  };

  // Joins the threads that have finished (their join does not wait).
  void reap() {
    for (size_t i = 0; i < m_workers.size();) {
      if (m_workers[i].state->finished.load() && m_workers[i].state != m_current) {
        m_workers[i].thread.join();
        m_workers.erase(m_workers.begin() + static_cast<long>(i));
      } else {
        ++i;
      }
    }
  }

  std::shared_ptr<State> m_current;
  std::vector<Worker> m_workers;
};

}  // namespace attend::views
