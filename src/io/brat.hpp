// brat standoff: DOC.txt (the text) + DOC.ann (T text-bound spans, R relations, A attributes
// with a value from a list, # AnnotatorNotes for free-text attributes, N normalisations for
// canonical names) and an annotation.conf that declares the labels. Offsets are code points,
// as brat's server (Python) counts them. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/format.hpp"
#include "io/import_result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

struct BratReadOptions {
    const core::LabelSchema* schema = nullptr;
    // Unset: code points, unless every T line fits the text only as UTF-16 code units (what
    // INCEpTION writes): then UTF-16 with a Utf16Offsets warning.
    std::optional<OffsetUnit> offset_unit;
};

// Reads pairs of NAME.txt + NAME.ann (matched by name; a .txt alone is a document without
// annotations, a .ann alone is an error). annotation.conf and other .conf files are skipped.
// The document id is NAME.
ImportResult read_brat(const std::vector<NamedFile>& files, const BratReadOptions& options);
// One document from its text and annotations; `ann_source` names the .ann for diagnostics.
std::optional<core::Document> read_brat_document(std::string id, std::string_view txt,
                                                 std::string_view ann,
                                                 const std::string& ann_source,
                                                 const BratReadOptions& options,
                                                 core::Diagnostics& diagnostics);

struct BratExport {
    std::vector<NamedFile> files; // ID.txt and ID.ann per document, then annotation.conf
    core::Diagnostics diagnostics;
};

// Enumeration attributes (per the schema, values without spaces) become A lines, "canonical"
// an N line, other attributes # notes ("name: value", newlines escaped as \n). Status, origin
// and annotator are not held (counted in a NotExported warning).
BratExport write_brat(const std::vector<core::Document>& documents,
                      const core::LabelSchema* schema);
std::string write_brat_ann(const core::Document& document, const core::LabelSchema* schema,
                           core::Diagnostics& diagnostics);
std::string brat_annotation_conf(const std::vector<core::Document>& documents,
                                 const core::LabelSchema* schema);

} // namespace gloss::io
