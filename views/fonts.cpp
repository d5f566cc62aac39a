#include "views/fonts.h"

#include <cstdlib>

#include "core/text/utf8.h"
#include "core/util/files.h"

namespace attend::views {
namespace {

// Unicode blocks beyond ImGui's Latin and Cyrillic tables that notes about ML use.
const ImWchar kMathRanges[] = {
    0x0100, 0x024F,  // Latin Extended-A/B
    0x0370, 0x03FF,  // Greek and Coptic
    0x1D00, 0x1DBF,  // phonetic extensions (small capitals, modifier letters used as superscripts)
    0x2000, 0x206F,  // general punctuation: dashes, quotes, ellipsis, thin spaces
    0x2070, 0x209F,  // superscripts and subscripts
    0x20A0, 0x20CF,  // currency
    0x2100, 0x214F,  // letterlike: ℝ ℕ ℤ ℓ
    0x2150, 0x218F,  // number forms
    0x2190, 0x21FF,  // arrows
    0x2200, 0x22FF,  // mathematical operators
    0x2300, 0x23FF,  // miscellaneous technical: ⌈ ⌉ ⌊ ⌋
    0x2500, 0x25FF,  // box drawing, blocks, geometric shapes
    0x2600, 0x27BF,  // symbols and dingbats: ✓ ✗ ★
    0x27C0, 0x27FF,  // math symbols A, supplemental arrows: ⟨ ⟩ ⟶
    0x2980, 0x2AFF,  // math symbols B, supplemental operators
    0,
};
const ImWchar kGreekRange[] = {0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2000, 0x206F, 0x2070, 0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0};

ImFont* add_font(const std::string& path, float size, const ImVector<ImWchar>& ranges, int oversample) {
  ImFontConfig cfg;
  cfg.OversampleH = oversample;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = oversample == 1;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size, &cfg, ranges.Data);
}

}  // namespace

std::string font_dir() {
  if (const char* d = std::getenv("ATTEND_FONT_DIR"); d && *d) return d;
  return "/usr/share/fonts/truetype/dejavu";
}

Status load_fonts(Fonts& f, float scale, GlyphMode mode) {
  const std::string dir = font_dir();
  const std::string sans = dir + "/DejaVuSans.ttf";
  const std::string sans_bold = dir + "/DejaVuSans-Bold.ttf";
  const std::string mono = dir + "/DejaVuSansMono.ttf";
  // The oblique face comes with Debian's fonts-dejavu-extra; without it emphasis falls back to the body font.
  const std::string oblique = dir + "/DejaVuSans-Oblique.ttf";
  for (const std::string* p : {&sans, &sans_bold, &mono})
    if (!file_exists(*p))
      return make_error(*p, 0, 0, "font missing: install Debian's fonts-dejavu-core (or set ATTEND_FONT_DIR)");

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  f.text_ranges.clear();
  f.basic_ranges.clear();
  {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    b.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
    b.AddRanges(kMathRanges);
    b.BuildRanges(&f.text_ranges);
  }
  {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    b.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
    b.AddRanges(kGreekRange);
    b.BuildRanges(&f.basic_ranges);
  }
  f.size = 16.0f * scale;
  // Oversampling only pays off when the sampler filters between texels.
  const int oversample = mode == GlyphMode::Smooth ? 2 : 1;
  // The body font is first, so it is ImGui's default.
  f.body = add_font(sans, f.size, f.text_ranges, oversample);
  f.bold = add_font(sans_bold, f.size, f.basic_ranges, oversample);
  f.mono = add_font(mono, f.size, f.text_ranges, 1);
  f.italic = file_exists(oblique) ? add_font(oblique, f.size, f.text_ranges, oversample) : f.body;
  f.small = add_font(sans, 12.0f * scale, f.text_ranges, 1);
  f.small_italic = file_exists(oblique) ? add_font(oblique, 12.0f * scale, f.basic_ranges, 1) : f.small;
  f.heading = add_font(sans_bold, 21.0f * scale, f.basic_ranges, 1);
  f.title = add_font(sans_bold, 30.0f * scale, f.basic_ranges, 1);
  if (!f.body || !f.bold || !f.italic || !f.mono || !f.small || !f.small_italic || !f.heading || !f.title)
    return make_error(dir, 0, 0, "cannot load the DejaVu fonts");
  io.Fonts->TexDesiredWidth = 4096;
  if (!io.Fonts->Build()) return make_error(dir, 0, 0, "cannot build the font atlas");
  return Ok{};
}

bool font_has_glyphs(const ImFont* font, const char* utf8) {
  const std::string_view s(utf8);
  for (size_t i = 0; i < s.size();) {
    const char32_t c = text::next_code_point(s, i);
    if (c > 0xFFFF || !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) return false;
  }
  return true;
}

}  // namespace attend::views
