// Span and relation ids as other tools give them (Label Studio's "r1", brat's "T1", UUIDs,
// numbers) kept through every format that holds ids, over non-ASCII text.
#include "io/format.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/gloss_project.hpp"
#include "unit/io/format_fixtures.hpp"

#include <map>

using namespace gloss;

namespace {

// Accents, curly quotes, an emoji outside the BMP and a ZWJ sequence; two spans nested in a
// quote, one overlapping another; ids of every kind; relations naming spans by string and
// by number.
core::Document document_with_ids() {
    std::string line =
        R"({"id":"d1","text":"“Zoë met Ahmed 👩‍👩‍👧 in Caïro 🇪🇬”, said Dana.",)"
        R"("spans":[)"
        R"({"id":"q-1","start":0,"end":33,"label":"QUOTE"},)"
        R"({"id":"r1","start":1,"end":4,"label":"PERSON"},)"
        R"({"id":"T12","start":9,"end":14,"label":"PERSON"},)"
        R"({"id":"3f2b8c1e-9d4a-4c57-8e0f-6a1b2c3d4e5f","start":9,"end":20,"label":"ERROR"},)"
        R"({"id":7,"start":24,"end":29,"label":"GPE"},)"
        R"({"id":"T5","start":40,"end":44,"label":"PERSON"}],)"
        R"("relations":[{"id":"R9","type":"speaker","from":"q-1","to":"T5"},)"
        R"({"id":2,"type":"located_in","from":"T12","to":7}]})";
    io::ImportResult r = io::read_gloss_jsonl(line, {});
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 1);
    return std::move(r.documents[0]);
}

// "start..end label" -> the id as written ("\"r1\"" or "7").
std::map<std::string, std::string> ids_of(const core::Document& doc) {
    std::map<std::string, std::string> out;
    doc.spans().for_each([&](const core::Span& s) {
        out[std::to_string(s.start) + ".." + std::to_string(s.end) + " " + s.label] =
            s.string_id.empty() ? std::to_string(s.id) : '"' + s.string_id + '"';
    });
    return out;
}

const std::map<std::string, std::string> kGiven = {
    {"0..33 QUOTE", "\"q-1\""},  {"1..4 PERSON", "\"r1\""},
    {"9..14 PERSON", "\"T12\""}, {"9..20 ERROR", "\"3f2b8c1e-9d4a-4c57-8e0f-6a1b2c3d4e5f\""},
    {"24..29 GPE", "7"},         {"40..44 PERSON", "\"T5\""}};

core::Document round_trip(const std::string& format, const core::Document& doc) {
    const io::Format* f = io::find_format(format);
    REQUIRE(f);
    io::WriteOptions write;
    write.schema = &test::default_schema();
    io::ExportResult e = f->write({doc}, write);
    INFO(test::all_messages(e.diagnostics));
    REQUIRE(e.ok());
    io::ReadOptions read;
    read.schema = &test::default_schema();
    io::ImportResult back = f->read(e.files, read);
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    REQUIRE(back.documents.size() == 1);
    return std::move(back.documents[0]);
}

} // namespace

TEST_CASE(
    "string and integer ids are kept as given by JSONL, doccano (with relations) and project files",
    "[io][roundtrip][ids]") {
    core::Document doc = document_with_ids();
    CHECK(ids_of(doc) == kGiven);
    test::Held held;
    for (const char* format : {"jsonl", "doccano-rel"}) {
        INFO(format);
        core::Document back = round_trip(format, doc);
        CHECK(ids_of(back) == kGiven);
        held.status = held.origin = held.annotator = std::string(format) == "jsonl";
        held.meta = false;
        CHECK(test::describe(back, held) == test::describe(doc, held));
    }
    io::Project project;
    project.documents.push_back(doc);
    io::ProjectResult p = io::read_gloss_project(io::write_gloss_project(project), "p.gloss.json");
    INFO(test::all_messages(p.diagnostics));
    REQUIRE(p.ok());
    CHECK(ids_of(p.project.documents[0]) == kGiven);
    CHECK(test::spans_equal(p.project.documents[0], doc));
}

TEST_CASE("Label Studio keeps region ids as given; Gloss's own s<number> is the number",
          "[io][roundtrip][ids][labelstudio]") {
    core::Document doc = document_with_ids();
    core::Document back = round_trip("labelstudio", doc);
    CHECK(ids_of(back) == kGiven); // 7 was written as "s7" and read as 7
    test::Held held;
    held.status = held.origin = held.annotator = held.meta = held.doc_id = false;
    CHECK(test::describe(back, held) == test::describe(doc, held));
}

TEST_CASE("brat writes string ids of its own form as given and numbers the others past them",
          "[io][roundtrip][ids][brat]") {
    core::Document doc = document_with_ids();
    io::ExportResult e = io::find_format("brat")->write({doc}, {&test::default_schema(), {}});
    REQUIRE(e.ok());
    const std::string& ann = e.files[1].bytes;
    CHECK_THAT(ann, Catch::Contains("T12\tPERSON 9 14\tAhmed\n"));
    CHECK_THAT(ann, Catch::Contains("T5\tPERSON 40 44\tDana\n"));
    CHECK_THAT(ann, Catch::Contains("T7\tGPE 24 29\tCaïro\n"));
    CHECK_THAT(ann, Catch::Contains("R9\tspeaker Arg1:T"));
    CHECK_THAT(ann, Catch::Contains("R2\tlocated_in Arg1:T12 Arg2:T7\n"));
    // Spans named by other strings take numbers past every number in use: no id twice.
    std::map<std::string, int> seen;
    for (std::size_t pos = 0; pos < ann.size();) {
        std::size_t tab = ann.find('\t', pos);
        ++seen[ann.substr(pos, tab - pos)];
        pos = ann.find('\n', pos) + 1;
    }
    for (const auto& [id, count] : seen)
        CHECK(count == 1);
    CHECK(seen.size() == 8);
    core::Document back = round_trip("brat", doc);
    test::Held held;
    held.span_ids = held.status = held.origin = held.annotator = held.meta = false;
    CHECK(test::describe(back, held) == test::describe(doc, held));
}
