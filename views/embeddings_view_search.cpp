// The embeddings lab's second tab (topic 13): one query ranked three ways over the same chunks — BM25 and
// TF-IDF, which need the query's words in the chunk, and embedding search, which compares averaged word
// vectors and so also finds chunks that say the same thing in other words. Each hit shows its score and
// whether the other rankers found it; clicking one explains its score term by term. The top chunks of the
// chosen ranking are assembled into the prompt a retrieval-augmented generator would send.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <future>

#include <imgui.h>

#include "core/notes/import.h"
#include "views/embeddings_view_state.h"
#include "views/plot/color.h"

namespace attend::views::embeddings {

namespace {

using namespace std::chrono_literals;

template <class T>
bool ready(const std::future<T>& f) {
  return f.valid() && f.wait_for(0s) == std::future_status::ready;
}

std::string corpus_text_path(const Lab& lab) { return lab.corpus ? lab.corpus->path : std::string(); }

// The vectors semantic search uses: the finished ones when there are, else those trained so far.
std::shared_ptr<const embed::Embeddings> search_words(const Lab& lab) {
  auto v = final_vectors(lab);
  return v ? v : current_vectors(lab);
}

std::string snippet(const std::string& text, size_t max_chars) {
  std::string s = text;
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  if (s.size() <= max_chars) return s;
  size_t cut = s.rfind(' ', max_chars);
  if (cut == std::string::npos || cut < max_chars / 2) cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + " …";
}

}  // namespace

void refresh_search(Lab& lab) {
  // Chunks and keyword indexes for the source.
  if (ready(lab.search_data_job)) lab.search_data = lab.search_data_job.get();
  const std::string path = corpus_text_path(lab);
  const bool want_corpus = lab.search_source == SearchSource::Corpus;
  const bool stale = !lab.search_data || lab.search_data->source != lab.search_source ||
                     (want_corpus && lab.search_data->corpus_path != path);
  if (stale && !lab.search_data_job.valid() && (!want_corpus || !path.empty())) {
    const SearchSource source = lab.search_source;
    const std::vector<std::string> notes_paths = lab.note_paths;
    lab.search_data_job = std::async(std::launch::async, [source, path, notes_paths] {
      auto d = std::make_shared<SearchData>();
      d->source = source;
      d->corpus_path = path;
      embed::SearchChunks chunks;
      if (source == SearchSource::Notes) {
        chunks = embed::card_chunks(notes::import_notes(notes_paths).cards);
      } else if (auto c = embed::file_chunks(path, 30000, 120)) {
        chunks = std::move(c.value());
      }
      d->indexes = std::make_shared<const embed::KeywordIndexes>(embed::build_keyword_indexes(chunks));
      d->chunks = std::make_shared<const embed::SearchChunks>(std::move(chunks));
      return std::shared_ptr<const SearchData>(d);
    });
  }

  // Chunk vectors for the words.
  if (ready(lab.search_vectors_job)) lab.search_vectors = lab.search_vectors_job.get();
  auto words = search_words(lab);
  if (lab.search_data && words && !lab.search_vectors_job.valid() &&
      (!lab.search_vectors || lab.search_vectors->words != words || lab.search_vectors->chunks != lab.search_data->chunks)) {
    auto chunks = lab.search_data->chunks;
    lab.search_vectors_job = std::async(std::launch::async, [words, chunks] {
      auto sv = std::make_shared<SearchVectors>();
      sv->words = words;
      sv->chunks = chunks;
      // idf weights damp the words every chunk has ("the", "of"), and centring removes the direction all
      // word vectors share; without them every average looks alike (cosines all near 1).
      embed::ChunkVectorOptions o;
      o.idf_weights = true;
      o.center = true;
      sv->vectors = std::make_shared<const embed::ChunkVectors>(embed::chunk_vectors(*words, chunks->text, o));
      return std::shared_ptr<const SearchVectors>(sv);
    });
  }

  // The comparison itself (milliseconds, on this thread).
  if (!lab.search_data) return;
  const SearchVectors* sv = lab.search_vectors && lab.search_vectors->chunks == lab.search_data->chunks
                                ? lab.search_vectors.get()
                                : nullptr;
  char key[128];
  std::snprintf(key, sizeof key, "%p|%p|%d|", static_cast<const void*>(lab.search_data.get()), static_cast<const void*>(sv),
                lab.top_n);
  const std::string k = key + lab.query;
  if (k == lab.comparison_key) return;
  lab.comparison_key = k;
  lab.comparison = embed::compare_search(*lab.search_data->chunks, *lab.search_data->indexes, sv ? sv->words.get() : nullptr,
                                         sv ? sv->vectors.get() : nullptr, lab.query, lab.top_n);
}

namespace {

struct Column {
  const char* title;
  const char* tip;
  std::vector<int> chunks;
  std::vector<double> scores;
};

std::vector<Column> columns(const Lab& lab) {
  Column bm{"BM25", "Keyword ranking: term frequency, saturated (k1 = 1.2), times rarity (idf), length-normalised (b = 0.75)", {}, {}};
  Column tf{"TF-IDF", "Keyword ranking: cosine between tf-idf vectors (raw counts × smoothed idf, l2-normalised)", {}, {}};
  Column se{"Embedding search", "Cosine between the averaged unit word vectors of the query and of the chunk", {}, {}};
  for (const auto& h : lab.comparison.bm25) bm.chunks.push_back(static_cast<int>(h.doc)), bm.scores.push_back(h.score);
  for (const auto& h : lab.comparison.tfidf) tf.chunks.push_back(static_cast<int>(h.doc)), tf.scores.push_back(h.score);
  for (const auto& h : lab.comparison.semantic) se.chunks.push_back(h.chunk), se.scores.push_back(h.score);
  return {bm, tf, se};
}

void draw_column(ViewContext& ctx, Lab& lab, const std::vector<Column>& cols, int ci, ImVec2 min, ImVec2 max) {
  const float s = ctx.scale;
  const Column& c = cols[ci];
  char id[16];
  std::snprintf(id, sizeof id, "col%d", ci);
  if (!begin_panel(ctx, id, c.title, min, max, true)) {
    end_panel();
    return;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.tip);
  const embed::SearchChunks& chunks = *lab.search_data->chunks;
  if (c.chunks.empty()) {
    std::string why = "no chunk shares a word with the query";
    if (ci == 2) {
      if (!search_words(lab)) why = "no word vectors yet: train some (Word vectors tab)";
      else if (!lab.search_vectors || lab.search_vectors->chunks != lab.search_data->chunks) why = "embedding the chunks…";
      else why = "no query word has a vector";
    }
    if (lab.query.empty()) why = "type a query above";
    centred_message(ctx, why);
    end_panel();
    return;
  }
  const Palette& pal = *ctx.palette;
  const float width = ImGui::GetContentRegionAvail().x;
  const double top = c.scores.front() > 0 ? c.scores.front() : 1.0;
  for (size_t r = 0; r < c.chunks.size(); ++r) {
    const int chunk = c.chunks[r];
    ImGui::PushID(static_cast<int>(r));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool chosen = lab.explain_column == ci && lab.explain_rank == static_cast<int>(r);
    // Which other rankers put this chunk in their top n.
    std::string also;
    for (int o = 0; o < 3; ++o)
      if (o != ci && std::find(cols[o].chunks.begin(), cols[o].chunks.end(), chunk) != cols[o].chunks.end())
        also += std::string(also.empty() ? "also " : ", ") + cols[o].title;
    const std::string title = snippet(chunks.title[chunk], 80);
    // A card's chunk starts with its question, already shown as the title.
    const std::string& text = chunks.text[chunk];
    const bool repeats = text.compare(0, chunks.title[chunk].size(), chunks.title[chunk]) == 0;
    const std::string body = snippet(repeats ? text.substr(chunks.title[chunk].size()) : text, 240);
    ImGui::BeginGroup();
    char head[48];
    std::snprintf(head, sizeof head, "%zu  ·  %.3f", r + 1, c.scores[r]);
    ImGui::PushFont(ctx.fonts->small);
    ImGui::TextDisabled("%s", head);
    if (!also.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.good), "%s", also.c_str());
    }
    ImGui::PopFont();
    // The score as a bar under the header.
    const ImVec2 q = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(q, ImVec2(q.x + static_cast<float>(width * std::max(0.0, c.scores[r] / top)), q.y + 3 * s),
                                              plot::with_alpha(pal.accent, 0.8f), 1.5f * s);
    ImGui::Dummy(ImVec2(width, 4 * s));
    ImGui::PushFont(ctx.fonts->bold);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopFont();
    ImGui::PushFont(ctx.fonts->small);
    ImGui::TextUnformatted(body.c_str());
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const ImVec2 end = ImGui::GetItemRectMax();
    ImGui::SetCursorScreenPos(p);
    if (ImGui::InvisibleButton("##hit", ImVec2(width, std::max(1.0f, end.y - p.y)))) {
      lab.explain_column = ci;
      lab.explain_rank = static_cast<int>(r);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click: explain this score");
    if (chosen || ImGui::IsItemHovered())
      ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 3 * s, p.y - 2 * s), ImVec2(p.x + width + 3 * s, end.y + 2 * s),
                                          chosen ? pal.highlight : plot::with_alpha(pal.text_dim, 0.5f), 3 * s,
                                          0, chosen ? 1.5f * s : 1.0f);
    ImGui::SetCursorScreenPos(ImVec2(p.x, end.y + 8 * s));
    ImGui::PopID();
  }
  ImGui::Dummy(ImVec2(1, 1));
  end_panel();
}

void share_row(ViewContext& ctx, const std::string& term, double value, double top, const char* detail) {
  const float s = ctx.scale;
  const Palette& pal = *ctx.palette;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = ImGui::GetTextLineHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddText(p, pal.text, term.c_str());
  const float bar_x = p.x + std::min(130 * s, w * 0.35f);
  const float bar_w = std::max(20.0f, w * 0.3f);
  const float len = top > 0 ? static_cast<float>(std::max(0.0, value / top)) * bar_w : 0;
  dl->AddRectFilled(ImVec2(bar_x, p.y + 3 * s), ImVec2(bar_x + len, p.y + h - 3 * s),
                    plot::with_alpha(value >= 0 ? pal.accent : pal.bad, 0.75f), 2 * s);
  char val[96];
  std::snprintf(val, sizeof val, "%+.3f   %s", value, detail);
  dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(bar_x + bar_w + 6 * s, p.y + 2 * s), pal.text_dim, val);
  ImGui::Dummy(ImVec2(w, h));
}

void draw_explanation(ViewContext& ctx, Lab& lab, const std::vector<Column>& cols, ImVec2 min, ImVec2 max) {
  if (!begin_panel(ctx, "explain", "Why this score", min, max, true)) {
    end_panel();
    return;
  }
  const Column& c = cols[std::clamp(lab.explain_column, 0, 2)];
  if (lab.explain_rank < 0 || lab.explain_rank >= static_cast<int>(c.chunks.size())) {
    centred_message(ctx, "click a result to see how its score is made");
    end_panel();
    return;
  }
  const int chunk = c.chunks[lab.explain_rank];
  const embed::SearchChunks& chunks = *lab.search_data->chunks;
  ImGui::PushFont(ctx.fonts->small);
  ImGui::TextDisabled("%s, result %d: %s", c.title, lab.explain_rank + 1, snippet(chunks.title[chunk], 70).c_str());
  ImGui::PopFont();
  if (lab.explain_column < 2) {
    const auto parts = lab.explain_column == 0 ? lab.search_data->indexes->bm25.explain(lab.query, chunk)
                                               : lab.search_data->indexes->tfidf.explain(lab.query, chunk);
    double top = 0;
    for (const auto& t : parts) top = std::max(top, t.score);
    for (const auto& t : parts) {
      char detail[64];
      std::snprintf(detail, sizeof detail, "tf %d · df %d · idf %.2f", t.tf, t.df, t.idf);
      share_row(ctx, t.term, t.score, top, detail);
    }
    ImGui::PushFont(ctx.fonts->small);
    ImGui::TextWrapped("%s", lab.explain_column == 0
                                 ? "BM25 adds one part per query term found in the chunk: rarer terms (higher idf) weigh "
                                   "more, repeats count less and less, long chunks are damped. A term not in the chunk adds 0."
                                 : "TF-IDF scores the angle between the query's and the chunk's term vectors: the parts are "
                                   "each shared term's product of weights.");
    ImGui::PopFont();
  } else if (lab.search_vectors) {
    const auto ex = embed::explain_semantic(*lab.search_vectors->words, *lab.search_vectors->vectors, chunks, chunk, lab.query);
    double top = 0;
    for (const auto& [w, v] : ex.query_words) top = std::max(top, v);
    for (const auto& [w, v] : ex.query_words) share_row(ctx, w, v, top, "share of the cosine");
    if (!ex.nearest_words.empty()) {
      std::string near;
      for (const auto& [w, v] : ex.nearest_words) {
        char b[64];
        std::snprintf(b, sizeof b, "%s%s (%.2f)", near.empty() ? "" : ", ", w.c_str(), v);
        near += b;
      }
      ImGui::PushFont(ctx.fonts->small);
      ImGui::TextWrapped("The chunk's words closest in meaning to the query: %s", near.c_str());
      ImGui::PopFont();
    }
    if (!ex.unknown_words.empty()) {
      std::string list;
      for (const auto& w : ex.unknown_words) list += (list.empty() ? "" : ", ") + w;
      ImGui::PushFont(ctx.fonts->small);
      ImGui::TextDisabled("No vector (ignored): %s", list.c_str());
      ImGui::PopFont();
    }
  }
  end_panel();
}

void draw_prompt(ViewContext& ctx, Lab& lab, const std::vector<Column>& cols, ImVec2 min, ImVec2 max) {
  if (!begin_panel(ctx, "prompt", "Prompt context (retrieval-augmented generation)", min, max)) {
    end_panel();
    return;
  }
  const float s = ctx.scale;
  ImGui::PushFont(ctx.fonts->small);
  ImGui::TextDisabled("the top %d chunks of", lab.top_n);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160 * s);
  const char* names[] = {"BM25", "TF-IDF", "embedding search"};
  ImGui::Combo("##context_from", &lab.context_column, names, 3);
  const Column& c = cols[std::clamp(lab.context_column, 0, 2)];
  const std::string prompt = embed::rag_prompt(*lab.search_data->chunks, c.chunks, lab.query, 400);
  ImGui::SameLine();
  if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(prompt.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy the prompt to the clipboard");
  ImGui::BeginChild("##prompt", ImGui::GetContentRegionAvail(), true);
  ImGui::PushFont(ctx.fonts->small);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(prompt.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::EndChild();
  end_panel();
}

}  // namespace

void draw_search_tab(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  // The query row.
  ImGui::SetCursorScreenPos(min);
  if (lab.query_input[0] == 0 && !lab.query.empty()) std::snprintf(lab.query_input, sizeof lab.query_input, "%s", lab.query.c_str());
  const float row_w = max.x - min.x;
  ImGui::SetNextItemWidth(std::max(200 * s, row_w - 470 * s));
  if (ImGui::InputTextWithHint("##query", "a question, as you would ask it", lab.query_input, sizeof lab.query_input))
    lab.query = lab.query_input;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * s);
  ImGui::SliderInt("##topn", &lab.top_n, 1, 20, "top %d");
  ImGui::SameLine();
  auto source_button = [&](const char* label, SearchSource src) {
    const bool on = lab.search_source == src;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
    if (ImGui::Button(label)) lab.search_source = src;
    if (on) ImGui::PopStyleColor();
  };
  source_button("My notes", SearchSource::Notes);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One chunk per card of your notes (the sample deck until you import yours)");
  ImGui::SameLine(0, 2 * s);
  source_button("Corpus", SearchSource::Corpus);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One chunk per paragraph of the corpus the vectors were trained on");
  ImGui::SameLine();
  ImGui::PushFont(ctx.fonts->small);
  if (auto w = search_words(lab))
    ImGui::TextDisabled("vectors: %s, %d words", method_title(lab.method), w->rows);
  else
    ImGui::TextDisabled("no vectors yet");
  ImGui::PopFont();
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;

  if (!lab.search_data) {
    ImGui::SetCursorScreenPos(ImVec2(min.x, top));
    ImGui::BeginChild("wait", ImVec2(max.x - min.x, max.y - top));
    centred_message(ctx, lab.search_source == SearchSource::Corpus && !lab.corpus ? "no corpus loaded" : "indexing…");
    ImGui::EndChild();
    return;
  }
  const std::vector<Column> cols = columns(lab);
  const float bottom_h = std::round(std::clamp((max.y - top) * 0.34f, 150 * s, 260 * s));
  const float cols_bottom = max.y - bottom_h - gap;
  const float w = std::floor((max.x - min.x - 2 * gap) / 3);
  for (int i = 0; i < 3; ++i) {
    const float x0 = std::round(min.x + i * (w + gap));
    draw_column(ctx, lab, cols, i, ImVec2(x0, top), ImVec2(i == 2 ? max.x : x0 + w, cols_bottom));
  }
  const float half = std::floor((max.x - min.x - gap) * 0.45f);
  draw_explanation(ctx, lab, cols, ImVec2(min.x, cols_bottom + gap), ImVec2(min.x + half, max.y));
  draw_prompt(ctx, lab, cols, ImVec2(min.x + half + gap, cols_bottom + gap), max);
}

}  // namespace attend::views::embeddings
