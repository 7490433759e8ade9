// Random text generators and naive offsets for property tests. Tests only.
#include "support/random_text.hpp"

#include <cstdlib>
#include <iostream>

namespace gloss::test {

std::uint32_t test_seed() {
    static const std::uint32_t seed = [] {
        if (const char* s = std::getenv("GLOSS_SEED"))
            return static_cast<std::uint32_t>(std::strtoul(s, nullptr, 10));
        return static_cast<std::uint32_t>(std::random_device{}());
    }();
    return seed;
}

int trials(int normal) {
    return std::getenv("GLOSS_FAST_TESTS") ? std::max(1, normal / 10) : normal;
}

std::string random_utf8(std::mt19937& rng, std::size_t code_points) {
    static const char32_t pool[] = {
        U'a',          U'b',      U'e',  U'n',          U'r',          U's',      U't',
        U' ',          U' ',      U'.',  U',',          U'A',          U'B',      U'\n',
        U'é',          U'ñ',      U'ü',  U'\u0301',     U'\u2019',     U'\u201C', U'\u201D',
        U'\u2014',     U'中',     U'文', U'\U0001F600', U'\U0001F469', U'\u200D', U'\U0001F1EB',
        U'\U0001F1F7', U'\uFE0F', U'€',
    };
    std::uniform_int_distribution<std::size_t> pick(0, std::size(pool) - 1);
    std::u32string out;
    for (std::size_t i = 0; i < code_points; ++i)
        out += pool[pick(rng)];
    return core::to_utf8(out);
}

NaiveOffsets::NaiveOffsets(const std::string& utf8) {
    std::size_t b = 0, u = 0, i = 0;
    while (i < utf8.size()) {
        byte.push_back(b);
        utf16.push_back(u);
        char32_t c = core::decode_utf8(utf8, i);
        std::string one;
        core::append_utf8(one, c);
        b += one.size();
        u += c >= 0x10000 ? 2 : 1;
    }
    byte.push_back(b);
    utf16.push_back(u);
}

} // namespace gloss::test
