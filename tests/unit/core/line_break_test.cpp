// Line-break opportunities, reference cases written from UAX #14's rules (LB7, LB13, LB14,
// LB16, LB17, LB18, LB19, LB19a, LB20.1, LB21, LB21a, LB25, LB31 for classes ID and CJ): every
// position where a line may end.
#include "core/text/line_break.hpp"
#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace gloss::core;

namespace {

// Code-point positions p (0 < p < size) where a line may break between text[p-1] and text[p].
std::vector<std::size_t> breaks(const std::string& utf8) {
    std::u32string text = to_utf32(utf8);
    std::vector<std::size_t> out;
    for (std::size_t p = 1; p < text.size(); ++p)
        if (may_break_between(p >= 2 ? text[p - 2] : 0, text[p - 1], text[p])) out.push_back(p);
    return out;
}
using P = std::vector<std::size_t>;

} // namespace

TEST_CASE("after spaces, not before them (LB7, LB18)", "[line-break]") {
    CHECK(breaks("hello world") == P{6});
    CHECK(breaks("a  b") == P{3}); // after the last space only
    CHECK(breaks("a\tb") == P{2});
    CHECK(breaks("nospaceshere") == P{});
}

TEST_CASE("around ideographs and kana (LB31 for ID and CJ)", "[line-break]") {
    CHECK(breaks("北京欢迎") == P{1, 2, 3});
    CHECK(breaks("ひらがな") == P{1, 2, 3});
    CHECK(breaks("abc中文") == P{3, 4});
    CHECK(breaks("中文abc") == P{1, 2});
    CHECK(breaks("ＡＢ") == P{1}); // full-width forms
}

TEST_CASE("never before closing punctuation nor after opening punctuation (LB13, LB14, LB16)",
          "[line-break]") {
    CHECK(breaks("你好。再见") == P{1, 3, 4}); // not before 。
    CHECK(breaks("说，好") == P{2});           // not before ，
    CHECK(breaks("「東京」へ") == P{2, 4});    // not after 「, not before 」
    CHECK(breaks("（北京）") == P{2});         // full-width parentheses
    CHECK(breaks("(abc) def") == P{6});        // ASCII: only after the space
    CHECK(breaks("wait !") == P{});            // not before "!" even after a space
    CHECK(breaks("コーヒー") == P{2});         // ー is a nonstarter: not before it
    CHECK(breaks("ちょっと") == P{3});         // small kana ょ and っ are nonstarters
}

TEST_CASE("after a hyphen or an en dash inside a word, not in numbers (LB20.1, LB21, LB25)",
          "[line-break]") {
    CHECK(breaks("US-based") == P{3});
    CHECK(breaks("well-known man") == P{5, 11});
    CHECK(breaks("Abu\u2010Dhabi") == P{4});      // U+2010 HYPHEN
    CHECK(breaks("pages 10\u201312") == P{6, 9}); // an en dash may end a line before a digit
    CHECK(breaks("-5 degrees") == P{3});          // a minus sign stays with its number
    CHECK(breaks("1-2") == P{});
    CHECK(breaks("a -based") == P{2});     // not after a word-initial hyphen (LB20.1)
    CHECK(breaks("(-based)") == P{});      // nor after an opening bracket's
    CHECK(breaks("x-\"y\"") == P{});       // not before a quotation mark (LB19)
    CHECK(breaks("a--b") == P{3});         // between hyphens: no (LB21), after the last
    CHECK(breaks("\u05E9-\u05DC") == P{}); // a Hebrew letter's hyphen (LB21a)
}

TEST_CASE("after a soft hyphen inside a word, never before one (LB21)", "[line-break]") {
    CHECK(breaks("Zusammen\u00ADarbeit") == P{9});
    CHECK(breaks("a\u00AD\u00ADb") == P{3}); // after the last one only
    CHECK(breaks("\u00ADword") == P{});      // not after one that starts the text
}

TEST_CASE("never beside a quotation mark (LB19), but in East Asian text (LB19a)", "[line-break]") {
    CHECK(breaks("He said \u201Cno\u201D today") == P{3, 8, 13}); // after spaces only
    CHECK(breaks("word\u2014\u201Cquote\u201D") == P{4});         // not between — and “
    CHECK(breaks("\u00ABoui\u00BB") == P{});
    CHECK(breaks("'a' \"b\"") == P{4});
    CHECK(breaks("\u4ED6\u8BF4\u201C\u4F60\u597D\u201D\u5417") == P{1, 2, 4, 6});
    CHECK(breaks("abc\u201D\u4E2D") == P{}); // a closing mark after Latin keeps its place
}

TEST_CASE("around an em dash but not between two (LB17); after a solidus between words",
          "[line-break]") {
    CHECK(breaks("word\u2014word") == P{4, 5});
    CHECK(breaks("a\u2014\u2014b") == P{1, 3});
    CHECK(breaks("and/or") == P{4});
    CHECK(breaks("1/2") == P{});
    CHECK(breaks("a / b") == P{4}); // never before a solidus, even after a space (LB13)
}
