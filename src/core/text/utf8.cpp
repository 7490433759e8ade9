// UTF-8 decoding, validation and encoding. Layer: core.
#include "core/text/utf8.hpp"

namespace gloss::core {
namespace {

// Length of the valid sequence at `i`, or 0 with `bad_len` set to the maximal invalid subpart.
std::size_t valid_sequence_at(std::string_view s, std::size_t i, std::size_t& bad_len) {
    auto b0 = static_cast<unsigned char>(s[i]);
    bad_len = 1;
    if (b0 < 0x80) return 1;
    std::size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F; // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    for (std::size_t k = 1; k < need; ++k) {
        if (i + k >= s.size()) {
            bad_len = k;
            return 0;
        }
        auto b = static_cast<unsigned char>(s[i + k]);
        unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            bad_len = k;
            return 0;
        }
    }
    return need;
}

} // namespace

std::size_t find_invalid_utf8(std::string_view bytes) {
    std::size_t i = 0, bad = 0;
    while (i < bytes.size()) {
        // ASCII fast path, 8 bytes at a time.
        while (i + 8 <= bytes.size()) {
            std::uint64_t word = 0;
            for (int k = 0; k < 8; ++k)
                word |= std::uint64_t(static_cast<unsigned char>(bytes[i + k])) << (8 * k);
            if (word & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= bytes.size()) break;
        std::size_t n = valid_sequence_at(bytes, i, bad);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

Utf8Result validate_utf8(std::string_view bytes, Utf8Policy policy) {
    Utf8Result result;
    std::size_t first_bad = find_invalid_utf8(bytes);
    if (first_bad == std::string_view::npos) {
        result.text.assign(bytes);
        return result;
    }
    if (policy == Utf8Policy::Reject) {
        result.ok = false;
        Place place;
        place.offset = Place::kUnknown;
        result.diagnostics.push_back(
            make_diagnostic(DiagnosticCode::InvalidUtf8, {std::to_string(first_bad)}, place));
        return result;
    }
    result.text.reserve(bytes.size() + 16);
    result.text.append(bytes.substr(0, first_bad));
    std::size_t i = first_bad, bad = 0;
    while (i < bytes.size()) {
        std::size_t n = valid_sequence_at(bytes, i, bad);
        if (n == 0) {
            result.diagnostics.push_back(
                make_diagnostic(DiagnosticCode::RepairedUtf8, {std::to_string(i)}));
            result.text.append("\xEF\xBF\xBD");
            i += bad;
        } else {
            result.text.append(bytes.substr(i, n));
            i += n;
        }
    }
    return result;
}

char32_t decode_utf8(std::string_view text, std::size_t& i) {
    auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t n = utf8_sequence_length(b0);
    if (i + n > text.size()) n = text.size() - i;
    char32_t cp = n == 2 ? (b0 & 0x1F) : n == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (std::size_t k = 1; k < n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += n;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string to_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text)
        append_utf8(out, cp);
    return out;
}

std::u32string to_utf32(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size())
        out += decode_utf8(utf8, i);
    return out;
}

std::size_t count_code_points(std::string_view utf8) {
    std::size_t n = 0;
    for (char c : utf8)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut);
}

} // namespace gloss::core
