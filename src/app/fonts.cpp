// Font loading. Layer: app.
#include "app/fonts.hpp"

#include <cstring>

namespace gloss::app {
namespace {

const ImWchar s_ranges[] = {
    0x0020, 0x036F, // Basic Latin .. combining diacritical marks
    0x0370, 0x03FF, // Greek
    0x0400, 0x052F, // Cyrillic
    0x1E00, 0x1EFF, // Latin Extended Additional
    0x2000, 0x206F, // General Punctuation: dashes, curly quotes, ellipsis
    0x20A0, 0x20CF, // Currency
    0x2100, 0x214F, // Letterlike symbols
    0x2190, 0x21FF, // Arrows
    0x2200, 0x22FF, // Mathematical operators
    0x2500, 0x25FF, // Box drawing, block elements, geometric shapes
    0x2600, 0x27BF, // Miscellaneous symbols, dingbats (check mark)
    0xFFFD, 0xFFFD, // Replacement character: the fallback glyph
    0,
};

ImFont* add(const void* ttf, std::size_t size, float pixels, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = true;
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = false;
    (void)scale;
    void* copy = IM_ALLOC(size);
    std::memcpy(copy, ttf, size);
    ImFont* font =
        io.Fonts->AddFontFromMemoryTTF(copy, static_cast<int>(size), pixels, &config, s_ranges);
    return font;
}

} // namespace

Fonts load_fonts(const void* ttf, std::size_t size, float scale) {
    Fonts fonts;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // stb_truetype asserts on garbage: check the sfnt signature first.
    const auto* b = static_cast<const unsigned char*>(ttf);
    bool looks_like_ttf = size > 12 && ((b[0] == 0 && b[1] == 1 && b[2] == 0 && b[3] == 0) ||
                                        std::memcmp(b, "true", 4) == 0);
    if (!looks_like_ttf) {
        io.Fonts->AddFontDefault();
        io.Fonts->Build();
        return fonts;
    }
    // Rasterised at the scaled size and drawn at it: the whole interface works in device pixels.
    fonts.ui = add(ttf, size, fonts.ui_size * scale, scale);
    fonts.article = add(ttf, size, fonts.article_size * scale, scale);
    // ImGui picks U+FFFD (in the ranges above) as each font's fallback glyph when building.
    io.Fonts->Build();
    return fonts;
}

} // namespace gloss::app
