// UTF-8 validation, repair and offset conversions against a naive reference.
#include "core/text/offset_index.hpp"
#include "core/text/text.hpp"
#include "core/text/utf8.hpp"
#include "support/random_text.hpp"

#include <catch2/catch.hpp>

using namespace gloss::core;

TEST_CASE("valid UTF-8 passes unchanged", "[core][offsets]") {
    std::string s = "“Curly” quotes — José, 中文, 😀 and 👩‍👩‍👧";
    CHECK(find_invalid_utf8(s) == std::string::npos);
    Utf8Result r = validate_utf8(s, Utf8Policy::Reject);
    CHECK(r.ok);
    CHECK(r.text == s);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("invalid UTF-8 is rejected with its byte position", "[core][offsets]") {
    std::string s = "abc\xC3(def";
    CHECK(find_invalid_utf8(s) == 3);
    Utf8Result r = validate_utf8(s, Utf8Policy::Reject);
    CHECK_FALSE(r.ok);
    CHECK(r.text.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == DiagnosticCode::InvalidUtf8);
    CHECK(r.diagnostics[0].message == "invalid UTF-8 at byte 3");
}

TEST_CASE("repair replaces each maximal invalid subpart by U+FFFD and reports it",
          "[core][offsets]") {
    // Overlong encoding, lone continuation, surrogate, truncated 4-byte sequence at the end.
    std::string s = std::string("a\xC0\xAF") + "b\x80" + "c\xED\xA0\x80" + "d\xF0\x9F\x98";
    Utf8Result r = validate_utf8(s, Utf8Policy::Repair);
    CHECK(r.ok);
    // WHATWG: C0, AF, 80, ED, A0, 80 are each one error; F0 9F 98 is one (truncated) error.
    CHECK(r.text == "a\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFD\uFFFDd\uFFFD");
    REQUIRE(r.diagnostics.size() == 7);
    CHECK(r.diagnostics[0].message == "invalid UTF-8 at byte 1 replaced by U+FFFD");
    CHECK(r.diagnostics[6].message == "invalid UTF-8 at byte 10 replaced by U+FFFD");
    CHECK(find_invalid_utf8(r.text) == std::string::npos);
}

TEST_CASE("code point counts and slices", "[core][offsets]") {
    Text t("state Secretary, anthony blinkenbut — “Refa” 👩‍👩‍👧 end");
    CHECK(t.size() == count_code_points(t.utf8()));
    CHECK(t.slice(0, 5) == "state");
    CHECK(t.slice(25, 35) == "blinkenbut");
    CHECK(t.slice(36, 37) == "—");
    CHECK(t.slice(38, 44) == "“Refa”");
    CHECK(t.slice(45, 50) == "👩‍👩‍👧");
    CHECK(t.at(38) == U'“');
    CHECK(t.slice(3, 3).empty());
    CHECK(t.slice(40, 1000) == t.slice(40, t.size()));
}

TEST_CASE("offset conversions agree with a naive reference", "[core][offsets]") {
    auto seed = gloss::test::test_seed();
    CAPTURE(seed);
    std::mt19937 rng(seed);
    for (int trial = 0; trial < gloss::test::trials(40); ++trial) {
        std::size_t n = std::uniform_int_distribution<std::size_t>(0, 700)(rng);
        Text text(gloss::test::random_utf8(rng, n));
        gloss::test::NaiveOffsets naive(text.utf8());
        const OffsetIndex& index = text.index();
        REQUIRE(index.code_points() == naive.byte.size() - 1);
        REQUIRE(index.utf16_length() == naive.utf16.back());
        for (std::size_t cp = 0; cp <= index.code_points(); ++cp) {
            REQUIRE(index.byte_offset(cp) == naive.byte[cp]);
            REQUIRE(index.utf16_offset(cp) == naive.utf16[cp]);
            REQUIRE(index.from_byte(naive.byte[cp]) == cp);
            REQUIRE(index.from_utf16(naive.utf16[cp]) == cp);
        }
        // Offsets inside a character or past the end convert to nothing.
        for (std::size_t cp = 0; cp < index.code_points(); ++cp) {
            if (naive.byte[cp + 1] - naive.byte[cp] > 1)
                REQUIRE_FALSE(index.from_byte(naive.byte[cp] + 1));
            if (naive.utf16[cp + 1] - naive.utf16[cp] > 1)
                REQUIRE_FALSE(index.from_utf16(naive.utf16[cp] + 1));
        }
        REQUIRE_FALSE(index.from_byte(naive.byte.back() + 1));
        REQUIRE_FALSE(index.from_utf16(naive.utf16.back() + 1));
    }
}

TEST_CASE("an emoji outside the BMP is one code point, two UTF-16 units, four bytes",
          "[core][offsets]") {
    Text t("a😀b");
    CHECK(t.size() == 3);
    CHECK(t.index().utf16_offset(2) == 3);
    CHECK(t.index().byte_offset(2) == 5);
    CHECK(t.index().from_utf16(2) == std::nullopt); // between the surrogates
    CHECK(t.index().from_byte(3) == std::nullopt);  // inside the sequence
}
