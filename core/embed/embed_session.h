// Word-vector training inside a train::Session, so the embeddings lab trains while the view draws:
// word2vec (skip-gram or CBOW), GloVe, and count vectors (co-occurrence → PPMI → SVD). Each "step" is a
// small slice of work (tens of milliseconds), so pause, hyperparameter changes and snapshots stay prompt.
//
//   auto corpus = std::make_shared<const data::LoadedCorpus>(*data::load_corpus(path, {}));
//   train::Session<Word2VecLab, WordVectorsSnapshot> s(make_word2vec_lab(corpus, {}), word2vec_hooks(), 1);
//   s.run();
//   auto snap = s.latest();   // snap->fraction, snap->loss, snap->vectors (a copy, refreshed about once a second)
//
// Hyperparameters by name (Control::set): word2vec: alpha, min_alpha, window, negative, sample, epochs,
// threads, slice_words; dim and cbow (0/1) rebuild the model. GloVe: learning_rate, x_max, alpha, epochs,
// threads; dim rebuilds; window counts again. Count vectors: window, distance_weighting (0/1), ppmi_alpha, shift, rank, power —
// any of them restarts the pipeline. reset(seed) starts over with that seed.
//
// When a run is finished, step() does nothing but wait briefly; the lesson or view pauses the session when
// the snapshot says finished.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/data/corpus_vocab.h"
#include "core/embed/cooccurrence.h"
#include "core/embed/glove.h"
#include "core/embed/train_progress.h"
#include "core/embed/word2vec.h"
#include "core/embed/worker_pool.h"
#include "core/train/session.h"

namespace attend::embed {

// What every word-vector session publishes.
struct WordVectorsSnapshot {
  train::Progress progress;
  std::string method;              // "word2vec skip-gram", "word2vec CBOW", "GloVe", "PPMI + SVD"
  std::string stage;               // "counting", "training", "ppmi", "svd", "finished"
  int epoch = 0, epochs = 0;
  double fraction = 0;             // of the whole run, 0..1
  double learning_rate = 0;
  double loss = 0;                 // running loss per example (word2vec, GloVe)
  double words_per_second = 0;     // word2vec: raw corpus words per second of training
  int64_t vocab_size = 0;
  int64_t nonzeros = 0;            // co-occurrence / PPMI entries (GloVe, count vectors)
  std::vector<double> singular_values;  // count vectors
  bool finished = false;
  std::shared_ptr<const Embeddings> vectors;  // the latest copy of the word vectors (null before the first)
};

// ---------------------------------------------------------------------------------------------------------

struct Word2VecLab {
  std::shared_ptr<const data::LoadedCorpus> corpus;
  Word2VecOptions options;
  int64_t slice_words = 20000;        // corpus tokens per step
  double vectors_every_seconds = 1.0; // how often the snapshot's vectors are refreshed while training

  Word2VecModel model;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<TrainProgress> progress;
  std::shared_ptr<const Embeddings> vectors;
  double words_per_second = 0;
  std::chrono::steady_clock::time_point vectors_taken{};
};

Word2VecLab make_word2vec_lab(std::shared_ptr<const data::LoadedCorpus> corpus, const Word2VecOptions& options);
train::Session<Word2VecLab, WordVectorsSnapshot>::Hooks word2vec_hooks();

// ---------------------------------------------------------------------------------------------------------

struct GloveLab {
  std::shared_ptr<const data::LoadedCorpus> corpus;
  GloveOptions options;
  CooccurrenceOptions counting{10, true, true};  // glove.c's defaults: window 10, 1/distance
  int epochs = 25;
  int threads = 1;
  int64_t slice_entries = 200000;
  double vectors_every_seconds = 1.0;

  bool counted = false;
  SparseMatrix counts;
  GloveModel model;
  size_t cursor = 0;                  // next entry of the current epoch
  double epoch_cost = 0;
  double last_epoch_loss = 0;
  std::unique_ptr<WorkerPool> pool;
  std::shared_ptr<const Embeddings> vectors;
  std::chrono::steady_clock::time_point vectors_taken{};
};

GloveLab make_glove_lab(std::shared_ptr<const data::LoadedCorpus> corpus, const GloveOptions& options, int epochs = 25);
train::Session<GloveLab, WordVectorsSnapshot>::Hooks glove_hooks();

// ---------------------------------------------------------------------------------------------------------

struct CountVectorsLab {
  std::shared_ptr<const data::LoadedCorpus> corpus;
  CooccurrenceOptions counting;
  PpmiOptions weighting;
  SvdOptions svd;
  double power = 0.5;                 // embeddings = U Σ^power

  int stage = 0;                      // 0 count, 1 PPMI, 2 SVD, 3 finished
  SparseMatrix counts, ppmi;
  std::vector<double> singular_values;
  std::shared_ptr<const Embeddings> vectors;
};

CountVectorsLab make_count_vectors_lab(std::shared_ptr<const data::LoadedCorpus> corpus);
train::Session<CountVectorsLab, WordVectorsSnapshot>::Hooks count_vectors_hooks();

// ---------------------------------------------------------------------------------------------------------

// A new corpus for a lab that exists, inside a session command; follow it with the session's reset(seed),
// which rebuilds the model on the new vocabulary. What was counted or trained on the old corpus is dropped.
// A lab may start with an empty corpus (the text still loading): its steps then do nothing.
//
//   s.post([c](Word2VecLab& lab) { set_corpus(lab, c); });
//   s.reset(1);
void set_corpus(Word2VecLab& lab, std::shared_ptr<const data::LoadedCorpus> corpus);
void set_corpus(GloveLab& lab, std::shared_ptr<const data::LoadedCorpus> corpus);
void set_corpus(CountVectorsLab& lab, std::shared_ptr<const data::LoadedCorpus> corpus);

}  // namespace attend::embed
