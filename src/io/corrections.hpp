// Error-correction exports: the garbled and corrected text side by side (JSONL), and M2 (the
// CoNLL-2014 error-correction format) per sentence. An edit is an accepted ERROR span with a
// "correction" attribute; its "type" attribute is the error type. Export only. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <string>
#include <vector>

namespace gloss::io {

// One line per document: {"id","original","corrected","edits":[{"start","end","original",
// "correction","type","corrected_start","corrected_end"}]}. Offsets are code points, in the
// original text (start, end) and in the corrected text (corrected_*). Overlapping edits: the
// first (by start, then the longer) is applied, the others reported.
std::string write_corrections(const std::vector<core::Document>& documents,
                              const core::LabelSchema* schema, core::Diagnostics& diagnostics);

// M2: "S tok tok ..." per sentence (the document's own tokens when it has them, else the core
// tokenizer's; sentences split over them), then one "A i j|||type|||correction|||
// REQUIRED|||-NONE-|||0" line per edit (token indices, end exclusive; the correction
// tokenized by the core tokenizer), or a noop line; a blank line after each sentence. Edits that do
// not start and end on token boundaries, or cross a sentence break, are reported and left out.
std::string write_m2(const std::vector<core::Document>& documents, const core::LabelSchema* schema,
                     core::Diagnostics& diagnostics);

} // namespace gloss::io
