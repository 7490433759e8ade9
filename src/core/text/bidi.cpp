// UAX #9 implicit rules. Layer: core (std only).
#include "core/text/bidi.hpp"

#include <algorithm>

namespace gloss::core {
namespace {

struct BidiRange {
    char32_t first, last;
    BidiClass cls;
};
constexpr BidiRange kRanges[] = {
#include "core/text/bidi_table.inc"
};

bool is_strong(BidiClass c) {
    return c == BidiClass::L || c == BidiClass::R || c == BidiClass::AL;
}
bool is_neutral(BidiClass c) {
    return c == BidiClass::B || c == BidiClass::S || c == BidiClass::WS || c == BidiClass::ON ||
           c == BidiClass::BN;
}

// Paired brackets (Bidi_Paired_Bracket_Type open): {opening, closing}.
constexpr char32_t kBrackets[][2] = {
    {'(', ')'},       {'[', ']'},       {'{', '}'},       {0x2045, 0x2046},
    {0x207D, 0x207E}, {0x208D, 0x208E}, {0x2329, 0x232A}, {0x3008, 0x3009},
    {0x300A, 0x300B}, {0x300C, 0x300D}, {0x300E, 0x300F}, {0x3010, 0x3011},
    {0x3014, 0x3015}, {0xFF08, 0xFF09}, {0xFF3B, 0xFF3D}, {0xFF5B, 0xFF5D},
};
char32_t closing_of(char32_t c) {
    for (const auto& pair : kBrackets)
        if (c == pair[0]) return pair[1];
    return 0;
}
bool is_closing(char32_t c) {
    for (const auto& pair : kBrackets)
        if (c == pair[1]) return true;
    return false;
}

// N0: a pair of brackets takes the paragraph's direction when it holds text of that direction,
// else the other direction when it holds that and the text before it has it too.
void resolve_brackets(std::u32string_view text, std::vector<BidiClass>& t, BidiClass embedding,
                      BidiClass sos) {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    std::vector<std::pair<char32_t, std::size_t>> open; // expected closing bracket, position
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (t[i] != BidiClass::ON) continue;
        if (char32_t closer = closing_of(text[i])) {
            if (open.size() == 63) break; // BD16: too deep, no more pairs
            open.push_back({closer, i});
        } else if (is_closing(text[i])) {
            for (std::size_t k = open.size(); k-- > 0;) {
                if (open[k].first != text[i]) continue;
                pairs.push_back({open[k].second, i});
                open.resize(k);
                break;
            }
        }
    }
    std::sort(pairs.begin(), pairs.end());
    auto strong = [](BidiClass c) {
        if (c == BidiClass::L) return BidiClass::L;
        if (c == BidiClass::R || c == BidiClass::EN || c == BidiClass::AN) return BidiClass::R;
        return BidiClass::ON;
    };
    BidiClass opposite = embedding == BidiClass::L ? BidiClass::R : BidiClass::L;
    for (auto [o, c] : pairs) {
        bool same = false, other = false;
        for (std::size_t k = o + 1; k < c; ++k) {
            BidiClass s = strong(t[k]);
            same = same || s == embedding;
            other = other || s == opposite;
        }
        BidiClass resolved;
        if (same) {
            resolved = embedding;
        } else if (other) {
            BidiClass before = sos;
            for (std::size_t k = o; k-- > 0;)
                if (BidiClass s = strong(t[k]); s != BidiClass::ON) {
                    before = s;
                    break;
                }
            resolved = before == opposite ? opposite : embedding;
        } else {
            continue;
        }
        t[o] = t[c] = resolved;
    }
}

} // namespace

BidiClass bidi_class(char32_t c) {
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') return BidiClass::L;
        if (c >= 'a' && c <= 'z') return BidiClass::L;
    }
    auto it = std::upper_bound(std::begin(kRanges), std::end(kRanges), c,
                               [](char32_t v, const BidiRange& r) { return v < r.first; });
    if (it == std::begin(kRanges)) return BidiClass::L;
    --it;
    BidiClass cls = c <= it->last ? it->cls : BidiClass::L;
    // Explicit formatting characters are not implemented: they count as boundary neutrals.
    if (cls >= BidiClass::LRE) return BidiClass::BN;
    return cls;
}

bool is_right_to_left(char32_t c) {
    if (c < 0x0590) return false;
    BidiClass cls = bidi_class(c);
    return cls == BidiClass::R || cls == BidiClass::AL || cls == BidiClass::AN;
}

std::vector<std::uint8_t> bidi_levels(std::u32string_view text, int base, int* base_out) {
    const std::size_t n = text.size();
    std::vector<BidiClass> t(n);
    for (std::size_t i = 0; i < n; ++i)
        t[i] = bidi_class(text[i]);
    if (base < 0) { // P2-P3: the first strong character
        base = 0;
        for (BidiClass c : t)
            if (is_strong(c)) {
                base = c == BidiClass::L ? 0 : 1;
                break;
            }
    }
    if (base_out) *base_out = base;
    const BidiClass sos = base ? BidiClass::R : BidiClass::L;
    // X9: boundary neutrals take the class of what precedes them (kept for W rules' sake).
    // W1: a nonspacing mark takes the class of the character before it.
    for (std::size_t i = 0; i < n; ++i)
        if (t[i] == BidiClass::NSM) t[i] = i ? t[i - 1] : sos;
    // W2: European digits after Arabic letters are Arabic digits. W3: AL is R.
    BidiClass last_strong = sos;
    for (std::size_t i = 0; i < n; ++i) {
        if (is_strong(t[i]))
            last_strong = t[i];
        else if (t[i] == BidiClass::EN && last_strong == BidiClass::AL)
            t[i] = BidiClass::AN;
    }
    for (BidiClass& c : t)
        if (c == BidiClass::AL) c = BidiClass::R;
    // W4: a single separator between two numbers of the same kind joins them.
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (t[i] == BidiClass::ES && t[i - 1] == BidiClass::EN && t[i + 1] == BidiClass::EN)
            t[i] = BidiClass::EN;
        else if (t[i] == BidiClass::CS && t[i - 1] == t[i + 1] &&
                 (t[i - 1] == BidiClass::EN || t[i - 1] == BidiClass::AN))
            t[i] = t[i - 1];
    }
    // W5: terminators next to European digits are European digits.
    for (std::size_t i = 0; i < n; ++i) {
        if (t[i] != BidiClass::ET) continue;
        std::size_t j = i;
        while (j < n && t[j] == BidiClass::ET)
            ++j;
        bool next_to_en = (i > 0 && t[i - 1] == BidiClass::EN) || (j < n && t[j] == BidiClass::EN);
        if (next_to_en)
            for (std::size_t k = i; k < j; ++k)
                t[k] = BidiClass::EN;
        i = j - 1;
    }
    // W6: the remaining separators and terminators are neutrals.
    for (BidiClass& c : t)
        if (c == BidiClass::ES || c == BidiClass::ET || c == BidiClass::CS) c = BidiClass::ON;
    // W7: European digits after left-to-right text are left to right.
    last_strong = sos;
    for (std::size_t i = 0; i < n; ++i) {
        if (t[i] == BidiClass::L || t[i] == BidiClass::R)
            last_strong = t[i];
        else if (t[i] == BidiClass::EN && last_strong == BidiClass::L)
            t[i] = BidiClass::L;
    }
    resolve_brackets(text, t, sos, sos);
    // N1-N2: neutrals between two strong sides of one direction take it (numbers count as R),
    // the others the paragraph's direction.
    auto side = [](BidiClass c) {
        return c == BidiClass::L ? BidiClass::L : BidiClass::R; // R, EN, AN
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_neutral(t[i])) continue;
        std::size_t j = i;
        while (j < n && is_neutral(t[j]))
            ++j;
        BidiClass before = i ? side(t[i - 1]) : sos;
        BidiClass after = j < n ? side(t[j]) : sos; // eos
        BidiClass resolved = before == after ? before : sos;
        for (std::size_t k = i; k < j; ++k)
            t[k] = resolved;
        i = j - 1;
    }
    // I1-I2.
    std::vector<std::uint8_t> levels(n, static_cast<std::uint8_t>(base));
    for (std::size_t i = 0; i < n; ++i) {
        if (base % 2 == 0) {
            if (t[i] == BidiClass::R)
                levels[i] += 1;
            else if (t[i] == BidiClass::AN || t[i] == BidiClass::EN)
                levels[i] += 2;
        } else if (t[i] == BidiClass::L || t[i] == BidiClass::EN || t[i] == BidiClass::AN) {
            levels[i] += 1;
        }
    }
    return levels;
}

void reset_trailing_whitespace(std::u32string_view line, std::vector<std::uint8_t>& levels,
                               std::uint8_t paragraph_level) {
    for (std::size_t i = std::min(line.size(), levels.size()); i-- > 0;) {
        BidiClass c = bidi_class(line[i]);
        if (c != BidiClass::WS && c != BidiClass::S && c != BidiClass::BN && c != BidiClass::B)
            break;
        levels[i] = paragraph_level;
    }
    for (std::size_t i = 0; i < line.size() && i < levels.size(); ++i) {
        BidiClass c = bidi_class(line[i]);
        if (c == BidiClass::S || c == BidiClass::B) { // and the whitespace before them
            levels[i] = paragraph_level;
            for (std::size_t k = i; k-- > 0;) {
                BidiClass w = bidi_class(line[k]);
                if (w != BidiClass::WS && w != BidiClass::BN) break;
                levels[k] = paragraph_level;
            }
        }
    }
}

std::vector<std::size_t> visual_order(const std::vector<std::uint8_t>& levels) {
    std::vector<std::size_t> order(levels.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    if (levels.empty()) return order;
    std::uint8_t highest = *std::max_element(levels.begin(), levels.end());
    std::uint8_t lowest_odd = 255;
    for (std::uint8_t l : levels)
        if (l % 2) lowest_odd = std::min(lowest_odd, l);
    if (lowest_odd == 255) return order;
    // L2: from the highest level down to the lowest odd one, reverse every run at or above it.
    for (int level = highest; level >= lowest_odd; --level) {
        for (std::size_t i = 0; i < order.size();) {
            if (levels[order[i]] < level) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < order.size() && levels[order[j]] >= level)
                ++j;
            std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i),
                         order.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }
    return order;
}

char32_t mirrored(char32_t c) {
    static constexpr char32_t kPairs[][2] = {
        {'(', ')'},       {'<', '>'},       {'[', ']'},       {'{', '}'},       {0xAB, 0xBB},
        {0x2039, 0x203A}, {0x2045, 0x2046}, {0x207D, 0x207E}, {0x208D, 0x208E}, {0x2264, 0x2265},
        {0x3008, 0x3009}, {0x300A, 0x300B}, {0x300C, 0x300D}, {0x300E, 0x300F}, {0x3010, 0x3011},
        {0x3014, 0x3015}, {0xFF08, 0xFF09}, {0xFF1C, 0xFF1E}, {0xFF3B, 0xFF3D}, {0xFF5B, 0xFF5D},
    };
    for (const auto& pair : kPairs) {
        if (c == pair[0]) return pair[1];
        if (c == pair[1]) return pair[0];
    }
    return c;
}

} // namespace gloss::core
