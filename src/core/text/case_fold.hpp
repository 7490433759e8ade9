// Unicode full case folding (CaseFolding.txt, statuses C and F, as Python's str.casefold()):
// "Straße" and "STRASSE" fold alike, "İstanbul" and "i̇stanbul" too. Layer: core (std only).
#pragma once

#include <string>
#include <string_view>

namespace gloss::core {

// Appends the folding of `c` (one to three code points; `c` itself when folding leaves it).
void append_case_folded(std::u32string& out, char32_t c);
// The folding of UTF-8 text, as UTF-8 (`utf8` must be valid).
std::string fold_case(std::string_view utf8);

} // namespace gloss::core
