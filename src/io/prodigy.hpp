// Prodigy / spaCy-style JSONL: {"text","tokens":[{"text","start","end","id","ws"}],
// "spans":[{"start","end","token_start","token_end","label"}],"relations":[{"head","child",
// "label","head_span","child_span"}]}. Code points; token_end is inclusive. Tokens are the
// document's own (a file's "tokens" are kept on import) or else the core tokenizer's; a span
// that does not start and end on token boundaries keeps its character offsets, loses its token
// indices and is reported. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

struct ProdigyReadOptions {
    std::string source;
    const core::LabelSchema* schema = nullptr;
};

// Rejected spans are not written (Prodigy's spans are the accepted answer); relations are
// written with the token index of each span's first token and the spans themselves.
std::string write_prodigy(const std::vector<core::Document>& documents,
                          core::Diagnostics& diagnostics);
// Reads "text", "tokens" (start, end: kept as the document's tokens, checked like Gloss JSONL's),
// "spans" (start, end, label; token indices are only used when both offsets are missing) and
// "relations" (matched to spans through head_span/child_span, or the token indices). Token
// indices refer to the file's tokens, or the core tokenizer's when it has none.
ImportResult read_prodigy(std::string_view bytes, const ProdigyReadOptions& options);

} // namespace gloss::io
