// Line-break opportunities between two characters (UAX #14, simplified). Layer: core (std only).
//
// A line may break after spaces and tabs (LB18), never before them (LB7); before and after CJK
// ideographs, kana, CJK punctuation and full-width forms (classes ID and CJ, LB31), but never
// before closing punctuation, nonstarters and the like (CL, CP, NS, EX, IS: LB13, LB16, LB21)
// nor after opening punctuation (OP: LB14). After a hyphen or an en dash inside a word, before
// a letter (`well-|known`, `10–|12`; not in `-5`, LB25, nor after a word-initial hyphen, LB20.1,
// nor after a Hebrew letter's hyphen, LB21a as in Unicode 14); before and after an em dash, not
// between two (LB17); after a solidus between letters (`and/|or`; not in `1/2`, LB25); after a
// soft hyphen inside a word (where the caller draws a hyphen), never before one (LB21); never
// beside a quotation mark (LB19), except, in East Asian text, before an opening mark after an
// ideograph and after a closing mark between two (LB19a, Unicode 15.1). Everything else (Thai
// words) is left to the caller: between two Latin letters there is no opportunity here.
#pragma once

namespace gloss::core {

// Whether a line may end between `before` and `after`; `earlier` is the character before
// `before` (0 at the start of the text or a paragraph).
bool may_break_between(char32_t earlier, char32_t before, char32_t after);

} // namespace gloss::core
