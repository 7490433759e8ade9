// UTF-8 decoding, validation and encoding. Layer: core (std only).
// Policy for invalid input: Utf8Policy::Reject reports the first bad byte and returns no text;
// Utf8Policy::Repair replaces each maximal invalid subpart by U+FFFD (as WHATWG and Python's
// "replace" do) and reports every repair with its byte position.
#pragma once

#include "core/diagnostic.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace gloss::core {

enum class Utf8Policy : std::uint8_t { Reject, Repair };

struct Utf8Result {
    std::string text;        // valid UTF-8 (empty when rejected)
    bool ok = true;          // false when rejected
    Diagnostics diagnostics; // InvalidUtf8 (rejected) or RepairedUtf8 (one per repair)
};

// Checks and, under Repair, mends UTF-8. Byte positions are 0-based offsets into `bytes`.
Utf8Result validate_utf8(std::string_view bytes, Utf8Policy policy);

// Byte offset of the first invalid sequence, or npos when `bytes` is valid UTF-8.
std::size_t find_invalid_utf8(std::string_view bytes);

// Length in bytes of the UTF-8 sequence that starts with `lead` (1 for invalid leads).
inline std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xE0) return lead >= 0xC2 ? 2 : 1;
    if (lead < 0xF0) return 3;
    if (lead < 0xF5) return 4;
    return 1;
}

// Decodes the code point at `byte_offset` of valid UTF-8 and advances the offset.
char32_t decode_utf8(std::string_view text, std::size_t& byte_offset);

void append_utf8(std::string& out, char32_t code_point);
std::string to_utf8(std::u32string_view text);
// Decodes valid UTF-8 into code points.
std::u32string to_utf32(std::string_view utf8);
std::size_t count_code_points(std::string_view utf8);
// The longest start of valid UTF-8 `text` of at most `max_bytes`, cut between code points.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

} // namespace gloss::core
