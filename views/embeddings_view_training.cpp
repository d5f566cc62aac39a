// The embeddings lab's left column: the corpus (default, with notes, notes alone, or any text file, read
// with a progress bar that can be cancelled), the method and its hyperparameters, the training toolbar with
// progress and live loss, and vectors loaded from a file. The loss curves of every run are drawn by
// draw_curves (the shared curves panel) under the projection when the view is wide, and as a small plot in
// this column when it is not.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <thread>

#include <imgui.h>

#include "core/train/session.h"
#include "views/embeddings_view_state.h"
#include "views/plot/line_plot.h"

namespace attend::views::embeddings {

namespace {

const char* const kCorpusChoices[] = {"Default corpus (Debian texts)", "Default corpus + my notes", "My notes",
                                      "A text file…"};

embed::CorpusRequest request_for_choice(const Lab& lab, int choice, const char* path) {
  embed::CorpusRequest r;
  r.min_count = lab.corpus_request.min_count;
  r.kind = choice == 2 ? embed::CorpusKind::Notes : choice == 3 ? embed::CorpusKind::File : embed::CorpusKind::Default;
  r.include_notes = choice == 1;
  r.path = path;
  // Notes are short: every word that occurs twice is worth a vector there.
  if (r.kind == embed::CorpusKind::Notes) r.min_count = std::min(r.min_count, 2);
  return r;
}

void section(ViewContext& ctx, const char* title) {
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts->bold);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->text_dim), "%s", title);
  ImGui::PopFont();
  ImGui::Separator();
}

void wrapped_error(ViewContext& ctx, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette->bad);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void corpus_section(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  section(ctx, "Corpus");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::Combo("##corpus", &lab.corpus_choice, kCorpusChoices, 4) && lab.corpus_choice != 3)
    request_corpus(lab, request_for_choice(lab, lab.corpus_choice, ""));
  if (lab.corpus_choice == 3) {
    ImGui::SetNextItemWidth(-60 * s);
    const bool enter = ImGui::InputTextWithHint("##path", "/path/to/text.txt or .gz", lab.corpus_path_input,
                                                sizeof lab.corpus_path_input, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Load") || enter) && lab.corpus_path_input[0])
      request_corpus(lab, request_for_choice(lab, 3, lab.corpus_path_input));
  }
  int min_count = lab.min_count_drag > 0 ? lab.min_count_drag : lab.corpus_request.min_count;
  ImGui::SetNextItemWidth(-90 * s);
  ImGui::SliderInt("min count", &min_count, 1, 50);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Words seen fewer times get no vector (applied when you let go)");
  lab.min_count_drag = ImGui::IsItemActive() ? min_count : 0;  // shown while dragging, loaded on release
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    embed::CorpusRequest r = lab.corpus_request;
    r.min_count = min_count;
    request_corpus(lab, r);
  }

  if (lab.loading) {
    const auto& p = *lab.loading->progress;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%s %.0f %%", p.stage.load() == 0 ? "assembling" : "reading",
                  100 * p.fraction.load());
    ImGui::ProgressBar(static_cast<float>(p.fraction.load()), ImVec2(-60 * s, 0), overlay);
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) lab.loading->progress->cancel.store(true);
  } else if (lab.corpus) {
    const auto& c = *lab.corpus->corpus;
    ImGui::TextWrapped("%s: %s words, %s distinct (min count %d), %s lines", lab.corpus->name.c_str(),
                       with_commas(c.corpus.raw_words).c_str(), with_commas(c.vocab.size()).c_str(), c.vocab.min_count,
                       with_commas(lab.corpus->lines).c_str());
  }
  if (!lab.corpus_error.empty()) wrapped_error(ctx, lab.corpus_error);
}

// A hyperparameter: shows what the session was set to (a lesson's train.set included) or the default.
double param_value(const Lab& lab, int m, const train::Progress& p, const char* key) {
  auto it = p.hyper.find(key);
  if (it != p.hyper.end()) return it->second;
  auto d = lab.defaults[m].find(key);
  return d != lab.defaults[m].end() ? d->second : 0.0;
}

// Sliders keep the value being dragged in the lab and send it to the session on release: some of these
// rebuild the model, which should happen once, not on every pixel of a drag.
float slider_width(const ViewContext& ctx) { return -std::round(100 * ctx.scale); }

bool param_int(ViewContext& ctx, train::Control& session, Lab& lab, int m, const train::Progress& p, const char* label,
               const char* key, int lo, int hi, const char* tip) {
  const std::string id = std::to_string(m) + key;
  int v = lab.active_param == id ? static_cast<int>(lab.active_value)
                                 : static_cast<int>(std::lround(param_value(lab, m, p, key)));
  ImGui::SetNextItemWidth(slider_width(ctx));
  ImGui::SliderInt(label, &v, lo, hi);
  if (tip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  if (ImGui::IsItemActive()) {
    lab.active_param = id;
    lab.active_value = v;
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    lab.active_param.clear();
    session.set(key, v);
    return true;
  }
  return false;
}

bool param_float(ViewContext& ctx, train::Control& session, Lab& lab, int m, const train::Progress& p,
                 const char* label, const char* key, float lo, float hi, const char* fmt, bool log, const char* tip) {
  const std::string id = std::to_string(m) + key;
  float v = lab.active_param == id ? static_cast<float>(lab.active_value) : static_cast<float>(param_value(lab, m, p, key));
  ImGui::SetNextItemWidth(slider_width(ctx));
  ImGui::SliderFloat(label, &v, lo, hi, fmt, log ? ImGuiSliderFlags_Logarithmic : 0);
  if (tip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  if (ImGui::IsItemActive()) {
    lab.active_param = id;
    lab.active_value = v;
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    lab.active_param.clear();
    session.set(key, v);
    return true;
  }
  return false;
}

void method_params(ViewContext& ctx, Lab& lab, train::Control& session, const train::Progress& p) {
  const int threads_max = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  switch (lab.method) {
    case Method::Counts: {
      bool changed = false;
      changed |= param_int(ctx, session, lab, 0, p, "window", "window", 1, 10, "Words on each side that count as context");
      bool weighted = param_value(lab, 0, p, "distance_weighting") != 0;
      if (ImGui::Checkbox("weight by 1/distance", &weighted)) {
        session.set("distance_weighting", weighted ? 1 : 0);
        changed = true;
      }
      changed |= param_float(ctx, session, lab, 0, p, "context α", "ppmi_alpha", 0.5f, 1.0f, "%.2f", false,
                             "Context-distribution smoothing: counts^α (1 = none); lowers PMI of rare contexts");
      changed |= param_float(ctx, session, lab, 0, p, "shift k", "shift", 1.0f, 15.0f, "%.1f", true,
                             "Shifted PPMI: subtract log k (word2vec with k negatives corresponds to k)");
      changed |= param_int(ctx, session, lab, 0, p, "rank (dim)", "rank", 2, 300, "Singular vectors kept: the dimension");
      changed |= param_float(ctx, session, lab, 0, p, "Σ power", "power", 0.0f, 1.0f, "%.2f", false,
                             "Embeddings are U·Σ^p (0: U alone, 1: classic LSA)");
      // Counting, weighting and the SVD take a second or two: update() redoes them at once.
      if (changed) lab.counts_kicked = false;
      break;
    }
    case Method::Word2Vec: {
      int cbow = static_cast<int>(param_value(lab, 1, p, "cbow"));
      ImGui::SetNextItemWidth(-1);
      const char* archs[] = {"skip-gram: a word predicts its context", "CBOW: the context predicts the word"};
      if (ImGui::Combo("##arch", &cbow, archs, 2)) session.set("cbow", cbow);
      param_int(ctx, session, lab, 1, p, "dim", "dim", 2, 300, "Vector length (rebuilds the model)");
      param_int(ctx, session, lab, 1, p, "window", "window", 1, 15, "Largest context window (word2vec shrinks it at random)");
      param_int(ctx, session, lab, 1, p, "negatives", "negative", 1, 20, "Noise words per true pair");
      param_int(ctx, session, lab, 1, p, "epochs", "epochs", 1, 30, nullptr);
      param_float(ctx, session, lab, 1, p, "learning rate", "alpha", 0.001f, 0.1f, "%.4f", true,
                  "Starting rate; falls linearly to 0.0001");
      param_float(ctx, session, lab, 1, p, "subsample", "sample", 1e-5f, 1e-1f, "%.0e", true,
                  "Frequent words are skipped with probability growing with their count");
      param_int(ctx, session, lab, 1, p, "threads", "threads", 1, threads_max, nullptr);
      break;
    }
    case Method::Glove: {
      param_int(ctx, session, lab, 2, p, "dim", "dim", 2, 300, "Vector length (starts over)");
      param_int(ctx, session, lab, 2, p, "window", "window", 1, 15, "Counting window, 1/distance weighted (counts again)");
      param_int(ctx, session, lab, 2, p, "epochs", "epochs", 1, 100, nullptr);
      param_float(ctx, session, lab, 2, p, "learning rate", "learning_rate", 0.005f, 0.5f, "%.3f", true, "AdaGrad's step");
      param_float(ctx, session, lab, 2, p, "x_max", "x_max", 5.0f, 500.0f, "%.0f", true,
                  "Counts above this get full weight f(x) = 1");
      param_float(ctx, session, lab, 2, p, "weight α", "alpha", 0.1f, 1.0f, "%.2f", false, "f(x) = (x / x_max)^α");
      param_int(ctx, session, lab, 2, p, "threads", "threads", 1, threads_max, nullptr);
      break;
    }
    case Method::File: break;
  }
}

void progress_line(ViewContext& ctx, Lab& lab, const embed::WordVectorsSnapshot& snap) {
  const float s = ctx.scale;
  char overlay[128];
  if (lab.method == Method::Counts) {
    static const char* stages[] = {"counting co-occurrences", "weighting: PPMI", "factorising: SVD"};
    const int st = std::clamp(static_cast<int>(std::lround(snap.fraction * 3)), 0, 2);
    std::snprintf(overlay, sizeof overlay, "%s", snap.finished ? "counted · weighted · factorised" : stages[st]);
  } else if (lab.method == Method::Word2Vec) {
    std::snprintf(overlay, sizeof overlay, "epoch %d/%d · lr %.4f · %.2f M words/s", std::min(snap.epoch + 1, snap.epochs),
                  snap.epochs, snap.learning_rate, snap.words_per_second / 1e6);
  } else {
    std::snprintf(overlay, sizeof overlay, "%s · epoch %d/%d", snap.stage.c_str(), std::min(snap.epoch + 1, snap.epochs),
                  snap.epochs);
  }
  if (snap.finished && lab.method != Method::Counts)
    std::snprintf(overlay + std::strlen(overlay), sizeof overlay - std::strlen(overlay), " · finished");
  ImGui::ProgressBar(static_cast<float>(snap.fraction), ImVec2(-1, 0), overlay);
  if (lab.method == Method::Counts) {
    if (snap.nonzeros > 0)
      ImGui::TextDisabled("%s non-zero %s entries", with_commas(snap.nonzeros).c_str(), snap.finished ? "PPMI" : "co-occurrence");
    if (!snap.singular_values.empty())
      ImGui::TextDisabled("σ₁ = %.1f … σ%d = %.2f", snap.singular_values.front(), static_cast<int>(snap.singular_values.size()),
                          snap.singular_values.back());
  } else if (snap.loss > 0) {
    ImGui::Text("loss %.4f", snap.loss);
    if (lab.method == Method::Glove && snap.nonzeros > 0) {
      ImGui::SameLine(0, 10 * s);
      ImGui::TextDisabled("%s pairs", with_commas(snap.nonzeros).c_str());
    }
  }
}

void file_section(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  ImGui::TextWrapped("word2vec text (.txt, .vec, GloVe) or the Projector's TSV (vectors.tsv + metadata.tsv).");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##vectors", "vectors file", lab.vectors_path_input, sizeof lab.vectors_path_input);
  ImGui::SetNextItemWidth(-60 * s);
  ImGui::InputTextWithHint("##metadata", "metadata.tsv (optional)", lab.metadata_path_input, sizeof lab.metadata_path_input);
  ImGui::SameLine();
  if (ImGui::Button("Load##vectors") && lab.vectors_path_input[0])
    (void)load_vectors_file(lab, lab.vectors_path_input, lab.metadata_path_input);
  if (lab.file_vectors)
    ImGui::TextWrapped("%s: %s vectors of %d numbers%s", lab.file_name.c_str(), with_commas(lab.file_vectors->rows).c_str(),
                       lab.file_vectors->dim, lab.file_vectors->metadata_columns.empty() ? "" : ", with metadata");
  if (!lab.file_error.empty()) wrapped_error(ctx, lab.file_error);
}

// PPMI + SVD has no loss curve: what it has is the spectrum, how much each direction of the PPMI matrix
// carries. A fast fall means a few dozen dimensions hold most of the structure.
void spectrum_plot(ViewContext& ctx, Lab& lab, const embed::WordVectorsSnapshot& snap, ImVec2 size) {
  plot::LinePlot lp;
  lp.x.label = "k";
  lp.y.label = "singular value σₖ of the PPMI matrix";
  lp.y.scale = plot::AxisScale::Log;
  lp.legend = false;
  lp.empty_text = "no SVD yet: press Run";
  std::vector<double> k;
  for (size_t i = 0; i < snap.singular_values.size(); ++i) k.push_back(static_cast<double>(i + 1));
  if (!k.empty()) {
    plot::LineSeries ls;
    ls.x = k;
    ls.y = snap.singular_values;
    ls.markers = k.size() <= 60;
    lp.series.push_back(ls);
  }
  plot::draw_line_plot(ctx, "spectrum", lp, size, &lab.spectrum_plot);
}

void mini_loss(ViewContext& ctx, Lab& lab, const embed::WordVectorsSnapshot& snap) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const train::Progress& p = snap.progress;
  if (avail.y < 90 * ctx.scale || !p.history) return;
  const ImVec2 size(-1, std::min(avail.y, 170 * ctx.scale));
  if (lab.method == Method::Counts) {
    spectrum_plot(ctx, lab, snap, size);
    return;
  }
  const train::Series* loss = p.history->find("loss");
  plot::LinePlot lp;
  lp.x.label = "step";
  lp.y.label = "loss";
  lp.legend = false;
  lp.smoothing = 0.6;
  lp.empty_text = "no training yet: press Run";
  if (loss && !loss->value.empty()) {
    plot::LineSeries ls;
    ls.x = loss->step;
    ls.y = loss->value;
    ls.markers = loss->value.size() < 20;
    lp.series.push_back(ls);
  }
  plot::draw_line_plot(ctx, "mini_loss", lp, size, &lab.mini_loss);
}

}  // namespace

void draw_training_panel(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max, bool with_mini_loss) {
  if (!begin_panel(ctx, "training", "Corpus and training", min, max, true)) {
    end_panel();
    return;
  }
  corpus_section(ctx, lab);

  section(ctx, "Method");
  int m = static_cast<int>(lab.method);
  const char* methods[] = {"PPMI + SVD (counts, topic 10)", "word2vec (topic 11)", "GloVe (topic 11)", "Vectors from a file"};
  ImGui::SetNextItemWidth(-1);
  if (ImGui::Combo("##method", &m, methods, 4)) lab.method = static_cast<Method>(m);

  if (lab.method == Method::File) {
    file_section(ctx, lab);
  } else {
    train::Control* session = method_session(lab, lab.method);
    auto snap = method_snapshot(lab, lab.method);
    const train::Progress& p = snap->progress;
    method_params(ctx, lab, *session, p);
    ImGui::Spacing();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(5 * ctx.scale, 2 * ctx.scale));
    draw_session_toolbar(ctx, *session, p, lab.toolbar[m]);
    ImGui::PopStyleVar();
    progress_line(ctx, lab, *snap);
    if (with_mini_loss) mini_loss(ctx, lab, *snap);
  }
  end_panel();
}

void draw_curves(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max) {
  if (!begin_panel(ctx, "curves", nullptr, min, max)) {
    end_panel();
    return;
  }
  // The curves of what Run drives: the method's training while it runs or when the projection is not
  // t-SNE, else the t-SNE optimisation (its loss is the KL divergence, checked every 50 iterations).
  auto snap = method_snapshot(lab, lab.method);
  const bool training = snap && snap->progress.running;
  if (lab.method == Method::Counts && (training || lab.projection != Projection::Tsne)) {
    ImGui::PushFont(ctx.fonts->bold);
    ImGui::TextUnformatted("PPMI + SVD · the spectrum: how much each kept direction carries");
    ImGui::PopFont();
    spectrum_plot(ctx, lab, *snap, ImGui::GetContentRegionAvail());
  } else if (lab.method != Method::File && (training || lab.projection != Projection::Tsne)) {
    const int m = static_cast<int>(lab.method);
    ImGui::PushFont(ctx.fonts->bold);
    ImGui::Text("%s · every run", method_title(lab.method));
    ImGui::PopFont();
    draw_curves_panel(ctx, "vector_curves", snap->progress, lab.curves[m], ImGui::GetContentRegionAvail());
  } else {
    ImGui::PushFont(ctx.fonts->bold);
    ImGui::TextUnformatted("t-SNE · KL divergence by iteration, every map");
    ImGui::PopFont();
    draw_curves_panel(ctx, "tsne_curves", lab.tsne->latest()->progress, lab.tsne_curves, ImGui::GetContentRegionAvail());
  }
  end_panel();
}

}  // namespace attend::views::embeddings
