// Visual order for one-line labels. Layer: core (std only).
#include "core/text/display.hpp"

#include "core/text/arabic.hpp"
#include "core/text/bidi.hpp"
#include "core/text/utf8.hpp"

namespace gloss::core {

std::string visual_line(std::string_view utf8) {
    std::u32string text = to_utf32(utf8);
    bool rtl = false;
    for (char32_t c : text)
        rtl = rtl || is_right_to_left(c);
    if (!rtl) return std::string(utf8);
    int base = 0;
    std::vector<std::uint8_t> levels = bidi_levels(text, -1, &base);
    reset_trailing_whitespace(text, levels, static_cast<std::uint8_t>(base));
    // Joining forms first (they depend on logical neighbours); a ligature's alef is dropped.
    std::u32string shaped(text.size(), 0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool ligature = false;
        shaped[i] = arabic_glyph(text, i, ligature);
        if (ligature) shaped[++i] = 0;
    }
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i : visual_order(levels)) {
        if (!shaped[i]) continue;
        out += levels[i] % 2 ? mirrored(shaped[i]) : shaped[i];
    }
    return to_utf8(out);
}

} // namespace gloss::core
