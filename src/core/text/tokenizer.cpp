// Tokenizer and sentence splitter for news text, machine-translated text included (see
// tokenizer.hpp). Layer: core (std only). It walks grapheme clusters, so no token starts or
// ends inside a user-perceived character, and allocates nothing besides its output vector.
#include "core/text/tokenizer.hpp"

#include "core/text/grapheme.hpp"
#include "core/text/unicode.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gloss::core {

namespace {

// [SECTION] Character classes

enum class CharClass : std::uint8_t { Skip, Letter, Ideograph, Digit, Punctuation, Symbol };

constexpr std::array<CharClass, 128> kAsciiClasses = [] {
    std::array<CharClass, 128> table{};
    for (char32_t c = 0; c < 128; ++c) {
        CharClass k = CharClass::Punctuation;
        if (c <= U' ' || c == 0x7F) {
            k = CharClass::Skip;
        } else if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) {
            k = CharClass::Letter;
        } else if (c >= U'0' && c <= U'9') {
            k = CharClass::Digit;
        } else if (c == U'$' || c == U'+' || c == U'<' || c == U'=' || c == U'>' || c == U'^' ||
                   c == U'`' || c == U'|' || c == U'~') {
            k = CharClass::Symbol;
        }
        table[c] = k;
    }
    return table;
}();

// Class of a cluster's first code point. Marks only lead a cluster when orphaned (after a
// control or at the start), and then count as word material. Scripts the tables do not cover
// count as letters so that their words stay whole.
CharClass classify(char32_t c) {
    if (c < 0x80) return kAsciiClasses[c];
    if (is_space(c) || is_invisible_control(c)) return CharClass::Skip;
    if (is_mark(c)) return CharClass::Letter;
    if (is_digit(c)) return CharClass::Digit;
    if (is_punctuation(c)) return CharClass::Punctuation;
    if (is_ideograph(c)) return CharClass::Ideograph;
    if (is_letter(c)) return CharClass::Letter;
    if (is_symbol(c) || is_extended_pictographic(c) || (c >= 0xE000 && c <= 0xF8FF) ||
        c >= 0xF0000) {
        return CharClass::Symbol;
    }
    return CharClass::Letter;
}

bool is_word_class(CharClass k) {
    return k == CharClass::Letter || k == CharClass::Digit;
}

bool is_apostrophe(char32_t c) {
    return c == U'\'' || c == 0x2019;
}
bool is_hyphen(char32_t c) {
    return c == U'-' || c == 0x2010 || c == 0x2011;
}
bool is_number_separator(char32_t c) {
    return c == U',' || c == U'.' || c == U':' || c == 0x66B || c == 0x66C;
}
bool is_ascii_alnum(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
}

// End of the grapheme cluster that starts at `i` (a boundary). Nothing below U+0300 joins a
// cluster except LF after CR (and the (C)/(R) pictographs, which cannot follow a cluster
// start here). A regional indicator at a boundary opens a new pair, so the run need not be
// counted back.
std::size_t cluster_end(std::u32string_view text, std::size_t i) {
    std::size_t j = i + 1;
    if (j >= text.size()) return text.size();
    char32_t c = text[j];
    if (c < 0x300) return text[i] == U'\r' && c == U'\n' ? j + 1 : j;
    if (is_regional_indicator(text[i])) {
        if (is_regional_indicator(c)) ++j;
        while (j < text.size() && is_grapheme_extend(text[j]))
            ++j;
        return j;
    }
    return next_grapheme_boundary(text, i);
}

// [SECTION] Abbreviations

// Words that keep their period. Case-sensitive: titles and months are capitalised, Latin
// abbreviations are not. Initialisms (U.S., e.g.) and initials (W.) are matched separately.
constexpr std::string_view kAbbreviations[] = {
    "Mr",  "Mrs",  "Ms",  "Dr",  "Prof", "Gen",  "Lt",   "Col",   "Sgt",  "Capt", "Cmdr",
    "Adm", "Maj",  "Cpl", "Pvt", "Sen",  "Rep",  "Gov",  "Pres",  "Rev",  "Hon",  "St",
    "Jr",  "Sr",   "Inc", "Ltd", "Co",   "Corp", "Bros", "Dept",  "Univ", "Mt",   "Ft",
    "Ave", "Blvd", "Jan", "Feb", "Mar",  "Apr",  "Jun",  "Jul",   "Aug",  "Sep",  "Sept",
    "Oct", "Nov",  "Dec", "vs",  "etc",  "al",   "cf",   "approx"};

bool is_abbreviation(std::u32string_view word) {
    constexpr std::size_t kMaxLength = 6;
    if (word.size() < 2 || word.size() > kMaxLength) return false;
    std::array<char, kMaxLength> ascii{};
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (word[k] >= 0x80) return false;
        ascii[k] = static_cast<char>(word[k]);
    }
    std::string_view candidate(ascii.data(), word.size());
    for (std::string_view a : kAbbreviations) {
        if (a == candidate) return true;
    }
    return false;
}

// "U.S.", "e.g.", "a.m.": two or more single-letter clusters, each followed by a period.
// Returns the end past the last period, or 0.
std::size_t match_initialism(std::u32string_view text, std::size_t start) {
    std::size_t p = start;
    int letters = 0;
    while (p < text.size() && classify(text[p]) == CharClass::Letter) {
        std::size_t q = cluster_end(text, p);
        if (q >= text.size() || text[q] != U'.') break;
        ++letters;
        p = cluster_end(text, q);
    }
    return letters >= 2 ? p : 0;
}

// [SECTION] URLs and e-mail addresses

// "http://", "https://" or "www." up to white space or a quote, less trailing punctuation.
std::size_t match_url(std::u32string_view text, std::size_t start) {
    constexpr std::u32string_view kPrefixes[] = {U"https://", U"http://", U"www."};
    std::u32string_view rest = text.substr(start);
    std::size_t prefix = 0;
    for (std::u32string_view p : kPrefixes) {
        if (rest.substr(0, p.size()) == p) prefix = p.size();
    }
    if (prefix == 0) return 0;
    std::size_t end = start + prefix;
    bool open_parenthesis = false;
    while (end < text.size()) {
        char32_t c = text[end];
        if (classify(c) == CharClass::Skip || c == U'"' || c == U'<' || c == U'>' || c == 0x201C ||
            c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0xAB || c == 0xBB) {
            break;
        }
        open_parenthesis = open_parenthesis || c == U'(';
        end = cluster_end(text, end);
    }
    constexpr std::u32string_view kTrailing = U".,;:!?'*]}";
    while (end > start + prefix && is_grapheme_boundary(text, end - 1) &&
           (kTrailing.find(text[end - 1]) != std::u32string_view::npos ||
            (text[end - 1] == U')' && !open_parenthesis))) {
        --end;
    }
    return end > start + prefix ? end : 0;
}

// local@domain.tld with ASCII local part and domain labels; 0 when there is none at `start`.
std::size_t match_email(std::u32string_view text, std::size_t start) {
    constexpr std::u32string_view kLocalPunctuation = U"._%+-";
    std::size_t p = start;
    while (p < text.size() && (is_ascii_alnum(text[p]) ||
                               kLocalPunctuation.find(text[p]) != std::u32string_view::npos)) {
        ++p;
    }
    if (p == start || p + 1 >= text.size() || text[p] != U'@' || text[p - 1] == U'.') return 0;
    std::size_t end = 0;
    int labels = 0;
    for (++p;;) {
        std::size_t q = p;
        while (q < text.size() && (is_ascii_alnum(text[q]) || text[q] == U'-'))
            ++q;
        if (q == p) break;
        ++labels;
        end = q;
        if (q + 1 >= text.size() || text[q] != U'.' || !is_ascii_alnum(text[q + 1])) break;
        p = q + 1;
    }
    return labels >= 2 && is_grapheme_boundary(text, end) ? end : 0;
}

// [SECTION] Words and numbers

struct Scan {
    std::size_t end = 0;
    TokenKind kind = TokenKind::Word;
};

// A word or number starting at the cluster [start, first_end). Letters and digits run on, case
// changes included (`civiliansFree` stays whole); an apostrophe or hyphen stays inside when a
// letter (a hyphen: or a digit) follows; `,` `.` `:` join digits (27,478  1.5  10:30). A
// period is kept by abbreviations, initialisms and single capital initials.
Scan scan_word(std::u32string_view text, std::size_t start, std::size_t first_end) {
    const std::size_t n = text.size();
    bool has_letter = classify(text[start]) == CharClass::Letter;
    bool last_was_digit = !has_letter;
    std::size_t end = first_end;
    while (end < n) {
        char32_t c = text[end];
        // Fast path: an ASCII letter or digit that nothing joins is a cluster of its own.
        if (c < 0x80 && is_word_class(kAsciiClasses[c]) &&
            (end + 1 >= n || text[end + 1] < 0x300)) {
            has_letter = has_letter || kAsciiClasses[c] == CharClass::Letter;
            last_was_digit = kAsciiClasses[c] == CharClass::Digit;
            ++end;
            continue;
        }
        CharClass k = classify(c);
        if (is_word_class(k)) {
            has_letter = has_letter || k == CharClass::Letter;
            last_was_digit = k == CharClass::Digit;
            end = cluster_end(text, end);
            continue;
        }
        std::size_t after = cluster_end(text, end);
        if (after >= n) break;
        CharClass next = classify(text[after]);
        bool joins =
            (is_apostrophe(c) && next == CharClass::Letter) ||
            (is_hyphen(c) && is_word_class(next)) || (c == 0xAD && next == CharClass::Letter) ||
            (is_number_separator(c) && next == CharClass::Digit && last_was_digit && !has_letter);
        if (!joins) break;
        last_was_digit = false;
        end = after;
    }
    if (!has_letter) return {end, TokenKind::Number};

    if (end < n && text[end] == U'.' && (end + 1 >= n || text[end + 1] != U'.')) {
        if (end == first_end) {
            if (std::size_t m = match_initialism(text, start); m != 0) return {m, TokenKind::Word};
            if (is_upper(text[start])) return {cluster_end(text, end), TokenKind::Word};
        } else if (is_abbreviation(text.substr(start, end - start))) {
            return {cluster_end(text, end), TokenKind::Word};
        }
    }
    return {end, TokenKind::Word};
}

// A punctuation cluster; runs of periods ("...") and of hyphens ("--") make one token.
std::size_t scan_punctuation(std::u32string_view text, std::size_t start, std::size_t end) {
    char32_t c = text[start];
    if (c != U'.' && c != U'-') return end;
    while (end < text.size() && text[end] == c)
        end = cluster_end(text, end);
    return end;
}

// [SECTION] Sentence ends

bool is_sentence_terminator(char32_t c) {
    return c == U'.' || c == U'!' || c == U'?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
           c == 0x2048 || c == 0x2049 || c == 0x589 || c == 0x61F || c == 0x6D4 || c == 0x964 ||
           c == 0x965;
}

// CJK full stops need no following space: the next sentence starts right after them.
bool is_fullwidth_terminator(char32_t c) {
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61;
}

bool is_closer(char32_t c) {
    return c == U'"' || c == U'\'' || c == 0x2019 || c == 0x201D || c == 0xBB || c == 0x203A ||
           c == U')' || c == U']' || c == U'}' || c == 0x300D || c == 0x300F || c == 0x3011 ||
           c == 0xFF09;
}

bool is_opener(char32_t c) {
    return c == U'"' || c == U'\'' || c == 0x2018 || c == 0x201C || c == 0x201E || c == 0xAB ||
           c == 0x2039 || c == U'(' || c == U'[' || c == U'{' || c == 0xA1 || c == 0xBF ||
           c == 0x300C || c == 0x300E || c == 0x3010 || c == 0xFF08;
}

// Code point at `pos`, or 0 past the end (tokens from elsewhere may not fit the text).
char32_t at(std::u32string_view text, std::size_t pos) {
    return pos < text.size() ? text[pos] : 0;
}

// Capitals, digits, opening quotes and brackets, symbols, and letters of caseless scripts.
bool starts_sentence(std::u32string_view text, const Token& t) {
    char32_t c = at(text, t.start);
    if (t.kind == TokenKind::Punctuation) return is_opener(c);
    if (t.kind == TokenKind::Word) return !is_lower(c);
    return true;
}

bool has_line_break(std::u32string_view text, std::uint32_t from, std::uint32_t to) {
    for (std::size_t p = from; p < to && p < text.size(); ++p) {
        if (is_line_break(text[p])) return true;
    }
    return false;
}

} // namespace

// [SECTION] Public functions

std::vector<Token> tokenize(std::u32string_view text) {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 6 + 1);
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        char32_t c = text[i];
        CharClass k = classify(c);
        std::size_t end = cluster_end(text, i);
        TokenKind kind = TokenKind::Word;
        switch (k) {
        case CharClass::Skip:
            i = end;
            continue;
        case CharClass::Ideograph:
            break;
        case CharClass::Symbol:
            kind = TokenKind::Symbol;
            break;
        case CharClass::Punctuation:
            kind = TokenKind::Punctuation;
            end = scan_punctuation(text, i, end);
            break;
        case CharClass::Letter:
        case CharClass::Digit: {
            if (std::size_t url = (c == U'h' || c == U'w') ? match_url(text, i) : 0; url != 0) {
                end = url;
                break;
            }
            Scan s = scan_word(text, i, end);
            end = s.end;
            kind = s.kind;
            if (end < n && is_ascii_alnum(c) &&
                std::u32string_view(U"@._%+-").find(text[end]) != std::u32string_view::npos) {
                if (std::size_t mail = match_email(text, i); mail != 0) {
                    end = mail;
                    kind = TokenKind::Word;
                }
            }
            break;
        }
        }
        // A keycap (digit, VS16, U+20E3) is a symbol although it starts with a digit.
        if (end - i > 1 && kind != TokenKind::Symbol && text[end - 1] == 0x20E3) {
            kind = TokenKind::Symbol;
        }
        tokens.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end), kind});
        i = end;
    }
    return tokens;
}

TokenKind token_kind(std::u32string_view token) {
    if (token.empty()) return TokenKind::Symbol;
    if (token.size() > 1 && token.back() == 0x20E3) return TokenKind::Symbol; // a keycap
    switch (classify(token.front())) {
    case CharClass::Punctuation:
        return TokenKind::Punctuation;
    case CharClass::Symbol:
    case CharClass::Skip:
        return TokenKind::Symbol;
    case CharClass::Letter:
    case CharClass::Ideograph:
        return TokenKind::Word;
    case CharClass::Digit:
        break;
    }
    for (char32_t c : token) {
        if (is_mark(c)) continue; // inside a cluster: the tokenizer looks at cluster starts
        CharClass k = classify(c);
        if (k == CharClass::Letter || k == CharClass::Ideograph) return TokenKind::Word;
    }
    return TokenKind::Number;
}

// A sentence ends after a terminator (. ! ? … and kin), plus any closing quotes and brackets
// glued to it, when white space and a sentence start follow; at every line break (news text
// puts one paragraph per line, and headlines have no end mark); and at the end of the text.
// Tokens that keep their period (Mr. Gen. Jan. U.S. W.) never end a sentence, except `etc.`
// before a capital: `in the U.S. The next day` stays one sentence, because `U.S. State
// Department` is far more common in news than a sentence ending in an abbreviation.
std::vector<Sentence> split_sentences(std::u32string_view text, const std::vector<Token>& tokens) {
    std::vector<Sentence> sentences;
    const std::size_t count = tokens.size();
    std::size_t first = 0;
    auto gap = [&](std::size_t k) { return tokens[k].end < tokens[k + 1].start; };
    auto line_break_after = [&](std::size_t k) {
        return has_line_break(text, tokens[k].end, tokens[k + 1].start);
    };
    std::size_t i = 0;
    while (i < count) {
        const Token& t = tokens[i];
        char32_t c = at(text, t.start);
        std::size_t last = i;
        bool ends = false;
        if (t.kind == TokenKind::Punctuation &&
            (is_sentence_terminator(c) || is_fullwidth_terminator(c))) {
            while (last + 1 < count && !gap(last) &&
                   tokens[last + 1].kind == TokenKind::Punctuation &&
                   is_closer(at(text, tokens[last + 1].start))) {
                ++last;
            }
            ends = last + 1 == count || line_break_after(last) || is_fullwidth_terminator(c) ||
                   (gap(last) && starts_sentence(text, tokens[last + 1]));
        } else {
            ends = last + 1 == count || line_break_after(last) ||
                   (t.kind == TokenKind::Word && t.end - t.start == 4 && t.end <= text.size() &&
                    text.substr(t.start, 4) == U"etc." && gap(last) &&
                    is_upper(at(text, tokens[last + 1].start)));
        }
        if (ends) {
            sentences.push_back({tokens[first].start, tokens[last].end,
                                 static_cast<std::uint32_t>(first),
                                 static_cast<std::uint32_t>(last + 1 - first)});
            first = last + 1;
        }
        i = last + 1;
    }
    return sentences;
}

} // namespace gloss::core
