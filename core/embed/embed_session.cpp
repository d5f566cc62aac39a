#include "core/embed/embed_session.h"

#include <cmath>
#include <thread>

namespace attend::embed {

namespace {

using Clock = std::chrono::steady_clock;

// A finished run has nothing to do; waiting a little keeps a session left running from spinning a core.
void idle() { std::this_thread::sleep_for(std::chrono::milliseconds(5)); }

// A lab may be made before its corpus is loaded (with an empty one): it then has nothing to train on.
bool has_text(const std::shared_ptr<const data::LoadedCorpus>& c) { return c && !c->corpus.ids.empty(); }

bool due(Clock::time_point last, double every_seconds) {
  return std::chrono::duration<double>(Clock::now() - last).count() >= every_seconds;
}

void ensure_pool(std::unique_ptr<WorkerPool>& pool, int threads) {
  threads = std::max(1, threads);
  if (!pool || pool->threads() != threads) pool = std::make_unique<WorkerPool>(threads);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// word2vec

Word2VecLab make_word2vec_lab(std::shared_ptr<const data::LoadedCorpus> corpus, const Word2VecOptions& options) {
  Word2VecLab lab;
  lab.corpus = std::move(corpus);
  lab.options = options;
  return lab;
}

namespace {

void rebuild(Word2VecLab& lab) {
  lab.model = word2vec_init(lab.corpus->vocab, lab.options);
  ensure_pool(lab.pool, lab.options.threads);
  lab.progress = std::make_unique<TrainProgress>();
  lab.progress->total.store(lab.corpus->corpus.raw_words * lab.options.epochs);
  lab.progress->learning_rate.store(static_cast<float>(lab.options.alpha));
  lab.vectors = std::make_shared<const Embeddings>(word2vec_embeddings(lab.model, lab.corpus->vocab));
  lab.vectors_taken = Clock::now();
  lab.words_per_second = 0;
}

}  // namespace

train::Session<Word2VecLab, WordVectorsSnapshot>::Hooks word2vec_hooks() {
  train::Session<Word2VecLab, WordVectorsSnapshot>::Hooks h;
  h.reset = [](Word2VecLab& lab, uint64_t seed) {
    lab.options.seed = seed;
    rebuild(lab);
  };
  h.step = [](Word2VecLab& lab) {
    train::StepReport report;
    if (!has_text(lab.corpus) || word2vec_finished(lab.model)) {
      idle();
      report.loss = lab.progress->loss.load();
      return report;
    }
    const Word2VecReport r = word2vec_train_slice(lab.model, lab.corpus->corpus, lab.slice_words, *lab.pool,
                                                  lab.progress.get());
    if (r.seconds > 0) lab.words_per_second = r.raw_words / r.seconds;
    if (word2vec_finished(lab.model) || due(lab.vectors_taken, lab.vectors_every_seconds)) {
      lab.vectors = std::make_shared<const Embeddings>(word2vec_embeddings(lab.model, lab.corpus->vocab));
      lab.vectors_taken = Clock::now();
    }
    report.loss = r.loss;
    report.metrics = {{"learning_rate", lab.progress->learning_rate.load()},
                      {"words_per_second", lab.words_per_second},
                      {"epoch", static_cast<double>(lab.model.epoch)}};
    return report;
  };
  h.set = [](Word2VecLab& lab, const std::string& name, double v) {
    Word2VecOptions& o = lab.model.options;  // the live copy the trainer reads
    if (name == "alpha") o.alpha = lab.options.alpha = v;
    else if (name == "min_alpha") o.min_alpha = lab.options.min_alpha = v;
    else if (name == "window") o.window = lab.options.window = std::max(0, static_cast<int>(v));
    else if (name == "negative") o.negative = lab.options.negative = std::max(0, static_cast<int>(v));
    else if (name == "epochs") o.epochs = lab.options.epochs = std::max(1, static_cast<int>(v));
    else if (name == "slice_words") lab.slice_words = std::max<int64_t>(1, static_cast<int64_t>(v));
    else if (name == "sample") {
      o.sample = lab.options.sample = v;
      lab.model.keep = data::subsample_thresholds(lab.corpus->vocab, v);
    } else if (name == "threads") {
      o.threads = lab.options.threads = std::max(1, static_cast<int>(v));
      ensure_pool(lab.pool, o.threads);
    } else if (name == "dim") {
      lab.options.dim = std::max(1, static_cast<int>(v));
      rebuild(lab);
    } else if (name == "cbow") {
      lab.options.arch = v != 0 ? Word2VecArch::Cbow : Word2VecArch::SkipGram;
      rebuild(lab);
    } else {
      return false;
    }
    return true;
  };
  h.publish = [](const Word2VecLab& lab, WordVectorsSnapshot& s) {
    const Word2VecOptions& o = lab.model.options;
    s.method = o.arch == Word2VecArch::SkipGram ? "word2vec skip-gram" : "word2vec CBOW";
    s.finished = word2vec_finished(lab.model);
    s.stage = s.finished ? "finished" : "training";
    s.epoch = lab.model.epoch;
    s.epochs = o.epochs;
    s.fraction = lab.progress ? lab.progress->fraction() : 0.0;
    if (s.finished) s.fraction = 1.0;
    s.learning_rate = lab.progress ? lab.progress->learning_rate.load() : o.alpha;
    s.loss = lab.progress ? lab.progress->loss.load() : 0.0;
    s.words_per_second = lab.words_per_second;
    s.vocab_size = lab.corpus->vocab.size();
    s.vectors = lab.vectors;
  };
  h.evaluate_every = 0;
  return h;
}

// ---------------------------------------------------------------------------------------------------------
// GloVe

GloveLab make_glove_lab(std::shared_ptr<const data::LoadedCorpus> corpus, const GloveOptions& options, int epochs) {
  GloveLab lab;
  lab.corpus = std::move(corpus);
  lab.options = options;
  lab.epochs = epochs;
  return lab;
}

namespace {

void restart(GloveLab& lab) {
  ensure_pool(lab.pool, lab.threads);
  lab.cursor = 0;
  lab.epoch_cost = 0;
  lab.last_epoch_loss = 0;
  if (lab.counted) {
    lab.model = glove_init(lab.counts, lab.options);
    lab.vectors = std::make_shared<const Embeddings>(glove_embeddings(lab.model, lab.corpus->vocab.words));
  } else {
    lab.model = GloveModel{};
    lab.vectors.reset();
  }
  lab.vectors_taken = Clock::now();
}

bool glove_finished(const GloveLab& lab) { return lab.counted && lab.model.epoch >= lab.epochs; }

}  // namespace

train::Session<GloveLab, WordVectorsSnapshot>::Hooks glove_hooks() {
  train::Session<GloveLab, WordVectorsSnapshot>::Hooks h;
  h.reset = [](GloveLab& lab, uint64_t seed) {
    lab.options.seed = seed;
    restart(lab);
  };
  h.step = [](GloveLab& lab) {
    train::StepReport report;
    if (!has_text(lab.corpus)) {
      idle();
      return report;
    }
    if (!lab.counted) {
      // The first step counts co-occurrences over the whole corpus (about a second for the default one).
      const data::EncodedCorpus& c = lab.corpus->corpus;
      lab.counts = cooccurrence(c.ids, c.sentence_starts, lab.corpus->vocab.size(), lab.counting);
      lab.counted = true;
      restart(lab);
      report.loss = 0;
      report.metrics = {{"nonzeros", static_cast<double>(lab.counts.nnz())}};
      return report;
    }
    if (glove_finished(lab)) {
      idle();
      report.loss = lab.last_epoch_loss;
      return report;
    }
    const size_t n = lab.model.row.size();
    const size_t end = std::min(n, lab.cursor + static_cast<size_t>(std::max<int64_t>(1, lab.slice_entries)));
    const double cost = glove_train_range(lab.model, lab.cursor, end, lab.pool.get());
    report.loss = end > lab.cursor ? cost / static_cast<double>(end - lab.cursor) : 0.0;
    lab.epoch_cost += cost;
    lab.cursor = end;
    if (lab.cursor >= n) {
      lab.last_epoch_loss = n ? lab.epoch_cost / static_cast<double>(n) : 0.0;
      lab.cursor = 0;
      lab.epoch_cost = 0;
      ++lab.model.epoch;
    }
    if (glove_finished(lab) || due(lab.vectors_taken, lab.vectors_every_seconds)) {
      lab.vectors = std::make_shared<const Embeddings>(glove_embeddings(lab.model, lab.corpus->vocab.words));
      lab.vectors_taken = Clock::now();
    }
    report.metrics = {{"epoch", static_cast<double>(lab.model.epoch)}, {"epoch_loss", lab.last_epoch_loss}};
    return report;
  };
  h.set = [](GloveLab& lab, const std::string& name, double v) {
    if (name == "learning_rate") lab.options.learning_rate = lab.model.options.learning_rate = v;
    else if (name == "epochs") lab.epochs = std::max(1, static_cast<int>(v));
    else if (name == "threads") {
      lab.threads = std::max(1, static_cast<int>(v));
      ensure_pool(lab.pool, lab.threads);
    } else if (name == "slice_entries") lab.slice_entries = std::max<int64_t>(1, static_cast<int64_t>(v));
    else if (name == "window") {
      // A new counting window: the co-occurrence matrix is counted again at the next step.
      lab.counting.window = std::max(1, static_cast<int>(v));
      lab.counted = false;
      lab.counts = SparseMatrix{};
      restart(lab);
    } else if (name == "x_max" || name == "alpha" || name == "dim") {
      // These change the weights or the shapes: start the training over on the same counts.
      if (name == "x_max") lab.options.x_max = v;
      if (name == "alpha") lab.options.alpha = v;
      if (name == "dim") lab.options.dim = std::max(1, static_cast<int>(v));
      restart(lab);
    } else {
      return false;
    }
    return true;
  };
  h.publish = [](const GloveLab& lab, WordVectorsSnapshot& s) {
    s.method = "GloVe";
    s.finished = glove_finished(lab);
    s.stage = !lab.counted ? "counting" : s.finished ? "finished" : "training";
    s.epoch = lab.model.epoch;
    s.epochs = lab.epochs;
    const size_t n = lab.model.row.size();
    s.fraction = !lab.counted || n == 0 ? 0.0
                 : s.finished           ? 1.0
                                        : (lab.model.epoch + static_cast<double>(lab.cursor) / n) / lab.epochs;
    s.learning_rate = lab.options.learning_rate;
    s.loss = lab.last_epoch_loss;
    s.vocab_size = lab.corpus->vocab.size();
    s.nonzeros = lab.counts.nnz();
    s.vectors = lab.vectors;
  };
  h.evaluate_every = 0;
  return h;
}

// ---------------------------------------------------------------------------------------------------------
// Count vectors

CountVectorsLab make_count_vectors_lab(std::shared_ptr<const data::LoadedCorpus> corpus) {
  CountVectorsLab lab;
  lab.corpus = std::move(corpus);
  return lab;
}

train::Session<CountVectorsLab, WordVectorsSnapshot>::Hooks count_vectors_hooks() {
  train::Session<CountVectorsLab, WordVectorsSnapshot>::Hooks h;
  h.reset = [](CountVectorsLab& lab, uint64_t seed) {
    lab.svd.seed = seed;
    lab.stage = 0;
    lab.counts = SparseMatrix{};
    lab.ppmi = SparseMatrix{};
    lab.singular_values.clear();
    lab.vectors.reset();
  };
  h.step = [](CountVectorsLab& lab) {
    train::StepReport report;
    if (!has_text(lab.corpus)) {
      idle();
      return report;
    }
    const data::EncodedCorpus& c = lab.corpus->corpus;
    switch (lab.stage) {
      case 0:
        lab.counts = cooccurrence(c.ids, c.sentence_starts, lab.corpus->vocab.size(), lab.counting);
        report.metrics = {{"nonzeros", static_cast<double>(lab.counts.nnz())}};
        break;
      case 1:
        lab.ppmi = ppmi(lab.counts, lab.weighting);
        report.metrics = {{"ppmi_nonzeros", static_cast<double>(lab.ppmi.nnz())}};
        break;
      case 2: {
        const SvdResult r = truncated_svd(lab.ppmi, lab.svd);
        lab.singular_values = r.s;
        lab.vectors = std::make_shared<const Embeddings>(svd_embeddings(r, lab.corpus->vocab.words, lab.power));
        // Share of the PPMI matrix's squared Frobenius norm the kept singular values explain.
        double total = 0, kept = 0;
        for (float v : lab.ppmi.values) total += static_cast<double>(v) * v;
        for (double s : r.s) kept += s * s;
        report.metrics = {{"explained", total > 0 ? kept / total : 0.0}};
        break;
      }
      default:
        idle();
        return report;
    }
    ++lab.stage;
    return report;
  };
  h.set = [](CountVectorsLab& lab, const std::string& name, double v) {
    if (name == "window") lab.counting.window = std::max(1, static_cast<int>(v));
    else if (name == "distance_weighting") lab.counting.distance_weighting = v != 0;
    else if (name == "ppmi_alpha") lab.weighting.alpha = v;
    else if (name == "shift") lab.weighting.shift = std::max(1e-9, v);
    else if (name == "rank") lab.svd.rank = std::max(1, static_cast<int>(v));
    else if (name == "power") lab.power = v;
    else return false;
    // Counting options invalidate everything; weighting the PPMI and later; the rest only the SVD.
    if (name == "window" || name == "distance_weighting") lab.stage = 0;
    else if (name == "ppmi_alpha" || name == "shift") lab.stage = std::min(lab.stage, 1);
    else lab.stage = std::min(lab.stage, 2);
    return true;
  };
  h.publish = [](const CountVectorsLab& lab, WordVectorsSnapshot& s) {
    static const char* kStages[] = {"counting", "ppmi", "svd", "finished"};
    s.method = "PPMI + SVD";
    s.stage = kStages[std::min(lab.stage, 3)];
    s.finished = lab.stage >= 3;
    s.fraction = lab.stage / 3.0;
    s.vocab_size = lab.corpus->vocab.size();
    s.nonzeros = lab.stage >= 2 ? lab.ppmi.nnz() : lab.counts.nnz();
    s.singular_values = lab.singular_values;
    s.vectors = lab.vectors;
  };
  h.evaluate_every = 0;
  return h;
}

// ---------------------------------------------------------------------------------------------------------

void set_corpus(Word2VecLab& lab, std::shared_ptr<const data::LoadedCorpus> corpus) { lab.corpus = std::move(corpus); }

void set_corpus(GloveLab& lab, std::shared_ptr<const data::LoadedCorpus> corpus) {
  lab.corpus = std::move(corpus);
  lab.counted = false;
  lab.counts = SparseMatrix{};
}

void set_corpus(CountVectorsLab& lab, std::shared_ptr<const data::LoadedCorpus> corpus) {
  lab.corpus = std::move(corpus);
  lab.stage = 0;
  lab.counts = SparseMatrix{};
  lab.ppmi = SparseMatrix{};
}

}  // namespace attend::embed
