// Grapheme-cluster boundaries (a simplified UAX #29: CR LF, combining marks, ZWJ emoji
// sequences, emoji modifiers, variation selectors, regional-indicator pairs, Hangul syllables,
// Indic conjuncts joined by a virama)
// so a caret never lands inside a user-perceived character. Layer: core (std only).
#pragma once

#include <cstddef>
#include <string_view>

namespace gloss::core {

// True when a caret may sit at code point `pos` (0 and text.size() always are).
bool is_grapheme_boundary(std::u32string_view text, std::size_t pos);
// Smallest boundary > pos (text.size() at the end), and largest boundary < pos (0 at start).
std::size_t next_grapheme_boundary(std::u32string_view text, std::size_t pos);
std::size_t previous_grapheme_boundary(std::u32string_view text, std::size_t pos);

} // namespace gloss::core
