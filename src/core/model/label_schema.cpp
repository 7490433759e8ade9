// LabelSchema parsing and validation. Layer: core.
#include "core/model/label_schema.hpp"

#include <algorithm>

#include "core/text/utf8.hpp"

#include <cstdio>

namespace gloss::core {

std::string_view to_string(LabelKind kind) {
    switch (kind) {
    case LabelKind::Entity:
        return "entity";
    case LabelKind::Quote:
        return "quote";
    case LabelKind::Error:
        return "error";
    }
    return "entity";
}

std::string_view to_string(AttributeType type) {
    switch (type) {
    case AttributeType::Enumeration:
        return "enum";
    case AttributeType::Text:
        return "text";
    case AttributeType::SpanReference:
        return "span";
    }
    return "text";
}

const AttributeDef* Label::attribute(std::string_view n) const {
    for (const AttributeDef& a : attributes)
        if (a.name == n) return &a;
    return nullptr;
}

const AttributeDef* Label::span_reference() const {
    for (const AttributeDef& a : attributes)
        if (a.type == AttributeType::SpanReference) return &a;
    return nullptr;
}

const Label* LabelSchema::find(std::string_view name) const {
    for (const Label& l : m_labels)
        if (l.name == name) return &l;
    return nullptr;
}

const Label* LabelSchema::find_by_hotkey(char32_t key) const {
    if (key >= 'A' && key <= 'Z') key = key - 'A' + 'a';
    for (const Label& l : m_labels)
        if (l.hotkey != 0 && l.hotkey == key) return &l;
    return nullptr;
}

bool RelationType::allows_from(std::string_view label) const {
    return from_labels.empty() ||
           std::find(from_labels.begin(), from_labels.end(), label) != from_labels.end();
}

bool RelationType::allows_to(std::string_view label) const {
    return to_labels.empty() ||
           std::find(to_labels.begin(), to_labels.end(), label) != to_labels.end();
}

std::vector<RelationType> LabelSchema::relation_types() const {
    std::vector<RelationType> out;
    for (const Label& l : m_labels)
        for (const AttributeDef& a : l.attributes) {
            if (a.type != AttributeType::SpanReference) continue;
            auto same = std::find_if(out.begin(), out.end(),
                                     [&](const RelationType& t) { return t.name == a.name; });
            if (same != out.end()) {
                same->from_labels.push_back(l.name);
                continue;
            }
            out.push_back({a.name, {l.name}, a.target_labels, true, a.description});
        }
    for (const RelationType& t : m_relations)
        if (std::none_of(out.begin(), out.end(),
                         [&](const RelationType& o) { return o.name == t.name; }))
            out.push_back(t);
    return out;
}

std::optional<RelationType> LabelSchema::relation_type(std::string_view name) const {
    for (RelationType& t : relation_types())
        if (t.name == name) return std::move(t);
    return std::nullopt;
}

std::vector<RelationType> LabelSchema::relations_from(std::string_view label) const {
    std::vector<RelationType> out;
    for (RelationType& t : relation_types())
        if (t.allows_from(label)) out.push_back(std::move(t));
    return out;
}

bool LabelSchema::add_relation(RelationType type) {
    for (const RelationType& t : relation_types())
        if (t.name == type.name) return false;
    m_relations.push_back(std::move(type));
    return true;
}

bool LabelSchema::set_relations(std::vector<RelationType> types, std::string& problem) {
    std::vector<RelationType> before = std::move(m_relations);
    m_relations.clear();
    for (RelationType& t : types) {
        std::string name = t.name;
        if (!add_relation(std::move(t))) {
            problem = name + " is named twice (or is a span attribute's name)";
            m_relations = std::move(before);
            return false;
        }
    }
    return true;
}

void LabelSchema::rename_in_relations(std::string_view from, std::string_view to) {
    for (RelationType& t : m_relations)
        for (std::vector<std::string>* ends : {&t.from_labels, &t.to_labels})
            std::replace(ends->begin(), ends->end(), std::string(from), std::string(to));
}

void LabelSchema::remove_from_relations(std::string_view label) {
    std::erase_if(m_relations, [&](RelationType& t) {
        bool emptied = false;
        for (std::vector<std::string>* ends : {&t.from_labels, &t.to_labels})
            if (std::erase(*ends, std::string(label)) && ends->empty()) emptied = true;
        return emptied;
    });
}

bool LabelSchema::add(Label label) {
    if (find(label.name)) return false;
    m_labels.push_back(std::move(label));
    return true;
}

bool LabelSchema::replace(std::string_view name, Label label) {
    auto it = std::find_if(m_labels.begin(), m_labels.end(),
                           [&](const Label& l) { return l.name == name; });
    if (it == m_labels.end()) return false;
    if (label.name != name && find(label.name)) return false;
    *it = std::move(label);
    return true;
}

bool LabelSchema::remove(std::string_view name) {
    auto it = std::find_if(m_labels.begin(), m_labels.end(),
                           [&](const Label& l) { return l.name == name; });
    if (it == m_labels.end()) return false;
    m_labels.erase(it);
    return true;
}

std::optional<std::uint32_t> parse_color(std::string_view text) {
    if (text.size() != 7 && text.size() != 9) return std::nullopt;
    if (text[0] != '#') return std::nullopt;
    std::uint32_t v = 0;
    for (std::size_t i = 1; i < text.size(); ++i) {
        char c = text[i];
        std::uint32_t d;
        if (c >= '0' && c <= '9')
            d = static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = static_cast<std::uint32_t>(c - 'A' + 10);
        else
            return std::nullopt;
        v = (v << 4) | d;
    }
    if (text.size() == 7) v = (v << 8) | 0xFF;
    return v;
}

std::string format_color(std::uint32_t rgba) {
    char buf[16];
    if ((rgba & 0xFF) == 0xFF)
        std::snprintf(buf, sizeof buf, "#%06x", static_cast<unsigned>(rgba >> 8));
    else
        std::snprintf(buf, sizeof buf, "#%08x", static_cast<unsigned>(rgba));
    return buf;
}

namespace {

struct Reader {
    Diagnostics& diagnostics;

    void invalid(const std::string& path, const std::string& what) {
        diagnostics.push_back(make_diagnostic(DiagnosticCode::SchemaInvalid, {path, what}));
    }
    void wrong_type(const std::string& path, const std::string& expected) {
        diagnostics.push_back(make_diagnostic(DiagnosticCode::SchemaWrongType, {path, expected}));
    }
    // A string member; nullopt (and a diagnostic when required or mistyped) otherwise.
    std::optional<std::string> string_field(const Value& obj, const std::string& path,
                                            std::string_view key, bool required) {
        const Value* v = obj.find(key);
        std::string p = path + "." + std::string(key);
        if (!v || v->is_null()) {
            if (required) invalid(p, "missing");
            return std::nullopt;
        }
        if (!v->is_string()) {
            wrong_type(p, "a string");
            return std::nullopt;
        }
        return v->as_string();
    }
    std::vector<std::string> string_list(const Value& obj, const std::string& path,
                                         std::string_view key) {
        std::vector<std::string> out;
        const Value* v = obj.find(key);
        std::string p = path + "." + std::string(key);
        if (!v || v->is_null()) return out;
        if (!v->is_array()) {
            wrong_type(p, "an array of strings");
            return out;
        }
        for (std::size_t i = 0; i < v->as_array().size(); ++i) {
            const Value& item = v->as_array()[i];
            if (!item.is_string())
                wrong_type(p + "[" + std::to_string(i) + "]", "a string");
            else
                out.push_back(item.as_string());
        }
        return out;
    }
};

} // namespace

std::optional<LabelSchema> LabelSchema::from_value(const Value& value, Diagnostics& diagnostics) {
    std::size_t errors_before = diagnostics.size();
    Reader r{diagnostics};
    LabelSchema schema;
    if (!value.is_object()) {
        r.wrong_type("(root)", "an object");
        return std::nullopt;
    }
    const Value* labels = value.find("labels");
    if (!labels) {
        r.invalid("labels", "missing");
        return std::nullopt;
    }
    if (!labels->is_array()) {
        r.wrong_type("labels", "an array");
        return std::nullopt;
    }
    for (std::size_t i = 0; i < labels->as_array().size(); ++i) {
        const Value& item = labels->as_array()[i];
        std::string path = "labels[" + std::to_string(i) + "]";
        if (!item.is_object()) {
            r.wrong_type(path, "an object");
            continue;
        }
        Label label;
        if (auto name = r.string_field(item, path, "name", true)) {
            if (name->empty())
                r.invalid(path + ".name", "empty");
            else if (schema.find(*name))
                r.invalid(path + ".name", "\"" + *name + "\" is used twice");
            label.name = *name;
        }
        if (auto kind = r.string_field(item, path, "kind", false)) {
            if (*kind == "entity")
                label.kind = LabelKind::Entity;
            else if (*kind == "quote")
                label.kind = LabelKind::Quote;
            else if (*kind == "error")
                label.kind = LabelKind::Error;
            else
                r.invalid(path + ".kind", "\"" + *kind + "\" is not entity, quote or error");
        }
        if (auto color = r.string_field(item, path, "color", false)) {
            if (auto c = parse_color(*color))
                label.color = *c;
            else
                r.invalid(path + ".color", "\"" + *color + "\" is not #rrggbb");
        }
        if (auto hotkey = r.string_field(item, path, "hotkey", false)) {
            std::u32string cps = to_utf32(*hotkey);
            if (cps.size() != 1) {
                r.invalid(path + ".hotkey", "\"" + *hotkey + "\" is not a single character");
            } else {
                char32_t k = cps[0];
                if (k >= 'A' && k <= 'Z') k = k - 'A' + 'a';
                if (const Label* other = schema.find_by_hotkey(k))
                    r.invalid(path + ".hotkey",
                              "\"" + *hotkey + "\" is already used by " + other->name);
                label.hotkey = k;
            }
        }
        if (auto description = r.string_field(item, path, "description", false))
            label.description = *description;
        if (const Value* attrs = item.find("attributes"); attrs && !attrs->is_null()) {
            if (!attrs->is_array()) {
                r.wrong_type(path + ".attributes", "an array");
            } else {
                for (std::size_t j = 0; j < attrs->as_array().size(); ++j) {
                    const Value& a = attrs->as_array()[j];
                    std::string apath = path + ".attributes[" + std::to_string(j) + "]";
                    if (!a.is_object()) {
                        r.wrong_type(apath, "an object");
                        continue;
                    }
                    AttributeDef def;
                    if (auto name = r.string_field(a, apath, "name", true)) def.name = *name;
                    if (auto type = r.string_field(a, apath, "type", true)) {
                        if (*type == "enum")
                            def.type = AttributeType::Enumeration;
                        else if (*type == "text")
                            def.type = AttributeType::Text;
                        else if (*type == "span")
                            def.type = AttributeType::SpanReference;
                        else
                            r.invalid(apath + ".type",
                                      "\"" + *type + "\" is not enum, text or span");
                    }
                    def.values = r.string_list(a, apath, "values");
                    def.target_labels = r.string_list(a, apath, "targets");
                    if (auto d = r.string_field(a, apath, "description", false))
                        def.description = *d;
                    if (def.type == AttributeType::Enumeration && def.values.empty())
                        r.invalid(apath + ".values", "an enum attribute needs at least one value");
                    label.attributes.push_back(std::move(def));
                }
            }
        }
        schema.m_labels.push_back(std::move(label));
    }
    // Relation types: a name of their own (not a span attribute's), labels of the schema at
    // their ends.
    if (const Value* relations = value.find("relations"); relations && !relations->is_null()) {
        if (!relations->is_array()) {
            r.wrong_type("relations", "an array");
        } else {
            for (std::size_t i = 0; i < relations->as_array().size(); ++i) {
                const Value& item = relations->as_array()[i];
                std::string path = "relations[" + std::to_string(i) + "]";
                if (!item.is_object()) {
                    r.wrong_type(path, "an object");
                    continue;
                }
                RelationType type;
                if (auto name = r.string_field(item, path, "name", true)) type.name = *name;
                if (type.name.empty() && item.find("name")) r.invalid(path + ".name", "empty");
                type.from_labels = r.string_list(item, path, "from");
                type.to_labels = r.string_list(item, path, "to");
                if (auto d = r.string_field(item, path, "description", false))
                    type.description = *d;
                for (const char* end : {"from", "to"})
                    for (const std::string& l :
                         std::string_view(end) == "from" ? type.from_labels : type.to_labels)
                        if (!schema.find(l))
                            r.invalid(path + "." + end, "unknown label \"" + l + "\"");
                if (!type.name.empty() && !schema.add_relation(type))
                    r.invalid(path + ".name", "\"" + type.name +
                                                  "\" is used twice (a span attribute or "
                                                  "another relation)");
            }
        }
    }
    // Span references must name labels of the schema.
    for (std::size_t i = 0; i < schema.m_labels.size(); ++i)
        for (std::size_t j = 0; j < schema.m_labels[i].attributes.size(); ++j)
            for (const std::string& t : schema.m_labels[i].attributes[j].target_labels)
                if (!schema.find(t))
                    r.invalid("labels[" + std::to_string(i) + "].attributes[" + std::to_string(j) +
                                  "].targets",
                              "unknown label \"" + t + "\"");
    if (has_errors(Diagnostics(diagnostics.begin() + static_cast<std::ptrdiff_t>(errors_before),
                               diagnostics.end())))
        return std::nullopt;
    return schema;
}

} // namespace gloss::core
