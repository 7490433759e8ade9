// Diagnostics: the message table and formatting. Layer: core.
#include "core/diagnostic.hpp"

#include <algorithm>

namespace gloss::core {
namespace {

struct Entry {
    std::string_view name;
    Severity severity;
    std::string_view text;
};

constexpr Entry s_entries[] = {
#define GLOSS_DIAGNOSTIC_ENTRY(code, severity, text) {#code, Severity::severity, text},
    GLOSS_DIAGNOSTICS(GLOSS_DIAGNOSTIC_ENTRY)
#undef GLOSS_DIAGNOSTIC_ENTRY
};

const Entry& entry(DiagnosticCode code) {
    auto index = static_cast<std::size_t>(code);
    if (index >= std::size(s_entries)) index = static_cast<std::size_t>(DiagnosticCode::Other);
    return s_entries[index];
}

} // namespace

std::string_view diagnostic_name(DiagnosticCode code) {
    return entry(code).name;
}
std::string_view diagnostic_template(DiagnosticCode code) {
    return entry(code).text;
}
Severity diagnostic_severity(DiagnosticCode code) {
    return entry(code).severity;
}

Diagnostic make_diagnostic(DiagnosticCode code, std::vector<std::string> args, Place place) {
    Diagnostic d;
    d.code = code;
    d.severity = diagnostic_severity(code);
    d.place = std::move(place);
    std::string_view t = diagnostic_template(code);
    std::string out;
    out.reserve(t.size() + 16);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '{' && i + 2 < t.size() && t[i + 2] == '}' && t[i + 1] >= '0' &&
            t[i + 1] <= '9') {
            auto n = static_cast<std::size_t>(t[i + 1] - '0');
            if (n < args.size()) out += args[n];
            i += 2;
        } else {
            out += t[i];
        }
    }
    d.message = std::move(out);
    return d;
}

std::string Diagnostic::to_string() const {
    std::string out;
    if (!place.source.empty()) out += place.source + ":";
    if (place.line != Place::kUnknown) {
        out += std::to_string(place.line) + ":";
        if (place.column != Place::kUnknown) out += std::to_string(place.column) + ":";
    } else if (place.offset != Place::kUnknown) {
        out += "offset " + std::to_string(place.offset) + ":";
    }
    if (!out.empty()) out += " ";
    out += message;
    return out;
}

bool has_errors(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::string summarize_errors(const Diagnostics& diagnostics, std::size_t shown) {
    std::string out;
    std::size_t listed = 0, errors = 0;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity != Severity::Error) continue;
        ++errors;
        if (listed == shown) continue;
        if (!out.empty()) out += "\n";
        out += d.to_string();
        ++listed;
    }
    if (errors > listed) out += "\n… and " + std::to_string(errors - listed) + " more";
    return out;
}

} // namespace gloss::core
