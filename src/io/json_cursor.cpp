// JsonCursor and the JSON string writer. Layer: io.
#include "io/json_cursor.hpp"

#include "core/text/utf8.hpp"

#include <charconv>

namespace gloss::io {

void JsonCursor::skip_spaces() {
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
        ++m_p;
}

char JsonCursor::peek() {
    skip_spaces();
    return m_p < m_end ? *m_p : '\0';
}

bool JsonCursor::consume(char c) {
    if (peek() != c || m_p == m_end) return false;
    ++m_p;
    return true;
}

bool JsonCursor::at_end() {
    skip_spaces();
    return m_p == m_end;
}

bool JsonCursor::open(char c) {
    if (!consume(c) || m_depth == kMaxDepth) return fail();
    m_first[m_depth++] = true;
    return true;
}

bool JsonCursor::next(char close) {
    if (m_failed || m_depth == 0) return fail();
    bool& first = m_first[m_depth - 1];
    if (consume(close)) {
        --m_depth;
        return false;
    }
    if (!first && !consume(',')) return fail();
    first = false;
    return true;
}

bool JsonCursor::begin_object() {
    return open('{');
}
bool JsonCursor::begin_array() {
    return open('[');
}

bool JsonCursor::next_key(std::string_view& key) {
    if (!next('}')) return false;
    if (!read_plain_string(key) || !consume(':')) return fail();
    return true;
}

bool JsonCursor::next_element() {
    if (!next(']')) return false;
    if (peek() == ']' || peek() == '\0') return fail(); // "[1,]"
    return true;
}

bool JsonCursor::read_string_view(std::string_view& out, std::string& storage) {
    if (!consume('"')) return fail();
    const char* start = m_p;
    for (const char* p = m_p; p < m_end; ++p) {
        auto c = static_cast<unsigned char>(*p);
        if (c == '"') {
            out = std::string_view(start, static_cast<std::size_t>(p - start));
            m_p = p + 1;
            return true;
        }
        if (c == '\\') break; // escapes: unescaped into storage below
        if (c < 0x20) return fail();
    }
    m_p = start - 1; // back to the opening quote
    if (!read_string(storage)) return false;
    out = storage;
    return true;
}

bool JsonCursor::read_plain_string(std::string_view& out) {
    if (!consume('"')) return fail();
    const char* start = m_p;
    while (m_p < m_end) {
        auto c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            out = std::string_view(start, static_cast<std::size_t>(m_p - start));
            ++m_p;
            return true;
        }
        if (c == '\\' || c < 0x20) return fail();
        ++m_p;
    }
    return fail();
}

bool JsonCursor::read_hex4(std::uint32_t& out) {
    if (m_end - m_p < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
        char c = *m_p++;
        out <<= 4;
        if (c >= '0' && c <= '9')
            out |= static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            out |= static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            out |= static_cast<std::uint32_t>(c - 'A' + 10);
        else
            return false;
    }
    return true;
}

bool JsonCursor::read_string(std::string& out) {
    out.clear();
    if (!consume('"')) return fail();
    while (m_p < m_end) {
        // Copy the longest run without quotes, escapes or control characters at once.
        const char* run = m_p;
        while (m_p < m_end && *m_p != '"' && *m_p != '\\' &&
               static_cast<unsigned char>(*m_p) >= 0x20)
            ++m_p;
        out.append(run, static_cast<std::size_t>(m_p - run));
        if (m_p == m_end) break;
        char c = *m_p++;
        if (c == '"') return true;
        if (c != '\\' || m_p == m_end) return fail(); // a raw control character
        char e = *m_p++;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            out += e;
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            std::uint32_t cp = 0;
            if (!read_hex4(cp)) return fail();
            if (cp >= 0xD800 && cp <= 0xDBFF) { // a high surrogate needs its low half
                std::uint32_t low = 0;
                if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u') return fail();
                m_p += 2;
                if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail();
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail();
            }
            core::append_utf8(out, static_cast<char32_t>(cp));
            break;
        }
        default:
            return fail();
        }
    }
    return fail();
}

bool JsonCursor::read_uint(std::uint64_t& out) {
    skip_spaces();
    const char* start = m_p;
    if (m_p == m_end || *m_p < '0' || *m_p > '9') return fail();
    if (*m_p == '0' && m_end - m_p > 1 && m_p[1] >= '0' && m_p[1] <= '9') return fail();
    auto [ptr, ec] = std::from_chars(start, m_end, out);
    if (ec != std::errc() || ptr == start) return fail();
    m_p = ptr;
    if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E')) return fail();
    return true;
}

bool JsonCursor::skip_literal(std::string_view word) {
    skip_spaces();
    if (static_cast<std::size_t>(m_end - m_p) < word.size() ||
        std::string_view(m_p, word.size()) != word)
        return fail();
    m_p += word.size();
    return true;
}

bool JsonCursor::read_null() {
    return skip_literal("null");
}

bool JsonCursor::skip_value() {
    char c = peek();
    switch (c) {
    case '{': {
        if (!begin_object()) return false;
        std::string_view key;
        while (next_key(key))
            if (!skip_value()) return false;
        return !m_failed;
    }
    case '[': {
        if (!begin_array()) return false;
        while (next_element())
            if (!skip_value()) return false;
        return !m_failed;
    }
    case '"': {
        std::string scratch;
        return read_string(scratch);
    }
    case 't':
        return skip_literal("true");
    case 'f':
        return skip_literal("false");
    case 'n':
        return read_null();
    default: {
        // A number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        const char* p = m_p;
        auto digits = [&] {
            const char* s = p;
            while (p < m_end && *p >= '0' && *p <= '9')
                ++p;
            return p > s;
        };
        if (p < m_end && *p == '-') ++p;
        if (p < m_end && *p == '0')
            ++p;
        else if (!digits())
            return fail();
        if (p < m_end && *p == '.' && (++p, !digits())) return fail();
        if (p < m_end && (*p == 'e' || *p == 'E')) {
            ++p;
            if (p < m_end && (*p == '+' || *p == '-')) ++p;
            if (!digits()) return fail();
        }
        m_p = p;
        return true;
    }
    }
}

// [SECTION] Writing

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    append_json_string_content(out, text);
    out += '"';
}

void append_json_string_content(std::string& out, std::string_view text) {
    static const char* const hex = "0123456789abcdef";
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        std::size_t run = i;
        while (run < n) {
            auto c = static_cast<unsigned char>(text[run]);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            ++run;
        }
        out.append(text.data() + i, run - i);
        i = run;
        if (i == n) break;
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            // Copy one well-formed sequence, or write U+FFFD for a bad byte.
            std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
            bool ok = len != 0 && c <= 0xF4 && i + len <= n;
            for (std::size_t k = 1; ok && k < len; ++k)
                ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
            if (ok && len == 3) {
                auto c1 = static_cast<unsigned char>(text[i + 1]);
                ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
            } else if (ok && len == 4) {
                auto c1 = static_cast<unsigned char>(text[i + 1]);
                ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
            }
            if (ok) {
                out.append(text.data() + i, len);
                i += len;
            } else {
                out += "\xEF\xBF\xBD";
                ++i;
            }
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
        ++i;
    }
}

void append_json_uint(std::string& out, std::uint64_t value) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    (void)ec;
    out.append(buffer, end);
}

void append_json_key(std::string& out, std::string_view key) {
    append_json_string(out, key);
    out += ':';
}

} // namespace gloss::io
