#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <numeric>

#include "app/bench/bench.h"

namespace attend::bench {

std::vector<Workload> all_workloads() {
  std::vector<Workload> w;
  add_engine_workloads(w);
  add_embedding_workloads(w);
  add_surface_workloads(w);
  add_ui_workloads(w);
  add_classic_workloads(w);
  return w;
}

Timing summarize(std::vector<double> s) {
  Timing t;
  if (s.empty()) return t;
  std::sort(s.begin(), s.end());
  auto at = [&](double q) { return s[static_cast<size_t>(q * (s.size() - 1) + 0.5)]; };
  t.median = s.size() % 2 ? s[s.size() / 2] : 0.5 * (s[s.size() / 2 - 1] + s[s.size() / 2]);
  t.p10 = at(0.1);
  t.p90 = at(0.9);
  t.min = s.front();
  t.mean = std::accumulate(s.begin(), s.end(), 0.0) / s.size();
  t.runs = static_cast<int>(s.size());
  return t;
}

Timing time_runs(int warmup, int runs, const std::function<void()>& work) {
  using Clock = std::chrono::steady_clock;
  for (int i = 0; i < warmup; ++i) work();
  std::vector<double> s;
  s.reserve(runs);
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    work();
    s.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return summarize(std::move(s));
}

int run_bench(const std::vector<std::string>& names, const Options& options) {
  Eigen::setNbThreads(options.threads);
  const std::vector<Workload> all = all_workloads();
  std::vector<const Workload*> chosen;
  for (const std::string& n : names) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Workload& w) { return w.name == n; });
    if (it == all.end()) {
      std::fprintf(stderr, "attend bench: unknown workload '%s'. Known workloads:\n", n.c_str());
      for (const Workload& w : all) std::fprintf(stderr, "  %-18s %s\n", w.name.c_str(), w.summary.c_str());
      return 2;
    }
    chosen.push_back(&*it);
  }
  if (names.empty())
    for (const Workload& w : all) chosen.push_back(&w);

  int failures = 0;
  for (const Workload* w : chosen) {
    nlohmann::json r;
    try {
      r = w->run(options);
    } catch (const std::exception& e) {
      r = {{"error", e.what()}};
      ++failures;
    }
    nlohmann::json line = {{"workload", w->name}, {"threads", options.threads}};
    line.update(r);
    if (options.json) {
      std::printf("%s\n", line.dump().c_str());
    } else {
      std::printf("%-18s", w->name.c_str());
      for (auto& [k, v] : r.items()) std::printf("  %s=%s", k.c_str(), v.dump().c_str());
      std::printf("\n");
    }
    std::fflush(stdout);
  }
  return failures ? 1 : 0;
}

}  // namespace attend::bench
