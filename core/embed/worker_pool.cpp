#include "core/embed/worker_pool.h"

#include <algorithm>
#include <chrono>

namespace attend::embed {

WorkerPool::WorkerPool(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < threads; ++i) m_workers.emplace_back([this, i] { worker_loop(i); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
    m_generation.fetch_add(1);
  }
  m_wake.notify_all();
  for (std::thread& t : m_workers) t.join();
}

void WorkerPool::drain(int thread_id) {
  if (m_thread_task) {
    (*m_thread_task)(thread_id);
    return;
  }
  for (;;) {
    const int64_t i = m_next.fetch_add(1, std::memory_order_relaxed);
    if (i >= m_count) return;
    (*m_task)(i, thread_id);
  }
}

void WorkerPool::worker_loop(int id) {
  uint64_t seen = 0;
  for (;;) {
    // Spin briefly before sleeping: t-SNE issues a job every millisecond or so, and a condition-variable
    // wake-up costs tens of microseconds, which would be a visible share of an iteration.
    const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(200);
    while (m_generation.load(std::memory_order_acquire) == seen &&
           std::chrono::steady_clock::now() < spin_until) {
      std::this_thread::yield();
    }
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [&] { return m_generation.load() != seen; });
      seen = m_generation.load();
      if (m_stop) return;
    }
    drain(id);
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      if (--m_busy == 0) m_done.notify_all();
    }
  }
}

void WorkerPool::for_each(int64_t n, const std::function<void(int64_t, int)>& fn) {
  if (n <= 0) return;
  if (m_workers.empty() || n == 1) {
    for (int64_t i = 0; i < n; ++i) fn(i, 0);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_task = &fn;
    m_thread_task = nullptr;
    m_count = n;
    m_next.store(0);
    m_busy = static_cast<int>(m_workers.size());
    m_generation.fetch_add(1, std::memory_order_release);
  }
  m_wake.notify_all();
  drain(0);
  std::unique_lock<std::mutex> lock(m_mutex);
  m_done.wait(lock, [&] { return m_busy == 0; });
  m_task = nullptr;
}

void WorkerPool::on_each_thread(const std::function<void(int)>& fn) {
  if (m_workers.empty()) {
    fn(0);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_task = nullptr;
    m_thread_task = &fn;
    m_busy = static_cast<int>(m_workers.size());
    m_generation.fetch_add(1, std::memory_order_release);
  }
  m_wake.notify_all();
  drain(0);
  std::unique_lock<std::mutex> lock(m_mutex);
  m_done.wait(lock, [&] { return m_busy == 0; });
  m_thread_task = nullptr;
}

}  // namespace attend::embed
