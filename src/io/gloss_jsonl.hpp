// Gloss JSONL, the reference format: one document per line,
// {"id","text","meta","offset_unit","tokens":[{"start","end"}],"spans":[{"id","start","end",
// "text","label","attrs","status","origin","annotator"}],"relations":[{"id","type","from","to"}]}.
// Span and relation ids are non-negative integers or non-empty strings, kept as given; a
// relation's "from" and "to" name spans by either.
// Offsets are code points unless "offset_unit" says "utf16" or "utf8". "tokens" is the
// dataset's own tokenization, kept on the document and written back only when it has one.
// Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gloss::io {

struct JsonlReadOptions {
    std::string source;                        // file name for diagnostics
    const core::LabelSchema* schema = nullptr; // when set, unknown labels are errors
    std::size_t max_line_bytes = 64u << 20;    // longer lines are refused (LineTooLong)
    // Lines of the usual shape are read without building a JSON tree; anything else goes to
    // nlohmann_json's parser. false: always the full parser (tests compare the two).
    bool fast_path = true;
};

// Reads every line; a bad line or span is reported with its place and left out (the result
// then is not ok()); good lines are kept so callers can offer --skip-invalid.
ImportResult read_gloss_jsonl(std::string_view bytes, const JsonlReadOptions& options);

// Reads one line (without its newline). `line_number` is 1-based, for diagnostics.
std::optional<core::Document> read_gloss_jsonl_line(std::string_view line,
                                                    std::uint64_t line_number,
                                                    const JsonlReadOptions& options,
                                                    core::Diagnostics& diagnostics);

// One document as one line, newline included; offsets in code points.
std::string write_gloss_jsonl_line(const core::Document& document);
void append_gloss_jsonl_line(std::string& out, const core::Document& document);
std::string write_gloss_jsonl(const std::vector<core::Document>& documents);

} // namespace gloss::io
