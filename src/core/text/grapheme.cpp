// Grapheme-cluster boundaries, a simplified UAX #29 (rules GB3-GB13 without GB9b).
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

// Indic_Conjunct_Break (Unicode 15.1, DerivedCoreProperties.txt) of the six scripts GB9c
// covers: Devanagari, Bengali, Gujarati, Oriya, Telugu, Malayalam. Consonant: their consonant
// letters; Linker: their viramas; Extend: their nuktas, ZWJ and the combining marks of
// U+0300..036F and U+0951..0954 (those that may sit inside a conjunct in news text; the full
// property holds every non-spacing mark with a combining class).
enum class Conjunct : std::uint8_t { None, Consonant, Linker, Extend };

Conjunct conjunct_class(char32_t c) {
    static constexpr char32_t kConsonants[][2] = {
        {0x0915, 0x0939}, {0x0958, 0x095F}, {0x0978, 0x097F},                   // Devanagari
        {0x0995, 0x09A8}, {0x09AA, 0x09B0}, {0x09B2, 0x09B2}, {0x09B6, 0x09B9}, // Bengali
        {0x09DC, 0x09DD}, {0x09DF, 0x09DF}, {0x09F0, 0x09F1},                   //
        {0x0A95, 0x0AA8}, {0x0AAA, 0x0AB0}, {0x0AB2, 0x0AB3}, {0x0AB5, 0x0AB9}, // Gujarati
        {0x0AF9, 0x0AF9},                                                       //
        {0x0B15, 0x0B28}, {0x0B2A, 0x0B30}, {0x0B32, 0x0B33}, {0x0B35, 0x0B39}, // Oriya
        {0x0B5C, 0x0B5D}, {0x0B5F, 0x0B5F}, {0x0B71, 0x0B71},                   //
        {0x0C15, 0x0C28}, {0x0C2A, 0x0C39}, {0x0C58, 0x0C5A},                   // Telugu
        {0x0D15, 0x0D3A},                                                       // Malayalam
    };
    if (c < 0x300 || (c > 0xD4D && c != kZeroWidthJoiner)) return Conjunct::None;
    if (c == 0x094D || c == 0x09CD || c == 0x0ACD || c == 0x0B4D || c == 0x0C4D || c == 0x0D4D)
        return Conjunct::Linker;
    if (c == kZeroWidthJoiner || c <= 0x036F || (c >= 0x0951 && c <= 0x0954) || c == 0x093C ||
        c == 0x09BC || c == 0x0ABC || c == 0x0B3C || c == 0x0C3C || c == 0x0D3B || c == 0x0D3C)
        return Conjunct::Extend;
    for (const auto& range : kConsonants)
        if (c >= range[0] && c <= range[1]) return Conjunct::Consonant;
    return Conjunct::None;
}

// GB9c: does the consonant text[pos] continue a conjunct, that is, is it preceded by
// Consonant [Extend Linker]* Linker [Extend Linker]* ?
bool continues_conjunct(std::u32string_view text, std::size_t pos) {
    bool linked = false;
    for (std::size_t p = pos; p > 0;) {
        switch (conjunct_class(text[--p])) {
        case Conjunct::Linker:
            linked = true;
            break;
        case Conjunct::Extend:
            break;
        case Conjunct::Consonant:
            return linked;
        case Conjunct::None:
            return false;
        }
    }
    return false;
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
    if (conjunct_class(after) == Conjunct::Consonant && continues_conjunct(text, pos))
        return false; // GB9c
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
