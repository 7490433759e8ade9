// Bidirectional levels and visual order (UAX #9), checked against GNU FriBidi 1.0.8's
// `fribidi --levels` for the same strings, and Arabic joining forms and ligatures.
#include "core/text/arabic.hpp"
#include "core/text/bidi.hpp"
#include "core/text/display.hpp"
#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace gloss::core;

namespace {

std::vector<int> levels_of(const std::string& utf8, int base = -1) {
    std::u32string text = to_utf32(utf8);
    auto levels = bidi_levels(text, base);
    reset_trailing_whitespace(text, levels, static_cast<std::uint8_t>(base < 0 ? 0 : base));
    return {levels.begin(), levels.end()};
}

// The text as shown, left to right.
std::string visual(const std::string& utf8) {
    std::u32string text = to_utf32(utf8);
    int base = 0;
    auto levels = bidi_levels(text, -1, &base);
    reset_trailing_whitespace(text, levels, static_cast<std::uint8_t>(base));
    std::u32string out;
    for (std::size_t i : visual_order(levels))
        out += levels[i] % 2 ? mirrored(text[i]) : text[i];
    return to_utf8(out);
}

} // namespace

TEST_CASE("bidi levels follow the implicit rules as FriBidi does", "[bidi]") {
    // Hebrew inside English: the Hebrew words and the space between them are level 1.
    CHECK(levels_of("he said שלום עולם today") ==
          std::vector<int>{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0});
    // A Hebrew paragraph (level 1) with English and a number: level 2 inside.
    CHECK(levels_of("שלום (world) 123 עולם") ==
          std::vector<int>{1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1});
    // Separators and terminators join numbers (W4, W5).
    CHECK(levels_of("abc אבג 12.5% def") ==
          std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 0, 0, 0, 0});
    // European digits after Latin are Latin (W7), in a right-to-left paragraph.
    CHECK(levels_of("אבג: abc, 12 דהו.") ==
          std::vector<int>{1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1});
    CHECK(levels_of("x (אבג) y") == std::vector<int>{0, 0, 0, 1, 1, 1, 0, 0, 0});
    CHECK(levels_of("אב 1-2 גד") == std::vector<int>{1, 1, 1, 2, 2, 2, 1, 1, 1});
}

TEST_CASE("bidi visual order reverses right-to-left runs and mirrors brackets", "[bidi]") {
    CHECK(visual("he said שלום עולם today") == "he said םלוע םולש today");
    CHECK(visual("שלום (world) 123 עולם") == "םלוע 123 (world) םולש");
    CHECK(visual("x (אבג) y") == "x (גבא) y");
    CHECK(visual("אב 1-2 גד") == "דג 1-2 בא");
    // Arabic letters with an Arabic-Indic number, and European digits after Arabic (W2).
    CHECK(visual("قال 25 شخصا") == "اصخش 25 لاق");
    CHECK(visual("plain English only") == "plain English only");
}

TEST_CASE("the paragraph's direction comes from its first strong character", "[bidi]") {
    int base = -1;
    bidi_levels(to_utf32("123 שלום abc"), -1, &base);
    CHECK(base == 1);
    bidi_levels(to_utf32("«Hello» שלום"), -1, &base);
    CHECK(base == 0);
    bidi_levels(to_utf32("... 42"), -1, &base);
    CHECK(base == 0);
    CHECK(is_right_to_left(U'ש'));
    CHECK(is_right_to_left(U'ع'));
    CHECK_FALSE(is_right_to_left(U'é'));
    CHECK_FALSE(is_right_to_left(U'中'));
}

TEST_CASE("explicit embeddings, overrides and isolates set levels as FriBidi does", "[bidi]") {
    // Levels from GNU FriBidi 1.0.8 (fribidi_get_par_embedding_levels_ex, through ctypes) for the
    // same strings; the explicit characters take the level of the character before them.
    // RLE … PDF: a Hebrew quotation embedded right to left in English.
    CHECK(levels_of("He said \u202B«שלום עולם»\u202C today") ==
          std::vector<int>{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
                           1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0});
    // RLO … PDF: Latin letters forced right to left.
    CHECK(levels_of("\u202Eabc\u202C def") == std::vector<int>{0, 1, 1, 1, 1, 0, 0, 0, 0});
    // RLI … PDI: an Arabic name isolated, so the number after it stays with the English.
    CHECK(levels_of("The name \u2067محمود عباس\u2069 3 times") ==
          std::vector<int>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
                           1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    // FSI takes the direction of its first strong character.
    CHECK(levels_of("x \u2068שלום 123\u2069 y") ==
          std::vector<int>{0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 0, 0, 0});
    // LRI in a right-to-left paragraph.
    CHECK(levels_of("שלום \u2066abc 1.5\u2069 עולם") ==
          std::vector<int>{1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1});
    // A PDF or PDI with nothing to close changes nothing.
    CHECK(levels_of("abc\u202C\u2069 def") == std::vector<int>{0, 0, 0, 0, 0, 0, 0, 0, 0});
    // The paragraph's direction skips isolates (P2): Latin after an isolated Hebrew word.
    CHECK(levels_of("\u2067שלום\u2069 abc") == std::vector<int>{0, 1, 1, 1, 1, 0, 0, 0, 0, 0});
    // LRO in a right-to-left paragraph; nested embeddings.
    CHECK(levels_of("\u202Dאבג\u202C דה") == std::vector<int>{1, 2, 2, 2, 2, 1, 1, 1});
    CHECK(levels_of("a\u202Bb\u202Ac\u202Cd\u202Ce", 0) ==
          std::vector<int>{0, 0, 2, 2, 2, 2, 2, 2, 0});
    // An isolate inside an override: the override turns the LRI itself, not what it isolates.
    CHECK(levels_of("\u202Eab \u2066cd\u2069 ef\u202C gh") ==
          std::vector<int>{0, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0});
    CHECK(levels_of("\u202Eab \u2067cd\u2069 ef\u202C", 0) ==
          std::vector<int>{0, 1, 1, 1, 1, 4, 4, 1, 1, 1, 1, 0});
    // Deeper than 125: the levels stop there (BD2), embeddings and isolates alike.
    std::string embeddings;
    for (int i = 0; i < 130; ++i)
        embeddings += "\u202B";
    CHECK(levels_of(embeddings + "a").back() == 126);
    std::string isolates;
    for (int i = 0; i < 70; ++i)
        isolates += "\u2067";
    isolates += "a";
    for (int i = 0; i < 70; ++i)
        isolates += "\u2069";
    std::vector<int> deep = levels_of(isolates + "b");
    CHECK(deep[70] == 126);
    CHECK(deep.back() == 0);
}

TEST_CASE("cases derived from UAX #9 where FriBidi 1.0.8 differs", "[bidi]") {
    // N0 looks for the bracket's context within its isolating run sequence only, back to sos
    // (X10). In `[%-١١ LRE :[١-ا%])` the LRE starts a sequence at level 2 whose sos is L (the
    // higher of 2 and the level 1 before it); inside `[…]` there is only R (AN counts as R), and
    // the context before `[` in the sequence is sos, L, so the brackets take the embedding
    // direction, L (N0 c2): level 2. FriBidi 1.0.8 looks past the sequence's start, finds the
    // Arabic-Indic digits and gives them 3.
    CHECK(levels_of("[%-١١\u202A:[١-ا%])") ==
          std::vector<int>{1, 1, 1, 2, 2, 2, 2, 2, 4, 3, 3, 2, 2, 2});
    // An FSI's direction comes from its text up to its matching PDI (BD9, P2): here `+` with a
    // mark, no strong character, so left to right (level 2), whatever follows the PDI. FriBidi
    // 1.0.8 reads on to the Arabic letter after it and gives 1.
    CHECK(levels_of("\u2069\u2068+\u0301\u2069\u2068\u202B\u202E$[ب", 0) ==
          std::vector<int>{0, 0, 2, 2, 0, 0, 0, 0, 5, 5, 5});
    // BD16: a closing bracket pairs with the nearest matching opener on the stack, dropping the
    // unmatched `(` above it, so `[` … `]` is a pair; with only R inside and sos (L) before it,
    // the pair takes the embedding direction, L, and so does what lies between `(` and `]`
    // (N1: R on one side, L on the other). FriBidi 1.0.8 pairs nothing here and gives them 1.
    CHECK(levels_of("[\u0301\u05D0(\u0301]1", 0) == std::vector<int>{0, 0, 1, 0, 0, 0, 2});
}

TEST_CASE("an override is shown in its direction", "[bidi]") {
    CHECK(visual("\u202Eabc\u202C def") == "\u202E\u202Ccba def");
    CHECK(visual("The name \u2067محمود\u2069 3 times") == "The name \u2067دومحم\u2069 3 times");
    CHECK(is_right_to_left(U'\u202E'));
    CHECK(is_right_to_left(U'\u2067'));
}

TEST_CASE("Arabic letters take their joining forms; lam-alef is one glyph", "[arabic]") {
    auto glyphs = [](const std::string& utf8) {
        std::u32string text = to_utf32(utf8);
        std::u32string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            bool ligature = false;
            out += arabic_glyph(text, i, ligature);
            if (ligature) ++i;
        }
        return out;
    };
    // بيت: beh initial, yeh medial, teh final.
    CHECK(glyphs("بيت") == std::u32string{0xFE91, 0xFEF4, 0xFE96});
    // دار: dal, alef and reh each join only to the letter before them, so after dal (which
    // does not join forward) and alef (likewise) all three are isolated.
    CHECK(glyphs("دار") == std::u32string{0xFEA9, 0xFE8D, 0xFEAD});
    // سلام: seen initial, lam-alef final (joined to seen), meem isolated.
    CHECK(glyphs("سلام") == std::u32string{0xFEB3, 0xFEFC, 0xFEE1});
    // A mark between letters does not break the joining: بَيت.
    CHECK(glyphs("بَيت") == std::u32string{0xFE91, 0x064E, 0xFEF4, 0xFE96});
    // A lone letter, and letters separated by a space.
    CHECK(glyphs("ب") == std::u32string{0xFE8F});
    CHECK(glyphs("ب ب") == std::u32string{0xFE8F, U' ', 0xFE8F});
    // Not Arabic: unchanged.
    CHECK(glyphs("abc") == U"abc");
    CHECK(arabic_forms(U'ب') == std::array<char32_t, 4>{0xFE8F, 0xFE90, 0xFE91, 0xFE92});
    CHECK(has_arabic_forms(U'ا'));
    CHECK_FALSE(has_arabic_forms(U'a'));
}

TEST_CASE("a label's text in the order it is shown", "[bidi]") {
    CHECK(visual_line("Jose\u0301 and Léa") == "Jose\u0301 and Léa"); // nothing to do
    CHECK(visual_line("שלום") == "םולש");
    CHECK(visual_line("x (אבג) y") == "x (גבא) y");
    // Arabic: joining forms, lam-alef as one glyph, right to left.
    CHECK(to_utf32(visual_line("سلام")) == std::u32string{0xFEE1, 0xFEFC, 0xFEB3});
}
