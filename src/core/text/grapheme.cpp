// Grapheme-cluster boundaries, a simplified UAX #29 (rules GB3-GB13 without GB9b/GB9c).
// Layer: core (std only). Every query looks only at the cluster around `pos`.
#include "core/text/grapheme.hpp"

#include "core/text/unicode.hpp"

#include <cstdint>

namespace gloss::core {

namespace {

enum class Gcb : std::uint8_t { Other, CR, LF, Control, Extend, ZWJ, RI, L, V, T, LV, LVT, Pict };

bool is_control(char32_t c) {
    if (c < 0xA0) return c < 0x20 || c >= 0x7F;
    return c == 0xAD || c == 0x61C || c == 0x180E || c == 0x200B || c == 0x200E || c == 0x200F ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF ||
           (c >= 0xFFF0 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE001F) ||
           (c >= 0xE0080 && c <= 0xE00FF) || (c >= 0xE01F0 && c <= 0xE0FFF);
}

Gcb hangul_class(char32_t c) {
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0xA960 && c <= 0xA97C)) return Gcb::L;
    if ((c >= 0x1160 && c <= 0x11A7) || (c >= 0xD7B0 && c <= 0xD7C6)) return Gcb::V;
    if ((c >= 0x11A8 && c <= 0x11FF) || (c >= 0xD7CB && c <= 0xD7FB)) return Gcb::T;
    if (c >= 0xAC00 && c <= 0xD7A3) {
        // Precomposed syllables: 19 leads x 21 vowels x 28 tails (0 = no tail, an LV syllable).
        return (c - 0xAC00) % 28 == 0 ? Gcb::LV : Gcb::LVT;
    }
    return Gcb::Other;
}

Gcb classify(char32_t c) {
    if (c >= 0x20 && c < 0x7F) return Gcb::Other;
    if (c == U'\r') return Gcb::CR;
    if (c == U'\n') return Gcb::LF;
    if (c == kZeroWidthJoiner) return Gcb::ZWJ;
    if (is_control(c)) return Gcb::Control;
    if (c < 0x300) return c == 0xA9 || c == 0xAE ? Gcb::Pict : Gcb::Other;
    if (is_grapheme_extend(c)) return Gcb::Extend;
    if (is_regional_indicator(c)) return Gcb::RI;
    if (Gcb h = hangul_class(c); h != Gcb::Other) return h;
    if (is_extended_pictographic(c)) return Gcb::Pict;
    return Gcb::Other;
}

bool is_control_class(Gcb g) {
    return g == Gcb::CR || g == Gcb::LF || g == Gcb::Control;
}

// GB11: is text[zwj_pos] (a ZWJ) preceded by Extended_Pictographic Extend* ?
bool zwj_follows_pictograph(std::u32string_view text, std::size_t zwj_pos) {
    std::size_t p = zwj_pos;
    while (p > 0) {
        Gcb g = classify(text[--p]);
        if (g == Gcb::Pict) return true;
        if (g != Gcb::Extend) return false;
    }
    return false;
}

// GB12/13: an odd number of regional indicators ending at text[pos - 1] leaves one unpaired,
// which pairs with text[pos].
bool pairs_with_previous_indicators(std::u32string_view text, std::size_t pos) {
    std::size_t count = 0;
    while (pos > 0 && is_regional_indicator(text[pos - 1])) {
        ++count;
        --pos;
    }
    return count % 2 == 1;
}

} // namespace

bool is_grapheme_boundary(std::u32string_view text, std::size_t pos) {
    if (pos == 0 || pos >= text.size()) return true;
    char32_t before = text[pos - 1];
    char32_t after = text[pos];
    // Fast path: below U+0300 only LF (after CR) and the pictographs (C) and (R) (after ZWJ) join.
    if (after < 0x300 && before != U'\r' && after != 0xA9 && after != 0xAE) return true;
    Gcb a = classify(before);
    Gcb b = classify(after);
    if (a == Gcb::CR && b == Gcb::LF) return false;              // GB3
    if (is_control_class(a) || is_control_class(b)) return true; // GB4, GB5
    if (a == Gcb::L && (b == Gcb::L || b == Gcb::V || b == Gcb::LV || b == Gcb::LVT)) {
        return false; // GB6
    }
    if ((a == Gcb::LV || a == Gcb::V) && (b == Gcb::V || b == Gcb::T)) return false; // GB7
    if ((a == Gcb::LVT || a == Gcb::T) && b == Gcb::T) return false;                 // GB8
    if (b == Gcb::Extend || b == Gcb::ZWJ) return false;                             // GB9, GB9a
    if (a == Gcb::ZWJ && b == Gcb::Pict && zwj_follows_pictograph(text, pos - 1)) {
        return false; // GB11
    }
    if (a == Gcb::RI && b == Gcb::RI) return !pairs_with_previous_indicators(text, pos); // GB12/13
    return true;                                                                         // GB999
}

std::size_t next_grapheme_boundary(std::u32string_view text, std::size_t pos) {
    if (pos >= text.size()) return text.size();
    std::size_t p = pos + 1;
    while (p < text.size() && !is_grapheme_boundary(text, p))
        ++p;
    return p;
}

std::size_t previous_grapheme_boundary(std::u32string_view text, std::size_t pos) {
    if (pos == 0) return 0;
    if (pos > text.size()) return text.size();
    std::size_t p = pos - 1;
    while (p > 0 && !is_grapheme_boundary(text, p))
        --p;
    return p;
}

} // namespace gloss::core
