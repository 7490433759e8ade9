// Text: a document's UTF-8 text with its offset index, addressed in code points. Layer: core.
#pragma once

#include "core/text/offset_index.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace gloss::core {

class Text {
public:
    Text() : Text(std::string{}) {}
    // `utf8` must be valid UTF-8 (see validate_utf8 for untrusted bytes).
    explicit Text(std::string utf8);
    Text(const Text& other) : Text(other.m_data->utf8) {}
    Text& operator=(const Text& other) {
        if (this != &other) *this = Text(other.m_data->utf8);
        return *this;
    }
    Text(Text&&) noexcept = default;
    Text& operator=(Text&&) noexcept = default;

    const std::string& utf8() const { return m_data->utf8; }
    const OffsetIndex& index() const { return m_data->index; }
    std::size_t size() const { return m_data->index.code_points(); } // in code points
    bool empty() const { return size() == 0; }

    // Bytes of code points [start, end), clamped to the text.
    std::string_view slice(std::size_t start, std::size_t end) const;
    // The code point at `cp` (0 past the end).
    char32_t at(std::size_t cp) const;
    // Code points [start, end) decoded, clamped.
    std::u32string decode(std::size_t start, std::size_t end) const;

private:
    struct Data {
        std::string utf8;
        OffsetIndex index;
    };
    // Heap-held so the index's view into `utf8` survives moves.
    std::unique_ptr<Data> m_data;
};

} // namespace gloss::core
