// JSON at the io edge: parsing with positions, and conversion to core::Value.
// Layer: io (core + nlohmann_json). nlohmann exceptions never leave this layer.
#pragma once

#include "core/diagnostic.hpp"
#include "core/model/value.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace gloss::io {

using Json = nlohmann::ordered_json;

// Parses one JSON text. On failure returns nullopt and appends a JsonSyntax diagnostic whose
// place has `line`/`column` (1-based, column in code points) relative to `first_line`.
std::optional<Json> parse_json(std::string_view text, const core::Place& where,
                               core::Diagnostics& diagnostics);

core::Value to_value(const Json& json);

// 1-based line and column (in code points) of byte `byte_offset` within `text`.
void locate(std::string_view text, std::size_t byte_offset, std::uint64_t& line,
            std::uint64_t& column);

} // namespace gloss::io
