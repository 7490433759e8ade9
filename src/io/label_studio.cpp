// Label Studio tasks JSON and labeling config. Layer: io.
//
// Index:
// [SECTION] Reading
// [SECTION] Writing tasks
// [SECTION] Writing the labeling config
#include "io/label_studio.hpp"

#include "io/record_reader.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gloss::io {
namespace {

using core::DiagnosticCode;

// [SECTION] Reading

std::string join(const Json& array, std::string_view separator) {
    std::string out;
    for (const Json& item : array) {
        if (!out.empty()) out += separator;
        out += item.is_string() ? item.get<std::string>() : dump_json(item);
    }
    return out;
}

std::string scalar_string(const Json& j) {
    return j.is_string() ? j.get<std::string>() : dump_json(j);
}

// A region id as Gloss writes it, "s" and the span's number: "s12" -> 12; 0 for any other.
std::uint64_t number_in(std::string_view id) {
    if (id.size() < 2 || id.front() != 's' || id[1] == '0') return 0;
    id.remove_prefix(1);
    if (id.size() > 15) return 0;
    std::uint64_t n = 0;
    for (char c : id) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

struct Region {
    std::vector<std::size_t> spans; // indices into the task's span list
};

struct TaskReader {
    FieldReader& r;
    const LabelStudioReadOptions& options;

    std::optional<core::Document> task(const Json& task, std::size_t index) {
        if (!task.is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {"(task)", "an object"});
            return std::nullopt;
        }
        const Json* data = r.object_field(task, "data", "", true);
        if (!data) return std::nullopt;
        auto text = r.string_field(*data, "text", "data.");
        if (!text) return std::nullopt;
        std::string id = "task-" + std::to_string(index + 1);
        if (auto d = data->find("doc_id"); d != data->end() && !d->is_null())
            id = scalar_string(*d);
        else if (auto t = task.find("id"); t != task.end() && !t->is_null())
            id = scalar_string(*t);
        core::Document doc(id, core::Text(std::move(*text)));
        for (auto it = data->begin(); it != data->end(); ++it) {
            const std::string& key = it.key();
            if (key == "text" || key == "doc_id") continue;
            std::string value = scalar_string(it.value());
            doc.meta.set(key, std::move(value));
        }

        std::vector<core::Span> spans;
        std::vector<std::string> region_of; // the region id of each span ("": none)
        struct PendingRelation {
            std::size_t from, to; // span indices
            std::string type;
        };
        std::vector<PendingRelation> relations;
        for (const char* list : {"annotations", "predictions"}) {
            const Json* items = r.array_field(task, list, "");
            if (!items) continue;
            bool prediction = std::string_view(list) == "predictions";
            for (std::size_t a = 0; a < items->size(); ++a) {
                const Json& ann = (*items)[a];
                std::string path = std::string(list) + "[" + std::to_string(a) + "].";
                if (!ann.is_object()) {
                    r.report(DiagnosticCode::FieldWrongType, {path, "an object"});
                    continue;
                }
                std::string annotator;
                if (auto c = ann.find("completed_by"); c != ann.end() && !c->is_null()) {
                    if (c->is_object()) {
                        if (auto e = c->find("email"); e != c->end())
                            annotator = scalar_string(*e);
                        else if (auto i = c->find("id"); i != c->end())
                            annotator = scalar_string(*i);
                    } else {
                        annotator = scalar_string(*c);
                    }
                }
                const Json* result = r.array_field(ann, "result", path);
                if (!result) continue;
                std::map<std::string, Region> regions;
                // Regions first: attributes and relations refer to them by id.
                for (std::size_t i = 0; i < result->size(); ++i) {
                    const Json& item = (*result)[i];
                    std::string ip = path + "result[" + std::to_string(i) + "].";
                    if (!item.is_object()) {
                        r.report(DiagnosticCode::FieldWrongType, {ip, "an object"});
                        continue;
                    }
                    auto type = item.find("type");
                    if (type == item.end() || !type->is_string() || *type != "labels") continue;
                    const Json* value = r.object_field(item, "value", ip, true);
                    if (!value) continue;
                    auto start = r.uint_field(*value, "start", ip + "value.");
                    auto end = r.uint_field(*value, "end", ip + "value.");
                    const Json* labels = r.array_field(*value, "labels", ip + "value.", true);
                    if (!start || !end || !labels) continue;
                    core::Span span;
                    if (!r.span_range(doc.text(), options.offset_unit, *start, *end, span))
                        continue;
                    if (auto t = r.string_field(*value, "text", ip + "value.", false);
                        t && !r.check_text(doc.text(), span, *t))
                        continue;
                    std::string region_id;
                    if (auto idv = item.find("id"); idv != item.end() && !idv->is_null())
                        region_id = scalar_string(*idv);
                    span.annotator = annotator;
                    span.status = prediction ? core::Status::Pending : core::Status::Accepted;
                    span.origin = prediction ? core::Origin::Suggested : core::Origin::Imported;
                    if (auto o = item.find("origin"); o != item.end() && o->is_string()) {
                        if (*o == "manual")
                            span.origin = core::Origin::Manual;
                        else if (*o == "prediction" || *o == "prediction-changed")
                            span.origin = core::Origin::Suggested;
                    }
                    for (const Json& label : *labels) {
                        if (!label.is_string()) {
                            r.report(DiagnosticCode::FieldWrongType,
                                     {ip + "value.labels[]", "a string"});
                            continue;
                        }
                        core::Span s = span;
                        s.label = label.get<std::string>();
                        if (!r.check_label(options.schema, s.label, s.start)) continue;
                        regions[region_id].spans.push_back(spans.size());
                        region_of.push_back(region_id);
                        spans.push_back(std::move(s));
                    }
                }
                for (std::size_t i = 0; i < result->size(); ++i) {
                    const Json& item = (*result)[i];
                    if (!item.is_object()) continue;
                    std::string ip = path + "result[" + std::to_string(i) + "].";
                    auto type_it = item.find("type");
                    std::string type = type_it != item.end() && type_it->is_string()
                                           ? type_it->get<std::string>()
                                           : "";
                    if (type == "labels") continue;
                    if (type == "relation") {
                        auto from = r.string_field(item, "from_id", ip);
                        auto to = r.string_field(item, "to_id", ip);
                        if (!from || !to) continue;
                        auto f = regions.find(*from), t = regions.find(*to);
                        if (f == regions.end() || t == regions.end() || f->second.spans.empty() ||
                            t->second.spans.empty()) {
                            r.report(DiagnosticCode::DanglingRelation,
                                     {*from + "->" + *to, f == regions.end() ? *from : *to});
                            continue;
                        }
                        std::string rtype = "relation";
                        if (auto l = item.find("labels");
                            l != item.end() && l->is_array() && !l->empty())
                            rtype = join(*l, ",");
                        std::size_t a_index = f->second.spans.front();
                        std::size_t b_index = t->second.spans.front();
                        if (auto d = item.find("direction"); d != item.end() && *d == "left")
                            std::swap(a_index, b_index);
                        relations.push_back({a_index, b_index, rtype});
                        continue;
                    }
                    if (type != "choices" && type != "textarea" && type != "taxonomy") {
                        r.report(DiagnosticCode::Ignored,
                                 {ip.substr(0, ip.size() - 1),
                                  "result type \"" + type + "\" has no Gloss equivalent"});
                        continue;
                    }
                    auto from_name = r.string_field(item, "from_name", ip);
                    const Json* value = r.object_field(item, "value", ip, true);
                    if (!from_name || !value) continue;
                    std::string v;
                    if (type == "textarea") {
                        auto t = value->find("text");
                        if (t == value->end() || !t->is_array()) {
                            r.report(DiagnosticCode::FieldWrongType,
                                     {ip + "value.text", "an array"});
                            continue;
                        }
                        v = join(*t, "\n");
                    } else {
                        auto c = value->find(type == "choices" ? "choices" : "taxonomy");
                        if (c == value->end() || !c->is_array()) {
                            r.report(DiagnosticCode::FieldWrongType,
                                     {ip + "value." + type, "an array"});
                            continue;
                        }
                        v = join(*c, ",");
                    }
                    std::string region_id;
                    if (auto idv = item.find("id"); idv != item.end() && !idv->is_null())
                        region_id = scalar_string(*idv);
                    auto region = regions.find(region_id);
                    if (region_id.empty() || region == regions.end()) {
                        // Not tied to a region: a classification of the whole document.
                        doc.meta.extra[*from_name] = v;
                        continue;
                    }
                    for (std::size_t s : region->second.spans)
                        spans[s].attrs.set(*from_name, v);
                }
            }
        }
        if (r.failed()) return std::nullopt;

        // Keep the ids the regions carried where they are unique: Gloss's own "s12" as the
        // number 12, any other as given (a region with two labels gives it to the first).
        std::set<std::uint64_t> used;
        std::set<std::string_view> named;
        std::uint64_t next = 1;
        for (const std::string& region : region_of)
            next = std::max({next, number_in(region) + 1, core::trailing_number(region) + 1});
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const std::string& region = region_of[i];
            std::uint64_t p = number_in(region);
            if (p != 0 && used.insert(p).second) {
                spans[i].id = p;
                continue;
            }
            spans[i].id = next++;
            if (p == 0 && !region.empty() && named.insert(region).second)
                spans[i].string_id = region;
        }
        std::vector<core::Relation> rels;
        for (const PendingRelation& p : relations)
            rels.push_back({0, p.type, spans[p.from].id, spans[p.to].id});
        r.load(doc, std::move(spans), std::move(rels));
        if (r.failed()) return std::nullopt;
        return doc;
    }
};

} // namespace

ImportResult read_label_studio(std::string_view bytes, const LabelStudioReadOptions& options) {
    ImportResult result;
    std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") first = bytes.find_first_not_of(" \t\r\n", 3);
    std::vector<JsonElement> elements;
    if (first != std::string_view::npos && bytes[first] == '{') {
        elements.push_back({bytes, 1});
    } else {
        auto split = split_json_array(bytes, options.source, result.diagnostics);
        if (!split) {
            result.skipped_records = 1;
            return result;
        }
        elements = std::move(*split);
    }
    for (std::size_t i = 0; i < elements.size(); ++i) {
        auto json = parse_element(elements[i], options.source, result.diagnostics);
        if (!json) {
            ++result.skipped_records;
            continue;
        }
        core::Place place;
        place.source = options.source;
        place.line = elements[i].line;
        FieldReader r(place, result.diagnostics);
        TaskReader reader{r, options};
        auto doc = reader.task(*json, i);
        if (doc)
            result.documents.push_back(std::move(*doc));
        else
            ++result.skipped_records;
    }
    return result;
}

// [SECTION] Writing tasks

namespace {

bool is_enumeration(const core::LabelSchema* schema, const std::string& label,
                    const std::string& attribute) {
    if (!schema) return false;
    const core::Label* l = schema->find(label);
    if (!l) return false;
    const core::AttributeDef* a = l->attribute(attribute);
    return a && a->type == core::AttributeType::Enumeration;
}

std::string region_id(core::SpanId id) {
    return "s" + std::to_string(id);
}

std::string region_id(const core::Span& s) {
    return s.string_id.empty() ? region_id(s.id) : s.string_id;
}

Json region_items(const core::Document& doc, const core::Span& s,
                  const LabelStudioWriteOptions& options) {
    Json items = Json::array();
    std::size_t start = offset_in(doc.text(), options.offset_unit, s.start);
    std::size_t end = offset_in(doc.text(), options.offset_unit, s.end);
    std::string text(doc.text().slice(s.start, s.end));
    Json label = {
        {"id", region_id(s)}, {"from_name", "label"}, {"to_name", "text"}, {"type", "labels"}};
    if (s.origin == core::Origin::Manual)
        label["origin"] = "manual";
    else if (s.origin == core::Origin::Suggested)
        label["origin"] = "prediction";
    label["value"] = {{"start", start}, {"end", end}, {"text", text}, {"labels", {s.label}}};
    items.push_back(std::move(label));
    for (const auto& [name, value] : s.attrs) {
        Json item = {{"id", region_id(s)}, {"from_name", name}, {"to_name", "text"}};
        if (is_enumeration(options.schema, s.label, name)) {
            item["type"] = "choices";
            item["value"] = {{"start", start}, {"end", end}, {"choices", {value}}};
        } else {
            item["type"] = "textarea";
            item["value"] = {{"start", start}, {"end", end}, {"text", {value}}};
        }
        items.push_back(std::move(item));
    }
    return items;
}

} // namespace

// [SECTION] Writing the labeling config

namespace {

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

struct AttributeUse {
    bool enumeration = false;
    std::vector<std::string> values; // in schema order, then first use
};

std::string labeling_config(const std::vector<core::Document>& documents,
                            const core::LabelSchema* schema) {
    std::vector<std::pair<std::string, std::string>> labels; // name, colour
    std::set<std::string> seen_labels;
    std::vector<std::pair<std::string, AttributeUse>> attributes;
    auto attribute = [&](const std::string& name) -> AttributeUse& {
        for (auto& [n, use] : attributes)
            if (n == name) return use;
        attributes.push_back({name, {}});
        return attributes.back().second;
    };
    auto add_value = [](AttributeUse& use, const std::string& value) {
        if (std::find(use.values.begin(), use.values.end(), value) == use.values.end())
            use.values.push_back(value);
    };
    if (schema)
        for (const core::Label& l : schema->labels()) {
            if (seen_labels.insert(l.name).second)
                labels.push_back({l.name, core::format_color(l.color).substr(0, 7)});
            for (const core::AttributeDef& a : l.attributes) {
                AttributeUse& use = attribute(a.name);
                if (a.type == core::AttributeType::Enumeration) {
                    use.enumeration = true;
                    for (const std::string& v : a.values)
                        add_value(use, v);
                }
            }
        }
    std::set<std::string> relation_types;
    for (const core::Document& d : documents) {
        d.spans().for_each([&](const core::Span& s) {
            if (seen_labels.insert(s.label).second) labels.push_back({s.label, "#4e79a7"});
            for (const auto& [name, value] : s.attrs) {
                AttributeUse& use = attribute(name);
                if (is_enumeration(schema, s.label, name)) add_value(use, value);
            }
        });
        for (const auto& [id, r] : d.relations())
            relation_types.insert(r.type);
    }
    std::string out = "<View>\n  <Labels name=\"label\" toName=\"text\">\n";
    for (const auto& [name, colour] : labels)
        out += "    <Label value=\"" + xml_escape(name) + "\" background=\"" + colour + "\"/>\n";
    out += "  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n";
    if (!relation_types.empty()) {
        out += "  <Relations>\n";
        for (const std::string& t : relation_types)
            out += "    <Relation value=\"" + xml_escape(t) + "\"/>\n";
        out += "  </Relations>\n";
    }
    if (!attributes.empty()) {
        out += "  <View visibleWhen=\"region-selected\">\n";
        for (const auto& [name, use] : attributes) {
            out += "    <Header value=\"" + xml_escape(name) + "\"/>\n";
            if (use.enumeration) {
                out += "    <Choices name=\"" + xml_escape(name) +
                       "\" toName=\"text\" perRegion=\"true\">\n";
                for (const std::string& v : use.values)
                    out += "      <Choice value=\"" + xml_escape(v) + "\"/>\n";
                out += "    </Choices>\n";
            } else {
                out += "    <TextArea name=\"" + xml_escape(name) +
                       "\" toName=\"text\" perRegion=\"true\" editable=\"true\"/>\n";
            }
        }
        out += "  </View>\n";
    }
    out += "</View>\n";
    return out;
}

} // namespace

LabelStudioExport write_label_studio(const std::vector<core::Document>& documents,
                                     const LabelStudioWriteOptions& options) {
    LabelStudioExport out;
    Json tasks = Json::array();
    std::size_t rejected = 0, cross_relations = 0, pending_annotators = 0;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        const core::Document& doc = documents[i];
        Json data = Json::object();
        data["text"] = doc.text().utf8();
        data["doc_id"] = doc.id;
        if (!doc.meta.title.empty()) data["title"] = doc.meta.title;
        if (!doc.meta.source.empty()) data["source"] = doc.meta.source;
        if (!doc.meta.url.empty()) data["url"] = doc.meta.url;
        if (!doc.meta.language.empty()) data["language"] = doc.meta.language;
        for (const auto& [k, v] : doc.meta.extra)
            if (k != "text" && k != "doc_id") data[k] = v;

        // Accepted spans: one annotation per annotator, in order of first appearance.
        std::vector<std::string> annotators;
        std::map<std::string, Json> results;
        std::map<core::SpanId, std::string> owner; // span -> annotation key ("\x01" = prediction)
        Json prediction = Json::array();
        doc.spans().for_each([&](const core::Span& s) {
            if (s.status == core::Status::Rejected) {
                ++rejected;
                return;
            }
            Json items = region_items(doc, s, options);
            if (s.status == core::Status::Pending) {
                if (!s.annotator.empty()) ++pending_annotators;
                owner[s.id] = "\x01";
                for (Json& item : items)
                    prediction.push_back(std::move(item));
                return;
            }
            if (!results.count(s.annotator)) {
                annotators.push_back(s.annotator);
                results[s.annotator] = Json::array();
            }
            owner[s.id] = s.annotator;
            for (Json& item : items)
                results[s.annotator].push_back(std::move(item));
        });
        for (const auto& [id, r] : doc.relations()) {
            auto f = owner.find(r.from), t = owner.find(r.to);
            if (f == owner.end() || t == owner.end() || f->second != t->second) {
                ++cross_relations;
                continue;
            }
            Json rel = {{"from_id", region_id(*doc.spans().find(r.from))},
                        {"to_id", region_id(*doc.spans().find(r.to))},
                        {"type", "relation"},
                        {"direction", "right"},
                        {"labels", {r.type}}};
            if (f->second == "\x01")
                prediction.push_back(std::move(rel));
            else
                results[f->second].push_back(std::move(rel));
        }
        Json annotations = Json::array();
        for (std::size_t a = 0; a < annotators.size(); ++a) {
            Json ann = {{"id", a + 1}};
            if (!annotators[a].empty()) ann["completed_by"] = {{"email", annotators[a]}};
            ann["result"] = std::move(results[annotators[a]]);
            annotations.push_back(std::move(ann));
        }
        Json task = {
            {"id", i + 1}, {"data", std::move(data)}, {"annotations", std::move(annotations)}};
        if (!prediction.empty())
            task["predictions"] =
                Json::array({Json{{"model_version", "gloss"}, {"result", std::move(prediction)}}});
        tasks.push_back(std::move(task));
    }
    auto note = [&](std::size_t count, const char* what) {
        if (count)
            out.diagnostics.push_back(core::make_diagnostic(
                DiagnosticCode::NotExported, {"labelstudio", what, std::to_string(count)}));
    };
    note(rejected, "rejected spans");
    note(cross_relations, "relations between spans of different annotators");
    note(pending_annotators, "the annotator of pending spans");
    // One task per line keeps large exports diffable and lets tools stream them.
    std::string json = "[\n";
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        json += dump_json(tasks[i]);
        json += i + 1 < tasks.size() ? ",\n" : "\n";
    }
    json += "]\n";
    out.tasks_json = std::move(json);
    out.config_xml = labeling_config(documents, options.schema);
    return out;
}

} // namespace gloss::io
