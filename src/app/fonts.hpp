// FontAtlas: the UI and article fonts, rasterised from one TTF with only the glyphs the
// interface has needed so far, plus the glyphs the TTF lacks drawn by the platform. Layer: app.
// The platform supplies the TTF bytes, draws the missing glyphs (a GlyphDrawer) and uploads the
// atlas texture again whenever update() rebuilds it.
//
// A base set is always there (Latin-1, Latin Extended-A, punctuation, currency, the symbols
// the interface itself draws, and U+FFFD as the visible fallback glyph); every other code point
// is added when some text asks for it (want()). Rasterising only those keeps the start short: a
// fixed atlas of Latin, Greek, Cyrillic and symbols for two sizes took 15 times as long to build
// as the base set (docs/PERFORMANCE.md).
//
// What the TTF does not have is drawn by the platform (docs/TEXT.md): each such code point, in
// both fonts under its own code point, so every widget shows it; and, for the article, each
// grapheme cluster of several code points (an emoji ZWJ sequence, a flag, a keycap, a letter
// with its marks) as one glyph, under an id from the Private Use Area that cluster_glyph()
// gives. Colour glyphs (emoji) are drawn untinted.
#pragma once

#include "app/host.hpp"

#include <imgui.h>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gloss::app {

// Draws a glyph the TTF lacks: text (UTF-8), pixels per em, the baseline's distance from the
// top of the line (Host::draw_glyph).
using GlyphDrawer = std::function<bool(std::string_view, float, float, GlyphImage&)>;

class FontAtlas {
public:
    static constexpr float ui_size = 15.0f;
    static constexpr float article_size = 18.0f;

    FontAtlas();
    ~FontAtlas();
    FontAtlas(const FontAtlas&) = delete;
    FontAtlas& operator=(const FontAtlas&) = delete;

    // Keeps the TTF and builds the atlas of the current ImGui context at size * scale (the
    // interface works in device pixels). False when the bytes are not a usable font: ImGui's
    // built-in font is used then, ui() and article() are null and want() has no effect.
    bool load(std::string ttf, float scale);
    // Who draws the glyphs the TTF lacks; without one they show the fallback glyph.
    void set_drawer(GlyphDrawer drawer) { m_draw = std::move(drawer); }
    // Builds again at another scale at the next update().
    void set_scale(float scale);
    float scale() const { return m_scale; }
    // Asks for the glyphs of a UTF-8 text; those not in the atlas yet are added by the next
    // update(). Cheap for text it has seen: ASCII is skipped, other code points are one bit test
    // (and, within runs of them, a grapheme-cluster walk).
    void want(std::string_view utf8);
    // Whether update() has something to do (also while glyphs the platform draws are still
    // being drawn: at most 120 ms of drawing per update, the article's size first; the atlas is
    // built after the first part and again when all are drawn).
    bool pending() const { return m_pending; }
    // Rebuilds the atlas when glyphs or a scale were asked for since the last build (see
    // pending()). Call it between frames (ImGui locks the atlas during one); true when it
    // rebuilt, and the renderer must upload the texture again.
    bool update();

    ImFont* ui() const { return m_ui; }
    ImFont* article() const { return m_article; }
    // The article font's glyph for a grapheme cluster of several code points, once an update()
    // has drawn it; 0 otherwise (its code points are then drawn one by one).
    ImWchar cluster_glyph(std::u32string_view cluster) const;
    // How many glyphs the platform has drawn so far (each cluster or code point once per size).
    std::size_t drawn_glyphs() const { return m_images.size(); }

private:
    struct Coverage; // the TTF's character map
    // A glyph the TTF lacks: a code point (its own id, in both fonts) or a cluster (an id from
    // the Private Use Area, in the article font only).
    struct Extra {
        ImWchar id;
        std::string utf8;
        bool article_only;
    };
    void build();
    // Draws glyphs the platform draws for up to kDrawBudget; true when none is left to draw.
    bool draw_some();
    void want_code_point(char32_t c); // one not asked for before
    void want_clusters(std::u32string_view run);
    // A text uses `id` as a character of its own: a cluster with that id gets another.
    void release_cluster_id(ImWchar id);
    bool drawn_already(const Extra& extra, float pixels) const;
    // What the platform drew for `extra` at `pixels` (drawn once); null when it could not.
    const GlyphImage* image(const Extra& extra, float pixels);

    std::string m_ttf;
    std::unique_ptr<Coverage> m_coverage;
    float m_scale = 1.0f;
    bool m_usable = false;
    bool m_pending = false;
    bool m_partial = false;            // the atlas was built while glyphs were still being drawn
    ImFontGlyphRangesBuilder m_wanted; // every code point asked for, built or not
    ImVector<ImWchar> m_ranges;        // the atlas's ranges: it keeps a pointer to them
    ImFont* m_ui = nullptr;
    ImFont* m_article = nullptr;
    GlyphDrawer m_draw;
    std::vector<Extra> m_extras;
    // Invisible format characters asked for (bidi controls, zero-width spaces, the word joiner,
    // the soft hyphen): a glyph of no width and no ink in both fonts, in place of the TTF's own.
    std::vector<ImWchar> m_invisible;
    std::unordered_map<std::u32string, ImWchar> m_clusters; // with ids asked for
    // Looked up by view, without a copy: cluster_glyph() runs for every cluster the layout meets.
    struct ClusterHash {
        using is_transparent = void;
        std::size_t operator()(std::u32string_view s) const {
            return std::hash<std::u32string_view>{}(s);
        }
    };
    std::unordered_map<std::u32string, ImWchar, ClusterHash, std::equal_to<>>
        m_built; // with glyphs in the atlas
    ImWchar m_next_cluster_id;
    // What the platform drew, by id and size (in 1/64 pixels): a rebuild draws nothing again.
    std::map<std::pair<ImWchar, int>, std::optional<GlyphImage>> m_images;
};

} // namespace gloss::app
