// OffsetIndex: converts between code-point offsets (the engine's unit), UTF-16 code units
// (JavaScript, doccano) and UTF-8 bytes. Layer: core (std only).
// Checkpoints every kStride code points make each conversion a binary search plus a scan of
// at most kStride code points: O(log n) per offset, ~8 bytes of index per 64 code points.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace gloss::core {

class OffsetIndex {
public:
    static constexpr std::size_t kStride = 64;

    OffsetIndex() = default;
    // `utf8` must be valid UTF-8 and must outlive the index (the index keeps a view).
    explicit OffsetIndex(std::string_view utf8);

    std::size_t code_points() const { return m_code_points; }
    std::size_t utf16_length() const { return m_utf16_length; }
    std::size_t byte_length() const { return m_text.size(); }
    bool is_ascii() const { return m_ascii; }

    // Code point offset -> other units. `cp` is clamped to the text length.
    std::size_t byte_offset(std::size_t cp) const;
    std::size_t utf16_offset(std::size_t cp) const;

    // Other units -> code point offset; nullopt when the offset is past the end or falls inside
    // a character (between the bytes of a UTF-8 sequence, between a UTF-16 surrogate pair).
    std::optional<std::size_t> from_byte(std::size_t byte_offset) const;
    std::optional<std::size_t> from_utf16(std::size_t utf16_offset) const;

    std::size_t memory_bytes() const { return m_checkpoints.capacity() * sizeof(Checkpoint); }

private:
    struct Checkpoint {
        std::uint32_t byte;
        std::uint32_t utf16;
    };
    std::string_view m_text;
    std::vector<Checkpoint> m_checkpoints; // entry k: offsets of code point k * kStride
    std::size_t m_code_points = 0;
    std::size_t m_utf16_length = 0;
    bool m_ascii = true;
};

} // namespace gloss::core
