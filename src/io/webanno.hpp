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
// Relations between two spans of one of those layers go to a relation layer over it (feature
// "label"); a relation from a span of one layer to a span of the other is a slot link ("links",
// the role being the relation's type) of the span it starts from.
inline constexpr std::string_view kWebannoEntityRelation = "webanno.custom.GlossEntityRelation";
inline constexpr std::string_view kWebannoRelation = "webanno.custom.GlossRelation";
inline constexpr std::string_view kWebannoEntityLink = "webanno.custom.GlossEntityLink";
inline constexpr std::string_view kWebannoLink = "webanno.custom.GlossLink";

// Reads one file as one document whose id is the file name's stem. Every span layer is read:
// the label is the "value" (or "label") feature, else the first; other features become
// attributes; a span without any value gets the layer's short name. Relation layers over a
// span layer of the file and slot links (ROLE_ columns) become relations, typed by their
// label (or value, or type) feature or role, else the layer's or slot's name. The text is
// rebuilt from the #Text lines at their tokens' offsets (gaps between sentences become a
// newline and spaces) and the tokens are kept as the document's. Chain columns, and relation
// layers over a layer the file does not hold, are counted and ignored. Any error gives no
// document.
ImportResult read_webanno(std::string_view bytes, const std::string& source,
                          const core::LabelSchema* schema = nullptr);

struct WebannoExport {
    std::vector<NamedFile> files;  // one <document id>.tsv per document
    core::Diagnostics diagnostics; // spans off token boundaries, what TSV cannot hold
};

// Tokens are the document's own, else Gloss's tokenizer's; sentences are split over them.
// Attributes are features of their span's layer ("*" where a span has none). Spans not on
// token boundaries are reported (SpanNotAligned) and not written; rejected spans, attributes
// whose names are not feature names and relations to spans not written are counted
// (NotExported).
WebannoExport write_webanno(const std::vector<core::Document>& documents,
                            const core::LabelSchema* schema = nullptr);

// TSV 3.3 escaping of \ [ ] | _ -> ; * tab and newline, and back.
std::string webanno_escape(std::string_view text);
std::string webanno_unescape(std::string_view text);

} // namespace gloss::io
