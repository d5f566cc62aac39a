// `attend bench`: the speed and memory goals of the engine and the views, measured on the workloads that
// ../shared/bench/README.md specifies (the output format is fixed by ../shared/bench/CONTRACT.md).
// Each area registers its workloads in its own file (bench_engine.cpp, bench_embed.cpp, bench_surface.cpp,
// bench_ui.cpp); bench_main.cpp lists them, runs the named ones and prints one JSON object per line.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace attend::bench {

struct Options {
  int threads = 1;
  std::string data_dir;    // holds spiral_500.csv, blobs_*.csv, corpus.txt
  std::string binary;      // this program's path (ui_frame workloads start it headless)
  bool json = false;
};

// A workload returns its fields; bench_main adds "workload" and "threads".
struct Workload {
  std::string name;
  std::string summary;
  std::function<nlohmann::json(const Options&)> run;
};

void add_engine_workloads(std::vector<Workload>& out);
void add_embedding_workloads(std::vector<Workload>& out);
void add_surface_workloads(std::vector<Workload>& out);
void add_ui_workloads(std::vector<Workload>& out);
void add_classic_workloads(std::vector<Workload>& out);

std::vector<Workload> all_workloads();
int run_bench(const std::vector<std::string>& names, const Options& options);

// Timing of repeated runs of one piece of work, in seconds.
struct Timing {
  double median = 0, p10 = 0, p90 = 0, mean = 0, min = 0;
  int runs = 0;
};
Timing time_runs(int warmup, int runs, const std::function<void()>& work);
Timing summarize(std::vector<double> seconds);

}  // namespace attend::bench
