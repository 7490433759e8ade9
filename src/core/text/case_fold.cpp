// Unicode full case folding from a generated table (scripts/gen_text_tables.py). Layer: core.
#include "core/text/case_fold.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <iterator>

namespace gloss::core {
namespace {

struct Folding {
    char32_t from;
    char32_t to[3];
};

constexpr Folding kFoldings[] = {
#include "core/text/case_fold_table.inc"
};

} // namespace

void append_case_folded(std::u32string& out, char32_t c) {
    if (c < 0x41) {
        out.push_back(c);
        return;
    }
    if (c <= 0x7F) {
        out.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return;
    }
    const Folding* end = std::end(kFoldings);
    const Folding* it = std::lower_bound(std::begin(kFoldings), end, c,
                                         [](const Folding& f, char32_t v) { return f.from < v; });
    if (it == end || it->from != c) {
        out.push_back(c);
        return;
    }
    for (char32_t folded : it->to)
        if (folded) out.push_back(folded);
}

std::string fold_case(std::string_view utf8) {
    std::u32string folded;
    std::size_t i = 0;
    while (i < utf8.size())
        append_case_folded(folded, decode_utf8(utf8, i));
    std::string out;
    for (char32_t c : folded)
        append_utf8(out, c);
    return out;
}

} // namespace gloss::core
