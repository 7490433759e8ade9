// Telling a file's format from its first record as well as its name. Layer: io.
#include "io/format.hpp"

#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include <algorithm>
#include <set>

namespace gloss::io {
namespace {

std::string_view without_bom(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return bytes;
}

// Up to `limit` records of a JSON lines file (blank lines skipped, unparsable ones stop).
std::vector<Json> first_lines(std::string_view bytes, std::size_t limit) {
    std::vector<Json> out;
    for (const Line& line : split_lines(bytes)) {
        if (out.size() >= limit) break;
        if (is_blank(line.text)) continue;
        Json j = Json::parse(line.text.begin(), line.text.end(), nullptr, false);
        if (j.is_discarded()) break;
        out.push_back(std::move(j));
    }
    return out;
}

// The first record of a file: its first line, or the first element of a JSON array, or the
// whole file when it is one (pretty-printed) object.
std::optional<Json> first_record(std::string_view bytes, bool& is_array) {
    bytes = without_bom(bytes);
    std::size_t first = bytes.find_first_not_of(" \t\r\n");
    is_array = false;
    if (first == std::string_view::npos) return std::nullopt;
    if (bytes[first] == '[') {
        is_array = true;
        core::Diagnostics ignored;
        auto elements = split_json_array(bytes, "", ignored);
        if (!elements || elements->empty()) return std::nullopt;
        Json j =
            Json::parse((*elements)[0].text.begin(), (*elements)[0].text.end(), nullptr, false);
        if (j.is_discarded()) return std::nullopt;
        return j;
    }
    if (auto lines = first_lines(bytes, 1); !lines.empty()) return std::move(lines[0]);
    Json whole = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (whole.is_discarded()) return std::nullopt;
    return whole;
}

bool first_is(const Json& o, const char* key, bool (*test)(const Json&)) {
    auto it = o.find(key);
    return it != o.end() && it->is_array() && !it->empty() && test(it->front());
}

bool has_key(const Json& o, const char* key) {
    return o.contains(key);
}

struct Fit {
    std::string_view format;
    std::string reason;
};

std::vector<Fit> fits(const Json& o, bool in_array) {
    std::vector<Fit> out;
    if (!o.is_object()) return out;
    if (in_array) {
        if (o.contains("data") && o["data"].is_object())
            out.push_back({"labelstudio", "tasks with \"data\""});
        return out;
    }
    if (has_key(o, "format") && has_key(o, "documents")) {
        out.push_back({"project", "\"format\" and \"documents\""});
        return out;
    }
    if (has_key(o, "data") && (has_key(o, "annotations") || has_key(o, "predictions"))) {
        out.push_back({"labelstudio", "\"data\" and \"annotations\""});
        return out;
    }
    bool prodigy =
        first_is(o, "spans",
                 [](const Json& s) { return s.is_object() && s.contains("token_start"); }) ||
        has_key(o, "_task_hash") || has_key(o, "_input_hash");
    if (prodigy) out.push_back({"prodigy", "spans with \"token_start\""});
    bool gloss =
        !prodigy && (first_is(o, "spans",
                              [](const Json& s) {
                                  return s.is_object() && s.contains("start") && s.contains("end");
                              }) ||
                     has_key(o, "offset_unit"));
    if (gloss) out.push_back({"jsonl", "\"spans\""});
    if (first_is(o, "label", [](const Json& l) { return l.is_array(); }))
        out.push_back({"doccano", "\"label\" as [start, end, LABEL] lists"});
    else if (first_is(o, "entities",
                      [](const Json& e) { return e.is_object() && e.contains("start_offset"); }))
        out.push_back({"doccano-rel", "\"entities\" with \"start_offset\""});
    if (has_key(o, "source") && !has_key(o, "text"))
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.key().size() > 9 && it.key().ends_with("-metadata")) {
                out.push_back({"sagemaker", "\"source\" and \"" + it.key() + "\""});
                break;
            }
    return out;
}

} // namespace

DetectedFormat detect_format(std::string_view file_name, std::string_view bytes) {
    DetectedFormat out;
    const Format* by_name = format_for_file(file_name);
    const Format* jsonl = find_format("jsonl");
    bool generic = !by_name || by_name == jsonl;
    if (!generic) {
        out.format = by_name;
        out.reason = "its name";
        return out;
    }
    bool in_array = false;
    std::optional<Json> record = first_record(bytes, in_array);
    std::vector<Fit> found = record ? fits(*record, in_array) : std::vector<Fit>{};
    if (found.size() == 1) {
        out.format = find_format(found[0].format);
        out.reason = "its first record has " + found[0].reason;
    } else if (found.size() > 1) {
        for (const Fit& f : found)
            out.candidates.push_back(find_format(f.format));
        out.reason = "its first record has " + found[0].reason + " and " + found[1].reason;
    } else if (by_name || (record && record->is_object() && !in_array)) {
        out.format = jsonl; // a text alone (or nothing recognised): Gloss JSONL
        out.reason = by_name ? "its name" : "its records are JSON objects";
    }
    return out;
}

std::vector<std::string> unread_annotation_members(const Format& format, std::string_view bytes) {
    static const std::set<std::string, std::less<>> kJsonl = {
        "id", "text", "meta", "offset_unit", "tokens", "spans", "relations"};
    static const std::set<std::string, std::less<>> kDoccano = {"id", "text", "label", "entities",
                                                                "relations"};
    static const std::set<std::string, std::less<>> kProdigy = {
        "text", "tokens", "spans", "relations", "meta", "answer", "options", "accept"};
    const std::set<std::string, std::less<>>* known = nullptr;
    if (format.name == "jsonl")
        known = &kJsonl;
    else if (format.name == "doccano" || format.name == "doccano-rel")
        known = &kDoccano;
    else if (format.name == "prodigy")
        known = &kProdigy;
    if (!known) return {};
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const Json& record : first_lines(without_bom(bytes), 20)) {
        if (!record.is_object()) continue;
        for (auto it = record.begin(); it != record.end(); ++it) {
            const std::string& key = it.key();
            if (known->count(key) || key.starts_with('_') || seen.count(key)) continue;
            const Json& v = it.value();
            if (!(v.is_array() || v.is_object()) || v.empty()) continue;
            seen.insert(key);
            out.push_back("\"" + key + "\" (" + (v.is_array() ? "a list" : "an object") + " of " +
                          std::to_string(v.size()) + ")");
        }
    }
    return out;
}

} // namespace gloss::io
