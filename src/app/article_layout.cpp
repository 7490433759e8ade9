// ArticleLayout: line wrapping and hit testing. Layer: app.
#include "app/article_layout.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>

namespace gloss::app {

float ArticleLayout::advance(char32_t c) const {
    if (c == '\r' || c == '\n') return 0;
    if (c > IM_UNICODE_CODEPOINT_MAX) c = IM_UNICODE_CODEPOINT_INVALID;
    return m_font->GetCharAdvance(static_cast<ImWchar>(c)) * m_scale;
}

void ArticleLayout::update(const core::Text& text, ImFont* font, float font_size, float width,
                           float paragraph_gap) {
    if (m_text == &text && m_text_size == text.size() && m_font == font &&
        m_font_size == font_size && m_width == width)
        return;
    m_text = &text;
    m_text_size = text.size();
    m_font = font;
    m_font_size = font_size;
    m_width = width;
    m_scale = font_size / font->FontSize;
    m_line_height = font_size * 1.45f;
    m_lines.clear();

    const std::string& s = text.utf8();
    std::size_t byte = 0;
    std::uint32_t cp = 0;
    float y = 0;
    Line line{0, 0, 0};
    float x = 0;
    std::uint32_t last_break = 0; // code point after the last space on the line
    float x_at_break = 0;
    bool have_break = false;
    while (byte < s.size()) {
        char32_t c = core::decode_utf8(s, byte);
        if (c == '\n') {
            line.end = cp;
            m_lines.push_back(line);
            y += m_line_height;
            // A blank line between paragraphs: the gap, not a whole empty line.
            bool blank = line.start == line.end;
            if (!blank) y += paragraph_gap;
            line = Line{cp + 1, cp + 1, y};
            x = 0;
            have_break = false;
            ++cp;
            continue;
        }
        float a = advance(c);
        if (x + a > width && cp > line.start) {
            std::uint32_t wrap_at = have_break && last_break > line.start ? last_break : cp;
            line.end = wrap_at;
            m_lines.push_back(line);
            y += m_line_height;
            line = Line{wrap_at, wrap_at, y};
            x = have_break && last_break > m_lines.back().start ? x - x_at_break : 0;
            have_break = false;
        }
        x += a;
        ++cp;
        if (c == ' ' || c == '\t') {
            last_break = cp;
            x_at_break = x;
            have_break = true;
        }
    }
    line.end = cp;
    m_lines.push_back(line);
    m_height = y + m_line_height;
}

std::size_t ArticleLayout::line_at_y(float y) const {
    auto it = std::upper_bound(m_lines.begin(), m_lines.end(), y,
                               [&](float v, const Line& l) { return v < l.y + m_line_height; });
    return std::min<std::size_t>(static_cast<std::size_t>(it - m_lines.begin()),
                                 m_lines.empty() ? 0 : m_lines.size() - 1);
}

std::size_t ArticleLayout::line_of(std::size_t cp) const {
    auto it = std::upper_bound(m_lines.begin(), m_lines.end(), cp,
                               [](std::size_t c, const Line& l) { return c < l.start; });
    if (it == m_lines.begin()) return 0;
    return static_cast<std::size_t>(it - m_lines.begin()) - 1;
}

float ArticleLayout::x_of(std::size_t line_index, std::size_t cp) const {
    if (line_index >= m_lines.size() || !m_text) return 0;
    const Line& line = m_lines[line_index];
    std::string_view bytes = m_text->slice(line.start, std::min<std::size_t>(cp, line.end));
    float x = 0;
    std::size_t b = 0;
    while (b < bytes.size())
        x += advance(core::decode_utf8(bytes, b));
    return x;
}

std::size_t ArticleLayout::hit(float x, float y) const {
    if (m_lines.empty() || !m_text) return 0;
    if (y < 0) return m_lines.front().start;
    const Line& line = m_lines[line_at_y(y)];
    if (y > m_height) return m_lines.back().end;
    std::string_view bytes = m_text->slice(line.start, line.end);
    float pen = 0;
    std::size_t b = 0, cp = line.start;
    while (b < bytes.size()) {
        float a = advance(core::decode_utf8(bytes, b));
        if (x < pen + a * 0.5f) return cp;
        pen += a;
        ++cp;
    }
    return line.end;
}

} // namespace gloss::app
