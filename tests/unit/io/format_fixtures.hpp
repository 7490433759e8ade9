// Shared by the format tests: the fixture documents (tests/fixtures/formats/source.jsonl),
// the default schema, golden-file checks and a description of a document limited to what a
// format can hold, so round trips compare exactly that. Tests only.
#pragma once

#include "core/model/document.hpp"
#include "io/format.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/schema_io.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gloss::test {

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::filesystem::path fixtures_dir() {
    const char* root = std::getenv("GLOSS_FIXTURES");
    return std::filesystem::path(root ? root : "tests/fixtures");
}

inline std::string all_messages(const core::Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += d.to_string() + "\n";
    return out;
}

inline const core::LabelSchema& default_schema() {
    static const core::LabelSchema schema = [] {
        const char* root = std::getenv("GLOSS_ASSETS");
        core::Diagnostics d;
        auto s = io::read_schema(
            read_file(std::filesystem::path(root ? root : "assets") / "schema/default.json"),
            "default.json", d);
        return s ? *s : core::LabelSchema{};
    }();
    return schema;
}

// The fixture documents: nested and overlapping spans, relations, attributes, pending and
// rejected suggestions, accents, curly quotes, emoji outside the BMP and ZWJ sequences.
inline std::vector<core::Document> source_documents() {
    io::JsonlReadOptions options;
    options.source = "source.jsonl";
    io::ImportResult r =
        io::read_gloss_jsonl(read_file(fixtures_dir() / "formats/source.jsonl"), options);
    INFO(all_messages(r.diagnostics));
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 3);
    return std::move(r.documents);
}

// What a format holds besides (start, end, label) and the text.
struct Held {
    bool doc_id = true;
    bool span_ids = true;
    bool attrs = true;
    bool status = true;
    bool origin = true;
    bool annotator = true;
    bool relations = true;
    bool meta = true;
    bool rejected = true; // rejected spans are written at all
};

// One line per fact, sorted, so a failed comparison shows the difference.
inline std::string describe(const core::Document& doc, const Held& held) {
    std::vector<std::string> lines;
    auto span_key = [&](const core::Span& s) {
        return std::to_string(s.start) + ".." + std::to_string(s.end) + " " + s.label;
    };
    doc.spans().for_each([&](const core::Span& s) {
        if (!held.rejected && s.status == core::Status::Rejected) return;
        std::string line = "span " + span_key(s);
        if (held.span_ids)
            line += " id=" + (s.string_id.empty() ? std::to_string(s.id) : '"' + s.string_id + '"');
        if (held.attrs)
            for (const auto& [k, v] : s.attrs)
                line += " " + k + "=" + v;
        if (held.status) line += " status=" + std::string(core::to_string(s.status));
        if (held.origin) line += " origin=" + std::string(core::to_string(s.origin));
        if (held.annotator) line += " annotator=" + s.annotator;
        lines.push_back(line);
    });
    if (held.relations)
        for (const auto& [id, r] : doc.relations()) {
            const core::Span* a = doc.spans().find(r.from);
            const core::Span* b = doc.spans().find(r.to);
            if (!held.rejected &&
                (a->status == core::Status::Rejected || b->status == core::Status::Rejected))
                continue;
            lines.push_back("relation " + r.type + " " + span_key(*a) + " -> " + span_key(*b));
        }
    std::sort(lines.begin(), lines.end());
    std::string out = "document " + (held.doc_id ? doc.id : std::string("?")) + "\n";
    if (held.meta) {
        out += "meta " + doc.meta.title + "|" + doc.meta.source + "|" + doc.meta.url + "|" +
               doc.meta.language;
        for (const auto& [k, v] : doc.meta.extra)
            out += "|" + k + "=" + v;
        out += "\n";
    }
    out += "text " + doc.text().utf8() + "\n";
    for (const std::string& l : lines)
        out += l + "\n";
    return out;
}

inline std::string describe(const std::vector<core::Document>& docs, const Held& held) {
    std::string out;
    for (const core::Document& d : docs)
        out += describe(d, held);
    return out;
}

// Every field of every span, timestamps included, and the relations.
inline bool spans_equal(const core::Document& a, const core::Document& b) {
    std::vector<core::Span> x, y;
    a.spans().for_each([&](const core::Span& s) { x.push_back(s); });
    b.spans().for_each([&](const core::Span& s) { y.push_back(s); });
    return x == y && a.relations() == b.relations();
}

// Compares export files with tests/fixtures/formats/<format>/<name>; GLOSS_UPDATE_GOLDEN=1
// rewrites them instead (review the diff before committing).
inline void check_golden(const std::string& format, const std::vector<io::NamedFile>& files) {
    std::filesystem::path dir = fixtures_dir() / "formats" / format;
    bool update = std::getenv("GLOSS_UPDATE_GOLDEN") != nullptr;
    if (update) std::filesystem::create_directories(dir);
    for (const io::NamedFile& f : files) {
        std::filesystem::path path = dir / f.name;
        if (update) {
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out << f.bytes;
            continue;
        }
        INFO("golden file " << path.string() << " (GLOSS_UPDATE_GOLDEN=1 rewrites it)");
        REQUIRE(std::filesystem::exists(path));
        CHECK(read_file(path) == f.bytes);
    }
}

} // namespace gloss::test
