// CoNLL / IOB: "token TAG ..." lines, a blank line between sentences, "-DOCSTART-" lines
// between documents. One tag column per layer (entities, quotes, errors) so overlapping spans
// of different kinds survive; a strict single-column mode for classic NER tools. Tokens are the
// document's own when it has them, else the core tokenizer's; sentences are split over them by
// the core sentence splitter; spans not on token boundaries are reported, never
// moved. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

enum class TagScheme : std::uint8_t {
    Iob2,  // B- on the first token of every span (CoNLL-2003 as most tools read it)
    Iob1,  // I- everywhere, B- only where a span follows one of the same label directly
    Bioes, // S- single-token spans, B- I- E- for longer ones
};
std::optional<TagScheme> parse_tag_scheme(std::string_view name); // "iob2", "iob1", "bioes"

struct ConllWriteOptions {
    const core::LabelSchema* schema = nullptr; // label kinds pick the column
    TagScheme scheme = TagScheme::Iob2;
    // One entity column only: quote and error spans, and entities overlapping another, are
    // dropped, each reported.
    bool strict = false;
};

// Columns: token, entity tag, quote tag, error tag (strict: token, entity tag). Each document
// starts with "-DOCSTART- -X- O O" (strict: "-DOCSTART- O") and a blank line. Sentences that a
// written span crosses are kept together. Rejected spans are not written (counted).
std::string write_conll(const std::vector<core::Document>& documents,
                        const ConllWriteOptions& options, core::Diagnostics& diagnostics);

struct ConllReadOptions {
    std::string source;
    const core::LabelSchema* schema = nullptr;
};

// Reads any number of tag columns in IOB1, IOB2 or BIOES (an I- after O or another label
// starts a span). The text is rebuilt: tokens joined by spaces, sentences by newlines.
ImportResult read_conll(std::string_view bytes, const ConllReadOptions& options);

} // namespace gloss::io
