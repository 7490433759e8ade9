// Compact code-point classification for the scripts news text meets (Latin, Greek, Cyrillic,
// Armenian, Hebrew, Arabic, Indic, Thai, Georgian, Hangul, kana, CJK) and for emoji.
// Layer: core (std only); tables follow Unicode 14 and are approximate outside those scripts.
#pragma once

namespace gloss::core {

inline constexpr char32_t kZeroWidthNonJoiner = 0x200C;
inline constexpr char32_t kZeroWidthJoiner = 0x200D;

// General categories (L*, Lu/Lt, Ll, Nd, Mn/Me/Mc, P*, S*/No/Nl). Unassigned code points inside
// a covered block may count as letters or marks; scripts outside the tables count as nothing.
bool is_letter(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
bool is_digit(char32_t c);
bool is_mark(char32_t c);
bool is_punctuation(char32_t c);
bool is_symbol(char32_t c);

// White_Space: ASCII blanks, NEL, NBSP, U+1680, U+2000..200A, U+2028/2029, U+202F, U+205F, U+3000.
bool is_space(char32_t c);
// Line and paragraph ends: LF, VT, FF, CR, NEL, U+2028, U+2029.
bool is_line_break(char32_t c);
// Invisible controls and format characters that are neither text nor white space (C0/C1
// controls other than blanks, soft hyphen, bidi marks, ZWSP, word joiner, BOM).
bool is_invisible_control(char32_t c);
// CJK unified and compatibility ideographs (one word each for the tokenizer).
bool is_ideograph(char32_t c);

// Emoji properties used by grapheme clustering.
bool is_extended_pictographic(char32_t c);
inline bool is_regional_indicator(char32_t c) {
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}
inline bool is_emoji_modifier(char32_t c) {
    return c >= 0x1F3FB && c <= 0x1F3FF;
}
inline bool is_variation_selector(char32_t c) {
    return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}
// Characters that never start a grapheme cluster after a non-control character (Extend,
// SpacingMark and ZWJ of UAX #29: marks, ZWNJ, ZWJ, emoji modifiers, variation selectors, tags).
bool is_grapheme_extend(char32_t c);

} // namespace gloss::core
