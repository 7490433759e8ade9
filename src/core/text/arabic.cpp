// Arabic joining (the Unicode joining types, read from the presentation forms). Layer: core.
#include "core/text/arabic.hpp"

#include "core/text/unicode.hpp"

#include <algorithm>
#include <iterator>

namespace gloss::core {
namespace {

struct Forms {
    char32_t letter, isolated, final, initial, medial;
};
constexpr Forms kForms[] = {
#include "core/text/arabic_table.inc"
};

constexpr char32_t kTatweel = 0x0640, kZwj = 0x200D, kLam = 0x0644;

const Forms* forms_of(char32_t c) {
    if (c < 0x0621 || c > 0x06FF) return nullptr;
    auto it = std::lower_bound(std::begin(kForms), std::end(kForms), c,
                               [](const Forms& f, char32_t v) { return f.letter < v; });
    return it != std::end(kForms) && it->letter == c ? it : nullptr;
}

// Joining types: D (both sides), R (only to the letter before), C (joins both, no forms),
// T (transparent: marks), U (none).
enum class Joining { U, R, D, C, T };
Joining joining(char32_t c) {
    if (c == kTatweel || c == kZwj) return Joining::C;
    if (const Forms* f = forms_of(c))
        return f->initial || f->medial ? Joining::D : f->final ? Joining::R : Joining::U;
    if (is_mark(c)) return Joining::T;
    return Joining::U;
}
bool joins_forward(Joining j) {
    return j == Joining::D || j == Joining::C;
} // to the next letter
bool joins_backward(Joining j) {
    return j == Joining::D || j == Joining::R || j == Joining::C;
}

// The lam-alef ligature for an alef, {isolated, final}; {0, 0} if it is none.
std::array<char32_t, 2> ligature_for(char32_t alef) {
    switch (alef) {
    case 0x0622:
        return {0xFEF5, 0xFEF6};
    case 0x0623:
        return {0xFEF7, 0xFEF8};
    case 0x0625:
        return {0xFEF9, 0xFEFA};
    case 0x0627:
        return {0xFEFB, 0xFEFC};
    default:
        return {0, 0};
    }
}

} // namespace

bool has_arabic_forms(char32_t c) {
    return forms_of(c) != nullptr;
}

std::array<char32_t, 4> arabic_forms(char32_t c) {
    const Forms* f = forms_of(c);
    if (!f) return {0, 0, 0, 0};
    return {f->isolated, f->final, f->initial, f->medial};
}

std::array<char32_t, 8> lam_alef_ligatures() {
    return {0xFEF5, 0xFEF6, 0xFEF7, 0xFEF8, 0xFEF9, 0xFEFA, 0xFEFB, 0xFEFC};
}

char32_t arabic_glyph(std::u32string_view text, std::size_t i, bool& ligature) {
    ligature = false;
    const Forms* f = i < text.size() ? forms_of(text[i]) : nullptr;
    if (!f) return i < text.size() ? text[i] : 0;
    // The nearest letters before and after, across marks.
    Joining before = Joining::U, after = Joining::U;
    for (std::size_t k = i; k-- > 0;) {
        Joining j = joining(text[k]);
        if (j == Joining::T) continue;
        before = j;
        break;
    }
    std::size_t next = i + 1;
    while (next < text.size() && joining(text[next]) == Joining::T)
        ++next;
    if (next < text.size()) after = joining(text[next]);
    Joining self = joining(text[i]);
    bool joined_before = joins_forward(before) && joins_backward(self);
    if (text[i] == kLam && next == i + 1 && next < text.size()) {
        auto lig = ligature_for(text[next]);
        if (lig[0]) {
            ligature = true;
            return joined_before ? lig[1] : lig[0];
        }
    }
    bool joined_after = joins_forward(self) && joins_backward(after);
    char32_t form = joined_before && joined_after ? f->medial
                    : joined_before               ? f->final
                    : joined_after                ? f->initial
                                                  : f->isolated;
    return form ? form
                : (joined_before && f->final ? f->final
                   : f->isolated             ? f->isolated
                                             : text[i]);
}

} // namespace gloss::core
