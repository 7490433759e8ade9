// LabelSchema: the labels annotators apply, their kind, colour, hotkey and attributes, and the
// kinds of relation between spans.
// Layer: core (std only). Built from a Value tree; validation names the bad field by path
// (e.g. "labels[2].hotkey").
#pragma once

#include "core/diagnostic.hpp"
#include "core/model/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::core {

enum class LabelKind : std::uint8_t { Entity, Quote, Error };
enum class AttributeType : std::uint8_t { Enumeration, Text, SpanReference };

std::string_view to_string(LabelKind kind);
std::string_view to_string(AttributeType type);

struct AttributeDef {
    std::string name;
    AttributeType type = AttributeType::Text;
    std::vector<std::string> values;        // Enumeration: the allowed values
    std::vector<std::string> target_labels; // SpanReference: labels it may point at
    std::string description;
};

struct Label {
    std::string name;
    LabelKind kind = LabelKind::Entity;
    std::uint32_t color = 0x4E79A7FF; // RGBA
    char32_t hotkey = 0;              // 0: none; letters are stored lower case
    std::string description;
    std::vector<AttributeDef> attributes;

    const AttributeDef* attribute(std::string_view name) const;
    // Its first attribute of type span (a quote's speaker); nullptr when it has none.
    const AttributeDef* span_reference() const;
};

// A kind of relation between two spans ("located_in": ORG|PERSON -> GPE|LOC), with the labels
// allowed at each end. A span attribute of type span (a QUOTE's speaker) is a relation type too,
// one per span.
struct RelationType {
    std::string name;
    std::vector<std::string> from_labels; // empty: any label
    std::vector<std::string> to_labels;   // empty: any label
    bool one_per_span = false;            // a span starts at most one (a quote's speaker)
    std::string description;

    bool allows_from(std::string_view label) const;
    bool allows_to(std::string_view label) const;
};

class LabelSchema {
public:
    const std::vector<Label>& labels() const { return m_labels; }
    const Label* find(std::string_view name) const;
    const Label* find_by_hotkey(char32_t key) const;
    bool empty() const { return m_labels.empty(); }

    // Relation types declared by "relations" (not those of span attributes).
    const std::vector<RelationType>& declared_relations() const { return m_relations; }
    // Every relation type: one per span attribute (in label order), then those declared.
    std::vector<RelationType> relation_types() const;
    std::optional<RelationType> relation_type(std::string_view name) const;
    // Relation types that may start at a span of `label`.
    std::vector<RelationType> relations_from(std::string_view label) const;
    // Adds a declared relation type; false when its name is taken.
    bool add_relation(RelationType type);
    // Replaces the declared relation types; false (nothing changed, `problem` says why) when a
    // name is used twice or is a span attribute's.
    bool set_relations(std::vector<RelationType> types, std::string& problem);
    // A label renamed in the declared relation types' ends.
    void rename_in_relations(std::string_view from, std::string_view to);
    // A label removed from their ends; a type left with no label at an end it named goes too.
    void remove_from_relations(std::string_view label);

    // Parses {"labels": [{"name", "kind", "color": "#rrggbb", "hotkey", "attributes": [
    // {"name", "type": "enum"|"text"|"span", "values": [...], "targets": [...]}]}],
    // "relations": [{"name", "from": [labels], "to": [labels], "description"}]}.
    // On any error the schema is not built and every problem is reported.
    static std::optional<LabelSchema> from_value(const Value& value, Diagnostics& diagnostics);
    // Labels added directly (for tests and generated schemas); false on a duplicate name.
    bool add(Label label);
    // Replaces the label named `name` in its place; false when there is none, or when the new
    // name is another label's.
    bool replace(std::string_view name, Label label);
    // Removes the label named `name`; false when there is none.
    bool remove(std::string_view name);

private:
    std::vector<Label> m_labels;
    std::vector<RelationType> m_relations;
};

// "#rrggbb" or "#rrggbbaa" -> RGBA; nullopt when malformed.
std::optional<std::uint32_t> parse_color(std::string_view text);
std::string format_color(std::uint32_t rgba); // "#rrggbb" (or "#rrggbbaa" when not opaque)

} // namespace gloss::core
