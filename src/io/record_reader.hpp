// Helpers shared by the format readers and writers: JSON fields read with diagnostics, offsets
// in any unit converted to code points, lines and top-level JSON array elements with their
// place. Layer: io (core + nlohmann_json); no files, no UI.
#pragma once

#include "core/model/document.hpp"
#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"
#include "io/json_value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

// "codepoint" | "utf16" | "utf8" (also "code_point", "utf-16", "utf-8", "byte"); nullopt otherwise.
std::optional<OffsetUnit> parse_offset_unit(std::string_view name);

// Offset of code point `cp` in `unit` (clamped to the text).
std::size_t offset_in(const core::Text& text, OffsetUnit unit, std::size_t cp);

// One token of a dataset's own tokenization as a file gives it: tokens[index], in the file's
// offset unit.
struct RawToken {
    std::size_t index = 0;
    std::uint64_t start = 0, end = 0;
};

// An id as a file gives it (a span's, a relation's, or the span a relation's end names): a
// non-negative integer or any non-empty string. Neither set: none given.
struct IdRef {
    std::uint64_t number = 0;
    std::string name;
};

// A relation whose ends are still as the file named them; relation.from and .to are unused.
struct NamedRelation {
    core::Relation relation; // its own id: relation.id or relation.string_id
    IdRef from, to;
};

// Reads the fields of one record, reporting every problem at the record's place.
class FieldReader {
public:
    FieldReader(core::Place where, core::Diagnostics& diagnostics)
        : m_where(std::move(where)), m_diagnostics(diagnostics) {}

    bool failed() const { return m_failed; }
    void fail() { m_failed = true; }
    core::Place place(std::uint64_t offset = core::Place::kUnknown) const;
    void report(core::DiagnosticCode code, std::vector<std::string> args,
                std::uint64_t offset = core::Place::kUnknown);
    // Appends diagnostics (from core) at this record's place, keeping their offset.
    void adopt(core::Diagnostics found);

    // A non-negative integer (JSON integer or integral float); nullopt, reported when required
    // or mistyped, otherwise.
    std::optional<std::uint64_t> uint_field(const Json& object, std::string_view key,
                                            const std::string& path, bool required = true);
    std::optional<std::string> string_field(const Json& object, std::string_view key,
                                            const std::string& path, bool required = true);
    // Array member; nullopt (reported when mistyped or required) when absent or null.
    const Json* array_field(const Json& object, std::string_view key, const std::string& path,
                            bool required = false);
    const Json* object_field(const Json& object, std::string_view key, const std::string& path,
                             bool required = false);

    // `value` in `unit` as a code point offset; reports EndPastText / OffsetInsideCharacter.
    std::optional<std::uint32_t> to_code_points(const core::Text& text, OffsetUnit unit,
                                                std::uint64_t value, std::string_view what);
    // Converts and checks a range (EndBeforeStart, EmptySpan, EndPastText); false when bad.
    bool span_range(const core::Text& text, OffsetUnit unit, std::uint64_t start, std::uint64_t end,
                    core::Span& span);
    // Converts a dataset's tokens from `unit` to code points and checks them in order, each
    // reported as `path`tokens[i]: BadToken when it ends before it starts, is empty, ends past
    // the text or starts before the previous good token ends; OffsetInsideCharacter. The good
    // ones are appended to `out`; false when any was bad.
    bool tokens(const core::Text& text, OffsetUnit unit, const std::vector<RawToken>& raw,
                const std::string& path, std::vector<core::Token>& out);
    // The start and end of each element of a JSON array of tokens, as `tokens` takes them;
    // an element that is not an object, or has no whole start or end, is reported and left out.
    std::vector<RawToken> raw_tokens(const Json& list, const std::string& path);
    // SpanTextMismatch when `expected` differs from the text of [span.start, span.end).
    bool check_text(const core::Text& text, const core::Span& span, std::string_view expected);
    // UnknownLabel when a schema is given and does not define `label`.
    bool check_label(const core::LabelSchema* schema, const std::string& label,
                     std::uint64_t offset);

    // An id member: a non-negative integer or a non-empty string; {} when absent or null and
    // not required; nullopt, reported, when it is anything else or missing and required.
    std::optional<IdRef> id_field(const Json& object, std::string_view key, const std::string& path,
                                  bool required = false);

    // Document::load with its diagnostics placed at this record.
    void load(core::Document& document, std::vector<core::Span> spans,
              std::vector<core::Relation> relations);
    // The same for spans and relations whose ids files may give as strings (span.string_id,
    // id 0): those spans get numbers no other span of the record has, past the number ending
    // any string id (so "T" + number never names an existing span), and each relation's ends
    // are pointed at the spans they name, a name at the span with that string id, a number at
    // the span given that number. A relation naming no span is reported (DanglingRelation)
    // and left out; a string id given to two spans is reported (DuplicateSpanId).
    void load_named(core::Document& document, std::vector<core::Span> spans,
                    std::vector<NamedRelation> relations);

private:
    core::Place m_where;
    core::Diagnostics& m_diagnostics;
    bool m_failed = false;
};

// One line of a text file: 1-based number, without its newline or CR; a leading BOM dropped.
struct Line {
    std::string_view text;
    std::uint64_t number = 0;
    std::size_t byte_offset = 0; // of the line start in the file
};
// Splits `bytes` into lines (every line, blank ones included).
std::vector<Line> split_lines(std::string_view bytes);
bool is_blank(std::string_view line);

// A top-level JSON array split into its elements without parsing them, so each element is
// parsed alone and reported at its own line. Strings and nesting are respected.
struct JsonElement {
    std::string_view text;
    std::uint64_t line = 1; // 1-based line of the element's first byte
};
// Elements of the array that `bytes` holds; nullopt with a JsonSyntax diagnostic (with place)
// when `bytes` is not an array or is cut short.
std::optional<std::vector<JsonElement>>
split_json_array(std::string_view bytes, const std::string& source, core::Diagnostics& diagnostics);
// Parses one element, placing syntax errors relative to its line.
std::optional<Json> parse_element(const JsonElement& element, const std::string& source,
                                  core::Diagnostics& diagnostics);

// Serialises JSON on one line; invalid UTF-8 (impossible from a Document) is replaced.
std::string dump_json(const Json& json, int indent = -1);

// An id as files give it: the string when there is one, else the number.
Json id_json(std::uint64_t number, const std::string& name);
void append_json_id(std::string& out, std::uint64_t number, const std::string& name);
// A span's id as files give it, found by its number in `document` (the number alone when the
// document has no such span).
Json span_id_json(const core::Document& document, core::SpanId id);
void append_span_id(std::string& out, const core::Document& document, core::SpanId id);

// Every span of a document in (start, end, id) order.
std::vector<core::Span> spans_of(const core::Document& document);
// Span kinds used to pick CoNLL columns and error exports: from the schema when it knows the
// label, else QUOTE -> quote, ERROR (or a label starting with "ERR") -> error, else entity.
core::LabelKind kind_of(const core::LabelSchema* schema, std::string_view label);

// File name without folders and extension ("a/b/doc-1.ann" -> "doc-1").
std::string stem_of(std::string_view name);
// File name without folders.
std::string base_name(std::string_view name);
// A document id made safe as a file name (folders, control characters and leading dots removed).
std::string file_safe(std::string_view id);

void append(ImportResult& all, ImportResult one);

// Reads a one-record-per-line file: `read_line(text, line_number, diagnostics)` gives a document
// or nothing (counted as skipped); blank lines are passed over.
template <class ReadLine>
ImportResult read_each_line(std::string_view bytes, ReadLine&& read_line) {
    ImportResult result;
    for (const Line& line : split_lines(bytes)) {
        if (is_blank(line.text)) continue;
        auto doc = read_line(line.text, line.number, result.diagnostics);
        if (doc)
            result.documents.push_back(std::move(*doc));
        else
            ++result.skipped_records;
    }
    return result;
}

// Text on one line for formats that cannot hold newlines or tabs in a field: \ -> \\, newline
// -> \n, tab -> \t, CR -> \r; unescape_line reverses it.
std::string escape_line(std::string_view text);
std::string unescape_line(std::string_view text);

} // namespace gloss::io
