// WorkerPool: a fixed set of threads that run the parallel loops of the embedding methods (t-SNE's force
// passes, word2vec's Hogwild workers, nearest-neighbour scans). Threads are started once and reused, so a
// t-SNE iteration that runs three parallel passes pays no thread start-up: a pass wakes the workers, they
// take task indices from an atomic counter, and the caller works alongside them until all are done.
//
//   WorkerPool pool(2);
//   pool.for_each(n_groups, [&](int64_t g, int thread) { forces_for_group(g, scratch[thread]); });
//
// Results must not depend on which thread ran a task: callers write per-task outputs and combine them in
// task order, so one thread and two threads give the same numbers.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace attend::embed {

class WorkerPool {
 public:
  explicit WorkerPool(int threads = 1);  // threads <= 0: one per hardware thread
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return static_cast<int>(m_workers.size()) + 1; }

  // Calls fn(i, thread) for every i in [0, n) on the pool's threads (the caller is thread 0) and returns
  // when all calls have returned; `thread` indexes per-thread scratch buffers. Not reentrant.
  void for_each(int64_t n, const std::function<void(int64_t i, int thread)>& fn);

  // Calls fn(t) once on each of the pool's threads, t in [0, threads()): for long-running workers such as
  // word2vec's, which split their work themselves.
  void on_each_thread(const std::function<void(int)>& fn);

 private:
  void worker_loop(int id);
  void drain(int thread_id);

  std::vector<std::thread> m_workers;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_done;
  const std::function<void(int64_t, int)>* m_task = nullptr;
  const std::function<void(int)>* m_thread_task = nullptr;
  int64_t m_count = 0;
  std::atomic<int64_t> m_next{0};
  std::atomic<uint64_t> m_generation{0};
  int m_busy = 0;  // workers still inside the current job
  bool m_stop = false;
};

}  // namespace attend::embed
