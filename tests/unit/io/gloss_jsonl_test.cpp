// Gloss JSONL: round trips, offset units, and bad input reported with its place.
#include "core/text/utf8.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"
#include "io/schema_io.hpp"
#include "support/random_text.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
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

// [SECTION] A dataset's own tokens

namespace {

struct BothPaths {
    std::optional<core::Document> doc;
    std::string messages;
};

// Reads one line on the fast path and through the full parser; both must agree exactly.
BothPaths read_both(const std::string& line, std::uint64_t number = 1) {
    io::JsonlReadOptions fast, full;
    fast.source = full.source = "t.jsonl";
    full.fast_path = false;
    core::Diagnostics d1, d2;
    auto a = io::read_gloss_jsonl_line(line, number, fast, d1);
    auto b = io::read_gloss_jsonl_line(line, number, full, d2);
    INFO(line);
    CHECK(messages(d1) == messages(d2));
    REQUIRE(a.has_value() == b.has_value());
    if (a) {
        CHECK(io::write_gloss_jsonl_line(*a) == io::write_gloss_jsonl_line(*b));
        CHECK(a->tokens() == b->tokens());
    }
    return {std::move(a), messages(d1)};
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges(const core::Document& doc) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (const core::Token& t : doc.tokens())
        out.emplace_back(t.start, t.end);
    return out;
}

std::string texts(const core::Document& doc) {
    std::string out;
    for (const core::Token& t : doc.tokens())
        out += std::string(doc.text().slice(t.start, t.end)) + "|";
    return out;
}

} // namespace

TEST_CASE("JSONL keeps a dataset's tokens through a round trip, with non-ASCII text",
          "[io][roundtrip][tokens]") {
    // Accents, curly quotes, an emoji outside the BMP, and the glued `blinkenbut` split by the
    // dataset as blinken + but (Gloss's tokenizer keeps it whole). Extra token keys are ignored.
    const std::string line =
        R"({"id":"d1","text":"“Léa” said José 🚢 blinkenbut.","offset_unit":"codepoint",)"
        R"("tokens":[{"start":0,"end":1,"text":"“","id":0,"ws":false},{"start":1,"end":4},)"
        R"({"start":4,"end":5},{"start":6,"end":10},{"start":11,"end":15},{"start":16,"end":17},)"
        R"({"start":18,"end":25,"ws":false},{"start":25,"end":28},{"start":28,"end":29}],)"
        R"("spans":[{"start":18,"end":25,"label":"PERSON","text":"blinken"}]})";
    BothPaths read = read_both(line);
    INFO(read.messages);
    REQUIRE(read.doc);
    const core::Document& doc = *read.doc;
    CHECK(texts(doc) == "“|Léa|”|said|José|🚢|blinken|but|.|");
    CHECK(doc.tokens()[5].kind == core::TokenKind::Symbol);
    CHECK(doc.tokens()[8].kind == core::TokenKind::Punctuation);

    // Written back in code points, after offset_unit and before spans, start and end only.
    std::string written = io::write_gloss_jsonl_line(doc);
    CHECK_THAT(written,
               Catch::Contains(
                   R"("offset_unit":"codepoint","tokens":[{"start":0,"end":1},{"start":1,"end":4},)"
                   R"({"start":4,"end":5},{"start":6,"end":10},{"start":11,"end":15},)"
                   R"({"start":16,"end":17},{"start":18,"end":25},{"start":25,"end":28},)"
                   R"({"start":28,"end":29}],"spans":[)"));
    BothPaths back = read_both(written);
    REQUIRE(back.doc);
    CHECK(back.doc->tokens() == doc.tokens());
    CHECK(io::write_gloss_jsonl_line(*back.doc) == written);
    // Copies keep them, and a document without tokens writes none.
    std::vector<core::Document> docs{doc};
    CHECK(io::write_gloss_jsonl(docs) == written);
    CHECK(io::write_gloss_jsonl_line(core::Document("d2", core::Text("x"))) ==
          R"({"id":"d2","text":"x","offset_unit":"codepoint","spans":[],"relations":[]})"
          "\n");
    // An empty or null list is no tokenization: Gloss's tokenizer applies.
    for (const char* none : {R"({"text":"ab","tokens":[]})", R"({"text":"ab","tokens":null})"}) {
        BothPaths r = read_both(none);
        REQUIRE(r.doc);
        CHECK(r.doc->tokens().empty());
    }
}

TEST_CASE("JSONL tokens in UTF-16 and UTF-8 convert to code points", "[io][offsets][tokens]") {
    // “Léa” 🚢 blinkenbut: the curly quotes are 1 UTF-16 unit and 3 bytes, é 1 and 2, 🚢 2 and 4.
    const std::string text = R"("text":"“Léa” 🚢 blinkenbut")";
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> code_points{
        {0, 1}, {1, 4}, {4, 5}, {6, 7}, {8, 15}, {15, 18}};
    const char* codepoint = R"([{"start":0,"end":1},{"start":1,"end":4},{"start":4,"end":5},)"
                            R"({"start":6,"end":7},{"start":8,"end":15},{"start":15,"end":18}])";
    const char* utf16 = R"([{"start":0,"end":1},{"start":1,"end":4},{"start":4,"end":5},)"
                        R"({"start":6,"end":8},{"start":9,"end":16},{"start":16,"end":19}])";
    const char* utf8 = R"([{"start":0,"end":3},{"start":3,"end":7},{"start":7,"end":10},)"
                       R"({"start":11,"end":15},{"start":16,"end":23},{"start":23,"end":26}])";
    std::string first;
    for (auto [unit, tokens] :
         {std::pair{"codepoint", codepoint}, std::pair{"utf16", utf16}, std::pair{"utf8", utf8}}) {
        CAPTURE(unit);
        BothPaths r =
            read_both("{" + text + ",\"offset_unit\":\"" + unit + "\",\"tokens\":" + tokens + "}");
        INFO(r.messages);
        REQUIRE(r.doc);
        CHECK(ranges(*r.doc) == code_points);
        CHECK(texts(*r.doc) == "“|Léa|”|🚢|blinken|but|");
        std::string written = io::write_gloss_jsonl_line(*r.doc);
        if (first.empty()) first = written;
        CHECK(written == first); // always written back in code points
    }
    CHECK_THAT(first, Catch::Contains(std::string("\"tokens\":") + codepoint));
}

TEST_CASE("bad JSONL tokens are each reported with their line and index", "[io][errors][tokens]") {
    struct Case {
        std::string line;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases{
        {R"({"text":"said blinkenbut","tokens":[{"start":0,"end":4},{"start":5,"end":5}]})",
         {"t.jsonl:7: tokens[1] 5..5 is empty"}},
        {R"({"text":"said blinkenbut","tokens":[{"start":4,"end":2}]})",
         {"t.jsonl:7: tokens[0] 4..2 ends before it starts"}},
        {R"({"text":"abc","tokens":[{"start":0,"end":9}]})",
         {"t.jsonl:7: tokens[0] 0..9 ends past the end of the text (3 code points)"}},
        {R"({"text":"😀 Refa","offset_unit":"utf16","tokens":[{"start":3,"end":8}]})",
         {"t.jsonl:7: tokens[0] 3..8 ends past the end of the text (7 UTF-16 units)"}},
        {R"({"text":"😀 Refa","offset_unit":"utf8","tokens":[{"start":5,"end":10}]})",
         {"t.jsonl:7: tokens[0] 5..10 ends past the end of the text (9 bytes)"}},
        {R"({"text":"😀 Refa","offset_unit":"utf16","tokens":[{"start":1,"end":2}]})",
         {"t.jsonl:7: offset 1 (tokens[0].start in utf16) falls inside a character"}},
        {R"({"text":"😀 Refa","offset_unit":"utf8","tokens":[{"start":0,"end":2}]})",
         {"t.jsonl:7: offset 2 (tokens[0].end in utf8) falls inside a character"}},
        {R"({"text":"said blinkenbut","tokens":[{"start":0,"end":4},{"start":3,"end":6}]})",
         {"t.jsonl:7: tokens[1] 3..6 starts before tokens[0] ends (4)"}},
        {R"({"text":"said blinkenbut","tokens":[{"start":5,"end":12},{"start":0,"end":4}]})",
         {"t.jsonl:7: tokens[1] 0..4 starts before tokens[0] ends (12)"}},
        // Every bad token of a line is reported, each against the last good one.
        {R"({"text":"said blinkenbut","tokens":[{"start":0,"end":0},{"start":0,"end":4},)"
         R"({"start":2,"end":3},{"start":5,"end":99},{"start":5,"end":12}]})",
         {"t.jsonl:7: tokens[0] 0..0 is empty",
          "t.jsonl:7: tokens[2] 2..3 starts before "
          "tokens[1] ends (4)",
          "t.jsonl:7: tokens[3] 5..99 ends past the end of the text (15 code points)"}},
        // Only the full parser reads these shapes; it names the field.
        {R"({"text":"abc","tokens":{"start":0,"end":1}})",
         {"t.jsonl:7: field \"tokens\" must be an array"}},
        {R"({"text":"abc","tokens":["a"]})", {"t.jsonl:7: field \"tokens[0]\" must be an object"}},
        {R"({"text":"abc","tokens":[{"start":0}]})",
         {"t.jsonl:7: missing field \"tokens[0].end\""}},
        {R"({"text":"abc","tokens":[{"start":-1,"end":2}]})",
         {"t.jsonl:7: field \"tokens[0].start\" must be a non-negative integer"}},
    };
    for (const Case& c : cases) {
        BothPaths r = read_both(c.line, 7);
        CHECK_FALSE(r.doc);
        std::string expected;
        for (const std::string& e : c.expected)
            expected += e + "\n";
        CHECK(r.messages == expected);
    }
    // A bad line leaves the others; a span on the same line is checked too.
    io::JsonlReadOptions options;
    options.source = "t.jsonl";
    io::ImportResult r =
        io::read_gloss_jsonl("{\"text\":\"ab\",\"tokens\":[{\"start\":0,\"end\":2}]}\n"
                             "{\"text\":\"ab\",\"tokens\":[{\"start\":1,\"end\":1}],"
                             "\"spans\":[{\"start\":0,\"end\":3,\"label\":\"X\"}]}\n",
                             options);
    CHECK(r.documents.size() == 1);
    CHECK(r.skipped_records == 1);
    CHECK(messages(r.diagnostics) ==
          "t.jsonl:2: tokens[0] 1..1 is empty\n"
          "t.jsonl:2: span end 3 is past the end of the text (2 code points)\n");
}

TEST_CASE("JSONL keeps string and integer ids as given, and relations find spans by either",
          "[io][roundtrip][ids]") {
    // Label Studio's "r1", brat's "T1", a UUID and a number, over accents, curly quotes, an
    // emoji outside the BMP and a ZWJ sequence; relations name spans by string and by number.
    std::string text = "“Zoë” met Ahmed 👩‍👩‍👧 in Caïro 🇪🇬.";
    auto id_of = [](const io::Json& v) { return v.dump(); };
    std::string line =
        io::dump_json(io::Json{
            {"id", "d1"},
            {"text", text},
            {"spans", io::Json::array(
                          {io::Json{{"id", "r1"}, {"start", 1}, {"end", 4}, {"label", "PERSON"}},
                           io::Json{{"id", "T12"}, {"start", 10}, {"end", 15}, {"label", "PERSON"}},
                           io::Json{{"id", "3f2b8c1e-9d4a-4c57-8e0f-6a1b2c3d4e5f"},
                                    {"start", 16},
                                    {"end", 21},
                                    {"label", "ERROR"}},
                           io::Json{{"id", 7}, {"start", 25}, {"end", 30}, {"label", "GPE"}},
                           io::Json{{"id", "7"}, {"start", 0}, {"end", 5}, {"label", "QUOTE"}}})},
            {"relations",
             io::Json::array(
                 {io::Json{{"id", "R1"}, {"type", "speaker"}, {"from", "7"}, {"to", "r1"}},
                  io::Json{{"id", 4}, {"type", "located_in"}, {"from", "T12"}, {"to", 7}}})}}) +
        "\n";
    for (bool fast : {true, false}) {
        INFO("fast path " << fast);
        io::JsonlReadOptions options;
        options.fast_path = fast;
        io::ImportResult r = io::read_gloss_jsonl(line, options);
        INFO(messages(r.diagnostics));
        REQUIRE(r.ok());
        REQUIRE(r.documents.size() == 1);
        core::Document& doc = r.documents[0];
        REQUIRE(doc.spans().size() == 5);
        REQUIRE(doc.relations().size() == 2);

        io::Json back = io::Json::parse(io::write_gloss_jsonl(r.documents));
        std::map<std::string, std::string> label_by_id;
        for (const io::Json& s : back["spans"])
            label_by_id[id_of(s["id"])] = s["text"].get<std::string>();
        CHECK(label_by_id == std::map<std::string, std::string>{
                                 {"\"r1\"", "Zoë"},
                                 {"\"T12\"", "Ahmed"},
                                 {"\"3f2b8c1e-9d4a-4c57-8e0f-6a1b2c3d4e5f\"", "👩‍👩‍👧"},
                                 {"7", "Caïro"},
                                 {"\"7\"", "“Zoë”"}});
        std::set<std::string> relations;
        for (const io::Json& rel : back["relations"])
            relations.insert(id_of(rel["id"]) + " " + rel["type"].get<std::string>() + " " +
                             id_of(rel["from"]) + " -> " + id_of(rel["to"]));
        CHECK(relations ==
              std::set<std::string>{"\"R1\" speaker \"7\" -> \"r1\"", "4 located_in \"T12\" -> 7"});
        // Written again, the same bytes.
        core::Diagnostics again;
        io::ImportResult reread = io::read_gloss_jsonl(io::write_gloss_jsonl(r.documents), {});
        REQUIRE(reread.ok());
        CHECK(io::write_gloss_jsonl(reread.documents) == io::write_gloss_jsonl(r.documents));

        // A new span's id collides with no given one, numbers at the end of strings included
        // (brat writes "T" + number).
        core::Span added;
        added.start = 6;
        added.end = 9;
        added.label = "ORG";
        auto result = doc.add_span(added);
        REQUIRE(result.ok());
        CHECK(result.id > 12);
        core::Relation rel;
        rel.type = "speaker";
        rel.from = result.id;
        rel.to = result.id;
        auto rel_result = doc.add_relation(rel);
        REQUIRE(rel_result.ok());
        CHECK(rel_result.id > 4);
        CHECK(rel_result.id != 1);
    }
}

TEST_CASE("bad JSONL ids are reported with their place", "[io][errors][ids]") {
    std::string input =
        "{\"text\":\"Gaza\",\"spans\":[{\"id\":true,\"start\":0,\"end\":4,\"label\":\"GPE\"}]}\n"
        "{\"text\":\"Gaza\",\"spans\":[{\"id\":\"\",\"start\":0,\"end\":4,\"label\":\"GPE\"}]}\n"
        "{\"text\":\"Gaza\",\"spans\":[{\"id\":-3,\"start\":0,\"end\":4,\"label\":\"GPE\"}]}\n"
        "{\"text\":\"Gaza\",\"spans\":[{\"id\":\"T1\",\"start\":0,\"end\":4,\"label\":\"GPE\"},"
        "{\"id\":\"T1\",\"start\":0,\"end\":2,\"label\":\"GPE\"}]}\n"
        "{\"text\":\"Gaza\",\"spans\":[{\"id\":\"T1\",\"start\":0,\"end\":4,\"label\":\"GPE\"}],"
        "\"relations\":[{\"id\":\"R1\",\"type\":\"x\",\"from\":\"T1\",\"to\":\"T2\"}]}\n"
        "{\"text\":\"Gaza\",\"spans\":[{\"id\":\"1\",\"start\":0,\"end\":4,\"label\":\"GPE\"}],"
        "\"relations\":[{\"type\":\"x\",\"from\":\"1\",\"to\":1}]}\n"
        "{\"text\":\"Gaza\",\"spans\":[{\"id\":\"T1\",\"start\":0,\"end\":4,\"label\":\"GPE\"}],"
        "\"relations\":[{\"type\":\"x\",\"from\":\"T1\"}]}\n";
    io::JsonlReadOptions options;
    options.source = "ids.jsonl";
    io::ImportResult r = io::read_gloss_jsonl(input, options);
    CHECK(r.documents.empty());
    CHECK(r.skipped_records == 7);
    std::string all = messages(r.diagnostics);
    CHECK_THAT(all, Catch::Contains("ids.jsonl:1: field \"spans[0].id\" must be a non-negative "
                                    "integer or a non-empty string"));
    CHECK_THAT(all, Catch::Contains("ids.jsonl:2: field \"spans[0].id\" must be"));
    CHECK_THAT(all, Catch::Contains("ids.jsonl:3: field \"spans[0].id\" must be"));
    CHECK_THAT(all, Catch::Contains("ids.jsonl:4: span id T1 is used twice"));
    CHECK_THAT(all, Catch::Contains("ids.jsonl:5: relation R1 points at missing span T2"));
    // The string "1" and the number 1 are different ids.
    CHECK_THAT(all, Catch::Contains("ids.jsonl:6: relation 0 points at missing span 1"));
    CHECK_THAT(all, Catch::Contains("ids.jsonl:7: missing field \"relations[0].to\""));
}
