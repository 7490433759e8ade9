// Gloss JSONL: round trips, offset units, and bad input reported with its place.
#include "core/text/utf8.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/json_value.hpp"
#include "io/schema_io.hpp"
#include "support/random_text.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace gloss;

namespace {

std::string read_asset(const std::string& relative) {
    const char* root = std::getenv("GLOSS_ASSETS");
    std::ifstream in(std::string(root ? root : "assets") + "/" + relative, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string messages(const core::Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += d.to_string() + "\n";
    return out;
}

} // namespace

TEST_CASE("the default schema loads with the labels of DESIGN.md", "[io][schema]") {
    core::Diagnostics diagnostics;
    auto schema = io::read_schema(read_asset("schema/default.json"), "default.json", diagnostics);
    INFO(messages(diagnostics));
    REQUIRE(schema);
    for (const char* name :
         {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "DATE", "CARDINAL", "QUOTE", "ERROR"})
        CHECK(schema->find(name) != nullptr);
    CHECK(schema->find("QUOTE")->kind == core::LabelKind::Quote);
    const core::AttributeDef* type = schema->find("ERROR")->attribute("type");
    REQUIRE(type);
    CHECK(type->type == core::AttributeType::Enumeration);
    CHECK(std::find(type->values.begin(), type->values.end(), "merged_tokens") !=
          type->values.end());
    CHECK(schema->find("QUOTE")->attribute("speaker")->target_labels ==
          std::vector<std::string>{"PERSON", "ORG"});
    CHECK(schema->find_by_hotkey('P')->name == "PERSON");
    // Written and read back, the schema is the same.
    core::Diagnostics again;
    auto reread = io::read_schema(io::write_schema(*schema), "again", again);
    REQUIRE(reread);
    CHECK(io::write_schema(*reread) == io::write_schema(*schema));
}

TEST_CASE("schema errors name the bad field", "[io][schema]") {
    core::Diagnostics d;
    auto schema = io::read_schema(
        R"({"labels":[{"name":"PERSON","kind":"entity","hotkey":"p"},
                      {"name":"ORG","kind":"company","color":"red","hotkey":"P"},
                      {"name":"QUOTE","attributes":[{"name":"speaker","type":"span","targets":["SPEAKER"]}]}]})",
        "schema.json", d);
    CHECK_FALSE(schema);
    std::string all = messages(d);
    CHECK_THAT(
        all, Catch::Contains(
                 "schema.json: schema: labels[1].kind: \"company\" is not entity, quote or error"));
    CHECK_THAT(all, Catch::Contains("labels[1].color: \"red\" is not #rrggbb"));
    CHECK_THAT(all, Catch::Contains("labels[1].hotkey: \"P\" is already used by PERSON"));
    CHECK_THAT(all, Catch::Contains("labels[2].attributes[0].targets: unknown label \"SPEAKER\""));

    core::Diagnostics syntax;
    CHECK_FALSE(io::read_schema("{\n  \"labels\": [,]\n}", "broken.json", syntax));
    REQUIRE(syntax.size() == 1);
    CHECK_THAT(syntax[0].to_string(), Catch::StartsWith("broken.json:2:14: malformed JSON:"));
}

TEST_CASE("JSONL round trip keeps every field, with non-ASCII text", "[io][roundtrip]") {
    std::string text =
        "“Free the hostages,” said anthony blinkenbut 👩‍👩‍👧 in Refa — José.";
    core::Document doc("doc-1", core::Text(text));
    doc.meta.title = "Test “title”";
    doc.meta.extra["campaign"] = "pilot";
    core::Span quote;
    quote.start = 0;
    quote.end = 21;
    quote.label = "QUOTE";
    quote.annotator = "ann1";
    core::Span error;
    error.start = 34;
    error.end = 44;
    error.label = "ERROR";
    error.attrs.set("type", "merged_tokens");
    error.attrs.set("correction", "Blinken. But");
    error.status = core::Status::Pending;
    error.origin = core::Origin::Suggested;
    core::Span person;
    person.start = 26;
    person.end = 41;
    person.label = "PERSON";
    person.attrs.set("canonical", "Antony Blinken");
    core::Span emoji;
    emoji.start = 45;
    emoji.end = 50;
    emoji.label = "OTHER";
    doc.add_span(quote);
    doc.add_span(error);
    doc.add_span(person);
    doc.add_span(emoji);
    core::Relation r;
    r.type = "speaker";
    r.from = 1;
    r.to = 3;
    REQUIRE(doc.add_relation(r).ok());

    std::string line = io::write_gloss_jsonl_line(doc);
    CHECK(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    io::JsonlReadOptions options;
    options.source = "rt.jsonl";
    io::ImportResult result = io::read_gloss_jsonl(line, options);
    INFO(messages(result.diagnostics));
    REQUIRE(result.ok());
    REQUIRE(result.documents.size() == 1);
    const core::Document& back = result.documents[0];
    CHECK(back.id == "doc-1");
    CHECK(back.text().utf8() == text);
    CHECK(back.meta == doc.meta);
    std::vector<core::Span> a, b;
    doc.spans().for_each([&](const core::Span& s) { a.push_back(s); });
    back.spans().for_each([&](const core::Span& s) { b.push_back(s); });
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].id == b[i].id);
        CHECK(a[i].start == b[i].start);
        CHECK(a[i].end == b[i].end);
        CHECK(a[i].label == b[i].label);
        CHECK(a[i].attrs == b[i].attrs);
        CHECK(a[i].status == b[i].status);
        CHECK(a[i].origin == b[i].origin);
        CHECK(a[i].annotator == b[i].annotator);
    }
    CHECK(back.relations() == doc.relations());
    CHECK(io::write_gloss_jsonl_line(back) == line);
    // The span text is the code-point slice.
    auto json = io::Json::parse(line);
    CHECK(json["spans"][3]["text"] == "👩‍👩‍👧");
    CHECK(json["spans"][2]["text"] == "blinkenbut");
}

TEST_CASE("JSONL offsets in UTF-16 and UTF-8 convert to code points", "[io][offsets]") {
    // "😀 Refa": the emoji is 2 UTF-16 units and 4 bytes; "Refa" starts at cp 2.
    io::JsonlReadOptions options;
    auto utf16 = io::read_gloss_jsonl(
        R"({"text":"😀 Refa","offset_unit":"utf16","spans":[{"start":3,"end":7,"label":"GPE","text":"Refa"}]})",
        options);
    REQUIRE(utf16.ok());
    CHECK(utf16.documents[0].spans().first()->start == 2);
    auto utf8 = io::read_gloss_jsonl(
        R"({"text":"😀 Refa","offset_unit":"utf8","spans":[{"start":5,"end":9,"label":"GPE"}]})",
        options);
    REQUIRE(utf8.ok());
    CHECK(utf8.documents[0].spans().first()->end == 6);
    auto inside = io::read_gloss_jsonl(
        R"({"text":"😀 Refa","offset_unit":"utf16","spans":[{"start":1,"end":7,"label":"GPE"}]})",
        options);
    REQUIRE_FALSE(inside.ok());
    CHECK(inside.diagnostics[0].message == "offset 1 (start in utf16) falls inside a character");
    auto past = io::read_gloss_jsonl(
        R"({"text":"😀 Refa","offset_unit":"utf16","spans":[{"start":3,"end":9,"label":"GPE"}]})",
        options);
    REQUIRE_FALSE(past.ok());
    CHECK(past.diagnostics[0].message == "span end 9 is past the end of the text (7 UTF-16 units)");
}

TEST_CASE("bad JSONL lines are all reported with their place", "[io][errors]") {
    std::string input =
        "{\"text\":\"Cairo and Cairo\",\"spans\":[{\"start\":0,\"end\":5,\"label\":\"GPE\"}]}\n"
        "{\"text\": \"broken\",\n"
        "{\"text\":\"short\",\"spans\":[{\"start\":2,\"end\":210,\"label\":\"GPE\"}]}\n"
        "{\"text\":\"short\",\"spans\":[{\"start\":3,\"end\":1,\"label\":\"GPE\"}]}\n"
        "{\"text\":\"Refa\",\"spans\":[{\"start\":0,\"end\":4,\"label\":\"GPE\",\"text\":\"Rafah\"}"
        "]}\n"
        "{\"text\":\"Refa\",\"spans\":[{\"start\":0,\"end\":4,\"label\":\"PLACE\"}]}\n"
        "{\"text\":\"ok\",\"spans\":[{\"id\":1,\"start\":0,\"end\":2,\"label\":\"GPE\"}],"
        "\"relations\":[{\"type\":\"speaker\",\"from\":1,\"to\":7}]}\n"
        "{\"text\":\"bad \xC3(\"}\n"
        "[1,2]\n"
        "{\"text\":\"fine\"}\n";
    core::LabelSchema schema;
    core::Label gpe;
    gpe.name = "GPE";
    schema.add(gpe);
    io::JsonlReadOptions options;
    options.source = "tasks.jsonl";
    options.schema = &schema;
    io::ImportResult r = io::read_gloss_jsonl(input, options);
    CHECK_FALSE(r.ok());
    CHECK(r.documents.size() == 2); // lines 1 and 10
    CHECK(r.skipped_records == 8);
    std::string all = messages(r.diagnostics);
    CHECK_THAT(all, Catch::Contains("tasks.jsonl:2:19: malformed JSON:"));
    CHECK_THAT(all, Catch::Contains(
                        "tasks.jsonl:3: span end 210 is past the end of the text (5 code points)"));
    CHECK_THAT(all, Catch::Contains("tasks.jsonl:4: span end 1 is before its start 3"));
    CHECK_THAT(all,
               Catch::Contains(
                   "tasks.jsonl:5: span 0..4 text \"Rafah\" differs from the document's \"Refa\""));
    CHECK_THAT(all, Catch::Contains("tasks.jsonl:6: unknown label \"PLACE\""));
    CHECK_THAT(all, Catch::Contains("tasks.jsonl:7: relation 0 points at missing span 7"));
    CHECK_THAT(all, Catch::Contains("tasks.jsonl:8:14: invalid UTF-8 at byte 13"));
    CHECK_THAT(all, Catch::Contains("tasks.jsonl:9: field \"(line)\" must be an object"));
}

TEST_CASE("random documents survive a JSONL round trip", "[io][roundtrip]") {
    auto seed = test::test_seed();
    CAPTURE(seed);
    std::mt19937 rng(seed);
    for (int trial = 0; trial < test::trials(50); ++trial) {
        core::Document doc("r" + std::to_string(trial), core::Text(test::random_utf8(rng, 200)));
        std::uniform_int_distribution<std::uint32_t> pos(0, 190), len(1, 10);
        for (int i = 0; i < 15; ++i) {
            core::Span s;
            s.start = pos(rng);
            s.end = s.start + len(rng);
            s.label = i % 2 ? "PERSON" : "ERROR";
            if (i % 3 == 0) s.attrs.set("correction", test::random_utf8(rng, 5));
            doc.add_span(s);
        }
        std::string line = io::write_gloss_jsonl_line(doc);
        io::ImportResult back = io::read_gloss_jsonl(line, {});
        INFO(messages(back.diagnostics));
        REQUIRE(back.ok());
        REQUIRE(io::write_gloss_jsonl_line(back.documents[0]) == line);
    }
}
