// CoNLL / IOB: "token TAG ..." lines, a blank line between sentences, "-DOCSTART-" lines
// between documents; feature columns (POS, chunks) are read past. One tag column per layer
// (quotes, errors, entities last, where CoNLL-2003 readers look for the NER tag) so overlapping
// spans of different kinds survive; the layers and their order can be chosen; a strict
// single-column mode for classic NER tools. Tokens are the document's own when it has them,
// else the core tokenizer's; sentences are split over them by the core sentence splitter; spans
// not on token boundaries are reported, never moved. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <array>
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

// The tag columns of the default layout, in order after the token: CoNLL-2003 readers (NLTK
// set up for CoNLL-2003, the HuggingFace conll2003 script, split-and-take-the-last-field
// scripts) take the last of four columns as the NER tag.
inline constexpr std::array<core::LabelKind, 3> kConllDefaultLayers = {
    core::LabelKind::Quote, core::LabelKind::Error, core::LabelKind::Entity};

// "error,entity" -> {Error, Entity}: layer names ("entity", "quote", "error") separated by
// commas. An empty list, an unknown name or a name given twice gives nullopt and says why in
// `error`.
std::optional<std::vector<core::LabelKind>> parse_conll_layers(std::string_view list,
                                                               std::string& error);

struct ConllWriteOptions {
    const core::LabelSchema* schema = nullptr; // label kinds pick the column
    TagScheme scheme = TagScheme::Iob2;
    // One tag column per layer, in this order after the token. Spans of a layer not listed are
    // not written (counted per layer). Must not be empty or repeat a layer.
    std::vector<core::LabelKind> layers{kConllDefaultLayers.begin(), kConllDefaultLayers.end()};
    // One entity column only (`layers` is not used): quote and error spans, and entities
    // overlapping another, are dropped, each reported.
    bool strict = false;
};

// Columns: the token, then one tag column per layer (default: quote, error, entity; strict:
// entity). Each document starts with a "-DOCSTART-" line of as many columns, "-X-" in every tag
// column but the last and "O" in the last ("-DOCSTART- -X- -X- O", as in CoNLL-2003; strict:
// "-DOCSTART- O"), and a blank line. Sentences that a written span crosses are kept together.
// Rejected spans are not written (counted).
std::string write_conll(const std::vector<core::Document>& documents,
                        const ConllWriteOptions& options, core::Diagnostics& diagnostics);

struct ConllReadOptions {
    std::string source;
    const core::LabelSchema* schema = nullptr;
};

// Reads any number of tag columns, in any order, in IOB1, IOB2 or BIOES (an I- after O or
// another label starts a span); a span's layer comes from its label, not from its column, so
// files in the older "token entity quote error" order read alike. Column roles are decided over
// all lines of one width: the last column is always tags; another column where fewer than half
// the values are tags (POS, lemmas) is a feature column, and after one, a column of phrase
// chunks only (B-NP, I-VP: CoNLL-2003's third) is a chunk column; both are ignored, reported
// once (Ignored). So CoNLL-2003 gives its NER spans, CoNLL-2000 its chunks. The text is
// rebuilt: tokens joined by spaces, sentences by newlines.
ImportResult read_conll(std::string_view bytes, const ConllReadOptions& options);

} // namespace gloss::io
