// OffsetIndex implementation. Layer: core.
#include "core/text/offset_index.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>

namespace gloss::core {

OffsetIndex::OffsetIndex(std::string_view utf8) : m_text(utf8) {
    m_checkpoints.reserve(utf8.size() / kStride + 2);
    std::size_t byte = 0, utf16 = 0, cp = 0;
    while (byte < utf8.size()) {
        if (cp % kStride == 0)
            m_checkpoints.push_back(
                {static_cast<std::uint32_t>(byte), static_cast<std::uint32_t>(utf16)});
        auto lead = static_cast<unsigned char>(utf8[byte]);
        std::size_t n = utf8_sequence_length(lead);
        if (n > 1) m_ascii = false;
        byte += n;
        utf16 += n == 4 ? 2 : 1;
        ++cp;
    }
    if (cp % kStride == 0)
        m_checkpoints.push_back(
            {static_cast<std::uint32_t>(byte), static_cast<std::uint32_t>(utf16)});
    m_code_points = cp;
    m_utf16_length = utf16;
}

std::size_t OffsetIndex::byte_offset(std::size_t cp) const {
    cp = std::min(cp, m_code_points);
    if (m_ascii) return cp;
    const Checkpoint& c = m_checkpoints[cp / kStride];
    std::size_t byte = c.byte;
    for (std::size_t k = cp % kStride; k > 0; --k)
        byte += utf8_sequence_length(static_cast<unsigned char>(m_text[byte]));
    return byte;
}

std::size_t OffsetIndex::utf16_offset(std::size_t cp) const {
    cp = std::min(cp, m_code_points);
    if (m_ascii) return cp;
    const Checkpoint& c = m_checkpoints[cp / kStride];
    std::size_t byte = c.byte, utf16 = c.utf16;
    for (std::size_t k = cp % kStride; k > 0; --k) {
        std::size_t n = utf8_sequence_length(static_cast<unsigned char>(m_text[byte]));
        byte += n;
        utf16 += n == 4 ? 2 : 1;
    }
    return utf16;
}

std::optional<std::size_t> OffsetIndex::from_byte(std::size_t byte) const {
    if (byte > m_text.size()) return std::nullopt;
    if (m_ascii) return byte;
    auto it = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), byte,
                               [](std::size_t b, const Checkpoint& c) { return b < c.byte; });
    std::size_t k = static_cast<std::size_t>(it - m_checkpoints.begin()) - 1;
    std::size_t cp = k * kStride, at = m_checkpoints[k].byte;
    while (at < byte) {
        at += utf8_sequence_length(static_cast<unsigned char>(m_text[at]));
        ++cp;
    }
    if (at != byte) return std::nullopt;
    return cp;
}

std::optional<std::size_t> OffsetIndex::from_utf16(std::size_t utf16) const {
    if (utf16 > m_utf16_length) return std::nullopt;
    if (m_ascii) return utf16;
    auto it = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), utf16,
                               [](std::size_t u, const Checkpoint& c) { return u < c.utf16; });
    std::size_t k = static_cast<std::size_t>(it - m_checkpoints.begin()) - 1;
    std::size_t cp = k * kStride, at = m_checkpoints[k].utf16, byte = m_checkpoints[k].byte;
    while (at < utf16) {
        std::size_t n = utf8_sequence_length(static_cast<unsigned char>(m_text[byte]));
        byte += n;
        at += n == 4 ? 2 : 1;
        ++cp;
    }
    if (at != utf16) return std::nullopt;
    return cp;
}

} // namespace gloss::core
