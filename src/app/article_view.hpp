// ArticleView: the article in the centre — wrapped text, spans drawn over it, selection by
// mouse. Layer: app. Lays out on width changes and draws only the visible lines.
#pragma once

#include "app/article_layout.hpp"
#include "app/session.hpp"

#include <imgui.h>

#include <optional>

namespace gloss::app {

struct ScreenRect {
    float x = 0, y = 0, width = 0, height = 0;
};

class ArticleView {
public:
    // Draws inside the current window's remaining space and handles mouse input.
    void draw(Session& session, ImFont* font, float font_size);

    // Screen rectangle (pixels, last frame) covering code points [start, start+1) on its line;
    // nullopt when not visible.
    std::optional<ScreenRect> rect_of(std::size_t cp) const;
    // Scrolls so that code point `cp` is visible in the next frame.
    void scroll_to(std::size_t cp) { m_scroll_to = cp; }

    const ArticleLayout& layout() const { return m_layout; }

private:
    void handle_mouse(Session& session, ImVec2 origin);
    void paint_spans(const Session& session, ImDrawList* draw, ImVec2 origin, std::size_t first_line,
                     std::size_t last_line);

    ArticleLayout m_layout;
    ImVec2 m_origin{0, 0};     // screen position of the text's top-left, last frame
    ImVec2 m_clip_min{0, 0}, m_clip_max{0, 0};
    bool m_dragging = false;
    std::size_t m_anchor = 0;
    std::optional<std::size_t> m_scroll_to;
};

} // namespace gloss::app
