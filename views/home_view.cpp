#include "views/home_view.h"

#include <algorithm>
#include <cfloat>

namespace attend::views {
namespace {

bool entry_card(ViewContext& ctx, const HomeEntry& e, float width) {
  const Palette& pal = *ctx.palette;
  const float pad = 10.0f * ctx.scale;
  const ImFont* bold = ctx.fonts->bold;
  const ImFont* body = ctx.fonts->body;
  const ImFont* small = ctx.fonts->small;
  // The badge sits at the top right; the title wraps beside it, the summary under both.
  const float badge_w = e.badge.empty() ? 0.0f : small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, e.badge.c_str()).x + 8 * ctx.scale;
  const float title_wrap = std::max(40.0f, width - 2 * pad - badge_w);
  const ImVec2 title_size = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, title_wrap, e.title.c_str());
  const ImVec2 summary_size = body->CalcTextSizeA(body->FontSize, FLT_MAX, width - 2 * pad, e.summary.c_str());
  const float gap = 4 * ctx.scale;
  const float height = pad * 2 + title_size.y + gap + summary_size.y + (e.progress >= 0 ? 10 * ctx.scale : 0);
  ImGui::PushID(e.target.c_str());
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton("card", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + width, p0.y + height);
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg), 6 * ctx.scale);
  if (hovered) dl->AddRect(p0, p1, pal.accent, 6 * ctx.scale, 0, 1.5f * ctx.scale);
  if (!e.badge.empty()) {
    const ImU32 colour = e.progress >= 1 ? pal.good : pal.accent;
    dl->AddText(small, small->FontSize, ImVec2(p1.x - pad - badge_w + 8 * ctx.scale, p0.y + pad + (bold->FontSize - small->FontSize) / 2),
                colour, e.badge.c_str());
  }
  dl->AddText(bold, bold->FontSize, ImVec2(p0.x + pad, p0.y + pad), pal.text, e.title.c_str(), nullptr, title_wrap);
  dl->AddText(body, body->FontSize, ImVec2(p0.x + pad, p0.y + pad + title_size.y + gap), pal.text_dim, e.summary.c_str(),
              nullptr, width - 2 * pad);
  if (e.progress >= 0) {
    const float y = p1.y - pad * 0.6f - 3 * ctx.scale;
    dl->AddRectFilled(ImVec2(p0.x + pad, y), ImVec2(p1.x - pad, y + 3 * ctx.scale), pal.grid, 2);
    if (e.progress > 0)
      dl->AddRectFilled(ImVec2(p0.x + pad, y),
                        ImVec2(p0.x + pad + (width - 2 * pad) * std::clamp(e.progress, 0.0f, 1.0f), y + 3 * ctx.scale),
                        e.progress >= 1 ? pal.good : pal.accent, 2);
  }
  ImGui::PopID();
  return clicked;
}

}  // namespace

std::string draw_home_view(ViewContext& ctx, const std::vector<HomeEntry>& entries, const std::string& notice) {
  std::string chosen;
  const Palette& pal = *ctx.palette;
  ImGui::PushFont(ctx.fonts->title);
  ImGui::TextUnformatted("Attend");
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.text_dim));
  ImGui::TextWrapped("Watch machine learning happen: train a model, stop it at any moment and look inside. "
                     "Pick a lesson, open a lab, or study your own notes.");
  ImGui::PopStyleColor();
  if (!notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.warning));
    ImGui::TextWrapped("%s", notice.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();

  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = 10.0f * ctx.scale;
  const int columns = std::max(1, static_cast<int>((avail + gap) / (300.0f * ctx.scale + gap)));
  const float width = (avail - gap * (columns - 1)) / columns;

  std::vector<std::string> sections;
  for (const HomeEntry& e : entries)
    if (std::find(sections.begin(), sections.end(), e.section) == sections.end()) sections.push_back(e.section);
  for (const std::string& section : sections) {
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts->heading);
    ImGui::TextUnformatted(section.c_str());
    ImGui::PopFont();
    // Cells flow left to right in rows of `columns`: a captioned group (a topic and its lessons) is one cell
    // with its cards stacked under the caption; an entry without a group is a cell of its own.
    std::vector<std::vector<const HomeEntry*>> cells;
    for (const HomeEntry& e : entries) {
      if (e.section != section) continue;
      if (cells.empty() || e.group.empty() || cells.back().front()->group != e.group) cells.emplace_back();
      cells.back().push_back(&e);
    }
    const float left = ImGui::GetStyle().WindowPadding.x;
    float row_top = ImGui::GetCursorPosY(), row_bottom = row_top;
    for (size_t i = 0; i < cells.size(); ++i) {
      const int col = static_cast<int>(i % static_cast<size_t>(columns));
      if (col == 0 && i > 0) row_top = row_bottom + gap * 0.5f;
      const float x = left + col * (width + gap);
      float y = row_top;
      if (!cells[i].front()->group.empty()) {
        ImGui::SetCursorPos(ImVec2(x, y));
        ImGui::PushTextWrapPos(x + width);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.text_dim));
        ImGui::TextUnformatted(cells[i].front()->group.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        y = ImGui::GetCursorPosY();
      }
      for (const HomeEntry* e : cells[i]) {
        ImGui::SetCursorPos(ImVec2(x, y));
        if (entry_card(ctx, *e, width)) chosen = e->target;
        y = ImGui::GetCursorPosY() + gap * 0.3f;
      }
      row_bottom = std::max(row_bottom, y);
    }
    ImGui::SetCursorPosY(row_bottom + gap * 0.5f);
  }
  return chosen;
}

}  // namespace attend::views
