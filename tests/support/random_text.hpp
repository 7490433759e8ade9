// Seeded generators of random text and a naive reference for offset conversions, shared by
// the property tests. Tests only.
#pragma once

#include "core/text/utf8.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace gloss::test {

// Seed for property tests: GLOSS_SEED from the environment, or a fresh one; print it.
std::uint32_t test_seed();
// Number of trials: smaller when GLOSS_FAST_TESTS is set (sanitizer builds).
int trials(int normal);

// Random valid UTF-8 mixing ASCII, accents, combining marks, curly quotes, CJK, emoji (also ZWJ
// sequences) and newlines.
std::string random_utf8(std::mt19937& rng, std::size_t code_points);

// Naive reference: per code point, its UTF-8 byte offset and UTF-16 offset (n+1 entries).
struct NaiveOffsets {
    std::vector<std::size_t> byte, utf16;
    explicit NaiveOffsets(const std::string& utf8);
};

} // namespace gloss::test
