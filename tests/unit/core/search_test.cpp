// Finding text: offsets in code points through emoji and foldings that change length (ß, İ),
// whole words (CJK included), regular expressions line by line, bad patterns, the limit; and
// full case folding against Python's str.casefold() results.
#include "core/text/case_fold.hpp"
#include "core/text/search.hpp"
#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace gloss::core;

namespace {

std::vector<std::pair<std::size_t, std::size_t>> find(std::string_view text, std::string_view query,
                                                      SearchOptions options = {}) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const TextMatch& m : search_text(to_utf32(text), query, options).matches)
        out.emplace_back(m.start, m.end);
    return out;
}

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

} // namespace

TEST_CASE("full case folding", "[search][fold]") {
    CHECK(fold_case("Straße") == "strasse");
    CHECK(fold_case("ΣΊΣΥΦΟΣ") == "σίσυφοσ");
    CHECK(fold_case("İstanbul") == "i\u0307stanbul");
    CHECK(fold_case("ÉCOLE Москва") == "école москва");
    CHECK(fold_case("👩‍👩‍👧 东京") == "👩‍👩‍👧 东京"); // nothing to fold
}

TEST_CASE("matches are code-point ranges of the original text", "[search]") {
    // The emoji are one or several code points each; the offsets count them as Python does.
    std::string text = "🚢 Léa and 👩‍👩‍👧 LÉA met léa";
    CHECK(find(text, "léa") == Ranges{{2, 5}, {16, 19}, {24, 27}});
    CHECK(find(text, "LÉA", {.match_case = true}) == Ranges{{16, 19}});
    // Foldings that change length: "STRASSE" finds "Straße" (6 code points), and no "s" is
    // found inside "ß".
    CHECK(find("die Straße", "STRASSE") == Ranges{{4, 10}});
    CHECK(find("ß", "s").empty());
    CHECK(find("İzmir", "i̇zmir") == Ranges{{0, 5}});
    CHECK(find("aaaa", "aa") == Ranges{{0, 2}, {2, 4}}); // not overlapping
    CHECK(find("text", "").empty());
}

TEST_CASE("whole words", "[search]") {
    SearchOptions words{.whole_word = true};
    CHECK(find("Israel and Israeli and israel's", "israel", words) == Ranges{{0, 6}, {23, 29}});
    CHECK(find("café cafés", "café", words) == Ranges{{0, 4}});
    CHECK(find("x_y x", "x", words) == Ranges{{4, 5}});
    // Chinese has no spaces: a match between ideographs counts as a word.
    CHECK(find("我在东京工作", "东京", words) == Ranges{{2, 4}});
}

TEST_CASE("regular expressions, line by line", "[search][regex]") {
    SearchOptions re{.regular_expression = true};
    CHECK(find("Tomás Ferreira and tomas ferreira", "tom[aá]s \\w+", re) ==
          Ranges{{0, 14}, {19, 33}});
    // Case folding applies to the pattern's letters, not to its escapes (\W stays \W).
    CHECK(find("A-b", "A\\Wb", re) == Ranges{{0, 3}});
    CHECK(find("first\nsecond", "t.s", re).empty()); // never across a line
    CHECK(find("one\ntwo", "^t", re) == Ranges{{4, 5}});
    CHECK(find("🚢 ab", "a.", re) == Ranges{{2, 4}});
    CHECK(find("aaa", "x*", re).empty()); // empty matches are not matches
    SearchResult bad = search_text(to_utf32("text"), "(unclosed", re);
    CHECK(bad.matches.empty());
    CHECK_THAT(bad.error, Catch::StartsWith("not a regular expression"));
}

TEST_CASE("the limit stops the search and says so", "[search]") {
    SearchResult r = search_text(to_utf32("a a a a a"), "a", {}, 3);
    CHECK(r.matches.size() == 3);
    CHECK(r.truncated);
}
