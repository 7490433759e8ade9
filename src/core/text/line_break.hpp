// Line-break opportunities between two characters (UAX #14, simplified). Layer: core (std only).
//
// A line may break after spaces and tabs (LB18), never before them (LB7); before and after CJK
// ideographs, kana, CJK punctuation and full-width forms (classes ID and CJ, LB31), but never
// before closing punctuation, nonstarters and the like (CL, CP, NS, EX, IS: LB13, LB16, LB21)
// nor after opening punctuation (OP: LB14). Everything else (hyphens, numbers, quotation marks,
// Thai words) is left to the caller: between two Latin letters there is no opportunity here.
#pragma once

namespace gloss::core {

// Whether a line may end between `before` and `after`.
bool may_break_between(char32_t before, char32_t after);

} // namespace gloss::core
