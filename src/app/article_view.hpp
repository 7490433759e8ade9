// ArticleView: the article in the centre — wrapped text, spans drawn over it, selection by
// mouse. Layer: app. Lays out on width changes and draws only the visible lines.
#pragma once

#include "app/article_layout.hpp"
#include "app/decorations.hpp"
#include "app/session.hpp"

#include <imgui.h>

#include <optional>
#include <utility>
#include <vector>

namespace gloss::app {

struct ScreenRect {
    float x = 0, y = 0, width = 0, height = 0;
};

// What the view shows besides the text, set by the app each frame.
struct ArticleOptions {
    float scale = 1.0f;                    // interface scale (device pixel ratio)
    float height = 0;                      // of the view; 0: the rest of the window
    bool show_corrections = false;         // ERROR corrections drawn over their spans
    std::vector<core::SpanId> numbered;    // a relation's candidates, drawn with 1..9 badges
    core::SpanId relations_of = 0;         // draw this span's relations (the selected one)
    bool all_relations = false;            // or every relation near the lines on screen
    std::vector<Selection> search_matches; // highlighted
};

class ArticleView {
public:
    // Draws inside the current window's remaining space and handles mouse input.
    void draw(Session& session, ImFont* font, float font_size, const ArticleOptions& options);
    // True when the user clicked a span while a speaker was being picked (consumed on read).
    core::SpanId take_clicked_span() { return std::exchange(m_clicked_span, 0); }

    // Screen rectangle (pixels, last frame) covering code points [start, start+1) on its line;
    // nullopt when not visible, or when the session's document is not the one laid out in the
    // last frame (it changed, or the documents moved, since: asked between frames).
    std::optional<ScreenRect> rect_of(const Session& session, std::size_t cp) const;
    // Scrolls so that code point `cp` is visible in the next frame.
    void scroll_to(std::size_t cp) { m_scroll_to = cp; }
    // The atlas with glyphs for grapheme clusters (emoji sequences, letters with marks).
    void set_glyphs(const FontAtlas* glyphs) { m_layout.set_glyphs(glyphs); }
    // Who finds word starts in scripts written without spaces.
    void set_word_finder(std::function<std::vector<std::uint32_t>(std::string_view)> finder) {
        m_layout.set_word_finder(std::move(finder));
    }
    // The font's glyphs changed: lay the text out again in the next frame.
    void invalidate_layout() { m_layout.invalidate(); }
    // The scroll offset of the last frame, and one to apply in the next (a restored session).
    float scroll() const { return m_scroll_y; }
    void restore_scroll(float y) { m_restore_scroll = y; }

    const ArticleLayout& layout() const { return m_layout; }

private:
    void handle_mouse(Session& session, ImVec2 origin);
    void paint_spans(const Session& session, ImDrawList* draw, ImVec2 origin,
                     std::size_t first_line, std::size_t last_line, const ArticleOptions& options);
    // Caret, handles, badges, and the speaker links of spans in [visible_start, visible_end).
    void paint_overlays(const Session& session, ImDrawList* draw, std::size_t visible_start,
                        std::size_t visible_end, const ArticleOptions& options);
    // Review mode (review_view.cpp): every annotator's spans in their colour, the current
    // disagreement outlined.
    void paint_review(const Session& session, ImDrawList* draw, ImVec2 origin,
                      std::size_t first_line, std::size_t last_line);
    void show_hover(const Session& session, std::size_t cp);
    void underline(float x0, float x1, float y, ImU32 color, DecorationStyle style);
    void flush_decorations(ImDrawList* draw);
    // Screen x and line top of the caret before code point `cp` (`as_end`: the caret after
    // cp - 1, which differs where a line wraps).
    ImVec2 position_of(std::size_t cp, bool as_end = false) const;

    ArticleLayout m_layout;
    ImVec2 m_origin{0, 0}; // screen position of the text's top-left, last frame
    ImVec2 m_clip_min{0, 0}, m_clip_max{0, 0};
    bool m_dragging = false;
    int m_dragging_edge = 0; // 1: start of the selected span, 2: its end
    std::size_t m_anchor = 0;
    core::SpanId m_clicked_span = 0;
    ImFont* m_font = nullptr;
    float m_font_size = 0;
    float m_scale = 1.0f;
    std::optional<std::size_t> m_scroll_to;
    std::optional<float> m_restore_scroll;
    DecorationBatch m_decorations; // this frame's underlines, read by the renderer at render time
    float m_scroll_y = 0;
};

} // namespace gloss::app
