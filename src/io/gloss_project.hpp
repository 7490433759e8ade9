// Gloss project JSON: the lossless format. One JSON object with a "format" version, the label
// schema, the annotators, and every document with its metadata, its own tokens (when a dataset
// supplied them), spans (every field), relations and edit history with its position. Offsets
// are code points. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

// The version this Gloss writes; files with a larger "format" are refused (FormatTooNew).
inline constexpr std::uint64_t kProjectFormatVersion = 1;

struct Project {
    std::optional<core::LabelSchema> schema;
    std::vector<std::string> annotators; // sorted, unique; the writer adds every span's annotator
    std::vector<core::Document> documents;
};

struct ProjectResult {
    Project project;
    core::Diagnostics diagnostics;
    std::size_t skipped_records = 0; // documents left out because of errors
    bool ok() const { return !core::has_errors(diagnostics); }
};

// Reads a project; a bad document is reported (source "FILE", its id and offset) and left out,
// the others are kept. A missing or newer "format" refuses the whole file.
ProjectResult read_gloss_project(std::string_view bytes, const std::string& source);
// Writes a project, pretty-printed with two-space indentation.
std::string write_gloss_project(const Project& project);

struct ProjectWriteOptions {
    bool pretty = true; // two-space indentation; false: one line
    // Leaves out pending suggestions that no recorded edit refers to, with their relations:
    // the detectors find them again, and an autosave of an article full of suggestions stays
    // the size of what the user did. (Accepted, rejected and touched ones are always written.)
    bool skip_untouched_suggestions = false;
};
// The same from documents the caller keeps (no copy), e.g. a session's for its autosave.
std::string write_gloss_project(const core::LabelSchema* schema,
                                const std::vector<std::string>& annotators,
                                const std::vector<core::Document>& documents,
                                const ProjectWriteOptions& options);

} // namespace gloss::io
