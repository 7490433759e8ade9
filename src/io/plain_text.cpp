// Plain text reader. Layer: io.
#include "io/plain_text.hpp"

#include "core/text/utf8.hpp"
#include "io/json_value.hpp"

namespace gloss::io {

ImportResult read_plain_text(std::string_view bytes, const std::string& id,
                             const std::string& source) {
    ImportResult result;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    std::size_t bad = core::find_invalid_utf8(bytes);
    if (bad != std::string_view::npos) {
        core::Place place;
        place.source = source;
        locate(bytes, bad, place.line, place.column);
        result.diagnostics.push_back(
            core::make_diagnostic(core::DiagnosticCode::InvalidUtf8, {std::to_string(bad)}, place));
        result.skipped_records = 1;
        return result;
    }
    result.documents.emplace_back(id, core::Text(std::string(bytes)));
    return result;
}

} // namespace gloss::io
