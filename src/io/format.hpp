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

// What a file holds, told from its first record as well as its name. A name with a format's
// own extension (".doccano.jsonl", ".ls.json", ".conll") is that format. A generic name
// (".jsonl", ".ndjson", ".json", or none known) is told by the keys of its first record:
// Gloss JSONL ("spans", "offset_unit"), doccano ("label" as [start,end,LABEL] lists,
// "entities" with "start_offset"), Prodigy ("tokens" with "token_start" spans, "_task_hash"),
// SageMaker ("source" and a "...-metadata" key), a Label Studio task array ("data"), a Gloss
// project ("format" and "documents"). A record that fits two (say "spans" and a doccano
// "label") gives both as `candidates` and no `format`: ask which. A record with only a text
// fits Gloss JSONL.
struct DetectedFormat {
    const Format* format = nullptr;
    std::vector<const Format*> candidates; // when the content fits more than one
    std::string reason;                    // why, for messages: "its first record has \"label\""
};
DetectedFormat detect_format(std::string_view file_name, std::string_view bytes);

// Members of the first records that look like annotations (non-empty arrays or objects) that
// `format` does not read: when a file opens with no spans, these say what was not understood
// ("\"ner\" (a list of 3)"). Empty when there are none.
std::vector<std::string> unread_annotation_members(const Format& format, std::string_view bytes);

} // namespace gloss::io
