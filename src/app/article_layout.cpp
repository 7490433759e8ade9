// ArticleLayout: line wrapping and hit testing. Layer: app.
#include "app/article_layout.hpp"

#include "app/fonts.hpp"
#include "core/text/grapheme.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace gloss::app {
namespace {

// The longest cluster drawn as one glyph; longer ones (stacked marks) are drawn code point by
// code point.
constexpr std::size_t kMaxClusterCodePoints = 16;

// Characters a CJK line may break before and after (UAX #14 classes ID and CJ, simplified).
bool breaks_like_cjk(char32_t c) {
    return core::is_ideograph(c) || (c >= 0x3040 && c <= 0x30FF) || // kana
           (c >= 0x3000 && c <= 0x303F) ||                          // CJK punctuation
           (c >= 0xFF00 && c <= 0xFFEF);                            // full-width forms
}
// Never at the start of a line (closing punctuation) or at its end (opening punctuation).
bool closes(char32_t c) {
    switch (c) {
    case 0x3001:
    case 0x3002:
    case 0xFF0C:
    case 0xFF0E:
    case 0xFF01:
    case 0xFF1F:
    case 0xFF1A:
    case 0xFF1B:
    case 0xFF09:
    case 0x300D:
    case 0x300F:
    case 0x3011:
    case 0x3015:
    case 0x3009:
    case 0x300B:
    case 0x30FC:
    case 0x3005:
    case 0x309D:
    case 0x309E:
    case 0x30FD:
    case 0x30FE:
        return true;
    default:
        return false;
    }
}
bool opens(char32_t c) {
    switch (c) {
    case 0xFF08:
    case 0x300C:
    case 0x300E:
    case 0x3010:
    case 0x3014:
    case 0x3008:
    case 0x300A:
        return true;
    default:
        return false;
    }
}

} // namespace

float ArticleLayout::advance(char32_t c) const {
    if (c == '\r' || c == '\n') return 0;
    if (c > IM_UNICODE_CODEPOINT_MAX) c = IM_UNICODE_CODEPOINT_INVALID;
    return m_font->GetCharAdvance(static_cast<ImWchar>(c)) * m_scale;
}

ArticleLayout::Unit ArticleLayout::unit_at(std::string_view s, std::size_t byte,
                                           std::uint32_t cp) const {
    Unit u;
    u.cp = cp;
    u.byte = byte;
    std::size_t next = byte;
    char32_t c = core::decode_utf8(s, next);
    u.bytes = next - byte;
    u.glyph = c;
    // A cluster of several code points only where the next one does not start a new one.
    if (m_glyphs && next < s.size() && (c >= 0x80 || static_cast<unsigned char>(s[next]) >= 0x80)) {
        std::size_t after = next;
        char32_t pair[2] = {c, core::decode_utf8(s, after)};
        if (!core::is_grapheme_boundary(std::u32string_view(pair, 2), 1)) {
            std::array<char32_t, kMaxClusterCodePoints> window{};
            std::array<std::size_t, kMaxClusterCodePoints> ends{};
            std::size_t n = 0, at = byte;
            while (n < window.size() && at < s.size()) {
                window[n] = core::decode_utf8(s, at);
                ends[n++] = at;
            }
            std::size_t length =
                core::next_grapheme_boundary(std::u32string_view(window.data(), n), 0);
            if (length >= 2 && (length < n || at >= s.size())) {
                if (ImWchar glyph =
                        m_glyphs->cluster_glyph(std::u32string_view(window.data(), length))) {
                    u.cps = static_cast<std::uint32_t>(length);
                    u.bytes = ends[length - 1] - byte;
                    u.glyph = glyph;
                    u.cluster = true;
                    u.advance = m_font->GetCharAdvance(glyph) * m_scale;
                    return u;
                }
            }
        }
    }
    u.advance = advance(c);
    return u;
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
    Line line{0, 0, 0, false};
    float x = 0;
    std::uint32_t last_break = 0; // where the line may break last: after a space, around CJK
    float x_at_break = 0;
    bool have_break = false;
    bool break_after_previous = false; // the unit before may end a line (a CJK character)
    while (byte < s.size()) {
        Unit u = unit_at(s, byte, cp);
        char32_t c = u.cluster ? core::decode_utf8(s, byte) : u.glyph;
        byte = u.byte + u.bytes;
        if (c == '\n') {
            line.end = cp;
            m_lines.push_back(line);
            y += m_line_height;
            // A blank line between paragraphs: the gap, not a whole empty line.
            bool blank = line.start == line.end;
            if (!blank) y += paragraph_gap;
            line = Line{cp + 1, cp + 1, y, false};
            x = 0;
            have_break = false;
            break_after_previous = false;
            ++cp;
            continue;
        }
        bool cjk = breaks_like_cjk(c);
        // A break before this unit: after a CJK character, or before one; never before closing
        // punctuation.
        if ((break_after_previous || cjk) && !closes(c) && cp > line.start) {
            last_break = cp;
            x_at_break = x;
            have_break = true;
        }
        if (x + u.advance > width && cp > line.start) {
            std::uint32_t wrap_at = have_break && last_break > line.start ? last_break : cp;
            line.end = wrap_at;
            bool clusters = line.clusters;
            m_lines.push_back(line);
            y += m_line_height;
            line = Line{wrap_at, wrap_at, y, clusters};
            x = have_break && last_break > m_lines.back().start ? x - x_at_break : 0;
            have_break = false;
        }
        line.clusters = line.clusters || u.cluster;
        x += u.advance;
        cp += u.cps;
        break_after_previous = cjk && !opens(c);
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
    if (!line.clusters) { // one unit per code point
        std::string_view bytes = m_text->slice(line.start, std::min<std::size_t>(cp, line.end));
        float x = 0;
        std::size_t b = 0;
        while (b < bytes.size())
            x += advance(core::decode_utf8(bytes, b));
        return x;
    }
    float found = -1, end = 0;
    for_each_unit(line_index, [&](const Unit& u, float x) {
        if (found < 0 && u.cp + u.cps > cp) found = x; // before cp, or the cluster holding it
        end = x + u.advance;
    });
    return found < 0 ? end : found;
}

float ArticleLayout::width_of(std::size_t cp) const {
    if (!m_text || cp >= m_text->size()) return 0;
    return unit_at(m_text->utf8(), m_text->index().byte_offset(cp), static_cast<std::uint32_t>(cp))
        .advance;
}

std::size_t ArticleLayout::hit(float x, float y) const {
    if (m_lines.empty() || !m_text) return 0;
    if (y < 0) return m_lines.front().start;
    std::size_t index = line_at_y(y);
    const Line& line = m_lines[index];
    if (y > m_height) return m_lines.back().end;
    std::size_t result = line.end;
    bool found = false;
    for_each_unit(index, [&](const Unit& u, float pen) {
        if (!found && x < pen + u.advance * 0.5f) {
            result = u.cp;
            found = true;
        }
    });
    return result;
}

} // namespace gloss::app
