// doccano JSONL reader and writer. Layer: io.
#include "io/doccano.hpp"

#include "io/record_reader.hpp"

namespace gloss::io {

using core::DiagnosticCode;

namespace {

std::string id_string(const Json& j) {
    return j.is_string() ? j.get<std::string>() : dump_json(j);
}

} // namespace

std::optional<core::Document> read_doccano_line(std::string_view line, std::uint64_t line_number,
                                                const DoccanoReadOptions& options,
                                                core::Diagnostics& diagnostics) {
    core::Place where;
    where.source = options.source;
    where.line = line_number;
    FieldReader r(where, diagnostics);
    auto parsed = parse_json(line, where, diagnostics);
    if (!parsed) return std::nullopt;
    const Json& json = *parsed;
    if (!json.is_object()) {
        r.report(DiagnosticCode::FieldWrongType, {"(line)", "an object"});
        return std::nullopt;
    }
    auto text = r.string_field(json, "text", "");
    if (!text) return std::nullopt;
    std::string id = "doc-" + std::to_string(line_number);
    if (auto it = json.find("id"); it != json.end() && !it->is_null()) id = id_string(*it);
    core::Document doc(id, core::Text(std::move(*text)));
    for (auto it = json.begin(); it != json.end(); ++it) {
        const std::string& key = it.key();
        if (key == "id" || key == "text" || key == "label" || key == "entities" ||
            key == "relations")
            continue;
        // doccano keeps any other column as metadata.
        std::string value = id_string(it.value());
        doc.meta.set(key, std::move(value));
    }
    std::vector<core::Span> spans;
    std::vector<NamedRelation> relations;
    if (const Json* labels = r.array_field(json, "label", "")) {
        for (std::size_t i = 0; i < labels->size(); ++i) {
            const Json& l = (*labels)[i];
            std::string path = "label[" + std::to_string(i) + "]";
            if (!l.is_array() || l.size() != 3 || !l[2].is_string()) {
                r.report(DiagnosticCode::FieldWrongType, {path, "[start, end, \"LABEL\"]"});
                continue;
            }
            Json obj = {{"start", l[0]}, {"end", l[1]}};
            auto start = r.uint_field(obj, "start", path + ".");
            auto end = r.uint_field(obj, "end", path + ".");
            if (!start || !end) continue;
            core::Span span;
            if (!r.span_range(doc.text(), options.offset_unit, *start, *end, span)) continue;
            span.label = l[2].get<std::string>();
            if (!r.check_label(options.schema, span.label, span.start)) continue;
            span.origin = core::Origin::Imported;
            spans.push_back(std::move(span));
        }
    }
    if (const Json* entities = r.array_field(json, "entities", "")) {
        for (std::size_t i = 0; i < entities->size(); ++i) {
            const Json& e = (*entities)[i];
            std::string path = "entities[" + std::to_string(i) + "].";
            if (!e.is_object()) {
                r.report(DiagnosticCode::FieldWrongType, {path, "an object"});
                continue;
            }
            auto sid = r.id_field(e, "id", path, true);
            auto start = r.uint_field(e, "start_offset", path);
            auto end = r.uint_field(e, "end_offset", path);
            auto label = r.string_field(e, "label", path);
            if (!sid || !start || !end || !label) continue;
            core::Span span;
            if (!r.span_range(doc.text(), options.offset_unit, *start, *end, span)) continue;
            if (!r.check_label(options.schema, *label, span.start)) continue;
            span.id = sid->number;
            span.string_id = std::move(sid->name);
            span.label = *label;
            span.origin = core::Origin::Imported;
            spans.push_back(std::move(span));
        }
        if (const Json* rels = r.array_field(json, "relations", "")) {
            for (std::size_t i = 0; i < rels->size(); ++i) {
                const Json& rel = (*rels)[i];
                std::string path = "relations[" + std::to_string(i) + "].";
                if (!rel.is_object()) {
                    r.report(DiagnosticCode::FieldWrongType, {path, "an object"});
                    continue;
                }
                auto rid = r.id_field(rel, "id", path);
                auto from = r.id_field(rel, "from_id", path, true);
                auto to = r.id_field(rel, "to_id", path, true);
                auto type = r.string_field(rel, "type", path);
                if (!rid || !from || !to || !type) continue;
                NamedRelation named;
                named.relation.id = rid->number;
                named.relation.string_id = std::move(rid->name);
                named.relation.type = *type;
                named.from = std::move(*from);
                named.to = std::move(*to);
                relations.push_back(std::move(named));
            }
        }
    } else if (const Json* rels = r.array_field(json, "relations", ""); rels && !rels->empty()) {
        r.report(DiagnosticCode::FieldMissing, {"entities (the relations refer to them)"});
    }
    if (r.failed()) return std::nullopt;
    r.load_named(doc, std::move(spans), std::move(relations));
    if (r.failed()) return std::nullopt;
    return doc;
}

ImportResult read_doccano(std::string_view bytes, const DoccanoReadOptions& options) {
    return read_each_line(bytes,
                          [&](std::string_view text, std::uint64_t number, core::Diagnostics& d) {
                              return read_doccano_line(text, number, options, d);
                          });
}

std::string write_doccano_line(const core::Document& doc, const DoccanoWriteOptions& options) {
    Json out;
    out["id"] = doc.id;
    out["text"] = doc.text().utf8();
    const core::Text& text = doc.text();
    if (options.variant == DoccanoVariant::Labels) {
        Json labels = Json::array();
        doc.spans().for_each([&](const core::Span& s) {
            labels.push_back({offset_in(text, options.offset_unit, s.start),
                              offset_in(text, options.offset_unit, s.end), s.label});
        });
        out["label"] = std::move(labels);
    } else {
        Json entities = Json::array();
        doc.spans().for_each([&](const core::Span& s) {
            entities.push_back({{"id", id_json(s.id, s.string_id)},
                                {"label", s.label},
                                {"start_offset", offset_in(text, options.offset_unit, s.start)},
                                {"end_offset", offset_in(text, options.offset_unit, s.end)}});
        });
        out["entities"] = std::move(entities);
        Json relations = Json::array();
        for (const auto& [id, r] : doc.relations())
            relations.push_back({{"id", id_json(r.id, r.string_id)},
                                 {"from_id", span_id_json(doc, r.from)},
                                 {"to_id", span_id_json(doc, r.to)},
                                 {"type", r.type}});
        out["relations"] = std::move(relations);
    }
    // Metadata goes into extra columns, which doccano keeps as the example's metadata.
    if (!doc.meta.title.empty()) out["title"] = doc.meta.title;
    if (!doc.meta.source.empty()) out["source"] = doc.meta.source;
    if (!doc.meta.url.empty()) out["url"] = doc.meta.url;
    if (!doc.meta.language.empty()) out["language"] = doc.meta.language;
    for (const auto& [k, v] : doc.meta.extra)
        if (!out.contains(k)) out[k] = v;
    return dump_json(out) + "\n";
}

std::string write_doccano(const std::vector<core::Document>& documents,
                          const DoccanoWriteOptions& options, core::Diagnostics& diagnostics) {
    std::string out;
    std::size_t attrs = 0, relations = 0, not_accepted = 0;
    for (const core::Document& d : documents) {
        out += write_doccano_line(d, options);
        d.spans().for_each([&](const core::Span& s) {
            attrs += s.attrs.size();
            if (s.status != core::Status::Accepted) ++not_accepted;
        });
        if (options.variant == DoccanoVariant::Labels) relations += d.relations().size();
    }
    auto note = [&](std::size_t count, const char* what) {
        if (count)
            diagnostics.push_back(core::make_diagnostic(DiagnosticCode::NotExported,
                                                        {"doccano", what, std::to_string(count)}));
    };
    note(attrs, "span attributes");
    note(relations, "relations (use the relation variant, doccano-rel)");
    note(not_accepted, "the status of pending or rejected spans");
    return out;
}

} // namespace gloss::io
