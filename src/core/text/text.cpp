// Text implementation. Layer: core.
#include "core/text/text.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>

namespace gloss::core {

Text::Text(std::string utf8) : m_data(std::make_unique<Data>()) {
    m_data->utf8 = std::move(utf8);
    m_data->index = OffsetIndex(m_data->utf8);
}

std::string_view Text::slice(std::size_t start, std::size_t end) const {
    end = std::min(end, size());
    start = std::min(start, end);
    std::size_t b0 = index().byte_offset(start);
    std::size_t b1 = end - start <= OffsetIndex::kStride ? b0 : index().byte_offset(end);
    if (end - start <= OffsetIndex::kStride) {
        const std::string& s = utf8();
        for (std::size_t k = start; k < end; ++k)
            b1 += utf8_sequence_length(static_cast<unsigned char>(s[b1]));
    }
    return std::string_view(utf8()).substr(b0, b1 - b0);
}

char32_t Text::at(std::size_t cp) const {
    if (cp >= size()) return 0;
    std::size_t b = index().byte_offset(cp);
    return decode_utf8(utf8(), b);
}

std::u32string Text::decode(std::size_t start, std::size_t end) const {
    return to_utf32(slice(start, end));
}

} // namespace gloss::core
