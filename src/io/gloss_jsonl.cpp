// Gloss JSONL reader and writer. Layer: io.
#include "io/gloss_jsonl.hpp"

#include "io/json_cursor.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <functional>

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

namespace {

// The checks every span gets once its fields are read, in the same order on both paths:
// range (in `unit`), label against the schema, then its text against the slice.
bool place_span(FieldReader& r, const core::Text& text, OffsetUnit unit,
                const JsonlReadOptions& options, std::uint64_t start, std::uint64_t end,
                std::string label, std::optional<std::string_view> span_text, core::Span& span) {
    if (!r.span_range(text, unit, start, end, span)) return false;
    if (!r.check_label(options.schema, label, span.start)) return false;
    span.label = std::move(label);
    return !span_text || r.check_text(text, span, *span_text);
}

// [SECTION] Fast path: a line read with JsonCursor, no tree

struct ScannedSpan {
    std::uint64_t start = 0, end = 0;
    bool has_start = false, has_end = false, has_text = false;
    std::string_view text_view;      // into the line; empty when the text had escapes
    std::string text_storage, label; // the text unescaped, when it had escapes
    bool text_escaped = false;
    // (The span moves as the vector of spans grows: a view into its own storage would not.)
    std::string_view text() const { return text_escaped ? text_storage : text_view; }
    core::Span span; // id, attrs, status, origin, annotator
};

struct ScannedLine {
    std::optional<std::string> id;
    std::string text;
    bool has_text = false;
    std::vector<std::pair<std::string, std::string>> meta;
    OffsetUnit unit = OffsetUnit::CodePoint;
    std::vector<RawToken> tokens;
    std::vector<ScannedSpan> spans;
    std::vector<NamedRelation> relations;
};

bool scan_optional_string(JsonCursor& c, std::string& out, bool& present) {
    if (c.peek() == 'n') return c.read_null();
    present = true;
    return c.read_string(out);
}

bool scan_string_object(JsonCursor& c, const std::function<void(std::string, std::string)>& put) {
    if (c.peek() == 'n') return c.read_null();
    if (!c.begin_object()) return false;
    std::string_view key;
    std::string value;
    while (c.next_key(key)) {
        if (!c.read_string(value)) return false; // other values: the full parser dumps them
        put(std::string(key), value);
    }
    return !c.failed();
}

// null, a non-negative integer or a non-empty string.
bool scan_id(JsonCursor& c, IdRef& id) {
    id = {};
    if (c.peek() == 'n') return c.read_null();
    if (c.peek() == '"') return c.read_string(id.name) && !id.name.empty();
    return c.read_uint(id.number);
}

bool scan_span(JsonCursor& c, ScannedSpan& s) {
    if (!c.begin_object()) return false;
    std::string_view key;
    std::string scratch;
    while (c.next_key(key)) {
        bool ok = true, present = false;
        if (key == "start") {
            ok = c.read_uint(s.start);
            s.has_start = true;
        } else if (key == "end") {
            ok = c.read_uint(s.end);
            s.has_end = true;
        } else if (key == "label") {
            ok = c.read_string(s.label) && !s.label.empty();
        } else if (key == "text") {
            s.has_text = c.peek() != 'n';
            ok = s.has_text ? c.read_string_view(s.text_view, s.text_storage) : c.read_null();
            s.text_escaped = ok && s.has_text && s.text_view.data() == s.text_storage.data();
        } else if (key == "id") {
            IdRef id;
            ok = scan_id(c, id);
            s.span.id = id.number;
            s.span.string_id = std::move(id.name);
        } else if (key == "attrs") {
            s.span.attrs = {};
            ok = scan_string_object(c, [&](std::string k, std::string v) {
                s.span.attrs.set(std::move(k), std::move(v));
            });
        } else if (key == "status") {
            ok = scan_optional_string(c, scratch, present);
            if (ok && present) {
                auto st = core::parse_status(scratch);
                ok = st.has_value();
                if (ok) s.span.status = *st;
            }
        } else if (key == "origin") {
            ok = scan_optional_string(c, scratch, present);
            if (ok && present) {
                auto o = core::parse_origin(scratch);
                ok = o.has_value();
                if (ok) s.span.origin = *o;
            }
        } else if (key == "annotator") {
            s.span.annotator.clear();
            ok = scan_optional_string(c, s.span.annotator, present);
        } else {
            ok = c.skip_value();
        }
        if (!ok) return false;
    }
    return !c.failed() && s.has_start && s.has_end && !s.label.empty();
}

// {"start","end", anything else}: other keys ("text", "id", "ws") are skipped.
bool scan_token(JsonCursor& c, RawToken& t) {
    if (!c.begin_object()) return false;
    std::string_view key;
    bool has_start = false, has_end = false;
    while (c.next_key(key)) {
        bool ok = true;
        if (key == "start")
            ok = c.read_uint(t.start), has_start = true;
        else if (key == "end")
            ok = c.read_uint(t.end), has_end = true;
        else
            ok = c.skip_value();
        if (!ok) return false;
    }
    return !c.failed() && has_start && has_end;
}

bool scan_relation(JsonCursor& c, NamedRelation& named) {
    if (!c.begin_object()) return false;
    core::Relation& rel = named.relation;
    std::string_view key;
    bool has_from = false, has_to = false;
    while (c.next_key(key)) {
        bool ok = true;
        if (key == "type") {
            ok = c.read_string(rel.type) && !rel.type.empty();
        } else if (key == "from" || key == "to") {
            IdRef& end = key == "from" ? named.from : named.to;
            (key == "from" ? has_from : has_to) = true;
            ok = c.peek() != 'n' && scan_id(c, end);
        } else if (key == "id") {
            IdRef id;
            ok = scan_id(c, id);
            rel.id = id.number;
            rel.string_id = std::move(id.name);
        } else {
            ok = c.skip_value();
        }
        if (!ok) return false;
    }
    return !c.failed() && has_from && has_to && !rel.type.empty();
}

// Reads a well-formed line of the usual shape; nullopt for anything else (syntax problems,
// unexpected types, non-string attributes), which the full parser then reads and reports.
std::optional<ScannedLine> scan_line(std::string_view line) {
    if (core::find_invalid_utf8(line) != std::string_view::npos) return std::nullopt;
    JsonCursor c(line);
    ScannedLine out;
    if (!c.begin_object()) return std::nullopt;
    std::string_view key;
    std::string scratch;
    while (c.next_key(key)) {
        bool ok = true;
        if (key == "text") {
            ok = c.read_string(out.text);
            out.has_text = true;
        } else if (key == "id") {
            if (c.peek() == 'n') {
                ok = c.read_null();
                out.id.reset();
            } else {
                out.id.emplace();
                ok = c.read_string(*out.id);
            }
        } else if (key == "meta") {
            out.meta.clear();
            ok = c.peek() == '{' && scan_string_object(c, [&](std::string k, std::string v) {
                     out.meta.emplace_back(std::move(k), std::move(v));
                 });
        } else if (key == "offset_unit") {
            bool present = false;
            out.unit = OffsetUnit::CodePoint;
            ok = scan_optional_string(c, scratch, present);
            if (ok && present) {
                if (scratch == "utf16")
                    out.unit = OffsetUnit::Utf16;
                else if (scratch == "utf8")
                    out.unit = OffsetUnit::Utf8;
                else
                    ok = scratch == "codepoint";
            }
        } else if (key == "tokens") {
            out.tokens.clear();
            if (c.peek() == 'n') {
                ok = c.read_null();
            } else if ((ok = c.begin_array())) {
                while (ok && c.next_element()) {
                    out.tokens.push_back({out.tokens.size(), 0, 0});
                    ok = scan_token(c, out.tokens.back());
                }
                ok = ok && !c.failed();
            }
        } else if (key == "spans") {
            out.spans.clear();
            if (c.peek() == 'n') {
                ok = c.read_null();
            } else if ((ok = c.begin_array())) {
                while (ok && c.next_element()) {
                    out.spans.emplace_back();
                    ok = scan_span(c, out.spans.back());
                }
                ok = ok && !c.failed();
            }
        } else if (key == "relations") {
            out.relations.clear();
            if (c.peek() == 'n') {
                ok = c.read_null();
            } else if ((ok = c.begin_array())) {
                while (ok && c.next_element()) {
                    out.relations.emplace_back();
                    ok = scan_relation(c, out.relations.back());
                }
                ok = ok && !c.failed();
            }
        } else {
            ok = c.skip_value();
        }
        if (!ok) return std::nullopt;
    }
    if (c.failed() || !c.at_end() || !out.has_text) return std::nullopt;
    return out;
}

std::optional<core::Document> build_scanned(ScannedLine scanned, std::uint64_t line_number,
                                            FieldReader& r, const JsonlReadOptions& options) {
    std::string id = scanned.id ? std::move(*scanned.id) : "doc-" + std::to_string(line_number);
    core::Document doc(std::move(id), core::Text(std::move(scanned.text)));
    for (auto& [k, v] : scanned.meta)
        doc.meta.set(k, std::move(v));
    std::vector<core::Token> tokens;
    r.tokens(doc.text(), scanned.unit, scanned.tokens, "", tokens);
    std::vector<core::Span> spans;
    spans.reserve(scanned.spans.size());
    for (ScannedSpan& s : scanned.spans) {
        if (!place_span(r, doc.text(), scanned.unit, options, s.start, s.end, std::move(s.label),
                        s.has_text ? std::optional(s.text()) : std::nullopt, s.span))
            continue;
        spans.push_back(std::move(s.span));
    }
    r.load_named(doc, std::move(spans), std::move(scanned.relations));
    if (r.failed()) return std::nullopt;
    doc.set_tokens(std::move(tokens)); // checked above
    return doc;
}

// [SECTION] Full path: nlohmann_json's tree, every problem reported

std::optional<core::Document> read_parsed_line(std::string_view line, std::uint64_t line_number,
                                               FieldReader& r, const JsonlReadOptions& options,
                                               core::Diagnostics& diagnostics) {
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

    // The dataset's own tokens, checked like the fast path checks them.
    std::vector<RawToken> raw_tokens;
    if (auto it = json.find("tokens"); it != json.end() && !it->is_null()) {
        if (!it->is_array()) {
            r.report(DiagnosticCode::FieldWrongType, {"tokens", "an array"});
            return std::nullopt;
        }
        raw_tokens = r.raw_tokens(*it, "");
    }
    std::vector<core::Token> tokens;
    r.tokens(doc.text(), unit, raw_tokens, "", tokens);

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
            auto t = r.string_field(s, "text", path, false);
            if (!place_span(r, doc.text(), unit, options, *start, *end, std::move(*label),
                            t ? std::optional<std::string_view>(*t) : std::nullopt, span))
                continue;
            auto span_id = r.id_field(s, "id", path);
            if (!span_id) continue;
            span.id = span_id->number;
            span.string_id = std::move(span_id->name);
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

    std::vector<NamedRelation> relations;
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
            auto from = r.id_field(rel, "from", path, true);
            auto to = r.id_field(rel, "to", path, true);
            auto rel_id = r.id_field(rel, "id", path);
            if (!type || !from || !to || !rel_id) continue;
            NamedRelation relation;
            relation.relation.type = *type;
            relation.relation.id = rel_id->number;
            relation.relation.string_id = std::move(rel_id->name);
            relation.from = std::move(*from);
            relation.to = std::move(*to);
            relations.push_back(std::move(relation));
        }
    }

    r.load_named(doc, std::move(spans), std::move(relations));
    if (r.failed()) return std::nullopt;
    doc.set_tokens(std::move(tokens)); // checked above
    return doc;
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
    if (auto scanned = options.fast_path ? scan_line(line) : std::nullopt)
        return build_scanned(std::move(*scanned), line_number, r, options);
    return read_parsed_line(line, line_number, r, options, diagnostics);
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

namespace {

void append_string_member(std::string& out, std::string_view key, std::string_view value) {
    append_json_key(out, key);
    append_json_string(out, value);
}

} // namespace

// Written directly (no tree), in the key order nlohmann_json's ordered_json gave before.
void append_gloss_jsonl_line(std::string& out, const core::Document& doc) {
    out += '{';
    append_string_member(out, "id", doc.id);
    out += ',';
    append_string_member(out, "text", doc.text().utf8());
    std::vector<std::pair<std::string_view, std::string_view>> meta;
    if (!doc.meta.title.empty()) meta.emplace_back("title", doc.meta.title);
    if (!doc.meta.source.empty()) meta.emplace_back("source", doc.meta.source);
    if (!doc.meta.url.empty()) meta.emplace_back("url", doc.meta.url);
    if (!doc.meta.language.empty()) meta.emplace_back("language", doc.meta.language);
    for (const auto& entry : doc.meta.extra) {
        const std::string& k = entry.first;
        const std::string& v = entry.second;
        auto same = [&k](const auto& e) { return e.first == k; };
        if (auto it = std::find_if(meta.begin(), meta.end(), same); it != meta.end())
            it->second = v; // an extra key named like a field replaces it, as before
        else
            meta.emplace_back(k, v);
    }
    if (!meta.empty()) {
        out += ",\"meta\":{";
        for (std::size_t i = 0; i < meta.size(); ++i) {
            if (i) out += ',';
            append_string_member(out, meta[i].first, meta[i].second);
        }
        out += '}';
    }
    out += ",\"offset_unit\":\"codepoint\"";
    if (!doc.tokens().empty()) { // only a dataset's own tokens: Gloss's are not written
        out += ",\"tokens\":[";
        for (std::size_t i = 0; i < doc.tokens().size(); ++i) {
            if (i) out += ',';
            out += "{\"start\":";
            append_json_uint(out, doc.tokens()[i].start);
            out += ",\"end\":";
            append_json_uint(out, doc.tokens()[i].end);
            out += '}';
        }
        out += ']';
    }
    out += ",\"spans\":[";
    bool first = true;
    const core::Text& text = doc.text();
    doc.spans().for_each([&](const core::Span& s) {
        if (!first) out += ',';
        first = false;
        out += "{\"id\":";
        append_json_id(out, s.id, s.string_id);
        out += ",\"start\":";
        append_json_uint(out, s.start);
        out += ",\"end\":";
        append_json_uint(out, s.end);
        out += ',';
        append_string_member(out, "text", text.slice(s.start, s.end));
        out += ',';
        append_string_member(out, "label", s.label);
        if (!s.attrs.empty()) {
            out += ",\"attrs\":{";
            bool first_attr = true;
            for (const auto& [k, v] : s.attrs) {
                if (!first_attr) out += ',';
                first_attr = false;
                append_string_member(out, k, v);
            }
            out += '}';
        }
        out += ',';
        append_string_member(out, "status", core::to_string(s.status));
        out += ',';
        append_string_member(out, "origin", core::to_string(s.origin));
        if (!s.annotator.empty()) {
            out += ',';
            append_string_member(out, "annotator", s.annotator);
        }
        out += '}';
    });
    out += "],\"relations\":[";
    first = true;
    for (const auto& [id, r] : doc.relations()) {
        if (!first) out += ',';
        first = false;
        out += "{\"id\":";
        append_json_id(out, r.id, r.string_id);
        out += ",\"type\":";
        append_json_string(out, r.type);
        out += ",\"from\":";
        append_span_id(out, doc, r.from);
        out += ",\"to\":";
        append_span_id(out, doc, r.to);
        out += '}';
    }
    out += "]}\n";
}

std::string write_gloss_jsonl_line(const core::Document& doc) {
    std::string out;
    append_gloss_jsonl_line(out, doc);
    return out;
}

std::string write_gloss_jsonl(const std::vector<core::Document>& documents) {
    std::string out;
    std::size_t estimate = 0; // the text, ~130 bytes a span, ~24 a token: `out` grows rarely
    for (const core::Document& d : documents)
        estimate +=
            d.text().utf8().size() * 2 + d.spans().size() * 130 + d.tokens().size() * 24 + 64;
    out.reserve(estimate);
    for (const core::Document& d : documents)
        append_gloss_jsonl_line(out, d);
    return out;
}

} // namespace gloss::io
