// The training session: a worker thread that owns one model, applies commands in the order they were sent,
// trains, and publishes immutable snapshots that the UI reads without ever waiting for a step.
//
//   Session<Mlp, MlpSnapshot> s(make_mlp(), hooks);   // hooks: reset, step, set, publish
//   s.run();                                          // the worker trains until pause()
//   auto snap = s.latest();                           // any thread, any time: a pointer copy
//   s.post([](Mlp& m) { m.probe = ...; });            // model-specific command, applied in order
//
// Publishing is a pointer swap: the worker builds a new Snapshot, then swaps it in atomically. Readers hold
// a shared_ptr to the one they got, so it stays valid however long they draw it.
//
// Control is the part that is the same for every model (run, pause, step, reset, set a hyperparameter, read
// progress); lesson scripts and generic toolbars drive sessions through it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/train/history.h"

namespace attend::train {

// A finished run kept for comparison: what it was trained with and what it recorded.
struct ArchivedRun {
  uint64_t seed = 0;
  int64_t steps = 0;
  std::map<std::string, double> hyper;
  std::shared_ptr<const History> history;
};

// What every snapshot carries besides the model-specific part.
struct Progress {
  int64_t step = 0;
  bool running = false;
  double steps_per_second = 0;         // measured over the last second of training
  double wall_seconds = 0;             // training time since the last reset
  uint64_t seed = 0;
  std::string error;                   // the last command that could not be applied, in words
  std::map<std::string, double> metrics;  // latest value of each recorded metric
  std::shared_ptr<const History> history;  // every recorded series (bounded; see history.h)
  std::map<std::string, double> hyper;    // hyperparameters set on this run (by set()), by name
  std::shared_ptr<const std::vector<ArchivedRun>> archive;  // earlier runs of this session, oldest first
  std::vector<int64_t> checkpoints;    // steps of the timeline's checkpoints, oldest first
  int64_t inspecting = -1;             // the checkpoint step shown instead of the live model, or -1
  uint64_t version = 0;                // increases with every publish
};

// What one optimisation step reports: the training loss and any other scalars to record.
struct StepReport {
  StepReport() = default;
  // Not an aggregate, so StepReport{loss, metrics} needs no `stop` (and -Wextra does not warn about it).
  StepReport(double loss_, std::vector<std::pair<std::string, double>> metrics_ = {}, std::string stop_ = {})
      : loss(loss_), metrics(std::move(metrics_)), stop(std::move(stop_)) {}
  double loss = 0;
  std::vector<std::pair<std::string, double>> metrics;
  // Non-empty: training cannot go on (the loss became NaN, say). The session pauses and shows this as its
  // error instead of stepping a broken model silently.
  std::string stop;
};

class Control {
 public:
  virtual ~Control() = default;
  virtual void run() = 0;
  virtual void pause() = 0;
  virtual void step(int64_t n) = 0;          // n steps, then pause
  virtual void reset(uint64_t seed) = 0;     // re-initialise the model and data, clear history
  virtual void set(const std::string& name, double value) = 0;  // a hyperparameter by name
  virtual void set_speed(double max_steps_per_second) = 0;      // 0: as fast as possible
  virtual std::shared_ptr<const Progress> progress() const = 0;
  // Timeline: show the model as it was at checkpoint `step` (-1: live), or go back there and train on.
  virtual void inspect(int64_t checkpoint_step) = 0;
  virtual void rewind(int64_t checkpoint_step) = 0;
  // Blocks until every command sent so far has been applied and no steps are pending (not while running).
  virtual void wait_idle() = 0;
};

template <class Model, class Snapshot>
class Session final : public Control {
  static_assert(std::is_same_v<decltype(Snapshot::progress), Progress>,
                "a Snapshot needs a member `train::Progress progress`");

 public:
  struct Hooks {
    std::function<void(Model&, uint64_t seed)> reset;                     // required
    std::function<StepReport(Model&)> step;                                // required
    std::function<bool(Model&, const std::string&, double)> set;           // false: unknown name
    std::function<void(const Model&, Snapshot&)> publish;                  // fill what the view draws
    // Evaluation metrics (validation loss, accuracy…) computed every `evaluate_every` steps.
    std::function<std::vector<std::pair<std::string, double>>(Model&)> evaluate;
    int64_t evaluate_every = 50;
    double publish_hz = 30;           // while running; a paused session publishes after every command
    int64_t checkpoint_every = 0;     // 0: no timeline; else a copy of the model every N steps
    size_t max_checkpoints = 64;      // past this the timeline keeps every other checkpoint
    size_t max_archived_runs = 12;    // runs kept for comparison after a reset (oldest dropped first)
  };

  Session(Model model, Hooks hooks, uint64_t seed = 0) : m_model(std::move(model)), m_hooks(std::move(hooks)) {
    m_history = std::make_shared<History>();
    m_seed = seed;
    m_hooks.reset(m_model, seed);
    publish_now();
    m_worker = std::thread([this] { loop(); });
  }
  ~Session() override {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_stop = true;
    }
    m_wake.notify_all();
    m_idle.notify_all();
    m_worker.join();
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The newest snapshot. Never waits for a training step.
  std::shared_ptr<const Snapshot> latest() const { return std::atomic_load(&m_latest); }
  std::shared_ptr<const Progress> progress() const override {
    std::shared_ptr<const Snapshot> s = latest();
    return std::shared_ptr<const Progress>(s, &s->progress);
  }

  // A model-specific command, applied on the worker thread in order with every other command.
  void post(std::function<void(Model&)> fn) {
    enqueue([fn = std::move(fn)](Session& s) { fn(s.m_model); });
  }

  void run() override { enqueue([](Session& s) { s.m_running = true; }); }
  void pause() override {
    enqueue([](Session& s) {
      s.m_running = false;
      s.m_pending_steps = 0;
    });
  }
  void step(int64_t n) override {
    enqueue([n](Session& s) {
      s.m_running = false;
      s.m_pending_steps += n;
    });
  }
  void reset(uint64_t seed) override {
    enqueue([seed](Session& s) {
      s.m_running = false;
      s.m_pending_steps = 0;
      s.archive_current_run();
      s.m_seed = seed;
      s.m_hooks.reset(s.m_model, seed);
      s.m_step = 0;
      s.m_train_seconds = 0;
      s.m_history = std::make_shared<History>();
      s.m_timeline.clear();
      s.m_inspect = -1;
      s.m_error.clear();
    });
  }
  void set(const std::string& name, double value) override {
    enqueue([name, value](Session& s) {
      if (!s.m_hooks.set || !s.m_hooks.set(s.m_model, name, value))
        s.m_error = "unknown hyperparameter '" + name + "'";
      else
        s.m_hyper[name] = value;
    });
  }
  void set_speed(double max_steps_per_second) override {
    enqueue([max_steps_per_second](Session& s) { s.m_max_rate = max_steps_per_second; });
  }

  // Timeline: show the model as it was at checkpoint `step` (publish from the copy), or -1 for live.
  void inspect(int64_t checkpoint_step) override {
    enqueue([checkpoint_step](Session& s) { s.m_inspect = checkpoint_step; });
  }
  // Timeline: go back to checkpoint `step` and continue training from there (later history is cut).
  void rewind(int64_t checkpoint_step) override {
    enqueue([checkpoint_step](Session& s) { s.rewind_to(checkpoint_step); });
  }

  void wait_idle() override {
    std::unique_lock<std::mutex> lock(m_mutex);
    const uint64_t target = m_enqueued;
    m_idle.wait(lock, [&] { return m_stop || (m_published_commands >= target && m_pending_published == 0); });
  }

 private:
  using Command = std::function<void(Session&)>;
  using Clock = std::chrono::steady_clock;

  void enqueue(Command c) {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_queue.push_back(std::move(c));
      ++m_enqueued;
    }
    m_wake.notify_all();
  }

  void loop() {
    std::deque<Command> local;  // commands taken from the queue, not yet applied
    uint64_t applied = 0;
    auto last_publish = Clock::now();
    auto rate_window_start = Clock::now();
    int64_t rate_window_steps = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (local.empty() && m_queue.empty() && !m_running && m_pending_steps == 0)
          m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
        if (m_stop) return;
        for (Command& c : m_queue) local.push_back(std::move(c));
        m_queue.clear();
      }
      // A command sent after "step n" waits until those n steps are done: order is the contract.
      bool dirty = false;
      while (!local.empty() && m_pending_steps == 0) {
        local.front()(*this);
        local.pop_front();
        ++applied;
        dirty = true;
      }

      if (m_running || m_pending_steps > 0) {
        const auto t0 = Clock::now();
        StepReport r = m_hooks.step(m_model);
        const auto t1 = Clock::now();
        m_train_seconds += std::chrono::duration<double>(t1 - t0).count();
        ++m_step;
        if (m_pending_steps > 0) --m_pending_steps;
        record(r);
        if (!r.stop.empty()) {
          m_running = false;
          m_pending_steps = 0;
          m_error = r.stop;
        }
        ++rate_window_steps;
        const double window = std::chrono::duration<double>(t1 - rate_window_start).count();
        if (window >= 1.0) {
          m_rate = rate_window_steps / window;
          rate_window_steps = 0;
          rate_window_start = t1;
        }
        dirty = true;
        if (m_max_rate > 0) std::this_thread::sleep_for(std::chrono::duration<double>(1.0 / m_max_rate));
      } else {
        m_rate = 0;
        rate_window_steps = 0;
        rate_window_start = Clock::now();
      }

      const bool stepping = m_running || m_pending_steps > 0;
      const auto now = Clock::now();
      if (dirty && (!stepping || std::chrono::duration<double>(now - last_publish).count() >= 1.0 / m_hooks.publish_hz)) {
        publish_now();
        last_publish = now;
        std::lock_guard<std::mutex> lock(m_mutex);
        m_published_commands = applied;
        m_pending_published = m_pending_steps + static_cast<int64_t>(local.size());
        m_idle.notify_all();
      }
    }
  }

  void record(const StepReport& r) {
    // Copy-on-write: readers may hold the previous history through a snapshot.
    if (m_history.use_count() > 1) m_history = std::make_shared<History>(*m_history);
    const double step = static_cast<double>(m_step);
    m_history->add("loss", step, m_train_seconds, r.loss);
    m_metrics["loss"] = r.loss;
    for (const auto& [name, value] : r.metrics) {
      m_history->add(name, step, m_train_seconds, value);
      m_metrics[name] = value;
    }
    if (m_hooks.evaluate && m_hooks.evaluate_every > 0 && m_step % m_hooks.evaluate_every == 0) {
      for (const auto& [name, value] : m_hooks.evaluate(m_model)) {
        m_history->add(name, step, m_train_seconds, value);
        m_metrics[name] = value;
      }
    }
    if constexpr (std::is_copy_constructible_v<Model>) {
      if (m_hooks.checkpoint_every > 0 && m_step % m_hooks.checkpoint_every == 0) add_checkpoint();
    }
  }

  void archive_current_run() {
    if (m_step == 0) return;  // nothing was trained: nothing to compare
    auto runs = std::make_shared<std::vector<ArchivedRun>>(*m_archive);
    runs->push_back({m_seed, m_step, m_hyper, m_history});
    if (runs->size() > m_hooks.max_archived_runs) runs->erase(runs->begin());
    m_archive = runs;
  }

  void add_checkpoint() {
    if constexpr (std::is_copy_constructible_v<Model>) {
      m_timeline.emplace_back(m_step, std::make_shared<const Model>(m_model));
      if (m_timeline.size() > m_hooks.max_checkpoints) {
        // Thin the older half so the timeline spans the whole run at coarser resolution.
        std::vector<std::pair<int64_t, std::shared_ptr<const Model>>> kept;
        for (size_t i = 0; i < m_timeline.size(); ++i)
          if (i % 2 == 0 || i + 1 == m_timeline.size()) kept.push_back(m_timeline[i]);
        m_timeline.swap(kept);
      }
    }
  }

  void rewind_to(int64_t checkpoint_step) {
    if constexpr (std::is_copy_constructible_v<Model>) {
      for (size_t i = 0; i < m_timeline.size(); ++i) {
        if (m_timeline[i].first != checkpoint_step) continue;
        m_model = *m_timeline[i].second;
        m_step = checkpoint_step;
        m_timeline.resize(i + 1);
        m_running = false;
        m_pending_steps = 0;
        m_inspect = -1;
        auto h = std::make_shared<History>();
        for (const Series& s : m_history->series)
          for (size_t k = 0; k < s.step.size() && s.step[k] <= static_cast<double>(checkpoint_step); ++k)
            h->add(s.name, s.step[k], s.wall[k], s.value[k]);
        m_history = h;
        return;
      }
    }
    m_error = "no checkpoint at step " + std::to_string(checkpoint_step);
  }

  void publish_now() {
    auto snap = std::make_shared<Snapshot>();
    const Model* shown = &m_model;
    int64_t inspecting = -1;
    if constexpr (std::is_copy_constructible_v<Model>) {
      for (const auto& [step, model] : m_timeline)
        if (step == m_inspect) {
          shown = model.get();
          inspecting = step;
        }
    }
    if (m_hooks.publish) m_hooks.publish(*shown, *snap);
    Progress& p = snap->progress;
    p.step = m_step;
    p.running = m_running;
    p.steps_per_second = m_rate;
    p.wall_seconds = m_train_seconds;
    p.seed = m_seed;
    p.error = m_error;
    p.metrics = m_metrics;
    p.history = m_history;
    p.hyper = m_hyper;
    p.archive = m_archive;
    p.inspecting = inspecting;
    for (const auto& c : m_timeline) p.checkpoints.push_back(c.first);
    p.version = ++m_version;
    std::atomic_store(&m_latest, std::shared_ptr<const Snapshot>(std::move(snap)));
  }

  // Worker-thread state.
  Model m_model;
  Hooks m_hooks;
  int64_t m_step = 0;
  bool m_running = false;
  int64_t m_pending_steps = 0;
  double m_max_rate = 0;
  double m_rate = 0;
  double m_train_seconds = 0;
  uint64_t m_seed = 0;
  uint64_t m_version = 0;
  std::string m_error;
  std::map<std::string, double> m_metrics;
  std::shared_ptr<History> m_history;
  std::map<std::string, double> m_hyper;
  std::shared_ptr<const std::vector<ArchivedRun>> m_archive = std::make_shared<std::vector<ArchivedRun>>();
  std::vector<std::pair<int64_t, std::shared_ptr<const Model>>> m_timeline;
  int64_t m_inspect = -1;

  // Shared state.
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_idle;
  std::deque<Command> m_queue;
  bool m_stop = false;
  uint64_t m_enqueued = 0;            // commands sent
  uint64_t m_published_commands = 0;  // commands applied as of the newest snapshot
  int64_t m_pending_published = 0;    // steps still pending as of the newest snapshot
  std::shared_ptr<const Snapshot> m_latest;
  std::thread m_worker;
};

}  // namespace attend::train
