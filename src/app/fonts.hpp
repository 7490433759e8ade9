// Fonts: the UI and article fonts built from one TTF with the Unicode ranges news text needs
// (Latin, Greek, Cyrillic, punctuation, currency, arrows, symbols) and U+FFFD as the visible
// fallback glyph. Layer: app. The platform supplies the TTF bytes.
#pragma once

#include <imgui.h>

#include <cstddef>

namespace gloss::app {

struct Fonts {
    ImFont* ui = nullptr;
    ImFont* article = nullptr;
    float ui_size = 15.0f;
    float article_size = 18.0f;
};

// Adds both fonts to the atlas of the current context (the atlas copies `ttf`) and builds it.
// `scale` is the interface scale (the device pixel ratio): fonts are built at size*scale.
// Returns fonts with null pointers when the data is not a usable font.
Fonts load_fonts(const void* ttf, std::size_t size, float scale);

} // namespace gloss::app
