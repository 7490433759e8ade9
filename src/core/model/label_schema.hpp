// LabelSchema: the labels annotators apply, their kind, colour, hotkey and attributes.
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
};

class LabelSchema {
public:
    const std::vector<Label>& labels() const { return m_labels; }
    const Label* find(std::string_view name) const;
    const Label* find_by_hotkey(char32_t key) const;
    bool empty() const { return m_labels.empty(); }

    // Parses {"labels": [{"name", "kind", "color": "#rrggbb", "hotkey", "attributes": [
    // {"name", "type": "enum"|"text"|"span", "values": [...], "targets": [...]}]}]}.
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
};

// "#rrggbb" or "#rrggbbaa" -> RGBA; nullopt when malformed.
std::optional<std::uint32_t> parse_color(std::string_view text);
std::string format_color(std::uint32_t rgba); // "#rrggbb" (or "#rrggbbaa" when not opaque)

} // namespace gloss::core
