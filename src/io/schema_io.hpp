// Label schema from JSON bytes (assets/schema/default.json and user schemas). Layer: io.
#pragma once

#include "core/diagnostic.hpp"
#include "core/model/label_schema.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gloss::io {

// Parses a schema; nullopt with diagnostics (JSON position or field path) on error.
std::optional<core::LabelSchema> read_schema(std::string_view bytes, const std::string& source,
                                             core::Diagnostics& diagnostics);
std::string write_schema(const core::LabelSchema& schema);

} // namespace gloss::io
