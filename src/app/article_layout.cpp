// ArticleLayout: line wrapping and hit testing. Layer: app.
#include "app/article_layout.hpp"

#include "app/fonts.hpp"
#include "core/text/arabic.hpp"
#include "core/text/bidi.hpp"
#include "core/text/grapheme.hpp"
#include "core/text/line_break.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace gloss::app {
namespace {

// The longest cluster drawn as one glyph; longer ones (stacked marks) are drawn code point by
// code point.
constexpr std::size_t kMaxClusterCodePoints = 16;

// Scripts whose words are not separated by spaces: Thai, Lao, Myanmar, Khmer.
bool written_without_spaces(char32_t c) {
    return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) ||
           (c >= 0x1780 && c <= 0x17FF);
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
    u.first = u.glyph = c;
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
    if (core::has_arabic_forms(c)) {
        // Its joining form, from the letters around it (marks between them are skipped).
        constexpr std::size_t kContext = 6;
        std::array<char32_t, 2 * kContext + 1> window{};
        std::size_t before = 0, back = byte;
        std::array<char32_t, kContext> previous{};
        while (before < kContext && back > 0) {
            std::size_t lead = back - 1;
            while (lead > 0 && (static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80)
                --lead;
            std::size_t at = lead;
            previous[before++] = core::decode_utf8(s, at);
            back = lead;
        }
        std::size_t n = 0;
        for (std::size_t k = before; k-- > 0;)
            window[n++] = previous[k];
        window[n++] = c;
        std::size_t ahead = next;
        std::size_t after_lam = next;
        for (std::size_t k = 0; k < kContext && ahead < s.size(); ++k) {
            window[n++] = core::decode_utf8(s, ahead);
            if (k == 0) after_lam = ahead;
        }
        bool ligature = false;
        char32_t form = core::arabic_glyph(std::u32string_view(window.data(), n), before, ligature);
        u.glyph = form;
        if (ligature) {
            u.cps = 2;
            u.bytes = after_lam - byte;
        }
        u.advance = advance(form);
        return u;
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
    m_paragraphs.clear();
    m_levels.clear();

    const std::string& s = text.utf8();
    std::size_t byte = 0;
    std::uint32_t cp = 0;
    float y = 0;
    float x = 0;
    std::uint32_t last_break = 0; // where the line may break last
    float x_at_break = 0;
    bool have_break = false;
    bool break_shows_hyphen = false; // the last break follows a soft hyphen
    const float hyphen_width = advance('-');
    char32_t previous = 0; // the first code point of the unit before, in this paragraph
    char32_t earlier = 0;  // and of the unit before that
    Line line;
    // Word starts in scripts without spaces, in this paragraph (absolute code points).
    std::vector<std::uint32_t> word_starts;
    std::size_t next_word = 0;
    // A paragraph starts: its bidi levels when it has right-to-left text, its words when it is
    // written without spaces.
    auto start_paragraph = [&](std::uint32_t at_cp, std::size_t at_byte) {
        line = Line{at_cp, at_cp, y, 0, false, -1};
        word_starts.clear();
        next_word = 0;
        const char* begin = s.data() + at_byte;
        const void* newline = std::memchr(begin, '\n', s.size() - at_byte);
        std::size_t end =
            newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - s.data())
                    : s.size();
        bool rtl = false, unspaced = false;
        for (std::size_t b = at_byte; b < end;) {
            if (static_cast<unsigned char>(s[b]) < 0xD6) { // below U+0590: neither
                b += core::utf8_sequence_length(static_cast<unsigned char>(s[b]));
                continue;
            }
            char32_t c = core::decode_utf8(s, b);
            rtl = rtl || core::is_right_to_left(c);
            unspaced = unspaced || written_without_spaces(c);
        }
        if (unspaced && m_word_starts) {
            word_starts = m_word_starts(std::string_view(s).substr(at_byte, end - at_byte));
            for (std::uint32_t& w : word_starts)
                w += at_cp;
        }
        if (!rtl) return;
        std::u32string paragraph =
            core::to_utf32(std::string_view(s).substr(at_byte, end - at_byte));
        int base = 0;
        std::vector<std::uint8_t> levels = core::bidi_levels(paragraph, -1, &base);
        m_paragraphs.push_back({at_cp, m_levels.size(), static_cast<std::uint8_t>(base)});
        m_levels.insert(m_levels.end(), levels.begin(), levels.end());
        line.paragraph = static_cast<std::int32_t>(m_paragraphs.size() - 1);
        line.by_unit = true;
    };
    // A line ends, `used` wide: a right-to-left paragraph's lines are aligned to the right.
    auto end_line = [&](std::uint32_t at, float used) {
        line.end = at;
        if (line.paragraph >= 0 && m_paragraphs[static_cast<std::size_t>(line.paragraph)].base % 2)
            line.x = std::max(0.0f, width - used);
        m_lines.push_back(line);
    };
    start_paragraph(0, 0);
    while (byte < s.size()) {
        Unit u = unit_at(s, byte, cp);
        char32_t c = u.first;
        byte = u.byte + u.bytes;
        if (c == '\n') {
            end_line(cp, x);
            y += m_line_height;
            // A blank line between paragraphs: the gap, not a whole empty line.
            bool blank = m_lines.back().start == m_lines.back().end;
            if (!blank) y += paragraph_gap;
            x = 0;
            have_break = false;
            previous = earlier = 0;
            ++cp;
            start_paragraph(cp, byte);
            continue;
        }
        while (next_word < word_starts.size() && word_starts[next_word] < cp)
            ++next_word;
        bool word_start = next_word < word_starts.size() && word_starts[next_word] == cp;
        // A break before this unit: where UAX #14's rules allow one (after spaces, around CJK),
        // or at the start of a word the platform found.
        if (cp > line.start &&
            ((previous && core::may_break_between(earlier, previous, c)) || word_start)) {
            // A soft hyphen's break shows a hyphen, which must fit on the line too.
            const bool soft = previous == 0xAD && !word_start;
            if (!soft || x + hyphen_width <= width) {
                last_break = cp;
                x_at_break = x;
                have_break = true;
                break_shows_hyphen = soft;
            }
        }
        if (x + u.advance > width && cp > line.start) {
            bool at_break = have_break && last_break > line.start;
            std::uint32_t wrap_at = at_break ? last_break : cp;
            Line next = line;
            line.hyphen = at_break && break_shows_hyphen; // drawn after the line's text
            end_line(wrap_at, at_break ? x_at_break : x);
            next.hyphen = false;
            y += m_line_height;
            next.start = next.end = wrap_at;
            next.y = y;
            next.x = 0;
            line = next;
            x = at_break ? x - x_at_break : 0;
            have_break = false;
        }
        line.by_unit = line.by_unit || u.cluster || u.glyph != c;
        x += u.advance;
        cp += u.cps;
        earlier = previous;
        previous = c;
    }
    end_line(cp, x);
    m_height = y + m_line_height;
}

std::vector<ArticleLayout::Unit> ArticleLayout::visual_units(std::size_t index) const {
    std::vector<Unit> units;
    const Line& line = m_lines[index];
    const Paragraph& p = m_paragraphs[static_cast<std::size_t>(line.paragraph)];
    const std::string& s = m_text->utf8();
    std::size_t byte = m_text->index().byte_offset(line.start);
    for (std::uint32_t cp = line.start; cp < line.end;) {
        Unit u = unit_at(s, byte, cp);
        u.level = m_levels[p.levels + (cp - p.start)];
        units.push_back(u);
        cp += u.cps;
        byte += u.bytes;
    }
    // L1: whitespace at the end of the line takes the paragraph's level.
    for (std::size_t k = units.size(); k-- > 0;) {
        core::BidiClass c = core::bidi_class(units[k].first);
        if (!core::resets_at_line_end(c) || c == core::BidiClass::B) break;
        units[k].level = p.base;
    }
    std::vector<std::uint8_t> levels(units.size());
    for (std::size_t k = 0; k < units.size(); ++k)
        levels[k] = units[k].level;
    std::vector<Unit> shown;
    shown.reserve(units.size());
    float x = line.x;
    for (std::size_t k : core::visual_order(levels)) {
        Unit u = units[k];
        if (u.level % 2 && !u.cluster) u.glyph = core::mirrored(u.glyph); // L4
        u.x = x;
        x += u.advance;
        shown.push_back(u);
    }
    return shown;
}

bool ArticleLayout::right_to_left_at(std::size_t cp) const {
    if (m_lines.empty() || !m_text) return false;
    const Line& line = m_lines[line_of(cp)];
    if (line.paragraph < 0) return false;
    const Paragraph& p = m_paragraphs[static_cast<std::size_t>(line.paragraph)];
    std::size_t at = std::min<std::size_t>(cp, m_text->size());
    if (at >= line.end && at > line.start) --at; // at the end: the text before
    if (at < p.start || p.levels + (at - p.start) >= m_levels.size()) return p.base % 2 != 0;
    return m_levels[p.levels + (at - p.start)] % 2 != 0;
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
    if (!line.by_unit) { // one unit per code point, left to right
        std::string_view bytes = m_text->slice(line.start, std::min<std::size_t>(cp, line.end));
        float x = line.x;
        std::size_t b = 0;
        while (b < bytes.size())
            x += advance(core::decode_utf8(bytes, b));
        return x;
    }
    // The unit holding cp: before a left-to-right one is its left edge, before a right-to-left
    // one its right edge. After the line's last code point: the far side of the last unit.
    float found = 0, after_last = line.x;
    bool have = false;
    std::uint32_t last_cp = 0;
    for_each_unit(line_index, [&](const Unit& u, float x) {
        bool rtl = u.level % 2 != 0;
        if (!have && u.cp <= cp && cp < u.cp + u.cps) {
            found = rtl ? x + u.advance : x;
            have = true;
        }
        if (u.cp >= last_cp) {
            last_cp = u.cp;
            after_last = rtl ? x : x + u.advance;
        }
    });
    return have ? found : after_last;
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
        bool rtl = u.level % 2 != 0;
        // Past the line's right end: after the unit shown last (before it if right to left).
        if (!found) result = rtl ? u.cp : u.cp + u.cps;
        if (!found && x < pen + u.advance * 0.5f) {
            result = rtl ? u.cp + u.cps : u.cp;
            found = true;
        }
    });
    return result;
}

} // namespace gloss::app
