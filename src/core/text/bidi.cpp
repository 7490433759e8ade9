// UAX #9: explicit embeddings, overrides and isolates, and the implicit rules. Layer: core
// (std only).
#include "core/text/bidi.hpp"

#include <algorithm>
#include <string>

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
    return c <= it->last ? it->cls : BidiClass::L;
}

bool is_right_to_left(char32_t c) {
    if (c < 0x0590) return false;
    BidiClass cls = bidi_class(c);
    return cls == BidiClass::R || cls == BidiClass::AL || cls == BidiClass::AN ||
           cls >= BidiClass::LRE; // an embedding, override or isolate may turn text around
}

namespace {

bool is_isolate_initiator(BidiClass c) {
    return c == BidiClass::LRI || c == BidiClass::RLI || c == BidiClass::FSI;
}
// X9: embeddings, overrides, their terminator and boundary neutrals take no part in resolving.
bool is_removed_by_x9(BidiClass c) {
    return c == BidiClass::RLE || c == BidiClass::LRE || c == BidiClass::RLO ||
           c == BidiClass::LRO || c == BidiClass::PDF || c == BidiClass::BN;
}

// BD9: the matching PDI of every isolate initiator (n when it has none).
std::vector<std::size_t> matching_pdis(const std::vector<BidiClass>& t) {
    const std::size_t n = t.size();
    std::vector<std::size_t> match(n, n);
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < n; ++i) {
        if (is_isolate_initiator(t[i])) {
            open.push_back(i);
        } else if (t[i] == BidiClass::PDI && !open.empty()) {
            match[open.back()] = i;
            open.pop_back();
        } else if (t[i] == BidiClass::B) {
            open.clear();
        }
    }
    return match;
}

// P2-P3 over [from, to): the level of the first strong character outside isolates (0 when none).
int first_strong_level(const std::vector<BidiClass>& t, const std::vector<std::size_t>& match,
                       std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
        if (t[i] == BidiClass::L) return 0;
        if (t[i] == BidiClass::R || t[i] == BidiClass::AL) return 1;
        if (is_isolate_initiator(t[i])) {
            if (match[i] >= to) return 0;
            i = match[i];
        }
    }
    return 0;
}

// W1-W7, N0-N2 and I1-I2 over one isolating run sequence (BD13): the positions `at` in text
// order, all at `level`, between `sos` and `eos`.
void resolve_sequence(std::u32string_view text, std::vector<BidiClass>& classes,
                      const std::vector<std::size_t>& at, std::uint8_t level, BidiClass sos,
                      BidiClass eos, std::vector<std::uint8_t>& levels) {
    const std::size_t n = at.size();
    std::vector<BidiClass> t(n);
    std::u32string chars(n, U' ');
    for (std::size_t k = 0; k < n; ++k) {
        t[k] = classes[at[k]];
        chars[k] = text[at[k]];
    }
    // W1: a nonspacing mark takes the class of the character before it (ON after an isolate
    // initiator or a PDI).
    for (std::size_t i = 0; i < n; ++i)
        if (t[i] == BidiClass::NSM) {
            BidiClass before = i ? t[i - 1] : sos;
            t[i] =
                is_isolate_initiator(before) || before == BidiClass::PDI ? BidiClass::ON : before;
        }
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
    const BidiClass embedding = level % 2 ? BidiClass::R : BidiClass::L;
    resolve_brackets(chars, t, embedding, sos);
    // N1-N2: neutrals (isolate initiators and PDIs among them) between two strong sides of one
    // direction take it (numbers count as R), the others the embedding direction.
    auto neutral = [](BidiClass c) {
        return is_neutral(c) || is_isolate_initiator(c) || c == BidiClass::PDI;
    };
    auto side = [](BidiClass c) {
        return c == BidiClass::L ? BidiClass::L : BidiClass::R; // R, EN, AN
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (!neutral(t[i])) continue;
        std::size_t j = i;
        while (j < n && neutral(t[j]))
            ++j;
        BidiClass before = i ? side(t[i - 1]) : sos;
        BidiClass after = j < n ? side(t[j]) : eos;
        BidiClass resolved = before == after ? before : embedding;
        for (std::size_t k = i; k < j; ++k)
            t[k] = resolved;
        i = j - 1;
    }
    // I1-I2.
    for (std::size_t i = 0; i < n; ++i) {
        std::uint8_t& l = levels[at[i]];
        l = level;
        if (level % 2 == 0) {
            if (t[i] == BidiClass::R)
                l += 1;
            else if (t[i] == BidiClass::AN || t[i] == BidiClass::EN)
                l += 2;
        } else if (t[i] == BidiClass::L || t[i] == BidiClass::EN || t[i] == BidiClass::AN) {
            l += 1;
        }
    }
}

} // namespace

std::vector<std::uint8_t> bidi_levels(std::u32string_view text, int base, int* base_out) {
    const std::size_t n = text.size();
    std::vector<BidiClass> t(n);
    for (std::size_t i = 0; i < n; ++i)
        t[i] = bidi_class(text[i]);
    // The characters as they are: an override changes an isolate initiator's or a PDI's type
    // for the rules that resolve it, not its place in the structure (BD13).
    const std::vector<BidiClass> original = t;
    const std::vector<std::size_t> match = matching_pdis(original);
    if (base < 0) base = first_strong_level(t, match, 0, n); // P2-P3
    if (base_out) *base_out = base;

    // X1-X8: explicit embeddings, overrides and isolates set each character's level.
    constexpr int kMaxDepth = 125;
    struct Entry {
        std::uint8_t level;
        BidiClass override; // ON: none
        bool isolate;
    };
    std::vector<Entry> stack{{static_cast<std::uint8_t>(base), BidiClass::ON, false}};
    int overflow_isolates = 0, overflow_embeddings = 0, valid_isolates = 0;
    std::vector<std::uint8_t> levels(n, static_cast<std::uint8_t>(base));
    auto next_level = [&](bool rtl) {
        int l = stack.back().level;
        return rtl ? (l + 1) | 1 : (l + 2) & ~1;
    };
    for (std::size_t i = 0; i < n; ++i) {
        const BidiClass c = t[i];
        switch (c) {
        case BidiClass::RLE:
        case BidiClass::LRE:
        case BidiClass::RLO:
        case BidiClass::LRO: { // X2-X5
            bool rtl = c == BidiClass::RLE || c == BidiClass::RLO;
            int level = next_level(rtl);
            levels[i] = stack.back().level;
            if (level <= kMaxDepth && overflow_isolates == 0 && overflow_embeddings == 0) {
                BidiClass o = c == BidiClass::RLO   ? BidiClass::R
                              : c == BidiClass::LRO ? BidiClass::L
                                                    : BidiClass::ON;
                stack.push_back({static_cast<std::uint8_t>(level), o, false});
            } else if (overflow_isolates == 0) {
                ++overflow_embeddings;
            }
            break;
        }
        case BidiClass::RLI:
        case BidiClass::LRI:
        case BidiClass::FSI: { // X5a-X5c
            levels[i] = stack.back().level;
            if (stack.back().override != BidiClass::ON) t[i] = stack.back().override;
            bool rtl =
                c == BidiClass::RLI ||
                (c == BidiClass::FSI && first_strong_level(original, match, i + 1, match[i]) == 1);
            int level = next_level(rtl);
            if (level <= kMaxDepth && overflow_isolates == 0 && overflow_embeddings == 0) {
                ++valid_isolates;
                stack.push_back({static_cast<std::uint8_t>(level), BidiClass::ON, true});
            } else {
                ++overflow_isolates;
            }
            break;
        }
        case BidiClass::PDI: // X6a
            if (overflow_isolates > 0) {
                --overflow_isolates;
            } else if (valid_isolates > 0) {
                overflow_embeddings = 0;
                while (!stack.back().isolate)
                    stack.pop_back();
                stack.pop_back();
                --valid_isolates;
            }
            levels[i] = stack.back().level;
            if (stack.back().override != BidiClass::ON) t[i] = stack.back().override;
            break;
        case BidiClass::PDF: // X7
            if (overflow_isolates > 0) {
            } else if (overflow_embeddings > 0) {
                --overflow_embeddings;
            } else if (!stack.back().isolate && stack.size() >= 2) {
                stack.pop_back();
            }
            levels[i] = stack.back().level;
            break;
        case BidiClass::B: // X8
            levels[i] = static_cast<std::uint8_t>(base);
            break;
        case BidiClass::BN:
            levels[i] = stack.back().level;
            break;
        default: // X6
            levels[i] = stack.back().level;
            if (stack.back().override != BidiClass::ON) t[i] = stack.back().override;
        }
    }

    // X9-X10: the isolating run sequences of what is left, each resolved on its own.
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < n; ++i)
        if (!is_removed_by_x9(t[i])) kept.push_back(i);
    // Level runs (BD7), as ranges of `kept`.
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t k = 0; k < kept.size();) {
        std::size_t e = k + 1;
        while (e < kept.size() && levels[kept[e]] == levels[kept[k]])
            ++e;
        runs.push_back({k, e});
        k = e;
    }
    std::vector<std::size_t> run_of(n, runs.size());
    for (std::size_t r = 0; r < runs.size(); ++r)
        for (std::size_t k = runs[r].first; k < runs[r].second; ++k)
            run_of[kept[k]] = r;
    const std::vector<std::uint8_t> explicit_levels = levels;
    std::vector<bool> matched_pdi(n, false); // PDIs that close an initiator
    for (std::size_t i = 0; i < n; ++i)
        if (is_isolate_initiator(original[i]) && match[i] < n) matched_pdi[match[i]] = true;
    auto direction = [](int level) { return level % 2 ? BidiClass::R : BidiClass::L; };
    for (std::size_t r = 0; r < runs.size(); ++r) {
        // A run that starts with the PDI of an initiator that ends an earlier run continues
        // that run's sequence, which was resolved there.
        if (matched_pdi[kept[runs[r].first]]) continue;
        std::vector<std::size_t> at;
        for (std::size_t q = r;;) {
            for (std::size_t k = runs[q].first; k < runs[q].second; ++k)
                at.push_back(kept[k]);
            std::size_t last = at.back();
            if (!is_isolate_initiator(original[last]) || match[last] >= n ||
                run_of[match[last]] >= runs.size())
                break;
            q = run_of[match[last]];
        }
        const std::uint8_t level = explicit_levels[at.front()];
        // sos and eos: the higher of the sequence's level and the level beside it (the
        // paragraph's at its ends, and after an isolate initiator that has no match).
        int before = base, after = base;
        for (std::size_t i = at.front(); i-- > 0;)
            if (!is_removed_by_x9(t[i])) {
                before = explicit_levels[i];
                break;
            }
        std::size_t last = at.back();
        if (!is_isolate_initiator(original[last]))
            for (std::size_t i = last + 1; i < n; ++i)
                if (!is_removed_by_x9(t[i])) {
                    after = explicit_levels[i];
                    break;
                }
        resolve_sequence(text, t, at, level, direction(std::max<int>(level, before)),
                         direction(std::max<int>(level, after)), levels);
    }
    // Removed characters take the level of the character before them (the paragraph's at the
    // start), so that they are shown beside it.
    for (std::size_t i = 0; i < n; ++i)
        if (is_removed_by_x9(t[i])) levels[i] = i ? levels[i - 1] : static_cast<std::uint8_t>(base);
    return levels;
}

bool resets_at_line_end(BidiClass c) {
    return c == BidiClass::WS || c == BidiClass::S || c == BidiClass::B || c == BidiClass::BN ||
           c >= BidiClass::LRE;
}

void reset_trailing_whitespace(std::u32string_view line, std::vector<std::uint8_t>& levels,
                               std::uint8_t paragraph_level) {
    for (std::size_t i = std::min(line.size(), levels.size()); i-- > 0;) {
        if (!resets_at_line_end(bidi_class(line[i]))) break;
        levels[i] = paragraph_level;
    }
    for (std::size_t i = 0; i < line.size() && i < levels.size(); ++i) {
        BidiClass c = bidi_class(line[i]);
        if (c == BidiClass::S || c == BidiClass::B) { // and the whitespace before them
            levels[i] = paragraph_level;
            for (std::size_t k = i; k-- > 0;) {
                BidiClass w = bidi_class(line[k]);
                if (!resets_at_line_end(w) || w == BidiClass::S || w == BidiClass::B) break;
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
