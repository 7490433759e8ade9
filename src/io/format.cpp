// Format registry. Layer: io. Each format registers its reader and writer here.
#include "io/format.hpp"

#include "io/gloss_jsonl.hpp"
#include "io/plain_text.hpp"

#include <algorithm>

namespace gloss::io {
namespace {

std::string stem_of(const std::string& name) {
    std::size_t slash = name.find_last_of("/\\");
    std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
    std::size_t dot = base.find_last_of('.');
    return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

ImportResult read_txt(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        std::string source = f.name.empty() ? options.source : f.name;
        ImportResult one = read_plain_text(f.bytes, stem_of(source.empty() ? "text" : source), source);
        for (auto& d : one.documents) all.documents.push_back(std::move(d));
        all.diagnostics.insert(all.diagnostics.end(), one.diagnostics.begin(), one.diagnostics.end());
        all.skipped_records += one.skipped_records;
    }
    return all;
}

ImportResult read_jsonl(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        JsonlReadOptions o;
        o.source = f.name.empty() ? options.source : f.name;
        o.schema = options.schema;
        ImportResult one = read_gloss_jsonl(f.bytes, o);
        for (auto& d : one.documents) all.documents.push_back(std::move(d));
        all.diagnostics.insert(all.diagnostics.end(), one.diagnostics.begin(), one.diagnostics.end());
        all.skipped_records += one.skipped_records;
    }
    return all;
}

ExportResult write_jsonl(const std::vector<core::Document>& documents, const WriteOptions&) {
    ExportResult out;
    out.files.push_back({"annotations.jsonl", write_gloss_jsonl(documents)});
    return out;
}

} // namespace

const std::vector<Format>& formats() {
    static const std::vector<Format> s_formats = {
        {"jsonl", "Gloss JSONL: one document per line, code-point offsets", {".jsonl", ".ndjson"},
         read_jsonl, write_jsonl},
        {"txt", "plain UTF-8 text, one document per file (import only)", {".txt"}, read_txt, nullptr},
    };
    return s_formats;
}

const Format* find_format(std::string_view name) {
    for (const Format& f : formats())
        if (f.name == name) return &f;
    return nullptr;
}

const Format* format_for_file(std::string_view file_name) {
    const Format* found = nullptr;
    for (const Format& f : formats())
        for (std::string_view ext : f.extensions)
            if (file_name.size() >= ext.size() && file_name.substr(file_name.size() - ext.size()) == ext) {
                if (found && found != &f) return nullptr;
                found = &f;
            }
    return found;
}

} // namespace gloss::io
