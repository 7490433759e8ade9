// JSON parsing with positions, and conversion to core::Value. Layer: io.
#include "io/json_value.hpp"

#include "core/text/utf8.hpp"

namespace gloss::io {

void locate(std::string_view text, std::size_t byte_offset, std::uint64_t& line,
            std::uint64_t& column) {
    if (byte_offset > text.size()) byte_offset = text.size();
    line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < byte_offset; ++i)
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    column = core::count_code_points(text.substr(line_start, byte_offset - line_start)) + 1;
}

std::optional<Json> parse_json(std::string_view text, const core::Place& where,
                               core::Diagnostics& diagnostics) {
    std::size_t bad = core::find_invalid_utf8(text);
    if (bad != std::string_view::npos) {
        core::Place place = where;
        std::uint64_t line = 0, column = 0;
        locate(text, bad, line, column);
        place.line = (where.line == core::Place::kUnknown ? 1 : where.line) + line - 1;
        place.column = column;
        diagnostics.push_back(
            make_diagnostic(core::DiagnosticCode::InvalidUtf8, {std::to_string(bad)}, place));
        return std::nullopt;
    }
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        // nlohmann reports the byte after the offending character, 1-based.
        std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        core::Place place = where;
        std::uint64_t line = 0, column = 0;
        locate(text, byte, line, column);
        place.line = (where.line == core::Place::kUnknown ? 1 : where.line) + line - 1;
        place.column = column;
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
        // parsing value - invalid literal; last read: 'tru,'": keep the part after the place.
        if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
        if (what.rfind("syntax error while parsing ", 0) == 0) what = what.substr(27);
        diagnostics.push_back(make_diagnostic(core::DiagnosticCode::JsonSyntax, {what}, place));
        return std::nullopt;
    }
}

core::Value to_value(const Json& json) {
    switch (json.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
        return core::Value{};
    case Json::value_t::boolean:
        return core::Value(json.get<bool>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return core::Value(json.get<double>());
    case Json::value_t::string:
        return core::Value(json.get<std::string>());
    case Json::value_t::binary:
        return core::Value{};
    case Json::value_t::array: {
        core::Value::Array a;
        a.reserve(json.size());
        for (const Json& item : json)
            a.push_back(to_value(item));
        return core::Value(std::move(a));
    }
    case Json::value_t::object: {
        core::Value::Object o;
        o.reserve(json.size());
        for (auto it = json.begin(); it != json.end(); ++it)
            o.emplace_back(it.key(), to_value(it.value()));
        return core::Value(std::move(o));
    }
    }
    return core::Value{};
}

} // namespace gloss::io
