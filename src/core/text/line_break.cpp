// Line-break opportunities (UAX #14, simplified). Layer: core (std only).
#include "core/text/line_break.hpp"

#include "core/text/unicode.hpp"

namespace gloss::core {
namespace {

// Classes ID and CJ: ideographs, kana, CJK punctuation, full-width forms.
bool breaks_like_cjk(char32_t c) {
    return is_ideograph(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF00 && c <= 0xFFEF);
}

// Never at the start of a line: closing punctuation, nonstarters, exclamations, infix
// separators (ASCII and CJK), the solidus (SY).
bool closes(char32_t c) {
    switch (c) {
    case '/':
    case ')':
    case ']':
    case '}':
    case '!':
    case '?':
    case ',':
    case '.':
    case ':':
    case ';':
    case 0x3001:
    case 0x3002:
    case 0xFF0C:
    case 0xFF0E:
    case 0xFF01:
    case 0xFF1F:
    case 0xFF1A:
    case 0xFF1B:
    case 0xFF09:
    case 0xFF3D:
    case 0xFF5D:
    case 0x300D:
    case 0x300F:
    case 0x3011:
    case 0x3015:
    case 0x3009:
    case 0x300B:
    case 0x30FC:
    case 0x3005:
    case 0x309D:
    case 0x309E:
    case 0x30FD:
    case 0x30FE:
    case 0x3041:
    case 0x3043:
    case 0x3045:
    case 0x3047:
    case 0x3049:
    case 0x3063:
    case 0x3083:
    case 0x3085:
    case 0x3087:
    case 0x30A1:
    case 0x30A3:
    case 0x30A5:
    case 0x30A7:
    case 0x30A9:
    case 0x30C3:
    case 0x30E3:
    case 0x30E5:
    case 0x30E7:
        return true;
    default:
        return false;
    }
}

// Never at the end of a line: opening punctuation.
bool opens(char32_t c) {
    switch (c) {
    case '(':
    case '[':
    case '{':
    case 0xFF08:
    case 0xFF3B:
    case 0xFF5B:
    case 0x300C:
    case 0x300E:
    case 0x3010:
    case 0x3014:
    case 0x3008:
    case 0x300A:
        return true;
    default:
        return false;
    }
}

bool is_space_or_tab(char32_t c) {
    return c == ' ' || c == '\t';
}

// Classes HY and HH (hyphen-minus, hyphen) and the dashes of class BA that join words (figure
// dash, en dash). The soft hyphen is left out: a break there would need a hyphen drawn.
bool is_word_dash(char32_t c) {
    return c == '-' || c == 0x2010 || c == 0x2012 || c == 0x2013;
}

constexpr char32_t kEmDash = 0x2014;     // class B2
constexpr char32_t kSoftHyphen = 0x00AD; // class BA: a break after it shows a hyphen

// Class QU, and which of them open (Pi) or close (Pf) a quotation.
bool opens_quotation(char32_t c) {
    return c == 0xAB || c == 0x2018 || c == 0x201B || c == 0x201C || c == 0x201F || c == 0x2039 ||
           c == 0x2E02 || c == 0x2E04 || c == 0x2E09 || c == 0x2E0C || c == 0x2E1C || c == 0x2E20;
}
bool closes_quotation(char32_t c) {
    return c == 0xBB || c == 0x2019 || c == 0x201D || c == 0x203A || c == 0x2E03 || c == 0x2E05 ||
           c == 0x2E0A || c == 0x2E0D || c == 0x2E1D || c == 0x2E21;
}
bool is_quotation_mark(char32_t c) {
    return c == '"' || c == '\'' || (c >= 0x275B && c <= 0x275E) || opens_quotation(c) ||
           closes_quotation(c);
}

bool is_hebrew_letter(char32_t c) {
    return c >= 0x05D0 && c <= 0x05F2;
}

} // namespace

bool may_break_between(char32_t earlier, char32_t before, char32_t after) {
    if (is_space_or_tab(after)) return false;           // LB7
    if (is_space_or_tab(before)) return !closes(after); // LB18 (LB13 keeps "a !")
    if (closes(after) || opens(before)) return false;   // LB13, LB14, LB16, LB21
    if (after == kSoftHyphen) return false;             // LB21
    if (is_quotation_mark(before) || is_quotation_mark(after)) {
        // LB19: never beside a quotation mark; LB19a (Unicode 15.1): in East Asian text, before
        // an opening mark that follows an ideograph, and after a closing mark between two (the
        // character after an opening mark is not known here).
        if (opens_quotation(after)) return breaks_like_cjk(before);
        if (closes_quotation(before)) return breaks_like_cjk(earlier) && breaks_like_cjk(after);
        return false;
    }
    if (before == kSoftHyphen) return !is_space_or_tab(earlier) && earlier != 0; // LB31
    if (is_word_dash(before)) {
        // LB20.1 (Unicode 15.1): not after a hyphen that starts a word; LB21a (as Unicode 14
        // words it, without 15.1's exception before another Hebrew letter): nor after a Hebrew
        // letter's.
        if (earlier == 0 || is_space_or_tab(earlier) || opens(earlier) || is_hebrew_letter(earlier))
            return false;
        // LB25 keeps "-5" and "1-2" whole; before a quotation mark, LB19 keeps it.
        return is_letter(after) || (before != '-' && is_digit(after));
    }
    if (before == kEmDash || after == kEmDash) return before != after; // LB17
    if (before == '/') return is_letter(earlier) && is_letter(after);  // LB13, LB25
    return breaks_like_cjk(before) || breaks_like_cjk(after);          // LB31 for ID and CJ
}

} // namespace gloss::core
