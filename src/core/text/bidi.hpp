// Bidirectional text (UAX #9) for one paragraph: each code point's embedding level, the visual
// order of a line, and mirrored brackets. Layer: core (std only).
//
// Implemented: P2-P3, the explicit embeddings, overrides and isolates (X1-X10: U+202A-U+202E,
// U+2066-U+2069, to a depth of 125), W1-W7, N0-N2, I1-I2, L1-L2 and L4's mirroring
// (docs/TEXT.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace gloss::core {

enum class BidiClass : std::uint8_t {
    L,
    R,
    AL,
    EN,
    ES,
    ET,
    AN,
    CS,
    NSM,
    BN,
    B,
    S,
    WS,
    ON,
    LRE,
    LRO,
    RLE,
    RLO,
    PDF,
    LRI,
    RLI,
    FSI,
    PDI
};

BidiClass bidi_class(char32_t c);
// True for code points that make a paragraph need the algorithm (R, AL, AN, and the explicit
// embeddings, overrides and isolates): without any, every level is the paragraph's 0.
bool is_right_to_left(char32_t c);

// Embedding levels of a paragraph's code points (no '\n' inside): `base` is the paragraph's
// level, 0 (left to right) or 1, or -1 to take it from the first strong character (P2-P3).
// `base_out` receives the level used.
std::vector<std::uint8_t> bidi_levels(std::u32string_view paragraph, int base,
                                      int* base_out = nullptr);
// What L1 resets to the paragraph level at a line's end: white space, separators, boundary
// neutrals and the explicit formatting characters.
bool resets_at_line_end(BidiClass c);
// L1 for one line of the paragraph: trailing whitespace and separators take the paragraph
// level. `line` and `levels` are the line's code points and levels.
void reset_trailing_whitespace(std::u32string_view line, std::vector<std::uint8_t>& levels,
                               std::uint8_t paragraph_level);
// L2: the order in which items with these levels are shown, left to right (indices).
std::vector<std::size_t> visual_order(const std::vector<std::uint8_t>& levels);
// L4: the mirrored glyph of a bracket or other mirrored character shown right to left (c
// itself when it has none).
char32_t mirrored(char32_t c);

} // namespace gloss::core
