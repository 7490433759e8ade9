// Arabic joining for display: each letter's contextual form (isolated, final, initial, medial)
// as its presentation-form code point, and the lam-alef ligatures, so that a font with the
// presentation forms draws joined Arabic glyph by glyph. Layer: core (std only). The text
// itself is never changed: offsets stay the logical code points.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace gloss::core {

// Whether c is an Arabic letter with presentation forms (it joins or is joined to).
bool has_arabic_forms(char32_t c);
// Its forms: isolated, final, initial, medial (0 where it has none).
std::array<char32_t, 4> arabic_forms(char32_t c);
// The lam-alef ligatures' code points (isolated and final of each), for the font atlas.
std::array<char32_t, 8> lam_alef_ligatures();

// What to draw for text[i] in its context: its presentation form, or text[i] itself. When
// text[i] is a lam that forms a ligature with the alef after it (marks between them are not
// allowed), `ligature` is set and the returned glyph stands for both.
char32_t arabic_glyph(std::u32string_view text, std::size_t i, bool& ligature);

} // namespace gloss::core
