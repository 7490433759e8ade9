// FontAtlas: the UI and article fonts, rasterised from one TTF with only the glyphs the
// interface has needed so far. Layer: app. The platform supplies the TTF bytes and uploads the
// atlas texture again whenever update() rebuilds it.
//
// A base set is always there (Latin-1, Latin Extended-A, punctuation, currency, the symbols
// the interface itself draws, and U+FFFD as the visible fallback glyph); every other code point
// is added when some text asks for it (want()). Rasterising only those keeps the start short: a
// fixed atlas of Latin, Greek, Cyrillic and symbols for two sizes took 15 times as long to build
// as the base set (docs/PERFORMANCE.md).
#pragma once

#include <imgui.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace gloss::app {

class FontAtlas {
public:
    static constexpr float ui_size = 15.0f;
    static constexpr float article_size = 18.0f;

    // Keeps the TTF and builds the atlas of the current ImGui context at size * scale (the
    // interface works in device pixels). False when the bytes are not a usable font: ImGui's
    // built-in font is used then, ui() and article() are null and want() has no effect.
    bool load(std::string ttf, float scale);
    // Builds again at another scale at the next update().
    void set_scale(float scale);
    float scale() const { return m_scale; }
    // Asks for the glyphs of a UTF-8 text; those not in the atlas yet are added by the next
    // update(). Cheap for text it has seen: ASCII is skipped, other code points are one bit test.
    void want(std::string_view utf8);
    // Whether update() has something to do.
    bool pending() const { return m_pending; }
    // Rebuilds the atlas when glyphs or a scale were asked for since the last build. Call it
    // between frames (ImGui locks the atlas during one); true when it rebuilt, and the renderer
    // must upload the texture again.
    bool update();

    ImFont* ui() const { return m_ui; }
    ImFont* article() const { return m_article; }

private:
    void build();

    std::string m_ttf;
    float m_scale = 1.0f;
    bool m_usable = false;
    bool m_pending = false;
    ImFontGlyphRangesBuilder m_wanted; // every code point asked for, built or not
    ImVector<ImWchar> m_ranges;        // the atlas's ranges: it keeps a pointer to them
    ImFont* m_ui = nullptr;
    ImFont* m_article = nullptr;
};

} // namespace gloss::app
