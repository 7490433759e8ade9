// Finding text (search.hpp). The text is folded once with a map from each folded code point back
// to the one it came from, so matches found in the folded text land on the original's offsets.
// Layer: core.
#include "core/text/search.hpp"

#include "core/text/case_fold.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <regex>

namespace gloss::core {
namespace {

static_assert(sizeof(wchar_t) == sizeof(char32_t), "regular expressions run on UTF-32 wchar_t");

struct Haystack {
    std::u32string text;
    std::vector<std::size_t> origin; // text[i] came from the original's code point origin[i]
};

Haystack make_haystack(std::u32string_view text, bool fold) {
    Haystack h;
    h.text.reserve(text.size());
    h.origin.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (fold)
            append_case_folded(h.text, text[i]);
        else
            h.text.push_back(text[i]);
        h.origin.resize(h.text.size(), i);
    }
    return h;
}

bool word_char(char32_t c) {
    return is_letter(c) || is_digit(c) || is_mark(c) || c == '_';
}

// Whether a word boundary lies before code point `at` of `text`.
bool boundary(std::u32string_view text, std::size_t at) {
    if (at == 0 || at >= text.size()) return true;
    char32_t a = text[at - 1], b = text[at];
    if (is_ideograph(a) || is_ideograph(b)) return true;
    return !(word_char(a) && word_char(b));
}

// The folding of a pattern's literal characters; what follows a backslash stays (\W, \u0041).
std::u32string fold_pattern(std::u32string_view pattern) {
    std::u32string out;
    bool escaped = false;
    for (char32_t c : pattern) {
        if (escaped) {
            out.push_back(c);
            escaped = false;
        } else if (c == '\\') {
            out.push_back(c);
            escaped = true;
        } else {
            append_case_folded(out, c);
        }
    }
    return out;
}

class Collector {
public:
    Collector(std::u32string_view text, const Haystack& hay, const SearchOptions& options,
              std::size_t limit, SearchResult& result)
        : m_text(text), m_hay(hay), m_options(options), m_limit(limit), m_result(result) {}

    // Takes the haystack's [from, to); false once the limit is reached.
    bool add(std::size_t from, std::size_t to) {
        if (to <= from) return true;
        const std::vector<std::size_t>& o = m_hay.origin;
        if (from > 0 && o[from] == o[from - 1]) return true;  // inside a folding
        if (to < o.size() && o[to] == o[to - 1]) return true; // ends inside one
        std::size_t start = o[from];
        std::size_t end = to < o.size() ? o[to] : m_text.size();
        if (!m_result.matches.empty() && start < m_result.matches.back().end) return true;
        if (m_options.whole_word && !(boundary(m_text, start) && boundary(m_text, end)))
            return true;
        if (m_result.matches.size() >= m_limit) {
            m_result.truncated = true;
            return false;
        }
        m_result.matches.push_back({start, end});
        return true;
    }

private:
    std::u32string_view m_text;
    const Haystack& m_hay;
    const SearchOptions& m_options;
    std::size_t m_limit;
    SearchResult& m_result;
};

} // namespace

SearchResult search_text(std::u32string_view text, std::string_view query,
                         const SearchOptions& options, std::size_t limit) {
    SearchResult result;
    if (query.empty()) return result;
    const bool fold = !options.match_case;
    Haystack hay = make_haystack(text, fold);
    Collector collect(text, hay, options, limit, result);
    std::u32string needle = to_utf32(query);
    if (!options.regular_expression) {
        if (fold) {
            std::u32string folded;
            for (char32_t c : needle)
                append_case_folded(folded, c);
            needle = std::move(folded);
        }
        std::u32string_view h(hay.text);
        for (std::size_t at = h.find(needle); at != std::u32string_view::npos;
             at = h.find(needle, at + 1))
            if (!collect.add(at, at + needle.size())) break;
        return result;
    }
    std::wregex pattern;
    try {
        std::u32string source = fold ? fold_pattern(needle) : needle;
        pattern.assign(reinterpret_cast<const wchar_t*>(source.data()), source.size(),
                       std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        result.error = std::string("not a regular expression: ") + e.what();
        return result;
    }
    // Line by line: no match crosses a line break, and a long text is never one long match.
    const wchar_t* base = reinterpret_cast<const wchar_t*>(hay.text.data());
    std::size_t line = 0;
    try {
        while (line <= hay.text.size()) {
            std::size_t line_end = line;
            while (line_end < hay.text.size() && !is_line_break(hay.text[line_end]))
                ++line_end;
            using It = std::regex_iterator<const wchar_t*>;
            bool more = true;
            for (It it(base + line, base + line_end, pattern), end; it != end && more; ++it) {
                std::size_t from = static_cast<std::size_t>(it->position(0)) + line;
                more = collect.add(from, from + static_cast<std::size_t>(it->length(0)));
            }
            if (!more) break;
            line = line_end + 1;
        }
    } catch (const std::regex_error& e) {
        result.error = std::string("the regular expression could not run: ") + e.what();
        result.matches.clear();
    }
    return result;
}

} // namespace gloss::core
