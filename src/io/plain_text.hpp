// Plain text: one .txt file is one document, no spans. Layer: io.
#pragma once

#include "io/import_result.hpp"

#include <string>
#include <string_view>

namespace gloss::io {

// Reads UTF-8 text (a BOM is dropped, CRLF kept as is). Invalid UTF-8 is refused with its
// byte position. `id` names the document (usually the file name without extension).
ImportResult read_plain_text(std::string_view bytes, const std::string& id,
                             const std::string& source);

} // namespace gloss::io
