// Helpers shared by the format readers and writers. Layer: io.
#include "io/record_reader.hpp"

#include "io/json_cursor.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace gloss::io {

using core::DiagnosticCode;

std::optional<OffsetUnit> parse_offset_unit(std::string_view name) {
    if (name == "codepoint" || name == "code_point" || name == "codepoints" || name == "cp")
        return OffsetUnit::CodePoint;
    if (name == "utf16" || name == "utf-16") return OffsetUnit::Utf16;
    if (name == "utf8" || name == "utf-8" || name == "byte" || name == "bytes")
        return OffsetUnit::Utf8;
    return std::nullopt;
}

std::size_t offset_in(const core::Text& text, OffsetUnit unit, std::size_t cp) {
    switch (unit) {
    case OffsetUnit::CodePoint:
        return std::min(cp, text.size());
    case OffsetUnit::Utf16:
        return text.index().utf16_offset(cp);
    case OffsetUnit::Utf8:
        return text.index().byte_offset(cp);
    }
    return cp;
}

// [SECTION] FieldReader

core::Place FieldReader::place(std::uint64_t offset) const {
    core::Place p = m_where;
    p.offset = offset;
    return p;
}

void FieldReader::report(DiagnosticCode code, std::vector<std::string> args, std::uint64_t offset) {
    m_diagnostics.push_back(core::make_diagnostic(code, std::move(args), place(offset)));
    if (core::diagnostic_severity(code) == core::Severity::Error) m_failed = true;
}

void FieldReader::adopt(core::Diagnostics found) {
    for (core::Diagnostic& d : found) {
        d.place = place(d.place.offset);
        if (d.severity == core::Severity::Error) m_failed = true;
        m_diagnostics.push_back(std::move(d));
    }
}

std::optional<std::uint64_t> FieldReader::uint_field(const Json& object, std::string_view key,
                                                     const std::string& path, bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) report(DiagnosticCode::FieldMissing, {path + std::string(key)});
        return std::nullopt;
    }
    if (it->is_number_unsigned()) return it->get<std::uint64_t>();
    if (it->is_number_integer() && it->get<std::int64_t>() >= 0) return it->get<std::uint64_t>();
    if (it->is_number_float()) {
        double d = it->get<double>();
        if (d >= 0 && std::floor(d) == d && d < 9e15) return static_cast<std::uint64_t>(d);
    }
    report(DiagnosticCode::FieldWrongType, {path + std::string(key), "a non-negative integer"});
    return std::nullopt;
}

std::optional<std::string> FieldReader::string_field(const Json& object, std::string_view key,
                                                     const std::string& path, bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) report(DiagnosticCode::FieldMissing, {path + std::string(key)});
        return std::nullopt;
    }
    if (!it->is_string()) {
        report(DiagnosticCode::FieldWrongType, {path + std::string(key), "a string"});
        return std::nullopt;
    }
    return it->get<std::string>();
}

const Json* FieldReader::array_field(const Json& object, std::string_view key,
                                     const std::string& path, bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) report(DiagnosticCode::FieldMissing, {path + std::string(key)});
        return nullptr;
    }
    if (!it->is_array()) {
        report(DiagnosticCode::FieldWrongType, {path + std::string(key), "an array"});
        return nullptr;
    }
    return &*it;
}

const Json* FieldReader::object_field(const Json& object, std::string_view key,
                                      const std::string& path, bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) report(DiagnosticCode::FieldMissing, {path + std::string(key)});
        return nullptr;
    }
    if (!it->is_object()) {
        report(DiagnosticCode::FieldWrongType, {path + std::string(key), "an object"});
        return nullptr;
    }
    return &*it;
}

std::optional<std::uint32_t> FieldReader::to_code_points(const core::Text& text, OffsetUnit unit,
                                                         std::uint64_t value,
                                                         std::string_view what) {
    const core::OffsetIndex& index = text.index();
    std::optional<std::size_t> cp;
    switch (unit) {
    case OffsetUnit::CodePoint:
        if (value > text.size()) {
            report(DiagnosticCode::EndPastText,
                   {std::to_string(value), std::to_string(text.size())}, value);
            return std::nullopt;
        }
        return static_cast<std::uint32_t>(value);
    case OffsetUnit::Utf16:
        if (value > index.utf16_length()) {
            report(DiagnosticCode::EndPastTextIn,
                   {std::to_string(value), std::to_string(index.utf16_length()) + " UTF-16 units"});
            return std::nullopt;
        }
        cp = index.from_utf16(value);
        break;
    case OffsetUnit::Utf8:
        if (value > index.byte_length()) {
            report(DiagnosticCode::EndPastTextIn,
                   {std::to_string(value), std::to_string(index.byte_length()) + " bytes"});
            return std::nullopt;
        }
        cp = index.from_byte(value);
        break;
    }
    if (!cp) {
        report(DiagnosticCode::OffsetInsideCharacter,
               {std::to_string(value), std::string(what) + " in " + std::string(to_string(unit))});
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(*cp);
}

bool FieldReader::span_range(const core::Text& text, OffsetUnit unit, std::uint64_t start,
                             std::uint64_t end, core::Span& span) {
    if (end < start) {
        report(DiagnosticCode::EndBeforeStart, {std::to_string(start), std::to_string(end)});
        return false;
    }
    auto start_cp = to_code_points(text, unit, start, "start");
    auto end_cp = to_code_points(text, unit, end, "end");
    if (!start_cp || !end_cp) return false;
    if (*start_cp == *end_cp) {
        report(DiagnosticCode::EmptySpan, {std::to_string(*start_cp), std::to_string(*end_cp)},
               *start_cp);
        return false;
    }
    span.start = *start_cp;
    span.end = *end_cp;
    return true;
}

std::vector<RawToken> FieldReader::raw_tokens(const Json& list, const std::string& path) {
    std::vector<RawToken> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& t = list[i];
        std::string name = path + "tokens[" + std::to_string(i) + "]";
        if (!t.is_object()) {
            report(DiagnosticCode::FieldWrongType, {name, "an object"});
            continue;
        }
        auto start = uint_field(t, "start", name + ".");
        auto end = uint_field(t, "end", name + ".");
        if (start && end) out.push_back({i, *start, *end});
    }
    return out;
}

bool FieldReader::tokens(const core::Text& text, OffsetUnit unit, const std::vector<RawToken>& raw,
                         const std::string& path, std::vector<core::Token>& out) {
    const core::OffsetIndex& index = text.index();
    std::uint64_t length = text.size();
    std::string length_text = " code points";
    if (unit == OffsetUnit::Utf16) {
        length = index.utf16_length();
        length_text = " UTF-16 units";
    } else if (unit == OffsetUnit::Utf8) {
        length = index.byte_length();
        length_text = " bytes";
    }
    length_text = std::to_string(length) + length_text;
    bool ok = true;
    const RawToken* previous = nullptr;
    std::uint32_t previous_end = 0;
    for (const RawToken& t : raw) {
        std::string name = path + "tokens[" + std::to_string(t.index) + "]";
        auto bad = [&](std::string why) {
            report(DiagnosticCode::BadToken,
                   {name, std::to_string(t.start), std::to_string(t.end), std::move(why)});
            ok = false;
        };
        if (t.end < t.start) {
            bad("ends before it starts");
            continue;
        }
        if (t.end == t.start) {
            bad("is empty");
            continue;
        }
        if (t.end > length) {
            bad("ends past the end of the text (" + length_text + ")");
            continue;
        }
        auto start_cp = to_code_points(text, unit, t.start, name + ".start");
        auto end_cp = to_code_points(text, unit, t.end, name + ".end");
        if (!start_cp || !end_cp) {
            ok = false;
            continue;
        }
        if (previous && *start_cp < previous_end) {
            bad("starts before " + path + "tokens[" + std::to_string(previous->index) + "] ends (" +
                std::to_string(previous->end) + ")");
            continue;
        }
        out.push_back({*start_cp, *end_cp});
        previous = &t;
        previous_end = *end_cp;
    }
    return ok;
}

bool FieldReader::check_text(const core::Text& text, const core::Span& span,
                             std::string_view expected) {
    std::string_view actual = text.slice(span.start, span.end);
    if (actual == expected) return true;
    report(DiagnosticCode::SpanTextMismatch,
           {std::to_string(span.start), std::to_string(span.end), std::string(expected),
            std::string(actual)},
           span.start);
    return false;
}

bool FieldReader::check_label(const core::LabelSchema* schema, const std::string& label,
                              std::uint64_t offset) {
    if (!schema || schema->find(label)) return true;
    report(DiagnosticCode::UnknownLabel, {label}, offset);
    return false;
}

void FieldReader::load(core::Document& document, std::vector<core::Span> spans,
                       std::vector<core::Relation> relations) {
    adopt(document.load(std::move(spans), std::move(relations)));
}

std::optional<IdRef> FieldReader::id_field(const Json& object, std::string_view key,
                                           const std::string& path, bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (!required) return IdRef{};
        report(DiagnosticCode::FieldMissing, {path + std::string(key)});
        return std::nullopt;
    }
    if (it->is_string() && !it->get_ref<const std::string&>().empty())
        return IdRef{0, it->get<std::string>()};
    if (it->is_number_unsigned() || (it->is_number_integer() && it->get<std::int64_t>() >= 0))
        return IdRef{it->get<std::uint64_t>(), {}};
    report(DiagnosticCode::FieldWrongType,
           {path + std::string(key), "a non-negative integer or a non-empty string"});
    return std::nullopt;
}

void FieldReader::load_named(core::Document& document, std::vector<core::Span> spans,
                             std::vector<NamedRelation> relations) {
    core::SpanId next = 1;
    for (const core::Span& s : spans)
        next = std::max({next, s.id + 1, core::trailing_number(s.string_id) + 1});
    std::unordered_map<std::string_view, core::SpanId> by_name;
    std::unordered_set<core::SpanId> numbered;
    for (core::Span& s : spans) {
        if (s.string_id.empty()) {
            numbered.insert(s.id);
            continue;
        }
        s.id = next++;
        if (!by_name.emplace(s.string_id, s.id).second)
            report(DiagnosticCode::DuplicateSpanId, {s.string_id});
    }
    std::vector<core::Relation> linked;
    linked.reserve(relations.size());
    for (NamedRelation& r : relations) {
        core::Relation& rel = r.relation;
        auto find = [&](const IdRef& end) -> std::optional<core::SpanId> {
            if (!end.name.empty()) {
                auto it = by_name.find(end.name);
                if (it != by_name.end()) return it->second;
            } else if (numbered.contains(end.number)) {
                return end.number;
            }
            std::string own = !rel.string_id.empty() ? rel.string_id : std::to_string(rel.id);
            report(DiagnosticCode::DanglingRelation,
                   {own, end.name.empty() ? std::to_string(end.number) : end.name});
            return std::nullopt;
        };
        auto from = find(r.from);
        auto to = find(r.to);
        if (!from || !to) continue;
        rel.from = *from;
        rel.to = *to;
        linked.push_back(std::move(rel));
    }
    load(document, std::move(spans), std::move(linked));
}

// [SECTION] Lines and JSON arrays

std::vector<Line> split_lines(std::string_view bytes) {
    std::vector<Line> lines;
    std::size_t pos = 0;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
    std::uint64_t number = 0;
    while (pos < bytes.size()) {
        std::size_t nl = bytes.find('\n', pos);
        std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
        std::string_view line = bytes.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back({line, ++number, pos});
        pos = end + 1;
    }
    return lines;
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

namespace {

void push_syntax(std::string_view bytes, std::size_t byte, const std::string& source,
                 const std::string& what, core::Diagnostics& diagnostics) {
    core::Place place;
    place.source = source;
    locate(bytes, byte, place.line, place.column);
    diagnostics.push_back(core::make_diagnostic(DiagnosticCode::JsonSyntax, {what}, place));
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

std::optional<std::vector<JsonElement>> split_json_array(std::string_view bytes,
                                                         const std::string& source,
                                                         core::Diagnostics& diagnostics) {
    std::size_t pos = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (pos < bytes.size() && is_space(bytes[pos]))
        ++pos;
    if (pos >= bytes.size() || bytes[pos] != '[') {
        push_syntax(bytes, pos, source, "expected a JSON array of tasks ('[')", diagnostics);
        return std::nullopt;
    }
    std::vector<JsonElement> out;
    std::uint64_t line = 1;
    for (std::size_t i = 0; i < pos; ++i)
        if (bytes[i] == '\n') ++line;
    ++pos;
    int depth = 0;
    bool in_string = false;
    std::size_t start = std::string_view::npos;
    std::uint64_t start_line = line;
    for (; pos < bytes.size(); ++pos) {
        char c = bytes[pos];
        if (c == '\n') ++line;
        if (in_string) {
            if (c == '\\')
                ++pos; // an escaped character never closes the string
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (start == std::string_view::npos && !is_space(c) && c != ',' && c != ']') {
            start = pos;
            start_line = line;
        }
        if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{')
            ++depth;
        else if ((c == ']' || c == '}') && depth > 0)
            --depth;
        else if (depth == 0 && (c == ',' || c == ']')) {
            if (start != std::string_view::npos) {
                std::string_view element = bytes.substr(start, pos - start);
                while (!element.empty() && is_space(element.back()))
                    element.remove_suffix(1);
                out.push_back({element, start_line});
                start = std::string_view::npos;
            } else if (c == ',') {
                push_syntax(bytes, pos, source, "unexpected ',' in the array", diagnostics);
                return std::nullopt;
            }
            if (c == ']') {
                std::size_t rest = pos + 1;
                while (rest < bytes.size() && is_space(bytes[rest]))
                    ++rest;
                if (rest < bytes.size()) {
                    push_syntax(bytes, rest, source, "unexpected text after the array",
                                diagnostics);
                    return std::nullopt;
                }
                return out;
            }
        }
    }
    push_syntax(bytes, bytes.size(), source, "unexpected end of input; expected ']'", diagnostics);
    return std::nullopt;
}

std::optional<Json> parse_element(const JsonElement& element, const std::string& source,
                                  core::Diagnostics& diagnostics) {
    core::Place where;
    where.source = source;
    where.line = element.line;
    return parse_json(element.text, where, diagnostics);
}

std::string dump_json(const Json& json, int indent) {
    return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// [SECTION] Small helpers

Json id_json(std::uint64_t number, const std::string& name) {
    return name.empty() ? Json(number) : Json(name);
}

void append_json_id(std::string& out, std::uint64_t number, const std::string& name) {
    if (name.empty())
        append_json_uint(out, number);
    else
        append_json_string(out, name);
}

Json span_id_json(const core::Document& document, core::SpanId id) {
    const core::Span* s = document.spans().find(id);
    return s ? id_json(s->id, s->string_id) : Json(id);
}

void append_span_id(std::string& out, const core::Document& document, core::SpanId id) {
    const core::Span* s = document.spans().find(id);
    append_json_id(out, id, s ? s->string_id : std::string());
}

std::vector<core::Span> spans_of(const core::Document& document) {
    std::vector<core::Span> out;
    out.reserve(document.spans().size());
    document.spans().for_each([&](const core::Span& s) { out.push_back(s); });
    return out;
}

core::LabelKind kind_of(const core::LabelSchema* schema, std::string_view label) {
    if (schema)
        if (const core::Label* l = schema->find(label)) return l->kind;
    if (label == "QUOTE") return core::LabelKind::Quote;
    if (label == "ERROR" || label.substr(0, 3) == "ERR") return core::LabelKind::Error;
    return core::LabelKind::Entity;
}

std::string base_name(std::string_view name) {
    std::size_t slash = name.find_last_of("/\\");
    return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

std::string stem_of(std::string_view name) {
    std::string base = base_name(name);
    std::size_t dot = base.find_last_of('.');
    return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

std::string file_safe(std::string_view id) {
    std::string out;
    for (char c : id) {
        auto u = static_cast<unsigned char>(c);
        if (c == '/' || c == '\\' || c == ':' || u < 0x20 || c == 0x7F)
            out += '_';
        else
            out += c;
    }
    while (!out.empty() && out.front() == '.')
        out.erase(out.begin());
    if (out.empty()) out = "document";
    return out;
}

void append(ImportResult& all, ImportResult one) {
    for (core::Document& d : one.documents)
        all.documents.push_back(std::move(d));
    all.diagnostics.insert(all.diagnostics.end(), std::make_move_iterator(one.diagnostics.begin()),
                           std::make_move_iterator(one.diagnostics.end()));
    all.skipped_records += one.skipped_records;
}

std::string escape_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string unescape_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        char c = text[++i];
        if (c == 'n')
            out += '\n';
        else if (c == 't')
            out += '\t';
        else if (c == 'r')
            out += '\r';
        else if (c == '\\')
            out += '\\';
        else {
            out += '\\';
            out += c;
        }
    }
    return out;
}

} // namespace gloss::io
