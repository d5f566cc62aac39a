// TrainProgress: what a long-running embedding method tells the outside while it runs — how far it is, its
// current learning rate and a running loss — through relaxed atomics, so the training threads never wait
// on a reader, and a cancel flag they poll between batches. The session hooks (embed_session.h) copy it
// into snapshots; a view or a command-line progress bar can also read it directly from another thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace attend::embed {

struct TrainProgress {
  std::atomic<int64_t> done{0};       // units processed: raw words (word2vec), entries (GloVe), steps (SVD)
  std::atomic<int64_t> total{0};      // units in the whole run
  std::atomic<int> epoch{0};
  std::atomic<float> learning_rate{0};
  std::atomic<double> loss{0};        // running estimate: mean loss per example over recent work
  std::atomic<bool> cancel{false};    // set by anyone; the method stops at its next check

  double fraction() const {
    const int64_t t = total.load(std::memory_order_relaxed);
    return t > 0 ? static_cast<double>(done.load(std::memory_order_relaxed)) / t : 0.0;
  }
  bool cancelled() const { return cancel.load(std::memory_order_relaxed); }
};

}  // namespace attend::embed
