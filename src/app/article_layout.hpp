// ArticleLayout: wraps a document's text into lines for a width and maps between code points
// and positions. Layer: app. The text is laid out in units: a code point, or a grapheme cluster
// of several (an emoji sequence, a letter with its marks) that the font atlas has one glyph for,
// or an Arabic lam-alef ligature; Arabic letters are drawn in their joining forms.
// Paragraphs break at '\n'; lines wrap after spaces, around CJK characters (not before
// closing nor after opening punctuation) and, in Thai, Lao, Khmer and Myanmar, where the
// platform finds words; a word wider than the line breaks between units,
// never inside a cluster. A paragraph with right-to-left text is laid out by the bidirectional
// algorithm (core/text/bidi.hpp): its lines are broken in logical order, then each line's units
// are shown in visual order, and a right-to-left paragraph's lines are aligned to the right.
// Offsets stay logical code points; a caret before a right-to-left unit is at its right edge.
// Positions are relative to the text's top-left.
#pragma once

#include "core/text/text.hpp"

#include <string_view>

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace gloss::app {

class FontAtlas;

class ArticleLayout {
public:
    struct Line {
        std::uint32_t start = 0; // code points, end exclusive, without the '\n'
        std::uint32_t end = 0;
        float y = 0;
        float x = 0;                 // where its first unit (visually) starts: right alignment
        bool by_unit = false;        // drawn unit by unit: cluster glyphs, joining forms, bidi
        std::int32_t paragraph = -1; // its paragraph's bidi levels (paragraphs()), -1: none
        bool hyphen = false;         // it ends at a soft hyphen: a hyphen is drawn after it
    };
    // A unit of layout: `cps` code points (`bytes` bytes) from `cp`, drawn as `glyph` (the
    // code point itself, or a cluster's glyph), `advance` wide.
    struct Unit {
        std::uint32_t cp = 0, cps = 1;
        std::size_t byte = 0, bytes = 1;
        char32_t first = 0; // the unit's first code point
        char32_t glyph = 0;
        bool cluster = false;
        std::uint8_t level = 0; // bidi embedding level: odd is right to left
        float advance = 0;
        float x = 0; // in visual_units(): where it is drawn
    };

    // The atlas that has glyphs for clusters (none: every code point is a unit).
    void set_glyphs(const FontAtlas* glyphs) { m_glyphs = glyphs; }
    // Who finds word starts in scripts written without spaces (Host::word_starts).
    void set_word_finder(std::function<std::vector<std::uint32_t>(std::string_view)> finder) {
        m_word_starts = std::move(finder);
    }

    // Re-wraps when the text, font or width changed; cheap otherwise.
    void update(const core::Text& text, ImFont* font, float font_size, float width,
                float paragraph_gap);
    // Re-wraps at the next update() whatever changed (the font's glyphs were rebuilt).
    void invalidate() { m_text = nullptr; }
    // True when the last update() laid out `text` (this object, at its size): only then may the
    // lines be read with it. (A Text moved since, as when the documents grow, is not it.)
    bool laid_out(const core::Text& text) const {
        return m_text == &text && m_text_size == text.size();
    }

    const std::vector<Line>& lines() const { return m_lines; }
    float height() const { return m_height; }
    float line_height() const { return m_line_height; }

    // Index of the first line whose bottom is below `y`.
    std::size_t line_at_y(float y) const;
    // The line holding code point `cp` (a position at a line's end belongs to that line).
    std::size_t line_of(std::size_t cp) const;
    // x of the caret before code point `cp` on line `line` (cp in [start, end] of that line).
    float x_of(std::size_t line, std::size_t cp) const;
    // Width of the unit that starts at code point `cp`.
    float width_of(std::size_t cp) const;
    // The code point whose caret position is nearest to (x, y).
    std::size_t hit(float x, float y) const;

    float advance(char32_t c) const;
    // Calls f(const Unit&, float x) for each unit of line `line`, left to right on screen.
    template <class F> void for_each_unit(std::size_t line, F&& f) const {
        if (line >= m_lines.size() || !m_text) return;
        const Line& l = m_lines[line];
        if (l.paragraph >= 0) {
            for (const Unit& u : visual_units(line))
                f(u, u.x);
            return;
        }
        const std::string& s = m_text->utf8();
        std::size_t byte = m_text->index().byte_offset(l.start);
        float x = l.x;
        for (std::uint32_t cp = l.start; cp < l.end;) {
            Unit u = unit_at(s, byte, cp);
            f(u, x);
            x += u.advance;
            cp += u.cps;
            byte += u.bytes;
        }
    }
    // Calls f(x0, x1) for each stretch of line `line` that shows code points [a, b) (whole
    // units: a cluster partly inside counts whole): one for left-to-right text, several where
    // directions mix.
    template <class F>
    void for_each_box(std::size_t line, std::size_t a, std::size_t b, F&& f) const {
        if (line >= m_lines.size() || a >= b) return;
        if (!m_lines[line].by_unit) { // one code point per unit, left to right
            f(x_of(line, a), x_of(line, b));
            return;
        }
        float x0 = 0, x1 = -1;
        for_each_unit(line, [&](const Unit& u, float x) {
            bool inside = u.cp < b && u.cp + u.cps > a;
            if (inside && x1 >= 0 && x <= x1 + 0.01f) {
                x1 = x + u.advance;
            } else if (inside) {
                if (x1 >= 0) f(x0, x1);
                x0 = x;
                x1 = x + u.advance;
            } else if (x1 >= 0) {
                f(x0, x1);
                x1 = -1;
            }
        });
        if (x1 >= 0) f(x0, x1);
    }
    // Whether the text at code point `cp` runs right to left.
    bool right_to_left_at(std::size_t cp) const;

private:
    struct Paragraph {
        std::uint32_t start = 0; // its first code point
        std::size_t levels = 0;  // where its levels start in m_levels
        std::uint8_t base = 0;   // its level: 1 for a right-to-left paragraph
    };
    Unit unit_at(std::string_view s, std::size_t byte, std::uint32_t cp) const;
    // The units of a line with bidi levels, in visual order, each with its x.
    std::vector<Unit> visual_units(std::size_t line) const;

    const FontAtlas* m_glyphs = nullptr;
    std::function<std::vector<std::uint32_t>(std::string_view)> m_word_starts;
    const core::Text* m_text = nullptr;
    std::size_t m_text_size = ~std::size_t{0};
    ImFont* m_font = nullptr;
    float m_font_size = 0;
    float m_width = -1;
    float m_scale = 1;
    float m_line_height = 0;
    float m_height = 0;
    std::vector<Line> m_lines;
    std::vector<Paragraph> m_paragraphs; // those with right-to-left text
    std::vector<std::uint8_t> m_levels;  // their code points' levels
};

} // namespace gloss::app
