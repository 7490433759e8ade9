// Grapheme-cluster boundaries: accents, ZWJ emoji, flags, skin tones, CR LF, Hangul, CJK, and a
// seeded property test over random strings built from clusters with known boundaries.
#include "core/text/grapheme.hpp"
#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace gloss::core;

namespace {

// Every position where is_grapheme_boundary holds, 0 and text.size() included.
std::vector<std::size_t> boundaries(std::u32string_view text) {
    std::vector<std::size_t> out;
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
        if (is_grapheme_boundary(text, pos)) out.push_back(pos);
    }
    return out;
}

using Positions = std::vector<std::size_t>;

} // namespace

TEST_CASE("accents: precomposed and combining", "[core][grapheme]") {
    CHECK(boundaries(U"José") == Positions{0, 1, 2, 3, 4});
    CHECK(boundaries(U"Jose\u0301") == Positions{0, 1, 2, 3, 5});
    CHECK(boundaries(U"e\u0301\u0327x") == Positions{0, 3, 4});
    CHECK(next_grapheme_boundary(U"e\u0301\u0327x", 0) == 3);
    CHECK(next_grapheme_boundary(U"e\u0301\u0327x", 1) == 3);
    CHECK(previous_grapheme_boundary(U"e\u0301\u0327x", 3) == 0);
    CHECK(previous_grapheme_boundary(U"e\u0301\u0327x", 2) == 0);
    // Hebrew points, Arabic harakat and a Devanagari vowel sign join their letter.
    CHECK(boundaries(U"\u05E9\u05C1\u05B8\u0628\u064E\u0928\u093F") == Positions{0, 3, 5, 7});
}

TEST_CASE("Indic conjuncts joined by a virama are one cluster (GB9c)", "[core][grapheme]") {
    // क्ष (ka, virama, ssa): one cluster, as UAX #29 since Unicode 15.1 and the browser have it.
    CHECK(boundaries(U"\u0915\u094D\u0937") == Positions{0, 3});
    // क्षि: the vowel sign joins the conjunct too; then a space and न.
    CHECK(boundaries(U"\u0915\u094D\u0937\u093F \u0928") == Positions{0, 4, 5, 6});
    // स्त्र (sa, virama, ta, virama, ra): three consonants, one cluster.
    CHECK(boundaries(U"\u0938\u094D\u0924\u094D\u0930") == Positions{0, 5});
    // A nukta and ZWJ may sit in the chain: ज़्ज and क्\u200Dष.
    CHECK(boundaries(U"\u091C\u093C\u094D\u091C") == Positions{0, 4});
    CHECK(boundaries(U"\u0915\u094D\u200D\u0937") == Positions{0, 4});
    // ZWNJ asks for no conjunct (the virama shown): two clusters.
    CHECK(boundaries(U"\u0915\u094D\u200C\u0937") == Positions{0, 3, 4});
    // No virama, no conjunct: कष is two clusters; a vowel sign is not a linker: कि ष.
    CHECK(boundaries(U"\u0915\u0937") == Positions{0, 1, 2});
    CHECK(boundaries(U"\u0915\u093F\u0937") == Positions{0, 2, 3});
    // Bengali ক্ষ, Telugu క్ష, Malayalam ക്ഷ.
    CHECK(boundaries(U"\u0995\u09CD\u09B7") == Positions{0, 3});
    CHECK(boundaries(U"\u0C15\u0C4D\u0C37") == Positions{0, 3});
    CHECK(boundaries(U"\u0D15\u0D4D\u0D37") == Positions{0, 3});
    // Tamil is not among GB9c's scripts: க்ஷ stays two clusters.
    CHECK(boundaries(U"\u0B95\u0BCD\u0BB7") == Positions{0, 2, 3});
    // A virama after a non-consonant links nothing: ॐ्क.
    CHECK(boundaries(U"\u0950\u094D\u0915") == Positions{0, 2, 3});
    CHECK(next_grapheme_boundary(U"\u0915\u094D\u0937a", 0) == 3);
    CHECK(previous_grapheme_boundary(U"\u0915\u094D\u0937a", 3) == 0);
    CHECK(previous_grapheme_boundary(U"\u0915\u094D\u0937a", 2) == 0);
}

TEST_CASE("ZWJ emoji sequences and skin tones are one cluster", "[core][grapheme]") {
    std::u32string family = U"\U0001F469\u200D\U0001F469\u200D\U0001F467"; // 👩‍👩‍👧
    CHECK(boundaries(family) == Positions{0, 5});
    CHECK(next_grapheme_boundary(family, 0) == 5);
    CHECK(previous_grapheme_boundary(family, 5) == 0);
    CHECK(previous_grapheme_boundary(family, 3) == 0);
    CHECK(boundaries(U"\U0001F44D\U0001F3FD!") == Positions{0, 2, 3}); // 👍🏽!
    CHECK(boundaries(U"\U0001F469\U0001F3FD\u200D\U0001F4BB") ==
          Positions{0, 4});                                                    // 👩🏽‍💻
    CHECK(boundaries(U"\u2764\uFE0F\u2764") == Positions{0, 2, 3});            // ❤️❤
    CHECK(boundaries(U"\U0001F3F3\uFE0F\u200D\U0001F308") == Positions{0, 4}); // 🏳️‍🌈
    // ZWJ after a letter does not glue the next pictograph (GB11 needs a pictograph before).
    CHECK(boundaries(U"a\u200D\U0001F467") == Positions{0, 2, 3});
}

TEST_CASE("regional indicators pair into flags", "[core][grapheme]") {
    std::u32string two = U"\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA"; // 🇫🇷🇩🇪
    CHECK(boundaries(two) == Positions{0, 2, 4});
    std::u32string three = U"\U0001F1EB\U0001F1F7\U0001F1E9"; // 🇫🇷 + a lone 🇩
    CHECK(boundaries(three) == Positions{0, 2, 3});
    CHECK(next_grapheme_boundary(three, 1) == 2);
    CHECK(next_grapheme_boundary(three, 2) == 3);
    CHECK(previous_grapheme_boundary(three, 3) == 2);
    CHECK(previous_grapheme_boundary(three, 2) == 0);
    CHECK(boundaries(U"a\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EAb") == Positions{0, 1, 3, 5, 6});
}

TEST_CASE("CR LF is one cluster, controls stand alone", "[core][grapheme]") {
    CHECK(boundaries(U"a\r\nb") == Positions{0, 1, 3, 4});
    CHECK(boundaries(U"\r\r\n") == Positions{0, 1, 3});
    CHECK(boundaries(U"\n\r") == Positions{0, 1, 2});
    CHECK(next_grapheme_boundary(U"a\r\nb", 1) == 3);
    CHECK(previous_grapheme_boundary(U"a\r\nb", 3) == 1);
    // A mark after a line break starts its own cluster (GB4).
    CHECK(boundaries(U"\n\u0301") == Positions{0, 1, 2});
}

TEST_CASE("Hangul jamo and syllables", "[core][grapheme]") {
    CHECK(boundaries(U"\u1100\u1161\u11A8") == Positions{0, 3});       // L V T
    CHECK(boundaries(U"\u1100\u1100\u1161") == Positions{0, 3});       // L L V
    CHECK(boundaries(U"\uAC00\u11A8") == Positions{0, 2});             // LV T
    CHECK(boundaries(U"\uAC00\u1161") == Positions{0, 2});             // LV V
    CHECK(boundaries(U"\uAC01\u11A8") == Positions{0, 2});             // LVT T
    CHECK(boundaries(U"\uAC01\u1161") == Positions{0, 1, 2});          // LVT ÷ V
    CHECK(boundaries(U"\u1100\uAC00") == Positions{0, 2});             // L LV
    CHECK(boundaries(U"\uD55C\uAD6D\uC5B4") == Positions{0, 1, 2, 3}); // 한국어
}

TEST_CASE("CJK ideographs are one cluster each", "[core][grapheme]") {
    CHECK(boundaries(U"中文。") == Positions{0, 1, 2, 3});
}

TEST_CASE("positions at and past the ends", "[core][grapheme]") {
    CHECK(is_grapheme_boundary(U"", 0));
    CHECK(next_grapheme_boundary(U"", 0) == 0);
    CHECK(previous_grapheme_boundary(U"", 0) == 0);
    CHECK(is_grapheme_boundary(U"ab", 7));
    CHECK(next_grapheme_boundary(U"ab", 2) == 2);
    CHECK(next_grapheme_boundary(U"ab", 7) == 2);
    CHECK(previous_grapheme_boundary(U"ab", 0) == 0);
    CHECK(previous_grapheme_boundary(U"ab", 7) == 2);
}

TEST_CASE("random strings of known clusters agree on every boundary", "[core][grapheme]") {
    // Clusters chosen so that no two can join when concatenated: none starts with an Extend,
    // ZWJ, LF, Hangul V or T, or a lone regional indicator, and none ends with CR, ZWJ or L.
    const std::vector<std::u32string> pool = {
        U"a",
        U"Z",
        U" ",
        U"7",
        U".",
        U"é",
        U"e\u0301",
        U"e\u0301\u0327",
        U"\u0928\u093F",
        U"\u05E9\u05C1\u05B8",
        U"\u0628\u064E",
        U"\r\n",
        U"\n",
        U"\t",
        U"\u00AD",
        U"\u2028",
        U"\U0001F44D",
        U"\U0001F44D\U0001F3FD",
        U"\U0001F469\u200D\U0001F469\u200D\U0001F467",
        U"\U0001F3F3\uFE0F\u200D\U0001F308",
        U"\u2764\uFE0F",
        U"\u00A9",
        U"1\uFE0F\u20E3",
        U"\U0001F1EB\U0001F1F7",
        U"\U0001F1FA\U0001F1F8",
        U"\uD55C",
        U"\uAC00",
        U"\u1100\u1161\u11A8",
        U"\uAC01\u11A8",
        U"中",
        U"\u0E01\u0E33",
        U"a\u200C",
    };
    const std::uint32_t first_seed = Catch::rngSeed();
    for (std::uint32_t run = 0; run < 200; ++run) {
        const std::uint32_t seed = first_seed + run;
        std::mt19937 rng(seed);
        std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
        std::uniform_int_distribution<int> length(0, 24);
        std::u32string text;
        std::vector<bool> known(1, true);
        for (int k = length(rng); k > 0; --k) {
            const std::u32string& cluster = pool[pick(rng)];
            text += cluster;
            known.resize(text.size() + 1, false);
            known[text.size()] = true;
        }
        std::size_t mismatch = std::u32string::npos;
        for (std::size_t pos = 0; pos <= text.size() && mismatch == std::u32string::npos; ++pos) {
            std::size_t next = pos + 1;
            while (next < text.size() && !known[next])
                ++next;
            std::size_t previous = pos == 0 ? 0 : pos - 1;
            while (previous > 0 && !known[previous])
                --previous;
            if (is_grapheme_boundary(text, pos) != known[pos] ||
                next_grapheme_boundary(text, pos) != std::min(next, text.size()) ||
                previous_grapheme_boundary(text, pos) != previous) {
                mismatch = pos;
            }
        }
        CAPTURE(seed, to_utf8(text), mismatch);
        CHECK(mismatch == std::u32string::npos);
    }
}
