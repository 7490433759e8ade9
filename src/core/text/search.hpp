// Finding text: every occurrence of a query in a text, as code-point ranges, with Unicode case
// folding, whole words, or an ECMAScript regular expression. Layer: core (std only).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::core {

struct SearchOptions {
    bool match_case = false;         // else both sides are case folded (case_fold.hpp)
    bool whole_word = false;         // a match neither starts nor ends inside a word
    bool regular_expression = false; // ECMAScript syntax (std::regex), within one line
};

struct TextMatch {
    std::size_t start = 0, end = 0; // code points, end exclusive
};

struct SearchResult {
    std::vector<TextMatch> matches; // in text order, not overlapping, none empty
    std::string error;              // why the query is not a regular expression ("" when fine)
    bool truncated = false;         // stopped at `limit` matches
};

// Every match of `query` in `text`. A match starts and ends between characters of the text (a
// folded "s" never matches half of "ß"); a regular expression never matches across a line
// break.
SearchResult search_text(std::u32string_view text, std::string_view query,
                         const SearchOptions& options, std::size_t limit = 100000);

} // namespace gloss::core
