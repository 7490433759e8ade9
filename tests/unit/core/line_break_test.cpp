// Line-break opportunities, reference cases written from UAX #14's rules (LB7, LB13, LB14,
// LB16, LB18, LB21, LB31 for classes ID and CJ): every position where a line may end.
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
        if (may_break_between(text[p - 1], text[p])) out.push_back(p);
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
