// Format registry: every dataset format Gloss reads or writes, by name, with its file
// extensions. Layer: io (bytes in, bytes out: the CLI and the platform do the file I/O).
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

// One named file of a format's input or output ("doc-1.ann", "tasks.json", "config.xml").
struct NamedFile {
    std::string name;
    std::string bytes;
};

struct ReadOptions {
    std::string source;                        // for diagnostics when a file has no name
    const core::LabelSchema* schema = nullptr; // when set, unknown labels are errors
    std::optional<OffsetUnit> offset_unit;     // override a format's default unit
};

struct WriteOptions {
    const core::LabelSchema* schema = nullptr; // for formats that write a config
    std::optional<OffsetUnit> offset_unit;     // override a format's default unit
};

struct ExportResult {
    std::vector<NamedFile> files;  // in the order they should be written
    core::Diagnostics diagnostics; // e.g. spans a format could not hold
    bool ok() const { return !core::has_errors(diagnostics); }
};

struct Format {
    std::string_view name;                    // "jsonl", "txt", ...
    std::string_view description;             // one line for --help
    std::vector<std::string_view> extensions; // ".jsonl", ".txt", ...
    // Either may be null: some formats are import-only or export-only.
    ImportResult (*read)(const std::vector<NamedFile>& files, const ReadOptions& options) = nullptr;
    ExportResult (*write)(const std::vector<core::Document>& documents,
                          const WriteOptions& options) = nullptr;
};

const std::vector<Format>& formats();
const Format* find_format(std::string_view name);
// The format whose extension `file_name` ends with, when exactly one claims it.
const Format* format_for_file(std::string_view file_name);

} // namespace gloss::io
