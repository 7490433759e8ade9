// ArticleLayout: wraps a document's text into lines for a width and maps between code points
// and positions. Layer: app. Paragraphs break at '\n'; words wrap at spaces, and a word wider
// than the line breaks between characters. Positions are relative to the text's top-left.
#pragma once

#include "core/text/text.hpp"

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace gloss::app {

class ArticleLayout {
public:
    struct Line {
        std::uint32_t start = 0; // code points, end exclusive, without the '\n'
        std::uint32_t end = 0;
        float y = 0;
    };

    // Re-wraps when the text, font or width changed; cheap otherwise.
    void update(const core::Text& text, ImFont* font, float font_size, float width,
                float paragraph_gap);
    // Re-wraps at the next update() whatever changed (the font's glyphs were rebuilt).
    void invalidate() { m_text = nullptr; }

    const std::vector<Line>& lines() const { return m_lines; }
    float height() const { return m_height; }
    float line_height() const { return m_line_height; }

    // Index of the first line whose bottom is below `y`.
    std::size_t line_at_y(float y) const;
    // The line holding code point `cp` (a position at a line's end belongs to that line).
    std::size_t line_of(std::size_t cp) const;
    // x of the caret before code point `cp` on line `line` (cp in [start, end] of that line).
    float x_of(std::size_t line, std::size_t cp) const;
    // Width of the glyph of code point `cp`.
    float width_of(std::size_t cp) const { return m_text ? advance(m_text->at(cp)) : 0; }
    // The code point whose caret position is nearest to (x, y).
    std::size_t hit(float x, float y) const;

    float advance(char32_t c) const;

private:
    const core::Text* m_text = nullptr;
    std::size_t m_text_size = ~std::size_t{0};
    ImFont* m_font = nullptr;
    float m_font_size = 0;
    float m_width = -1;
    float m_scale = 1;
    float m_line_height = 0;
    float m_height = 0;
    std::vector<Line> m_lines;
};

} // namespace gloss::app
