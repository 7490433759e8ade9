// Prodigy / spaCy-style JSONL reader and writer. Layer: io.
#include "io/prodigy.hpp"

#include "core/text/tokenizer.hpp"
#include "io/record_reader.hpp"

#include <algorithm>
#include <map>

namespace gloss::io {
namespace {

using core::DiagnosticCode;

struct TokenIndex {
    std::vector<core::Token> tokens;
    std::map<std::uint32_t, std::size_t> by_start, by_end; // offset -> token index
};

// The document's own tokens when it has them, else the tokenizer's.
TokenIndex index_tokens(const core::Document& doc) {
    TokenIndex index;
    index.tokens = doc.tokens().empty() ? core::tokenize(doc.text().decode(0, doc.text().size()))
                                        : doc.tokens();
    for (std::size_t i = 0; i < index.tokens.size(); ++i) {
        index.by_start[index.tokens[i].start] = i;
        index.by_end[index.tokens[i].end] = i;
    }
    return index;
}

Json span_json(const core::Span& s, const TokenIndex& index, bool& aligned) {
    Json out = {{"start", s.start}, {"end", s.end}, {"label", s.label}};
    auto first = index.by_start.find(s.start);
    auto last = index.by_end.find(s.end);
    aligned = first != index.by_start.end() && last != index.by_end.end();
    if (aligned) {
        out["token_start"] = first->second;
        out["token_end"] = last->second; // inclusive
    }
    return out;
}

} // namespace

std::string write_prodigy(const std::vector<core::Document>& documents,
                          core::Diagnostics& diagnostics) {
    std::string out;
    std::size_t rejected = 0;
    for (const core::Document& doc : documents) {
        TokenIndex index = index_tokens(doc);
        Json line;
        line["text"] = doc.text().utf8();
        Json tokens = Json::array();
        for (std::size_t i = 0; i < index.tokens.size(); ++i) {
            const core::Token& t = index.tokens[i];
            char32_t next = doc.text().at(t.end);
            bool ws = next == ' ' || next == '\n' || next == '\t' || next == 0xA0;
            tokens.push_back({{"text", std::string(doc.text().slice(t.start, t.end))},
                              {"start", t.start},
                              {"end", t.end},
                              {"id", i},
                              {"ws", ws}});
        }
        line["tokens"] = std::move(tokens);
        Json spans = Json::array();
        std::map<core::SpanId, Json> written;
        for (const core::Span& s : spans_of(doc)) {
            if (s.status == core::Status::Rejected) {
                ++rejected;
                continue;
            }
            bool aligned = true;
            Json span = span_json(s, index, aligned);
            if (!aligned) {
                core::Place place;
                place.source = doc.id;
                place.offset = s.start;
                diagnostics.push_back(core::make_diagnostic(
                    DiagnosticCode::SpanNotAligned,
                    {std::to_string(s.id), s.label, std::to_string(s.start), std::to_string(s.end)},
                    place));
            }
            written[s.id] = span;
            spans.push_back(std::move(span));
        }
        line["spans"] = std::move(spans);
        Json relations = Json::array();
        for (const auto& [id, r] : doc.relations()) {
            auto head = written.find(r.from), child = written.find(r.to);
            if (head == written.end() || child == written.end()) continue;
            Json relation = {
                {"label", r.type}, {"head_span", head->second}, {"child_span", child->second}};
            if (head->second.contains("token_start"))
                relation["head"] = head->second["token_start"];
            if (child->second.contains("token_start"))
                relation["child"] = child->second["token_start"];
            relations.push_back(std::move(relation));
        }
        line["relations"] = std::move(relations);
        line["meta"] = {{"id", doc.id}};
        out += dump_json(line) + "\n";
    }
    if (rejected)
        diagnostics.push_back(
            core::make_diagnostic(DiagnosticCode::NotExported,
                                  {"prodigy", "rejected suggestions", std::to_string(rejected)}));
    return out;
}

ImportResult read_prodigy(std::string_view bytes, const ProdigyReadOptions& options) {
    ImportResult result;
    for (const Line& line : split_lines(bytes)) {
        if (is_blank(line.text)) continue;
        core::Place where;
        where.source = options.source;
        where.line = line.number;
        auto json = parse_json(line.text, where, result.diagnostics);
        if (!json || !json->is_object()) {
            if (json)
                result.diagnostics.push_back(core::make_diagnostic(DiagnosticCode::FieldWrongType,
                                                                   {"(line)", "an object"}, where));
            ++result.skipped_records;
            continue;
        }
        FieldReader r(where, result.diagnostics);
        auto text = r.string_field(*json, "text", "");
        if (!text) {
            ++result.skipped_records;
            continue;
        }
        std::string id = "doc-" + std::to_string(line.number);
        if (const Json* meta = r.object_field(*json, "meta", "")) {
            if (auto it = meta->find("id"); it != meta->end() && !it->is_null())
                id = it->is_string() ? it->get<std::string>() : it->dump();
        }
        core::Document doc(id, core::Text(std::move(*text)));
        // The file's tokens (start, end; "text", "id" and "ws" follow from them) are kept, and
        // its token indices refer to them.
        if (const Json* list = r.array_field(*json, "tokens", "")) {
            std::vector<RawToken> raw = r.raw_tokens(*list, "");
            std::vector<core::Token> tokens;
            if (r.tokens(doc.text(), OffsetUnit::CodePoint, raw, "", tokens))
                doc.set_tokens(std::move(tokens));
        }
        std::vector<core::Span> spans;
        // (start, end, label) -> id, to attach relations.
        std::map<std::tuple<std::uint32_t, std::uint32_t, std::string>, core::SpanId> ids;
        std::map<std::uint32_t, core::SpanId> by_token_start;
        TokenIndex index;
        bool indexed = false;
        auto token_index = [&]() -> const TokenIndex& {
            if (!indexed) {
                index = index_tokens(doc);
                indexed = true;
            }
            return index;
        };
        if (const Json* list = r.array_field(*json, "spans", "")) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const Json& s = (*list)[i];
                std::string path = "spans[" + std::to_string(i) + "].";
                std::optional<std::uint64_t> start, end;
                if (!s.contains("start") && !s.contains("end") && s.contains("token_start") &&
                    s.contains("token_end")) {
                    // Only token indices (token_end inclusive): offsets from the tokens.
                    auto first = r.uint_field(s, "token_start", path);
                    auto last = r.uint_field(s, "token_end", path);
                    const std::vector<core::Token>& tokens = token_index().tokens;
                    for (auto [value, key] :
                         {std::pair{&first, "token_start"}, std::pair{&last, "token_end"}})
                        if (*value && **value >= tokens.size()) {
                            r.report(DiagnosticCode::FieldWrongType,
                                     {path + key,
                                      "a token index below " + std::to_string(tokens.size())});
                            value->reset();
                        }
                    if (first && last) {
                        start = tokens[*first].start;
                        end = tokens[*last].end;
                    }
                } else {
                    start = r.uint_field(s, "start", path);
                    end = r.uint_field(s, "end", path);
                }
                auto label = r.string_field(s, "label", path);
                if (!start || !end || !label) continue;
                core::Span span;
                span.label = *label;
                if (!r.span_range(doc.text(), OffsetUnit::CodePoint, *start, *end, span)) continue;
                if (!r.check_label(options.schema, span.label, span.start)) continue;
                span.id = spans.size() + 1;
                span.origin = core::Origin::Imported;
                ids[{span.start, span.end, span.label}] = span.id;
                if (auto t = token_index().by_start.find(span.start);
                    t != token_index().by_start.end())
                    by_token_start.emplace(static_cast<std::uint32_t>(t->second), span.id);
                spans.push_back(std::move(span));
            }
        }
        std::vector<core::Relation> relations;
        if (const Json* list = r.array_field(*json, "relations", "")) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const Json& rel = (*list)[i];
                std::string path = "relations[" + std::to_string(i) + "].";
                core::Relation relation;
                relation.type = r.string_field(rel, "label", path).value_or("");
                auto end_of = [&](const char* span_key, const char* token_key) -> core::SpanId {
                    if (auto it = rel.find(span_key); it != rel.end() && it->is_object()) {
                        auto s = it->value("start", -1), e = it->value("end", -1);
                        std::string l = it->value("label", std::string());
                        auto found = ids.find(
                            {static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e), l});
                        if (found != ids.end()) return found->second;
                    }
                    if (auto it = rel.find(token_key);
                        it != rel.end() && it->is_number_unsigned()) {
                        auto found = by_token_start.find(it->get<std::uint32_t>());
                        if (found != by_token_start.end()) return found->second;
                    }
                    return 0;
                };
                relation.from = end_of("head_span", "head");
                relation.to = end_of("child_span", "child");
                if (relation.type.empty() || !relation.from || !relation.to) {
                    r.report(DiagnosticCode::Other,
                             {path + ": a relation whose spans are not in \"spans\""});
                    continue;
                }
                relations.push_back(std::move(relation));
            }
        }
        r.load(doc, std::move(spans), std::move(relations));
        if (r.failed()) {
            ++result.skipped_records;
            continue;
        }
        result.documents.push_back(std::move(doc));
    }
    return result;
}

} // namespace gloss::io
