// Gloss JSONL reader and writer. Layer: io.
#include "io/gloss_jsonl.hpp"

#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include <algorithm>

namespace gloss::io {

std::string_view to_string(OffsetUnit unit) {
    switch (unit) {
    case OffsetUnit::CodePoint:
        return "codepoint";
    case OffsetUnit::Utf16:
        return "utf16";
    case OffsetUnit::Utf8:
        return "utf8";
    }
    return "codepoint";
}

namespace {

using core::DiagnosticCode;

std::string attr_value_to_string(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

} // namespace

std::optional<core::Document> read_gloss_jsonl_line(std::string_view line,
                                                    std::uint64_t line_number,
                                                    const JsonlReadOptions& options,
                                                    core::Diagnostics& diagnostics) {
    core::Place where;
    where.source = options.source;
    where.line = line_number;
    FieldReader r(where, diagnostics);
    if (line.size() > options.max_line_bytes) {
        r.report(DiagnosticCode::LineTooLong,
                 {std::to_string(line.size()), std::to_string(options.max_line_bytes)});
        return std::nullopt;
    }
    auto parsed = parse_json(line, r.place(), diagnostics);
    if (!parsed) return std::nullopt;
    const Json& json = *parsed;
    if (!json.is_object()) {
        r.report(DiagnosticCode::FieldWrongType, {"(line)", "an object"});
        return std::nullopt;
    }
    auto text = r.string_field(json, "text", "", true);
    if (!text) return std::nullopt;

    std::string id = "doc-" + std::to_string(line_number);
    if (auto it = json.find("id"); it != json.end() && !it->is_null())
        id = it->is_string() ? it->get<std::string>() : it->dump();
    core::Document doc(id, core::Text(std::move(*text)));

    if (auto it = json.find("meta"); it != json.end() && it->is_object()) {
        for (auto m = it->begin(); m != it->end(); ++m)
            doc.meta.set(m.key(), attr_value_to_string(m.value()));
    }

    OffsetUnit unit = OffsetUnit::CodePoint;
    if (auto u = r.string_field(json, "offset_unit", "", false)) {
        if (*u == "codepoint")
            unit = OffsetUnit::CodePoint;
        else if (*u == "utf16")
            unit = OffsetUnit::Utf16;
        else if (*u == "utf8")
            unit = OffsetUnit::Utf8;
        else {
            r.report(DiagnosticCode::UnknownOffsetUnit, {*u});
            return std::nullopt;
        }
    }

    std::vector<core::Span> spans;
    if (auto it = json.find("spans"); it != json.end() && !it->is_null()) {
        if (!it->is_array()) {
            r.report(DiagnosticCode::FieldWrongType, {"spans", "an array"});
            return std::nullopt;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Json& s = (*it)[i];
            std::string path = "spans[" + std::to_string(i) + "].";
            if (!s.is_object()) {
                r.report(DiagnosticCode::FieldWrongType,
                         {"spans[" + std::to_string(i) + "]", "an object"});
                continue;
            }
            auto start = r.uint_field(s, "start", path);
            auto end = r.uint_field(s, "end", path);
            auto label = r.string_field(s, "label", path, true);
            if (!start || !end || !label) continue;
            core::Span span;
            if (!r.span_range(doc.text(), unit, *start, *end, span)) continue;
            if (!r.check_label(options.schema, *label, span.start)) continue;
            span.label = *label;
            if (auto t = r.string_field(s, "text", path, false);
                t && !r.check_text(doc.text(), span, *t))
                continue;
            if (auto idv = s.find("id"); idv != s.end() && idv->is_number_unsigned())
                span.id = idv->get<std::uint64_t>();
            else if (idv != s.end() && !idv->is_null()) {
                r.report(DiagnosticCode::FieldWrongType, {path + "id", "a positive integer"});
                continue;
            }
            if (auto attrs = s.find("attrs"); attrs != s.end() && attrs->is_object())
                for (auto a = attrs->begin(); a != attrs->end(); ++a)
                    span.attrs.set(a.key(), attr_value_to_string(a.value()));
            if (auto st = r.string_field(s, "status", path, false)) {
                if (auto parsed_status = core::parse_status(*st))
                    span.status = *parsed_status;
                else
                    r.report(DiagnosticCode::FieldWrongType,
                             {path + "status", "accepted, pending or rejected"});
            }
            if (auto o = r.string_field(s, "origin", path, false)) {
                if (auto parsed_origin = core::parse_origin(*o))
                    span.origin = *parsed_origin;
                else
                    r.report(DiagnosticCode::FieldWrongType,
                             {path + "origin", "manual, suggested or imported"});
            }
            if (auto a = r.string_field(s, "annotator", path, false)) span.annotator = *a;
            spans.push_back(std::move(span));
        }
    }

    std::vector<core::Relation> relations;
    if (auto it = json.find("relations"); it != json.end() && !it->is_null()) {
        if (!it->is_array()) {
            r.report(DiagnosticCode::FieldWrongType, {"relations", "an array"});
            return std::nullopt;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Json& rel = (*it)[i];
            std::string path = "relations[" + std::to_string(i) + "].";
            if (!rel.is_object()) {
                r.report(DiagnosticCode::FieldWrongType,
                         {"relations[" + std::to_string(i) + "]", "an object"});
                continue;
            }
            auto type = r.string_field(rel, "type", path, true);
            auto from = r.uint_field(rel, "from", path);
            auto to = r.uint_field(rel, "to", path);
            if (!type || !from || !to) continue;
            core::Relation relation;
            relation.type = *type;
            relation.from = *from;
            relation.to = *to;
            if (auto idv = rel.find("id"); idv != rel.end() && idv->is_number_unsigned())
                relation.id = idv->get<std::uint64_t>();
            relations.push_back(std::move(relation));
        }
    }

    r.load(doc, std::move(spans), std::move(relations));
    if (r.failed()) return std::nullopt;
    return doc;
}

ImportResult read_gloss_jsonl(std::string_view bytes, const JsonlReadOptions& options) {
    ImportResult result;
    std::uint64_t line_number = 0;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t nl = bytes.find('\n', pos);
        std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
        std::string_view line = bytes.substr(pos, end - pos);
        ++line_number;
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        auto doc = read_gloss_jsonl_line(line, line_number, options, result.diagnostics);
        if (doc)
            result.documents.push_back(std::move(*doc));
        else
            ++result.skipped_records;
    }
    return result;
}

std::string write_gloss_jsonl_line(const core::Document& doc) {
    Json out;
    out["id"] = doc.id;
    out["text"] = doc.text().utf8();
    Json meta = Json::object();
    if (!doc.meta.title.empty()) meta["title"] = doc.meta.title;
    if (!doc.meta.source.empty()) meta["source"] = doc.meta.source;
    if (!doc.meta.url.empty()) meta["url"] = doc.meta.url;
    if (!doc.meta.language.empty()) meta["language"] = doc.meta.language;
    for (const auto& [k, v] : doc.meta.extra)
        meta[k] = v;
    if (!meta.empty()) out["meta"] = std::move(meta);
    out["offset_unit"] = "codepoint";
    Json spans = Json::array();
    doc.spans().for_each([&](const core::Span& s) {
        Json span;
        span["id"] = s.id;
        span["start"] = s.start;
        span["end"] = s.end;
        span["text"] = std::string(doc.text().slice(s.start, s.end));
        span["label"] = s.label;
        if (!s.attrs.empty()) {
            Json attrs = Json::object();
            for (const auto& [k, v] : s.attrs)
                attrs[k] = v;
            span["attrs"] = std::move(attrs);
        }
        span["status"] = std::string(core::to_string(s.status));
        span["origin"] = std::string(core::to_string(s.origin));
        if (!s.annotator.empty()) span["annotator"] = s.annotator;
        spans.push_back(std::move(span));
    });
    out["spans"] = std::move(spans);
    Json relations = Json::array();
    for (const auto& [id, r] : doc.relations())
        relations.push_back({{"id", r.id}, {"type", r.type}, {"from", r.from}, {"to", r.to}});
    out["relations"] = std::move(relations);
    return out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string write_gloss_jsonl(const std::vector<core::Document>& documents) {
    std::string out;
    for (const core::Document& d : documents)
        out += write_gloss_jsonl_line(d);
    return out;
}

} // namespace gloss::io
