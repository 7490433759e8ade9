// Label schema reading and writing. Layer: io.
#include "io/schema_io.hpp"

#include "core/text/utf8.hpp"
#include "io/json_value.hpp"

namespace gloss::io {

std::optional<core::LabelSchema> read_schema(std::string_view bytes, const std::string& source,
                                             core::Diagnostics& diagnostics) {
    core::Place place;
    place.source = source;
    auto json = parse_json(bytes, place, diagnostics);
    if (!json) return std::nullopt;
    core::Diagnostics found;
    auto schema = core::LabelSchema::from_value(to_value(*json), found);
    for (core::Diagnostic& d : found)
        d.place.source = source;
    diagnostics.insert(diagnostics.end(), found.begin(), found.end());
    return schema;
}

std::string write_schema(const core::LabelSchema& schema) {
    Json labels = Json::array();
    for (const core::Label& l : schema.labels()) {
        Json label = {{"name", l.name},
                      {"kind", std::string(core::to_string(l.kind))},
                      {"color", core::format_color(l.color)}};
        if (l.hotkey) {
            std::string key;
            core::append_utf8(key, l.hotkey);
            label["hotkey"] = key;
        }
        if (!l.description.empty()) label["description"] = l.description;
        Json attrs = Json::array();
        for (const core::AttributeDef& a : l.attributes) {
            Json attr = {{"name", a.name}, {"type", std::string(core::to_string(a.type))}};
            if (!a.values.empty()) attr["values"] = a.values;
            if (!a.target_labels.empty()) attr["targets"] = a.target_labels;
            if (!a.description.empty()) attr["description"] = a.description;
            attrs.push_back(std::move(attr));
        }
        if (!attrs.empty()) label["attributes"] = std::move(attrs);
        labels.push_back(std::move(label));
    }
    Json out = {{"labels", std::move(labels)}};
    if (!schema.declared_relations().empty()) {
        Json relations = Json::array();
        for (const core::RelationType& t : schema.declared_relations()) {
            Json relation = {{"name", t.name}};
            if (!t.from_labels.empty()) relation["from"] = t.from_labels;
            if (!t.to_labels.empty()) relation["to"] = t.to_labels;
            if (!t.description.empty()) relation["description"] = t.description;
            relations.push_back(std::move(relation));
        }
        out["relations"] = std::move(relations);
    }
    return out.dump(2) + "\n";
}

} // namespace gloss::io
