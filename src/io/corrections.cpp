// Error-correction exports: corrections JSONL and M2. Layer: io.
#include "io/corrections.hpp"

#include "core/text/tokenizer.hpp"
#include "core/text/utf8.hpp"
#include "io/record_reader.hpp"

#include <algorithm>

namespace gloss::io {
namespace {

using core::DiagnosticCode;

struct EditSpan {
    const core::Span* span;
    std::string correction;
    std::string type;
};

void report_span(core::Diagnostics& diagnostics, const core::Document& doc, const core::Span& s,
                 DiagnosticCode code, std::string why = {}) {
    core::Place place;
    place.source = doc.id;
    place.offset = s.start;
    std::vector<std::string> args{std::to_string(s.id), s.label, std::to_string(s.start),
                                  std::to_string(s.end)};
    if (code == DiagnosticCode::SpanNotWritten) args.push_back(std::move(why));
    diagnostics.push_back(core::make_diagnostic(code, std::move(args), place));
}

// The non-overlapping edits of a document, in text order.
std::vector<EditSpan> edits_of(const core::Document& doc, const core::LabelSchema* schema,
                               std::vector<core::Span>& storage, core::Diagnostics& diagnostics) {
    storage = spans_of(doc);
    std::vector<EditSpan> edits;
    std::size_t covered_to = 0;
    // spans_of is ordered by (start, end): prefer the longer of two spans at the same start.
    std::stable_sort(storage.begin(), storage.end(), [](const core::Span& a, const core::Span& b) {
        return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    for (const core::Span& s : storage) {
        if (kind_of(schema, s.label) != core::LabelKind::Error ||
            s.status != core::Status::Accepted)
            continue;
        // No correction means not known yet (an empty one is a deletion): said, not guessed.
        const std::string* correction = s.attrs.get("correction");
        if (!correction) {
            report_span(diagnostics, doc, s, DiagnosticCode::SpanNotWritten,
                        "it has no correction yet");
            continue;
        }
        if (s.start < covered_to) {
            report_span(diagnostics, doc, s, DiagnosticCode::SpanNotWritten,
                        "it overlaps an earlier correction");
            continue;
        }
        const std::string* type = s.attrs.get("type");
        edits.push_back({&s, *correction, type && !type->empty() ? *type : "other"});
        covered_to = s.end;
    }
    return edits;
}

std::string joined_tokens(std::u32string_view text) {
    std::string out;
    for (const core::Token& t : core::tokenize(text)) {
        if (!out.empty()) out += ' ';
        out += core::to_utf8(text.substr(t.start, t.end - t.start));
    }
    return out;
}

} // namespace

std::string write_corrections(const std::vector<core::Document>& documents,
                              const core::LabelSchema* schema, core::Diagnostics& diagnostics) {
    std::string out;
    for (const core::Document& doc : documents) {
        std::vector<core::Span> storage;
        std::vector<EditSpan> edits = edits_of(doc, schema, storage, diagnostics);
        std::string corrected;
        Json list = Json::array();
        std::size_t at = 0, corrected_cps = 0;
        for (const EditSpan& e : edits) {
            std::string_view before = doc.text().slice(at, e.span->start);
            corrected += before;
            corrected_cps += e.span->start - at;
            std::size_t correction_cps = core::count_code_points(e.correction);
            list.push_back({{"start", e.span->start},
                            {"end", e.span->end},
                            {"original", std::string(doc.text().slice(e.span->start, e.span->end))},
                            {"correction", e.correction},
                            {"type", e.type},
                            {"corrected_start", corrected_cps},
                            {"corrected_end", corrected_cps + correction_cps}});
            corrected += e.correction;
            corrected_cps += correction_cps;
            at = e.span->end;
        }
        corrected += doc.text().slice(at, doc.text().size());
        Json line = {{"id", doc.id},
                     {"original", doc.text().utf8()},
                     {"corrected", corrected},
                     {"edits", list}};
        out += dump_json(line) + "\n";
    }
    return out;
}

std::string write_m2(const std::vector<core::Document>& documents, const core::LabelSchema* schema,
                     core::Diagnostics& diagnostics) {
    std::string out;
    for (const core::Document& doc : documents) {
        std::vector<core::Span> storage;
        std::vector<EditSpan> edits = edits_of(doc, schema, storage, diagnostics);
        std::u32string text = doc.text().decode(0, doc.text().size());
        std::vector<core::Token> tokens = doc.tokens_or_tokenize(text);
        std::vector<core::Sentence> sentences = core::split_sentences(text, tokens);
        std::vector<bool> placed(edits.size(), false);
        for (const core::Sentence& sentence : sentences) {
            out += "S";
            for (std::uint32_t k = 0; k < sentence.token_count; ++k) {
                const core::Token& t = tokens[sentence.first_token + k];
                out += ' ';
                out += core::to_utf8(std::u32string_view(text).substr(t.start, t.end - t.start));
            }
            out += '\n';
            bool any = false;
            for (std::size_t i = 0; i < edits.size(); ++i) {
                const core::Span& s = *edits[i].span;
                if (s.start < sentence.start || s.start >= sentence.end) continue;
                placed[i] = true;
                long first = -1, last = -1;
                for (std::uint32_t k = 0; k < sentence.token_count; ++k) {
                    const core::Token& t = tokens[sentence.first_token + k];
                    if (t.start == s.start) first = k;
                    if (t.end == s.end) last = k;
                }
                if (first < 0 || last < first) {
                    report_span(diagnostics, doc, s,
                                s.end > sentence.end ? DiagnosticCode::SpanNotWritten
                                                     : DiagnosticCode::SpanNotAligned,
                                "it crosses a sentence break");
                    continue;
                }
                std::u32string correction = core::to_utf32(edits[i].correction);
                out += "A " + std::to_string(first) + " " + std::to_string(last + 1) + "|||" +
                       edits[i].type + "|||" + joined_tokens(correction) +
                       "|||REQUIRED|||-NONE-|||0\n";
                any = true;
            }
            if (!any) out += "A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0\n";
            out += '\n';
        }
        for (std::size_t i = 0; i < edits.size(); ++i)
            if (!placed[i])
                report_span(diagnostics, doc, *edits[i].span, DiagnosticCode::SpanNotWritten,
                            "it is in no sentence");
    }
    return out;
}

} // namespace gloss::io
