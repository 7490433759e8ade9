// W3C Web Annotation (JSON-LD) for Recogito's text-annotator and Hypothesis: one Annotation per
// span with a "tagging" TextualBody (the label), "describing" bodies ("name=value", the
// attributes) and a target {source: document id, selector: [TextQuoteSelector,
// TextPositionSelector]}; relations as "linking" annotations whose target is the two span
// annotations' ids; a span's status and origin as Gloss's own "gloss:status" and
// "gloss:origin". Positions count UTF-16 code units, as a browser's DOM textContent does.
// The texts travel beside the annotations in texts.jsonl ({"id","text"} per line). Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/format.hpp"
#include "io/import_result.hpp"

#include <string>
#include <vector>

namespace gloss::io {

struct W3cReadOptions {
    const core::LabelSchema* schema = nullptr; // when set, unknown labels are errors
    OffsetUnit offset_unit = OffsetUnit::Utf16;
};

// `files`: the annotations (a JSON array of Annotations, an AnnotationPage with "items", an
// AnnotationCollection with "first" or one Annotation) and the texts (any file whose name ends
// in ".jsonl"). Each annotation's position is checked against its quote: a position that does
// not select the quote is repaired from the quote and its prefix/suffix (SelectorRepaired); an
// annotation neither fits is an error (SelectorMismatch). Any error gives no documents at all.
ImportResult read_w3c(const std::vector<NamedFile>& files, const W3cReadOptions& options);

struct W3cExport {
    std::vector<NamedFile> files;  // annotations.w3c.jsonld, texts.jsonl
    core::Diagnostics diagnostics; // rejected spans (not written), counted
};

W3cExport write_w3c(const std::vector<core::Document>& documents,
                    OffsetUnit offset_unit = OffsetUnit::Utf16);

} // namespace gloss::io
