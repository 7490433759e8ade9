// What every importer returns: the documents it read and everything it noticed. Layer: io.
#pragma once

#include "core/diagnostic.hpp"
#include "core/model/document.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gloss::io {

enum class OffsetUnit : std::uint8_t { CodePoint, Utf16, Utf8 };
std::string_view to_string(OffsetUnit unit);

struct ImportResult {
    std::vector<core::Document> documents;
    core::Diagnostics diagnostics;
    std::size_t skipped_records = 0; // records dropped because of errors
    bool ok() const { return !core::has_errors(diagnostics); }
};

} // namespace gloss::io
