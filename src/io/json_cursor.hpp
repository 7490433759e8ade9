// A forward-only JSON reader over one JSON text, for the fast paths of line formats: it reads
// strings, non-negative integers and structure without building a tree, and gives up (returns
// false) at the first thing it does not expect, leaving the caller to fall back to the full
// parser, which reports the problem with its place. Layer: io (std only).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gloss::io {

class JsonCursor {
public:
    // `text` must be valid UTF-8 (checked by the caller); it is not copied.
    explicit JsonCursor(std::string_view text)
        : m_p(text.data()), m_end(text.data() + text.size()) {}

    // The next non-space character (0 at the end), without consuming it.
    char peek();
    // Consumes `c` (after spaces) and returns true, or returns false.
    bool consume(char c);
    // True when only spaces remain.
    bool at_end();

    // Objects: begin_object(), then while (next_key(key)) { read the value }; next_key
    // returns false after the closing brace or on a syntax problem (then failed() is true).
    bool begin_object();
    bool next_key(std::string_view& key);
    // Arrays: begin_array(), then while (next_element()) { read the value }.
    bool begin_array();
    bool next_element();

    // A string value, unescaped into `out` (replacing its contents).
    bool read_string(std::string& out);
    // A string value as a view: into the text when it has no escapes (no copy), else into
    // `storage`, which receives it unescaped. Valid while both live.
    bool read_string_view(std::string_view& out, std::string& storage);
    // A string with no escapes, as a view into the text; false when it has escapes.
    bool read_plain_string(std::string_view& out);
    // A non-negative integer written without fraction or exponent.
    bool read_uint(std::uint64_t& out);
    // `null`.
    bool read_null();
    // Any value, skipped.
    bool skip_value();

    bool failed() const { return m_failed; }

private:
    bool fail() {
        m_failed = true;
        return false;
    }
    void skip_spaces();
    bool read_hex4(std::uint32_t& out);
    bool skip_literal(std::string_view word);
    bool open(char c);
    bool next(char close);

    const char* m_p;
    const char* m_end;
    bool m_failed = false;
    // Per open container: whether no member/element has been read yet (for the commas).
    static constexpr int kMaxDepth = 64;
    bool m_first[kMaxDepth] = {};
    int m_depth = 0;
};

// Appends `text` as a JSON string (quoted; ", \ and control characters escaped; other
// characters as UTF-8, invalid UTF-8 replaced by U+FFFD), byte for byte what
// nlohmann_json's dump() writes without ensure_ascii.
void append_json_string(std::string& out, std::string_view text);
// The same without the quotes (a long string written in pieces: cut them between characters).
void append_json_string_content(std::string& out, std::string_view text);
void append_json_uint(std::string& out, std::uint64_t value);
// Appends `key` as a JSON string and the colon after it.
void append_json_key(std::string& out, std::string_view key);

} // namespace gloss::io
