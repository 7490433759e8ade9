// WebAnno TSV 3.3, INCEpTION's tabular export: a header naming the layers (#T_SP span layers,
// #T_RL relation and #T_CH chain layers), then per sentence its #Text= lines and one line per
// token: "SENT-TOK<TAB>BEGIN-END<TAB>token<TAB>" and one cell per layer feature, stacked values
// split by "|", multi-token and stacked annotations carrying "[n]". BEGIN-END count UTF-16
// code units (Java chars), converted at this edge. One document per file. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/format.hpp"
#include "io/import_result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

// The layers Gloss writes: entity spans to NamedEntity's "value", other spans (quotes, errors)
// to a custom layer's "label".
inline constexpr std::string_view kWebannoNamedEntity =
    "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";
inline constexpr std::string_view kWebannoCustom = "webanno.custom.Gloss";

// Reads one file as one document whose id is the file name's stem. Every span layer is read:
// the label is the "value" (or "label") feature, else the first; other features become
// attributes; a span without any value gets the layer's short name. The text is rebuilt from
// the #Text lines at their tokens' offsets (gaps between sentences become a newline and
// spaces) and the tokens are kept as the document's. Relation and chain columns are counted
// and ignored. Any error gives no document.
ImportResult read_webanno(std::string_view bytes, const std::string& source,
                          const core::LabelSchema* schema = nullptr);

struct WebannoExport {
    std::vector<NamedFile> files;  // one <document id>.tsv per document
    core::Diagnostics diagnostics; // spans off token boundaries, what TSV cannot hold
};

// Tokens are the document's own, else Gloss's tokenizer's; sentences are split over them.
// Spans not on token boundaries are reported (SpanNotAligned) and not written; rejected spans,
// attributes and relations are counted (NotExported).
WebannoExport write_webanno(const std::vector<core::Document>& documents,
                            const core::LabelSchema* schema = nullptr);

// TSV 3.3 escaping of \ [ ] | _ -> ; * tab and newline, and back.
std::string webanno_escape(std::string_view text);
std::string webanno_unescape(std::string_view text);

} // namespace gloss::io
