// SageMaker Ground Truth / Mechanical Turk NER reader and writer. Layer: io.
#include "io/sagemaker.hpp"

#include "io/record_reader.hpp"

#include <set>

namespace gloss::io {

using core::DiagnosticCode;

namespace {

// The member of `line` that holds the entities, and the entities array itself.
const Json* find_entities(const Json& line, std::string& attribute) {
    for (auto it = line.begin(); it != line.end(); ++it) {
        const Json& v = it.value();
        if (!v.is_object()) continue;
        if (auto ann = v.find("annotations"); ann != v.end() && ann->is_object())
            if (auto e = ann->find("entities"); e != ann->end()) {
                attribute = it.key();
                return &*e;
            }
        if (auto e = v.find("entities"); e != v.end()) { // a Mechanical Turk answer
            attribute = it.key();
            return &*e;
        }
    }
    return nullptr;
}

} // namespace

std::optional<core::Document> read_sagemaker_line(std::string_view bytes, std::uint64_t number,
                                                  const SageMakerReadOptions& options,
                                                  core::Diagnostics& diagnostics) {
    Line line{bytes, number, 0};
    core::Place where;
    where.source = options.source;
    where.line = line.number;
    FieldReader r(where, diagnostics);
    auto parsed = parse_json(line.text, where, diagnostics);
    if (!parsed) return std::nullopt;
    const Json& json = *parsed;
    if (!json.is_object()) {
        r.report(DiagnosticCode::FieldWrongType, {"(line)", "an object"});
        return std::nullopt;
    }
    auto text = r.string_field(json, "source", "");
    if (!text) return std::nullopt;
    std::string id = "doc-" + std::to_string(line.number);
    if (auto it = json.find("id"); it != json.end() && !it->is_null())
        id = it->is_string() ? it->get<std::string>() : dump_json(*it);
    core::Document doc(id, core::Text(std::move(*text)));
    std::string attribute;
    const Json* entities = find_entities(json, attribute);
    for (auto it = json.begin(); it != json.end(); ++it) {
        const std::string& key = it.key();
        if (key == "source" || key == "id" || key == attribute || key == attribute + "-metadata")
            continue;
        std::string value = it->is_string() ? it->get<std::string>() : dump_json(*it);
        doc.meta.set(key, std::move(value)); // "source" (the text) is skipped above
    }
    std::vector<core::Span> spans;
    if (entities) {
        if (!entities->is_array()) {
            r.report(DiagnosticCode::FieldWrongType,
                     {attribute + ".annotations.entities", "an array"});
            return std::nullopt;
        }
        for (std::size_t i = 0; i < entities->size(); ++i) {
            const Json& e = (*entities)[i];
            std::string path = "entities[" + std::to_string(i) + "].";
            if (!e.is_object()) {
                r.report(DiagnosticCode::FieldWrongType, {path, "an object"});
                continue;
            }
            auto start = r.uint_field(e, "startOffset", path);
            auto end = r.uint_field(e, "endOffset", path);
            auto label = r.string_field(e, "label", path);
            if (!start || !end || !label) continue;
            core::Span span;
            if (!r.span_range(doc.text(), options.offset_unit, *start, *end, span)) continue;
            if (!r.check_label(options.schema, *label, span.start)) continue;
            span.label = *label;
            span.origin = core::Origin::Imported;
            spans.push_back(std::move(span));
        }
    }
    if (r.failed()) return std::nullopt;
    r.load(doc, std::move(spans), {});
    if (r.failed()) return std::nullopt;
    return doc;
}

ImportResult read_sagemaker(std::string_view bytes, const SageMakerReadOptions& options) {
    return read_each_line(bytes,
                          [&](std::string_view text, std::uint64_t number, core::Diagnostics& d) {
                              return read_sagemaker_line(text, number, options, d);
                          });
}

std::string write_sagemaker(const std::vector<core::Document>& documents,
                            const SageMakerWriteOptions& options, core::Diagnostics& diagnostics) {
    std::string out;
    std::string attribute(kSageMakerAttribute);
    std::size_t relations = 0, attrs = 0;
    for (const core::Document& doc : documents) {
        Json line;
        line["source"] = doc.text().utf8();
        line["id"] = doc.id;
        Json entities = Json::array();
        std::set<std::string> labels;
        doc.spans().for_each([&](const core::Span& s) {
            entities.push_back(
                {{"label", s.label},
                 {"startOffset", offset_in(doc.text(), options.offset_unit, s.start)},
                 {"endOffset", offset_in(doc.text(), options.offset_unit, s.end)}});
            labels.insert(s.label);
            attrs += s.attrs.size();
        });
        relations += doc.relations().size();
        Json label_list = Json::array();
        for (const std::string& l : labels)
            label_list.push_back({{"label", l}});
        line[attribute] = {
            {"annotations",
             {{"entities", std::move(entities)}, {"labels", std::move(label_list)}}}};
        line[attribute + "-metadata"] = {{"type", "groundtruth/text-span"},
                                         {"human-annotated", "yes"},
                                         {"job-name", "labeling-job/gloss"}};
        if (!doc.meta.title.empty()) line["title"] = doc.meta.title;
        if (!doc.meta.url.empty()) line["url"] = doc.meta.url;
        if (!doc.meta.language.empty()) line["language"] = doc.meta.language;
        for (const auto& [k, v] : doc.meta.extra)
            if (!line.contains(k)) line[k] = v;
        out += dump_json(line) + "\n";
    }
    auto note = [&](std::size_t count, const char* what) {
        if (count)
            diagnostics.push_back(core::make_diagnostic(
                DiagnosticCode::NotExported, {"sagemaker", what, std::to_string(count)}));
    };
    note(relations, "relations");
    note(attrs, "span attributes");
    return out;
}

} // namespace gloss::io
